// ekimachi-cli network build: a directed network from road segments and its topology; a
// thin caller of the `network-build` operation (ekm/demand/ops/network_build_op.h).
#include <cstdio>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/demand/ops/network_build_op.h"
#include "op_args.h"
#include "subcommand.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const char* kUsage =
    "usage: ekimachi-cli network build (--project P | --segments FILE) [--mode drive|walk]\n"
    "                                  [--barriers FILE [--barrier-field F]] [--crossings-from FILE]\n"
    "                                  [--snap M] [--no-split] [--split-crossings]\n"
    "                                  [--report-json F] [--links-out LINKS.geojson] [--quiet]\n\n"
    "Builds a directed network from road segments and prints a report: nodes, links, dangling\n"
    "ends, weakly and strongly connected components with their sizes.\n"
    "  --project       the project's road_segments (id, class, oneway, geometry)\n"
    "  --segments      any GDAL line source (fields segment_id, road_class, oneway, crossing,\n"
    "                  lanes, signal, stairs, level_change_m when present)\n"
    "  --mode          drive (one-way rules, capacity/speed by road class; default) or walk\n"
    "                  (4.8 km/h, Tobler slope factor where elevations exist, penalties)\n"
    "  --barriers      barrier lines (e.g. data/samples/reference/rail_lines.geojson): links\n"
    "                  crossing a feature with barrier=1 are removed unless the segment has\n"
    "                  crossing=1 (walk mode)\n"
    "  --crossings-from a segment source whose crossing=1 flags are copied by segment_id (the\n"
    "                  project store keeps no crossing field)\n"
    "  --snap          end-point snapping tolerance in metres (default 1)\n"
    "  --no-split      do not split segments where another's end touches their interior\n"
    "  --split-crossings also node X-crossings of segment interiors (the sample needs it)\n"
    "  --report-json   write the report as JSON\n"
    "  --links-out     write the links (GeoJSON: link, from, to, segment_id, length_m,\n"
    "                  capacity, free_flow_s)\n"
    "Exit codes: 0 ok, 2 usage, 3 unreadable file, 5 inconsistent data, 130 cancelled.";

int runNetwork(const std::vector<std::string>& argv) {
  std::vector<std::string> rest = argv;
  const std::string sub = takeSubcommand(rest, ops::fieldsOf<demand::NetworkBuildParams>());
  if (sub.empty()) throw Error(ErrorCode::Usage, "missing argument: sub-command (build)");
  if (sub != "build")
    throw Error(ErrorCode::Usage, "unknown sub-command", core::ErrorContext{"", std::nullopt, std::nullopt, "", "build", sub});
  auto args = parseOpArgs<demand::NetworkBuildOp>(rest);
  const auto& p = args.params;
  demand::NetworkBuildOutcome r;
  {
    TerminalFeedback fb("building network", args.quiet);
    r = demand::NetworkBuildOp::run(args.session, p, fb);
    fb.finish();
  }
  const auto& o = r.options;
  std::printf("segments: %zu from %s; mode %s, snap %g m%s%s\n", r.segments, r.source.c_str(), p.mode.c_str(),
              o.snapToleranceM, o.splitAtTouches ? ", split at touches" : "",
              o.splitAtCrossings ? ", node crossings" : "");
  const auto& built = r.street.built;
  const auto& report = r.street.report;
  if (!o.crossingsFromPath.empty())
    std::printf("crossing flags: %d segments from %s\n", report.crossingFlagsCopied, o.crossingsFromPath.c_str());
  if (!o.barriersPath.empty())
    std::printf("barriers: %d lines from %s; %d segments flagged as crossings\n", report.barrierLines,
                o.barriersPath.c_str(), report.crossingSegments);
  std::printf("plane CRS EPSG:%d\n%s", built.epsg, built.report.toText().c_str());
  if (!o.barriersPath.empty()) std::printf("links removed by barriers: %d\n", report.linksRemovedByBarrier);
  if (!r.reportPath.empty()) std::printf("report: %s\n", r.reportPath.c_str());
  if (!r.linksPath.empty()) std::printf("links: %s\n", r.linksPath.c_str());
  return 0;
}

const CommandRegistrar kRegistrar{
    Command{"network", "build a directed road or walking network from segments and report its topology",
            kUsage, runNetwork}};

}  // namespace
}  // namespace ekm::cli
