#include "render/halo_label.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QStringList>
#include <cmath>
#include <numbers>

namespace ekm::render {

namespace {

void paintPath(QPainter& p, const QPainterPath& path, const HaloLabelStyle& style) {
  p.setPen(QPen(style.halo, style.haloWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  p.setBrush(Qt::NoBrush);
  p.drawPath(path);
  p.setPen(Qt::NoPen);
  p.setBrush(style.text);
  p.drawPath(path);
}

// On a vector device: the halo as the text drawn at kHaloSteps points around the label (its
// union reads as the outline stroked haloWidth wide), then the text.
constexpr int kHaloSteps = 12;

void paintText(QPainter& p, const QStringList& lines, const std::vector<QPointF>& baselines, const HaloLabelStyle& style) {
  const double r = style.haloWidth / 2;
  for (int pass = 0; pass < 2; ++pass) {
    p.setPen(pass == 0 ? style.halo : style.text);
    for (int i = 0; i < lines.size(); ++i) {
      p.setFont(i == 0 ? style.main : style.second);
      if (pass == 1) {
        p.drawText(baselines[i], lines[i]);
        continue;
      }
      for (int k = 0; k < kHaloSteps; ++k) {
        const double a = 2 * std::numbers::pi * k / kHaloSteps;
        p.drawText(baselines[i] + QPointF(r * std::cos(a), r * std::sin(a)), lines[i]);
      }
    }
  }
}

// A sprite is exact only where one device pixel is one image pixel.
bool rasterWithoutTransform(const QPainter& p) {
  const QPaintDevice* d = p.device();
  return d && d->devType() == QInternal::Image && p.transform().isIdentity() && d->devicePixelRatioF() == 1.0;
}

}  // namespace

QString HaloLabelCache::keyOf(const QString& text, const HaloLabelStyle& style) {
  return style.main.key() + QLatin1Char('|') + style.second.key() + QLatin1Char('|') +
         QString::number(style.text.rgba()) + QLatin1Char('|') + QString::number(style.halo.rgba()) +
         QLatin1Char('|') + QString::number(style.haloWidth) + QLatin1Char('|') + text;
}

std::shared_ptr<HaloLabelCache::Label> HaloLabelCache::label(const QString& text, const HaloLabelStyle& style) const {
  const QString key = keyOf(text, style);
  {
    std::lock_guard lock(m_mutex);
    auto found = m_labels.find(key);
    if (found != m_labels.end()) return found->second;
  }
  auto made = std::make_shared<Label>();
  const QStringList lines = text.split(QLatin1Char('\n'));
  const QFontMetricsF fm(style.main), fmSecond(style.second);
  double w = fm.horizontalAdvance(lines[0]), h = fm.height();
  made->path.addText(QPointF(0, fm.ascent()), style.main, lines[0]);
  made->lines = lines.mid(0, 2);
  made->baselines.push_back(QPointF(0, fm.ascent()));
  if (lines.size() > 1) {
    w = std::max(w, fmSecond.horizontalAdvance(lines[1]));
    made->path.addText(QPointF(0, h + fmSecond.ascent()), style.second, lines[1]);
    made->baselines.push_back(QPointF(0, h + fmSecond.ascent()));
    h += fmSecond.height();
  }
  made->box = QSizeF(w, h);
  made->margin = static_cast<int>(std::ceil(style.haloWidth / 2)) + 2;
  std::lock_guard lock(m_mutex);
  if (m_labels.size() >= m_capacity) m_labels.clear();
  return m_labels.emplace(key, std::move(made)).first->second;
}

QSizeF HaloLabelCache::size(const QString& text, const HaloLabelStyle& style) const {
  return label(text, style)->box;
}

void HaloLabelCache::draw(QPainter& painter, QPointF topLeft, const QString& text, const HaloLabelStyle& style) const {
  const std::shared_ptr<Label> l = label(text, style);
  if (!rasterWithoutTransform(painter)) {
    painter.save();
    painter.translate(topLeft);
    paintText(painter, l->lines, l->baselines, style);
    painter.restore();
    return;
  }
  // Sprites are placed on whole pixels; the glyphs inside keep their sub-pixel layout.
  const QPoint at(static_cast<int>(std::lround(topLeft.x())), static_cast<int>(std::lround(topLeft.y())));
  QImage sprite;
  {
    std::lock_guard lock(m_mutex);
    sprite = l->sprite;
  }
  if (sprite.isNull()) {
    const QSize px(static_cast<int>(std::ceil(l->box.width())) + 2 * l->margin,
                   static_cast<int>(std::ceil(l->box.height())) + 2 * l->margin);
    sprite = QImage(px, QImage::Format_ARGB32_Premultiplied);
    sprite.fill(Qt::transparent);
    QPainter sp(&sprite);
    sp.setRenderHint(QPainter::Antialiasing, true);
    sp.translate(l->margin, l->margin);
    paintPath(sp, l->path, style);
    sp.end();
    std::lock_guard lock(m_mutex);
    l->sprite = sprite;
  }
  painter.drawImage(at - QPoint(l->margin, l->margin), sprite);
}

std::size_t HaloLabelCache::count() const {
  std::lock_guard lock(m_mutex);
  return m_labels.size();
}

}  // namespace ekm::render
