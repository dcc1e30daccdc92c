#include "legend/legend_widget.h"

#include <QPainter>

namespace ekm::widgets {

LegendWidget::LegendWidget(QWidget* parent) : QWidget(parent) {
  setBackgroundRole(QPalette::Base);
  setAutoFillBackground(true);
}

void LegendWidget::setGroups(std::vector<render::LegendGroup> groups) {
  m_groups = std::move(groups);
  updateGeometry();
  update();
}

QSize LegendWidget::sizeHint() const {
  const QSizeF s = render::LegendPainter(1.0, font()).size(m_groups);
  return QSize(static_cast<int>(s.width()) + 24, static_cast<int>(s.height()) + 16);
}

QSize LegendWidget::minimumSizeHint() const { return QSize(120, 60); }

void LegendWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setPen(palette().color(QPalette::Text));
  if (m_groups.empty()) {
    p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               tr("Open a project to see its legend."));
    return;
  }
  render::LegendPainter(1.0, font()).paint(p, QPointF(10, 8), m_groups);
}

}  // namespace ekm::widgets
