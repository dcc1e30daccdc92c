// Bus-stop coverage layers on the mesh (coverage_layers.h).
#include "render/coverage_layers.h"

#include <QLocale>
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

std::shared_ptr<const CoverageMap> coverageMapOf(const ops::OpResult& result, const MeshGeometry& mesh,
                                                 const std::string& run, const std::string& step) {
  const ops::ResultTable* cells = result.table("cells");
  const ops::ResultTable* gaps = result.table("gaps");
  if (mesh.size() == 0 || !cells || !gaps || cells->geometry != "cell" || gaps->geometry != "cell") return nullptr;
  std::ptrdiff_t reachCol = columnOf(*cells, "nearest_stop_m");
  QString unit = QStringLiteral("m");
  if (reachCol < 0) {
    reachCol = columnOf(*cells, "nearest_stop_min");
    unit = QStringLiteral("min");
  }
  const std::ptrdiff_t hourCol = columnOf(*gaps, "hour"), popCol = columnOf(*gaps, "population"),
                       reasonCol = columnOf(*gaps, "reason");
  if (reachCol < 0 || hourCol < 0 || popCol < 0) return nullptr;
  std::unordered_map<std::string, std::size_t> cellIndex;
  for (std::size_t i = 0; i < mesh.codes.size(); ++i) cellIndex.emplace(mesh.codes[i], i);
  auto out = std::make_shared<CoverageMap>();
  out->run = run;
  out->step = step;
  out->reachUnit = unit;
  out->reach.assign(mesh.size(), kNaN);
  for (auto& h : out->gaps) h.assign(mesh.size(), kNaN);
  for (auto& h : out->reasons) h.assign(mesh.size(), kNaN);
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
    const auto h = static_cast<std::size_t>(hour);
    out->gaps[h][i->second] = row[pc].get<double>();
    const bool noStop = reasonCol >= 0 && row.size() > static_cast<std::size_t>(reasonCol) &&
                        row[static_cast<std::size_t>(reasonCol)] == "no stop within reach";
    out->reasons[h][i->second] = noStop ? CoverageMap::kNoStopInReach : CoverageMap::kNoDeparture;
    ++out->gapCells;
  }
  return out;
}

std::shared_ptr<const CoverageMap> loadCoverageMap(StoredRunResults& runs, const MeshGeometry& mesh) {
  if (mesh.size() == 0) return nullptr;
  std::shared_ptr<const CoverageMap> out;
  runs.findNewest([&](const StoredRunResults::Step& step) {
    out = coverageMapOf(step.result, mesh, step.run.name, step.stepId);
    return out != nullptr;
  });
  return out;
}

std::vector<StackedLayer> makeCoverageLayers(const std::shared_ptr<const MeshGeometry>& mesh,
                                             const std::shared_ptr<const CoverageMap>& coverage,
                                             const CoverageLayerNames& given) {
  if (!mesh || !coverage) return {};
  CoverageLayerNames names = given;
  const QString source = coverage->run.empty()
                             ? QString()
                             : QStringLiteral(" (run '%1', %2)").arg(QString::fromStdString(coverage->run),
                                                                     QString::fromStdString(coverage->step));
  if (names.reach.isEmpty())
    names.reach = QStringLiteral("Walk to the nearest bus stop (%1)").arg(coverage->reachUnit) + source;
  if (names.gaps.isEmpty()) names.gaps = QStringLiteral("Coverage gaps: people without a bus in the hour") + source;
  if (names.reasons.isEmpty()) names.reasons = QStringLiteral("Coverage gaps by reason") + source;
  std::vector<StackedLayer> out;
  GraduatedStyle reach;
  reach.breaks = ClassBreaks::compute(finiteValues(coverage->reach), 5, ClassificationMethod::Quantile);
  reach.ramp = ColourRamp::cividis();  // near stops light, far dark; readable for colour-blind viewers
  reach.ramp = reach.ramp.reversed();
  reach.opacity = 0.75;
  // Not people: passed through as they are (RuleAppliedValues), never read as small counts.
  out.push_back({std::make_shared<StopReachLayer>(
                     QStringLiteral("stop_reach"), names.reach, mesh,
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
                     QStringLiteral("coverage_gaps"), names.gaps, mesh,
                     std::make_shared<RuleAppliedValues>(std::make_shared<HourOfDayValues>(coverage->gaps)), gaps),
                 false});
  GraduatedStyle reasons;  // two classes: [0, 1] = no stop within reach, (1, 2] = no departure
  reasons.breaks = ClassBreaks(std::vector<double>{0, CoverageMap::kNoStopInReach, CoverageMap::kNoDeparture});
  // PuOr's ends (ColorBrewer): purple and orange stay apart for colour-blind viewers.
  reasons.ramp = ColourRamp(QStringLiteral("gap reasons"), {{0, QColor(0x5e, 0x3c, 0x99)}, {1, QColor(0xe6, 0x61, 0x01)}});
  reasons.missingFill = QColor(0, 0, 0, 0);
  reasons.missingHatch = QColor(0, 0, 0, 0);
  reasons.opacity = 0.8;
  out.push_back({std::make_shared<GapReasonsLayer>(
                     QStringLiteral("gap_reasons"), names.reasons, mesh,
                     std::make_shared<RuleAppliedValues>(std::make_shared<HourOfDayValues>(coverage->reasons)), reasons),
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

std::optional<IdentifyResult> StopReachLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                       core::Feedback& feedback) const {
  auto r = MeshPopulationLayer::identify(mapPoint, settings, feedback);  // its unit is in the layer's name
  if (r) r->valueText = std::isnan(r->value) ? tr("No bus stop within reach") : QLocale().toString(r->value, 'f', 1);
  return r;
}

std::vector<LegendGroup> CoverageGapsLayer::legendGroups() const {
  std::vector<LegendGroup> groups = MeshPopulationLayer::legendGroups();
  for (auto& group : groups)
    std::erase_if(group.items, [](const LegendItem& item) { return item.kind == LegendItem::Kind::Missing; });
  return groups;
}

QString GapReasonsLayer::reasonText(double value) {
  if (value == CoverageMap::kNoStopInReach) return tr("No bus stop within reach");
  if (value == CoverageMap::kNoDeparture) return tr("No departure in the hour");
  return {};
}

std::vector<LegendGroup> GapReasonsLayer::legendGroups() const {
  std::vector<LegendGroup> groups = MeshPopulationLayer::legendGroups();
  for (auto& group : groups) {
    std::erase_if(group.items, [](const LegendItem& item) { return item.kind == LegendItem::Kind::Missing; });
    for (std::size_t i = 0; i < group.items.size(); ++i)
      group.items[i].label = reasonText(i == 0 ? CoverageMap::kNoStopInReach : CoverageMap::kNoDeparture);
  }
  return groups;
}

std::optional<IdentifyResult> GapReasonsLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                        core::Feedback& feedback) const {
  auto r = MeshPopulationLayer::identify(mapPoint, settings, feedback);
  if (r) r->valueText = std::isnan(r->value) ? tr("No gap in the hour") : reasonText(r->value);
  return r;
}

}  // namespace ekm::render
