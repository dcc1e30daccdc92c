#pragma once
// The QtTest executables' way to run ekimachi-cli (tests/widgets): Qt strings in and out,
// on top of cli_runner.h's cliArgs (stdout and stderr merged, as the shell's 2>&1).
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

#include "support/cli_runner.h"

namespace ekm_test {

// Runs ekimachi-cli with `args` (no shell) and returns its exit code (-1 when it could not
// start or ended by a signal); `output`, when given, receives stdout and stderr.
inline int cli(const QStringList& args, QString* output = nullptr) {
  std::vector<std::string> argv;
  argv.reserve(static_cast<std::size_t>(args.size()));
  for (const auto& a : args) argv.push_back(a.toStdString());
  const CliRun r = cliArgs(argv, Streams::Merged);
  if (output) *output = QString::fromStdString(r.out);
  return r.exitCode;
}

}  // namespace ekm_test
