#include "render/stations_layer.h"

#include <QFont>
#include <QPen>
#include <algorithm>
#include <cmath>

#include "render/road_segments_layer.h"  // formatValue

namespace ekm::render {

void StationPoints::add(std::int64_t fid, QPointF position, QString nameJa, QString nameEn) {
  add(fid, position, std::move(nameJa), std::move(nameEn), {}, {});
}

void StationPoints::add(std::int64_t fid, QPointF position, QString nameJa, QString nameEn, QString operatorName,
                        QString lineNames) {
  fids.push_back(fid);
  positions.push_back(position);
  namesJa.push_back(std::move(nameJa));
  namesEn.push_back(std::move(nameEn));
  operators.push_back(std::move(operatorName));
  lines.push_back(std::move(lineNames));
  extent.include(position.x(), position.y());
}

double RidershipBubbleStyle::radiusFor(double value) const {
  if (!(value > 0) || !(referenceValue > 0)) return 0;
  return referenceRadius * std::sqrt(value / referenceValue);
}

std::vector<double> RidershipBubbleStyle::legendValues() const {
  if (!(referenceValue > 0)) return {};
  // The largest 1, 2 or 5 x 10^k not above the reference, then about a quarter and a
  // sixteenth of it (radius halves each step), rounded to 1, 2 or 5 x 10^k.
  auto niceAtMost = [](double v) {
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {5.0, 2.0, 1.0})
      if (m * p <= v * (1 + 1e-9)) return m * p;
    return p;
  };
  std::vector<double> out{niceAtMost(referenceValue)};
  for (double f : {0.25, 0.0625}) {
    const double v = niceAtMost(out.front() * f);
    if (v > 0 && v < out.back() && radiusFor(v) >= 2.0) out.push_back(v);
  }
  return out;
}

StationsLayer::StationsLayer(QString id, QString name, std::shared_ptr<const StationPoints> points, StationStyle style)
    : MapLayer(std::move(id), std::move(name)), m_points(std::move(points)), m_style(std::move(style)) {}

StationsLayer::StationsLayer(QString id, QString name, std::shared_ptr<const StationPoints> points,
                             std::shared_ptr<const StationRidershipSource> ridership, RidershipBubbleStyle bubbles,
                             StationStyle style)
    : MapLayer(std::move(id), std::move(name)),
      m_points(std::move(points)),
      m_style(std::move(style)),
      m_ridership(std::move(ridership)),
      m_bubbles(std::move(bubbles)) {}

QString StationsLayer::labelText(std::size_t i, LabelLanguage language) const {
  const QString& ja = m_points->namesJa.at(i);
  const QString& en = m_points->namesEn.at(i);
  switch (language) {
    case LabelLanguage::Japanese: return ja.isEmpty() ? en : ja;
    case LabelLanguage::English: return en.isEmpty() ? ja : en;
    case LabelLanguage::Both:
      if (ja.isEmpty() || en.isEmpty() || ja == en) return ja.isEmpty() ? en : ja;
      return ja + QLatin1Char('\n') + en;
  }
  return ja;
}

void StationsLayer::render(RenderContext& ctx) const {
  if (!m_points) return;
  const StationPoints& pts = *m_points;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setRenderHint(QPainter::TextAntialiasing, true);
  const double s = ctx.settings.pixelScale();
  const double r = m_style.radius * s;
  const QRectF imageRect(QPointF(0, 0), QSizeF(ctx.settings.outputSize()));

  std::vector<QPointF> device(pts.size());
  std::vector<bool> visible(pts.size(), false);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    device[i] = ctx.mapToPixel.toPixel(pts.positions[i].x(), pts.positions[i].y());
    visible[i] = imageRect.adjusted(-r, -r, r, r).contains(device[i]);
  }
  if (m_ridership) {
    const auto values = m_ridership->valuesAt(ctx.settings.hour(), ctx.feedback);
    if (!values || ctx.feedback.isCancelled()) return;
    // Largest first, so that small bubbles stay visible on top of large ones.
    std::vector<std::pair<double, std::size_t>> bubbles;
    for (std::size_t i = 0; i < pts.size() && i < values->size(); ++i) {
      const double br = m_bubbles.radiusFor((*values)[i]) * s;
      if (br > 0 && imageRect.adjusted(-br, -br, br, br).contains(device[i])) bubbles.emplace_back(br, i);
    }
    std::sort(bubbles.begin(), bubbles.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    p.setPen(QPen(m_bubbles.stroke, m_bubbles.strokeWidth * s));
    p.setBrush(m_bubbles.fill);
    for (const auto& [br, i] : bubbles) p.drawEllipse(device[i], br, br);
  }
  p.setPen(QPen(m_style.stroke, m_style.strokeWidth * s));
  p.setBrush(m_style.fill);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (!visible[i]) continue;
    p.drawEllipse(device[i], r, r);
    ++ctx.featuresDrawn;
  }
  if (ctx.feedback.isCancelled()) return;

  const HaloLabelStyle label = labelStyle(ctx.settings);
  for (const PlacedLabel& l : placeLabels(ctx.settings, ctx.mapToPixel, label)) m_labelCache->draw(p, l.box.topLeft(), l.text, label);
}

HaloLabelStyle StationsLayer::labelStyle(const MapSettings& settings) const {
  HaloLabelStyle label;
  label.main = QFont(m_style.fontFamily);
  label.main.setPixelSize(std::max(6, static_cast<int>(std::lround(m_style.fontPointSize * settings.dpi() / 72.0))));
  label.main.setStyleHint(QFont::SansSerif);
  label.main.setWeight(QFont::DemiBold);
  label.second = label.main;  // English under Japanese, smaller
  label.second.setPixelSize(std::max(5, label.main.pixelSize() * 4 / 5));
  label.second.setWeight(QFont::Normal);
  label.text = m_style.text;
  label.halo = m_style.halo;
  label.haloWidth = 3 * settings.pixelScale();
  return label;
}

std::vector<StationsLayer::PlacedLabel> StationsLayer::placeLabels(const MapSettings& settings, const MapToPixel& toPixel,
                                                                   const HaloLabelStyle& label) const {
  std::vector<PlacedLabel> out;
  if (!m_points) return out;
  const StationPoints& pts = *m_points;
  const double s = settings.pixelScale(), r = m_style.radius * s;
  const QRectF imageRect = QRectF(QPointF(0, 0), QSizeF(settings.outputSize())).adjusted(-r, -r, r, r);
  std::vector<QRectF> placed;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const QPointF device = toPixel.toPixel(pts.positions[i].x(), pts.positions[i].y());
    if (!imageRect.contains(device)) continue;
    const QString text = labelText(i, settings.labelLanguage());
    if (text.isEmpty() || text.startsWith(QLatin1Char('\n'))) continue;
    const QSizeF size = m_labelCache->size(text, label);
    const QRectF box(device + QPointF(r + 3 * s, -size.height() / 2), size);
    bool overlaps = false;
    for (const QRectF& b : placed) overlaps = overlaps || b.intersects(box);
    if (overlaps) continue;
    placed.push_back(box.adjusted(-2, -1, 2, 1));
    out.push_back({i, box, text});
  }
  return out;
}

std::vector<QRectF> StationsLayer::labelBoxes(const MapSettings& settings) const {
  std::vector<QRectF> out;
  if (!m_points || !settings.hasValidSettings()) return out;
  const double s = settings.pixelScale(), r = (m_style.radius + m_style.strokeWidth / 2) * s;
  const MapToPixel toPixel = settings.mapToPixel();
  for (const PlacedLabel& l : placeLabels(settings, toPixel, labelStyle(settings))) {
    const QPointF device = toPixel.toPixel(m_points->positions[l.index].x(), m_points->positions[l.index].y());
    out.push_back(l.box.united(QRectF(device - QPointF(r, r), QSizeF(2 * r, 2 * r))).adjusted(-2 * s, -2 * s, 2 * s, 2 * s));
  }
  return out;
}

std::optional<IdentifyResult> StationsLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                      core::Feedback& feedback) const {
  if (!m_points || !settings.hasValidSettings()) return std::nullopt;
  const StationPoints& pts = *m_points;
  const double mupp = settings.mapUnitsPerPixel(), s = settings.pixelScale();
  const double symbolRadius = (m_style.radius + m_style.strokeWidth / 2) * s * mupp;  // map units
  std::shared_ptr<const std::vector<double>> values;
  if (m_ridership) values = m_ridership->valuesAt(settings.hour(), feedback);
  std::ptrdiff_t best = -1;
  double bestDistance = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const double d = std::hypot(mapPoint.x() - pts.positions[i].x(), mapPoint.y() - pts.positions[i].y());
    double reach = symbolRadius;
    if (values && i < values->size()) reach = std::max(reach, m_bubbles.radiusFor((*values)[i]) * s * mupp);
    if (d <= reach && (best < 0 || d < bestDistance)) {
      best = static_cast<std::ptrdiff_t>(i);
      bestDistance = d;
    }
  }
  if (best < 0) return std::nullopt;
  const auto i = static_cast<std::size_t>(best);
  IdentifyResult r;
  r.layerId = id();
  r.layerName = name();
  r.kind = IdentifyResult::FeatureKind::Station;
  r.fid = pts.fids[i];
  r.bounds = Extent{pts.positions[i].x(), pts.positions[i].y(), pts.positions[i].x(), pts.positions[i].y()};
  r.title = labelText(i, settings.labelLanguage()).replace(QLatin1Char('\n'), QLatin1Char(' '));
  r.attributes.emplace_back(tr("Name (Japanese)"), pts.namesJa[i]);
  r.attributes.emplace_back(tr("Name (English)"), pts.namesEn[i]);
  if (i < pts.operators.size()) r.attributes.emplace_back(tr("Operator"), pts.operators[i]);
  if (i < pts.lines.size()) r.attributes.emplace_back(tr("Lines"), pts.lines[i]);
  r.value = std::nan("");
  if (m_ridership) {
    const BoardingsAlightings ba = m_ridership->boardingsAlightingsAt(i, settings.hour(), feedback);
    r.value = values && i < values->size() ? (*values)[i] : ba.total();
    r.valueText = formatValue(r.value);
    r.attributes.emplace_back(tr("Boardings"), formatValue(ba.boardings));
    r.attributes.emplace_back(tr("Alightings"), formatValue(ba.alightings));
    r.attributes.emplace_back(tr("Boardings + alightings"), r.valueText);
  }
  return r;
}

std::vector<LegendGroup> StationsLayer::legendGroups() const {
  LegendGroup symbols{name(), {}};
  LegendItem station;
  station.kind = LegendItem::Kind::Point;
  station.label = tr("Station");
  station.colour = m_style.fill;
  symbols.items.push_back(station);
  if (!m_ridership) return {symbols};
  LegendGroup bubbles{m_bubbles.valueTitle.isEmpty() ? tr("Boardings + alightings per hour") : m_bubbles.valueTitle, {}};
  for (double v : m_bubbles.legendValues()) {
    LegendItem item;
    item.kind = LegendItem::Kind::Bubble;
    item.lower = item.upper = v;
    item.label = formatValue(v);
    item.colour = m_bubbles.fill;
    item.stroke = m_bubbles.stroke;
    item.radius = m_bubbles.radiusFor(v);
    bubbles.items.push_back(item);
  }
  return {symbols, bubbles};
}

}  // namespace ekm::render
