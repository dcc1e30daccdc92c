#pragma once
// Parameter pieces shared by the flow operations that read hourly series (profile, xcorr,
// agreement, linked): one feature given as --cell/--segment/--station, a local date window
// with the travel mode, station measure and calendar, and checked readers of dates, feature
// kinds and calendars that throw ops::ParamError naming the field.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "ekm/flow/series.h"
#include "ekm/flow/store_series.h"
#include "ekm/ops/params.h"

namespace ekm::flow {

// Every name featureKindFromName accepts, for a field's choices.
inline const std::vector<std::string> kFeatureKindNames = {
    "mesh-population", "segment-counts", "station-ridership", "cell", "segment", "station", "mesh"};

// A local date (YYYY-MM-DD); nullopt when not given.
std::optional<std::chrono::year_month_day> dateParam(const std::optional<std::string>& value, const char* field);
FeatureKind featureKindParam(const std::string& value, const char* field);
LocalCalendar calendarParam(const std::string& value, const char* field);

// Exactly one feature: a cell (mesh code), a segment or a station id. A comma-separated
// list (or a coarser mesh code) is a zone whose members are summed.
struct FeatureParams {
  std::optional<std::string> cell;
  std::optional<std::string> segment;
  std::optional<std::string> station;

  template <class V>
  void fields(V& v) {
    v("cell", cell, {.help = "mesh code(s): one cell, A,B,C or a coarser code (a zone, summed)"});
    v("segment", segment, {.help = "road segment id(s), comma-separated = a zone"});
    v("station", station, {.help = "station id(s), comma-separated = a zone"});
  }
  int given() const { return (cell ? 1 : 0) + (segment ? 1 : 0) + (station ? 1 : 0); }
  // Throws ParamError unless exactly one is given.
  void validate() const;
  FeatureKind kind() const;
  const std::string& id() const;
};

// What is read of a feature: the travel mode of segment counts and the measure of station
// ridership.
struct SeriesMeasureParams {
  std::string mode = "pedestrian";
  std::string measure = "total";

  template <class V>
  void fields(V& v) {
    v("mode", mode, {.help = "segment counts: travel mode", .choices = {"pedestrian", "bicycle", "vehicle"}});
    v("measure", measure, {.help = "station ridership: what is counted",
                           .choices = {"total", "boardings", "alightings"}});
  }
  // Sets q.mode and q.station.
  void apply(SeriesQuery& q) const;
};

// The hours read: local dates from..to (inclusive; default the table's time range), the
// travel mode of segment counts, the measure of station ridership and the calendar.
struct SeriesWindowParams {
  std::optional<std::string> from;
  std::optional<std::string> to;
  SeriesMeasureParams measure;
  std::string calendar = "japan";

  template <class V>
  void fields(V& v) {
    v("from", from, {.help = "first local day, YYYY-MM-DD (default: the data's first)", .format = "date"});
    v("to", to, {.help = "last local day, inclusive (default: the data's last)", .format = "date"});
    measure.fields(v);
    v("calendar", calendar, {.help = "day types: japan (Japanese holidays), victoria, none or none+H (UTC offset H)"});
  }
  void validate() const;
  LocalCalendar localCalendar() const;
  SeriesQuery query(const LocalCalendar& calendar) const;
};

}  // namespace ekm::flow
