// The street network of a project for `assign` and `scenario run` (see project_network.h).
#include "project_network.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "ekm/core/error.h"
#include "ekm/demand/walking_network.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "terminal_feedback.h"

namespace ekm::cli {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

const char* const kProjectNetworkUsage =
    "  --project P        the project (road_segments, mesh cells, stations, od_matrices)\n"
    "  --network M        walking (default; 4.8 km/h, uncongested) or road (capacity/speed by class)\n"
    "  --od OD            an OD CSV (origin,destination,trips) or a period of the project's\n"
    "                     od_matrices (`--od period:NAME`, or just NAME when no such file exists)\n"
    "  --zones Z          mesh:LEVEL (default mesh:500m), polygons:FILE:FIELD, stations:RADIUS_M\n"
    "                     or points:FILE.csv (zone,lon,lat); zone ids must match the OD's\n"
    "  --barriers FILE    barrier lines (walking; e.g. data/samples/reference/rail_lines.geojson)\n"
    "  --barrier-field F  barrier flag field (default barrier)\n"
    "  --crossings-from F crossing=1 flags by segment_id (the store keeps none)\n"
    "  --split-crossings  node X-crossings of segment interiors\n"
    "  --snap M           end-point snapping tolerance in metres (default 1)\n"
    "  --connector-speed  km/h on centroid connectors (default: the network's walking speed 4.8)\n";

const std::set<std::string>& projectNetworkOptions() {
  static const std::set<std::string> o = {"project", "network", "od", "zones", "barriers", "barrier-field",
                                          "crossings-from", "split-crossings", "snap", "connector-speed"};
  return o;
}
const std::set<std::string>& projectNetworkFlags() {
  static const std::set<std::string> f = {"split-crossings"};
  return f;
}

namespace {

double numberArg(const Args& args, const std::string& name, double fallback) {
  const auto v = args.value(name);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || !std::isfinite(d))
    throw Error(ErrorCode::Usage, "bad --" + name, ErrorContext{"", std::nullopt, std::nullopt, name, "a number", *v});
  return d;
}

demand::ZoneSystem zonesFromPointsCsv(const std::string& path) {
  io::TextInput input(path);
  io::CsvReader csv(input);
  if (!csv.next()) throw core::ParseError("empty file", ErrorContext{path, 1, std::nullopt, "", "zone,lon,lat", "nothing"});
  std::map<std::string, int> col;
  for (std::size_t i = 0; i < csv.size(); ++i) col[std::string(csv[i])] = static_cast<int>(i);
  for (const char* c : {"zone", "lon", "lat"})
    if (!col.count(c)) throw core::ParseError("missing column", ErrorContext{path, 1, std::nullopt, c, "zone,lon,lat", "no such column"});
  demand::ZoneSystem zs;
  while (csv.next()) {
    auto get = [&](const char* c) -> std::string {
      const auto i = static_cast<std::size_t>(col[c]);
      if (i >= csv.size())
        throw core::ParseError("too few fields", ErrorContext{path, csv.line(), std::nullopt, c, "a value", "nothing"});
      return std::string(csv[i]);
    };
    demand::Zone z;
    z.id = get("zone");
    for (const char* c : {"lon", "lat"}) {
      const std::string t = get(c);
      char* end = nullptr;
      const double v = std::strtod(t.c_str(), &end);
      if (t.empty() || *end != '\0' || !std::isfinite(v))
        throw core::ParseError("not a number", ErrorContext{path, csv.line(), std::nullopt, c, "degrees", t});
      (c[1] == 'o' ? z.lon : z.lat) = v;
    }
    if (zs.indexOf(z.id) >= 0)
      throw core::ValidationError("duplicate zone", ErrorContext{path, csv.line(), std::nullopt, "zone", "each zone once", z.id});
    zs.zones.push_back(z);
  }
  return zs;
}

demand::ZoneSystem zonesFor(const Args& args, const store::Project& project) {
  std::vector<std::string> cells;
  for (const auto& c : project.meshCells()) cells.push_back(c.meshCode);
  const std::string spec = args.value("zones").value_or("mesh:500m");
  if (spec.rfind("mesh:", 0) == 0) return demand::zonesFromMesh(cells, mesh::levelFromName(spec.substr(5)));
  if (spec.rfind("polygons:", 0) == 0) {
    const auto rest = spec.substr(9);
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos) throw Error(ErrorCode::Usage, "--zones polygons:FILE:FIELD needs the id field");
    return demand::zonesFromPolygons(rest.substr(0, colon), rest.substr(colon + 1), cells);
  }
  if (spec.rfind("stations:", 0) == 0) {
    std::vector<demand::StationPoint> st;
    for (const auto& s : project.stations()) st.push_back({s.stationId, s.position.lon, s.position.lat});
    const std::string r = spec.substr(9);
    char* end = nullptr;
    const double radius = std::strtod(r.c_str(), &end);
    if (r.empty() || *end != '\0' || !(radius > 0))
      throw Error(ErrorCode::Usage, "bad --zones", ErrorContext{"", std::nullopt, std::nullopt, "zones", "stations:RADIUS_M (metres > 0)", spec});
    return demand::zonesFromStations(st, cells, radius);
  }
  if (spec.rfind("points:", 0) == 0) return zonesFromPointsCsv(spec.substr(7));
  throw Error(ErrorCode::Usage, "bad --zones",
              ErrorContext{"", std::nullopt, std::nullopt, "zones",
                           "mesh:LEVEL, polygons:FILE:FIELD, stations:RADIUS_M or points:FILE.csv", spec});
}

}  // namespace

ProjectNetwork loadProjectNetwork(const Args& args, bool quiet) {
  ProjectNetwork out;
  const std::string projectPath = args.required("project");
  const auto project = store::Project::open(projectPath, store::OpenMode::ReadOnly);
  out.mode = args.value("network").value_or("walking");
  if (out.mode != "walking" && out.mode != "road")
    throw Error(ErrorCode::Usage, "bad --network",
                ErrorContext{"", std::nullopt, std::nullopt, "network", "walking or road", out.mode});
  auto segments = demand::segmentsFromProject(project);
  if (const auto c = args.value("crossings-from")) {
    std::map<std::string, bool> flags;
    for (const auto& s : demand::readRoadSegments(*c)) flags[s.segmentId] = s.crossing;
    int n = 0;
    for (auto& s : segments)
      if (const auto it = flags.find(s.segmentId); it != flags.end() && it->second) s.crossing = true, ++n;
    std::printf("crossing flags: %d segments from %s\n", n, c->c_str());
  }
  demand::BuildOptions o;
  o.mode = out.mode == "walking" ? demand::NetworkMode::Walk : demand::NetworkMode::Drive;
  o.snapToleranceM = numberArg(args, "snap", 1.0);
  o.splitAtCrossings = args.flag("split-crossings");
  demand::BuiltNetwork streets;
  double defaultSpeed = 30;
  {
    TerminalFeedback fb("building network", quiet);
    if (o.mode == demand::NetworkMode::Walk) {
      std::vector<demand::BarrierLine> barriers;
      if (const auto b = args.value("barriers"))
        barriers = demand::readBarriers(*b, args.value("barrier-field").value_or("barrier"));
      demand::WalkingOptions w;
      defaultSpeed = w.speedKmh;
      auto built = demand::buildWalkingNetwork(segments, barriers, o, w, fb);
      if (!barriers.empty())
        std::printf("barriers: %zu lines, %d links removed, %d crossing links kept\n", barriers.size(),
                    built.linksRemovedByBarrier, built.crossingLinksKept);
      streets = std::move(built.built);
    } else {
      if (args.value("barriers")) throw Error(ErrorCode::Usage, "--barriers needs --network walking");
      streets = demand::buildNetwork(segments, o, fb);
    }
    fb.finish();
  }
  std::printf("%s network of %s: %d nodes, %d links, %d components (largest %d nodes), EPSG:%d\n", out.mode.c_str(),
              projectPath.c_str(), streets.network.nodeCount(), streets.network.linkCount(),
              streets.report.strong.count, streets.report.strong.sizes.empty() ? 0 : streets.report.strong.sizes[0],
              streets.epsg);
  const auto zones = zonesFor(args, project);
  const double connectorSpeed = numberArg(args, "connector-speed", 4.8);
  out.network = demand::attachZones(std::move(streets), zones, connectorSpeed, defaultSpeed);

  // The OD: a CSV file or a period of the project's od_matrices.
  const std::string od = args.required("od");
  demand::NamedOdMatrix named;
  if (od.rfind("period:", 0) != 0 && std::filesystem::exists(od)) {
    named = demand::readOdCsv(od);
    out.odSource = od;
  } else {
    const std::string period = od.rfind("period:", 0) == 0 ? od.substr(7) : od;
    const auto periods = demand::odPeriods(project);
    if (std::find(periods.begin(), periods.end(), period) == periods.end()) {
      std::string list;
      for (const auto& p : periods) list += (list.empty() ? "" : ", ") + p;
      throw Error(ErrorCode::Usage, "no such OD file or period",
                  ErrorContext{projectPath, std::nullopt, std::nullopt, "od",
                               "an OD CSV or a period (" + (list.empty() ? std::string("none stored") : list) + ")", od});
    }
    named = demand::loadOdMatrix(project, period);
    out.odSource = projectPath + " period " + period;
  }
  out.demand = demand::alignOd(named, out.network.zones, out.odSource);
  std::printf("zones: %zu (%s); OD %s: %.3f trips\n", out.network.zones.zones.size(),
              args.value("zones").value_or("mesh:500m").c_str(), out.odSource.c_str(), out.demand.total());
  std::fflush(stdout);
  return out;
}

}  // namespace ekm::cli
