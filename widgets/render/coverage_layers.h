#pragma once
// Bus-stop coverage on the mesh, for print layouts, exports and the briefing pack: the latest
// run in the project with a `mobility-coverage` step (its tables `cells` and `gaps`) —
//   stop_reach     walking distance (or minutes, as the run measured) from each cell to its
//                  nearest bus stop; cells with no stop within reach hatched and named so
//   coverage_gaps  the coverage gaps in the map's hour: cells with high stay population and no
//                  stop within reach, or no departure in that hour (people; the small-count
//                  rule applied on the way in, as for every table that leaves the program)
#include <QString>
#include <array>
#include <memory>
#include <string>
#include <vector>

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
  int gapCells = 0;                              // cell-hours drawn as gaps
};

// The latest coverage run's values on `mesh` (the project's stored runs, read once for all
// result layers: result_layers.h); nullptr when no run has them.
std::shared_ptr<const CoverageMap> loadCoverageMap(StoredRunResults& runs, const MeshGeometry& mesh);

// The two layers (not visible by default); none without a coverage map or mesh.
std::vector<StackedLayer> makeCoverageLayers(const std::shared_ptr<const MeshGeometry>& mesh,
                                             const std::shared_ptr<const CoverageMap>& coverage);

// The mesh layer of stop_reach: its "missing" legend item reads "no bus stop within reach".
class StopReachLayer : public MeshPopulationLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::StopReachLayer)
 public:
  using MeshPopulationLayer::MeshPopulationLayer;
  std::vector<LegendGroup> legendGroups() const override;
};

// The mesh layer of coverage_gaps: only the gap cells are drawn; no "missing" legend item.
class CoverageGapsLayer : public MeshPopulationLayer {
 public:
  using MeshPopulationLayer::MeshPopulationLayer;
  std::vector<LegendGroup> legendGroups() const override;
};

}  // namespace ekm::render
