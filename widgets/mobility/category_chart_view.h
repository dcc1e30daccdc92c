#pragma once
// A widget that shows one category chart (render/kpi_charts.h) — the same painter as the
// operator report's PDF, so the dock and the report draw the same chart.
#include <QWidget>

#include "render/kpi_charts.h"

namespace ekm::widgets {

class CategoryChartView : public QWidget {
  Q_OBJECT

 public:
  explicit CategoryChartView(QWidget* parent = nullptr);
  void setChart(render::CategoryChart chart);
  const render::CategoryChart& chart() const { return m_chart; }
  // The geometry of the last paint (plot area, bars), for tests.
  const render::ChartGeometry& geometry() const { return m_geometry; }
  QSize sizeHint() const override { return {420, 220}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  render::CategoryChart m_chart;
  render::ChartGeometry m_geometry;
};

}  // namespace ekm::widgets
