// Bus-stop coverage layers on the mesh (coverage_layers.h).
#include "render/coverage_layers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "ekm/core/time.h"
#include "ekm/ops/result.h"
#include "ekm/privacy/small_count.h"
#include "render/project_layers.h"
#include "render/small_count_layers.h"
#include "render/static_mesh_values.h"

namespace ekm::render {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::ptrdiff_t columnOf(const ops::ResultTable& t, const std::string& name) {
  const auto c = std::find(t.columns.begin(), t.columns.end(), name);
  return c == t.columns.end() ? -1 : c - t.columns.begin();
}

// One set of values per JST hour of day (a coverage run describes one service day).
class HourOfDayValues : public MeshValueSource {
 public:
  explicit HourOfDayValues(const std::array<std::vector<double>, 24>& byHour) {
    for (std::size_t h = 0; h < 24; ++h) m_values[h] = std::make_shared<const std::vector<double>>(byHour[h]);
  }
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback&) const override {
    return m_values[static_cast<std::size_t>(core::jstFromHourKey(hour).hour)];
  }

 private:
  std::array<std::shared_ptr<const std::vector<double>>, 24> m_values;
};

std::vector<double> finiteValues(const std::vector<double>& values) {
  std::vector<double> out;
  for (double v : values)
    if (std::isfinite(v)) out.push_back(v);
  return out;
}

}  // namespace

std::shared_ptr<const CoverageMap> loadCoverageMap(StoredRunResults& runs, const MeshGeometry& mesh) {
  if (mesh.size() == 0) return nullptr;
  std::unordered_map<std::string, std::size_t> cellIndex;
  for (std::size_t i = 0; i < mesh.codes.size(); ++i) cellIndex.emplace(mesh.codes[i], i);
  std::shared_ptr<CoverageMap> out;
  runs.findNewest([&](const StoredRunResults::Step& step) {
    const ops::ResultTable* cells = step.result.table("cells");
    const ops::ResultTable* gaps = step.result.table("gaps");
    if (!cells || !gaps || cells->geometry != "cell" || gaps->geometry != "cell") return false;
    std::ptrdiff_t reachCol = columnOf(*cells, "nearest_stop_m");
    QString unit = QStringLiteral("m");
    if (reachCol < 0) {
      reachCol = columnOf(*cells, "nearest_stop_min");
      unit = QStringLiteral("min");
    }
    const std::ptrdiff_t hourCol = columnOf(*gaps, "hour"), popCol = columnOf(*gaps, "population");
    if (reachCol < 0 || hourCol < 0 || popCol < 0) return false;
    out = std::make_shared<CoverageMap>();
    out->run = step.run.name;
    out->step = step.stepId;
    out->reachUnit = unit;
    out->reach.assign(mesh.size(), kNaN);
    for (auto& h : out->gaps) h.assign(mesh.size(), kNaN);
    const auto rc = static_cast<std::size_t>(reachCol);
    for (const auto& row : cells->rows) {
      if (row.size() <= rc || !row[0].is_string() || !row[rc].is_number()) continue;
      if (const auto i = cellIndex.find(row[0].get<std::string>()); i != cellIndex.end())
        out->reach[i->second] = row[rc].get<double>();
    }
    const auto hc = static_cast<std::size_t>(hourCol), pc = static_cast<std::size_t>(popCol);
    for (const auto& row : privacy::suppressTable(*gaps, nullptr, false).rows) {
      if (row.size() <= std::max(hc, pc) || !row[0].is_string() || !row[hc].is_number_integer() || !row[pc].is_number())
        continue;
      const auto hour = row[hc].get<int>();
      const auto i = cellIndex.find(row[0].get<std::string>());
      if (hour < 0 || hour > 23 || i == cellIndex.end()) continue;
      out->gaps[static_cast<std::size_t>(hour)][i->second] = row[pc].get<double>();
      ++out->gapCells;
    }
    return true;
  });
  return out;
}

std::vector<StackedLayer> makeCoverageLayers(const std::shared_ptr<const MeshGeometry>& mesh,
                                             const std::shared_ptr<const CoverageMap>& coverage) {
  if (!mesh || !coverage) return {};
  std::vector<StackedLayer> out;
  const QString source = QStringLiteral(" (run '%1', %2)").arg(QString::fromStdString(coverage->run),
                                                               QString::fromStdString(coverage->step));
  GraduatedStyle reach;
  reach.breaks = ClassBreaks::compute(finiteValues(coverage->reach), 5, ClassificationMethod::Quantile);
  reach.ramp = ColourRamp::cividis();  // near stops light, far dark; readable for colour-blind viewers
  reach.ramp = reach.ramp.reversed();
  reach.opacity = 0.75;
  // Not people: passed through as they are (RuleAppliedValues), never read as small counts.
  out.push_back({std::make_shared<StopReachLayer>(
                     QStringLiteral("stop_reach"),
                     QStringLiteral("Walk to the nearest bus stop (%1)").arg(coverage->reachUnit) + source, mesh,
                     std::make_shared<RuleAppliedValues>(std::make_shared<StaticMeshValues>(coverage->reach)), reach),
                 false});
  std::vector<double> all;
  for (const auto& h : coverage->gaps) {
    const auto f = finiteValues(h);
    all.insert(all.end(), f.begin(), f.end());
  }
  GraduatedStyle gaps;
  gaps.breaks = ClassBreaks::compute(std::move(all), 4, ClassificationMethod::Quantile);
  gaps.ramp = ColourRamp::ylOrRd();
  gaps.missingFill = QColor(0, 0, 0, 0);  // cells that are no gap are not drawn
  gaps.missingHatch = QColor(0, 0, 0, 0);
  gaps.opacity = 0.85;
  out.push_back({std::make_shared<CoverageGapsLayer>(
                     QStringLiteral("coverage_gaps"), QStringLiteral("Coverage gaps: people without a bus in the hour") + source,
                     mesh, std::make_shared<RuleAppliedValues>(std::make_shared<HourOfDayValues>(coverage->gaps)), gaps),
                 false});
  return out;
}

std::vector<LegendGroup> StopReachLayer::legendGroups() const {
  std::vector<LegendGroup> groups = MeshPopulationLayer::legendGroups();
  for (auto& group : groups)
    for (auto& item : group.items)
      if (item.kind == LegendItem::Kind::Missing) item.label = tr("No bus stop within reach");
  return groups;
}

std::vector<LegendGroup> CoverageGapsLayer::legendGroups() const {
  std::vector<LegendGroup> groups = MeshPopulationLayer::legendGroups();
  for (auto& group : groups)
    std::erase_if(group.items, [](const LegendItem& item) { return item.kind == LegendItem::Kind::Missing; });
  return groups;
}

}  // namespace ekm::render
