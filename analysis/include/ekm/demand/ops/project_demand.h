#pragma once
// The street network with zones, and the demand to assign, on the session's project
// (phases 1-4 of project_pipeline.h) as the assign, scenario, od-gravity and od-estimate
// operations prepare them.
#include <functional>
#include <string>
#include <vector>

#include "ekm/demand/ops/demand_params.h"

namespace ekm::demand {

// Where the demand comes from: a stored or CSV OD, or the gravity model over hours.
struct OdSourceParams {
  std::string od;
  TripEndParams hours;
  DeterrenceParams gravity;

  template <class V>
  void fields(V& v) {
    v("od", od, {.help = "an OD CSV (origin,destination,trips) or a period of the project's od_matrices "
                         "(period:NAME, or NAME when no such file exists); empty = the gravity model on the "
                         "trip ends of the hours from..to"});
    hours.fields(v, false);
    gravity.fields(v);
  }
  void validate() const { hours.validate(); }
};

// What an assignment on the project's street network reads (the assign and scenario
// operations): the network with zones, the demand, the edits, turn rules and the assignment's
// options. Those operations' Params derive from it and list these fields in this order.
struct ProjectAssignmentParams {
  ProjectNetworkParams network;
  OdSourceParams demand;
  EditsParams edits;
  std::string turns;
  AssignmentParams assignment;

  template <class V>
  void projectAssignmentFields(V& v) {
    network.fields(v);
    demand.fields(v);
    edits.fields(v);
    v("turns", turns, {.help = "turn rules CSV: from_segment,to_segment,penalty_s,ban[,via_lon,via_lat]",
                       .role = ops::Role::InputFile});
    assignment.fields(v);
  }
};

struct ProjectStreets {
  std::string projectPath;
  ProjectDemandOptions options;       // zones, network and connectors as used (paths resolved)
  ConnectedNetwork network;
  std::vector<std::string> warnings;  // zones left out, trips not assigned (also given to the feedback)
};

// Phases 1 and 2: zones, street network and centroid connectors.
ProjectStreets projectStreets(ops::Session& session, const ProjectNetworkParams& params, core::Feedback& feedback);

struct ProjectDemand : ProjectStreets {
  NamedOdMatrix od;  // as it can be assigned (assignableOd); zone ids = the zones'
  std::string odDescription;
  double intrazonalTrips = 0;   // not assigned
  double unconnectedTrips = 0;  // not assigned: from or to zones left out
};

// Called once the street network with zones is built (a CLI prints it then).
using StreetsReady = std::function<void(const ProjectStreets&)>;

// Phases 1-4: the network and the OD (`od`, or the gravity model when it is empty), ready to assign.
ProjectDemand projectDemand(ops::Session& session, const ProjectNetworkParams& network, const OdSourceParams& od,
                            core::Feedback& feedback, const StreetsReady& streetsReady = {});

struct ProjectGravity {
  TripEnds tripEnds;  // of all zones (those left out get no trips in the model)
  OdMatrix minutes;   // free-flow zone-to-zone times
  GravityOd gravity;
};

// The gravity model of the project's trip ends on free-flow times of `streets` (phase 3
// and the gravity half of phase 4). `furness` sets the balancing tolerance and limit.
ProjectGravity projectGravity(ops::Session& session, const ProjectStreets& streets, const TripEndParams& hours,
                         const DeterrenceParams& deterrence, const FurnessOptions& furness, core::Feedback& feedback);

}  // namespace ekm::demand
