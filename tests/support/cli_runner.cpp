#include "support/cli_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <array>
#include <cerrno>

extern char** environ;

namespace ekm_test {

namespace {

// argv as the char* array that posix_spawn wants (the strings must outlive the call).
std::vector<char*> argvOf(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

// Appends what is available on `fd` to `text`; false at end of file.
bool readInto(int fd, std::string& text) {
  std::array<char, 4096> buf{};
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n > 0) {
      text.append(buf.data(), static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

int exitCodeOf(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

int waitFor(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return status;
}

// Spawns `args` with stdout and stderr into pipes (or stderr into the stdout pipe) and reads
// both until the process closes them.
CliRun spawnAndCapture(std::vector<std::string> args, Streams streams) {
  CliRun result;
  int outPipe[2], errPipe[2];
  if (::pipe2(outPipe, O_CLOEXEC) != 0) return result;
  if (::pipe2(errPipe, O_CLOEXEC) != 0) {
    ::close(outPipe[0]);
    ::close(outPipe[1]);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, outPipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, streams == Streams::Merged ? outPipe[1] : errPipe[1],
                                   STDERR_FILENO);
  auto argv = argvOf(args);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(outPipe[1]);
  ::close(errPipe[1]);
  std::array<pollfd, 2> fds{pollfd{outPipe[0], POLLIN, 0}, pollfd{errPipe[0], POLLIN, 0}};
  while (rc == 0 && (fds[0].fd >= 0 || fds[1].fd >= 0)) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i)
      if (fds[i].fd >= 0 && fds[i].revents != 0 && !readInto(fds[i].fd, i == 0 ? result.out : result.err)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
      }
  }
  for (const auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  if (rc == 0) result.exitCode = exitCodeOf(waitFor(pid));
  return result;
}

}  // namespace

std::string cliPath() { return EKM_CLI_PATH; }

std::string quote(const std::string& text) {
  std::string q = "'";
  for (const char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CliRun run(const std::string& commandLine, Streams streams) {
  return spawnAndCapture({"/bin/sh", "-c", commandLine}, streams);
}

CliRun cli(const std::string& args, Streams streams) { return run(quote(cliPath()) + " " + args, streams); }

CliRun cliArgs(const std::vector<std::string>& args, Streams streams) {
  std::vector<std::string> all{cliPath()};
  all.insert(all.end(), args.begin(), args.end());
  return spawnAndCapture(std::move(all), streams);
}

CliProcess::CliProcess(const std::vector<std::string>& args) {
  int errPipe[2];
  if (::pipe2(errPipe, O_CLOEXEC) != 0) return;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, errPipe[1], STDERR_FILENO);
  std::vector<std::string> all{cliPath()};
  all.insert(all.end(), args.begin(), args.end());
  auto argv = argvOf(all);
  if (::posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) m_pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(errPipe[1]);
  m_errFd = errPipe[0];
}

CliProcess::~CliProcess() {
  if (m_pid > 0 && m_status == -1) {
    ::kill(m_pid, SIGKILL);
    wait();
  }
  if (m_errFd >= 0) ::close(m_errFd);
}

bool CliProcess::readSome() {
  if (m_errFd < 0) return false;
  if (readInto(m_errFd, m_err)) return true;
  ::close(m_errFd);
  m_errFd = -1;
  return false;
}

bool CliProcess::waitForStderr(const std::string& text) {
  while (m_err.find(text) == std::string::npos)
    if (!readSome()) return false;
  return true;
}

void CliProcess::signal(int sig) {
  if (m_pid > 0 && m_status == -1) ::kill(m_pid, sig);
}

int CliProcess::wait() {
  while (readSome()) {
  }
  if (m_pid > 0 && m_status == -1) m_status = waitFor(m_pid);
  return m_status;
}

}  // namespace ekm_test
