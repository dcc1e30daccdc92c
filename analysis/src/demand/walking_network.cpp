#include "ekm/demand/walking_network.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "ekm/core/error.h"
#include "ekm/geo/transformer.h"
#include "ekm/geo/vector_source.h"

namespace ekm::demand {

using core::ErrorContext;

std::vector<BarrierLine> readBarriers(const std::string& source, const std::string& field) {
  // A source whose CRS cannot be transformed is an error here too (it used to be read untransformed).
  geo::VectorLayerSource vs = geo::openVectorLayer(source, "", "a GDAL vector source of barrier lines");
  OGRLayer* layer = vs.layer;
  std::unique_ptr<OGRCoordinateTransformation>& toWgs84 = vs.toWgs84;
  int fi = -1;
  if (!field.empty()) {
    fi = layer->GetLayerDefn()->GetFieldIndex(field.c_str());
    if (fi < 0)
      throw core::GdalError("no barrier field",
                            ErrorContext{source, std::nullopt, std::nullopt, field, "an integer field", ""});
  }
  std::vector<BarrierLine> out;
  for (auto& f : *layer) {
    if (fi >= 0 && (!f->IsFieldSetAndNotNull(fi) || f->GetFieldAsInteger(fi) != 1)) continue;
    const OGRGeometry* g0 = f->GetGeometryRef();
    if (!g0) continue;
    std::unique_ptr<OGRGeometry> g(g0->clone());
    if (toWgs84 && g->transform(toWgs84.get()) != OGRERR_NONE)
      throw core::GdalError("coordinate transformation failed",
                            ErrorContext{source, std::nullopt, f->GetFID(), "", "", ""});
    auto add = [&](const OGRLineString& l, int part) {
      BarrierLine b{std::to_string(f->GetFID()) + "#" + std::to_string(part), {}};
      for (int i = 0; i < l.getNumPoints(); ++i) b.points.push_back({l.getX(i), l.getY(i), 0});
      out.push_back(std::move(b));
    };
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbLineString)
      add(*g->toLineString(), 0);
    else if (type == wkbMultiLineString)
      for (int i = 0; i < g->toMultiLineString()->getNumGeometries(); ++i)
        add(*g->toMultiLineString()->getGeometryRef(i), i);
    else
      throw core::GdalError(
          "barrier is not a line",
          ErrorContext{source, std::nullopt, f->GetFID(), "geometry", "LineString", g->getGeometryName()});
  }
  return out;
}

double toblerFactor(double slope) { return std::exp(-3.5 * std::abs(slope + 0.05)) / std::exp(-3.5 * 0.05); }

namespace {

struct XY {
  double x, y;
};

bool segmentsCross(XY a, XY b, XY c, XY d) {
  auto orient = [](XY p, XY q, XY r) { return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x); };
  const double d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

}  // namespace

WalkingNetwork buildWalkingNetwork(const std::vector<RoadSegment>& segments,
                                   const std::vector<BarrierLine>& barriers, BuildOptions build,
                                   const WalkingOptions& walking, core::Feedback& feedback) {
  build.mode = NetworkMode::Walk;
  if (build.roadClasses.empty()) build.roadClasses = defaultRoadClasses(NetworkMode::Walk);
  for (auto& [name, rc] : build.roadClasses)
    if (rc.speedKmh > 0) rc.speedKmh = walking.speedKmh;
  WalkingNetwork out;
  BuiltNetwork built = buildNetwork(segments, build, feedback);
  const geo::Transformer tr(built.epsg);

  // Barrier segments in the plane with bounding boxes.
  struct Edge {
    XY a, b;
  };
  std::vector<Edge> bar;
  for (const auto& b : barriers) {
    std::vector<double> x, y;
    for (const auto& p : b.points) x.push_back(p.lon), y.push_back(p.lat);
    tr.forwardInPlace(x, y);
    for (std::size_t i = 0; i + 1 < x.size(); ++i) bar.push_back({{x[i], y[i]}, {x[i + 1], y[i + 1]}});
  }
  const int L = built.network.linkCount();
  std::vector<bool> keep(static_cast<std::size_t>(L), true);
  std::vector<LinkAttributes> links = built.network.links();
  // A segment split into several links (at junctions touching its interior) charges its
  // penalties once per traversal of the whole segment: each piece carries the share of its
  // length (equal shares if the segment has no length), per direction of travel.
  std::map<std::pair<int, bool>, std::pair<double, int>> pieces;  // (segment, reversed) -> length, count
  for (int a = 0; a < L; ++a) {
    auto& p = pieces[{built.linkSegment[a], built.linkReversed[a]}];
    p.first += links[a].length;
    p.second += 1;
  }
  for (int a = 0; a < L; ++a) {
    if (a % 256 == 0) feedback.throwIfCancelled();
    const auto& geom = built.linkGeometry[a];
    std::vector<double> x, y;
    for (const auto& p : geom) x.push_back(p.lon), y.push_back(p.lat);
    tr.forwardInPlace(x, y);
    bool crosses = false;
    for (std::size_t i = 0; i + 1 < x.size() && !crosses; ++i) {
      const XY p{x[i], y[i]}, q{x[i + 1], y[i + 1]};
      for (const auto& e : bar) {
        if (std::max(p.x, q.x) < std::min(e.a.x, e.b.x) || std::min(p.x, q.x) > std::max(e.a.x, e.b.x) ||
            std::max(p.y, q.y) < std::min(e.a.y, e.b.y) || std::min(p.y, q.y) > std::max(e.a.y, e.b.y))
          continue;
        if (segmentsCross(p, q, e.a, e.b)) {
          crosses = true;
          break;
        }
      }
    }
    const auto& seg = segments[static_cast<std::size_t>(built.linkSegment[a])];
    if (crosses) {
      if (seg.crossing)
        ++out.crossingLinksKept;
      else {
        keep[a] = false;
        ++out.linksRemovedByBarrier;
      }
    }
    // Costs (seconds).
    auto& l = links[a];
    double factor = 1;
    if (walking.useSlope && seg.hasZ && l.length > 0)
      factor = toblerFactor((geom.back().z - geom.front().z) / l.length);
    l.freeFlowTime = l.length / (walking.speedKmh / 3.6 * factor);
    const auto& [segmentLength, pieceCount] = pieces.at({built.linkSegment[a], built.linkReversed[a]});
    const double share = segmentLength > 0 ? l.length / segmentLength : 1.0 / pieceCount;
    double penalty = walking.levelChangePenaltySPerM * std::abs(seg.levelChangeM);
    if (seg.signalised) penalty += walking.signalPenaltyS;
    if (seg.stairs) penalty += walking.stairsPenaltyS;
    l.freeFlowTime += share * penalty;
  }
  built = withLinks(built, std::move(links));
  out.built = filterLinks(built, keep);
  return out;
}

}  // namespace ekm::demand
