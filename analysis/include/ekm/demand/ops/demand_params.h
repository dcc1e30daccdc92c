#pragma once
// Parameter groups shared by the demand operations, each listed once and included in the
// operations' Params by their fields() (the flat JSON, the CLI flags and the schema all
// see them as the operation's own fields):
//   ProjectNetworkParams  zones, street network and centroid connectors on a project
//   TripEndParams         the hours of trip ends (stay changes, station ridership)
//   DeterrenceParams      the gravity model's deterrence function and calibration target
//   AssignmentParams      algorithm, gap, iteration limit, threads
// and their conversion to the pipeline's options (project_pipeline.h).
#include <cstdint>
#include <optional>
#include <string>

#include "ekm/core/time.h"
#include "ekm/demand/network_edits.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/ops/operation.h"

namespace ekm::demand {

struct ProjectNetworkParams {
  std::string network = "walking";
  std::string zones = "mesh:500m";
  std::string barriers;
  std::string barrier_field = "barrier";
  std::string crossings_from;
  bool split_crossings = false;
  double snap = 1.0;
  double connector_speed = 0;
  double connector_max = kMaxConnectorM;

  template <class V>
  void fields(V& v) {
    v("network", network, {.help = "walking (4.8 km/h, uncongested) or road (capacity/speed by class)",
                           .choices = {"walking", "road"}});
    v("zones", zones, {.help = "mesh:LEVEL, polygons:FILE:FIELD, stations:RADIUS_M or points:FILE.csv (zone,lon,lat)"});
    v("barriers", barriers, {.help = "barrier lines, walking only (e.g. data/samples/reference/rail_lines.geojson)",
                             .role = ops::Role::InputFile});
    v("barrier_field", barrier_field, {.help = "barrier flag field of the barrier lines"});
    v("crossings_from", crossings_from, {.help = "segments whose crossing=1 flags are copied by segment_id",
                                         .role = ops::Role::InputFile});
    v("split_crossings", split_crossings, {.help = "node X-crossings of segment interiors (the sample needs it)"});
    v("snap", snap, {.help = "end-point snapping tolerance in metres", .min = 0, .max = 1000});
    v("connector_speed", connector_speed,
      {.help = "km/h on centroid connectors (0 = walking 4.8, road 20)", .min = 0, .max = 300});
    v("connector_max", connector_max, {.help = "longest centroid connector in metres; zones without a node of "
                                               "the main network in reach are left out with a warning",
                                       .min = 1e-3, .max = 1e6});
  }
  void validate() const;
  // True when every field has its default (e.g. to refuse project options on TNTP files).
  bool isDefault() const;
};

// Zones, network and connectors of the pipeline's options (the OD and assignment parts
// keep their defaults). Files (barriers, crossings, zone files) resolve against the
// session's folder and are recorded as the run's inputs.
ProjectDemandOptions projectDemandOptions(ops::Session& session, const ProjectNetworkParams& params);

struct TripEndParams {
  std::string from;
  std::string to;
  bool no_stays = false;
  bool no_stations = false;

  template <class V>
  void fields(V& v, bool required) {
    v("from", from, {.help = "first hour, ISO date-time on the hour (e.g. 2025-04-01T07:00+09:00)",
                     .required = required, .format = "date-hour"});
    v("to", to, {.help = "last hour (inclusive)", .required = required, .format = "date-hour"});
    v("no_stays", no_stays, {.help = "leave out the hourly stay-population changes"});
    v("no_stations", no_stations, {.help = "leave out station boardings and alightings"});
  }
  // Checks the hours that are given (ParamError naming the field).
  void validate() const;
  bool given() const { return !from.empty() || !to.empty(); }
  // ParamError when from or to is missing (`purpose` says what needs them).
  TripEndOptions options(const std::string& purpose) const;
};

// An hour parameter: ParamError naming `field` unless it is an ISO date-time on the hour.
core::HourKey hourParam(const std::string& text, const std::string& field);

struct DeterrenceParams {
  std::string deterrence = "exp";
  std::optional<double> alpha;
  double beta = 0.1;
  std::optional<double> mean_cost;

  template <class V>
  void fields(V& v) {
    v("deterrence", deterrence, {.help = "deterrence function f(c): exp(-beta c), power c^-alpha, combined "
                                         "c^alpha exp(-beta c)",
                                 .choices = {"exp", "power", "combined"}});
    v("alpha", alpha, {.help = "alpha (default 2 for power, else 0)", .min = -100, .max = 100});
    v("beta", beta, {.help = "beta", .min = -100, .max = 100});
    v("mean_cost", mean_cost, {.help = "calibrate the decay parameter (Hyman) to this mean trip cost",
                               .min = 1e-9});
  }
  Deterrence function() const;
};

struct AssignmentParams {
  std::string algorithm = "b";
  double gap = 1e-4;
  std::int64_t max_iter = 1000;
  std::int64_t threads = 0;

  template <class V>
  void fields(V& v) {
    v("algorithm", algorithm, {.help = "b (Algorithm B, bush-based), bfw (bi-conjugate Frank-Wolfe), "
                                       "fw (Frank-Wolfe), aon (all-or-nothing at free flow)",
                               .choices = {"b", "bfw", "fw", "aon"}});
    v("gap", gap, {.help = "relative gap (TSTT - SPTT) / TSTT to stop at", .min = 0, .max = 1});
    v("max_iter", max_iter, {.help = "iteration limit", .min = 1, .max = 1e7});
    v("threads", threads, {.help = "shortest-path threads (0 = all cores)", .min = 0, .max = 1024});
  }
  AssignmentOptions options() const;
};

// Network and demand edits (network_edits.h) as two parameters: `edits`, the edits object
// itself (a scenario file's top-level "edits" fills it), or `edits_file`, a JSON file holding
// it (the CLI's --edits FILE).
struct EditsParams {
  std::optional<NetworkEdits> edits;
  std::string edits_file;

  template <class V>
  void fields(V& v) {
    v("edits", edits, {.help = "network and demand edits: close, add, change, scale_demand, scale_zones"});
    v("edits_file", edits_file, {.help = "a JSON file with the edits object (instead of edits)",
                                 .role = ops::Role::InputFile});
  }
  // Both given is an error (the edits' own fields are checked as they are read).
  void validate() const;
  bool given() const { return edits.has_value() || !edits_file.empty(); }
  // The edits (empty when none are given).
  ScenarioEdits read(ops::Session& session) const;
};

// `path` resolved against the session's folder and recorded as an input of the run when it
// exists (when not, the reader that opens it reports the problem as it always has).
std::string inputPath(ops::Session& session, const std::string& path);

// A ParamError naming `field`.
[[noreturn]] void throwParam(const std::string& message, const std::string& field, const std::string& expected,
                             const std::string& found);

}  // namespace ekm::demand
