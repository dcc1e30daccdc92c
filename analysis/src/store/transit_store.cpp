// The project's GTFS feed (transit_store.h): the SQL of the transit tables.
#include "ekm/store/transit_store.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "store/project_internal.h"
#include "ekm/core/error.h"
#include "store/statement.h"

namespace ekm::store {
namespace {

// Binds values in order; empty strings and empty optionals become NULL.
class Binder {
 public:
  explicit Binder(sqlite3_stmt* st) : m_st(st) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
  }
  Binder& operator()(const std::string& s) {
    ++m_i;
    if (s.empty())
      sqlite3_bind_null(m_st, m_i);
    else
      sqlite3_bind_text(m_st, m_i, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Binder& operator()(std::int64_t v) {
    sqlite3_bind_int64(m_st, ++m_i, v);
    return *this;
  }
  Binder& operator()(int v) { return (*this)(static_cast<std::int64_t>(v)); }
  Binder& operator()(double v) {
    sqlite3_bind_double(m_st, ++m_i, v);
    return *this;
  }
  template <class T>
  Binder& operator()(const std::optional<T>& v) {
    if (v) return (*this)(*v);
    sqlite3_bind_null(m_st, ++m_i);
    return *this;
  }
  // Runs after the row is inserted (e.g. to keep its fid).
  void onStep(std::function<void()> f) { m_after = std::move(f); }
  void after() const {
    if (m_after) m_after();
  }
  Binder& blob(const std::vector<unsigned char>& b) {
    sqlite3_bind_blob(m_st, ++m_i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
    return *this;
  }

 private:
  sqlite3_stmt* m_st;
  int m_i = 0;
  std::function<void()> m_after;
};

// Inserts every record with `bind(Binder&, record)`; returns the rows written.
template <class T, class Bind>
std::int64_t insertAll(sqlite3* db, const char* table, const std::string& columnsAndValues, const std::vector<T>& records,
                       Bind bind) {
  Stmt st(db, std::string("INSERT INTO ") + table + " " + columnsAndValues);
  const std::string what = std::string("inserting into ") + table;
  for (const auto& r : records) {
    Binder b(st);
    bind(b, r);
    st.step(what.c_str());
    b.after();
  }
  return static_cast<std::int64_t>(records.size());
}

std::optional<int> optionalInt(sqlite3_stmt* st, int col) {
  if (sqlite3_column_type(st, col) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int(st, col);
}
std::optional<double> optionalDouble(sqlite3_stmt* st, int col) {
  if (sqlite3_column_type(st, col) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(st, col);
}

// Tables cleared when a feed replaces the previous one (stop_times before trips).
const char* const kTransitTables[] = {"gtfs_stop_times", "gtfs_trips",          "gtfs_routes",
                                      "gtfs_patterns",   "gtfs_stops",          "gtfs_route_shapes",
                                      "gtfs_calendar",   "gtfs_calendar_dates", "gtfs_fare_attributes",
                                      "gtfs_fare_rules", "gtfs_translations",   "gtfs_offices",
                                      "gtfs_agencies",   "gtfs_feed"};

GtfsStop readStop(sqlite3_stmt* st) {
  GtfsStop s;
  s.fid = sqlite3_column_int64(st, 0);
  s.stopId = columnString(st, 1);
  s.code = columnString(st, 2);
  s.name = columnString(st, 3);
  s.nameKana = columnString(st, 4);
  s.nameEn = columnString(st, 5);
  s.description = columnString(st, 6);
  s.zoneId = columnString(st, 7);
  s.url = columnString(st, 8);
  s.locationType = sqlite3_column_int(st, 9);
  s.parentStation = columnString(st, 10);
  s.platformCode = columnString(st, 11);
  s.wheelchairBoarding = optionalInt(st, 12);
  const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(st, 13));
  const auto pts = pointsFromGpkgBlob(blob, static_cast<std::size_t>(sqlite3_column_bytes(st, 13)));
  if (!pts.empty()) s.position = pts.front();
  return s;
}
const char* kStopColumns =
    "fid, stop_id, code, name, name_kana, name_en, description, zone_id, url, location_type, parent_station, "
    "platform_code, wheelchair_boarding, geom";

GtfsRoute readRoute(sqlite3_stmt* st) {
  GtfsRoute r;
  r.fid = sqlite3_column_int64(st, 0);
  r.routeId = columnString(st, 1);
  r.agencyId = columnString(st, 2);
  r.shortName = columnString(st, 3);
  r.longName = columnString(st, 4);
  r.nameKana = columnString(st, 5);
  r.nameEn = columnString(st, 6);
  r.description = columnString(st, 7);
  r.routeType = sqlite3_column_int(st, 8);
  r.url = columnString(st, 9);
  r.color = columnString(st, 10);
  r.textColor = columnString(st, 11);
  r.jpParentRouteId = columnString(st, 12);
  r.jpUpdateDate = columnString(st, 13);
  r.jpOriginStop = columnString(st, 14);
  r.jpViaStop = columnString(st, 15);
  r.jpDestinationStop = columnString(st, 16);
  return r;
}
const char* kRouteColumns =
    "fid, route_id, agency_id, short_name, long_name, name_kana, name_en, description, route_type, url, color, "
    "text_color, jp_parent_route_id, jp_update_date, jp_origin_stop, jp_via_stop, jp_destination_stop";

}  // namespace

std::int64_t writeGtfsFeed(Project& project, const GtfsFeed& feed) {
  sqlite3* db = detail::connection(project);
  detail::SqlTransaction tx(db);
  for (const char* t : kTransitTables) exec(db, std::string("DELETE FROM ") + t);
  std::int64_t rows = insertAll(
      db, "gtfs_feed",
      "(fid, source_path, source_sha256, publisher_name, publisher_url, feed_lang, start_date, end_date, feed_version, "
      "contact_email, contact_url, attribution, imported_at, warnings) "
      "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?12)",
      std::vector<GtfsFeedInfo>{feed.info}, [](Binder& b, const GtfsFeedInfo& i) {
        b(i.sourcePath)(i.sourceSha256)(i.publisherName)(i.publisherUrl)(i.feedLang)(i.startDate)(i.endDate)(
            i.feedVersion)(i.contactEmail)(i.contactUrl)(i.attribution)(nlohmann::json(i.warnings).dump());
      });
  rows += insertAll(db, "gtfs_agencies",
                    "(agency_id, name, url, timezone, lang, phone, fare_url, email, official_name, zip_number, "
                    "address, president_pos, president_name) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
                    feed.agencies, [](Binder& b, const GtfsAgency& a) {
                      b(a.agencyId)(a.name)(a.url)(a.timezone)(a.lang)(a.phone)(a.fareUrl)(a.email)(a.officialName)(
                          a.zipNumber)(a.address)(a.presidentPos)(a.presidentName);
                    });
  rows += insertAll(db, "gtfs_offices", "(office_id, name, url, phone) VALUES (?1, ?2, ?3, ?4)", feed.offices,
                    [](Binder& b, const GtfsOffice& o) { b(o.officeId)(o.name)(o.url)(o.phone); });
  // Stops, routes and trips: their fids key the stop times.
  std::vector<std::int64_t> stopFid, tripFid;
  std::unordered_map<std::string, std::int64_t> routeFid;
  rows += insertAll(db, "gtfs_stops",
                    "(geom, stop_id, code, name, name_kana, name_en, description, zone_id, url, location_type, "
                    "parent_station, platform_code, wheelchair_boarding) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
                    feed.stops, [&](Binder& b, const GtfsStop& s) {
                      b.blob(gpkgPointBlob(s.position))(s.stopId)(s.code)(s.name)(s.nameKana)(s.nameEn)(s.description)(
                          s.zoneId)(s.url)(s.locationType)(s.parentStation)(s.platformCode)(s.wheelchairBoarding);
                      b.onStep([&] { stopFid.push_back(sqlite3_last_insert_rowid(db)); });
                    });
  rows += insertAll(db, "gtfs_routes",
                    "(route_id, agency_id, short_name, long_name, name_kana, name_en, description, route_type, url, "
                    "color, text_color, jp_parent_route_id, jp_update_date, jp_origin_stop, jp_via_stop, "
                    "jp_destination_stop) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
                    feed.routes, [&](Binder& b, const GtfsRoute& r) {
                      b(r.routeId)(r.agencyId)(r.shortName)(r.longName)(r.nameKana)(r.nameEn)(r.description)(
                          r.routeType)(r.url)(r.color)(r.textColor)(r.jpParentRouteId)(r.jpUpdateDate)(r.jpOriginStop)(
                          r.jpViaStop)(r.jpDestinationStop);
                      b.onStep([&] { routeFid[r.routeId] = sqlite3_last_insert_rowid(db); });
                    });
  rows += insertAll(db, "gtfs_patterns",
                    "(pattern_id, route_id, update_date, origin_stop, via_stop, destination_stop) "
                    "VALUES (?1,?2,?3,?4,?5,?6)",
                    feed.patterns, [](Binder& b, const GtfsPattern& p) {
                      b(p.patternId)(p.routeId)(p.updateDate)(p.originStop)(p.viaStop)(p.destinationStop);
                    });
  rows += insertAll(db, "gtfs_trips",
                    "(trip_id, route_fid, service_id, headsign, short_name, direction_id, block_id, shape_id, "
                    "wheelchair_accessible, bikes_allowed, jp_trip_desc, jp_trip_desc_symbol, jp_office_id, "
                    "jp_pattern_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
                    feed.trips, [&](Binder& b, const GtfsTrip& t) {
                      const auto r = routeFid.find(t.routeId);
                      if (r == routeFid.end())
                        throw core::StoreError("trip of an unknown route", {"gtfs_trips", std::nullopt, std::nullopt,
                                                                             "route_id", "a route of the feed", t.routeId});
                      b(t.tripId)(r->second)(t.serviceId)(t.headsign)(t.shortName)(t.directionId)(t.blockId)(t.shapeId)(
                          t.wheelchairAccessible)(t.bikesAllowed)(t.jpTripDesc)(t.jpTripDescSymbol)(t.jpOfficeId)(
                          t.jpPatternId);
                      b.onStep([&] { tripFid.push_back(sqlite3_last_insert_rowid(db)); });
                    });
  rows += insertAll(db, "gtfs_stop_times",
                    "(trip_fid, stop_sequence, stop_fid, arrival_s, departure_s, timepoint, stop_headsign, "
                    "pickup_type, drop_off_type, shape_dist_traveled) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                    feed.stopTimes, [&](Binder& b, const GtfsStopTime& s) {
                      b(tripFid.at(static_cast<std::size_t>(s.trip)))(s.stopSequence)(
                          stopFid.at(static_cast<std::size_t>(s.stop)))(s.arrivalS)(s.departureS)(s.timepoint ? 1 : 0)(
                          s.stopHeadsign)(s.pickupType)(s.dropOffType)(s.shapeDistTraveled);
                    });
  rows += insertAll(db, "gtfs_calendar",
                    "(service_id, monday, tuesday, wednesday, thursday, friday, saturday, sunday, start_date, "
                    "end_date) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                    feed.calendar, [](Binder& b, const GtfsCalendar& c) {
                      b(c.serviceId);
                      for (bool d : c.days) b(d ? 1 : 0);
                      b(c.startDate)(c.endDate);
                    });
  rows += insertAll(db, "gtfs_calendar_dates", "(service_id, date, exception_type) VALUES (?1, ?2, ?3)",
                    feed.calendarDates,
                    [](Binder& b, const GtfsCalendarDate& c) { b(c.serviceId)(c.date)(c.exceptionType); });
  rows += insertAll(db, "gtfs_fare_attributes",
                    "(fare_id, price, currency_type, payment_method, transfers, agency_id, transfer_duration_s) "
                    "VALUES (?1,?2,?3,?4,?5,?6,?7)",
                    feed.fareAttributes, [](Binder& b, const GtfsFareAttribute& f) {
                      b(f.fareId)(f.price)(f.currencyType)(f.paymentMethod)(f.transfers)(f.agencyId)(f.transferDurationS);
                    });
  rows += insertAll(db, "gtfs_fare_rules",
                    "(fare_id, route_id, origin_id, destination_id, contains_id) VALUES (?1,?2,?3,?4,?5)",
                    feed.fareRules, [](Binder& b, const GtfsFareRule& f) {
                      b(f.fareId)(f.routeId)(f.originId)(f.destinationId)(f.containsId);
                    });
  rows += insertAll(db, "gtfs_translations",
                    "(table_name, field_name, language, translation, record_id, record_sub_id, field_value) "
                    "VALUES (?1,?2,?3,?4,?5,?6,?7)",
                    feed.translations, [](Binder& b, const GtfsTranslation& t) {
                      b(t.tableName)(t.fieldName)(t.language)(t.translation)(t.recordId)(t.recordSubId)(t.fieldValue);
                    });
  std::vector<GtfsRouteShape> lines;
  for (const auto& r : feed.routeShapes)
    if (r.points.size() >= 2) lines.push_back(r);
  rows += insertAll(db, "gtfs_route_shapes",
                    "(geom, route_id, shape_id, source, trips, length_m) VALUES (?1,?2,?3,?4,?5,?6)", lines,
                    [](Binder& b, const GtfsRouteShape& r) {
                      b.blob(gpkgLineStringBlob(r.points))(r.routeId)(r.shapeId)(r.source)(r.trips)(r.lengthM);
                    });
  writeImportLogRow(db, feed.info.sourcePath, feed.info.sourceSha256, "gtfs",
                    static_cast<std::int64_t>(feed.stopTimes.size()),
                    nlohmann::json{{"attribution", feed.info.attribution}}.dump());
  for (const char* t : {"gtfs_stops", "gtfs_route_shapes"})
    exec(db, std::string("UPDATE gpkg_contents SET (min_x, max_x, min_y, max_y) = (SELECT min(ST_MinX(geom)), "
                         "max(ST_MaxX(geom)), min(ST_MinY(geom)), max(ST_MaxY(geom)) FROM ") +
                 t + ") WHERE table_name = '" + t + "'");
  exec(db, "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
           "WHERE table_name LIKE 'gtfs\\_%' ESCAPE '\\'");
  tx.commit();
  return rows;
}

std::optional<GtfsFeedInfo> gtfsFeedInfo(const Project& project) {
  Stmt st(detail::connection(project),
          "SELECT source_path, source_sha256, publisher_name, publisher_url, feed_lang, start_date, end_date, "
          "feed_version, contact_email, contact_url, attribution, imported_at, warnings FROM gtfs_feed WHERE fid = 1");
  if (!st.step("reading gtfs_feed")) return std::nullopt;
  GtfsFeedInfo i;
  int c = 0;
  for (std::string* f : {&i.sourcePath, &i.sourceSha256, &i.publisherName, &i.publisherUrl, &i.feedLang, &i.startDate,
                         &i.endDate, &i.feedVersion, &i.contactEmail, &i.contactUrl, &i.attribution, &i.importedAt})
    *f = columnString(st, c++);
  const auto w = nlohmann::json::parse(columnString(st, c), nullptr, false);
  if (w.is_array())
    for (const auto& s : w) i.warnings.push_back(s.get<std::string>());
  return i;
}

std::vector<GtfsStop> gtfsStops(const Project& project) {
  std::vector<GtfsStop> out;
  Stmt st(detail::connection(project), std::string("SELECT ") + kStopColumns + " FROM gtfs_stops ORDER BY fid");
  while (st.step("reading gtfs_stops")) out.push_back(readStop(st));
  return out;
}

std::vector<GtfsRoute> gtfsRoutes(const Project& project) {
  std::vector<GtfsRoute> out;
  Stmt st(detail::connection(project), std::string("SELECT ") + kRouteColumns + " FROM gtfs_routes ORDER BY fid");
  while (st.step("reading gtfs_routes")) out.push_back(readRoute(st));
  return out;
}

std::vector<GtfsRouteShape> gtfsRouteShapes(const Project& project) {
  std::vector<GtfsRouteShape> out;
  Stmt st(detail::connection(project), "SELECT route_id, shape_id, source, trips, length_m, geom FROM gtfs_route_shapes ORDER BY fid");
  while (st.step("reading gtfs_route_shapes")) {
    GtfsRouteShape r;
    r.routeId = columnString(st, 0);
    r.shapeId = columnString(st, 1);
    r.source = columnString(st, 2);
    r.trips = sqlite3_column_int(st, 3);
    r.lengthM = sqlite3_column_double(st, 4);
    r.points = pointsFromGpkgBlob(static_cast<const unsigned char*>(sqlite3_column_blob(st, 5)),
                                  static_cast<std::size_t>(sqlite3_column_bytes(st, 5)));
    out.push_back(std::move(r));
  }
  return out;
}

GtfsFeed readGtfsFeed(const Project& project) {
  GtfsFeed f;
  const auto info = gtfsFeedInfo(project);
  if (!info) return f;
  f.info = *info;
  sqlite3* db = detail::connection(project);
  {
    Stmt st(db,
            "SELECT agency_id, name, url, timezone, lang, phone, fare_url, email, official_name, zip_number, address, "
            "president_pos, president_name FROM gtfs_agencies ORDER BY fid");
    while (st.step("reading gtfs_agencies")) {
      GtfsAgency a;
      int c = 0;
      for (std::string* s : {&a.agencyId, &a.name, &a.url, &a.timezone, &a.lang, &a.phone, &a.fareUrl, &a.email,
                             &a.officialName, &a.zipNumber, &a.address, &a.presidentPos, &a.presidentName})
        *s = columnString(st, c++);
      f.agencies.push_back(std::move(a));
    }
  }
  {
    Stmt st(db, "SELECT office_id, name, url, phone FROM gtfs_offices ORDER BY fid");
    while (st.step("reading gtfs_offices"))
      f.offices.push_back({columnString(st, 0), columnString(st, 1), columnString(st, 2), columnString(st, 3)});
  }
  f.stops = gtfsStops(project);
  f.routes = gtfsRoutes(project);
  {
    Stmt st(db,
            "SELECT pattern_id, route_id, update_date, origin_stop, via_stop, destination_stop FROM gtfs_patterns "
            "ORDER BY fid");
    while (st.step("reading gtfs_patterns"))
      f.patterns.push_back({columnString(st, 0), columnString(st, 1), columnString(st, 2), columnString(st, 3),
                            columnString(st, 4), columnString(st, 5)});
  }
  std::unordered_map<std::int64_t, std::int32_t> tripIndex, stopIndex;
  for (std::size_t k = 0; k < f.stops.size(); ++k) stopIndex[f.stops[k].fid] = static_cast<std::int32_t>(k);
  {
    Stmt st(db,
            "SELECT t.fid, trip_id, r.route_id, service_id, headsign, t.short_name, direction_id, block_id, shape_id, "
            "wheelchair_accessible, bikes_allowed, jp_trip_desc, jp_trip_desc_symbol, jp_office_id, jp_pattern_id "
            "FROM gtfs_trips t JOIN gtfs_routes r ON r.fid = t.route_fid ORDER BY t.fid");
    while (st.step("reading gtfs_trips")) {
      GtfsTrip t;
      t.fid = sqlite3_column_int64(st, 0);
      t.tripId = columnString(st, 1);
      t.routeId = columnString(st, 2);
      t.serviceId = columnString(st, 3);
      t.headsign = columnString(st, 4);
      t.shortName = columnString(st, 5);
      t.directionId = optionalInt(st, 6);
      t.blockId = columnString(st, 7);
      t.shapeId = columnString(st, 8);
      t.wheelchairAccessible = optionalInt(st, 9);
      t.bikesAllowed = optionalInt(st, 10);
      t.jpTripDesc = columnString(st, 11);
      t.jpTripDescSymbol = columnString(st, 12);
      t.jpOfficeId = columnString(st, 13);
      t.jpPatternId = columnString(st, 14);
      tripIndex[t.fid] = static_cast<std::int32_t>(f.trips.size());
      f.trips.push_back(std::move(t));
    }
  }
  {
    Stmt st(db,
            "SELECT trip_fid, stop_sequence, stop_fid, arrival_s, departure_s, timepoint, stop_headsign, pickup_type, "
            "drop_off_type, shape_dist_traveled FROM gtfs_stop_times ORDER BY trip_fid, stop_sequence");
    while (st.step("reading gtfs_stop_times")) {
      GtfsStopTime s;
      s.trip = tripIndex.at(sqlite3_column_int64(st, 0));
      s.stopSequence = sqlite3_column_int(st, 1);
      s.stop = stopIndex.at(sqlite3_column_int64(st, 2));
      s.arrivalS = sqlite3_column_int(st, 3);
      s.departureS = sqlite3_column_int(st, 4);
      s.timepoint = sqlite3_column_int(st, 5) != 0;
      s.stopHeadsign = columnString(st, 6);
      s.pickupType = optionalInt(st, 7);
      s.dropOffType = optionalInt(st, 8);
      s.shapeDistTraveled = optionalDouble(st, 9);
      f.stopTimes.push_back(std::move(s));
    }
  }
  {
    Stmt st(db,
            "SELECT service_id, monday, tuesday, wednesday, thursday, friday, saturday, sunday, start_date, end_date "
            "FROM gtfs_calendar ORDER BY service_id");
    while (st.step("reading gtfs_calendar")) {
      GtfsCalendar c;
      c.serviceId = columnString(st, 0);
      for (int d = 0; d < 7; ++d) c.days[d] = sqlite3_column_int(st, 1 + d) != 0;
      c.startDate = columnString(st, 8);
      c.endDate = columnString(st, 9);
      f.calendar.push_back(std::move(c));
    }
    Stmt sd(db, "SELECT service_id, date, exception_type FROM gtfs_calendar_dates ORDER BY date, service_id");
    while (sd.step("reading gtfs_calendar_dates"))
      f.calendarDates.push_back({columnString(sd, 0), columnString(sd, 1), sqlite3_column_int(sd, 2)});
  }
  {
    Stmt st(db,
            "SELECT fare_id, price, currency_type, payment_method, transfers, agency_id, transfer_duration_s "
            "FROM gtfs_fare_attributes ORDER BY fare_id");
    while (st.step("reading gtfs_fare_attributes")) {
      GtfsFareAttribute a;
      a.fareId = columnString(st, 0);
      a.price = sqlite3_column_double(st, 1);
      a.currencyType = columnString(st, 2);
      a.paymentMethod = optionalInt(st, 3);
      a.transfers = optionalInt(st, 4);
      a.agencyId = columnString(st, 5);
      a.transferDurationS = optionalInt(st, 6);
      f.fareAttributes.push_back(std::move(a));
    }
    Stmt sr(db, "SELECT fare_id, route_id, origin_id, destination_id, contains_id FROM gtfs_fare_rules ORDER BY fid");
    while (sr.step("reading gtfs_fare_rules"))
      f.fareRules.push_back({columnString(sr, 0), columnString(sr, 1), columnString(sr, 2), columnString(sr, 3),
                             columnString(sr, 4)});
  }
  {
    Stmt st(db,
            "SELECT table_name, field_name, language, translation, record_id, record_sub_id, field_value "
            "FROM gtfs_translations ORDER BY fid");
    while (st.step("reading gtfs_translations"))
      f.translations.push_back({columnString(st, 0), columnString(st, 1), columnString(st, 2), columnString(st, 3),
                                columnString(st, 4), columnString(st, 5), columnString(st, 6)});
  }
  f.routeShapes = gtfsRouteShapes(project);
  return f;
}

}  // namespace ekm::store
