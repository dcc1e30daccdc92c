#pragma once
// Minimal argument parsing: positionals, --flag, --key VALUE and --key=VALUE.
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ekm::cli {

class Args {
 public:
  // flagNames: options that take no value; every other --option takes one value.
  Args(std::vector<std::string> argv, std::set<std::string> flagNames);

  const std::vector<std::string>& positionals() const { return m_positionals; }
  // Throws Error(Usage) if index is missing; `what` names it in the message.
  const std::string& positional(std::size_t index, const std::string& what) const;
  bool flag(const std::string& name) const;
  std::optional<std::string> value(const std::string& name) const;
  std::string required(const std::string& name) const;  // throws Error(Usage)
  // Throws Error(Usage) on options not in `known` (names without leading dashes).
  void checkKnown(const std::set<std::string>& known) const;

 private:
  std::vector<std::string> m_positionals;
  std::vector<std::pair<std::string, std::string>> m_options;
  std::set<std::string> m_flags;
};

}  // namespace ekm::cli
