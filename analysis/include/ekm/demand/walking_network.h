#pragma once
// A walking network: built in the pedestrian mode (no one-way rules, uncongested),
// with link costs in seconds
//   time = length / (walking speed x Tobler factor(slope))
//        + signal penalty (signalised crossing) + stairs penalty + level-change penalty,
// the penalties charged once per traversal of a whole segment (a segment split into
// several links gives each piece the share of its length),
// where Tobler's hiking function v(s) = 6 exp(-3.5 |s + 0.05|) km/h is used relative to
// its flat value (factor = v(s) / v(0)) and slope s = rise / run from the link's end
// elevations (only where the segment has elevations); and barriers (the rail tracks):
// links whose geometry crosses a barrier polyline are removed unless their segment is
// flagged `crossing` (a bridge, underpass, deck or station free passage).
#include <string>
#include <vector>

#include "ekm/demand/network_builder.h"

namespace ekm::demand {

struct BarrierLine {
  std::string id;
  std::vector<GeoPoint> points;
};

// Barrier polylines of a GDAL line source: features whose integer `field` is 1 (every
// feature if `field` is empty; GdalError if the named field does not exist).
// The sample's data/samples/reference/rail_lines.geojson marks the surface JR lines
// barrier=1 (see its SOURCES.md).
std::vector<BarrierLine> readBarriers(const std::string& source, const std::string& field = "barrier");

struct WalkingOptions {
  double speedKmh = 4.8;
  double signalPenaltyS = 30;          // waiting at a signalised crossing
  double stairsPenaltyS = 15;          // per stairs segment
  double levelChangePenaltySPerM = 2;  // per metre of level change (lifts, ramps, stairs)
  bool useSlope = true;
};

double toblerFactor(double slope);  // v(slope) / v(0)

struct WalkingNetwork {
  BuiltNetwork built;
  int linksRemovedByBarrier = 0;
  int crossingLinksKept = 0;  // links on crossing segments that cross a barrier
};

WalkingNetwork buildWalkingNetwork(const std::vector<RoadSegment>& segments,
                                   const std::vector<BarrierLine>& barriers, BuildOptions build,
                                   const WalkingOptions& walking, core::Feedback& feedback);

}  // namespace ekm::demand
