// A widget showing one category chart (category_chart_view.h).
#include "mobility/category_chart_view.h"

#include <QPainter>

namespace ekm::widgets {

CategoryChartView::CategoryChartView(QWidget* parent) : QWidget(parent) {
  setMinimumHeight(160);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void CategoryChartView::setChart(render::CategoryChart chart) {
  m_chart = std::move(chart);
  update();
}

void CategoryChartView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  if (m_chart.categories.empty()) return;
  // Style units: 1 at 1600 px wide pages; here about 0.75 so texts match the dock's font.
  m_geometry = render::paintCategoryChart(p, QRectF(rect()).adjusted(6, 4, -6, -4), m_chart, 0.75);
}

}  // namespace ekm::widgets
