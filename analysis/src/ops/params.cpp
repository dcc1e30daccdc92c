// Params reflection: JSON reading with field-named errors, domain checks, schemas.
#include "ekm/ops/params.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <sstream>

namespace ekm::ops {

const char* fieldKindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::Boolean: return "boolean";
    case FieldKind::Integer: return "integer";
    case FieldKind::Number: return "number";
    case FieldKind::String: return "string";
    case FieldKind::StringList: return "list of strings";
    case FieldKind::NumberList: return "list of numbers";
    case FieldKind::Object: return "JSON value";
    case FieldKind::ObjectList: return "list of objects";
  }
  return "?";
}

std::string cliFlagName(const std::string& fieldName) {
  std::string s = "--" + fieldName;
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

std::string ParamSource::display(const std::string& field) const {
  return cliFlags ? cliFlagName(field) : prefix + field;
}

std::string ParamSource::here() const {
  return !prefix.empty() && prefix.back() == '.' ? prefix.substr(0, prefix.size() - 1) : prefix;
}

namespace detail {
namespace {

std::string shortDump(const Json& j) {
  std::string s = j.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

std::string numberText(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

// A positional CLI argument is shown by its name in capitals (KIND), a flag as --flag.
std::string shown(const std::string& field, const FieldSpec& spec, const ParamSource& src) {
  if (src.cliFlags && spec.positional >= 0) {
    std::string s = field;
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }
  return src.display(field);
}

// A CLI value arrives as a string: accept numbers written as text there.
bool numberFromText(const Json& j, double& out) {
  if (!j.is_string()) return false;
  const std::string s = j.get<std::string>();
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && end && *end == '\0';
}

}  // namespace

void throwType(const Json& j, const std::string& field, const char* expected, const ParamSource& src) {
  throw ParamError("bad parameter " + src.display(field),
                   core::ErrorContext{src.file, std::nullopt, std::nullopt, src.display(field), expected,
                                      shortDump(j)});
}

ParamSource nestedSource(const ParamSource& src, const std::string& path) {
  // A nested object's fields are named by their JSON path, also below a CLI flag.
  ParamSource out;
  out.file = src.file;
  out.prefix = (src.cliFlags ? std::string() : src.prefix) + path + ".";
  return out;
}

Json parsedIfText(const Json& j, const std::string& field, const ParamSource& src) {
  if (!j.is_string()) return j;
  try {  // CLI: inline JSON text
    return Json::parse(j.get<std::string>());
  } catch (const nlohmann::json::exception&) {
    throwType(j, field, "JSON", src);
  }
}

void readField(const Json& j, bool& out, const std::string& field, const ParamSource& src) {
  if (j.is_boolean()) {
    out = j.get<bool>();
    return;
  }
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    if (s == "true" || s == "1" || s == "yes") {
      out = true;
      return;
    }
    if (s == "false" || s == "0" || s == "no") {
      out = false;
      return;
    }
  }
  throwType(j, field, "true or false", src);
}

void readField(const Json& j, std::int64_t& out, const std::string& field, const ParamSource& src) {
  double d = 0;
  if (j.is_number_integer()) {
    out = j.get<std::int64_t>();
    return;
  }
  if (j.is_number_float()) d = j.get<double>();
  else if (!numberFromText(j, d)) throwType(j, field, "an integer", src);
  if (!std::isfinite(d) || d != std::floor(d) || std::abs(d) > 9.0e15) throwType(j, field, "an integer", src);
  out = static_cast<std::int64_t>(d);
}

void readField(const Json& j, double& out, const std::string& field, const ParamSource& src) {
  double d = 0;
  if (j.is_number()) d = j.get<double>();
  else if (!numberFromText(j, d)) throwType(j, field, "a number", src);
  if (!std::isfinite(d)) throwType(j, field, "a finite number", src);
  out = d;
}

void readField(const Json& j, std::string& out, const std::string& field, const ParamSource& src) {
  if (j.is_string()) out = j.get<std::string>();
  else if (j.is_number_integer()) out = j.dump();  // a mesh code written as a number
  else throwType(j, field, "a string", src);
}

void readField(const Json& j, std::vector<std::string>& out, const std::string& field, const ParamSource& src) {
  out.clear();
  if (j.is_string()) {  // CLI: "a,b,c"
    std::stringstream ss(j.get<std::string>());
    std::string item;
    while (std::getline(ss, item, ',')) out.push_back(item);
    return;
  }
  if (!j.is_array()) throwType(j, field, "a list of strings", src);
  for (const auto& e : j) {
    std::string s;
    readField(e, s, field, src);
    out.push_back(std::move(s));
  }
}

void readField(const Json& j, std::vector<double>& out, const std::string& field, const ParamSource& src) {
  out.clear();
  if (j.is_string()) {
    std::stringstream ss(j.get<std::string>());
    std::string item;
    while (std::getline(ss, item, ',')) {
      double d = 0;
      readField(Json(item), d, field, src);
      out.push_back(d);
    }
    return;
  }
  if (!j.is_array()) throwType(j, field, "a list of numbers", src);
  for (const auto& e : j) {
    double d = 0;
    readField(e, d, field, src);
    out.push_back(d);
  }
}

void readField(const Json& j, Json& out, const std::string& field, const ParamSource& src) {
  out = parsedIfText(j, field, src);
}

void checkDomain(double value, const FieldSpec& spec, const std::string& field, const ParamSource& src) {
  const bool low = (spec.min && value < *spec.min) || (spec.above && !(value > *spec.above));
  const bool high = spec.max && value > *spec.max;
  if (!low && !high) return;
  std::string expected;
  if (spec.above && spec.max) expected = "a value > " + numberText(*spec.above) + " and <= " + numberText(*spec.max);
  else if (spec.above) expected = "a value > " + numberText(*spec.above);
  else if (spec.min && spec.max) expected = "a value in " + numberText(*spec.min) + ".." + numberText(*spec.max);
  else if (spec.min) expected = "a value >= " + numberText(*spec.min);
  else expected = "a value <= " + numberText(*spec.max);
  throw ParamError("parameter " + shown(field, spec, src) + " out of range",
                   core::ErrorContext{src.file, std::nullopt, std::nullopt, shown(field, spec, src), expected,
                                      numberText(value)});
}

void checkDomain(const std::string& value, const FieldSpec& spec, const std::string& field, const ParamSource& src) {
  if (spec.choices.empty()) {
    if (spec.required && value.empty())
      throw ParamError("parameter " + shown(field, spec, src) + " is empty",
                       core::ErrorContext{src.file, std::nullopt, std::nullopt, shown(field, spec, src),
                                          "a non-empty string", "\"\""});
    return;
  }
  if (std::find(spec.choices.begin(), spec.choices.end(), value) != spec.choices.end()) return;
  std::string expected = "one of ";
  for (std::size_t i = 0; i < spec.choices.size(); ++i) expected += (i ? "|" : "") + spec.choices[i];
  throw ParamError("bad value of " + shown(field, spec, src),
                   core::ErrorContext{src.file, std::nullopt, std::nullopt, shown(field, spec, src), expected, value});
}

void checkDomain(const std::vector<std::string>& value, const FieldSpec& spec, const std::string& field,
                 const ParamSource& src) {
  if (spec.choices.empty()) return;
  for (const auto& v : value) checkDomain(v, spec, field, src);
}

void checkDomain(const std::vector<double>& value, const FieldSpec& spec, const std::string& field,
                 const ParamSource& src) {
  for (double v : value) checkDomain(v, spec, field, src);
}

void throwMissing(const std::string& field, const FieldSpec& spec, FieldKind kind, const ParamSource& src) {
  std::string expected = fieldKindName(kind);
  if (spec.help && *spec.help) expected += " (" + std::string(spec.help) + ")";
  throw ParamError("missing parameter " + shown(field, spec, src),
                   core::ErrorContext{src.file, std::nullopt, std::nullopt, shown(field, spec, src), expected, "nothing"});
}

void throwUnknown(const std::string& key, const std::vector<std::string>& known, const ParamSource& src) {
  std::string expected = "one of ";
  for (std::size_t i = 0; i < known.size(); ++i) expected += (i ? ", " : "") + src.display(known[i]);
  throw ParamError("unknown parameter " + src.display(key),
                   core::ErrorContext{src.file, std::nullopt, std::nullopt, src.display(key), expected, key});
}

Json fieldSchema(FieldKind kind, const FieldSpec& spec, const Json& defaultValue, bool optional) {
  Json s = Json::object();
  switch (kind) {
    case FieldKind::Boolean: s["type"] = "boolean"; break;
    case FieldKind::Integer: s["type"] = "integer"; break;
    case FieldKind::Number: s["type"] = "number"; break;
    case FieldKind::String: s["type"] = "string"; break;
    case FieldKind::StringList:
      s["type"] = "array";
      s["items"] = {{"type", "string"}};
      break;
    case FieldKind::NumberList:
      s["type"] = "array";
      s["items"] = {{"type", "number"}};
      break;
    case FieldKind::Object:
      if (spec.schema) s = Json::parse(spec.schema);
      break;
    case FieldKind::ObjectList:
      s["type"] = "array";
      break;
  }
  if (spec.help && *spec.help) s["description"] = spec.help;
  if (spec.min) s["minimum"] = *spec.min;
  if (spec.above) s["exclusiveMinimum"] = *spec.above;
  if (spec.max) s["maximum"] = *spec.max;
  if (!spec.choices.empty()) {
    if (kind == FieldKind::StringList) s["items"]["enum"] = spec.choices;
    else s["enum"] = spec.choices;
  }
  if (spec.format) s["format"] = spec.format;
  switch (spec.role) {
    case Role::InputFile: s["x-role"] = "input-file"; break;
    case Role::OutputFile: s["x-role"] = "output-file"; break;
    case Role::OutputDir: s["x-role"] = "output-dir"; break;
    case Role::None: break;
  }
  if (spec.positional >= 0) s["x-positional"] = spec.positional;
  if (!optional && !spec.required && !defaultValue.is_null()) s["default"] = defaultValue;
  return s;
}

}  // namespace detail

namespace {

// type, additionalProperties, properties and required of an object with these fields.
Json objectSchema(const std::vector<FieldInfo>& fields) {
  Json s = Json::object();
  s["type"] = "object";
  s["additionalProperties"] = false;
  Json props = Json::object();
  Json required = Json::array();
  for (const auto& f : fields) {
    props[f.name] = fieldSchema(f);
    if (f.spec.required) required.push_back(f.name);
  }
  s["properties"] = props;
  if (!required.empty()) s["required"] = required;
  return s;
}

}  // namespace

Json fieldSchema(const FieldInfo& field) {
  Json s = detail::fieldSchema(field.kind, field.spec, field.defaultValue, field.optional);
  if (field.nested.empty()) return s;
  Json object = objectSchema(field.nested);
  if (field.kind == FieldKind::ObjectList) {
    s["type"] = "array";
    s["items"] = std::move(object);
  } else {
    for (auto& [k, v] : object.items()) s[k] = v;
  }
  return s;
}

Json schemaFromFields(const std::vector<FieldInfo>& fields, const std::string& title) {
  Json s = Json::object();
  s["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  if (!title.empty()) s["title"] = title;
  const Json object = objectSchema(fields);  // named: a temporary's items() would dangle
  for (const auto& [k, v] : object.items()) s[k] = v;
  return s;
}

}  // namespace ekm::ops
