#pragma once
// The legend dock's content: paints the legend groups with render::LegendPainter, the same
// painter map exports use.
#include <QWidget>
#include <vector>

#include "render/legend.h"

namespace ekm::widgets {

class LegendWidget : public QWidget {
  Q_OBJECT

 public:
  explicit LegendWidget(QWidget* parent = nullptr);
  void setGroups(std::vector<render::LegendGroup> groups);
  const std::vector<render::LegendGroup>& groups() const { return m_groups; }
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<render::LegendGroup> m_groups;
};

}  // namespace ekm::widgets
