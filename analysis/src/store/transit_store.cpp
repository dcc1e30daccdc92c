// The project's GTFS feed (transit_store.h): the SQL of the transit tables, on either backend
// (record_sql.h).
#include "ekm/store/transit_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "ekm/core/error.h"
#include "ekm/store/import_writer.h"
#include "store/project_internal.h"
#include "store/record_sql.h"

namespace ekm::store {
namespace {

// Values as the tables hold them: an empty string or an empty optional is NULL.
SqlValue str(const std::string& s) { return s.empty() ? SqlValue{nullptr} : SqlValue{s}; }
SqlValue num(int v) { return std::int64_t{v}; }
SqlValue opt(const std::optional<int>& v) { return v ? num(*v) : SqlValue{nullptr}; }
SqlValue opt(const std::optional<double>& v) { return v ? SqlValue{*v} : SqlValue{nullptr}; }

std::optional<int> optionalInt(const SqlRow& r, int col) {
  if (r.isNull(col)) return std::nullopt;
  return static_cast<int>(r.integer(col));
}
std::optional<double> optionalDouble(const SqlRow& r, int col) {
  if (r.isNull(col)) return std::nullopt;
  return r.real(col);
}

// Appends every record as the row `row(record)` gives, with new fids (`keyed`: a table keyed
// by its columns, without fids); returns the rows written.
template <class T, class Row>
std::int64_t appendAll(RecordSql& sql, const std::string& table, const std::vector<std::string>& columns,
                       const std::vector<T>& records, Row row, bool keyed = false) {
  std::size_t i = 0;
  const auto next = [&](std::vector<SqlValue>& v) {
    if (i == records.size()) return false;
    v = row(records[i++]);
    return true;
  };
  return keyed ? sql.appendKeyed(table, columns, next) : sql.append(table, columns, next);
}

// The fids of a table's rows in order (the rows a writer has just appended to the emptied table).
std::vector<std::int64_t> fidsInOrder(RecordSql& sql, const std::string& table) {
  std::vector<std::int64_t> out;
  sql.run("SELECT fid FROM " + table + " ORDER BY fid", {},
          [&](const SqlRow& r) { out.push_back(r.integer(0)); });
  return out;
}

// Tables cleared when a feed replaces the previous one (stop_times before trips).
const char* const kTransitTables[] = {
    "gtfs_stop_times",      "gtfs_trips",        "gtfs_routes",       "gtfs_patterns",
    "gtfs_stops",           "gtfs_route_shapes", "gtfs_calendar",     "gtfs_calendar_dates",
    "gtfs_fare_attributes", "gtfs_fare_rules",   "gtfs_translations", "gtfs_offices",
    "gtfs_agencies",        "gtfs_feed"};

GtfsStop readStop(const SqlRow& r) {
  GtfsStop s;
  s.fid = r.integer(0);
  s.stopId = r.text(1);
  s.code = r.text(2);
  s.name = r.text(3);
  s.nameKana = r.text(4);
  s.nameEn = r.text(5);
  s.description = r.text(6);
  s.zoneId = r.text(7);
  s.url = r.text(8);
  s.locationType = static_cast<int>(r.integer(9));
  s.parentStation = r.text(10);
  s.platformCode = r.text(11);
  s.wheelchairBoarding = optionalInt(r, 12);
  const auto blob = r.geometry(13);
  const auto pts = pointsFromGpkgBlob(blob.data(), blob.size());
  if (!pts.empty()) s.position = pts.front();
  return s;
}
const char* kStopColumns =
    "fid, stop_id, code, name, name_kana, name_en, description, zone_id, url, location_type, parent_station, "
    "platform_code, wheelchair_boarding";

GtfsRoute readRoute(const SqlRow& r) {
  GtfsRoute g;
  g.fid = r.integer(0);
  g.routeType = static_cast<int>(r.integer(8));
  int c = 1;
  for (std::string* f :
       {&g.routeId, &g.agencyId, &g.shortName, &g.longName, &g.nameKana, &g.nameEn, &g.description})
    *f = r.text(c++);
  c = 9;
  for (std::string* f : {&g.url, &g.color, &g.textColor, &g.jpParentRouteId, &g.jpUpdateDate, &g.jpOriginStop,
                         &g.jpViaStop, &g.jpDestinationStop})
    *f = r.text(c++);
  return g;
}
const char* kRouteColumns =
    "fid, route_id, agency_id, short_name, long_name, name_kana, name_en, description, route_type, url, "
    "color, "
    "text_color, jp_parent_route_id, jp_update_date, jp_origin_stop, jp_via_stop, jp_destination_stop";

}  // namespace

std::int64_t writeGtfsFeed(Project& project, const GtfsFeed& feed) {
  // A trip of a route the feed lacks refuses the feed before anything is written.
  std::unordered_set<std::string> routeIds;
  for (const auto& r : feed.routes) routeIds.insert(r.routeId);
  for (const auto& t : feed.trips)
    if (!routeIds.count(t.routeId))
      throw core::StoreError("trip of an unknown route", {"gtfs_trips", std::nullopt, std::nullopt,
                                                          "route_id", "a route of the feed", t.routeId});
  Transaction tx(project);
  const auto sql = recordSql(project);
  for (const char* t : kTransitTables) sql->run(std::string("DELETE FROM ") + t, {});
  const GtfsFeedInfo& i = feed.info;
  sql->run(
      "INSERT INTO gtfs_feed (fid, source_path, source_sha256, publisher_name, publisher_url, feed_lang, "
      "start_date, end_date, feed_version, contact_email, contact_url, attribution, imported_at, warnings) "
      "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
      {str(i.sourcePath), str(i.sourceSha256), str(i.publisherName), str(i.publisherUrl), str(i.feedLang),
       str(i.startDate), str(i.endDate), str(i.feedVersion), str(i.contactEmail), str(i.contactUrl),
       str(i.attribution), nowIso(), nlohmann::json(i.warnings).dump()});
  std::int64_t rows = 1;
  rows += appendAll(*sql, "gtfs_agencies",
                    {"agency_id", "name", "url", "timezone", "lang", "phone", "fare_url", "email",
                     "official_name", "zip_number", "address", "president_pos", "president_name"},
                    feed.agencies, [](const GtfsAgency& a) {
                      return std::vector<SqlValue>{str(a.agencyId),     str(a.name),    str(a.url),
                                                   str(a.timezone),     str(a.lang),    str(a.phone),
                                                   str(a.fareUrl),      str(a.email),   str(a.officialName),
                                                   str(a.zipNumber),    str(a.address), str(a.presidentPos),
                                                   str(a.presidentName)};
                    });
  rows += appendAll(*sql, "gtfs_offices", {"office_id", "name", "url", "phone"}, feed.offices,
                    [](const GtfsOffice& o) {
                      return std::vector<SqlValue>{str(o.officeId), str(o.name), str(o.url), str(o.phone)};
                    });
  // Stops, routes and trips: their fids (read back in order: the tables were emptied) key
  // the stop times.
  rows += appendAll(*sql, "gtfs_stops",
                    {"geom", "stop_id", "code", "name", "name_kana", "name_en", "description", "zone_id",
                     "url", "location_type", "parent_station", "platform_code", "wheelchair_boarding"},
                    feed.stops, [](const GtfsStop& s) {
                      return std::vector<SqlValue>{SqlGeometry{gpkgPointBlob(s.position)},
                                                   str(s.stopId),
                                                   str(s.code),
                                                   str(s.name),
                                                   str(s.nameKana),
                                                   str(s.nameEn),
                                                   str(s.description),
                                                   str(s.zoneId),
                                                   str(s.url),
                                                   num(s.locationType),
                                                   str(s.parentStation),
                                                   str(s.platformCode),
                                                   opt(s.wheelchairBoarding)};
                    });
  const std::vector<std::int64_t> stopFid = fidsInOrder(*sql, "gtfs_stops");
  rows +=
      appendAll(*sql, "gtfs_routes",
                {"route_id", "agency_id", "short_name", "long_name", "name_kana", "name_en", "description",
                 "route_type", "url", "color", "text_color", "jp_parent_route_id", "jp_update_date",
                 "jp_origin_stop", "jp_via_stop", "jp_destination_stop"},
                feed.routes, [](const GtfsRoute& r) {
                  return std::vector<SqlValue>{
                      str(r.routeId),      str(r.agencyId),     str(r.shortName),   str(r.longName),
                      str(r.nameKana),     str(r.nameEn),       str(r.description), num(r.routeType),
                      str(r.url),          str(r.color),        str(r.textColor),   str(r.jpParentRouteId),
                      str(r.jpUpdateDate), str(r.jpOriginStop), str(r.jpViaStop),   str(r.jpDestinationStop)};
                });
  std::unordered_map<std::string, std::int64_t> routeFid;
  sql->run("SELECT fid, route_id FROM gtfs_routes", {},
           [&](const SqlRow& r) { routeFid[r.text(1)] = r.integer(0); });
  rows += appendAll(*sql, "gtfs_patterns",
                    {"pattern_id", "route_id", "update_date", "origin_stop", "via_stop", "destination_stop"},
                    feed.patterns, [](const GtfsPattern& p) {
                      return std::vector<SqlValue>{str(p.patternId),  str(p.routeId), str(p.updateDate),
                                                   str(p.originStop), str(p.viaStop), str(p.destinationStop)};
                    });
  rows += appendAll(*sql, "gtfs_trips",
                    {"trip_id", "route_fid", "service_id", "headsign", "short_name", "direction_id",
                     "block_id", "shape_id", "wheelchair_accessible", "bikes_allowed", "jp_trip_desc",
                     "jp_trip_desc_symbol", "jp_office_id", "jp_pattern_id"},
                    feed.trips, [&](const GtfsTrip& t) {
                      return std::vector<SqlValue>{
                          str(t.tripId),       routeFid.at(t.routeId), str(t.serviceId),
                          str(t.headsign),     str(t.shortName),       opt(t.directionId),
                          str(t.blockId),      str(t.shapeId),         opt(t.wheelchairAccessible),
                          opt(t.bikesAllowed), str(t.jpTripDesc),      str(t.jpTripDescSymbol),
                          str(t.jpOfficeId),   str(t.jpPatternId)};
                    });
  const std::vector<std::int64_t> tripFid = fidsInOrder(*sql, "gtfs_trips");
  rows += appendAll(
      *sql, "gtfs_stop_times",
      {"trip_fid", "stop_sequence", "stop_fid", "arrival_s", "departure_s", "timepoint", "stop_headsign",
       "pickup_type", "drop_off_type", "shape_dist_traveled"},
      feed.stopTimes,
      [&](const GtfsStopTime& s) {
        return std::vector<SqlValue>{tripFid.at(static_cast<std::size_t>(s.trip)),
                                     num(s.stopSequence),
                                     stopFid.at(static_cast<std::size_t>(s.stop)),
                                     num(s.arrivalS),
                                     num(s.departureS),
                                     num(s.timepoint ? 1 : 0),
                                     str(s.stopHeadsign),
                                     opt(s.pickupType),
                                     opt(s.dropOffType),
                                     opt(s.shapeDistTraveled)};
      },
      true);
  rows += appendAll(
      *sql, "gtfs_calendar",
      {"service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
       "start_date", "end_date"},
      feed.calendar,
      [](const GtfsCalendar& c) {
        std::vector<SqlValue> v{str(c.serviceId)};
        for (bool d : c.days) v.push_back(num(d ? 1 : 0));
        v.push_back(str(c.startDate));
        v.push_back(str(c.endDate));
        return v;
      },
      true);
  rows += appendAll(
      *sql, "gtfs_calendar_dates", {"service_id", "date", "exception_type"}, feed.calendarDates,
      [](const GtfsCalendarDate& c) {
        return std::vector<SqlValue>{str(c.serviceId), str(c.date), num(c.exceptionType)};
      },
      true);
  rows += appendAll(
      *sql, "gtfs_fare_attributes",
      {"fare_id", "price", "currency_type", "payment_method", "transfers", "agency_id",
       "transfer_duration_s"},
      feed.fareAttributes,
      [](const GtfsFareAttribute& f) {
        return std::vector<SqlValue>{str(f.fareId),           f.price,          str(f.currencyType),
                                     opt(f.paymentMethod),    opt(f.transfers), str(f.agencyId),
                                     opt(f.transferDurationS)};
      },
      true);
  rows += appendAll(*sql, "gtfs_fare_rules",
                    {"fare_id", "route_id", "origin_id", "destination_id", "contains_id"}, feed.fareRules,
                    [](const GtfsFareRule& f) {
                      return std::vector<SqlValue>{str(f.fareId), str(f.routeId), str(f.originId),
                                                   str(f.destinationId), str(f.containsId)};
                    });
  rows += appendAll(
      *sql, "gtfs_translations",
      {"table_name", "field_name", "language", "translation", "record_id", "record_sub_id", "field_value"},
      feed.translations, [](const GtfsTranslation& t) {
        return std::vector<SqlValue>{str(t.tableName),   str(t.fieldName), str(t.language),
                                     str(t.translation), str(t.recordId),  str(t.recordSubId),
                                     str(t.fieldValue)};
      });
  std::vector<GtfsRouteShape> lines;
  for (const auto& r : feed.routeShapes)
    if (r.points.size() >= 2) lines.push_back(r);
  rows +=
      appendAll(*sql, "gtfs_route_shapes", {"geom", "route_id", "shape_id", "source", "trips", "length_m"},
                lines, [](const GtfsRouteShape& r) {
                  return std::vector<SqlValue>{SqlGeometry{gpkgLineStringBlob(r.points)},
                                               str(r.routeId),
                                               str(r.shapeId),
                                               str(r.source),
                                               num(r.trips),
                                               r.lengthM};
                });
  logImport(project, feed.info.sourcePath, feed.info.sourceSha256, "gtfs",
            static_cast<std::int64_t>(feed.stopTimes.size()),
            nlohmann::json{{"attribution", feed.info.attribution}}.dump());
  // The GeoPackage catalogue: every transit table changed now, the feature tables' extents.
  sql->touch(std::vector<std::string>(std::begin(kTransitTables), std::end(kTransitTables)));
  tx.commit();
  return rows;
}

std::optional<GtfsFeedInfo> gtfsFeedInfo(const Project& project) {
  std::optional<GtfsFeedInfo> out;
  recordSql(project)->run(
      "SELECT source_path, source_sha256, publisher_name, publisher_url, feed_lang, start_date, end_date, "
      "feed_version, contact_email, contact_url, attribution, imported_at, warnings FROM gtfs_feed WHERE fid "
      "= 1",
      {}, [&](const SqlRow& r) {
        GtfsFeedInfo i;
        int c = 0;
        for (std::string* f :
             {&i.sourcePath, &i.sourceSha256, &i.publisherName, &i.publisherUrl, &i.feedLang, &i.startDate,
              &i.endDate, &i.feedVersion, &i.contactEmail, &i.contactUrl, &i.attribution, &i.importedAt})
          *f = r.text(c++);
        const auto w = nlohmann::json::parse(r.text(c), nullptr, false);
        if (w.is_array())
          for (const auto& s : w) i.warnings.push_back(s.get<std::string>());
        out = std::move(i);
      });
  return out;
}

namespace {

std::vector<GtfsStop> readStops(RecordSql& sql) {
  std::vector<GtfsStop> out;
  sql.run(std::string("SELECT ") + kStopColumns + ", " + sql.geometryColumn("geom") +
              " FROM gtfs_stops ORDER BY fid",
          {}, [&](const SqlRow& r) { out.push_back(readStop(r)); });
  return out;
}

std::vector<GtfsRoute> readRoutes(RecordSql& sql) {
  std::vector<GtfsRoute> out;
  sql.run(std::string("SELECT ") + kRouteColumns + " FROM gtfs_routes ORDER BY fid", {},
          [&](const SqlRow& r) { out.push_back(readRoute(r)); });
  return out;
}

std::vector<GtfsRouteShape> readRouteShapes(RecordSql& sql) {
  std::vector<GtfsRouteShape> out;
  sql.run("SELECT route_id, shape_id, source, trips, length_m, " + sql.geometryColumn("geom") +
              " FROM gtfs_route_shapes ORDER BY fid",
          {}, [&](const SqlRow& r) {
            GtfsRouteShape s;
            s.routeId = r.text(0);
            s.shapeId = r.text(1);
            s.source = r.text(2);
            s.trips = static_cast<int>(r.integer(3));
            s.lengthM = r.real(4);
            const auto blob = r.geometry(5);
            s.points = pointsFromGpkgBlob(blob.data(), blob.size());
            out.push_back(std::move(s));
          });
  return out;
}

// Text keys in byte order on both backends (a server's collation may order them otherwise).
template <class T, class Key>
void sortBy(std::vector<T>& v, Key key) {
  std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
}

}  // namespace

std::vector<GtfsStop> gtfsStops(const Project& project) { return readStops(*recordSql(project)); }

std::vector<GtfsRoute> gtfsRoutes(const Project& project) { return readRoutes(*recordSql(project)); }

std::vector<GtfsRouteShape> gtfsRouteShapes(const Project& project) {
  return readRouteShapes(*recordSql(project));
}

GtfsFeed readGtfsFeed(const Project& project) {
  GtfsFeed f;
  const auto info = gtfsFeedInfo(project);
  if (!info) return f;
  f.info = *info;
  const auto sql = recordSql(project);
  sql->run(
      "SELECT agency_id, name, url, timezone, lang, phone, fare_url, email, official_name, zip_number, "
      "address, "
      "president_pos, president_name FROM gtfs_agencies ORDER BY fid",
      {}, [&](const SqlRow& r) {
        GtfsAgency a;
        int c = 0;
        for (std::string* s :
             {&a.agencyId, &a.name, &a.url, &a.timezone, &a.lang, &a.phone, &a.fareUrl, &a.email,
              &a.officialName, &a.zipNumber, &a.address, &a.presidentPos, &a.presidentName})
          *s = r.text(c++);
        f.agencies.push_back(std::move(a));
      });
  sql->run("SELECT office_id, name, url, phone FROM gtfs_offices ORDER BY fid", {}, [&](const SqlRow& r) {
    f.offices.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
  });
  f.stops = readStops(*sql);
  f.routes = readRoutes(*sql);
  sql->run(
      "SELECT pattern_id, route_id, update_date, origin_stop, via_stop, destination_stop FROM gtfs_patterns "
      "ORDER BY fid",
      {}, [&](const SqlRow& r) {
        f.patterns.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)});
      });
  std::unordered_map<std::int64_t, std::int32_t> tripIndex, stopIndex;
  for (std::size_t k = 0; k < f.stops.size(); ++k) stopIndex[f.stops[k].fid] = static_cast<std::int32_t>(k);
  sql->run(
      "SELECT t.fid, trip_id, r.route_id, service_id, headsign, t.short_name, direction_id, block_id, "
      "shape_id, "
      "wheelchair_accessible, bikes_allowed, jp_trip_desc, jp_trip_desc_symbol, jp_office_id, jp_pattern_id "
      "FROM gtfs_trips t JOIN gtfs_routes r ON r.fid = t.route_fid ORDER BY t.fid",
      {}, [&](const SqlRow& r) {
        GtfsTrip t;
        t.fid = r.integer(0);
        t.tripId = r.text(1);
        t.routeId = r.text(2);
        t.serviceId = r.text(3);
        t.headsign = r.text(4);
        t.shortName = r.text(5);
        t.directionId = optionalInt(r, 6);
        t.blockId = r.text(7);
        t.shapeId = r.text(8);
        t.wheelchairAccessible = optionalInt(r, 9);
        t.bikesAllowed = optionalInt(r, 10);
        t.jpTripDesc = r.text(11);
        t.jpTripDescSymbol = r.text(12);
        t.jpOfficeId = r.text(13);
        t.jpPatternId = r.text(14);
        tripIndex[t.fid] = static_cast<std::int32_t>(f.trips.size());
        f.trips.push_back(std::move(t));
      });
  sql->run(
      "SELECT trip_fid, stop_sequence, stop_fid, arrival_s, departure_s, timepoint, stop_headsign, "
      "pickup_type, "
      "drop_off_type, shape_dist_traveled FROM gtfs_stop_times ORDER BY trip_fid, stop_sequence",
      {}, [&](const SqlRow& r) {
        GtfsStopTime s;
        s.trip = tripIndex.at(r.integer(0));
        s.stopSequence = static_cast<int>(r.integer(1));
        s.stop = stopIndex.at(r.integer(2));
        s.arrivalS = static_cast<int>(r.integer(3));
        s.departureS = static_cast<int>(r.integer(4));
        s.timepoint = r.integer(5) != 0;
        s.stopHeadsign = r.text(6);
        s.pickupType = optionalInt(r, 7);
        s.dropOffType = optionalInt(r, 8);
        s.shapeDistTraveled = optionalDouble(r, 9);
        f.stopTimes.push_back(std::move(s));
      });
  sql->run(
      "SELECT service_id, monday, tuesday, wednesday, thursday, friday, saturday, sunday, start_date, "
      "end_date "
      "FROM gtfs_calendar",
      {}, [&](const SqlRow& r) {
        GtfsCalendar c;
        c.serviceId = r.text(0);
        for (int d = 0; d < 7; ++d) c.days[d] = r.integer(1 + d) != 0;
        c.startDate = r.text(8);
        c.endDate = r.text(9);
        f.calendar.push_back(std::move(c));
      });
  sortBy(f.calendar, [](const GtfsCalendar& c) -> const std::string& { return c.serviceId; });
  sql->run("SELECT service_id, date, exception_type FROM gtfs_calendar_dates", {}, [&](const SqlRow& r) {
    f.calendarDates.push_back({r.text(0), r.text(1), static_cast<int>(r.integer(2))});
  });
  sortBy(f.calendarDates, [](const GtfsCalendarDate& c) { return std::tie(c.date, c.serviceId); });
  sql->run(
      "SELECT fare_id, price, currency_type, payment_method, transfers, agency_id, transfer_duration_s "
      "FROM gtfs_fare_attributes",
      {}, [&](const SqlRow& r) {
        GtfsFareAttribute a;
        a.fareId = r.text(0);
        a.price = r.real(1);
        a.currencyType = r.text(2);
        a.paymentMethod = optionalInt(r, 3);
        a.transfers = optionalInt(r, 4);
        a.agencyId = r.text(5);
        a.transferDurationS = optionalInt(r, 6);
        f.fareAttributes.push_back(std::move(a));
      });
  sortBy(f.fareAttributes, [](const GtfsFareAttribute& a) -> const std::string& { return a.fareId; });
  sql->run(
      "SELECT fare_id, route_id, origin_id, destination_id, contains_id FROM gtfs_fare_rules ORDER BY fid",
      {}, [&](const SqlRow& r) {
        f.fareRules.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)});
      });
  sql->run(
      "SELECT table_name, field_name, language, translation, record_id, record_sub_id, field_value "
      "FROM gtfs_translations ORDER BY fid",
      {}, [&](const SqlRow& r) {
        f.translations.push_back(
            {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)});
      });
  f.routeShapes = readRouteShapes(*sql);
  return f;
}

}  // namespace ekm::store
