#include "cli_args.h"

#include "ekm/core/error.h"

namespace ekm::cli {

using core::Error;
using core::ErrorCode;

Args::Args(std::vector<std::string> argv, std::set<std::string> flagNames) {
  bool onlyPositionals = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (onlyPositionals || a.size() < 3 || a.rfind("--", 0) != 0) {
      if (a == "--") {
        onlyPositionals = true;
        continue;
      }
      m_positionals.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    const auto eq = name.find('=');
    if (eq != std::string::npos) {
      m_options.emplace_back(name.substr(0, eq), name.substr(eq + 1));
      continue;
    }
    if (flagNames.count(name)) {
      m_flags.insert(name);
      continue;
    }
    if (i + 1 >= argv.size()) throw Error(ErrorCode::Usage, "option --" + name + " needs a value");
    m_options.emplace_back(name, argv[++i]);
  }
}

const std::string& Args::positional(std::size_t index, const std::string& what) const {
  if (index >= m_positionals.size()) throw Error(ErrorCode::Usage, "missing argument: " + what);
  return m_positionals[index];
}

bool Args::flag(const std::string& name) const { return m_flags.count(name) > 0; }

std::optional<std::string> Args::value(const std::string& name) const {
  for (auto it = m_options.rbegin(); it != m_options.rend(); ++it)
    if (it->first == name) return it->second;
  return std::nullopt;
}

std::string Args::required(const std::string& name) const {
  auto v = value(name);
  if (!v) throw Error(ErrorCode::Usage, "missing required option --" + name);
  return *v;
}

void Args::checkKnown(const std::set<std::string>& known) const {
  for (const auto& [name, v] : m_options)
    if (!known.count(name)) throw Error(ErrorCode::Usage, "unknown option --" + name);
  for (const auto& name : m_flags)
    if (!known.count(name)) throw Error(ErrorCode::Usage, "unknown option --" + name);
}

}  // namespace ekm::cli
