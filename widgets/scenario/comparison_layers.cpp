#include "scenario/comparison_layers.h"

#include <cmath>
#include <unordered_map>

#include "demand/demand_layers.h"
#include "render/difference_layer.h"
#include "render/legend.h"
#include "render/link_difference_layer.h"

namespace ekm::widgets {
namespace {

// A difference layer that describes itself in the legend (the Comparison dock's layer gets
// its legend from the main window instead).
class CellDifferenceLayer final : public render::DifferenceLayer {
 public:
  CellDifferenceLayer(QString id, QString name, std::shared_ptr<const render::MeshGeometry> geometry,
                      std::shared_ptr<const std::vector<double>> values, render::DivergingRamp ramp, QString title)
      : DifferenceLayer(std::move(id), std::move(name), std::move(geometry), std::move(values), std::move(ramp)),
        m_title(std::move(title)) {}
  std::vector<render::LegendGroup> legendGroups() const override {
    return {render::Legend::forGraduatedStyle(m_title, ramp().style())};
  }

 private:
  QString m_title;
};

// Link difference bands titled for a run comparison (the layer's own title speaks of a
// demand scenario and its base).
class SegmentDifferenceLayer final : public render::LinkDifferenceLayer {
 public:
  SegmentDifferenceLayer(QString id, QString name, std::vector<render::LinkVolumeDifference> links,
                         render::DivergingRamp ramp, render::LinkDifferenceStyle style, QString title)
      : LinkDifferenceLayer(std::move(id), std::move(name), std::move(links), std::move(ramp), std::move(style)),
        m_title(std::move(title)) {}
  std::vector<render::LegendGroup> legendGroups() const override {
    auto groups = LinkDifferenceLayer::legendGroups();
    if (!groups.empty()) groups.front().title = m_title;
    return groups;
  }

 private:
  QString m_title;
};

std::string keyOf(const scenario::ValueChange& c) {
  if (c.key.empty()) return {};
  return c.key[0].is_string() ? c.key[0].get<std::string>() : c.key[0].dump();
}

}  // namespace

const QString ComparisonLayers::kCellLayerId = QStringLiteral("scenario_difference_cells");
const QString ComparisonLayers::kSegmentLayerId = QStringLiteral("scenario_difference_segments");

bool ComparisonLayers::canMap(const scenario::TableComparison& table) {
  return table.geometry == "cell" || table.geometry == "segment";
}

QStringList ComparisonLayers::columns(const scenario::TableComparison& table) {
  QStringList out;
  for (const auto& c : table.changes) {
    const QString name = QString::fromStdString(c.column);
    if (!out.contains(name)) out << name;
  }
  return out;
}

QString ComparisonLayers::defaultColumn(const scenario::TableComparison& table) {
  QString best;
  double bestAbs = -1;
  for (const auto& c : table.changes) {
    const double d = std::isfinite(c.diff()) ? std::abs(c.diff()) : -1;
    if (d > bestAbs) {
      bestAbs = d;
      best = QString::fromStdString(c.column);
    }
  }
  return best;
}

std::shared_ptr<const render::MapLayer> ComparisonLayers::layer(const scenario::TableComparison& table,
                                                                const QString& column, const QString& runs,
                                                                const std::shared_ptr<const render::MeshGeometry>& mesh,
                                                                const SegmentLines* segments) {
  const std::string col = column.toStdString();
  const QString what = QStringLiteral("%1 / %2").arg(QString::fromStdString(table.stepId), column);
  const QString name = tr("%1: %2 B − A").arg(runs, what);
  const QString title = tr("%1 (B − A)").arg(what);
  if (table.geometry == "cell" && mesh) {
    std::unordered_map<std::string, double> byCode;
    for (const auto& c : table.changes)
      if (c.column == col) byCode[keyOf(c)] = c.diff();
    auto values = std::make_shared<std::vector<double>>(mesh->size(), std::nan(""));
    for (std::size_t i = 0; i < mesh->size(); ++i) {
      const auto it = byCode.find(mesh->codes[i]);
      if (it != byCode.end()) (*values)[i] = it->second;
    }
    const render::DivergingRamp ramp(render::DivergingRamp::niceMaxAbs(*values), 7);
    return std::make_shared<CellDifferenceLayer>(kCellLayerId, name, mesh, values, ramp, title);
  }
  if (table.geometry == "segment" && segments) {
    std::vector<render::LinkVolumeDifference> links;
    std::vector<double> diffs;
    double maxAbs = 0;
    for (const auto& c : table.changes) {
      if (c.column != col) continue;
      const auto it = segments->find(keyOf(c));
      if (it == segments->end()) continue;
      render::LinkVolumeDifference l;
      l.line = it->second;
      l.segmentId = QString::fromStdString(it->first);
      l.closed = !std::isfinite(c.b);
      l.added = !std::isfinite(c.a);
      l.baseVolume = std::isfinite(c.a) ? c.a : 0;
      l.scenarioVolume = std::isfinite(c.b) ? c.b : 0;
      diffs.push_back(l.difference());
      maxAbs = std::max(maxAbs, std::abs(l.difference()));
      links.push_back(std::move(l));
    }
    render::LinkDifferenceStyle style;
    style.widthPer1000 = DemandLayers::automaticWidthPer1000(maxAbs, 10);
    style.unit = column;
    return std::make_shared<SegmentDifferenceLayer>(kSegmentLayerId, name, std::move(links),
                                                    render::DivergingRamp(render::DivergingRamp::niceMaxAbs(diffs)), style,
                                                    title);
  }
  return nullptr;
}

}  // namespace ekm::widgets
