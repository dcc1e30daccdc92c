#include "scenario/comparison_layers.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "demand/demand_layers.h"
#include "ekm/ops/result_geometry.h"
#include "render/difference_layer.h"
#include "render/flow_band_layer.h"
#include "render/static_mesh_values.h"
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

// The key as shown: a one-column key's value, a key of several columns ("[\"00007:0\", 3]",
// a "wkt" table's) its values joined by " / ".
QString keyLabel(const std::string& key) {
  if (key.empty() || key.front() != '[') return QString::fromStdString(key);
  const auto parts = ops::Json::parse(key, nullptr, false);
  if (!parts.is_array()) return QString::fromStdString(key);
  QStringList out;
  for (const auto& p : parts) out << QString::fromStdString(p.is_string() ? p.get<std::string>() : p.dump());
  return out.join(QStringLiteral(" / "));
}

// Link difference bands of (segment, (a, b)) pairs: a NaN a is an added street, a NaN b a
// closed one.
std::shared_ptr<const render::MapLayer> segmentDifferences(
    const QString& id, const QString& name, const QString& title, const QString& unit,
    const std::vector<std::pair<std::string, std::pair<double, double>>>& ab, const SegmentLines& segments) {
  std::vector<render::LinkVolumeDifference> links;
  std::vector<double> diffs;
  double maxAbs = 0;
  for (const auto& [key, v] : ab) {
    const auto it = segments.find(key);
    if (it == segments.end()) continue;
    render::LinkVolumeDifference l;
    l.line = it->second;
    l.segmentId = keyLabel(it->first);
    l.closed = !std::isfinite(v.second);
    l.added = !std::isfinite(v.first);
    l.baseVolume = std::isfinite(v.first) ? v.first : 0;
    l.scenarioVolume = std::isfinite(v.second) ? v.second : 0;
    diffs.push_back(l.difference());
    maxAbs = std::max(maxAbs, std::abs(l.difference()));
    links.push_back(std::move(l));
  }
  render::LinkDifferenceStyle style;
  style.widthPer1000 = DemandLayers::automaticWidthPer1000(maxAbs, 10);
  style.unit = unit;
  return std::make_shared<SegmentDifferenceLayer>(id, name, std::move(links),
                                                  render::DivergingRamp(render::DivergingRamp::niceMaxAbs(diffs)), style,
                                                  title);
}

// Mesh cell values in the mesh's order (NaN where the table has none).
std::shared_ptr<std::vector<double>> cellValues(const std::unordered_map<std::string, double>& byCode,
                                                const render::MeshGeometry& mesh) {
  auto values = std::make_shared<std::vector<double>>(mesh.size(), std::nan(""));
  for (std::size_t i = 0; i < mesh.size(); ++i) {
    const auto it = byCode.find(mesh.codes[i]);
    if (it != byCode.end()) (*values)[i] = it->second;
  }
  return values;
}

}  // namespace

const QString ComparisonLayers::kCellLayerId = QStringLiteral("scenario_difference_cells");
const QString ComparisonLayers::kSegmentLayerId = QStringLiteral("scenario_difference_segments");
const QString ComparisonLayers::kLineLayerId = QStringLiteral("scenario_difference_lines");

bool ComparisonLayers::canMap(const scenario::TableComparison& table) {
  return table.geometry == "cell" || table.geometry == "segment" || table.geometry == ops::kWktGeometry;
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
                                                                const SegmentLines* segments,
                                                                const SegmentLines* keyLines) {
  const std::string col = column.toStdString();
  const QString what = QStringLiteral("%1 / %2").arg(QString::fromStdString(table.stepId), column);
  const QString name = tr("%1: %2 B − A").arg(runs, what);
  const QString title = tr("%1 (B − A)").arg(what);
  if (table.geometry == "cell" && mesh) {
    std::unordered_map<std::string, double> byCode;
    for (const auto& c : table.changes)
      if (c.column == col) byCode[keyOf(c)] = c.diff();
    auto values = cellValues(byCode, *mesh);
    const render::DivergingRamp ramp(render::DivergingRamp::niceMaxAbs(*values), 7);
    return std::make_shared<CellDifferenceLayer>(kCellLayerId, name, mesh, values, ramp, title);
  }
  if (table.geometry == "segment" && segments) {
    std::vector<std::pair<std::string, std::pair<double, double>>> ab;
    for (const auto& c : table.changes)
      if (c.column == col) ab.push_back({keyOf(c), {c.a, c.b}});
    return segmentDifferences(kSegmentLayerId, name, title, column, ab, *segments);
  }
  if (table.geometry == ops::kWktGeometry && keyLines) {  // the rows' own lines, by the whole key
    std::vector<std::pair<std::string, std::pair<double, double>>> ab;
    for (const auto& c : table.changes)
      if (c.column == col) ab.push_back({ops::Json(c.key).dump(), {c.a, c.b}});
    return segmentDifferences(kLineLayerId, name, title, column, ab, *keyLines);
  }
  return nullptr;
}

const QString ComparisonLayers::kRunCellLayerId = QStringLiteral("scenario_run_cells");
const QString ComparisonLayers::kRunSegmentLayerId = QStringLiteral("scenario_run_segments");

QStringList ComparisonLayers::runColumns(const ops::ResultTable& table) {
  QStringList out;
  for (std::size_t c = static_cast<std::size_t>(std::max(table.keyColumns, 0)); c < table.columns.size(); ++c) {
    bool numeric = false;
    for (const auto& row : table.rows) {
      if (c >= row.size() || row[c].is_null()) continue;
      numeric = row[c].is_number();
      break;
    }
    if (numeric) out << QString::fromStdString(table.columns[c]);
  }
  return out;
}

QString ComparisonLayers::defaultRunColumn(const ops::ResultTable& table) {
  const QStringList columns = runColumns(table);
  for (const char* preferred : {"volume", "population", "mean_b", "value", "trips"})
    if (columns.contains(QLatin1String(preferred))) return QLatin1String(preferred);
  return columns.isEmpty() ? QString() : columns.front();
}

std::shared_ptr<const render::MapLayer> ComparisonLayers::runLayer(const ops::ResultTable& table, const QString& stepId,
                                                                   const QString& column, qint64 run,
                                                                   const std::shared_ptr<const render::MeshGeometry>& mesh,
                                                                   const SegmentLines* segments) {
  const auto at = std::find(table.columns.begin(), table.columns.end(), column.toStdString());
  if (at == table.columns.end() || table.keyColumns != 1) return nullptr;
  const auto c = static_cast<std::size_t>(at - table.columns.begin());
  std::vector<std::pair<std::string, double>> values;
  bool negative = false;
  for (const auto& row : table.rows) {
    if (row.empty() || c >= row.size() || !row[c].is_number()) continue;
    const double v = row[c].get<double>();
    if (!std::isfinite(v)) continue;
    negative = negative || v < 0;
    values.push_back({row[0].is_string() ? row[0].get<std::string>() : row[0].dump(), v});
  }
  const QString what = QStringLiteral("%1 / %2: %3").arg(stepId, QString::fromStdString(table.name), column);
  const QString name = tr("Run %1: %2").arg(run).arg(what);
  std::vector<double> finite;
  for (const auto& [key, v] : values) finite.push_back(v);
  if (table.geometry == "cell" && mesh) {
    std::unordered_map<std::string, double> byCode(values.begin(), values.end());
    auto cells = cellValues(byCode, *mesh);
    if (negative)
      return std::make_shared<CellDifferenceLayer>(kRunCellLayerId, name, mesh, cells,
                                                   render::DivergingRamp(render::DivergingRamp::niceMaxAbs(*cells), 7), what);
    render::GraduatedStyle style;
    style.breaks = render::ClassBreaks::compute(std::move(finite), 5, render::ClassificationMethod::NaturalBreaks);
    return std::make_shared<render::MeshPopulationLayer>(
        kRunCellLayerId, name, mesh, std::make_shared<render::StaticMeshValues>(std::move(*cells)), style);
  }
  if (table.geometry == "segment" && segments) {
    if (negative) {
      std::vector<std::pair<std::string, std::pair<double, double>>> ab;
      for (const auto& [key, v] : values) ab.push_back({key, {0.0, v}});
      return segmentDifferences(kRunSegmentLayerId, name, what, column, ab, *segments);
    }
    auto data = std::make_shared<render::FlowBandData>();
    for (const auto& [key, v] : values) {
      const auto it = segments->find(key);
      if (it == segments->end()) continue;
      render::FlowBand band;
      band.line = it->second;
      band.segmentId = QString::fromStdString(key);
      band.volume = v;
      data->add(std::move(band));
    }
    render::FlowBandStyle style;
    style.colouring = render::BandColouring::VolumeClasses;
    style.volumeBreaks = render::ClassBreaks::compute(std::move(finite), 5, render::ClassificationMethod::NaturalBreaks);
    style.widthPer1000 = DemandLayers::automaticWidthPer1000(data->maxVolume, 10);
    style.unit = column;
    return std::make_shared<render::FlowBandLayer>(kRunSegmentLayerId, name, std::move(data), style);
  }
  return nullptr;
}

}  // namespace ekm::widgets
