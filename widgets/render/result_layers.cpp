// Result layers of a project (result_layers.h).
#include "render/result_layers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "ekm/geo/transformer.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/ops/result.h"
#include "ekm/privacy/small_count.h"
#include "ekm/store/catalog.h"
#include "ekm/store/od_store.h"
#include "render/diverging_ramp.h"
#include "render/project_layers.h"
#include "render/small_count_layers.h"
#include "render/static_mesh_values.h"

namespace ekm::render {

namespace {

// `column` of the latest run's step table `table` keyed by segment id, the rule applied,
// parallel to the road geometry; nullptr when no run has that table.
std::shared_ptr<const StreetResult> latestStreetResult(StoredRunResults& runs,
                                                       const std::unordered_map<std::string, std::size_t>& roadIndex,
                                                       std::size_t roads, const std::string& table, const std::string& column) {
  std::shared_ptr<StreetResult> out;
  runs.findNewest([&](const StoredRunResults::Step& step) {
    const ops::ResultTable* t = step.result.table(table);
    if (!t || t->geometry != "segment") return false;
    const auto c = std::find(t->columns.begin(), t->columns.end(), column);
    if (c == t->columns.end()) return false;
    const std::size_t col = static_cast<std::size_t>(c - t->columns.begin());
    out = std::make_shared<StreetResult>();
    *out = {step.run.name, step.stepId, table, column, std::vector<double>(roads, std::numeric_limits<double>::quiet_NaN())};
    for (const auto& row : privacy::suppressTable(*t, nullptr, false).rows) {
      if (row.size() <= col || !row[0].is_string() || !row[col].is_number()) continue;
      if (const auto i = roadIndex.find(row[0].get<std::string>()); i != roadIndex.end()) out->values[i->second] = row[col].get<double>();
    }
    return true;
  });
  return out;
}

QString source(const StreetResult& r) {
  return QStringLiteral(" (run '%1', %2)").arg(QString::fromStdString(r.run), QString::fromStdString(r.step));
}

}  // namespace

ResultLayerData loadResultLayerData(store::Project& project, const ProjectLayers& layers) {
  StoredRunResults runs(project);
  return loadResultLayerData(project, layers, runs);
}

ResultLayerData loadResultLayerData(store::Project& project, const ProjectLayers& layers, StoredRunResults& runs) {
  ResultLayerData out;
  if (layers.roads && layers.roads->size() && store::hasTable(project, "ekm_runs")) {
    std::unordered_map<std::int64_t, std::size_t> at;
    for (std::size_t i = 0; i < layers.roads->fids.size(); ++i) at[layers.roads->fids[i]] = i;
    std::unordered_map<std::string, std::size_t> roadIndex;
    for (const auto& s : project.segments())
      if (const auto i = at.find(s.fid); i != at.end()) roadIndex[s.segmentId] = i->second;
    out.flows = latestStreetResult(runs, roadIndex, layers.roads->size(), "link_flows", "volume");
    out.differences = latestStreetResult(runs, roadIndex, layers.roads->size(), "link_differences", "volume_diff");
  }
  if (store::hasTable(project, "od_matrices")) {
    const auto periods = store::odPeriods(project);
    if (!periods.empty()) {
      const geo::Transformer toDisplay(layers.displayEpsg);
      auto centroid = [&](const std::string& code) {
        const mesh::MeshCell c = mesh::decode(code);
        const auto [x, y] = toDisplay.forward(c.centerLon(), c.centerLat());
        return QPointF(x, y);
      };
      for (const auto& row : store::odRows(project, periods.front())) {
        // Zones that are mesh cells; trips under 10 are not drawn (the small-count rule).
        if (row.origin == row.destination || privacy::isSuppressed(row.trips) || !mesh::isValidCode(row.origin) ||
            !mesh::isValidCode(row.destination))
          continue;
        out.desireLines.push_back({centroid(row.origin), centroid(row.destination), QString::fromStdString(row.origin),
                                   QString::fromStdString(row.destination), row.trips});
      }
      out.odPeriod = QString::fromStdString(periods.front());
    }
  }
  out.transit = loadTransitMap(project, layers.displayEpsg);
  out.energy = loadEnergyBuildingsMap(project, layers.displayEpsg);
  if (layers.mesh) out.coverage = loadCoverageMap(runs, *layers.mesh);
  return out;
}

std::vector<StackedLayer> makeResultLayers(const ProjectLayers& project) {
  std::vector<StackedLayer> out;
  const ResultLayerData& r = project.results;
  if (r.flows) {
    std::vector<double> finite;
    for (double v : r.flows->values)
      if (std::isfinite(v) && v > 0) finite.push_back(v);
    SegmentValueStyle style;
    style.breaks = ClassBreaks::compute(std::move(finite), 5, ClassificationMethod::NaturalBreaks);
    style.minWidth = 2;
    style.maxWidth = 9;
    style.valueTitle = QStringLiteral("Walkers") + source(*r.flows);
    out.push_back({std::make_shared<RoadSegmentsLayer>(QStringLiteral("flows"), style.valueTitle, project.roads,
                                                       std::make_shared<StaticMeshValues>(r.flows->values), style),
                   false});
  }
  if (r.differences) {
    const DivergingRamp ramp(DivergingRamp::niceMaxAbs(r.differences->values), 9);
    SegmentValueStyle style;
    style.breaks = ramp.breaks();
    style.ramp = DivergingRamp::blueWhiteRed();
    style.rampStart = 0;
    style.minWidth = style.maxWidth = 4.5;
    style.casing = QColor(0x40, 0x40, 0x40);
    style.valueTitle = QStringLiteral("Walkers, with − without") + source(*r.differences);
    // The rule was applied row by row (a change between two large counts is not a small count).
    const auto values = std::make_shared<RuleAppliedValues>(std::make_shared<StaticMeshValues>(r.differences->values));
    out.push_back({std::make_shared<RoadSegmentsLayer>(QStringLiteral("scenario_differences"), style.valueTitle, project.roads,
                                                       values, style),
                   false});
  }
  if (!r.desireLines.empty()) {
    DesireLineStyle style;
    double largest = 0;
    for (const auto& l : r.desireLines) largest = std::max(largest, l.volume);
    style.widthPer1000 = largest > 0 ? 10.0 / (largest / 1000.0) : 4;  // the largest about 10 points wide
    style.unit = QStringLiteral("trips");
    out.push_back({std::make_shared<DesireLineLayer>(QStringLiteral("desire_lines"),
                                                     QStringLiteral("Desire lines (OD %1)").arg(r.odPeriod), r.desireLines, style),
                   false});
  }
  if (r.transit) {
    out.push_back({std::make_shared<TransitRoutesLayer>(QStringLiteral("bus_routes"), QStringLiteral("Bus routes"), r.transit), false});
    out.push_back({std::make_shared<TransitStopsLayer>(QStringLiteral("bus_stops"), QStringLiteral("Bus stops"), r.transit), false});
  }
  for (StackedLayer& c : makeCoverageLayers(project.mesh, r.coverage)) out.push_back(std::move(c));
  if (r.energy)
    out.push_back({std::make_shared<EnergyBuildingsLayer>(QStringLiteral("building_energy"),
                                                          QStringLiteral("DHC buildings (cooling + heating demand)"), r.energy),
                   false});
  return out;
}

}  // namespace ekm::render
