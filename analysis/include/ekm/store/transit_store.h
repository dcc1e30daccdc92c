#pragma once
// The project's GTFS / GTFS-JP feed (schema_transit.cpp): typed records, one writer (one
// transaction: the feed replaces the previous one, or nothing changes) and typed readers.
// A project holds one feed at a time. Times are seconds of the service day (25:10:00 =
// 90600), dates ISO "YYYY-MM-DD". Coordinates EPSG:4326.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/store/project.h"

namespace ekm::store {

struct GtfsFeedInfo {
  std::string sourcePath;
  std::string sourceSha256;
  std::string publisherName, publisherUrl, feedLang, startDate, endDate, feedVersion, contactEmail, contactUrl;
  std::string attribution;  // who to credit (the publisher, else the agencies)
  std::string importedAt;   // ISO 8601 UTC (set by the writer)
  std::vector<std::string> warnings;  // the import's warnings, "file:line: field 'f': message"
};

struct GtfsAgency {
  std::string agencyId, name, url, timezone, lang, phone, fareUrl, email;
  // GTFS-JP agency_jp.txt
  std::string officialName, zipNumber, address, presidentPos, presidentName;
};

struct GtfsOffice {  // GTFS-JP office_jp.txt
  std::string officeId, name, url, phone;
};

struct GtfsStop {
  std::int64_t fid = 0;  // set by readers
  std::string stopId, code, name, nameKana, nameEn, description, zoneId, url;
  int locationType = 0;  // 0 stop, 1 station, 2 entrance, 3 generic node, 4 boarding area
  std::string parentStation, platformCode;
  std::optional<int> wheelchairBoarding;
  LonLat position;
};

struct GtfsRoute {
  std::int64_t fid = 0;
  std::string routeId, agencyId, shortName, longName, nameKana, nameEn, description;
  int routeType = 3;
  std::string url, color, textColor;  // colours as given (6 hex digits) or empty
  std::string jpParentRouteId;
  // GTFS-JP routes_jp.txt
  std::string jpUpdateDate, jpOriginStop, jpViaStop, jpDestinationStop;
  // A display name: short name, else long name, else the id.
  const std::string& displayName() const {
    return !shortName.empty() ? shortName : !longName.empty() ? longName : routeId;
  }
};

struct GtfsPattern {  // GTFS-JP pattern_jp.txt
  std::string patternId, routeId, updateDate, originStop, viaStop, destinationStop;
};

struct GtfsTrip {
  std::int64_t fid = 0;
  std::string tripId, routeId, serviceId, headsign, shortName;
  std::optional<int> directionId;
  std::string blockId, shapeId;
  std::optional<int> wheelchairAccessible, bikesAllowed;
  std::string jpTripDesc, jpTripDescSymbol, jpOfficeId, jpPatternId;
};

// Stop times reference trips and stops by their index in GtfsFeed::trips / ::stops.
struct GtfsStopTime {
  std::int32_t trip = 0;
  std::int32_t stop = 0;
  std::int32_t stopSequence = 0;
  std::int32_t arrivalS = 0;
  std::int32_t departureS = 0;
  bool timepoint = true;  // false: interpolated between the times around it
  std::string stopHeadsign;
  std::optional<int> pickupType, dropOffType;
  std::optional<double> shapeDistTraveled;
};

struct GtfsCalendar {
  std::string serviceId;
  bool days[7] = {false, false, false, false, false, false, false};  // Monday .. Sunday
  std::string startDate, endDate;
};

struct GtfsCalendarDate {
  std::string serviceId, date;
  int exceptionType = 1;  // 1 added, 2 removed
};

struct GtfsFareAttribute {
  std::string fareId;
  double price = 0;
  std::string currencyType;
  std::optional<int> paymentMethod, transfers;
  std::string agencyId;
  std::optional<int> transferDurationS;
};

struct GtfsFareRule {
  std::string fareId, routeId, originId, destinationId, containsId;
};

struct GtfsTranslation {
  std::string tableName, fieldName, language, translation, recordId, recordSubId, fieldValue;
};

// A route's line: a GTFS shape used by its trips, or (source "stops") the stop sequence of
// its most frequent stop pattern among trips without a shape.
struct GtfsRouteShape {
  std::string routeId, shapeId, source;  // source: "shape" or "stops"
  int trips = 0;
  double lengthM = 0;
  std::vector<LonLat> points;
};

struct GtfsFeed {
  GtfsFeedInfo info;
  std::vector<GtfsAgency> agencies;
  std::vector<GtfsOffice> offices;
  std::vector<GtfsStop> stops;
  std::vector<GtfsRoute> routes;
  std::vector<GtfsPattern> patterns;
  std::vector<GtfsTrip> trips;
  std::vector<GtfsStopTime> stopTimes;  // grouped by trip, in stop_sequence order
  std::vector<GtfsCalendar> calendar;
  std::vector<GtfsCalendarDate> calendarDates;
  std::vector<GtfsFareAttribute> fareAttributes;
  std::vector<GtfsFareRule> fareRules;
  std::vector<GtfsTranslation> translations;
  std::vector<GtfsRouteShape> routeShapes;
};

// Writes the feed in one transaction, replacing the project's previous feed, and logs it in
// ekm_import_log (kind "gtfs", rows = stop_times). Returns the rows written. Throws
// StoreError; the project is then unchanged.
std::int64_t writeGtfsFeed(Project& project, const GtfsFeed& feed);

// The feed's info; nullopt when the project has no feed.
std::optional<GtfsFeedInfo> gtfsFeedInfo(const Project& project);
// The whole feed (stop times with indexes into the returned stops and trips). Empty when
// the project has no feed.
GtfsFeed readGtfsFeed(const Project& project);
// Parts for display.
std::vector<GtfsStop> gtfsStops(const Project& project);
std::vector<GtfsRoute> gtfsRoutes(const Project& project);
std::vector<GtfsRouteShape> gtfsRouteShapes(const Project& project);

}  // namespace ekm::store
