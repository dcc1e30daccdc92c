#pragma once
// Publishing forecasts back to the City OS as NGSI-LD entities (docs/citylink.md), following
// Smart Data Models conventions. People (pedestrian segment counts, station ridership, mesh
// population) are CrowdFlowForecast entities (modelled on CrowdFlowObserved); bicycles and
// vehicles on a segment are TrafficFlowForecast entities (modelled on TrafficFlowObserved:
// `intensity` = vehicles in the hour, vehicleType "bicycle" for bicycles).
//   id        urn:ngsi-ld:<type>:<provider>:segment-<id>:<mode>:<validFrom UTC, yyyymmddThhZ>
//             urn:ngsi-ld:<type>:<provider>:station-<id>:<measure>:<stamp>, ...:cell-<code>:<stamp>
//             two figures with one id (e.g. two models of one run) are refused
//   type      CrowdFlowForecast or TrafficFlowForecast; one entity per feature, mode/measure and hour
//   peopleCount (the forecast mean, rounded; unitCode IE = persons) or intensity (vehicles),
//   direction inbound/outbound for station boardings/alightings,
//   peopleCountLow80/High80/Low95/High95 (prediction interval bounds, when the forecast has them)
//   validFrom/validTo (the hour), dateCreated, location (the segment's LineString, the mesh
//   cell's Polygon or the station's Point), refRoadSegment / refPointOfInterest / meshCode,
//   forecastModel, source (program and run), dataProvider.
// The small-count rule: no figure under 10 people is published: an hour whose forecast is
// under 10 is left out (counted as suppressed), a bound under 10 is left out of its entity.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ekm/core/time.h"
#include "ekm/store/project.h"

namespace ekm::citylink {

inline constexpr double kSmallCountLimit = 10.0;  // figures under this many people are never published
inline constexpr const char* kForecastEntityType = "CrowdFlowForecast";
inline constexpr const char* kTrafficForecastEntityType = "TrafficFlowForecast";
inline constexpr const char* kSdmTransportationContext =
    "https://raw.githubusercontent.com/smart-data-models/dataModel.Transportation/master/context.jsonld";
inline constexpr const char* kNgsiLdCoreContext = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";

struct ForecastFigure {
  std::string featureId;        // segment id, mesh code or station id
  std::string kind;             // "segment", "cell" or "station" when the table says so; empty = look up
  std::string mode = "pedestrian";  // segment counts: pedestrian, bicycle or vehicle
  std::string measure = "total";    // station ridership: total, boardings or alightings
  core::HourKey hour = 0;
  double mean = 0;
  std::map<std::string, double> bounds;  // "lo80" -> value, ...
  std::string model;
};

// Reads forecast rows from a table: columns "series" (or the first column) = the feature
// id, "datetime" (ISO 8601, JST without an offset), "forecast", optional model, loNN/hiNN,
// mode and measure. A first column named segment, cell or station fixes the feature kind.
// `mode`/`measure` apply to rows without those columns. `where` names the source in errors.
std::vector<ForecastFigure> forecastFiguresFromTable(const std::vector<std::string>& columns,
                                                     const std::vector<std::vector<nlohmann::json>>& rows,
                                                     const std::string& where, const std::string& mode = "pedestrian",
                                                     const std::string& measure = "total");
// The CSV that `ekimachi-cli forecast --format csv` writes.
std::vector<ForecastFigure> forecastFiguresFromCsv(const std::string& path);
// Every forecast table of a stored run (a step result table with "forecast" and "datetime"
// columns), with the travel mode and station measure of the step's params (`mode`,
// `measure`). Throws ValidationError when the run has none.
std::vector<ForecastFigure> forecastFiguresFromRun(store::Project& project, const std::string& runIdOrName,
                                                   std::string* runLabel);

struct PublishSettings {
  std::string provider = "ekimachi";     // id component (letters, digits, -)
  std::string dataProvider = "Ekimachi"; // the dataProvider value
  std::string source;                    // e.g. "ekimachi run 3"
  std::string createdAt;                 // ISO 8601 UTC; empty = now
  std::vector<std::string> context = {kSdmTransportationContext, kNgsiLdCoreContext};
};

struct PublishStats {
  std::int64_t figures = 0;
  std::int64_t entities = 0;
  std::int64_t suppressedHours = 0;   // forecast under 10 people
  std::int64_t suppressedBounds = 0;  // interval bounds under 10 left out
  std::int64_t segments = 0, cells = 0, stations = 0;
  std::int64_t trafficEntities = 0;   // TrafficFlowForecast (bicycles, vehicles)
};

// Builds the entities (normalized NGSI-LD with @context). Each feature id must be a
// project segment, mesh cell or station (its geometry is the location); else ValidationError.
nlohmann::json forecastEntities(const store::Project& project, const std::vector<ForecastFigure>& figures,
                                const PublishSettings& settings, PublishStats& stats);

// The eco-behaviour feed (`ekimachi-cli energy feed`, schema ekimachi-eco-feed v1, already
// under the small-count rule) as one entity of the type EcoBehaviourFeed (docs/citylink.md):
//   id  urn:ngsi-ld:EcoBehaviourFeed:<provider>:<first day yyyymmdd>-<last day yyyymmdd>
//   co2AvoidedWalking, co2AvoidedBus, co2AvoidedTotal (kg, unitCode KGM),
//   energyPerVisitorHour (electricity, else the first meter; kWh per person-hour, unitCode KWH),
//   quietHoursWeekday, quietHoursHoliday, cleanHours (local hours 0-23), emissionFactors,
//   validFrom/validTo (the period), dateCreated, source, dataProvider.
// A suppressed figure (null in the feed, or a row whose people count is under 10) is left
// out and counted in `omitted`. `where` names the feed file in errors (schema or version).
inline constexpr const char* kEcoEntityType = "EcoBehaviourFeed";
nlohmann::json ecoFeedEntity(const nlohmann::json& feed, const PublishSettings& settings, const std::string& where,
                             std::int64_t& omitted);

}  // namespace ekm::citylink
