// ekimachi-cli query: a time slice (every feature at one hour) or one feature's series.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "op_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/store/import_writer.h"
#include "ekm/store/project.h"
#include "ekm/store/series.h"
#include "ekm/store/series_totals.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const char* kUsage =
    "usage: ekimachi-cli query --project FILE LAYER --at DATETIME [--format csv|json]\n"
    "       ekimachi-cli query --project FILE LAYER FEATURE --from DATE --to DATE [--format csv|json]\n\n"
    "LAYER is mesh-population, segment-counts or station-ridership.\n"
    "A time slice (--at) prints every feature's value at that hour; a series prints one\n"
    "feature's value for every hour from --from to --to. FEATURE is\n"
    "  --cell MESHCODE      for mesh-population (optionally --breakdown LABEL, default total)\n"
    "  --segment ID         for segment-counts\n"
    "  --station ID         for station-ridership\n"
    "  --mode MODE          segment-counts: pedestrian (default), bicycle or vehicle; the\n"
    "                       value is the sum over directions\n"
    "Times are Japan Standard Time unless an offset is given: --at 2025-03-27T08:00;\n"
    "--from/--to take a date (whole days, inclusive) or a date and hour.\n"
    "Missing values (suppressed, blank or never imported) are printed empty (CSV) or null\n"
    "(JSON), never 0. station-ridership prints boardings, alightings and their sum.\n"
    "Exit codes: 0 ok, 2 usage, 5 unknown feature, 6 not a project.";

Error usage(const std::string& message, const std::string& found = {}, const std::string& expected = {}) {
  core::ErrorContext c;
  c.found = found;
  c.expected = expected;
  return Error(ErrorCode::Usage, message, c);
}

std::string formatValue(double v) {
  if (std::isnan(v)) return "";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

nlohmann::ordered_json jsonValue(double v) {
  if (std::isnan(v)) return nullptr;
  if (v == std::floor(v) && std::fabs(v) < 9e15) return static_cast<std::int64_t>(v);
  return v;
}

core::HourKey parseAt(const std::string& text) {
  const auto k = core::parseIsoDateTimeToHourKey(text);
  if (!k) throw usage("bad --at", text, "YYYY-MM-DDTHH[:00] (JST unless an offset is given)");
  return *k;
}

// A date means the whole day (00:00 for --from, 23:00 for --to), else a date and hour.
core::HourKey parseBound(const std::string& text, bool end, const char* option) {
  if (const auto d = core::parseDate(text)) return core::hourKeyFromJst(*d, end ? 23 : 0);
  if (const auto k = core::parseIsoDateTimeToHourKey(text)) return *k;
  throw usage(std::string("bad --") + option, text, "YYYY-MM-DD or YYYY-MM-DDTHH[:00]");
}

store::TravelMode parseMode(const std::string& m) {
  if (m == "pedestrian") return store::TravelMode::Pedestrian;
  if (m == "bicycle") return store::TravelMode::Bicycle;
  if (m == "vehicle") return store::TravelMode::Vehicle;
  throw usage("bad --mode", m, "pedestrian, bicycle or vehicle");
}

Error unknownFeature(const std::string& what, const std::string& id) {
  core::ErrorContext c;
  c.found = id;
  c.expected = "an id present in the project";
  return core::ValidationError("unknown " + what, c);
}

// Rows of output: a key column (id or time) plus value columns.
struct Table {
  std::vector<std::string> columns;  // first is the key column
  std::vector<std::pair<std::string, std::vector<double>>> rows;
};

void print(const Table& t, const std::string& format, const nlohmann::ordered_json& header) {
  if (format == "json") {
    nlohmann::ordered_json j = header;
    j["rows"] = nlohmann::ordered_json::array();
    for (const auto& [key, values] : t.rows) {
      nlohmann::ordered_json r;
      r[t.columns[0]] = key;
      for (std::size_t i = 0; i < values.size(); ++i) r[t.columns[i + 1]] = jsonValue(values[i]);
      j["rows"].push_back(std::move(r));
    }
    std::cout << j.dump() << "\n";
    return;
  }
  std::string out;
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += (i ? "," : "") + t.columns[i];
  out += "\n";
  for (const auto& [key, values] : t.rows) {
    out += key;
    for (double v : values) {
      out += ',';
      out += formatValue(v);
    }
    out += '\n';
  }
  std::cout << out;
}

// The command's flags, read by the CLI's one typed flag layer (op_args.h); how they combine
// is checked below.
struct QueryParams {
  std::optional<std::string> layer, at, from, to, cell, segment, station, mode, breakdown;
  template <class V>
  void fields(V& v) {
    v("layer", layer, {.help = "mesh-population, segment-counts or station-ridership", .positional = 0});
    v("at", at, {.help = "a time slice: local date and hour"});
    v("from", from, {.help = "a series: first hour or day"});
    v("to", to, {.help = "a series: last hour or day"});
    v("cell", cell, {.help = "mesh-population series: the mesh code"});
    v("segment", segment, {.help = "segment-counts series: the segment id"});
    v("station", station, {.help = "station-ridership series: the station id"});
    v("mode", mode, {.help = "segment counts: travel mode"});
    v("breakdown", breakdown, {.help = "mesh population: a breakdown label"});
  }
};

// The given flags by name, as the checks below read them.
class QueryArgs {
 public:
  explicit QueryArgs(const std::vector<std::string>& argv) : m_args(parseOpArgs(ops::fieldsOf<QueryParams>(), argv, {.options = {"format"}})) {}
  std::optional<std::string> value(const std::string& name) const {
    if (name == "format") return m_args.options.count(name) ? std::optional(m_args.options.at(name)) : std::nullopt;
    const auto it = m_args.params.find(name);
    return it == m_args.params.end() ? std::nullopt : std::optional(it->get<std::string>());
  }
  std::string required(const std::string& name) const {
    if (const auto v = value(name)) return *v;
    if (name == "project") return m_args.session.projectPath();
    throw Error(ErrorCode::Usage, "missing required option --" + name);
  }

 private:
  OpArgs m_args;
};

int runQuery(const std::vector<std::string>& argv) {
  const QueryArgs args(argv);
  if (!args.value("layer"))
    throw usage("query takes one LAYER", "", "mesh-population, segment-counts or station-ridership");
  const std::string layer = *args.value("layer");
  const std::string format = args.value("format").value_or("csv");
  if (format != "csv" && format != "json") throw usage("bad --format", format, "csv or json");
  const auto at = args.value("at");
  const bool isSlice = at.has_value();
  if (isSlice && (args.value("from") || args.value("to")))
    throw usage("--at cannot be combined with --from/--to");
  const char* featureOption = layer == "mesh-population"    ? "cell"
                              : layer == "segment-counts"   ? "segment"
                              : layer == "station-ridership" ? "station"
                                                             : nullptr;
  if (!featureOption)
    throw usage("unknown layer", layer, "mesh-population, segment-counts or station-ridership");
  for (const char* o : {"cell", "segment", "station"})
    if (args.value(o) && std::string(o) != featureOption)
      throw usage(std::string("--") + o + " does not apply to " + layer);
  if (args.value("mode") && layer != "segment-counts") throw usage("--mode applies to segment-counts only");
  if (args.value("breakdown") && layer != "mesh-population") throw usage("--breakdown applies to mesh-population only");
  if (isSlice && args.value(featureOption)) throw usage("a slice (--at) takes no --" + std::string(featureOption));
  if (!isSlice && !args.value(featureOption))
    throw usage("give --at DATETIME for a time slice, or --" + std::string(featureOption) +
                " with --from and --to for a series");

  core::HourKey t = 0, from = 0, to = 0;
  if (isSlice) {
    t = parseAt(*at);
  } else {
    from = parseBound(args.required("from"), false, "from");
    to = parseBound(args.required("to"), true, "to");
    if (to < from) throw usage("--to is before --from");
    if (to - from > 24 * 366 * 50) throw usage("the series is longer than 50 years");
  }
  const store::TravelMode mode = parseMode(args.value("mode").value_or("pedestrian"));

  const store::Project p = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  nlohmann::ordered_json header;
  header["layer"] = layer;
  if (isSlice) header["at"] = core::formatHourKeyJst(t);
  else {
    header["from"] = core::formatHourKeyJst(from);
    header["to"] = core::formatHourKeyJst(to);
  }
  Table table;

  // Fills a series table: one row per hour from..to, NaN where nothing is stored.
  auto seriesRows = [&](std::size_t nValues, const std::map<core::HourKey, std::vector<double>>& got) {
    for (core::HourKey h = from; h <= to; ++h) {
      const auto it = got.find(h);
      table.rows.emplace_back(core::formatHourKeyJst(h),
                              it != got.end() ? it->second : std::vector<double>(nValues, std::nan("")));
    }
  };

  if (layer == "mesh-population") {
    std::int64_t breakdown = 0;
    if (const auto label = args.value("breakdown"); label && *label != "total") {
      const auto breakdowns = store::populationBreakdowns(p);
      const auto it = breakdowns.find(*label);
      const bool found = it != breakdowns.end();
      if (found) breakdown = it->second;
      if (!found) throw unknownFeature("population breakdown", *label);
    }
    header["breakdown"] = args.value("breakdown").value_or("total");
    const auto cells = p.meshCells();
    if (isSlice) {
      table.columns = {"mesh_code", "value"};
      std::map<std::int64_t, double> values;
      for (const auto& v : p.meshPopulationSlice(t, breakdown)) values[v.fid] = v.value;
      for (const auto& c : cells) {
        const auto it = values.find(c.fid);
        table.rows.emplace_back(c.meshCode, std::vector<double>{it == values.end() ? std::nan("") : it->second});
      }
    } else {
      const std::string code = *args.value("cell");
      const auto it = std::find_if(cells.begin(), cells.end(), [&](const auto& c) { return c.meshCode == code; });
      if (it == cells.end()) throw unknownFeature("mesh cell", code);
      header["mesh_code"] = code;
      table.columns = {"time", "value"};
      std::map<core::HourKey, std::vector<double>> got;
      for (const auto& v : p.meshPopulationSeries(it->fid, from, to, breakdown)) got[v.t] = {v.value};
      seriesRows(1, got);
    }
  } else if (layer == "segment-counts") {
    header["mode"] = store::travelModeName(mode);
    const auto segs = p.segments();
    if (isSlice) {
      table.columns = {"segment_id", "value"};
      // Only segments that have counts (most street segments are not counted).
      std::map<std::int64_t, std::string> ids;
      for (const auto& s : segs) ids[s.fid] = s.segmentId;
      std::map<std::int64_t, double> values;
      for (const auto fid : store::seriesFeatures(p, store::SeriesKind::SegmentCounts)) values[fid] = std::nan("");
      for (const auto& v : p.segmentCountSlice(t, mode)) values[v.fid] = v.value;
      for (const auto& [fid, v] : values) table.rows.emplace_back(ids.count(fid) ? ids[fid] : std::to_string(fid),
                                                                  std::vector<double>{v});
    } else {
      const std::string id = *args.value("segment");
      const auto it = std::find_if(segs.begin(), segs.end(), [&](const auto& s) { return s.segmentId == id; });
      if (it == segs.end()) throw unknownFeature("segment", id);
      header["segment_id"] = id;
      table.columns = {"time", "value"};
      std::map<core::HourKey, std::vector<double>> got;
      for (const auto& v : p.segmentCountSeries(it->fid, from, to, mode)) got[v.t] = {v.value};
      seriesRows(1, got);
    }
  } else {
    const auto stations = p.stations();
    table.columns = {isSlice ? "station_id" : "time", "boardings", "alightings", "value"};
    auto row = [](double b, double a) {
      const double sum = (std::isnan(b) && std::isnan(a)) ? std::nan("") : (std::isnan(b) ? 0 : b) + (std::isnan(a) ? 0 : a);
      return std::vector<double>{b, a, sum};
    };
    if (isSlice) {
      for (const auto& s : stations) {
        const auto r = p.stationRidershipSeries(s.fid, t, t);
        table.rows.emplace_back(s.stationId, r.empty() ? row(std::nan(""), std::nan(""))
                                                       : row(r[0].first.value, r[0].second.value));
      }
    } else {
      const std::string id = *args.value("station");
      const auto it = std::find_if(stations.begin(), stations.end(), [&](const auto& s) { return s.stationId == id; });
      if (it == stations.end()) throw unknownFeature("station", id);
      header["station_id"] = id;
      std::map<core::HourKey, std::vector<double>> got;
      for (const auto& [b, a] : p.stationRidershipSeries(it->fid, from, to)) got[b.t] = row(b.value, a.value);
      seriesRows(3, got);
    }
  }
  print(table, format, header);
  return 0;
}

const CommandRegistrar kRegistrar(Command{"query", "print a time slice or one feature's hourly series from a project",
                                          kUsage, runQuery});

}  // namespace
}  // namespace ekm::cli
