#pragma once
// What an operation's parameter is: its help text, whether it is required, its domain
// (range, choices) and its role (an input file, an output file...). A Params struct
// lists its fields once with a FieldSpec each; the JSON schema, the JSON reader and
// writer, the CLI flags and the GUI's generated form are all derived from that list.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

// Params list their fields with designated initializers ({.help = ..., .min = 1}) that
// leave the other FieldSpec members at their defaults on purpose; GCC 12's -Wextra
// warns about that in every file that lists fields.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace ekm::ops {

using Json = nlohmann::ordered_json;

enum class Role {
  None,
  InputFile,   // read by the operation; recorded with its SHA-256 in a run's provenance
  OutputFile,  // written by the operation
  OutputDir,
};

// The value type of a field, as the schema, the CLI and the form see it.
// Object is a JSON object: a nested Params struct (its fields listed in FieldInfo::nested) or
// a free JSON value; ObjectList a JSON array of nested Params structs.
enum class FieldKind { Boolean, Integer, Number, String, StringList, NumberList, Object, ObjectList };

struct FieldSpec {
  const char* help = "";
  bool required = false;
  std::optional<double> min;           // numbers: inclusive bounds
  std::optional<double> max;
  std::optional<double> above;         // numbers: exclusive lower bound (a value > above)
  std::vector<std::string> choices;    // strings: the allowed values
  Role role = Role::None;
  int positional = -1;                 // CLI: the position of a positional argument (0-based)
  const char* format = nullptr;        // informative JSON-schema format: "date", "date-range", ...
  const char* schema = nullptr;        // Object fields: the JSON schema of the value (raw JSON text)
};

// One field of a Params struct, as listed by its fields() visitor.
struct FieldInfo {
  std::string name;
  FieldKind kind = FieldKind::String;
  bool optional = false;  // std::optional<T>: absent means "not given"
  FieldSpec spec;
  Json defaultValue;      // the value of a default-constructed Params (null for optional)
  // Object and ObjectList fields of a nested Params struct: the struct's fields (their
  // schema, required fields and domains); empty for a free JSON value.
  std::vector<FieldInfo> nested;
};

const char* fieldKindName(FieldKind kind);
// "--max-iter" for "max_iter".
std::string cliFlagName(const std::string& fieldName);

}  // namespace ekm::ops
