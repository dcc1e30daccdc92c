// buildNetwork(): road segments -> a routable network, in phases: the usable segments in the
// plane CRS, end points snapped into nodes, split points (nodes touching a segment's interior,
// X-crossings of two segments), and the pieces between split points as directed links.
#include "ekm/demand/network_builder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/geo/plane_rectangular.h"
#include "ekm/geo/transformer.h"

namespace ekm::demand {

namespace {

using RoadClasses = std::map<std::string, RoadClassParameters>;

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
using SplitPoints = std::vector<std::vector<SplitPoint>>;  // per usable segment

// A usable input segment in the plane CRS: its index in the input, vertices, running length.
// Its two ends are numbered 2 i (start) and 2 i + 1 (end) for the i-th usable segment.
struct PlaneSegment {
  int index;
  std::vector<double> x, y, along;
};

const RoadClassParameters& classOf(const RoadSegment& s, const RoadClasses& classes,
                                   const BuildOptions& options) {
  const auto it = classes.find(s.roadClass);
  return it == classes.end() ? options.fallback : it->second;
}

// The plane CRS of the options, or the one for the centre of the data.
int planeEpsg(const std::vector<RoadSegment>& segments, const BuildOptions& options) {
  double minLon = 1e9, maxLon = -1e9, minLat = 1e9, maxLat = -1e9;
  for (const auto& s : segments)
    for (const auto& p : s.points)
      minLon = std::min(minLon, p.lon), maxLon = std::max(maxLon, p.lon), minLat = std::min(minLat, p.lat),
      maxLat = std::max(maxLat, p.lat);
  if (segments.empty() || minLon > maxLon) throw core::ValidationError("no road segments with coordinates");
  return options.epsg ? options.epsg
                      : geo::planeRectangularEpsgFor((minLon + maxLon) / 2, (minLat + maxLat) / 2);
}

// The segments the mode can use (a class with speed and lanes, or a walking crossing), with
// at least two points and some length; the others are counted as skipped.
std::vector<PlaneSegment> usableSegments(const std::vector<RoadSegment>& segments, const RoadClasses& classes,
                                         const BuildOptions& options, const geo::Transformer& tr,
                                         NetworkReport& report) {
  std::vector<PlaneSegment> segs;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& s = segments[i];
    const RoadClassParameters& rc = classOf(s, classes, options);
    const bool usable =
        rc.speedKmh > 0 && (rc.lanes > 0 || (options.mode == NetworkMode::Walk && s.crossing));
    if (s.points.size() < 2 || !usable) {
      ++report.skippedSegments;
      continue;
    }
    PlaneSegment g{static_cast<int>(i), {}, {}, {}};
    for (const auto& p : s.points) g.x.push_back(p.lon), g.y.push_back(p.lat);
    tr.forwardInPlace(g.x, g.y);
    g.along.push_back(0);
    for (std::size_t k = 1; k < g.x.size(); ++k)
      g.along.push_back(g.along.back() + std::hypot(g.x[k] - g.x[k - 1], g.y[k] - g.y[k - 1]));
    if (g.along.back() <= options.snapToleranceM && g.along.back() <= 0) {
      ++report.skippedSegments;
      continue;
    }
    segs.push_back(std::move(g));
  }
  return segs;
}

// Phase 1: end points within the tolerance become one node (grid hashing, union-find), placed
// at their mean in both CRSs (out.nodes, out.nodeX/Y). Returns the node of each end.
std::vector<int> snapEnds(const std::vector<PlaneSegment>& segs, const std::vector<RoadSegment>& segments,
                          double tol, BuiltNetwork& out) {
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
  return endNode;
}

// Phase 2: a node within the tolerance of a segment's interior splits the segment there.
void addTouchSplits(const std::vector<PlaneSegment>& segs, const std::vector<int>& endNode, double tol,
                    BuiltNetwork& out, SplitPoints& splits, core::Feedback& feedback) {
  const int nodeCount = static_cast<int>(out.nodeX.size());
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
                len2 > 0 ? std::clamp(((px - x0) * (x1 - x0) + (py - y0) * (y1 - y0)) / len2, 0.0, 1.0) : 0.0;
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

// Phase 2b: an X-crossing of two segments' interiors becomes a new node splitting both.
void addCrossingSplits(const std::vector<PlaneSegment>& segs, const std::vector<RoadSegment>& segments,
                       double tol, BuiltNetwork& out, SplitPoints& splits, core::Feedback& feedback) {
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

// Phase 3: the pieces of each segment between its ends and split points become directed
// links (both directions unless one-way; walking ignores one-way), with their geometry and
// source segment in `out`.
std::vector<LinkAttributes> pieceLinks(const std::vector<PlaneSegment>& segs,
                                       const std::vector<RoadSegment>& segments, const RoadClasses& classes,
                                       const BuildOptions& options, const std::vector<int>& endNode,
                                       const SplitPoints& splits, BuiltNetwork& out) {
  std::vector<LinkAttributes> links;
  for (std::size_t si = 0; si < segs.size(); ++si) {
    const auto& g = segs[si];
    const auto& src = segments[g.index];
    const RoadClassParameters& rc = classOf(src, classes, options);
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
  return links;
}

}  // namespace

BuiltNetwork buildNetwork(const std::vector<RoadSegment>& segments, const BuildOptions& options,
                          core::Feedback& feedback) {
  if (!(options.snapToleranceM >= 0))
    throw core::ValidationError("snap tolerance must be >= 0",
                                core::ErrorContext{"", std::nullopt, std::nullopt, "snap", ">= 0",
                                                   std::to_string(options.snapToleranceM)});
  const auto classes = options.roadClasses.empty() ? defaultRoadClasses(options.mode) : options.roadClasses;
  BuiltNetwork out;
  out.report.segments = static_cast<int>(segments.size());
  out.epsg = planeEpsg(segments, options);
  const auto segs = usableSegments(segments, classes, options, geo::Transformer(out.epsg), out.report);
  feedback.throwIfCancelled();
  feedback.setProgress(10);

  const double tol = options.snapToleranceM;
  const auto endNode = snapEnds(segs, segments, tol, out);
  feedback.throwIfCancelled();
  feedback.setProgress(30);

  SplitPoints splits(segs.size());
  if (options.splitAtTouches) addTouchSplits(segs, endNode, tol, out, splits, feedback);
  if (options.splitAtCrossings) addCrossingSplits(segs, segments, tol, out, splits, feedback);
  const int allNodes = static_cast<int>(out.nodes.size());
  feedback.setProgress(60);

  auto links = pieceLinks(segs, segments, classes, options, endNode, splits, out);
  // The input counts survive the analysis of the finished network.
  NetworkReport counts = out.report;
  out.network = Network(allNodes, 0, 0, std::move(links));
  out.report = analyseNetwork(out.network);
  out.report.segments = counts.segments;
  out.report.skippedSegments = counts.skippedSegments;
  out.report.splits = counts.splits;
  out.report.crossings = counts.crossings;
  feedback.setProgress(100);
  return out;
}

}  // namespace ekm::demand
