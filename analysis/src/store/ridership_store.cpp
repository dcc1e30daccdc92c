// Ridership records (ridership_store.h): the SQL of ridership_records, on either backend
// (record_sql.h).
#include "ekm/store/ridership_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <utility>

#include "ekm/core/error.h"
#include "ekm/store/import_writer.h"
#include "store/record_sql.h"

namespace ekm::store {
namespace {

core::ErrorContext at(const RidershipImport& im, const RidershipRecord& r, std::string expected,
                      std::string found) {
  return {im.sourcePath,       r.line,
          std::nullopt,        r.layout == "route-day" ? "route_id" : "trip_id",
          std::move(expected), std::move(found)};
}

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // date, route, trip, stop
Key keyOf(const RidershipRecord& r) { return {r.date, r.routeId, r.tripId, r.stopId}; }
auto keyRef(const RidershipRecord& r) { return std::tie(r.date, r.routeId, r.tripId, r.stopId); }

}  // namespace

std::int64_t writeRidership(Project& project, const RidershipImport& im) {
  Transaction tx(project);
  const auto sql = recordSql(project);
  std::set<std::pair<std::string, std::string>> days;  // (date, route) of the file
  for (const auto& r : im.records) days.emplace(r.date, r.routeId);
  if (im.replace)
    for (const auto& [date, route] : days)
      sql->run("DELETE FROM ridership_records WHERE date = ?1 AND route_id = ?2", {date, route});
  // A record already stored, or twice in the file, is refused at its first repeat (keys of the
  // file's days: the UNIQUE key holds the day and route).
  std::set<Key> keys;
  if (!im.records.empty()) {
    const auto [first, last] = std::minmax_element(
        im.records.begin(), im.records.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    sql->run("SELECT date, route_id, trip_id, stop_id FROM ridership_records WHERE date >= ?1 AND date <= ?2",
             {first->date, last->date}, [&](const SqlRow& row) {
               if (days.count({row.text(0), row.text(1)}))
                 keys.insert({row.text(0), row.text(1), row.text(2), row.text(3)});
             });
  }
  for (const auto& r : im.records)
    if (!keys.insert(keyOf(r)).second)
      throw core::StoreError(
          "ridership record already in the project (import with --replace to replace the "
          "stored records of its date and route)",
          at(im, r, "a new record", r.date + " " + r.routeId + " " + r.tripId + " " + r.stopId));
  std::size_t i = 0;
  sql->append(
      "ridership_records",
      {"date", "route_id", "trip_id", "stop_id", "boardings", "alightings", "layout", "source_sha256"},
      [&](std::vector<SqlValue>& v) {
        if (i == im.records.size()) return false;
        const RidershipRecord& r = im.records[i++];
        v = {r.date,   r.routeId,      r.tripId,
             r.stopId, r.boardings,    r.alightings ? SqlValue{*r.alightings} : SqlValue{nullptr},
             r.layout, im.sourceSha256};
        return true;
      });
  // One layout per (date, route): a route's day counted twice otherwise.
  std::optional<std::pair<std::string, std::string>> mixed;
  sql->run(
      "SELECT date, route_id FROM ridership_records GROUP BY date, route_id HAVING count(DISTINCT layout) > "
      "1",
      {}, [&](const SqlRow& row) {
        std::pair<std::string, std::string> day{row.text(0), row.text(1)};
        if (!mixed || day < *mixed) mixed = std::move(day);  // the first in byte order on both backends
      });
  if (mixed)
    for (const auto& r : im.records)
      if (r.date == mixed->first && r.routeId == mixed->second)
        throw core::StoreError(
            "the project holds records of this route and day in the other layout (stop-trip "
            "and route-day records of one day would count its riders twice)",
            at(im, r, "one layout per route and day", mixed->first + " " + mixed->second));
  logImport(project, im.sourcePath, im.sourceSha256, "ridership",
            static_cast<std::int64_t>(im.records.size()),
            nlohmann::json{{"layout", im.layout}, {"replace", im.replace}}.dump());
  tx.commit();
  return static_cast<std::int64_t>(im.records.size());
}

std::vector<RidershipRecord> readRidership(const Project& project) {
  std::vector<RidershipRecord> out;
  recordSql(project)->run(
      "SELECT date, route_id, trip_id, stop_id, boardings, alightings, layout FROM ridership_records", {},
      [&](const SqlRow& row) {
        RidershipRecord r;
        r.date = row.text(0);
        r.routeId = row.text(1);
        r.tripId = row.text(2);
        r.stopId = row.text(3);
        r.boardings = row.integer(4);
        if (!row.isNull(5)) r.alightings = row.integer(5);
        r.layout = row.text(6);
        out.push_back(std::move(r));
      });
  // By date, route, trip, stop in byte order on both backends (the key is unique).
  std::sort(out.begin(), out.end(),
            [](const RidershipRecord& a, const RidershipRecord& b) { return keyRef(a) < keyRef(b); });
  return out;
}

}  // namespace ekm::store
