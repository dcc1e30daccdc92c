#pragma once
// Params reflection. A Params struct lists its fields once:
//
//   struct ForecastParams {
//     std::string cell;
//     int horizon_days = 7;
//     template <class V> void fields(V& v) {
//       v("cell", cell, {.help = "1/8 mesh code", .required = true});
//       v("horizon_days", horizon_days, {.help = "days ahead", .min = 1, .max = 365});
//     }
//     void validate() const;  // optional: checks across fields, throws ParamError
//   };
//
// and gets, from that one list: its JSON schema (schemaOf), a validating JSON reader
// (fromJson: types, ranges, choices, required, unknown keys, each error naming the field,
// what was expected and what was found), a JSON writer (toJson) and its field list
// (fieldsOf) for the CLI's flags and the GUI's generated form.
//
// A field may itself be a Params struct (a nested object) or a std::vector of them (an
// array of typed objects), e.g. a scenario's network edits:
//
//   struct AddedLink { std::vector<double> from; std::optional<double> speed_kmh;
//                      template <class V> void fields(V& v) { ... }
//                      void validate(const ops::ParamSource& at) const; };  // optional
//   struct NetworkEdits { std::vector<std::string> close; std::vector<AddedLink> add; ... };
//   struct EditsParams { std::optional<NetworkEdits> edits; ... };
//
// The schema then documents every nested field; the reader checks them with the same rules
// and names them by their JSON path in errors ("edits.add[2].speed_kmh").
#include <cmath>
#include <concepts>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/ops/field_spec.h"

namespace ekm::ops {

// A bad parameter: exit code 2 (usage) in the CLI, a form error in the GUI, a failed
// validation (before any work) in a scenario run.
class ParamError : public core::Error {
 public:
  explicit ParamError(std::string message, core::ErrorContext context = {})
      : core::Error(core::ErrorCode::Usage, std::move(message), std::move(context)) {}
};

// Where parameters come from, for error messages: the file (a scenario or params file,
// empty for the command line), a path prefix ("steps[2].params.") and whether field
// names are shown as CLI flags ("--max-iter").
struct ParamSource {
  std::string file;
  std::string prefix;
  bool cliFlags = false;
  std::string display(const std::string& field) const;
  // The prefix without its trailing '.': the path of a nested object ("edits.add[2]").
  std::string here() const;
};

namespace detail {

// Only declared: the visitor type of the ParamsStruct concept.
struct AnyFieldVisitor {
  template <class T>
  void operator()(const char*, T&, const FieldSpec&);
};

template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
template <class T> struct Unwrap { using type = T; };
template <class T> struct Unwrap<std::optional<T>> { using type = T; };

}  // namespace detail

// A struct that lists its fields (a Params struct, or a nested object of one).
template <class T>
concept ParamsStruct = std::is_class_v<T> && requires(T& t, detail::AnyFieldVisitor& v) { t.fields(v); };

template <class P>
P fromJson(const Json& j, const ParamSource& src = {});
template <class P>
Json toJson(const P& params);
template <class P>
std::vector<FieldInfo> fieldsOf();

namespace detail {

template <class T> struct IsObjectList : std::false_type {};
template <ParamsStruct T> struct IsObjectList<std::vector<T>> : std::true_type {};

template <class T>
constexpr FieldKind kindOf() {
  using U = typename Unwrap<T>::type;
  if constexpr (std::is_same_v<U, bool>) return FieldKind::Boolean;
  else if constexpr (std::is_integral_v<U>) return FieldKind::Integer;
  else if constexpr (std::is_floating_point_v<U>) return FieldKind::Number;
  else if constexpr (std::is_same_v<U, std::string>) return FieldKind::String;
  else if constexpr (std::is_same_v<U, std::vector<std::string>>) return FieldKind::StringList;
  else if constexpr (std::is_same_v<U, std::vector<double>>) return FieldKind::NumberList;
  else if constexpr (std::is_same_v<U, Json>) return FieldKind::Object;
  else if constexpr (ParamsStruct<U>) return FieldKind::Object;
  else if constexpr (IsObjectList<U>::value) return FieldKind::ObjectList;
  else static_assert(sizeof(U) == 0, "unsupported Params field type");
}

// Reads one JSON value into a field; throws ParamError naming the field.
void readField(const Json& j, bool& out, const std::string& field, const ParamSource& src);
void readField(const Json& j, std::int64_t& out, const std::string& field, const ParamSource& src);
void readField(const Json& j, double& out, const std::string& field, const ParamSource& src);
void readField(const Json& j, std::string& out, const std::string& field, const ParamSource& src);
void readField(const Json& j, std::vector<std::string>& out, const std::string& field, const ParamSource& src);
void readField(const Json& j, std::vector<double>& out, const std::string& field, const ParamSource& src);
void readField(const Json& j, Json& out, const std::string& field, const ParamSource& src);
[[noreturn]] void throwType(const Json& j, const std::string& field, const char* expected, const ParamSource& src);
// The source of a nested object at `path` ("edits", "edits.add[2]") below `src`.
ParamSource nestedSource(const ParamSource& src, const std::string& path);
// A JSON value given as text (a CLI flag) parsed, else the value itself.
Json parsedIfText(const Json& j, const std::string& field, const ParamSource& src);

template <ParamsStruct P>
void readField(const Json& j, P& out, const std::string& field, const ParamSource& src) {
  out = fromJson<P>(parsedIfText(j, field, src), nestedSource(src, field));
}
template <ParamsStruct P>
void readField(const Json& j, std::vector<P>& out, const std::string& field, const ParamSource& src) {
  const Json list = parsedIfText(j, field, src);
  if (!list.is_array()) throwType(list, field, "a list of objects", src);
  out.clear();
  for (std::size_t i = 0; i < list.size(); ++i)
    out.push_back(fromJson<P>(list[i], nestedSource(src, field + "[" + std::to_string(i) + "]")));
}
template <std::integral T>
  requires(!std::is_same_v<T, bool> && !std::is_same_v<T, std::int64_t>)
void readField(const Json& j, T& out, const std::string& field, const ParamSource& src) {
  std::int64_t v = 0;
  readField(j, v, field, src);
  out = static_cast<T>(v);
}

// Range and choice checks of a present value.
void checkDomain(double value, const FieldSpec& spec, const std::string& field, const ParamSource& src);
void checkDomain(const std::string& value, const FieldSpec& spec, const std::string& field, const ParamSource& src);
void checkDomain(const std::vector<std::string>& value, const FieldSpec& spec, const std::string& field,
                 const ParamSource& src);
void checkDomain(const std::vector<double>& value, const FieldSpec& spec, const std::string& field,
                 const ParamSource& src);
inline void checkDomain(const Json&, const FieldSpec&, const std::string&, const ParamSource&) {}
inline void checkDomain(bool, const FieldSpec&, const std::string&, const ParamSource&) {}
// Nested objects were checked field by field as they were read.
template <ParamsStruct P>
void checkDomain(const P&, const FieldSpec&, const std::string&, const ParamSource&) {}
template <ParamsStruct P>
void checkDomain(const std::vector<P>&, const FieldSpec&, const std::string&, const ParamSource&) {}

[[noreturn]] void throwMissing(const std::string& field, const FieldSpec& spec, FieldKind kind,
                               const ParamSource& src);
[[noreturn]] void throwUnknown(const std::string& key, const std::vector<std::string>& known,
                               const ParamSource& src);

// Schema fragment of one field.
Json fieldSchema(FieldKind kind, const FieldSpec& spec, const Json& defaultValue, bool optional);

template <class T>
Json toJsonValue(const T& v) {
  if constexpr (IsOptional<T>::value) {
    return v ? toJsonValue(*v) : Json(nullptr);
  } else if constexpr (ParamsStruct<T>) {
    return toJson(v);
  } else if constexpr (IsObjectList<T>::value) {
    Json list = Json::array();
    for (const auto& e : v) list.push_back(toJson(e));
    return list;
  } else {
    return Json(v);
  }
}

template <class T>
std::vector<FieldInfo> nestedFields() {
  using U = typename Unwrap<T>::type;
  if constexpr (ParamsStruct<U>) return fieldsOf<U>();
  else if constexpr (IsObjectList<U>::value) return fieldsOf<typename U::value_type>();
  else return {};
}

struct FieldCollector {
  std::vector<FieldInfo> fields;
  template <class T>
  void operator()(const char* name, T& value, FieldSpec spec) {
    FieldInfo f;
    f.name = name;
    f.kind = kindOf<T>();
    f.optional = IsOptional<T>::value;
    f.defaultValue = toJsonValue(value);
    f.spec = std::move(spec);
    f.nested = nestedFields<T>();
    fields.push_back(std::move(f));
  }
};

struct JsonWriter {
  Json out = Json::object();
  template <class T>
  void operator()(const char* name, T& value, const FieldSpec&) {
    if constexpr (IsOptional<T>::value) {
      if (!value) return;
    }
    out[name] = toJsonValue(value);
  }
};

struct JsonReader {
  const Json& in;
  const ParamSource& src;
  std::vector<std::string> known;
  template <class T>
  void operator()(const char* name, T& value, const FieldSpec& spec) {
    known.emplace_back(name);
    const auto it = in.find(name);
    if (it == in.end() || it->is_null()) {
      if (spec.required) throwMissing(name, spec, kindOf<T>(), src);
      return;  // keeps the default
    }
    using U = typename Unwrap<T>::type;
    U v{};
    if constexpr (IsOptional<T>::value) {
      readField(*it, v, name, src);
    } else {
      v = value;
      readField(*it, v, name, src);
    }
    if constexpr (std::is_arithmetic_v<U> && !std::is_same_v<U, bool>)
      checkDomain(static_cast<double>(v), spec, name, src);
    else
      checkDomain(v, spec, name, src);
    value = std::move(v);
  }
};

// The field checks of JsonReader on a typed value: required fields present (a non-empty
// string or a set optional), ranges and choices. A value equal to the field's default is
// not checked, as JsonReader keeps an absent field's default unchecked.
struct DomainChecker {
  const std::vector<FieldInfo>& defaults;
  const ParamSource& src;
  std::size_t index = 0;
  template <class T>
  void operator()(const char* name, T& value, const FieldSpec& spec) {
    const FieldInfo& field = defaults.at(index++);
    if constexpr (IsOptional<T>::value) {
      if (!value) {
        if (spec.required) throwMissing(name, spec, kindOf<T>(), src);
        return;
      }
    } else if constexpr (requires { value.empty(); }) {  // strings, lists, JSON objects
      if (spec.required && value.empty()) throwMissing(name, spec, kindOf<T>(), src);
    }
    const Json asJson = toJsonValue(value);
    if (asJson == field.defaultValue) return;
    using U = typename Unwrap<T>::type;
    const U& v = [&]() -> const U& {
      if constexpr (IsOptional<T>::value) return *value;
      else return value;
    }();
    if constexpr (ParamsStruct<U> || IsObjectList<U>::value) {
      U checked{};
      readField(asJson, checked, name, src);  // every nested field's checks, named by its path
    } else if constexpr (std::is_arithmetic_v<U> && !std::is_same_v<U, bool>)
      checkDomain(static_cast<double>(v), spec, name, src);
    else
      checkDomain(v, spec, name, src);
  }
};

template <class P>
concept HasValidate = requires(const P& p) { p.validate(); };
// A nested object's checks across its fields, naming them below `at` (at.display("from")).
template <class P>
concept HasValidateAt = requires(const P& p, const ParamSource& at) { p.validate(at); };

}  // namespace detail

// The fields of P with their specs and defaults.
template <class P>
std::vector<FieldInfo> fieldsOf() {
  P p{};
  detail::FieldCollector c;
  p.fields(c);
  return c.fields;
}

// JSON schema (draft 2020-12) of P's parameters, derived from its fields.
Json schemaFromFields(const std::vector<FieldInfo>& fields, const std::string& title = {});
// The schema of one field, with the properties of a nested object (or of a list's items).
Json fieldSchema(const FieldInfo& field);
template <class P>
Json schemaOf(const std::string& title = {}) {
  return schemaFromFields(fieldsOf<P>(), title);
}

template <class P>
Json toJson(const P& params) {
  detail::JsonWriter w;
  const_cast<P&>(params).fields(w);
  return w.out;
}

// Checks across fields (P::validate), when P has them.
template <class P>
void validate(const P& params, const ParamSource& src = {}) {
  if constexpr (detail::HasValidateAt<P>) params.validate(src);
  else if constexpr (detail::HasValidate<P>) params.validate();
}

// The checks fromJson applies, on a typed P (a dock's fields, a command's struct): required
// fields, ranges and choices, then P::validate(). Throws ParamError naming the field.
template <class P>
void checkParams(const P& params, const ParamSource& src = {}) {
  const auto defaults = fieldsOf<P>();
  detail::DomainChecker c{defaults, src};
  const_cast<P&>(params).fields(c);
  validate(params, src);
}

// Reads and validates P from a JSON object: unknown keys, types, required fields,
// ranges and choices, then P::validate(). Every error names the field.
template <class P>
P fromJson(const Json& j, const ParamSource& src) {
  if (!j.is_object())
    throw ParamError(src.prefix.empty() ? "parameters must be a JSON object" : "bad parameter " + src.here(),
                     core::ErrorContext{src.file, std::nullopt, std::nullopt, src.here(), "an object",
                                        std::string(j.type_name())});
  P p{};
  detail::JsonReader r{j, src, {}};
  p.fields(r);
  for (const auto& [key, value] : j.items()) {
    bool found = false;
    for (const auto& k : r.known) found = found || k == key;
    if (!found) detail::throwUnknown(key, r.known, src);
  }
  validate(p, src);
  return p;
}

}  // namespace ekm::ops
