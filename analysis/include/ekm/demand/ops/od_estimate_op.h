#pragma once
// Operation `od-estimate`: matrix estimation from counts (Spiess gradient, bi-level with
// Algorithm B): the prior OD adjusted so its assigned flows match link counts. On TNTP
// files (counts by node numbers) or on the session's project: its street network, the
// prior from `od` and the counts of segment_counts summed over the hours from..to,
// matched to links by segment id and direction.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ekm/demand/matrix_estimation.h"
#include "ekm/demand/ops/project_demand.h"
#include "ekm/demand/project_counts.h"

namespace ekm::demand {

struct OdEstimateParams {
  std::string tntp_net;
  std::string tntp_trips;
  std::string prior;
  std::string counts;
  ProjectNetworkParams network;
  std::string od;
  std::string from;
  std::string to;
  std::optional<std::string> count_mode;
  std::string out;
  std::string geh;
  std::int64_t outer = 5;
  std::int64_t inner = 50;
  double rho = 0;
  double gap = 1e-5;
  std::int64_t max_iter = 1000;
  std::int64_t threads = 0;

  template <class V>
  void fields(V& v) {
    v("tntp_net", tntp_net, {.help = "TNTP network file (instead of the project's streets)", .role = ops::Role::InputFile});
    v("tntp_trips", tntp_trips, {.help = "TNTP: the prior as a TNTP trips file", .role = ops::Role::InputFile});
    v("prior", prior, {.help = "TNTP: the prior as an OD CSV (zones 1..n)", .role = ops::Role::InputFile});
    v("counts", counts, {.help = "TNTP: counts CSV init_node,term_node,count", .role = ops::Role::InputFile});
    network.fields(v);
    v("od", od, {.help = "project: the prior OD, a CSV or a period of od_matrices (the hours from..to)"});
    v("from", from, {.help = "project: first hour of the counts (ISO date-time on the hour)", .format = "date-hour"});
    v("to", to, {.help = "project: last hour of the counts (inclusive)", .format = "date-hour"});
    v("count_mode", count_mode, {.help = "project: counts of this mode (default: pedestrian on the walking network, "
                                         "vehicle on the road network)",
                                 .choices = {"pedestrian", "bicycle", "vehicle"}});
    v("out", out, {.help = "estimated OD CSV", .role = ops::Role::OutputFile});
    v("geh", geh, {.help = "GEH per counted link CSV", .role = ops::Role::OutputFile});
    v("outer", outer, {.help = "assignments with updated proportions", .min = 1, .max = 1000});
    v("inner", inner, {.help = "gradient steps per assignment", .min = 1, .max = 100000});
    v("rho", rho, {.help = "regularisation towards the prior", .min = 0});
    v("gap", gap, {.help = "relative gap of each assignment", .min = 0, .max = 1});
    v("max_iter", max_iter, {.help = "iteration limit of each assignment", .min = 1, .max = 1e7});
    v("threads", threads, {.help = "shortest-path threads (0 = all cores)", .min = 0, .max = 1024});
  }
  void validate() const;
  bool onTntp() const { return !tntp_net.empty(); }
};

struct OdEstimateOutcome {
  bool onProject = false;
  NamedOdMatrix od;                    // the estimate
  double priorTrips = 0;
  std::vector<LinkCount> counts;
  MatrixEstimationResult estimation;   // its matrix moved into od
  std::string outPath, gehPath;        // written when not empty
  std::vector<std::string> warnings;

  // TNTP files
  Network network;

  // Project
  ProjectDemand project;
  std::string countMode;
  core::HourKey from = 0, to = 0;
  int hoursInRange = 0;
  std::vector<std::string> incomplete;  // counts skipped: not every hour
  std::vector<std::string> unmatched;   // counts skipped: segment not in the network
  std::vector<MatchedCount> matched;

  double meanGehBefore() const;
  double meanGehAfter() const;
};

struct OdEstimateHooks {
  StreetsReady streets;  // project: the street network with zones is built
  // Network, prior and counts are ready; called before the estimation.
  std::function<void(const OdEstimateOutcome&)> ready;
};

struct OdEstimateOp {
  static constexpr const char* name = "od-estimate";
  static constexpr const char* summary = "OD matrix estimation from link counts (GEH) on TNTP files or the project";
  static constexpr bool writesProject = false;
  using Params = OdEstimateParams;
  using Result = OdEstimateOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback,
                    const OdEstimateHooks& hooks);
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback) {
    return run(session, params, feedback, {});
  }
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::demand
