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
#include <numeric>
#include <set>
#include <sstream>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/demand/zones.h"
#include "ekm/geo/plane_rectangular.h"
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

namespace {

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(int n) : parent(static_cast<std::size_t>(n)) {
    std::iota(parent.begin(), parent.end(), 0);
  }
  int find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(int a, int b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

struct CellKey {
  long long x, y;
  bool operator==(const CellKey& o) const { return x == o.x && y == o.y; }
};
struct CellHash {
  std::size_t operator()(const CellKey& k) const {
    return std::hash<long long>()(k.x * 73856093LL ^ k.y * 19349663LL);
  }
};

// A point on a segment: vertex index i and fraction t along [i, i+1].
struct SplitPoint {
  double along = 0;  // metres from the start
  int vertex = 0;
  double t = 0;
  int node = 0;
};

}  // namespace

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

BuiltNetwork buildNetwork(const std::vector<RoadSegment>& segments, const BuildOptions& options,
                          core::Feedback& feedback) {
  if (!(options.snapToleranceM >= 0))
    throw core::ValidationError(
        "snap tolerance must be >= 0",
        ErrorContext{"", std::nullopt, std::nullopt, "snap", ">= 0", std::to_string(options.snapToleranceM)});
  const auto classes = options.roadClasses.empty() ? defaultRoadClasses(options.mode) : options.roadClasses;
  BuiltNetwork out;
  out.report.segments = static_cast<int>(segments.size());
  // Plane CRS from the centre of the data.
  double minLon = 1e9, maxLon = -1e9, minLat = 1e9, maxLat = -1e9;
  for (const auto& s : segments)
    for (const auto& p : s.points)
      minLon = std::min(minLon, p.lon), maxLon = std::max(maxLon, p.lon), minLat = std::min(minLat, p.lat),
      maxLat = std::max(maxLat, p.lat);
  if (segments.empty() || minLon > maxLon) throw core::ValidationError("no road segments with coordinates");
  out.epsg = options.epsg ? options.epsg
                          : geo::planeRectangularEpsgFor((minLon + maxLon) / 2, (minLat + maxLat) / 2);
  const geo::Transformer tr(out.epsg);

  // Usable segments and their plane coordinates.
  struct Seg {
    int index;
    std::vector<double> x, y, along;
  };
  std::vector<Seg> segs;
  const double tol = options.snapToleranceM;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& s = segments[i];
    const auto it = classes.find(s.roadClass);
    const RoadClassParameters& rc = it == classes.end() ? options.fallback : it->second;
    const bool usable =
        rc.speedKmh > 0 && (rc.lanes > 0 || (options.mode == NetworkMode::Walk && s.crossing));
    if (s.points.size() < 2 || !usable) {
      ++out.report.skippedSegments;
      continue;
    }
    Seg g{static_cast<int>(i), {}, {}, {}};
    for (const auto& p : s.points) g.x.push_back(p.lon), g.y.push_back(p.lat);
    tr.forwardInPlace(g.x, g.y);
    g.along.push_back(0);
    for (std::size_t k = 1; k < g.x.size(); ++k)
      g.along.push_back(g.along.back() + std::hypot(g.x[k] - g.x[k - 1], g.y[k] - g.y[k - 1]));
    if (g.along.back() <= tol && g.along.back() <= 0) {
      ++out.report.skippedSegments;
      continue;
    }
    segs.push_back(std::move(g));
  }
  feedback.throwIfCancelled();
  feedback.setProgress(10);

  // 1. Snap end points: union of end points within the tolerance (grid hashing).
  const int ends = static_cast<int>(segs.size() * 2);
  auto endX = [&](int e) {
    const auto& g = segs[e / 2];
    return e % 2 ? g.x.back() : g.x.front();
  };
  auto endY = [&](int e) {
    const auto& g = segs[e / 2];
    return e % 2 ? g.y.back() : g.y.front();
  };
  UnionFind uf(ends);
  const double cell = std::max(tol, 1e-3);
  std::unordered_map<CellKey, std::vector<int>, CellHash> grid;
  for (int e = 0; e < ends; ++e)
    grid[{static_cast<long long>(std::floor(endX(e) / cell)),
          static_cast<long long>(std::floor(endY(e) / cell))}]
        .push_back(e);
  for (int e = 0; e < ends; ++e) {
    const long long cx = static_cast<long long>(std::floor(endX(e) / cell)),
                    cy = static_cast<long long>(std::floor(endY(e) / cell));
    for (long long dx = -1; dx <= 1; ++dx)
      for (long long dy = -1; dy <= 1; ++dy) {
        const auto it = grid.find({cx + dx, cy + dy});
        if (it == grid.end()) continue;
        for (int o : it->second)
          if (o != e && std::hypot(endX(o) - endX(e), endY(o) - endY(e)) <= tol) uf.unite(e, o);
      }
  }
  std::vector<int> endNode(static_cast<std::size_t>(ends));
  std::map<int, int> rootNode;
  for (int e = 0; e < ends; ++e) {
    const int root = uf.find(e);
    auto [it, added] = rootNode.emplace(root, static_cast<int>(rootNode.size()));
    endNode[e] = it->second;
  }
  const int nodeCount = static_cast<int>(rootNode.size());
  std::vector<double> sx(nodeCount, 0), sy(nodeCount, 0), slon(nodeCount, 0), slat(nodeCount, 0);
  std::vector<int> cnt(nodeCount, 0);
  for (int e = 0; e < ends; ++e) {
    const int n = endNode[e];
    const auto& src = segments[segs[e / 2].index].points;
    const auto& p = e % 2 ? src.back() : src.front();
    sx[n] += endX(e), sy[n] += endY(e), slon[n] += p.lon, slat[n] += p.lat, ++cnt[n];
  }
  out.nodes.resize(nodeCount);
  out.nodeX.resize(nodeCount);
  out.nodeY.resize(nodeCount);
  for (int n = 0; n < nodeCount; ++n) {
    out.nodeX[n] = sx[n] / cnt[n], out.nodeY[n] = sy[n] / cnt[n];
    out.nodes[n] = {slon[n] / cnt[n], slat[n] / cnt[n], 0};
  }
  feedback.throwIfCancelled();
  feedback.setProgress(30);

  // 2. Split points: a node touching a segment's interior within the tolerance.
  std::vector<std::vector<SplitPoint>> splits(segs.size());
  if (options.splitAtTouches) {
    std::unordered_map<CellKey, std::vector<int>, CellHash> nodeGrid;
    const double ncell = std::max(50.0, tol);
    for (int n = 0; n < nodeCount; ++n)
      nodeGrid[{static_cast<long long>(std::floor(out.nodeX[n] / ncell)),
                static_cast<long long>(std::floor(out.nodeY[n] / ncell))}]
          .push_back(n);
    for (std::size_t si = 0; si < segs.size(); ++si) {
      if (si % 256 == 0) feedback.throwIfCancelled();
      const auto& g = segs[si];
      const int a = endNode[2 * si], b = endNode[2 * si + 1];
      std::set<int> seen;
      for (std::size_t k = 0; k + 1 < g.x.size(); ++k) {
        const double x0 = g.x[k], y0 = g.y[k], x1 = g.x[k + 1], y1 = g.y[k + 1];
        const long long c0x = static_cast<long long>(std::floor((std::min(x0, x1) - tol) / ncell));
        const long long c1x = static_cast<long long>(std::floor((std::max(x0, x1) + tol) / ncell));
        const long long c0y = static_cast<long long>(std::floor((std::min(y0, y1) - tol) / ncell));
        const long long c1y = static_cast<long long>(std::floor((std::max(y0, y1) + tol) / ncell));
        const double len2 = (x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0);
        for (long long cx = c0x; cx <= c1x; ++cx)
          for (long long cy = c0y; cy <= c1y; ++cy) {
            const auto it = nodeGrid.find({cx, cy});
            if (it == nodeGrid.end()) continue;
            for (int n : it->second) {
              if (n == a || n == b || seen.count(n)) continue;
              const double px = out.nodeX[n], py = out.nodeY[n];
              const double t =
                  len2 > 0 ? std::clamp(((px - x0) * (x1 - x0) + (py - y0) * (y1 - y0)) / len2, 0.0, 1.0)
                           : 0.0;
              const double qx = x0 + t * (x1 - x0), qy = y0 + t * (y1 - y0);
              if (std::hypot(px - qx, py - qy) > tol) continue;
              const double along = g.along[k] + t * std::sqrt(len2);
              if (along <= tol || along >= g.along.back() - tol) continue;  // at an end: snapped already
              seen.insert(n);
              splits[si].push_back({along, static_cast<int>(k), t, n});
            }
          }
      }
      out.report.splits += static_cast<int>(splits[si].size());
    }
  }
  // 2b. X-crossings of two segments' interiors: a new node splitting both.
  if (options.splitAtCrossings) {
    struct Sub {
      int seg, k;
    };
    const double scell = 100.0;
    std::unordered_map<CellKey, std::vector<Sub>, CellHash> subGrid;
    for (std::size_t si = 0; si < segs.size(); ++si)
      for (std::size_t k = 0; k + 1 < segs[si].x.size(); ++k) {
        const auto& g = segs[si];
        for (long long cx = static_cast<long long>(std::floor(std::min(g.x[k], g.x[k + 1]) / scell));
             cx <= static_cast<long long>(std::floor(std::max(g.x[k], g.x[k + 1]) / scell)); ++cx)
          for (long long cy = static_cast<long long>(std::floor(std::min(g.y[k], g.y[k + 1]) / scell));
               cy <= static_cast<long long>(std::floor(std::max(g.y[k], g.y[k + 1]) / scell)); ++cy)
            subGrid[{cx, cy}].push_back({static_cast<int>(si), static_cast<int>(k)});
      }
    std::set<std::pair<long long, long long>> done;
    for (const auto& [key, subs] : subGrid) {
      feedback.throwIfCancelled();
      for (std::size_t i = 0; i < subs.size(); ++i)
        for (std::size_t j = i + 1; j < subs.size(); ++j) {
          const auto& A = subs[i];
          const auto& B = subs[j];
          if (A.seg == B.seg) continue;
          const long long ka = static_cast<long long>(A.seg) << 20 | A.k,
                          kb = static_cast<long long>(B.seg) << 20 | B.k;
          if (!done.insert({std::min(ka, kb), std::max(ka, kb)}).second) continue;
          const auto& g = segs[A.seg];
          const auto& h = segs[B.seg];
          const double x1 = g.x[A.k], y1 = g.y[A.k], x2 = g.x[A.k + 1], y2 = g.y[A.k + 1];
          const double x3 = h.x[B.k], y3 = h.y[B.k], x4 = h.x[B.k + 1], y4 = h.y[B.k + 1];
          const double den = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3);
          if (std::abs(den) < 1e-12) continue;
          const double t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / den;
          const double u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / den;
          if (t <= 0 || t >= 1 || u <= 0 || u >= 1) continue;
          const double alongA = g.along[A.k] + t * (g.along[A.k + 1] - g.along[A.k]);
          const double alongB = h.along[B.k] + u * (h.along[B.k + 1] - h.along[B.k]);
          // Near an end: the snapping / touch steps handle it.
          if (alongA <= tol || alongA >= g.along.back() - tol || alongB <= tol ||
              alongB >= h.along.back() - tol)
            continue;
          const int node = static_cast<int>(out.nodes.size());
          const auto& p0 = segments[g.index].points[A.k];
          const auto& p1 = segments[g.index].points[A.k + 1];
          out.nodes.push_back({p0.lon + t * (p1.lon - p0.lon), p0.lat + t * (p1.lat - p0.lat), 0});
          out.nodeX.push_back(x1 + t * (x2 - x1));
          out.nodeY.push_back(y1 + t * (y2 - y1));
          splits[A.seg].push_back({alongA, A.k, t, node});
          splits[B.seg].push_back({alongB, B.k, u, node});
          ++out.report.crossings;
        }
    }
  }
  const int allNodes = static_cast<int>(out.nodes.size());
  feedback.setProgress(60);

  // 3. Pieces -> directed links.
  std::vector<LinkAttributes> links;
  for (std::size_t si = 0; si < segs.size(); ++si) {
    const auto& g = segs[si];
    const auto& src = segments[g.index];
    const auto it = classes.find(src.roadClass);
    const RoadClassParameters& rc = it == classes.end() ? options.fallback : it->second;
    auto pts = splits[si];
    std::sort(pts.begin(), pts.end(),
              [](const SplitPoint& p, const SplitPoint& q) { return p.along < q.along; });
    std::vector<SplitPoint> cuts;
    cuts.push_back({0, 0, 0, endNode[2 * si]});
    for (const auto& p : pts) cuts.push_back(p);
    cuts.push_back({g.along.back(), static_cast<int>(g.x.size()) - 2, 1, endNode[2 * si + 1]});
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
      const auto& p = cuts[c];
      const auto& q = cuts[c + 1];
      const double length = q.along - p.along;
      if (p.node == q.node) continue;  // a loop or a sliver between snapped points
      auto at = [&](const SplitPoint& s) {
        const auto& v0 = src.points[s.vertex];
        const auto& v1 = src.points[s.vertex + 1];
        return GeoPoint{v0.lon + s.t * (v1.lon - v0.lon), v0.lat + s.t * (v1.lat - v0.lat),
                        v0.z + s.t * (v1.z - v0.z)};
      };
      std::vector<GeoPoint> geom{at(p)};
      for (int v = p.vertex + 1; v <= q.vertex; ++v)
        if (g.along[v] > p.along && g.along[v] < q.along) geom.push_back(src.points[v]);
      geom.push_back(at(q));
      const int lanes = src.lanes > 0 ? src.lanes : std::max(rc.lanes, 1);
      LinkAttributes l;
      l.capacity = rc.capacityPerLane > 0 ? rc.capacityPerLane * lanes : 1e9;
      l.length = length;
      l.speed = rc.speedKmh;
      l.freeFlowTime = length / (rc.speedKmh / 3.6);
      l.b = options.mode == NetworkMode::Walk ? 0 : options.bprB;
      l.power = options.bprPower;
      const int oneway = options.mode == NetworkMode::Walk ? 0 : src.oneway;
      for (int dir = 0; dir < 2; ++dir) {
        if ((dir == 0 && oneway == -1) || (dir == 1 && oneway == 1)) continue;
        LinkAttributes d = l;
        d.from = dir == 0 ? p.node : q.node;
        d.to = dir == 0 ? q.node : p.node;
        links.push_back(d);
        out.linkSegment.push_back(g.index);
        out.linkSegmentId.push_back(src.segmentId);
        out.linkReversed.push_back(dir == 1);
        out.linkGeometry.push_back(geom);
        if (dir == 1) std::reverse(out.linkGeometry.back().begin(), out.linkGeometry.back().end());
      }
    }
  }
  const auto segmentsInput = out.report.segments;
  const auto skipped = out.report.skippedSegments;
  const auto splitCount = out.report.splits;
  const auto crossingCount = out.report.crossings;
  out.network = Network(allNodes, 0, 0, std::move(links));
  out.report = analyseNetwork(out.network);
  out.report.segments = segmentsInput;
  out.report.skippedSegments = skipped;
  out.report.splits = splitCount;
  out.report.crossings = crossingCount;
  feedback.setProgress(100);
  return out;
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
