// Segment counts and station ridership CSV -> segment_counts / station_ridership.
#include <string>
#include <unordered_map>

#include "ekm/store/import_writer.h"
#include "ekm/store/series.h"
#include "import_common.h"

namespace ekm::io::detail {

using core::ParseError;
using core::ValidationError;

namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IdMap = std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>>;

IdMap loadIds(const store::Project& project, store::FeatureTable table) {
  IdMap ids;
  for (auto& [id, fid] : store::featureIds(project, table)) ids.emplace(id, fid);
  return ids;
}

std::int64_t lookupId(Session& s, const IdMap& ids, const CsvReader& row, std::size_t col, const std::string& colName,
                      const char* what, const char* table, const std::string& field) {
  const std::string_view id = translate(s.mapping, field, trim(row[col]));
  const auto it = ids.find(id);
  if (it == ids.end()) {
    domain::checkId(id, domain::Where{s.path, row.line(), std::nullopt, colName});  // a clearer reason first
    throw ValidationError(std::string("unknown ") + what,
                          ctx(s.path, row.line(), std::nullopt, colName,
                              std::string("an id present in ") + table + " (import " + table + " first)",
                              std::string(row[col])));
  }
  return it->second;
}

int parseDirection(Session& s, const CsvReader& row, std::size_t col, const std::string& colName) {
  std::string v(translate(s.mapping, "direction", trim(row[col])));
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "both" || v == "0" || v == "all" || v.empty()) return static_cast<int>(store::Direction::Both);
  if (v == "forward" || v == "1" || v == "fwd") return static_cast<int>(store::Direction::Forward);
  if (v == "backward" || v == "2" || v == "bwd" || v == "reverse") return static_cast<int>(store::Direction::Backward);
  throw ParseError("bad direction", ctx(s.path, row.line(), std::nullopt, colName,
                                        "both, forward or backward (or 0, 1, 2)", std::string(row[col])));
}

int parseMode(Session& s, const CsvReader& row, std::size_t col, const std::string& colName) {
  std::string v(translate(s.mapping, "mode", trim(row[col])));
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "pedestrian" || v == "walk" || v == "foot" || v == "0") return static_cast<int>(store::TravelMode::Pedestrian);
  if (v == "bicycle" || v == "bike" || v == "cycle" || v == "1") return static_cast<int>(store::TravelMode::Bicycle);
  if (v == "vehicle" || v == "car" || v == "motor" || v == "2") return static_cast<int>(store::TravelMode::Vehicle);
  throw ParseError("bad mode", ctx(s.path, row.line(), std::nullopt, colName,
                                   "pedestrian, bicycle or vehicle (or 0, 1, 2)", std::string(row[col])));
}

[[noreturn]] void duplicateKey(Session& s, const CsvReader& row, const std::string& column, const std::string& expected,
                               const std::string& key) {
  throw ValidationError("duplicate key (a row for the same key is earlier in this file or already in the project)",
                        ctx(s.path, row.line(), std::nullopt, column, expected, key));
}

}  // namespace

void importSegmentCounts(Session& s) {
  CsvSource src(s);
  ColumnResolver& cols = *src.columns;
  const std::size_t idCol = cols.require("segment_id", {"segment", "link_id", "id"});
  const std::string idName = cols.header()[idCol];
  TimeColumns time;
  time.resolve(cols, s.path);
  const auto dirCol = cols.find("direction", {"dir"});
  const std::size_t modeCol = cols.require("mode", {"travel_mode"});
  const std::size_t countCol = cols.require("count", {"value", "volume"});
  const std::string countName = cols.header()[countCol];
  const IdMap ids = loadIds(s.project, store::FeatureTable::RoadSegments);
  store::SeriesWriter writer(s.project, store::SeriesKind::SegmentCounts);
  std::int64_t rows = 0;
  while (src.next()) {
    const CsvReader& row = src.reader;
    if (++rows % kPollEvery == 0) s.poll(row.progressFraction());
    const std::int64_t fid = lookupId(s, ids, row, idCol, idName, "segment id", "road_segments", "segment_id");
    const core::HourKey t = time.parse(row, s.path);
    const int dir = dirCol ? parseDirection(s, row, *dirCol, cols.header()[*dirCol]) : 0;
    const int mode = parseMode(s, row, modeCol, cols.header()[modeCol]);
    const auto count = parseCount(s, row, countCol, countName, "count");
    if (!writer.add(fid, t, mode, dir, count ? *count : std::nan("")))
      duplicateKey(s, row, idName, "one row per segment, hour, direction and mode",
                   "segment " + std::string(trim(row[idCol])) + " at " + core::formatHourKeyJst(t) + " " +
                       store::directionName(static_cast<store::Direction>(dir)) + " " +
                       store::travelModeName(static_cast<store::TravelMode>(mode)));
    ++s.result.rowsStored;
  }
  writer.finish();
  s.result.rowsRead = rows;
}

void importStationRidership(Session& s) {
  CsvSource src(s);
  ColumnResolver& cols = *src.columns;
  const std::size_t idCol = cols.require("station_id", {"station", "id"});
  const std::string idName = cols.header()[idCol];
  TimeColumns time;
  time.resolve(cols, s.path);
  const auto boardCol = cols.find("boardings", {"boarding", "entries", "on"});
  const auto alightCol = cols.find("alightings", {"alighting", "exits", "off"});
  if (!boardCol && !alightCol) cols.require("boardings", {"alightings"});  // throws "missing column"
  const IdMap ids = loadIds(s.project, store::FeatureTable::Stations);
  store::SeriesWriter writer(s.project, store::SeriesKind::StationRidership);
  std::int64_t rows = 0;
  while (src.next()) {
    const CsvReader& row = src.reader;
    if (++rows % kPollEvery == 0) s.poll(row.progressFraction());
    const std::int64_t fid = lookupId(s, ids, row, idCol, idName, "station id", "stations", "station_id");
    const core::HourKey t = time.parse(row, s.path);
    std::optional<double> b, a;
    if (boardCol) b = parseCount(s, row, *boardCol, cols.header()[*boardCol], "boardings");
    else ++s.result.missingValues;
    if (alightCol) a = parseCount(s, row, *alightCol, cols.header()[*alightCol], "alightings");
    else ++s.result.missingValues;
    if (!writer.add(fid, t, 0, 0, b ? *b : std::nan(""), a ? *a : std::nan("")))
      duplicateKey(s, row, idName, "one row per station and hour",
                   "station " + std::string(trim(row[idCol])) + " at " + core::formatHourKeyJst(t));
    ++s.result.rowsStored;
  }
  writer.finish();
  s.result.rowsRead = rows;
}

}  // namespace ekm::io::detail
