#include "ekm/demand/network_builder.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/strong_components.hpp>
#include <cmath>
#include <memory>
#include <set>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/demand/zones.h"
#include "ekm/geo/transformer.h"
#include "ekm/geo/vector_source.h"
#include "ekm/store/project.h"

namespace ekm::demand {

using core::ErrorContext;

std::vector<RoadSegment> segmentsFromProject(const store::Project& project) {
  std::vector<RoadSegment> out;
  for (const auto& s : project.segments()) {
    RoadSegment r;
    r.segmentId = s.segmentId;
    r.roadClass = s.roadClass;
    r.oneway = s.oneway;
    for (const auto& p : s.points) r.points.push_back({p.lon, p.lat, 0});
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

int intField(OGRFeature& f, int index, int fallback) {
  if (index < 0 || !f.IsFieldSetAndNotNull(index)) return fallback;
  return f.GetFieldAsInteger(index);
}

void appendLine(const OGRLineString& line, RoadSegment proto, std::vector<RoadSegment>& out) {
  proto.hasZ = line.Is3D();
  for (int i = 0; i < line.getNumPoints(); ++i)
    proto.points.push_back({line.getX(i), line.getY(i), line.getZ(i)});
  out.push_back(std::move(proto));
}

}  // namespace

std::vector<RoadSegment> readRoadSegments(const std::string& source, const std::string& layerName) {
  geo::VectorLayerSource vs = geo::openVectorLayer(source, layerName);
  OGRLayer* layer = vs.layer;
  std::unique_ptr<OGRCoordinateTransformation>& toWgs84 = vs.toWgs84;
  auto* defn = layer->GetLayerDefn();
  auto field = [&](std::initializer_list<const char*> names) {
    for (const char* n : names)
      if (const int i = defn->GetFieldIndex(n); i >= 0) return i;
    return -1;
  };
  const int fId = field({"segment_id", "id"});
  const int fClass = field({"road_class", "highway", "class"});
  const int fOneway = field({"oneway"});
  const int fCrossing = field({"crossing"});
  const int fLanes = field({"lanes"});
  const int fSignal = field({"signal", "signalised", "signals"});
  const int fStairs = field({"stairs"});
  const int fLevel = field({"level_change_m"});
  std::vector<RoadSegment> out;
  layer->ResetReading();
  for (auto& f : *layer) {
    const std::int64_t fid = f->GetFID();
    RoadSegment r;
    r.segmentId = fId >= 0 && f->IsFieldSetAndNotNull(fId) ? f->GetFieldAsString(fId) : std::to_string(fid);
    r.roadClass = fClass >= 0 && f->IsFieldSetAndNotNull(fClass) ? f->GetFieldAsString(fClass) : "";
    r.oneway = intField(*f, fOneway, 0);
    if (r.oneway != 0 && r.oneway != 1 && r.oneway != -1)
      throw core::ValidationError("bad oneway value", ErrorContext{source, std::nullopt, fid, "oneway",
                                                                   "0, 1 or -1", std::to_string(r.oneway)});
    r.crossing = intField(*f, fCrossing, 0) != 0;
    r.lanes = intField(*f, fLanes, 0);
    r.signalised = intField(*f, fSignal, 0) != 0;
    r.stairs = intField(*f, fStairs, 0) != 0;
    if (fLevel >= 0 && f->IsFieldSetAndNotNull(fLevel)) r.levelChangeM = f->GetFieldAsDouble(fLevel);
    const OGRGeometry* g0 = f->GetGeometryRef();
    if (!g0)
      throw core::GdalError("feature without geometry",
                            ErrorContext{source, std::nullopt, fid, "geometry", "LineString", "none"});
    std::unique_ptr<OGRGeometry> g(g0->clone());
    if (toWgs84 && g->transform(toWgs84.get()) != OGRERR_NONE)
      throw core::GdalError("coordinate transformation failed",
                            ErrorContext{source, std::nullopt, fid, "", "", ""});
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbLineString) {
      appendLine(*g->toLineString(), r, out);
    } else if (type == wkbMultiLineString) {
      const auto* m = g->toMultiLineString();
      for (int i = 0; i < m->getNumGeometries(); ++i) {
        RoadSegment part = r;
        if (m->getNumGeometries() > 1) part.segmentId += "#" + std::to_string(i);
        appendLine(*m->getGeometryRef(i), part, out);
      }
    } else {
      throw core::GdalError("segment is not a line",
                            ErrorContext{source, std::nullopt, fid, "geometry",
                                         "LineString or MultiLineString", g->getGeometryName()});
    }
  }
  return out;
}

std::map<std::string, RoadClassParameters> defaultRoadClasses(NetworkMode mode) {
  if (mode == NetworkMode::Walk) {
    std::map<std::string, RoadClassParameters> m;
    for (const char* c : {"primary", "secondary", "tertiary", "residential", "unclassified", "service",
                          "pedestrian", "footway", "living_street", "path", "steps"})
      m[c] = {1e9, 1, 4.8};
    m["motorway"] = {0, 0, 4.8};
    m["trunk"] = {0, 0, 4.8};
    return m;
  }
  return {{"motorway", {2000, 2, 80}},    {"trunk", {1800, 2, 60}},    {"primary", {1800, 2, 50}},
          {"secondary", {1500, 1, 40}},   {"tertiary", {1200, 1, 40}}, {"residential", {800, 1, 30}},
          {"unclassified", {800, 1, 30}}, {"service", {600, 1, 20}},   {"living_street", {600, 1, 20}},
          {"pedestrian", {0, 0, 0}},      {"footway", {0, 0, 0}},      {"steps", {0, 0, 0}}};
}

NetworkReport analyseNetwork(const Network& net) {
  NetworkReport r;
  r.nodes = net.nodeCount();
  r.links = net.linkCount();
  using UGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  UGraph ug(static_cast<std::size_t>(net.nodeCount()));
  std::vector<std::set<int>> neighbours(static_cast<std::size_t>(net.nodeCount()));
  for (const auto& l : net.links()) {
    boost::add_edge(static_cast<std::size_t>(l.from), static_cast<std::size_t>(l.to), ug);
    if (l.from != l.to) neighbours[l.from].insert(l.to), neighbours[l.to].insert(l.from);
    r.totalLengthM += l.length;
  }
  for (const auto& n : neighbours) r.danglingEnds += n.size() == 1 ? 1 : 0;
  auto sizesOf = [](const std::vector<int>& comp, int count) {
    ComponentReport c;
    c.count = count;
    c.sizes.assign(static_cast<std::size_t>(count), 0);
    for (int x : comp) ++c.sizes[x];
    std::sort(c.sizes.rbegin(), c.sizes.rend());
    return c;
  };
  std::vector<int> comp(static_cast<std::size_t>(net.nodeCount()));
  const int weak =
      net.nodeCount()
          ? static_cast<int>(boost::connected_components(
                ug, boost::make_iterator_property_map(comp.begin(), boost::get(boost::vertex_index, ug))))
          : 0;
  r.weak = sizesOf(comp, weak);
  const auto strong = strongComponents(net);
  const int sc = strong.empty() ? 0 : *std::max_element(strong.begin(), strong.end()) + 1;
  r.strong = sizesOf(strong, sc);
  return r;
}

std::vector<int> strongComponents(const Network& net) {
  std::vector<int> comp(static_cast<std::size_t>(net.nodeCount()));
  if (net.nodeCount() == 0) return comp;
  boost::strong_components(net.graph(), boost::make_iterator_property_map(
                                            comp.begin(), boost::get(boost::vertex_index, net.graph())));
  return comp;
}

BuiltNetwork filterLinks(const BuiltNetwork& built, const std::vector<bool>& keep) {
  BuiltNetwork out;
  out.epsg = built.epsg;
  out.nodes = built.nodes;
  out.nodeX = built.nodeX;
  out.nodeY = built.nodeY;
  std::vector<LinkAttributes> links;
  for (int a = 0; a < built.network.linkCount(); ++a) {
    if (!keep[a]) continue;
    links.push_back(built.network.link(a));
    out.linkSegment.push_back(built.linkSegment[a]);
    out.linkSegmentId.push_back(built.linkSegmentId[a]);
    out.linkReversed.push_back(built.linkReversed[a]);
    out.linkGeometry.push_back(built.linkGeometry[a]);
  }
  out.network = Network(built.network.nodeCount(), built.network.zoneCount(), built.network.firstThruNode(),
                        std::move(links));
  out.report = analyseNetwork(out.network);
  out.report.segments = built.report.segments;
  out.report.skippedSegments = built.report.skippedSegments;
  out.report.splits = built.report.splits;
  out.report.crossings = built.report.crossings;
  return out;
}

BuiltNetwork withLinks(const BuiltNetwork& built, std::vector<LinkAttributes> links) {
  if (static_cast<int>(links.size()) != built.network.linkCount())
    throw core::ValidationError("withLinks: link count differs");
  BuiltNetwork out = built;
  out.network = Network(built.network.nodeCount(), built.network.zoneCount(), built.network.firstThruNode(),
                        std::move(links));
  return out;
}

BuiltNetwork withZones(const BuiltNetwork& built, const ZoneSystem& zones,
                       const std::vector<Connector>& connectors, double connectorSpeedKmh) {
  if (built.network.zoneCount() != 0) throw core::ValidationError("network has zones already");
  if (!(connectorSpeedKmh > 0)) throw core::ValidationError("connector speed must be > 0");
  const int Z = static_cast<int>(zones.zones.size());
  BuiltNetwork out;
  out.epsg = built.epsg;
  const geo::Transformer tr(built.epsg);
  for (const auto& z : zones.zones) {
    out.nodes.push_back({z.lon, z.lat, 0});
    const auto [x, y] = tr.forward(z.lon, z.lat);
    out.nodeX.push_back(x);
    out.nodeY.push_back(y);
  }
  out.nodes.insert(out.nodes.end(), built.nodes.begin(), built.nodes.end());
  out.nodeX.insert(out.nodeX.end(), built.nodeX.begin(), built.nodeX.end());
  out.nodeY.insert(out.nodeY.end(), built.nodeY.begin(), built.nodeY.end());
  std::vector<LinkAttributes> links;
  for (int a = 0; a < built.network.linkCount(); ++a) {
    LinkAttributes l = built.network.link(a);
    l.from += Z, l.to += Z;
    links.push_back(l);
  }
  out.linkSegment = built.linkSegment;
  out.linkSegmentId = built.linkSegmentId;
  out.linkReversed = built.linkReversed;
  out.linkGeometry = built.linkGeometry;
  for (const auto& c : connectors) {
    if (c.zone < 0 || c.zone >= Z || c.node < 0 || c.node >= built.network.nodeCount())
      throw core::ValidationError(
          "connector out of range",
          ErrorContext{"", std::nullopt, std::nullopt, "connector", "zone and built node",
                       std::to_string(c.zone) + " -> " + std::to_string(c.node)});
    LinkAttributes l;
    l.capacity = 1e9;
    l.length = c.lengthM;
    l.speed = connectorSpeedKmh;
    l.freeFlowTime = c.lengthM / (connectorSpeedKmh / 3.6);
    l.b = 0;
    l.power = 1;
    for (int dir = 0; dir < 2; ++dir) {
      LinkAttributes d = l;
      d.from = dir == 0 ? c.zone : c.node + Z;
      d.to = dir == 0 ? c.node + Z : c.zone;
      links.push_back(d);
      out.linkSegment.push_back(-1);
      out.linkSegmentId.push_back("connector:" + zones.zones[c.zone].id);
      out.linkReversed.push_back(dir == 1);
      out.linkGeometry.push_back({out.nodes[d.from], out.nodes[d.to]});
    }
  }
  out.network = Network(Z + built.network.nodeCount(), Z, Z, std::move(links));
  out.report = analyseNetwork(out.network);
  out.report.segments = built.report.segments;
  out.report.skippedSegments = built.report.skippedSegments;
  out.report.splits = built.report.splits;
  out.report.crossings = built.report.crossings;
  return out;
}

std::vector<NodePoint> nodePoints(const BuiltNetwork& built) {
  std::vector<NodePoint> out;
  for (int n = 0; n < built.network.nodeCount(); ++n)
    out.push_back({n, built.nodes[n].lon, built.nodes[n].lat});
  return out;
}

namespace {
std::string sizesJson(const std::vector<int>& sizes) {
  std::string s = "[";
  for (std::size_t i = 0; i < sizes.size(); ++i) s += (i ? "," : "") + std::to_string(sizes[i]);
  return s + "]";
}
std::string sizesText(const std::vector<int>& sizes) {
  std::string s;
  for (std::size_t i = 0; i < sizes.size() && i < 10; ++i) s += (i ? ", " : "") + std::to_string(sizes[i]);
  if (sizes.size() > 10) s += ", ...";
  return s;
}
}  // namespace

std::string NetworkReport::toJson() const {
  std::ostringstream o;
  o.precision(12);
  o << "{\"segments\":" << segments << ",\"skipped_segments\":" << skippedSegments << ",\"splits\":" << splits
    << ",\"crossings\":" << crossings << ",\"nodes\":" << nodes << ",\"links\":" << links
    << ",\"dangling_ends\":" << danglingEnds << ",\"total_length_m\":" << totalLengthM
    << ",\"weak_components\":" << weak.count << ",\"weak_component_sizes\":" << sizesJson(weak.sizes)
    << ",\"strong_components\":" << strong.count << ",\"strong_component_sizes\":" << sizesJson(strong.sizes)
    << "}";
  return o.str();
}

std::string NetworkReport::toText() const {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  o << "segments " << segments << " (skipped " << skippedSegments << ", split at " << splits
    << " touch points, noded " << crossings << " crossings)\n"
    << "nodes " << nodes << ", links " << links << ", total link length " << totalLengthM << " m\n"
    << "dangling ends " << danglingEnds << "\n"
    << "weakly connected components " << weak.count << " (sizes " << sizesText(weak.sizes) << ")\n"
    << "strongly connected components " << strong.count << " (sizes " << sizesText(strong.sizes) << ")\n";
  return o.str();
}

}  // namespace ekm::demand
