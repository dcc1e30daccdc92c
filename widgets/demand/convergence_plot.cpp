#include "demand/convergence_plot.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace ekm::widgets {

ConvergencePlot::ConvergencePlot(QWidget* parent) : QWidget(parent) {
  setMinimumHeight(180);
  setToolTip(tr("Relative gap (TSTT − SPTT) / TSTT after each iteration, log scale"));
}

void ConvergencePlot::clear() {
  m_iterations.clear();
  m_gaps.clear();
  update();
}

void ConvergencePlot::setTarget(std::optional<double> gap) {
  m_target = gap;
  update();
}

void ConvergencePlot::setSeries(std::vector<int> iterations, std::vector<double> gaps) {
  m_iterations = std::move(iterations);
  m_gaps = std::move(gaps);
  m_iterations.resize(m_gaps.size());
  update();
}

void ConvergencePlot::appendPoint(int iteration, double gap) {
  m_iterations.push_back(iteration);
  m_gaps.push_back(gap);
  update();
}

std::pair<int, int> ConvergencePlot::decadeRange() const {
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  for (double g : m_gaps)
    if (g > 0 && std::isfinite(g)) lo = std::min(lo, g), hi = std::max(hi, g);
  if (m_target && *m_target > 0) lo = std::min(lo, *m_target), hi = std::max(hi, *m_target);
  if (!(hi > 0)) return {-6, 0};
  int a = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
  int b = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
  if (b <= a) b = a + 1;
  return {a, b};
}

void ConvergencePlot::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing, true);
  p.fillRect(rect(), palette().base());
  const QFontMetricsF fm(font());
  const auto [d0, d1] = decadeRange();
  const QString yTitle = tr("Relative gap (log scale)");
  const QString xTitle = tr("Iteration");
  const double left = fm.horizontalAdvance(QStringLiteral("10⁻¹⁰")) + fm.height() + 10;
  const QRectF plot(left, fm.height() + 6, width() - left - 12, height() - 3 * fm.height() - 14);
  if (plot.width() < 20 || plot.height() < 20) return;
  const int maxIteration = m_iterations.empty() ? 1 : std::max(1, *std::max_element(m_iterations.begin(), m_iterations.end()));
  const int minIteration = m_iterations.empty() ? 0 : std::min(0, *std::min_element(m_iterations.begin(), m_iterations.end()));
  auto xOf = [&](double it) {
    return plot.left() + (it - minIteration) / std::max(1, maxIteration - minIteration) * plot.width();
  };
  auto yOf = [&](double gap) {
    const double l = gap > 0 && std::isfinite(gap) ? std::clamp(std::log10(gap), double(d0), double(d1)) : d0;
    return plot.bottom() - (l - d0) / (d1 - d0) * plot.height();
  };
  const QColor text = palette().text().color();
  QColor grid = text;
  grid.setAlpha(40);
  // Decade grid lines and labels.
  static const QString superscripts[] = {QStringLiteral("⁰"), QStringLiteral("¹"), QStringLiteral("²"),
                                         QStringLiteral("³"), QStringLiteral("⁴"), QStringLiteral("⁵"),
                                         QStringLiteral("⁶"), QStringLiteral("⁷"), QStringLiteral("⁸"),
                                         QStringLiteral("⁹")};
  const int step = std::max(1, (d1 - d0) / 6);
  for (int d = d0; d <= d1; d += step) {
    const double y = yOf(std::pow(10.0, d));
    p.setPen(QPen(grid, 1));
    p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    QString label = QStringLiteral("10");
    if (d < 0) label += QStringLiteral("⁻");
    for (QChar c : QString::number(std::abs(d))) label += superscripts[c.digitValue()];
    p.setPen(text);
    p.drawText(QRectF(fm.height() + 2, y - fm.height() / 2, left - fm.height() - 6, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, label);
  }
  // Iteration ticks: about 6 round steps.
  const double rawStep = (maxIteration - minIteration) / 6.0;
  const double e = std::pow(10.0, std::floor(std::log10(std::max(1.0, rawStep))));
  double xStep = e;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * e >= rawStep) {
      xStep = m * e;
      break;
    }
  for (double it = minIteration; it <= maxIteration + 1e-9; it += xStep) {
    const double x = xOf(it);
    p.setPen(QPen(grid, 1));
    p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    p.setPen(text);
    p.drawText(QRectF(x - 30, plot.bottom() + 2, 60, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
               QString::number(static_cast<int>(it)));
  }
  p.setPen(QPen(text, 1));
  p.drawRect(plot);
  p.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 4, plot.width(), fm.height()), Qt::AlignHCenter, xTitle);
  p.save();
  p.translate(2, plot.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), fm.height()), Qt::AlignHCenter, yTitle);
  p.restore();
  if (m_target && *m_target > 0) {
    QPen pen(QColor(0x55, 0x55, 0x55), 1.2, Qt::DashLine);
    p.setPen(pen);
    const double y = yOf(*m_target);
    p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    p.drawText(QRectF(plot.left() + 4, y - fm.height() - 1, plot.width() - 8, fm.height()), Qt::AlignRight,
               tr("target"));
  }
  if (m_gaps.empty()) return;
  QPainterPath path;
  for (std::size_t i = 0; i < m_gaps.size(); ++i) {
    const QPointF q(xOf(m_iterations[i]), yOf(m_gaps[i]));
    if (i == 0) path.moveTo(q);
    else path.lineTo(q);
  }
  const QColor line(0xd0, 0x40, 0x10);
  p.setPen(QPen(line, 2));
  p.setBrush(Qt::NoBrush);
  p.drawPath(path);
  if (m_gaps.size() <= 60) {
    p.setBrush(line);
    for (std::size_t i = 0; i < m_gaps.size(); ++i) p.drawEllipse(QPointF(xOf(m_iterations[i]), yOf(m_gaps[i])), 2.5, 2.5);
  }
}

}  // namespace ekm::widgets
