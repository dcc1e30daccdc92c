#include "legend/legend_widget.h"

#include <QPainter>
#include <QResizeEvent>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

namespace ekm::widgets {

namespace {

constexpr int kLeft = 10, kTop = 8, kRight = 14, kBottom = 8;  // margins around the groups
constexpr int kColumnGap = 12;
constexpr int kLegibleRows = 10;

}  // namespace

LegendWidget::LegendWidget(QWidget* parent) : QWidget(parent) {
  setBackgroundRole(QPalette::Base);
  setAutoFillBackground(true);
  QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
  policy.setHeightForWidth(true);
  setSizePolicy(policy);
}

void LegendWidget::setGroups(std::vector<render::LegendGroup> groups) {
  m_groups = std::move(groups);
  updateGeometry();
  update();
  emit groupsChanged();
}

QSize LegendWidget::sizeHint() const {
  const QSizeF s = render::LegendPainter(1.0, font()).size(m_groups);
  return QSize(static_cast<int>(std::ceil(s.width())) + kLeft + kRight, static_cast<int>(std::ceil(s.height())) + kTop + kBottom);
}

QSize LegendWidget::minimumSizeHint() const { return QSize(120, 60); }

std::vector<std::vector<std::size_t>> LegendWidget::columnsAt(int width) const {
  const std::size_t n = m_groups.size();
  if (n == 0) return {};
  const render::LegendPainter painter(1.0, font());
  std::vector<QSizeF> sizes;
  for (const auto& g : m_groups) sizes.push_back(painter.size({g}));
  // Pack the groups in order into columns no taller than a limit; the lowest limit (a sum of
  // consecutive groups) whose columns fit the width wins. One column when none does.
  std::vector<double> limits;
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (std::size_t j = i; j < n; ++j) limits.push_back(sum += sizes[j].height());
  }
  std::sort(limits.begin(), limits.end());
  const double tallest = std::max_element(sizes.begin(), sizes.end(), [](auto a, auto b) { return a.height() < b.height(); })->height();
  const double available = width - kLeft - kRight;
  for (double limit : limits) {
    if (limit < tallest) continue;
    std::vector<std::vector<std::size_t>> columns(1);
    double height = 0, columnWidth = 0, used = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!columns.back().empty() && height + sizes[i].height() > limit) {
        used += columnWidth + kColumnGap;
        columns.emplace_back();
        height = columnWidth = 0;
      }
      columns.back().push_back(i);
      height += sizes[i].height();
      columnWidth = std::max(columnWidth, sizes[i].width());
    }
    if (columns.size() == 1 || used + columnWidth <= available) return columns;
  }
  return {};  // not reached: the sum of all groups gives one column
}

int LegendWidget::heightForWidth(int width) const {
  if (m_groups.empty()) return minimumSizeHint().height();
  const render::LegendPainter painter(1.0, font());
  double tallest = 0;
  for (const auto& column : columnsAt(width)) {
    double h = 0;
    for (std::size_t i : column) h += painter.size({m_groups[i]}).height();
    tallest = std::max(tallest, h);
  }
  return static_cast<int>(std::ceil(tallest)) + kTop + kBottom;
}

void LegendWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setPen(palette().color(QPalette::Text));
  if (m_groups.empty()) {
    p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               tr("Open a project to see its legend."));
    return;
  }
  const render::LegendPainter painter(1.0, font());
  double x = kLeft;
  for (const auto& column : columnsAt(width())) {
    double y = kTop, columnWidth = 0;
    for (std::size_t i : column) {
      const QSizeF s = painter.size({m_groups[i]});
      painter.paint(p, QPointF(x, y), {m_groups[i]});
      y += s.height();
      columnWidth = std::max(columnWidth, s.width());
    }
    x += columnWidth + kColumnGap;
  }
}

LegendView::LegendView(QWidget* parent) : QScrollArea(parent), m_legend(new LegendWidget(this)) {
  setWidget(m_legend);
  setWidgetResizable(true);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  setFrameShape(QFrame::NoFrame);
  connect(m_legend, &LegendWidget::groupsChanged, this, [this] {
    m_lastMinimum = minimumSizeHint().height();
    updateGeometry();
  });
}

int LegendView::legibleHeight() const {
  const QFontMetrics fm(m_legend->font());
  return kLegibleRows * (std::max(18, fm.height()) + 3) + kTop + kBottom;
}

int LegendView::contentHeight() const {
  const int width = viewport()->width() > 0 ? viewport()->width() : m_legend->sizeHint().width();
  return m_legend->heightForWidth(width) + 2 * frameWidth();
}

// Not more than the legible height either: the docks below (an analysis dock's tables) get the
// rest; the user can drag the legend taller.
QSize LegendView::sizeHint() const {
  return QSize(m_legend->sizeHint().width() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
               minimumSizeHint().height());
}

QSize LegendView::minimumSizeHint() const {
  return QSize(QScrollArea::minimumSizeHint().width(), std::min(contentHeight(), legibleHeight() + 2 * frameWidth()));
}

void LegendView::resizeEvent(QResizeEvent* event) {
  QScrollArea::resizeEvent(event);
  // The minimum height follows the width (more columns, fewer rows).
  const int minimum = minimumSizeHint().height();
  if (minimum != m_lastMinimum) {
    m_lastMinimum = minimum;
    updateGeometry();
  }
}

}  // namespace ekm::widgets
