#include "render/flow_band_layer.h"

#include <QLocale>
#include <QPen>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ekm::render {

namespace {

QPointF leftNormal(QPointF a, QPointF b) {
  const double dx = b.x() - a.x(), dy = b.y() - a.y();
  const double len = std::hypot(dx, dy);
  if (len <= 0) return {0, 0};
  // Pixel space has y down: travelling east (1, 0), the left is up (0, -1).
  return {dy / len, -dx / len};
}

}  // namespace

QString formatVolume(double v, const QString& unit) {
  const QLocale locale;
  const QString number = locale.toString(v, 'f', v < 10 ? 1 : 0);
  return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

QString formatDuration(double seconds) {
  if (!std::isfinite(seconds)) return QStringLiteral("–");
  const QLocale locale;
  if (seconds < 90) return locale.toString(seconds, 'f', 1) + QStringLiteral(" s");
  return locale.toString(seconds / 60.0, 'f', 1) + QStringLiteral(" min");
}

QPolygonF offsetPolyline(const QPolygonF& input, double distance) {
  QPolygonF line;
  line.reserve(input.size());
  for (const QPointF& p : input)
    if (line.isEmpty() || p != line.back()) line.append(p);
  if (line.size() < 2 || distance == 0) return line;
  QPolygonF out;
  out.reserve(line.size());
  const qsizetype n = line.size();
  for (qsizetype i = 0; i < n; ++i) {
    const QPointF nPrev = i > 0 ? leftNormal(line[i - 1], line[i]) : leftNormal(line[0], line[1]);
    const QPointF nNext = i + 1 < n ? leftNormal(line[i], line[i + 1]) : nPrev;
    QPointF m = nPrev + nNext;
    const double len = std::hypot(m.x(), m.y());
    if (len < 1e-9) {  // a full turn back: use the incoming normal
      out.append(line[i] + nPrev * distance);
      continue;
    }
    m /= len;
    const double cosHalf = m.x() * nPrev.x() + m.y() * nPrev.y();
    const double miter = std::min(std::abs(distance) / std::max(cosHalf, 1e-9), 3 * std::abs(distance));
    out.append(line[i] + m * (distance < 0 ? -miter : miter));
  }
  return out;
}

double distanceToPolyline(QPointF p, const QPolygonF& line) {
  if (line.isEmpty()) return std::numeric_limits<double>::infinity();
  double best = std::hypot(p.x() - line[0].x(), p.y() - line[0].y());
  for (qsizetype i = 1; i < line.size(); ++i) {
    const QPointF a = line[i - 1], b = line[i];
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    best = std::min(best, std::hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy)));
  }
  return best;
}

std::vector<double> widthLegendValues(double maxValue, int count) {
  std::vector<double> out;
  if (!(maxValue > 0) || !std::isfinite(maxValue) || count <= 0) return out;
  // The 1-2-5 sequence: index k -> {1, 2, 5}[k mod 3] x 10^floor(k / 3).
  auto value = [](int k) {
    static const double m[] = {1, 2, 5};
    const int e = static_cast<int>(std::floor(k / 3.0));
    return m[((k % 3) + 3) % 3] * std::pow(10.0, e);
  };
  int k = static_cast<int>(std::floor(std::log10(maxValue))) * 3 + 2;
  while (value(k) > maxValue * (1 + 1e-12)) --k;
  for (int i = 0; i < count; ++i) out.push_back(value(k - i));
  return out;
}

ColourRamp flowVolumeRamp() {
  return ColourRamp(QStringLiteral("YlOrRd"), {{0.0, QColor(0xfe, 0xd9, 0x76)},
                                               {0.25, QColor(0xfe, 0xb2, 0x4c)},
                                               {0.5, QColor(0xfd, 0x8d, 0x3c)},
                                               {0.75, QColor(0xf0, 0x3b, 0x20)},
                                               {1.0, QColor(0xbd, 0x00, 0x26)}});
}

double FlowBand::volumeCapacityRatio() const {
  if (!(capacity > 0) || capacity >= 1e8) return std::nan("");
  return volume / capacity;
}

void FlowBandData::add(FlowBand band) {
  Extent b = Extent::empty();
  for (const QPointF& p : band.line) b.include(p.x(), p.y());
  extent.include(b);
  bounds.push_back(b);
  maxVolume = std::max(maxVolume, band.volume);
  bands.push_back(std::move(band));
}

FlowBandLayer::FlowBandLayer(QString id, QString name, std::shared_ptr<const FlowBandData> data, FlowBandStyle style)
    : MapLayer(std::move(id), std::move(name)), m_data(std::move(data)), m_style(std::move(style)) {
  if (m_data) {
    m_order.resize(m_data->bands.size());
    std::iota(m_order.begin(), m_order.end(), std::size_t{0});
    std::stable_sort(m_order.begin(), m_order.end(),
                     [this](std::size_t a, std::size_t b) { return m_data->bands[a].volume < m_data->bands[b].volume; });
  }
}

const std::vector<double>& FlowBandLayer::volumeCapacityEdges() {
  static const std::vector<double> edges{0.5, 0.75, 0.9, 1.0};
  return edges;
}

QColor FlowBandLayer::volumeCapacityColour(double ratio) {
  // Green (free) -> yellow -> orange -> red -> dark red (over capacity).
  static const QColor colours[] = {QColor(0x1a, 0x98, 0x50), QColor(0xa6, 0xd9, 0x6a), QColor(0xfd, 0xae, 0x61),
                                   QColor(0xe3, 0x4a, 0x33), QColor(0x99, 0x00, 0x0d)};
  if (!std::isfinite(ratio)) return QColor(0x3f, 0x6f, 0xb0);  // no capacity: a neutral blue
  const auto& e = volumeCapacityEdges();
  std::size_t k = 0;
  while (k < e.size() && ratio >= e[k]) ++k;
  return colours[k];
}

QColor FlowBandLayer::colourFor(const FlowBand& band) const {
  if (m_style.colouring == BandColouring::VolumeCapacity) return volumeCapacityColour(band.volumeCapacityRatio());
  const int cls = m_style.volumeBreaks.classIndex(band.volume);
  const int n = m_style.volumeBreaks.classCount();
  if (cls < 0 || n <= 0) return m_style.volumeRamp.at(1.0);
  return m_style.volumeRamp.classColour(cls, n);
}

double FlowBandLayer::bandOffsetPx(double volume, double pixelScale) const {
  const double d = (m_style.gap / 2) * pixelScale + bandWidthPx(volume, pixelScale) / 2;
  return m_style.side == BandSide::Left ? d : -d;
}

void FlowBandLayer::render(RenderContext& ctx) const {
  if (!m_data) return;
  const FlowBandData& data = *m_data;
  const double s = ctx.settings.pixelScale();
  const double mupp = ctx.mapToPixel.mapUnitsPerPixel();
  // Bands reach out to gap + the widest band beside their line.
  const double reach = (m_style.gap * s + bandWidthPx(data.maxVolume, s) + 2) * mupp;
  Extent visible = ctx.visibleExtent;
  visible.xMin -= reach, visible.yMin -= reach, visible.xMax += reach, visible.yMax += reach;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setBrush(Qt::NoBrush);
  QPolygonF device;
  for (std::size_t k = 0; k < m_order.size(); ++k) {
    if ((k & 255) == 0 && ctx.feedback.isCancelled()) return;
    const std::size_t i = m_order[k];
    const FlowBand& band = data.bands[i];
    if (!(band.volume > m_style.minVolume) || band.line.size() < 2) continue;
    if (!data.bounds[i].intersects(visible)) continue;
    device.resize(band.line.size());
    for (qsizetype j = 0; j < device.size(); ++j) device[j] = ctx.mapToPixel.toPixel(band.line[j].x(), band.line[j].y());
    const double w = bandWidthPx(band.volume, s);
    QPen pen(colourFor(band), w, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
    pen.setMiterLimit(2);
    p.setPen(pen);
    p.drawPolyline(offsetPolyline(device, bandOffsetPx(band.volume, s)));
    ++ctx.featuresDrawn;
  }
}

std::optional<IdentifyResult> FlowBandLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                      core::Feedback& feedback) const {
  if (!m_data) return std::nullopt;
  const FlowBandData& data = *m_data;
  const MapToPixel m2p = settings.mapToPixel();
  const double s = settings.pixelScale();
  const double tolerancePx = 3 * s;
  const double reach = (m_style.gap * s + bandWidthPx(data.maxVolume, s) + tolerancePx) * m2p.mapUnitsPerPixel();
  const QPointF pixel = m2p.toPixel(mapPoint.x(), mapPoint.y());
  int best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  QPolygonF device;
  for (std::size_t i = 0; i < data.bands.size(); ++i) {
    if ((i & 255) == 0 && feedback.isCancelled()) return std::nullopt;
    const FlowBand& band = data.bands[i];
    if (!(band.volume > m_style.minVolume) || band.line.size() < 2) continue;
    const Extent& b = data.bounds[i];
    if (mapPoint.x() < b.xMin - reach || mapPoint.x() > b.xMax + reach || mapPoint.y() < b.yMin - reach ||
        mapPoint.y() > b.yMax + reach)
      continue;
    device.resize(band.line.size());
    for (qsizetype j = 0; j < device.size(); ++j) device[j] = m2p.toPixel(band.line[j].x(), band.line[j].y());
    const double w = bandWidthPx(band.volume, s);
    const double d = distanceToPolyline(pixel, offsetPolyline(device, bandOffsetPx(band.volume, s)));
    const double outside = std::max(0.0, d - w / 2);  // 0 = on the band
    if (outside > tolerancePx) continue;
    // On several bands (or near several): the nearest edge, then the larger volume (drawn on top).
    if (best < 0 || outside < bestDistance ||
        (outside == bestDistance && band.volume > data.bands[static_cast<std::size_t>(best)].volume)) {
      best = static_cast<int>(i);
      bestDistance = outside;
    }
  }
  if (best < 0) return std::nullopt;
  const FlowBand& band = data.bands[static_cast<std::size_t>(best)];
  IdentifyResult r;
  r.layerId = id();
  r.layerName = name();
  r.kind = IdentifyResult::FeatureKind::Segment;
  r.title = band.segmentId.isEmpty() ? tr("Zone connector") : band.segmentId;
  r.value = band.volume;
  r.valueText = formatVolume(band.volume, m_style.unit);
  const QLocale locale;
  const double vc = band.volumeCapacityRatio();
  r.attributes.emplace_back(tr("Volume"), r.valueText);
  r.attributes.emplace_back(tr("Travel time"), formatDuration(band.time_s));
  r.attributes.emplace_back(tr("Volume / capacity"), std::isfinite(vc) ? locale.toString(vc, 'f', 2) : tr("uncongested"));
  if (std::isfinite(vc)) r.attributes.emplace_back(tr("Capacity"), formatVolume(band.capacity, m_style.unit));
  r.attributes.emplace_back(tr("Network link"), QString::number(band.link + 1));
  return r;
}

std::vector<LegendGroup> FlowBandLayer::legendGroups() const {
  std::vector<LegendGroup> groups;
  if (!m_data) return groups;
  LegendGroup widths;
  widths.title = m_style.unit.isEmpty() ? tr("Flow (band width)") : tr("Flow (band width), %1").arg(m_style.unit);
  for (double v : widthLegendValues(m_data->maxVolume, 3)) {
    LegendItem item;
    item.kind = LegendItem::Kind::Line;
    item.colour = QColor(0x55, 0x55, 0x55);
    item.lineWidth = widthFor(v, m_style.widthPer1000);
    item.label = formatVolume(v, QString());
    widths.items.push_back(item);
  }
  groups.push_back(widths);

  LegendGroup colours;
  if (m_style.colouring == BandColouring::VolumeCapacity) {
    colours.title = tr("Volume / capacity");
    const auto& e = volumeCapacityEdges();
    const QLocale locale;
    auto num = [&](double v) { return locale.toString(v, 'f', 2); };
    for (std::size_t k = 0; k <= e.size(); ++k) {
      LegendItem item;
      item.kind = LegendItem::Kind::Range;
      item.lower = k == 0 ? 0 : e[k - 1];
      item.upper = k < e.size() ? e[k] : std::numeric_limits<double>::infinity();
      item.colour = volumeCapacityColour(k == 0 ? 0 : e[k - 1]);
      item.label = k == 0 ? QStringLiteral("< %1").arg(num(e[0]))
                   : k < e.size() ? QStringLiteral("%1 – %2").arg(num(e[k - 1]), num(e[k]))
                                  : QStringLiteral("≥ %1").arg(num(e.back()));
      colours.items.push_back(item);
    }
    const bool anyUncongested = std::any_of(m_data->bands.begin(), m_data->bands.end(), [this](const FlowBand& b) {
      return b.volume > m_style.minVolume && !std::isfinite(b.volumeCapacityRatio());
    });
    if (anyUncongested) {
      LegendItem item;
      item.kind = LegendItem::Kind::Range;
      item.colour = volumeCapacityColour(std::nan(""));
      item.label = tr("No capacity limit");
      colours.items.push_back(item);
    }
  } else {
    colours.title = tr("Volume classes");
    const ClassBreaks& b = m_style.volumeBreaks;
    const int decimals = Legend::decimalsFor(b);
    for (int i = 0; i < b.classCount(); ++i) {
      LegendItem item;
      item.kind = LegendItem::Kind::Range;
      item.lower = b.lower(i);
      item.upper = b.upper(i);
      item.colour = m_style.volumeRamp.classColour(i, b.classCount());
      item.label = Legend::rangeLabel(item.lower, item.upper, decimals);
      colours.items.push_back(item);
    }
  }
  if (!colours.items.empty()) groups.push_back(colours);
  return groups;
}

}  // namespace ekm::render
