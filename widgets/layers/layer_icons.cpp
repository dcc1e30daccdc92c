#include "layers/layer_icons.h"

#include <QPainter>
#include <algorithm>

#include "layers/layer_styling.h"

namespace ekm::widgets {

QPixmap rampPixmap(const render::ColourRamp& ramp, QSize size) {
  QPixmap pixmap(size);
  pixmap.fill(Qt::transparent);
  QPainter p(&pixmap);
  const int w = std::max(1, size.width() - 1);
  for (int x = 0; x < size.width(); ++x) {
    p.setPen(ramp.at(static_cast<double>(x) / w));
    p.drawLine(x, 0, x, size.height() - 1);
  }
  p.setPen(QColor(0, 0, 0, 70));
  p.setBrush(Qt::NoBrush);
  p.drawRect(0, 0, size.width() - 1, size.height() - 1);
  return pixmap;
}

QPixmap swatchPixmap(const std::vector<QColor>& colours, QSize size) {
  QPixmap pixmap(size);
  pixmap.fill(Qt::transparent);
  if (colours.empty()) return pixmap;
  QPainter p(&pixmap);
  const double step = static_cast<double>(size.width()) / colours.size();
  for (std::size_t i = 0; i < colours.size(); ++i)
    p.fillRect(QRectF(i * step, 0, step + 0.5, size.height()), colours[i]);
  p.setPen(QColor(0, 0, 0, 70));
  p.drawRect(0, 0, size.width() - 1, size.height() - 1);
  return pixmap;
}

QPixmap missingPixmap(const QColor& fill, const QColor& hatch, QSize size) {
  QPixmap pixmap(size);
  pixmap.fill(Qt::transparent);
  QPainter p(&pixmap);
  const QRect box(0, 0, size.width() - 1, size.height() - 1);
  p.setPen(QColor(0, 0, 0, 70));
  p.setBrush(fill);
  p.drawRect(box);
  p.setBrush(QBrush(hatch, Qt::BDiagPattern));
  p.drawRect(box);
  return pixmap;
}

QIcon layerIcon(const render::MapLayer& layer, QSize size) {
  std::vector<QColor> colours;
  if (const auto style = graduatedStyleOf(layer)) {
    for (int i = 0; i < style->classCount(); ++i) colours.push_back(style->classColour(i));
  } else {
    for (const render::LegendGroup& group : layer.legendGroups())
      for (const render::LegendItem& item : group.items)
        if (item.kind != render::LegendItem::Kind::Missing && item.colour.isValid()) colours.push_back(item.colour);
  }
  if (colours.empty()) return QIcon();
  return QIcon(swatchPixmap(colours, size));
}

}  // namespace ekm::widgets
