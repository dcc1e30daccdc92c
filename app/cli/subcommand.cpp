// Sub-command words among operation options (see subcommand.h).
#include "subcommand.h"

namespace ekm::cli {

namespace {

bool takesValue(const std::string& name, const std::vector<ops::FieldInfo>& fields) {
  if (name == "quiet") return false;
  for (const auto& f : fields)
    if (ops::cliFlagName(f.name) == "--" + name) return f.kind != ops::FieldKind::Boolean;
  return true;  // --project and unknown options (reported by the option parser)
}

}  // namespace

std::string takeSubcommand(std::vector<std::string>& argv, const std::vector<ops::FieldInfo>& fields) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      if (a.find('=') == std::string::npos && takesValue(a.substr(2), fields)) ++i;
      continue;
    }
    std::string word = a;
    argv.erase(argv.begin() + static_cast<std::ptrdiff_t>(i));
    return word;
  }
  return "";
}

bool hasOption(const std::vector<std::string>& argv, const std::string& name) {
  for (const auto& a : argv)
    if (a == "--" + name || a.rfind("--" + name + "=", 0) == 0) return true;
  return false;
}

}  // namespace ekm::cli
