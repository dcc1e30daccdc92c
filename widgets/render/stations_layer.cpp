#include "render/stations_layer.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QPen>

namespace ekm::render {

void StationPoints::add(std::int64_t fid, QPointF position, QString nameJa, QString nameEn) {
  fids.push_back(fid);
  positions.push_back(position);
  namesJa.push_back(std::move(nameJa));
  namesEn.push_back(std::move(nameEn));
  extent.include(position.x(), position.y());
}

StationsLayer::StationsLayer(QString id, QString name, std::shared_ptr<const StationPoints> points, StationStyle style)
    : MapLayer(std::move(id), std::move(name)), m_points(std::move(points)), m_style(std::move(style)) {}

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
  p.setPen(QPen(m_style.stroke, m_style.strokeWidth * s));
  p.setBrush(m_style.fill);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (!visible[i]) continue;
    p.drawEllipse(device[i], r, r);
    ++ctx.featuresDrawn;
  }
  if (ctx.feedback.isCancelled()) return;

  QFont font(m_style.fontFamily);
  font.setPixelSize(std::max(6, static_cast<int>(std::lround(m_style.fontPointSize * ctx.settings.dpi() / 72.0))));
  font.setStyleHint(QFont::SansSerif);
  font.setWeight(QFont::DemiBold);
  QFont small = font;
  small.setPixelSize(std::max(5, font.pixelSize() * 4 / 5));
  small.setWeight(QFont::Normal);
  const QFontMetricsF fm(font), fmSmall(small);

  std::vector<QRectF> placed;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (!visible[i]) continue;
    const QStringList lines = labelText(i, ctx.settings.labelLanguage()).split(QLatin1Char('\n'));
    if (lines.isEmpty() || lines.front().isEmpty()) continue;
    // First line in the main font, a second (English under Japanese) smaller.
    double w = fm.horizontalAdvance(lines[0]);
    double h = fm.height();
    if (lines.size() > 1) {
      w = std::max(w, fmSmall.horizontalAdvance(lines[1]));
      h += fmSmall.height();
    }
    const QPointF anchor = device[i] + QPointF(r + 3 * s, -h / 2);
    const QRectF box(anchor, QSizeF(w, h));
    bool overlaps = false;
    for (const QRectF& b : placed) overlaps = overlaps || b.intersects(box);
    if (overlaps) continue;
    placed.push_back(box.adjusted(-2, -1, 2, 1));

    QPainterPath path;
    path.addText(anchor + QPointF(0, fm.ascent()), font, lines[0]);
    if (lines.size() > 1) path.addText(anchor + QPointF(0, fm.height() + fmSmall.ascent()), small, lines[1]);
    p.setPen(QPen(m_style.halo, 3 * s, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.setPen(Qt::NoPen);
    p.setBrush(m_style.text);
    p.drawPath(path);
  }
}

}  // namespace ekm::render
