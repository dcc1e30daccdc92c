// The energy tables: buildings, the series catalogue and the day tables (energy_store.h).
// On either backend (record_sql.h).
#include "ekm/store/energy_store.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

#include "ekm/core/error.h"
#include "ekm/store/import_writer.h"
#include "store/record_sql.h"

namespace ekm::store {
namespace {

using energy::HourlySeries;
using energy::kMissing;

constexpr int kDayBits = 20;
constexpr std::int64_t kMaxDay = (std::int64_t{1} << kDayBits) - 1;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
std::int64_t dayRowFid(std::int64_t seriesFid, std::int64_t day) { return (seriesFid << kDayBits) | day; }

double columnValue(const SqlRow& r, int col) { return r.isNull(col) ? kMissing : r.real(col); }

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
std::int64_t seriesFid(RecordSql& sql, const std::string& scope, const std::string& owner, const std::string& quantity,
                       const std::string& unit, const std::string& source, EnergyWriteCounts& counts) {
  std::optional<std::int64_t> fid;
  std::string stored;
  sql.run("SELECT fid, unit FROM energy_series WHERE scope = ?1 AND owner = ?2 AND quantity = ?3", {scope, owner, quantity},
          [&](const SqlRow& r) {
            fid = r.integer(0);
            stored = r.text(1);
          });
  if (fid) {
    if (stored != unit) {
      auto c = seriesCtx(scope, owner, quantity);
      c.expected = "unit " + stored;
      c.found = unit;
      throw core::ValidationError("the series is stored in another unit", c);
    }
    return *fid;
  }
  ++counts.seriesCreated;
  return sql.insert("energy_series", {"scope", "owner", "quantity", "unit", "source"}, {scope, owner, quantity, unit, source});
}

SqlValue valueOrNull(double v) { return std::isnan(v) ? SqlValue{nullptr} : SqlValue{v}; }

// Writes a series' values over [start, end) into a day table, keeping stored hours
// outside that range: the range's day rows are deleted and appended again (COPY on
// PostgreSQL), the partial days at its ends merged with what was stored.
void writeDays(RecordSql& sql, const std::string& table, std::int64_t fid, const HourlySeries& s,
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
  std::map<std::int64_t, std::array<double, 24>> kept;  // stored partial days at the ends
  sql.run("SELECT day, " + hourColumns() + " FROM " + table + " WHERE fid IN (?1, ?2)",
          {dayRowFid(fid, firstDay), dayRowFid(fid, lastDay)}, [&](const SqlRow& r) {
            auto& v = kept[r.integer(0)];
            for (int h = 0; h < 24; ++h) v[h] = columnValue(r, h + 1);
          });
  sql.run("DELETE FROM " + table + " WHERE fid BETWEEN ?1 AND ?2", {dayRowFid(fid, firstDay), dayRowFid(fid, lastDay)});
  std::vector<std::string> columns = {"fid", "series_fid", "day"};
  for (int h = 0; h < 24; ++h) columns.push_back("h" + std::string(h < 10 ? "0" : "") + std::to_string(h));
  std::int64_t day = firstDay;
  counts.dayRows += sql.appendKeyed(table, columns, [&](std::vector<SqlValue>& row) {
    if (day > lastDay) return false;
    std::array<double, 24> v;
    v.fill(kMissing);
    const core::HourKey t0 = day * 24;
    if (t0 < s.start || t0 + 24 > s.end())  // partial day: keep what is stored outside the range
      if (const auto k = kept.find(day); k != kept.end()) v = k->second;
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = t0 + h;
      if (t >= s.start && t < s.end()) {
        v[h] = s.values[static_cast<std::size_t>(t - s.start)];
        if (!std::isnan(v[h])) ++counts.values;
      }
    }
    row[0] = dayRowFid(fid, day);
    row[1] = fid;
    row[2] = day;
    for (int h = 0; h < 24; ++h) row[static_cast<std::size_t>(h) + 3] = valueOrNull(v[h]);
    ++day;
    return true;
  });
}

// The values of a series over [from, to) (either backend).
std::vector<double> readDays(RecordSql& sql, const std::string& table, std::int64_t fid, core::HourKey from,
                             core::HourKey to) {
  std::vector<double> out(static_cast<std::size_t>(std::max<core::HourKey>(0, to - from)), kMissing);
  if (out.empty()) return out;
  const std::int64_t firstDay = std::clamp<std::int64_t>(floorDiv(from, 24), 0, kMaxDay);
  const std::int64_t lastDay = std::clamp<std::int64_t>(floorDiv(to - 1, 24), 0, kMaxDay);
  sql.run("SELECT day, " + hourColumns() + " FROM " + table + " WHERE fid BETWEEN ?1 AND ?2",
          {dayRowFid(fid, firstDay), dayRowFid(fid, lastDay)}, [&](const SqlRow& r) {
            const core::HourKey t0 = r.integer(0) * 24;
            for (int h = 0; h < 24; ++h) {
              const core::HourKey t = t0 + h;
              if (t >= from && t < to) out[static_cast<std::size_t>(t - from)] = columnValue(r, h + 1);
            }
          });
  return out;
}

const char* const kBuildingWriteColumns[] = {"geom",           "building_id", "name_ja",    "name_en",
                                            "block",          "office_m2",   "retail_m2",  "hotel_m2",
                                            "residential_m2", "culture_m2",  "floor_area_m2", "height_m"};

// Inserts a building, or replaces the one with its building_id (keeping its fid).
void writeBuilding(RecordSql& sql, const energy::Building& b) {
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
  const auto& f = b.floor;
  for (double a : {f.office_m2, f.retail_m2, f.hotel_m2, f.residential_m2, f.culture_m2})
    if (!(a >= 0) || !std::isfinite(a)) {
      c.expected = "floor areas >= 0 m2";
      c.found = std::to_string(a);
      throw core::ValidationError("bad floor area", c);
    }
  std::vector<SqlValue> values(1);
  values.front().emplace<SqlGeometry>().gpkg = gpkgPartsBlob({ring}, true);
  for (const SqlValue& v : std::initializer_list<SqlValue>{b.buildingId, b.nameJa, b.nameEn, b.block, f.office_m2,
                                                           f.retail_m2, f.hotel_m2, f.residential_m2, f.culture_m2,
                                                           f.total(), valueOrNull(b.heightM)})
    values.push_back(v);
  const std::vector<std::string> columns(std::begin(kBuildingWriteColumns), std::end(kBuildingWriteColumns));
  std::optional<std::int64_t> fid;
  sql.run("SELECT fid FROM energy_buildings WHERE building_id = ?1", {b.buildingId},
          [&](const SqlRow& r) { fid = r.integer(0); });
  if (!fid) {
    sql.insert("energy_buildings", columns, values);
    return;
  }
  std::string set;
  for (std::size_t i = 0; i < columns.size(); ++i) set += (i ? ", " : "") + columns[i] + " = ?" + std::to_string(i + 1);
  auto params = values;
  params.push_back(*fid);
  sql.run("UPDATE energy_buildings SET " + set + " WHERE fid = ?" + std::to_string(params.size()), params);
}

bool buildingExists(RecordSql& sql, const std::string& id) {
  bool found = false;
  sql.run("SELECT 1 FROM energy_buildings WHERE building_id = ?1", {id}, [&](const SqlRow&) { found = true; });
  return found;
}

const char* const kBuildingColumns =
    "geom, building_id, name_ja, name_en, block, office_m2, retail_m2, hotel_m2, residential_m2, culture_m2, height_m";

// Columns as kBuildingColumns with the geometry read by `sql`.
std::string buildingColumns(const RecordSql& sql) {
  return sql.geometryColumn("geom") + std::string(kBuildingColumns).substr(4);
}

energy::Building readBuildingRow(const SqlRow& r) {
  energy::Building b;
  if (const auto blob = r.geometry(0); !blob.empty()) {
    bool polygon = false;
    const auto parts = partsFromGpkgBlob(blob.data(), blob.size(), polygon);
    if (!parts.empty())
      for (const auto& p : parts.front()) b.outerRingLonLat.emplace_back(p.lon, p.lat);
  }
  b.buildingId = r.text(1);
  b.nameJa = r.text(2);
  b.nameEn = r.text(3);
  b.block = r.text(4);
  b.floor.office_m2 = r.real(5);
  b.floor.retail_m2 = r.real(6);
  b.floor.hotel_m2 = r.real(7);
  b.floor.residential_m2 = r.real(8);
  b.floor.culture_m2 = r.real(9);
  b.heightM = columnValue(r, 10);
  return b;
}

std::optional<std::int64_t> findSeries(RecordSql& sql, const std::string& scope, const std::string& owner,
                                       const std::string& quantity) {
  std::optional<std::int64_t> fid;
  sql.run("SELECT fid FROM energy_series WHERE scope = ?1 AND owner = ?2 AND quantity = ?3", {scope, owner, quantity},
          [&](const SqlRow& r) { fid = r.integer(0); });
  return fid;
}

const char* meterScope(bool plant) { return plant ? "plant" : "building"; }

}  // namespace

EnergyWriteCounts writeEnergyBatch(Project& project, const EnergyBatch& batch, core::Feedback& feedback) {
  EnergyWriteCounts counts;
  Transaction tx(project);
  const auto sql = recordSql(project);
  for (const auto& b : batch.buildings) {
    writeBuilding(*sql, b);
    ++counts.buildings;
  }
  feedback.throwIfCancelled();
  const double steps = static_cast<double>(batch.weather.size() + batch.meters.size()) + 1;
  double step = 0;
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
      const auto fid = seriesFid(*sql, "weather", w.site, name, units[i], batch.source, counts);
      writeDays(*sql, "energy_weather_days", fid, *series, counts, seriesCtx("weather", w.site, name));
    }
    feedback.setProgress(100 * ++step / steps);
    feedback.throwIfCancelled();
  }
  for (const auto& m : batch.meters) {
    if (m.series.values.empty()) continue;
    const std::string kind = energy::meterKindName(m.kind);
    const auto ctx = seriesCtx(meterScope(m.plant), m.owner, kind);
    if (m.owner.empty()) throw core::ValidationError("a meter without an owner", ctx);
    if (!m.plant && !buildingExists(*sql, m.owner)) {
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
    const auto fid = seriesFid(*sql, meterScope(m.plant), m.owner, kind, "kWh", batch.source, counts);
    writeDays(*sql, "energy_meter_days", fid, m.series, counts, ctx);
    feedback.setProgress(100 * ++step / steps);
    feedback.throwIfCancelled();
  }
  std::vector<std::string> changed = {"energy_series", "energy_weather_days", "energy_meter_days"};
  if (!batch.buildings.empty()) changed.push_back("energy_buildings");
  sql->touch(changed);
  if (!batch.logKind.empty())
    logImport(project, batch.logSourcePath, batch.logSha256, batch.logKind, batch.logRows, batch.logOptions);
  feedback.throwIfCancelled();
  tx.commit();
  return counts;
}

bool isSourceImported(const Project& project, const std::string& sha256, const std::string& kind) {
  bool found = false;
  recordSql(project)->run("SELECT 1 FROM ekm_import_log WHERE source_sha256 = ?1 AND (?2 = '' OR kind = ?2) LIMIT 1",
                          {sha256, kind}, [&](const SqlRow&) { found = true; });
  return found;
}

std::vector<energy::Building> readBuildings(const Project& project) {
  const auto sql = recordSql(project);
  std::vector<energy::Building> out;
  sql->run("SELECT " + buildingColumns(*sql) + " FROM energy_buildings ORDER BY building_id", {},
           [&](const SqlRow& r) { out.push_back(readBuildingRow(r)); });
  return out;
}

std::optional<energy::Building> readBuilding(const Project& project, const std::string& buildingId) {
  const auto sql = recordSql(project);
  std::optional<energy::Building> out;
  sql->run("SELECT " + buildingColumns(*sql) + " FROM energy_buildings WHERE building_id = ?1", {buildingId},
           [&](const SqlRow& r) { out = readBuildingRow(r); });
  return out;
}

std::vector<EnergySeriesInfo> energySeries(const Project& project, const std::string& scope) {
  const auto sql = recordSql(project);
  std::vector<EnergySeriesInfo> out;
  sql->run(std::string("SELECT fid, scope, owner, quantity, unit, source FROM energy_series ") +
               (scope.empty() ? "" : "WHERE scope = ?1 ") + "ORDER BY scope, owner, quantity",
           scope.empty() ? std::vector<SqlValue>{} : std::vector<SqlValue>{scope}, [&](const SqlRow& r) {
             out.push_back(EnergySeriesInfo{});
             auto& s = out.back();
             s.fid = r.integer(0);
             s.scope = r.text(1);
             s.owner = r.text(2);
             s.quantity = r.text(3);
             s.unit = r.text(4);
             s.source = r.text(5);
           });
  for (auto& s : out) {
    const std::string table = s.scope == "weather" ? "energy_weather_days" : "energy_meter_days";
    bool any = false;
    sql->run("SELECT day, " + hourColumns() + " FROM " + table + " WHERE fid BETWEEN ?1 AND ?2 ORDER BY fid",
             {dayRowFid(s.fid, 0), dayRowFid(s.fid, kMaxDay)}, [&](const SqlRow& r) {
               const core::HourKey t0 = r.integer(0) * 24;
               for (int h = 0; h < 24; ++h) {
                 if (r.isNull(h + 1)) continue;
                 ++s.values;
                 if (!any) s.first = t0 + h;
                 any = true;
                 s.last = t0 + h;
               }
             });
  }
  return out;
}

std::vector<std::string> weatherSites(const Project& project) {
  std::vector<std::string> out;
  recordSql(project)->run("SELECT DISTINCT owner FROM energy_series WHERE scope = 'weather' ORDER BY owner", {},
                          [&](const SqlRow& r) { out.push_back(r.text(0)); });
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
  const auto sql = recordSql(project);
  energy::WeatherSeries w;
  w.site = name;
  bool any = false;
  const std::pair<const char*, HourlySeries*> vars[] = {{energy::kDryBulb, &w.dryBulbC},
                                                        {energy::kRelHumidity, &w.relHumidityPct},
                                                        {energy::kDewPoint, &w.dewPointC},
                                                        {energy::kSolar, &w.solarWm2}};
  const char* units[] = {"degC", "%", "degC", "W/m2"};
  for (std::size_t i = 0; i < std::size(vars); ++i) {
    const auto fid = findSeries(*sql, "weather", name, vars[i].first);
    if (!fid) continue;
    any = true;
    vars[i].second->start = from;
    vars[i].second->unit = units[i];
    vars[i].second->values = readDays(*sql, "energy_weather_days", *fid, from, to);
  }
  if (!any) return std::nullopt;
  return w;
}

std::optional<energy::HourlySeries> readMeter(const Project& project, const std::string& owner,
                                              energy::MeterKind kind, core::HourKey from, core::HourKey to,
                                              bool plant) {
  const auto sql = recordSql(project);
  const auto fid = findSeries(*sql, meterScope(plant), owner, energy::meterKindName(kind));
  if (!fid) return std::nullopt;
  HourlySeries s;
  s.start = from;
  s.unit = "kWh";
  s.values = readDays(*sql, "energy_meter_days", *fid, from, to);
  return s;
}

std::vector<energy::MeterSeries> readMeters(const Project& project, core::HourKey from, core::HourKey to,
                                            bool plant) {
  const auto sql = recordSql(project);
  std::vector<std::tuple<std::int64_t, std::string, std::string>> series;
  sql->run("SELECT fid, owner, quantity FROM energy_series WHERE scope = ?1 ORDER BY owner, quantity",
           {std::string(meterScope(plant))}, [&](const SqlRow& r) { series.emplace_back(r.integer(0), r.text(1), r.text(2)); });
  std::vector<energy::MeterSeries> out;
  for (const auto& [fid, owner, quantity] : series) {
    const auto kind = energy::meterKindFromName(quantity);
    if (!kind) continue;
    energy::MeterSeries m;
    m.owner = owner;
    m.kind = *kind;
    m.plant = plant;
    m.series.start = from;
    m.series.unit = "kWh";
    m.series.values = readDays(*sql, "energy_meter_days", fid, from, to);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ekm::store
