// ekimachi-cli network: build a directed network from road segments and report its topology.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/store/project.h"
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

double number(const Args& args, const std::string& name, double fallback) {
  const auto v = args.value(name);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || !std::isfinite(d))
    throw Error(ErrorCode::Usage, "bad --" + name,
                core::ErrorContext{"", std::nullopt, std::nullopt, name, "a number", *v});
  return d;
}

void writeText(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp);
    if (!f)
      throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
    f << text;
    if (!f)
      throw core::IoError("write failed", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw core::IoError("cannot rename into place",
                        core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
}

std::string linksGeoJson(const demand::BuiltNetwork& b) {
  std::string s = "{\"type\":\"FeatureCollection\",\"features\":[\n";
  char buf[256];
  for (int a = 0; a < b.network.linkCount(); ++a) {
    const auto& l = b.network.link(a);
    std::string id;
    for (char c : b.linkSegmentId[a])
      id += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    std::snprintf(buf, sizeof buf, "{\"type\":\"Feature\",\"properties\":{\"link\":%d,\"from\":%d,\"to\":%d,",
                  a + 1, l.from + 1, l.to + 1);
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

int runBuild(const Args& args) {
  const bool quiet = args.flag("quiet");
  std::vector<demand::RoadSegment> segments;
  std::string source;
  if (const auto p = args.value("project")) {
    if (args.value("segments")) throw Error(ErrorCode::Usage, "give --project or --segments, not both");
    const auto project = store::Project::open(*p, store::OpenMode::ReadOnly);
    segments = demand::segmentsFromProject(project);
    source = *p;
  } else if (const auto s = args.value("segments")) {
    segments = demand::readRoadSegments(*s);
    source = *s;
  } else {
    throw Error(ErrorCode::Usage, "give --project P or --segments FILE");
  }
  const std::string mode = args.value("mode").value_or("drive");
  if (mode != "drive" && mode != "walk")
    throw Error(ErrorCode::Usage, "bad --mode",
                core::ErrorContext{"", std::nullopt, std::nullopt, "mode", "drive or walk", mode});
  demand::NetworkOptions o;
  o.mode = mode == "walk" ? demand::NetworkMode::Walk : demand::NetworkMode::Drive;
  o.snapToleranceM = number(args, "snap", o.snapToleranceM);
  o.splitAtTouches = !args.flag("no-split");
  o.splitAtCrossings = args.flag("split-crossings");
  o.crossingsFromPath = args.value("crossings-from").value_or("");
  if (const auto b = args.value("barriers")) {
    if (o.mode != demand::NetworkMode::Walk) throw Error(ErrorCode::Usage, "--barriers needs --mode walk");
    o.barriersPath = *b;
    o.barrierField = args.value("barrier-field").value_or(o.barrierField);
  }
  std::printf("segments: %zu from %s; mode %s, snap %g m%s%s\n", segments.size(), source.c_str(),
              mode.c_str(), o.snapToleranceM, o.splitAtTouches ? ", split at touches" : "",
              o.splitAtCrossings ? ", node crossings" : "");
  std::fflush(stdout);
  demand::StreetNetwork street;
  {
    TerminalFeedback fb("building network", quiet);
    street = demand::buildStreetNetwork(std::move(segments), o, fb);
    fb.finish();
  }
  const auto& built = street.built;
  const auto& report = street.report;
  if (!o.crossingsFromPath.empty())
    std::printf("crossing flags: %d segments from %s\n", report.crossingFlagsCopied, o.crossingsFromPath.c_str());
  if (!o.barriersPath.empty())
    std::printf("barriers: %d lines from %s; %d segments flagged as crossings\n", report.barrierLines,
                o.barriersPath.c_str(), report.crossingSegments);
  std::printf("plane CRS EPSG:%d\n%s", built.epsg, built.report.toText().c_str());
  if (!o.barriersPath.empty()) std::printf("links removed by barriers: %d\n", report.linksRemovedByBarrier);
  if (const auto j = args.value("report-json")) {
    std::string json = built.report.toJson();
    json.pop_back();  // '}'
    json += ",\"epsg\":" + std::to_string(built.epsg) + ",\"mode\":\"" + mode +
            "\",\"links_removed_by_barriers\":" + std::to_string(report.linksRemovedByBarrier) + "}\n";
    writeText(*j, json);
    std::printf("report: %s\n", j->c_str());
  }
  if (const auto l = args.value("links-out")) {
    writeText(*l, linksGeoJson(built));
    std::printf("links: %s\n", l->c_str());
  }
  return 0;
}

int runNetwork(const std::vector<std::string>& argv) {
  const Args args(argv, {"quiet", "no-split", "split-crossings"});
  args.checkKnown({"project", "segments", "mode", "barriers", "barrier-field", "crossings-from", "snap",
                   "no-split", "split-crossings", "report-json", "links-out", "quiet"});
  const std::string sub = args.positional(0, "sub-command (build)");
  if (sub == "build") return runBuild(args);
  throw Error(ErrorCode::Usage, "unknown sub-command",
              core::ErrorContext{"", std::nullopt, std::nullopt, "", "build", sub});
}

const CommandRegistrar kRegistrar{
    Command{"network", "build a directed road or walking network from segments and report its topology",
            kUsage, runNetwork}};

}  // namespace
}  // namespace ekm::cli
