// Reading scenario files and their schema.
#include "ekm/scenario/scenario_file.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "ekm/io/sha256.h"
#include "ekm/store/project_copy.h"

namespace ekm::scenario {
namespace {

using ops::Json;

core::ErrorContext at(const std::string& file, const std::string& field, const std::string& expected,
                      const std::string& found) {
  return core::ErrorContext{file, std::nullopt, std::nullopt, field, expected, found};
}

std::string shortDump(const Json& j) {
  std::string s = j.dump();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

const std::set<std::string> kTopLevel = {"scenario", "description", "project", "base_period",
                                         "edits",    "defaults",    "steps",   "$schema"};

}  // namespace

Scenario scenarioFromJson(const Json& doc, const std::string& file, const std::string& baseDir) {
  if (!doc.is_object()) throw core::ParseError("a scenario is a JSON object", at(file, "", "an object", shortDump(doc)));
  for (const auto& [k, v] : doc.items())
    if (!kTopLevel.count(k))
      throw core::ValidationError("unknown key in scenario",
                                  at(file, k, "scenario, description, project, base_period, edits, defaults, steps", k));
  Scenario s;
  s.file = file;
  s.baseDir = baseDir;
  s.source = doc;
  auto text = [&](const char* key, bool required) {
    const auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) {
      if (required) throw core::ValidationError("missing key", at(file, key, "a string", "nothing"));
      return std::string();
    }
    if (!it->is_string() || (required && it->get<std::string>().empty()))
      throw core::ValidationError("bad value", at(file, key, "a non-empty string", shortDump(*it)));
    return it->get<std::string>();
  };
  s.name = text("scenario", true);
  s.description = text("description", false);
  const std::string project = text("project", true);
  const std::filesystem::path pp(project);
  s.project = pp.is_absolute() || baseDir.empty() || store::isPostgresLocation(project)
                  ? project
                  : (std::filesystem::path(baseDir) / pp).lexically_normal().string();
  if (doc.contains("base_period") && !doc["base_period"].is_null()) {
    const Json& bp = doc["base_period"];
    if (!bp.is_object() || !bp.contains("from") || !bp.contains("to") || !bp["from"].is_string() ||
        !bp["to"].is_string() || bp.size() != 2)
      throw core::ValidationError("bad base_period",
                                  at(file, "base_period", "{\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}",
                                     shortDump(bp)));
    s.basePeriod = bp;
  }
  if (doc.contains("edits") && !doc["edits"].is_null()) {
    if (!doc["edits"].is_object())
      throw core::ValidationError("bad edits", at(file, "edits", "an object", shortDump(doc["edits"])));
    s.edits = doc["edits"];
  }
  if (doc.contains("defaults")) {
    if (!doc["defaults"].is_object())
      throw core::ValidationError("bad defaults", at(file, "defaults", "an object", shortDump(doc["defaults"])));
    s.defaults = doc["defaults"];
  }
  const auto steps = doc.find("steps");
  if (steps == doc.end() || !steps->is_array() || steps->empty())
    throw core::ValidationError("a scenario needs steps",
                                at(file, "steps", "a non-empty array of {id, op, params}",
                                   steps == doc.end() ? "nothing" : shortDump(*steps)));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const Json& st = (*steps)[i];
    const std::string where = "steps[" + std::to_string(i) + "]";
    if (!st.is_object() || !st.contains("op") || !st["op"].is_string())
      throw core::ValidationError("bad step", at(file, where, "{\"id\": ..., \"op\": NAME, \"params\": {...}}",
                                                 shortDump(st)));
    for (const auto& [k, v] : st.items())
      if (k != "id" && k != "op" && k != "params")
        throw core::ValidationError("unknown key in step", at(file, where + "." + k, "id, op, params", k));
    ScenarioStep step;
    step.op = st["op"].get<std::string>();
    step.id = st.contains("id") && st["id"].is_string() ? st["id"].get<std::string>() : step.op + "-" + std::to_string(i + 1);
    if (!ids.insert(step.id).second)
      throw core::ValidationError("duplicate step id", at(file, where + ".id", "a unique id", step.id));
    if (st.contains("params")) {
      if (!st["params"].is_object())
        throw core::ValidationError("bad params", at(file, where + ".params", "an object", shortDump(st["params"])));
      step.params = st["params"];
    }
    s.steps.push_back(std::move(step));
  }
  return s;
}

Scenario loadScenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::IoError("cannot read the scenario file", at(path, "", "a readable file", "missing or unreadable"));
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  Json doc;
  try {
    doc = Json::parse(bytes);
  } catch (const nlohmann::json::parse_error& e) {
    core::ErrorContext c = at(path, "", "JSON", "");
    // nlohmann reports a byte offset: turn it into a line number.
    const std::size_t offset = std::min<std::size_t>(e.byte, bytes.size());
    c.line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
    throw core::ParseError(std::string("not valid JSON: ") + e.what(), c);
  }
  const std::string baseDir = std::filesystem::absolute(path).parent_path().string();
  Scenario s = scenarioFromJson(doc, path, baseDir);
  io::Sha256 h;
  h.update(bytes.data(), bytes.size());
  s.sha256 = h.hexDigest();
  return s;
}

Json scenarioSchema(const ops::Registry& registry) {
  // The top-level edits fill the steps' `edits`: the schema of that parameter, with every edit's fields.
  Json editsSchema = {{"type", "object"}};
  for (const auto* op : registry.all())
    for (const auto& f : op->fields())
      if (f.name == "edits") editsSchema = ops::fieldSchema(f);
  editsSchema["description"] = "network and demand edits for steps with an 'edits' parameter";
  Json stepVariants = Json::array();
  for (const auto* op : registry.all()) {
    if (op->writesProject()) continue;
    Json v = {{"type", "object"},
              {"properties",
               {{"id", {{"type", "string"}}}, {"op", {{"const", op->name()}}}, {"params", op->paramsSchema()}}},
              {"required", Json::array({"op"})},
              {"additionalProperties", false}};
    v["properties"]["params"].erase("$schema");
    v["properties"]["params"].erase("required");  // defaults/base_period may fill them
    stepVariants.push_back(std::move(v));
  }
  Json s = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
            {"title", "Ekimachi scenario"},
            {"type", "object"},
            {"required", Json::array({"scenario", "project", "steps"})},
            {"additionalProperties", false}};
  s["properties"] = {
      {"$schema", {{"type", "string"}}},
      {"scenario", {{"type", "string"}, {"description", "name of the runs this scenario makes"}}},
      {"description", {{"type", "string"}}},
      {"project", {{"type", "string"}, {"description", "project file, relative to the scenario file"}}},
      {"base_period",
       {{"type", "object"},
        {"properties", {{"from", {{"type", "string"}, {"format", "date"}}}, {"to", {{"type", "string"}, {"format", "date"}}}}},
        {"required", Json::array({"from", "to"})},
        {"additionalProperties", false}}},
      {"edits", editsSchema},
      {"defaults", {{"type", "object"}, {"description", "parameters for every step that has them"}}},
      {"steps", {{"type", "array"}, {"minItems", 1}, {"items", {{"oneOf", stepVariants}}}}}};
  return s;
}

}  // namespace ekm::scenario
