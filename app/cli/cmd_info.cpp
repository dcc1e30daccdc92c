// ekimachi-cli info: what a project holds (layers, row counts, time ranges, import log).
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "op_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/store/catalog.h"
#include "ekm/store/project.h"
#include "ekm/store/project_size.h"

namespace ekm::cli {
namespace {

const char* kUsage =
    "usage: ekimachi-cli info --project P [--json]\n\n"
    "Prints the layers of a project (GeoPackage or PostgreSQL) with their row counts, the time range of\n"
    "each time-series table in Japan Standard Time, the import log and the schema version.\n"
    "  --json   machine-readable output (one JSON object)\n"
    "Exit codes: 0 ok, 2 usage, 6 not a project / damaged project.";

struct Layer : store::ContentsEntry {
  std::int64_t rows = 0;
};

std::vector<Layer> layers(const store::Project& p) {
  std::vector<Layer> out;
  for (auto& e : store::contents(p)) {
    Layer l;
    static_cast<store::ContentsEntry&>(l) = std::move(e);
    l.rows = p.rowCount(l.name);
    out.push_back(std::move(l));
  }
  return out;
}

int runInfo(const std::vector<std::string>& argv) {
  const OpArgs args = parseOpArgs({}, argv, {.flags = {"json"}});  // --project P [--json]
  const std::string path = args.session.projectPath();
  const store::Project p = store::Project::open(path, store::OpenMode::ReadOnly);
  const auto ls = layers(p);
  const auto log = p.importLog();
  const std::int64_t bytes = store::storedBytes(p);  // the file and its WAL, or the schema's tables
  const char* series[] = {"mesh_population", "segment_counts", "station_ridership"};

  if (args.flags.count("json")) {
    nlohmann::ordered_json j;
    j["project"] = path;
    j["schema_version"] = p.schemaVersion();
    j["file_bytes"] = bytes;
    for (const char* k : {"created_at", "application"}) {
      const auto v = p.meta(k);
      j[k] = v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
    }
    j["layers"] = nlohmann::ordered_json::array();
    for (const auto& l : ls) {
      nlohmann::ordered_json o;
      o["name"] = l.name;
      o["type"] = l.dataType;
      o["geometry"] = l.geometry.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(l.geometry);
      o["rows"] = l.rows;
      if (l.hasExtent) o["extent"] = {l.minX, l.minY, l.maxX, l.maxY};
      j["layers"].push_back(o);
    }
    j["time_ranges"] = nlohmann::ordered_json::object();
    for (const char* t : series) {
      const auto r = p.timeRange(t);
      if (!r) {
        j["time_ranges"][t] = nullptr;
        continue;
      }
      j["time_ranges"][t] = {{"first", core::formatHourKeyJst(r->first)},
                             {"last", core::formatHourKeyJst(r->last)},
                             {"hours", r->last - r->first + 1},
                             {"rows", r->rows}};
    }
    j["import_log"] = nlohmann::ordered_json::array();
    for (const auto& e : log)
      j["import_log"].push_back({{"kind", e.kind},
                                 {"source", e.sourcePath},
                                 {"sha256", e.sourceSha256},
                                 {"rows", e.rows},
                                 {"imported_at", e.importedAt}});
    std::cout << j.dump(2) << "\n";
    return 0;
  }

  std::cout << "Project:        " << path << "\n";
  std::cout << "Schema version: " << p.schemaVersion() << " (GeoPackage 1.3)\n";
  std::cout << "Stored size:    " << bytes << " bytes\n";
  if (const auto c = p.meta("created_at")) std::cout << "Created:        " << *c << "\n";
  std::cout << "\nLayers:\n";
  for (const auto& l : ls) {
    std::string kind = l.geometry.empty() ? "table" : l.geometry;
    std::cout << "  " << l.name << std::string(l.name.size() < 24 ? 24 - l.name.size() : 1, ' ') << kind
              << std::string(kind.size() < 12 ? 12 - kind.size() : 1, ' ') << l.rows << " rows\n";
  }
  std::cout << "\nTime ranges (JST):\n";
  for (const char* t : series) {
    const auto r = p.timeRange(t);
    const std::string name = t;
    std::cout << "  " << name << std::string(24 - name.size(), ' ');
    if (!r) std::cout << "(empty)\n";
    else
      std::cout << core::formatHourKeyJst(r->first) << " .. " << core::formatHourKeyJst(r->last) << "  ("
                << (r->last - r->first + 1) << " hours, " << r->rows << " rows)\n";
  }
  std::cout << "\nImport log:\n";
  if (log.empty()) std::cout << "  (nothing imported)\n";
  for (const auto& e : log)
    std::cout << "  " << e.importedAt << "  " << e.kind << "  " << e.rows << " rows  " << e.sourcePath << "  sha256 "
              << e.sourceSha256.substr(0, 12) << "\n";
  return 0;
}

const CommandRegistrar kRegistrar(Command{"info", "show what a project holds (layers, counts, time ranges, imports)",
                                          kUsage, runInfo});

}  // namespace
}  // namespace ekm::cli
