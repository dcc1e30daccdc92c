#pragma once
// Walking catchments of bus stops and rail stations over the project's walking network,
// the stay population they cover hour by hour, and coverage gaps.
//
//  - Reach is walking distance (metres) or walking time (minutes) along the walking network
//    (demand/walking_network.h: rail tracks are barriers when a barrier file is given, links
//    cost length / (4.8 km/h x Tobler factor) where segments have heights - so minutes are
//    slope-aware exactly when the network has heights - the project's road_segments keep none,
//    so heights come from network.heightsFromPath - and network.walking.useSlope is on;
//    distance never is). Tobler: uphill at slope 0.10 walks at 0.70 of the flat speed,
//    downhill at -0.05 at 1.19 (the fastest). A stop, a station
//    or a cell centre joins the network at its nearest node (straight line, added to the walk;
//    at 4.8 km/h in minutes); farther than maxSnapM from any node it is left unconnected.
//  - Stops count when they have a departure on the day (a stop only ever alighted at, or not
//    served that day, has no catchment). A cell is in a stop's catchment when its centre is
//    within reach. A cell is covered by
//    bus in hour h when a stop within reach has a departure in h (service.h), by rail when a
//    station (the project's stations) is within the station reach.
//  - A gap in hour h: a cell whose stay population is at least the threshold (given, or the
//    hour's 75th percentile of populated cells) and which has no bus in that hour: "no stop
//    within reach" or "no departure in this hour". Cells covered by rail are no gaps unless
//    countStations is false.
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/mobility/service.h"

namespace ekm::mobility {

enum class ReachMeasure { Distance, Minutes };

struct CoverageOptions {
  ReachMeasure measure = ReachMeasure::Distance;
  double stopReach = 300;     // metres or minutes (a 300 m bus-stop catchment is the usual planning figure)
  double stationReach = 800;  // metres or minutes
  double maxSnapM = 200;
  double gapPopulation = 0;   // 0 = the hour's 75th percentile of populated cells
  bool countStations = true;  // rail-covered cells are no gaps
  demand::NetworkOptions network;  // the walking network (barriers, crossings)
};

using HourValues = std::array<double, kHours>;

struct CellCoverage {
  std::string meshCode;
  double lon = 0, lat = 0;        // centre
  HourValues population{};        // NaN = missing
  int nearestStop = -1;           // index into feed.stops; -1 none within reach
  double nearestStopReach = NAN;  // metres or minutes to it
  std::vector<int> stopsInReach;  // indexes into feed.stops
  bool stationInReach = false;
  std::string nearestStation;     // station id within reach (nearest)
  HourCounts departuresInReach{}; // departures of the stops in reach, by hour
};

struct StopCatchment {
  int stop = 0;          // index into feed.stops
  double snapM = NAN;    // to the network; NaN = unconnected
  int cells = 0;         // cells in its catchment
  double peakPopulation = 0;  // population of those cells at the busiest hour of the area
};

struct HourCoverage {
  double population = 0;  // all cells with a value
  double coveredBus = 0;
  double coveredAny = 0;  // bus or rail
  double threshold = 0;   // gap threshold used
  int gapCells = 0;
  double gapPopulation = 0;
};

struct CoverageGap {
  int cell = 0;  // index into cells
  int hour = 0;
  double population = 0;
  std::string reason;  // "no stop within reach" | "no departure in this hour"
};

struct CoverageResult {
  ServiceDay day;
  std::string populationDate;  // ISO date of the stay population
  ReachMeasure measure = ReachMeasure::Distance;
  bool slopeAware = false;  // minutes on a network with heights
  bool networkHasHeights = false;
  int barrierLines = 0, linksRemovedByBarrier = 0;
  std::vector<std::string> notes;  // what was (not) applied, said plainly
  std::vector<CellCoverage> cells;
  std::vector<StopCatchment> stops;
  std::array<HourCoverage, kHours> hours{};
  std::vector<CoverageGap> gaps;  // by hour, then population (largest first)
};

// The stay population date: `date` if given, else `serviceDate` (the service date asked for)
// when the project's mesh_population has that day, else the latest date of mesh_population
// with the service day's day type (ValidationError when there is none).
std::string populationDateFor(const store::Project& project, core::DayType type, const std::string& date,
                              const std::string& serviceDate = {});

CoverageResult coverage(const store::Project& project, const store::GtfsFeed& feed, const ServiceProfile& service,
                        const std::string& populationDate, const CoverageOptions& options, core::Feedback& feedback);
// The same on a list of stops (indexes of `service` into it), e.g. a feed's stops with
// service edits (transit_network.h, stopsWithServiceEdits).
CoverageResult coverage(const store::Project& project, const std::vector<store::GtfsStop>& stops,
                        const ServiceProfile& service, const std::string& populationDate,
                        const CoverageOptions& options, core::Feedback& feedback);

}  // namespace ekm::mobility
