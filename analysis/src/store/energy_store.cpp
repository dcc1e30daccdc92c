// The energy tables: buildings, the series catalogue and the day tables (energy_store.h).
#include "ekm/store/energy_store.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "store/project_internal.h"
#include "ekm/core/error.h"
#include "store/statement.h"

namespace ekm::store {
namespace {

using energy::HourlySeries;
using energy::kMissing;

constexpr int kDayBits = 20;
constexpr std::int64_t kMaxDay = (std::int64_t{1} << kDayBits) - 1;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
std::int64_t dayRowFid(std::int64_t seriesFid, std::int64_t day) { return (seriesFid << kDayBits) | day; }

void bindValue(sqlite3_stmt* st, int i, double v) {
  if (std::isnan(v)) sqlite3_bind_null(st, i);
  else sqlite3_bind_double(st, i, v);
}
double columnValue(sqlite3_stmt* st, int col) {
  return sqlite3_column_type(st, col) == SQLITE_NULL ? kMissing : sqlite3_column_double(st, col);
}

std::string hourColumns() {
  std::string s;
  for (int h = 0; h < 24; ++h) s += std::string(h ? ", " : "") + "h" + (h < 10 ? "0" : "") + std::to_string(h);
  return s;
}

core::ErrorContext seriesCtx(const std::string& scope, const std::string& owner, const std::string& quantity) {
  core::ErrorContext c;
  c.field = scope + " " + owner + " " + quantity;
  return c;
}

// Finds or creates a series; returns its fid.
std::int64_t seriesFid(sqlite3* db, const std::string& scope, const std::string& owner, const std::string& quantity,
                       const std::string& unit, const std::string& source, EnergyWriteCounts& counts) {
  {
    Stmt st(db, "SELECT fid, unit FROM energy_series WHERE scope = ?1 AND owner = ?2 AND quantity = ?3");
    bindText(st, 1, scope);
    bindText(st, 2, owner);
    bindText(st, 3, quantity);
    if (st.step("reading energy_series")) {
      const std::string stored = columnString(st, 1);
      if (stored != unit) {
        auto c = seriesCtx(scope, owner, quantity);
        c.expected = "unit " + stored;
        c.found = unit;
        throw core::ValidationError("the series is stored in another unit", c);
      }
      return sqlite3_column_int64(st, 0);
    }
  }
  Stmt ins(db, "INSERT INTO energy_series (scope, owner, quantity, unit, source) VALUES (?1, ?2, ?3, ?4, ?5)");
  bindText(ins, 1, scope);
  bindText(ins, 2, owner);
  bindText(ins, 3, quantity);
  bindText(ins, 4, unit);
  bindText(ins, 5, source);
  ins.step("inserting into energy_series");
  ++counts.seriesCreated;
  return sqlite3_last_insert_rowid(db);
}

// Writes a series' values over [start, end) into a day table, keeping stored hours
// outside that range.
void writeDays(sqlite3* db, const std::string& table, std::int64_t fid, const HourlySeries& s,
               EnergyWriteCounts& counts, const core::ErrorContext& ctx) {
  if (s.values.empty()) return;
  const std::int64_t firstDay = floorDiv(s.start, 24);
  const std::int64_t lastDay = floorDiv(s.end() - 1, 24);
  if (firstDay < 0 || lastDay > kMaxDay) {
    auto c = ctx;
    c.expected = "hours from 1970 to 4840";
    c.found = core::formatHourKeyJst(firstDay < 0 ? s.start : s.end() - 1);
    throw core::ValidationError("time out of the storable range", c);
  }
  Stmt read(db, "SELECT " + hourColumns() + " FROM " + table + " WHERE fid = ?1");
  std::string sql = "INSERT OR REPLACE INTO " + table + " (fid, series_fid, day, " + hourColumns() + ") VALUES (?1, ?2, ?3";
  for (int h = 0; h < 24; ++h) sql += ", ?" + std::to_string(h + 4);
  sql += ")";
  Stmt write(db, sql);
  for (std::int64_t day = firstDay; day <= lastDay; ++day) {
    std::array<double, 24> v;
    v.fill(kMissing);
    const core::HourKey t0 = day * 24;
    if (t0 < s.start || t0 + 24 > s.end()) {  // partial day: keep what is stored outside the range
      sqlite3_reset(read);
      sqlite3_bind_int64(read, 1, dayRowFid(fid, day));
      if (read.step("reading a day row"))
        for (int h = 0; h < 24; ++h) v[h] = columnValue(read, h);
    }
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = t0 + h;
      if (t >= s.start && t < s.end()) {
        v[h] = s.values[static_cast<std::size_t>(t - s.start)];
        if (!std::isnan(v[h])) ++counts.values;
      }
    }
    sqlite3_reset(write);
    sqlite3_bind_int64(write, 1, dayRowFid(fid, day));
    sqlite3_bind_int64(write, 2, fid);
    sqlite3_bind_int64(write, 3, day);
    for (int h = 0; h < 24; ++h) bindValue(write, h + 4, v[h]);
    write.step("writing a day row");
    ++counts.dayRows;
  }
}

// The values of a series over [from, to).
std::vector<double> readDays(sqlite3* db, const std::string& table, std::int64_t fid, core::HourKey from,
                             core::HourKey to) {
  std::vector<double> out(static_cast<std::size_t>(std::max<core::HourKey>(0, to - from)), kMissing);
  if (out.empty()) return out;
  const std::int64_t firstDay = std::clamp<std::int64_t>(floorDiv(from, 24), 0, kMaxDay);
  const std::int64_t lastDay = std::clamp<std::int64_t>(floorDiv(to - 1, 24), 0, kMaxDay);
  Stmt st(db, "SELECT day, " + hourColumns() + " FROM " + table + " WHERE fid BETWEEN ?1 AND ?2");
  sqlite3_bind_int64(st, 1, dayRowFid(fid, firstDay));
  sqlite3_bind_int64(st, 2, dayRowFid(fid, lastDay));
  while (st.step("reading day rows")) {
    const core::HourKey t0 = sqlite3_column_int64(st, 0) * 24;
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = t0 + h;
      if (t >= from && t < to) out[static_cast<std::size_t>(t - from)] = columnValue(st, h + 1);
    }
  }
  return out;
}

void writeBuilding(Stmt& ins, const energy::Building& b) {
  core::ErrorContext c;
  c.field = "building " + b.buildingId;
  if (b.buildingId.empty()) throw core::ValidationError("a building without an id", c);
  if (b.outerRingLonLat.size() < 4) {
    c.expected = "a closed ring of at least 4 points";
    c.found = std::to_string(b.outerRingLonLat.size()) + " points";
    throw core::ValidationError("degenerate building polygon", c);
  }
  std::vector<LonLat> ring;
  for (const auto& [lon, lat] : b.outerRingLonLat) ring.push_back({lon, lat});
  if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat) ring.push_back(ring.front());
  const auto blob = gpkgPartsBlob({ring}, true);
  const auto& f = b.floor;
  for (double a : {f.office_m2, f.retail_m2, f.hotel_m2, f.residential_m2, f.culture_m2})
    if (!(a >= 0) || !std::isfinite(a)) {
      c.expected = "floor areas >= 0 m2";
      c.found = std::to_string(a);
      throw core::ValidationError("bad floor area", c);
    }
  sqlite3_reset(ins);
  sqlite3_bind_blob(ins, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
  bindText(ins, 2, b.buildingId);
  bindText(ins, 3, b.nameJa);
  bindText(ins, 4, b.nameEn);
  bindText(ins, 5, b.block);
  sqlite3_bind_double(ins, 6, f.office_m2);
  sqlite3_bind_double(ins, 7, f.retail_m2);
  sqlite3_bind_double(ins, 8, f.hotel_m2);
  sqlite3_bind_double(ins, 9, f.residential_m2);
  sqlite3_bind_double(ins, 10, f.culture_m2);
  sqlite3_bind_double(ins, 11, f.total());
  bindValue(ins, 12, b.heightM);
  ins.step("writing energy_buildings");
}

bool buildingExists(sqlite3* db, const std::string& id) {
  Stmt st(db, "SELECT 1 FROM energy_buildings WHERE building_id = ?1");
  bindText(st, 1, id);
  return st.step("reading energy_buildings");
}

const char* const kBuildingColumns =
    "geom, building_id, name_ja, name_en, block, office_m2, retail_m2, hotel_m2, residential_m2, culture_m2, height_m";

energy::Building readBuildingRow(sqlite3_stmt* st) {
  energy::Building b;
  if (sqlite3_column_type(st, 0) == SQLITE_BLOB) {
    bool polygon = false;
    const auto parts = partsFromGpkgBlob(static_cast<const unsigned char*>(sqlite3_column_blob(st, 0)),
                                         static_cast<std::size_t>(sqlite3_column_bytes(st, 0)), polygon);
    if (!parts.empty())
      for (const auto& p : parts.front()) b.outerRingLonLat.emplace_back(p.lon, p.lat);
  }
  b.buildingId = columnString(st, 1);
  b.nameJa = columnString(st, 2);
  b.nameEn = columnString(st, 3);
  b.block = columnString(st, 4);
  b.floor.office_m2 = sqlite3_column_double(st, 5);
  b.floor.retail_m2 = sqlite3_column_double(st, 6);
  b.floor.hotel_m2 = sqlite3_column_double(st, 7);
  b.floor.residential_m2 = sqlite3_column_double(st, 8);
  b.floor.culture_m2 = sqlite3_column_double(st, 9);
  b.heightM = columnValue(st, 10);
  return b;
}

std::optional<std::int64_t> findSeries(sqlite3* db, const std::string& scope, const std::string& owner,
                                       const std::string& quantity) {
  Stmt st(db, "SELECT fid FROM energy_series WHERE scope = ?1 AND owner = ?2 AND quantity = ?3");
  bindText(st, 1, scope);
  bindText(st, 2, owner);
  bindText(st, 3, quantity);
  if (!st.step("reading energy_series")) return std::nullopt;
  return sqlite3_column_int64(st, 0);
}

const char* meterScope(bool plant) { return plant ? "plant" : "building"; }

}  // namespace

EnergyWriteCounts writeEnergyBatch(Project& project, const EnergyBatch& batch) {
  sqlite3* db = detail::connection(project);
  EnergyWriteCounts counts;
  detail::SqlTransaction tx(db);
  if (!batch.buildings.empty()) {
    Stmt ins(db,
             "INSERT INTO energy_buildings (geom, building_id, name_ja, name_en, block, office_m2, retail_m2, "
             "hotel_m2, residential_m2, culture_m2, floor_area_m2, height_m) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
             "?9, ?10, ?11, ?12) ON CONFLICT(building_id) DO UPDATE SET geom = excluded.geom, name_ja = "
             "excluded.name_ja, name_en = excluded.name_en, block = excluded.block, office_m2 = excluded.office_m2, "
             "retail_m2 = excluded.retail_m2, hotel_m2 = excluded.hotel_m2, residential_m2 = "
             "excluded.residential_m2, culture_m2 = excluded.culture_m2, floor_area_m2 = excluded.floor_area_m2, "
             "height_m = excluded.height_m");
    for (const auto& b : batch.buildings) {
      writeBuilding(ins, b);
      ++counts.buildings;
    }
    exec(db, "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'), (min_x, max_x, min_y, "
             "max_y) = (SELECT min(ST_MinX(geom)), max(ST_MaxX(geom)), min(ST_MinY(geom)), max(ST_MaxY(geom)) FROM "
             "energy_buildings) WHERE table_name = 'energy_buildings'");
  }
  for (const auto& w : batch.weather) {
    const std::pair<const char*, const HourlySeries*> vars[] = {{energy::kDryBulb, &w.dryBulbC},
                                                                {energy::kRelHumidity, &w.relHumidityPct},
                                                                {energy::kDewPoint, &w.dewPointC},
                                                                {energy::kSolar, &w.solarWm2}};
    const char* units[] = {"degC", "%", "degC", "W/m2"};
    for (std::size_t i = 0; i < std::size(vars); ++i) {
      const auto& [name, series] = vars[i];
      if (series->values.empty()) continue;
      if (w.site.empty()) throw core::ValidationError("weather without a site name");
      const auto fid = seriesFid(db, "weather", w.site, name, units[i], batch.source, counts);
      writeDays(db, "energy_weather_days", fid, *series, counts, seriesCtx("weather", w.site, name));
    }
  }
  for (const auto& m : batch.meters) {
    if (m.series.values.empty()) continue;
    const std::string kind = energy::meterKindName(m.kind);
    const auto ctx = seriesCtx(meterScope(m.plant), m.owner, kind);
    if (m.owner.empty()) throw core::ValidationError("a meter without an owner", ctx);
    if (!m.plant && !buildingExists(db, m.owner)) {
      auto c = ctx;
      c.expected = "a building in the project (import the buildings first)";
      c.found = m.owner;
      throw core::ValidationError("meter of an unknown building", c);
    }
    if (!m.series.unit.empty() && m.series.unit != "kWh") {
      auto c = ctx;
      c.expected = "kWh";
      c.found = m.series.unit;
      throw core::ValidationError("meters are stored in kWh", c);
    }
    const auto fid = seriesFid(db, meterScope(m.plant), m.owner, kind, "kWh", batch.source, counts);
    writeDays(db, "energy_meter_days", fid, m.series, counts, ctx);
  }
  exec(db, "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name IN "
           "('energy_series', 'energy_weather_days', 'energy_meter_days')");
  if (!batch.logKind.empty()) {
    writeImportLogRow(db, batch.logSourcePath, batch.logSha256, batch.logKind, batch.logRows, batch.logOptions);
  }
  tx.commit();
  return counts;
}

bool isSourceImported(const Project& project, const std::string& sha256, const std::string& kind) {
  Stmt st(detail::connection(project), "SELECT 1 FROM ekm_import_log WHERE source_sha256 = ?1 AND (?2 = '' OR kind = ?2) LIMIT 1");
  bindText(st, 1, sha256);
  bindText(st, 2, kind);
  return st.step("reading ekm_import_log");
}

std::vector<energy::Building> readBuildings(const Project& project) {
  Stmt st(detail::connection(project), std::string("SELECT ") + kBuildingColumns + " FROM energy_buildings ORDER BY building_id");
  std::vector<energy::Building> out;
  while (st.step("reading energy_buildings")) out.push_back(readBuildingRow(st));
  return out;
}

std::optional<energy::Building> readBuilding(const Project& project, const std::string& buildingId) {
  Stmt st(detail::connection(project), std::string("SELECT ") + kBuildingColumns + " FROM energy_buildings WHERE building_id = ?1");
  bindText(st, 1, buildingId);
  if (!st.step("reading energy_buildings")) return std::nullopt;
  return readBuildingRow(st);
}

std::vector<EnergySeriesInfo> energySeries(const Project& project, const std::string& scope) {
  sqlite3* db = detail::connection(project);
  std::vector<EnergySeriesInfo> out;
  {
    Stmt st(db, std::string("SELECT fid, scope, owner, quantity, unit, source FROM energy_series ") +
                    (scope.empty() ? "" : "WHERE scope = ?1 ") + "ORDER BY scope, owner, quantity");
    if (!scope.empty()) bindText(st, 1, scope);
    while (st.step("reading energy_series")) {
      EnergySeriesInfo s;
      s.fid = sqlite3_column_int64(st, 0);
      s.scope = columnString(st, 1);
      s.owner = columnString(st, 2);
      s.quantity = columnString(st, 3);
      s.unit = columnString(st, 4);
      s.source = columnString(st, 5);
      out.push_back(std::move(s));
    }
  }
  std::string count;
  for (int h = 0; h < 24; ++h) count += std::string(h ? " + " : "") + "(h" + (h < 10 ? "0" : "") + std::to_string(h) + " IS NOT NULL)";
  for (auto& s : out) {
    const std::string table = s.scope == "weather" ? "energy_weather_days" : "energy_meter_days";
    Stmt st(db, "SELECT day, " + count + ", " + hourColumns() + " FROM " + table +
                    " WHERE fid BETWEEN ?1 AND ?2 ORDER BY fid");
    sqlite3_bind_int64(st, 1, dayRowFid(s.fid, 0));
    sqlite3_bind_int64(st, 2, dayRowFid(s.fid, kMaxDay));
    bool any = false;
    while (st.step("reading day rows")) {
      const int n = sqlite3_column_int(st, 1);
      if (n == 0) continue;
      s.values += n;
      const core::HourKey t0 = sqlite3_column_int64(st, 0) * 24;
      for (int h = 0; h < 24; ++h)
        if (sqlite3_column_type(st, h + 2) != SQLITE_NULL) {
          if (!any) s.first = t0 + h;
          any = true;
          s.last = t0 + h;
        }
    }
  }
  return out;
}

std::vector<std::string> weatherSites(const Project& project) {
  Stmt st(detail::connection(project), "SELECT DISTINCT owner FROM energy_series WHERE scope = 'weather' ORDER BY owner");
  std::vector<std::string> out;
  while (st.step("reading energy_series")) out.push_back(columnString(st, 0));
  return out;
}

std::optional<energy::WeatherSeries> readWeather(const Project& project, const std::string& site,
                                                 core::HourKey from, core::HourKey to) {
  std::string name = site;
  if (name.empty()) {
    const auto sites = weatherSites(project);
    if (sites.empty()) return std::nullopt;
    if (sites.size() > 1) {
      core::ErrorContext c;
      c.file = project.path();
      c.field = "site";
      c.expected = "one of the weather sites";
      for (const auto& s : sites) c.found += (c.found.empty() ? "" : ", ") + s;
      throw core::StoreError("the project has several weather sites: name one", c);
    }
    name = sites.front();
  }
  energy::WeatherSeries w;
  w.site = name;
  bool any = false;
  const std::pair<const char*, HourlySeries*> vars[] = {{energy::kDryBulb, &w.dryBulbC},
                                                        {energy::kRelHumidity, &w.relHumidityPct},
                                                        {energy::kDewPoint, &w.dewPointC},
                                                        {energy::kSolar, &w.solarWm2}};
  const char* units[] = {"degC", "%", "degC", "W/m2"};
  for (std::size_t i = 0; i < std::size(vars); ++i) {
    const auto fid = findSeries(detail::connection(project), "weather", name, vars[i].first);
    if (!fid) continue;
    any = true;
    vars[i].second->start = from;
    vars[i].second->unit = units[i];
    vars[i].second->values = readDays(detail::connection(project), "energy_weather_days", *fid, from, to);
  }
  if (!any) return std::nullopt;
  return w;
}

std::optional<energy::HourlySeries> readMeter(const Project& project, const std::string& owner,
                                              energy::MeterKind kind, core::HourKey from, core::HourKey to,
                                              bool plant) {
  const auto fid = findSeries(detail::connection(project), meterScope(plant), owner, energy::meterKindName(kind));
  if (!fid) return std::nullopt;
  HourlySeries s;
  s.start = from;
  s.unit = "kWh";
  s.values = readDays(detail::connection(project), "energy_meter_days", *fid, from, to);
  return s;
}

std::vector<energy::MeterSeries> readMeters(const Project& project, core::HourKey from, core::HourKey to,
                                            bool plant) {
  std::vector<energy::MeterSeries> out;
  Stmt st(detail::connection(project), "SELECT fid, owner, quantity FROM energy_series WHERE scope = ?1 ORDER BY owner, quantity");
  bindText(st, 1, meterScope(plant));
  while (st.step("reading energy_series")) {
    const auto kind = energy::meterKindFromName(columnString(st, 2));
    if (!kind) continue;
    energy::MeterSeries m;
    m.owner = columnString(st, 1);
    m.kind = *kind;
    m.plant = plant;
    m.series.start = from;
    m.series.unit = "kWh";
    m.series.values = readDays(detail::connection(project), "energy_meter_days", sqlite3_column_int64(st, 0), from, to);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ekm::store
