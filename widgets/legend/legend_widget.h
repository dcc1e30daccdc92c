#pragma once
// The legend dock's content: paints the legend groups with render::LegendPainter, the same
// painter map exports use. The groups flow into as many columns as the width holds (each group
// whole and in order, the columns' heights balanced), so a wide, short dock shows them side by
// side; its height follows its width (heightForWidth). LegendView holds it in the dock.
#include <QScrollArea>
#include <QWidget>
#include <cstddef>
#include <vector>

#include "render/legend.h"

namespace ekm::widgets {

class LegendWidget : public QWidget {
  Q_OBJECT

 public:
  explicit LegendWidget(QWidget* parent = nullptr);
  void setGroups(std::vector<render::LegendGroup> groups);
  const std::vector<render::LegendGroup>& groups() const { return m_groups; }
  // One column: the width of the widest group, the height of all.
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  // The groups (indices) of each column at a width, left to right.
  std::vector<std::vector<std::size_t>> columnsAt(int width) const;

 signals:
  void groupsChanged();

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<render::LegendGroup> m_groups;
};

// The legend dock's widget: the LegendWidget in a scroll area. It asks for (and needs at least)
// the legend's height at its width, up to legibleHeight(), so a dock below it cannot squeeze the
// legend to a line or two, nor does the legend take that dock's room; what does not fit scrolls.
class LegendView : public QScrollArea {
  Q_OBJECT

 public:
  explicit LegendView(QWidget* parent = nullptr);
  LegendWidget* legend() const { return m_legend; }
  // About 10 rows of legend text.
  int legibleHeight() const;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  int contentHeight() const;
  LegendWidget* m_legend = nullptr;
  int m_lastMinimum = -1;
};

}  // namespace ekm::widgets
