#pragma once
// The CLI's one typed argument layer: a command's flags are its operation's Params
// fields (`max_iter` is `--max-iter VALUE`, a boolean is a bare `--force`, a field with
// a positional index is a positional argument; a string-list one, the last, takes the rest). Values are checked by the same reader
// as JSON params (types, ranges, choices, required), errors naming the flag.
// Common flags: --project P (the session's project), --quiet (no progress bar).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ekm/ops/operation.h"

namespace ekm::cli {

// Options of the command itself, not of the operation (how to print the result).
struct CliExtras {
  std::set<std::string> flags;    // value-less, e.g. "json"
  std::set<std::string> options;  // with a value, e.g. "format"
};

struct OpArgs {
  ops::Session session;
  ops::Json params = ops::Json::object();  // raw values, to be read by ops::fromJson
  bool quiet = false;
  std::set<std::string> flags;                  // extras given
  std::map<std::string, std::string> options;   // extras given
  std::string option(const std::string& name, const std::string& fallback) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
};

// Throws Error(Usage) on unknown options or surplus positionals.
OpArgs parseOpArgs(const std::vector<ops::FieldInfo>& fields, const std::vector<std::string>& argv,
                   const CliExtras& extras = {});

// The flags read as a Params struct P (an operation's, or a command's own like `mesh`'s).
template <class P>
struct TypedArgs {
  ops::Session session;
  P params;
  bool quiet = false;
  std::set<std::string> flags;
  std::map<std::string, std::string> options;
  std::string option(const std::string& name, const std::string& fallback) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
};

// A ParamError of a cross-field check (Params::validate names the field) as the CLI shows it:
// the field as its flag (a positional one in capitals). Others are rethrown as they are.
[[noreturn]] void rethrowNamingFlag(const ops::ParamError& error, const std::vector<ops::FieldInfo>& fields);

template <class P>
TypedArgs<P> parseArgsAs(const std::vector<std::string>& argv, const CliExtras& extras = {}) {
  const auto fields = ops::fieldsOf<P>();
  OpArgs a = parseOpArgs(fields, argv, extras);
  ops::ParamSource src;
  src.cliFlags = true;
  try {
    P params = ops::fromJson<P>(a.params, src);
    return {std::move(a.session), std::move(params), a.quiet, std::move(a.flags), std::move(a.options)};
  } catch (const ops::ParamError& e) {
    rethrowNamingFlag(e, fields);
  }
}

template <class Op>
using TypedOpArgs = TypedArgs<typename Op::Params>;

template <class Op>
TypedOpArgs<Op> parseOpArgs(const std::vector<std::string>& argv, const CliExtras& extras = {}) {
  return parseArgsAs<typename Op::Params>(argv, extras);
}

// Usage text generated from the fields: "usage: ekimachi-cli NAME [--project P] ARGS [options]" and one
// line per option with its type, default, range/choices and help.
std::string usageFromFields(const std::string& command, const std::string& summary,
                            const std::vector<ops::FieldInfo>& fields, bool needsProject);

}  // namespace ekm::cli
