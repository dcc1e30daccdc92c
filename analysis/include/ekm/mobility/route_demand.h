#pragma once
// The route-demand model on a project: the walking OD of every hour of a day, the walk
// between stops and zones (and mesh cells) over the walking network, and a bus network's
// riders, loads, vehicle-hours and coverage (route_choice.h, transit_network.h).
//
//  - Demand: the project's zones and walking network with centroid connectors
//    (demand/ops/project_demand.h, one policy for every front end); for each hour h of
//    `date` the doubly constrained gravity model on the trip ends between h:00 and h+1:00
//    (stay changes and station ridership) and free-flow walking minutes. Hours without
//    trip ends, or whose trip ends the gravity model cannot balance, have no trips (a warning).
//  - Access: a stop joins the walking network at its nearest node (node_snap.h; the
//    straight line at 4.8 km/h is added); its walking minutes to every zone centroid (via
//    the connectors) and cell centre come from one shortest-path tree.
//  - Coverage of a route: the mean stay population of the day (date) of the cells whose
//    centre is within maxAccessMin of one of its stops; newly covered = of cells no other
//    route of the network reaches.
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/ops/project_demand.h"
#include "ekm/mobility/route_choice.h"
#include "ekm/mobility/transit_network.h"

namespace ekm::mobility {

struct DemandCell {
  std::string meshCode;
  double lon = 0, lat = 0;
  double meanPopulation = 0;  // over the day's hours with a value
};

struct DemandContext {
  std::string date;                 // the demand day (ISO)
  demand::ProjectStreets streets;   // zones and the walking network with connectors
  ChoiceDemand demand;              // walking minutes and trips by hour
  std::vector<DemandCell> cells;
  std::vector<std::string> warnings;
};

struct DemandContextOptions {
  std::string date;  // ISO date of the trip ends and population
  demand::ProjectNetworkParams network;
  demand::DeterrenceParams deterrence;
};

DemandContext demandContext(ops::Session& session, const DemandContextOptions& options, core::Feedback& feedback);

struct StopAccess {
  StopZoneMinutes zones;                   // [stop][zone] walking minutes
  std::vector<std::vector<double>> cells;  // [stop][cell] walking minutes (+inf beyond maxMin)
  std::vector<double> snapM;               // stop to its node (+inf: no node)
};

StopAccess stopAccess(const DemandContext& context, const std::vector<TransitStop>& stops, double maxMin,
                      core::Feedback& feedback);

struct RouteFigures {
  std::string id, name;
  bool candidate = false;
  HourSeries riders{};
  double ridersDay = 0, peakHourRiders = 0;
  double deniedDay = 0;  // chose the route but found the bus full (capacity)
  int peakHour = -1;
  double tripsPerDay = 0, vehicleHours = 0, ridersPerVehicleHour = 0;
  int stops = 0;
  double coveredPopulation = 0, newlyCoveredPopulation = 0;
};

struct NetworkRun {
  TransitNetwork network;
  StopAccess access;
  ChoiceResult choice;
  std::vector<RouteFigures> routes;  // as network.routes
  double coveredPopulation = 0;      // by any route
  double transitRiders() const { return choice.totalTransit(); }
  const RouteFigures* route(const std::string& id) const;
};

NetworkRun runNetwork(const DemandContext& context, TransitNetwork network, const ChoiceParams& params,
                      core::Feedback& feedback);

}  // namespace ekm::mobility
