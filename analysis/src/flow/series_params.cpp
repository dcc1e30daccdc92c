// Shared parameter pieces of the series operations.
#include "ekm/flow/series_params.h"

#include "ekm/core/time.h"

namespace ekm::flow {
namespace {

core::ErrorContext at(const char* field, std::string expected, std::string found) {
  return core::ErrorContext{"", std::nullopt, std::nullopt, field, std::move(expected), std::move(found)};
}

}  // namespace

std::optional<std::chrono::year_month_day> dateParam(const std::optional<std::string>& value, const char* field) {
  if (!value) return std::nullopt;
  const auto d = core::parseDate(*value);
  if (!d) throw ops::ParamError("bad date", at(field, "YYYY-MM-DD", *value));
  return d;
}

FeatureKind featureKindParam(const std::string& value, const char* field) {
  try {
    return featureKindFromName(value);
  } catch (const core::Error&) {
    throw ops::ParamError("unknown feature kind",
                          at(field, "mesh-population, segment-counts or station-ridership", value));
  }
}

LocalCalendar calendarParam(const std::string& value, const char* field) {
  try {
    return calendarFromName(value);
  } catch (const core::Error& e) {
    throw ops::ParamError("unknown calendar", at(field, e.context().expected, value));
  }
}

void FeatureParams::validate() const {
  if (given() == 1) return;
  // Name the second feature given, or all three when none is.
  const char* field = given() == 0 ? "cell/segment/station" : segment && cell ? "segment" : "station";
  throw ops::ParamError("give exactly one of cell, segment, station",
                        at(field, "exactly one feature", std::to_string(given()) + " given"));
}

FeatureKind FeatureParams::kind() const {
  return cell ? FeatureKind::Cell : segment ? FeatureKind::Segment : FeatureKind::Station;
}

const std::string& FeatureParams::id() const { return cell ? *cell : segment ? *segment : *station; }

void SeriesWindowParams::validate() const {
  dateParam(from, "from");
  dateParam(to, "to");
  calendarParam(calendar, "calendar");
}

LocalCalendar SeriesWindowParams::localCalendar() const { return calendarParam(calendar, "calendar"); }

SeriesQuery SeriesWindowParams::query(const LocalCalendar& cal) const {
  SeriesQuery q;
  if (const auto d = dateParam(from, "from")) q.from = cal.hourKey(*d, 0);
  if (const auto d = dateParam(to, "to")) q.to = cal.hourKey(*d, 23);
  measure.apply(q);
  return q;
}

void SeriesMeasureParams::apply(SeriesQuery& q) const {
  q.mode = mode == "bicycle"   ? store::TravelMode::Bicycle
           : mode == "vehicle" ? store::TravelMode::Vehicle
                               : store::TravelMode::Pedestrian;
  q.station = measure == "boardings"    ? StationMeasure::Boardings
              : measure == "alightings" ? StationMeasure::Alightings
                                        : StationMeasure::Total;
}

}  // namespace ekm::flow
