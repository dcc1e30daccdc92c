// Ridership records (ridership_store.h): the SQL of ridership_records.
#include "ekm/store/ridership_store.h"

#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "store/project_internal.h"
#include "ekm/core/error.h"
#include "store/gpkg_internal.h"
#include "store/statement.h"

namespace ekm::store {
namespace {


core::ErrorContext at(const RidershipImport& im, const RidershipRecord& r, std::string expected, std::string found) {
  return {im.sourcePath, r.line, std::nullopt, r.layout == "route-day" ? "route_id" : "trip_id", std::move(expected),
          std::move(found)};
}

}  // namespace

std::int64_t writeRidership(Project& project, const RidershipImport& im) {
  sqlite3* db = detail::connection(project);
  detail::SqlTransaction tx(db);
  if (im.replace) {
    std::set<std::pair<std::string, std::string>> days;
    for (const auto& r : im.records) days.emplace(r.date, r.routeId);
    Stmt del(db, "DELETE FROM ridership_records WHERE date = ?1 AND route_id = ?2");
    for (const auto& [date, route] : days) {
      sqlite3_reset(del);
      bindText(del, 1, date);
      bindText(del, 2, route);
      del.step("deleting replaced ridership records");
    }
  }
  Stmt ins(db,
           "INSERT INTO ridership_records (date, route_id, trip_id, stop_id, boardings, alightings, layout, "
           "source_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING");
  for (const auto& r : im.records) {
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    bindText(ins, 1, r.date);
    bindText(ins, 2, r.routeId);
    bindText(ins, 3, r.tripId);
    bindText(ins, 4, r.stopId);
    sqlite3_bind_int64(ins, 5, r.boardings);
    if (r.alightings) sqlite3_bind_int64(ins, 6, *r.alightings);
    bindText(ins, 7, r.layout);
    bindText(ins, 8, im.sourceSha256);
    ins.step("inserting into ridership_records");
    if (sqlite3_changes(db) == 0)
      throw core::StoreError("ridership record already in the project (import with --replace to replace the "
                             "stored records of its date and route)",
                             at(im, r, "a new record", r.date + " " + r.routeId + " " + r.tripId + " " + r.stopId));
  }
  // One layout per (date, route): a route's day counted twice otherwise.
  Stmt mixed(db,
             "SELECT date, route_id FROM ridership_records GROUP BY date, route_id "
             "HAVING count(DISTINCT layout) > 1 ORDER BY date, route_id LIMIT 1");
  if (mixed.step("checking ridership layouts")) {
    const std::string date = columnString(mixed, 0), route = columnString(mixed, 1);
    for (const auto& r : im.records)
      if (r.date == date && r.routeId == route)
        throw core::StoreError("the project holds records of this route and day in the other layout (stop-trip "
                               "and route-day records of one day would count its riders twice)",
                               at(im, r, "one layout per route and day", date + " " + route));
  }
  writeImportLogRow(db, im.sourcePath, im.sourceSha256, "ridership", static_cast<std::int64_t>(im.records.size()),
                    nlohmann::json{{"layout", im.layout}, {"replace", im.replace}}.dump());
  tx.commit();
  return static_cast<std::int64_t>(im.records.size());
}

std::vector<RidershipRecord> readRidership(const Project& project) {
  sqlite3* db = detail::connection(project);
  std::vector<RidershipRecord> out;
  Stmt st(db,
          "SELECT date, route_id, trip_id, stop_id, boardings, alightings, layout FROM ridership_records "
          "ORDER BY date, route_id, trip_id, stop_id");
  while (st.step("reading ridership_records")) {
    RidershipRecord r;
    r.date = columnString(st, 0);
    r.routeId = columnString(st, 1);
    r.tripId = columnString(st, 2);
    r.stopId = columnString(st, 3);
    r.boardings = sqlite3_column_int64(st, 4);
    if (sqlite3_column_type(st, 5) != SQLITE_NULL) r.alightings = sqlite3_column_int64(st, 5);
    r.layout = columnString(st, 6);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ekm::store
