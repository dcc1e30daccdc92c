// Flags -> JSON params, and usage text from the Params fields.
#include "op_args.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "ekm/core/error.h"

namespace ekm::cli {

using core::Error;
using core::ErrorCode;

namespace {

const ops::FieldInfo* byFlag(const std::vector<ops::FieldInfo>& fields, const std::string& flag) {
  for (const auto& f : fields)
    if (ops::cliFlagName(f.name) == "--" + flag) return &f;
  return nullptr;
}

std::string knownFlags(const std::vector<ops::FieldInfo>& fields, const CliExtras& extras) {
  std::string s = "--project, --quiet";
  for (const auto& f : fields)
    if (f.spec.positional < 0) s += ", " + ops::cliFlagName(f.name);
  for (const auto& e : extras.flags) s += ", --" + e;
  for (const auto& e : extras.options) s += ", --" + e;
  return s;
}

}  // namespace

OpArgs parseOpArgs(const std::vector<ops::FieldInfo>& fields, const std::vector<std::string>& argv,
                   const CliExtras& extras) {
  OpArgs out;
  std::vector<const ops::FieldInfo*> positional;
  for (const auto& f : fields)
    if (f.spec.positional >= 0) {
      if (positional.size() <= static_cast<std::size_t>(f.spec.positional))
        positional.resize(static_cast<std::size_t>(f.spec.positional) + 1, nullptr);
      positional[static_cast<std::size_t>(f.spec.positional)] = &f;
    }
  std::size_t nextPositional = 0;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2);
      std::optional<std::string> value;
      if (const auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (name == "quiet" && !value) {
        out.quiet = true;
        continue;
      }
      if (extras.flags.count(name) && !value) {
        out.flags.insert(name);
        continue;
      }
      if (extras.options.count(name)) {
        if (!value && i + 1 >= argv.size())
          throw Error(ErrorCode::Usage, "option --" + name + " needs a value");
        out.options[name] = value ? *value : argv[++i];
        continue;
      }
      const ops::FieldInfo* f = name == "project" ? nullptr : byFlag(fields, name);
      if (!f && name != "project")
        throw Error(ErrorCode::Usage, "unknown option --" + name,
                    core::ErrorContext{"", std::nullopt, std::nullopt, "--" + name, knownFlags(fields, extras),
                                       a});
      if (f && f->kind == ops::FieldKind::Boolean && !value) {
        out.params[f->name] = true;
        continue;
      }
      if (!value) {
        if (i + 1 >= argv.size())
          throw Error(ErrorCode::Usage, "option --" + name + " needs a value",
                      core::ErrorContext{"", std::nullopt, std::nullopt, "--" + name,
                                         f ? ops::fieldKindName(f->kind) : "a project file", "nothing"});
        value = argv[++i];
      }
      if (name == "project") {
        out.session.setProjectPath(*value);
        continue;
      }
      if (f->kind == ops::FieldKind::StringList || f->kind == ops::FieldKind::NumberList) {
        // repeated flags append: --zone A --zone B == --zone A,B
        auto& slot = out.params[f->name];
        slot = slot.is_string() ? ops::Json(slot.get<std::string>() + "," + *value) : ops::Json(*value);
      } else {
        out.params[f->name] = *value;
      }
      continue;
    }
    if (nextPositional >= positional.size() || !positional[nextPositional])
      throw Error(ErrorCode::Usage, "unexpected argument '" + a + "'");
    const ops::FieldInfo* f = positional[nextPositional];
    if (f->kind == ops::FieldKind::StringList) {  // the last positional: takes the rest
      out.params[f->name].push_back(a);
      continue;
    }
    out.params[f->name] = a;
    ++nextPositional;
  }
  return out;
}

void rethrowNamingFlag(const ops::ParamError& error, const std::vector<ops::FieldInfo>& fields) {
  core::ErrorContext c = error.context();
  for (const auto& f : fields) {
    if (f.name != c.field) continue;
    if (f.spec.positional >= 0) std::transform(c.field.begin(), c.field.end(), c.field.begin(), ::toupper);
    else c.field = ops::cliFlagName(f.name);
    throw ops::ParamError(error.message(), std::move(c));
  }
  throw error;
}

namespace {

// A field's help: its text, choices, range, and whether it is required or its default.
void fieldHelp(std::ostream& os, const ops::FieldInfo& f) {
  os << f.spec.help;
  if (!f.spec.choices.empty()) {
    os << " (";
    for (std::size_t i = 0; i < f.spec.choices.size(); ++i)
      os << (i ? "|" : "") << (f.spec.choices[i].empty() ? "\"\"" : f.spec.choices[i]);
    os << ")";
  }
  if (f.spec.min || f.spec.max) {
    os << " [";
    if (f.spec.min) os << *f.spec.min;
    os << "..";
    if (f.spec.max) os << *f.spec.max;
    os << "]";
  }
  if (f.spec.above) os << " (> " << *f.spec.above << ")";
  if (f.spec.required) os << "; required";
  else if (!f.optional && !f.defaultValue.is_null() && f.defaultValue != ops::Json("") &&
           f.kind != ops::FieldKind::Boolean)
    os << "; default " << f.defaultValue.dump();
  os << "\n";
}

// The fields of a nested object, or of a list's items, by their JSON path (edits.add[].from).
void nestedHelp(std::ostream& os, const ops::FieldInfo& parent, const std::string& path) {
  for (const auto& n : parent.nested) {
    const std::string name = path + (parent.kind == ops::FieldKind::ObjectList ? "[]." : ".") + n.name;
    os << "        " << name << " " << ops::fieldKindName(n.kind) << ": ";
    fieldHelp(os, n);
    nestedHelp(os, n, name);
  }
}

}  // namespace

std::string usageFromFields(const std::string& command, const std::string& summary,
                            const std::vector<ops::FieldInfo>& fields, bool needsProject) {
  std::ostringstream os;
  os << "usage: ekimachi-cli " << command << (needsProject ? " --project P" : "");
  std::vector<const ops::FieldInfo*> pos;
  for (const auto& f : fields)
    if (f.spec.positional >= 0) pos.push_back(&f);
  std::sort(pos.begin(), pos.end(), [](auto* a, auto* b) { return a->spec.positional < b->spec.positional; });
  for (const auto* f : pos) {
    std::string n = f->name;
    std::transform(n.begin(), n.end(), n.begin(), ::toupper);
    os << ' ' << (f->spec.required ? n : "[" + n + "]");
  }
  os << " [options]\n\n" << summary << "\n\n";
  for (const auto& f : fields) {
    std::string head = f.spec.positional >= 0 ? f.name : ops::cliFlagName(f.name);
    if (f.kind != ops::FieldKind::Boolean && f.spec.positional < 0) head += " " + std::string(ops::fieldKindName(f.kind));
    os << "  " << head << "\n      ";
    fieldHelp(os, f);
    nestedHelp(os, f, f.name);
  }
  os << "  --quiet\n      no progress output\n";
  return os.str();
}

}  // namespace ekm::cli
