#pragma once
// Operation `assign`: static user-equilibrium assignment (Algorithm B, bi-conjugate
// Frank-Wolfe, Frank-Wolfe, all-or-nothing) either on TNTP files (tntp_net, tntp_trips)
// or on the session's project: its street network with zones and connectors, the demand
// from a stored or CSV OD or the gravity model over hours, optional network edits
// (`edits`, which a scenario file's top-level "edits" fill, or `edits_file`) and turn
// rules. Stopping at
// max_iter short of the gap is not an error: the outcome says `converged` (the CLI exits
// 13, a scenario run records a warning).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ekm/demand/ops/project_demand.h"
#include "ekm/demand/ops/result_tables.h"
#include "ekm/demand/tntp.h"

namespace ekm::demand {

struct AssignParams : ProjectAssignmentParams {
  std::string tntp_net;
  std::string tntp_trips;
  std::optional<double> toll_factor;
  std::optional<double> distance_factor;
  std::string out;
  std::string skims;
  std::string select_link;
  std::string select_link_out;
  std::string compare;

  template <class V>
  void fields(V& v) {
    v("tntp_net", tntp_net, {.help = "TNTP network file (instead of the project's streets)", .role = ops::Role::InputFile});
    v("tntp_trips", tntp_trips, {.help = "TNTP trips file (with tntp_net)", .role = ops::Role::InputFile});
    projectAssignmentFields(v);
    v("toll_factor", toll_factor, {.help = "TNTP: cost weight of tolls (default: the net file's <TOLL FACTOR>)"});
    v("distance_factor", distance_factor,
      {.help = "TNTP: cost weight of length (default: the net file's <DISTANCE FACTOR>)"});
    v("out", out, {.help = "link results CSV", .role = ops::Role::OutputFile});
    v("skims", skims, {.help = "TNTP: OD skims CSV along shortest cost paths", .role = ops::Role::OutputFile});
    v("select_link", select_link, {.help = "TNTP: nodes I,J of a link for select-link analysis (algorithm b)"});
    v("select_link_out", select_link_out,
      {.help = "TNTP: the OD pairs using select_link (origin,destination,volume)", .role = ops::Role::OutputFile});
    v("compare", compare, {.help = "TNTP: a flow file (e.g. the published solution) to compare with",
                           .role = ops::Role::InputFile});
  }
  void validate() const;
  bool onTntp() const { return !tntp_net.empty(); }
};

// A TNTP flow file against the assigned volumes.
struct TntpFlowComparison {
  std::string path;
  double fileTstt = 0;       // volume x cost of the file
  double tstt = 0;           // of the file's volumes, recomputed
  double relativeGap = 0;    // of the file's volumes
  double tsttDifferencePercent = 0;  // assigned TSTT against the recomputed one
  double maxVolumeDifference = 0;
};

struct SelectLinkOutcome {
  std::string link;  // "I,J" as given
  int linkIndex = -1;
  std::vector<SelectLinkFlow> flows;
  double trips = 0;
  std::string path;
};

struct AssignOutcome {
  bool onProject = false;
  AssignmentOptions options;  // as used (weights from the net file on TNTP files)
  OdMatrix demand;            // as assigned
  AssignmentResult result;    // per link of the assigned network
  double cpuSeconds = 0;      // of the assignment, all threads
  std::vector<SegmentLinkFlow> links;  // per assigned link (closed links after them at 0)
  std::string outPath;        // written when not empty
  std::vector<std::string> warnings;

  // TNTP files
  std::string netPath;
  Network network;
  int firstThruNode = 0;
  std::optional<TntpFlowComparison> compare;
  std::string skimsPath;
  std::optional<SelectLinkOutcome> selectLink;

  // Project
  ProjectDemand project;
  std::vector<std::string> addedNames;  // per added link (edits)
  std::vector<Corridor> corridors;      // along the assigned streets (demandPatterns)
  std::vector<DesireLine> desireLines;  // of `demand` between the zones' centroids
  double meanTripMinutes = 0;           // of `demand` along free-flow shortest paths
  int closedLinks = 0;                  // edits
  int turnRules = 0, bannedTurns = 0;
  std::string turnsPath;

  int iterations() const { return result.iterations.empty() ? 0 : result.iterations.back().iteration; }
};

// Optional callbacks of a typed caller (the CLI prints the setup before the iterations).
struct AssignHooks {
  StreetsReady streets;  // project: the street network with zones is built
  // The network and demand are ready; called before the assignment with everything but `result`.
  std::function<void(const AssignOutcome&)> ready;
  // Each iteration's record as the assignment makes it, on the thread that runs it (a
  // dock's live convergence plot).
  std::function<void(const IterationRecord&)> iteration;
};

struct AssignOp {
  static constexpr const char* name = "assign";
  static constexpr const char* summary =
      "user-equilibrium assignment on TNTP files or the project's street network (with edits and turn rules)";
  static constexpr bool writesProject = false;
  using Params = AssignParams;
  using Result = AssignOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback,
                    const AssignHooks& hooks);
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback) {
    return run(session, params, feedback, {});
  }
  static ops::OpResult record(const Result& result);
  // The run on TNTP files alone (params.onTntp()): defined with it in its own object file, so
  // a program that only assigns TNTP files (ekimachi-assign) links no project store.
  static Result runOnTntpFiles(ops::Session& session, const Params& params, core::Feedback& feedback,
                               const AssignHooks& hooks);
};

}  // namespace ekm::demand
