// The network-build operation.
#include "ekm/demand/ops/network_build_op.h"

#include <cstdio>

#include "demand/ops/result_files.h"
#include "ekm/demand/ops/demand_params.h"
#include "ekm/demand/ops/result_tables.h"
#include "ekm/store/project.h"

namespace ekm::demand {

namespace {

std::string linksGeoJson(const BuiltNetwork& b) {
  std::string s = "{\"type\":\"FeatureCollection\",\"features\":[\n";
  char buf[256];
  for (int a = 0; a < b.network.linkCount(); ++a) {
    const auto& l = b.network.link(a);
    std::string id;
    for (char c : b.linkSegmentId[a]) id += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    std::snprintf(buf, sizeof buf, "{\"type\":\"Feature\",\"properties\":{\"link\":%d,\"from\":%d,\"to\":%d,", a + 1,
                  l.from + 1, l.to + 1);
    s += (a ? ",\n" : "") + std::string(buf) + "\"segment_id\":\"" + id + "\",";
    std::snprintf(buf, sizeof buf, "\"length_m\":%.3f,\"capacity\":%.1f,\"free_flow_s\":%.3f},", l.length,
                  l.capacity, l.freeFlowTime);
    s += buf;
    s += "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
    for (std::size_t k = 0; k < b.linkGeometry[a].size(); ++k) {
      std::snprintf(buf, sizeof buf, "%s[%.8f,%.8f]", k ? "," : "", b.linkGeometry[a][k].lon,
                    b.linkGeometry[a][k].lat);
      s += buf;
    }
    s += "]}}";
  }
  return s + "\n]}\n";
}

}  // namespace

void NetworkBuildParams::validate() const {
  if (!barriers.empty() && mode != "walk") throwParam("--barriers needs --mode walk", "barriers", "mode walk", mode);
}

NetworkBuildOutcome NetworkBuildOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  NetworkBuildOutcome out;
  std::vector<RoadSegment> segments;
  if (!params.segments.empty() && session.hasProject())
    throwParam("give --project or --segments, not both", "segments", "a project or a segments file", "both");
  if (!params.segments.empty()) {
    out.source = inputPath(session, params.segments);
    segments = readRoadSegments(out.source);
  } else if (session.hasProject()) {
    out.source = session.projectPath();
    session.recordTableRead("road_segments");
    segments = segmentsFromProject(session.project());
  } else {
    throwParam("give --project P or --segments FILE", "segments", "a project or a segments file", "neither");
  }
  out.segments = segments.size();
  auto& o = out.options;
  o.mode = params.mode == "walk" ? NetworkMode::Walk : NetworkMode::Drive;
  o.snapToleranceM = params.snap;
  o.splitAtTouches = !params.no_split;
  o.splitAtCrossings = params.split_crossings;
  o.crossingsFromPath = inputPath(session, params.crossings_from);
  if (!params.barriers.empty()) {
    o.barriersPath = inputPath(session, params.barriers);
    o.barrierField = params.barrier_field;
  }
  out.street = buildStreetNetwork(std::move(segments), o, feedback);
  const auto& built = out.street.built;
  if (!params.report_json.empty()) {
    std::string json = built.report.toJson();
    json.pop_back();  // '}'
    json += ",\"epsg\":" + std::to_string(built.epsg) + ",\"mode\":\"" + params.mode +
            "\",\"links_removed_by_barriers\":" + std::to_string(out.street.report.linksRemovedByBarrier) + "}\n";
    out.reportPath = session.resolve(params.report_json);
    writeTextFile(out.reportPath, json);
  }
  if (!params.links_out.empty()) {
    out.linksPath = session.resolve(params.links_out);
    writeTextFile(out.linksPath, linksGeoJson(built));
  }
  return out;
}

ops::OpResult NetworkBuildOp::record(const Result& r) {
  const auto& rep = r.street.built.report;
  ops::OpResult out;
  out.summary = {{"source", r.source},
                 {"mode", r.options.mode == NetworkMode::Walk ? "walk" : "drive"},
                 {"epsg", r.street.built.epsg},
                 {"segments", rep.segments},
                 {"skipped_segments", rep.skippedSegments},
                 {"nodes", rep.nodes},
                 {"links", rep.links},
                 {"dangling_ends", rep.danglingEnds},
                 {"total_length_m", jsonNumber(rep.totalLengthM)},
                 {"weak_components", rep.weak.count},
                 {"strong_components", rep.strong.count},
                 {"largest_strong_component", rep.strong.sizes.empty() ? 0 : rep.strong.sizes[0]},
                 {"links_removed_by_barriers", r.street.report.linksRemovedByBarrier}};
  for (const auto* p : {&r.reportPath, &r.linksPath})
    if (!p->empty()) out.outputs.push_back(*p);
  return out;
}

}  // namespace ekm::demand
