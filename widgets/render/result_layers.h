#pragma once
// Result layers of a project for print layouts and exports (export-map --layers, the
// briefing pack): what analyses left in the store, read once with the project's layers —
//   flows                 walkers per street of the latest run's assignment (link_flows)
//   scenario_differences  with − without per street of the latest scenario run (link_differences)
//   desire_lines          the first stored OD matrix between mesh-zone centroids (od_matrices)
//   bus_routes, bus_stops the GTFS feed's routes and stops (departures in the map's hour)
//   building_energy       the DHC buildings by their metered heat demand in the map's hour
//   stop_reach, coverage_gaps, gap_reasons  bus-stop coverage on the mesh (coverage_layers.h)
// Layers whose data the project does not have are left out. Values about people pass the
// small-count rule on the way in (privacy::suppressTable).
#include <QString>
#include <memory>
#include <string>
#include <vector>

#include "ekm/store/project.h"
#include "render/coverage_layers.h"
#include "render/desire_line_layer.h"
#include "render/energy_buildings_layer.h"
#include "render/map_layer.h"
#include "render/road_segments_layer.h"
#include "render/stored_run_results.h"
#include "render/transit_layers.h"

namespace ekm::render {

struct ProjectLayers;
struct StackedLayer;

// Street values of a stored run's table (parallel to the project's road geometry; NaN: none).
struct StreetResult {
  std::string run, step, table, column;  // where the values come from
  std::vector<double> values;
};

struct ResultLayerData {
  std::shared_ptr<const StreetResult> flows, differences;
  std::vector<DesireLineItem> desireLines;
  QString odPeriod;
  std::shared_ptr<const TransitMap> transit;
  std::shared_ptr<const EnergyBuildingsMap> energy;
  std::shared_ptr<const CoverageMap> coverage;
};

// Reads the results from an open project; `layers` gives the road geometry and display CRS.
// The stored runs' results are parsed once for all layers (`runs`, made here when not given).
ResultLayerData loadResultLayerData(store::Project& project, const ProjectLayers& layers);
ResultLayerData loadResultLayerData(store::Project& project, const ProjectLayers& layers, StoredRunResults& runs);

// The result layers, bottom first (none visible by default), with English names.
std::vector<StackedLayer> makeResultLayers(const ProjectLayers& project);

}  // namespace ekm::render
