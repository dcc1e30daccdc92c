#pragma once
// Operation `network-build`: a directed road or walking network from road segments (the
// session's project or any GDAL line source) with its topology report: nodes, links,
// dangling ends, weakly and strongly connected components.
#include <string>

#include "ekm/demand/project_pipeline.h"
#include "ekm/ops/operation.h"

namespace ekm::demand {

struct NetworkBuildParams {
  std::string segments;
  std::string mode = "drive";
  std::string barriers;
  std::string barrier_field = "barrier";
  std::string crossings_from;
  double snap = 1.0;
  bool no_split = false;
  bool split_crossings = false;
  std::string report_json;
  std::string links_out;

  template <class V>
  void fields(V& v) {
    v("segments", segments, {.help = "a GDAL line source (instead of the project's road_segments)",
                             .role = ops::Role::InputFile});
    v("mode", mode, {.help = "drive (one-way rules, capacity/speed by class) or walk (4.8 km/h, penalties)",
                     .choices = {"drive", "walk"}});
    v("barriers", barriers, {.help = "barrier lines (walk): links crossing one are removed unless crossing=1",
                             .role = ops::Role::InputFile});
    v("barrier_field", barrier_field, {.help = "barrier flag field of the barrier lines"});
    v("crossings_from", crossings_from, {.help = "segments whose crossing=1 flags are copied by segment_id",
                                         .role = ops::Role::InputFile});
    v("snap", snap, {.help = "end-point snapping tolerance in metres", .min = 0, .max = 1000});
    v("no_split", no_split, {.help = "do not split segments where another's end touches their interior"});
    v("split_crossings", split_crossings, {.help = "also node X-crossings of segment interiors"});
    v("report_json", report_json, {.help = "the report as JSON", .role = ops::Role::OutputFile});
    v("links_out", links_out, {.help = "the links as GeoJSON (link, from, to, segment_id, length_m, capacity, "
                                       "free_flow_s)",
                               .role = ops::Role::OutputFile});
  }
  void validate() const;
};

struct NetworkBuildOutcome {
  std::string source;      // the project or the segments file
  std::size_t segments = 0;
  NetworkOptions options;  // as used (paths resolved)
  StreetNetwork street;
  std::string reportPath, linksPath;  // written when not empty
};

struct NetworkBuildOp {
  static constexpr const char* name = "network-build";
  static constexpr const char* summary = "build a directed road or walking network from segments and report its topology";
  static constexpr bool writesProject = false;
  using Params = NetworkBuildParams;
  using Result = NetworkBuildOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::demand
