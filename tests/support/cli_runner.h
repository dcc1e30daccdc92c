#pragma once
// Runs ekimachi-cli (or any shell command) from a test and captures its exit code, stdout
// and stderr; CliProcess starts the CLI so that a test can signal it while it runs.
#include <sys/types.h>
#include <sys/wait.h>

#include <string>
#include <vector>

namespace ekm_test {

struct CliRun {
  int exitCode = -1;  // exit status; -1 when it could not start or ended by a signal
  std::string out;    // stdout; with Streams::Merged also stderr, interleaved as the shell's 2>&1
  std::string err;    // stderr (empty with Streams::Merged)
};

enum class Streams { Merged, Separate };

// The ekimachi-cli executable under test.
std::string cliPath();
// `text` single-quoted for /bin/sh.
std::string quote(const std::string& text);

// Runs a /bin/sh command line (pipes, redirections and VAR=value prefixes work).
CliRun run(const std::string& commandLine, Streams streams = Streams::Merged);
// ekimachi-cli with an argument string split by the shell: cli("mesh decode 53393569141").
CliRun cli(const std::string& args, Streams streams = Streams::Merged);
// ekimachi-cli with each argument passed as it is (no shell); stdout and stderr kept apart
// unless asked otherwise.
CliRun cliArgs(const std::vector<std::string>& args, Streams streams = Streams::Separate);

// A running ekimachi-cli: stdout goes to /dev/null, stderr is read by the test.
class CliProcess {
 public:
  explicit CliProcess(const std::vector<std::string>& args);
  ~CliProcess();  // kills and reaps a process that is still running
  CliProcess(const CliProcess&) = delete;
  CliProcess& operator=(const CliProcess&) = delete;

  bool started() const { return m_pid > 0; }
  // Reads stderr until it contains `text` (true) or the process closes it (false).
  bool waitForStderr(const std::string& text);
  void signal(int sig);
  // Reads the rest of stderr, waits for the process and returns its waitpid() status.
  int wait();
  const std::string& err() const { return m_err; }

 private:
  bool readSome();
  pid_t m_pid = -1;
  int m_errFd = -1;
  int m_status = -1;
  std::string m_err;
};

}  // namespace ekm_test
