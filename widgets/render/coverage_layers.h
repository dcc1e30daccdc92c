#pragma once
// Bus-stop coverage on the mesh, for the interactive map (the Mobility dock's coverage run),
// print layouts, exports and the briefing pack: a `mobility-coverage` result (its tables
// `cells` and `gaps`; in exports the latest stored run with such a step) —
//   stop_reach     walking distance (or minutes, as the run measured) from each cell to its
//                  nearest bus stop: the stops' catchments; cells with no stop within reach
//                  hatched and named so
//   coverage_gaps  the coverage gaps in the map's hour: cells with high stay population and no
//                  stop within reach, or no departure in that hour (people; the small-count
//                  rule applied on the way in, as for every table that leaves the program)
//   gap_reasons    the same gap cells coloured by why: no stop within reach / no departure in
//                  the hour
#include <QString>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "ekm/ops/result.h"
#include "ekm/store/project.h"
#include "render/mesh_population_layer.h"
#include "render/stored_run_results.h"

namespace ekm::render {

struct StackedLayer;

struct CoverageMap {
  std::string run, step;  // where the values come from
  QString reachUnit;      // "m" or "min"
  std::vector<double> reach;                     // parallel to the mesh geometry; NaN: no stop within reach
  std::array<std::vector<double>, 24> gaps;      // by JST hour of day: gap population per cell, NaN: no gap
  std::array<std::vector<double>, 24> reasons;   // by JST hour of day: kNoStopInReach or kNoDeparture, NaN: no gap
  int gapCells = 0;                              // cell-hours drawn as gaps
  static constexpr double kNoStopInReach = 1, kNoDeparture = 2;
};

// The values of a mobility-coverage result (CoverageOp::record) on `mesh`; nullptr when the
// result has no such tables. `run` and `step` say where it came from ("" for a run not stored).
std::shared_ptr<const CoverageMap> coverageMapOf(const ops::OpResult& result, const MeshGeometry& mesh,
                                                 const std::string& run = {}, const std::string& step = {});

// The latest coverage run's values on `mesh` (the project's stored runs, read once for all
// result layers: result_layers.h); nullptr when no run has them.
std::shared_ptr<const CoverageMap> loadCoverageMap(StoredRunResults& runs, const MeshGeometry& mesh);

// Display names of the three layers (translated by the caller); empty: the English names with
// the stored run they come from, as exports show them.
struct CoverageLayerNames {
  QString reach, gaps, reasons;
};

// The three layers, bottom first (not visible by default); none without a coverage map or mesh.
std::vector<StackedLayer> makeCoverageLayers(const std::shared_ptr<const MeshGeometry>& mesh,
                                             const std::shared_ptr<const CoverageMap>& coverage,
                                             const CoverageLayerNames& names = {});

// The mesh layer of stop_reach: its "missing" legend item reads "no bus stop within reach".
class StopReachLayer : public MeshPopulationLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::StopReachLayer)
 public:
  using MeshPopulationLayer::MeshPopulationLayer;
  std::vector<LegendGroup> legendGroups() const override;
  // The walk to the cell's nearest stop (in the unit of the layer's name), not people.
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
};

// The mesh layer of coverage_gaps: only the gap cells are drawn; no "missing" legend item.
class CoverageGapsLayer : public MeshPopulationLayer {
 public:
  using MeshPopulationLayer::MeshPopulationLayer;
  std::vector<LegendGroup> legendGroups() const override;
};

// The mesh layer of gap_reasons: gap cells in one colour per reason (values kNoStopInReach,
// kNoDeparture), each named in the legend and on identify.
class GapReasonsLayer : public MeshPopulationLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::GapReasonsLayer)
 public:
  using MeshPopulationLayer::MeshPopulationLayer;
  static QString reasonText(double value);
  std::vector<LegendGroup> legendGroups() const override;
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
};

}  // namespace ekm::render
