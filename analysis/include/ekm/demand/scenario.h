#pragma once
// Scenario edits on an assignment network and demand, re-assignment and the differences
// between base and scenario:
//  - close links (removed from the network; a closure that cuts off demand makes the
//    scenario assignment throw ValidationError naming the OD pair),
//  - add links (e.g. a new east-west pedestrian deck: see linksBetween()),
//  - change capacity / free-flow time of links,
//  - scale demand (all of it, or the trips to chosen destination zones, e.g. +20% visitors).
// Both runs use the same AssignmentOptions; the comparison gives per-link volume and time
// differences (base links in base order, then added links) and OD travel-time skims.
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/network_builder.h"

namespace ekm::demand {

struct LinkChange {
  int from = 0;   // 0-based nodes of an existing link (every parallel link matches
  int to = 0;     // unless `link` is given)
  int link = -1;  // >= 0: only this base link (it must run from -> to), e.g. one segment's piece
  std::optional<double> capacity;
  std::optional<double> freeFlowTime;
};

struct Scenario {
  std::vector<std::pair<int, int>> close;  // 0-based (from, to); every parallel link is closed
  std::vector<LinkAttributes> add;
  std::vector<LinkChange> change;
  double demandScale = 1.0;
  std::vector<int> scaleDestinations;  // zones whose incoming trips are scaled; empty = all
};

struct ScenarioNetwork {
  Network network;
  std::vector<int> baseLink;      // scenario link -> base link, -1 for an added link
  std::vector<int> scenarioLink;  // base link -> scenario link, -1 if closed
};

// Throws ValidationError for a closed/changed link that does not exist, an added link with
// nodes out of range or non-positive capacity, or a negative demand scale.
ScenarioNetwork applyScenario(const Network& base, const Scenario& scenario);
OdMatrix scaleDemand(const OdMatrix& demand, const Scenario& scenario);

// Links both ways between the nodes of `built` nearest to a and b, length = plane distance
// between those nodes (or `lengthM` if > 0), free-flow time = length / speed in seconds.
std::vector<LinkAttributes> linksBetween(const BuiltNetwork& built, GeoPoint a, GeoPoint b, double speedKmh,
                                         double capacity = 1e9, double lengthM = 0);
int nearestNode(const BuiltNetwork& built, GeoPoint p);

struct LinkDifference {
  int baseLink = -1;      // -1: added
  int scenarioLink = -1;  // -1: closed
  int from = 0, to = 0;
  double baseVolume = 0, scenarioVolume = 0;
  double baseTime = 0, scenarioTime = 0;  // NaN where the link does not exist
};

struct ScenarioResult {
  ScenarioNetwork network;
  OdMatrix baseDemand, scenarioDemand;
  AssignmentResult base, scenario;
  Skims baseSkims, scenarioSkims;
  std::vector<LinkDifference> links;
};

ScenarioResult runScenario(const Network& base, const OdMatrix& demand, const Scenario& scenario,
                           const AssignmentOptions& options, core::Feedback& feedback);

// CSV: link,from,to,status(base|closed|added),base_volume,scenario_volume,volume_diff,
//      base_time,scenario_time,time_diff  (nodes 1-based as in TNTP; empty when absent)
void writeLinkDifferencesCsv(const std::string& path, const ScenarioResult& result);
// CSV: origin,destination,base_demand,scenario_demand,base_time,scenario_time,time_diff
void writeSkimDifferencesCsv(const std::string& path, const ScenarioResult& result);

}  // namespace ekm::demand
