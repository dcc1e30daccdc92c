#include "charts/chart_panel.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace ekm::widgets {

namespace {
// Hour keys are shown in JST on the time axis. QDateTimeAxis formats in the process's local
// time zone, so the x value is shifted by (JST - local offset) to read as JST anywhere.
double msecsOf(core::HourKey hour) {
  const qint64 ms = static_cast<qint64>(hour) * 3600 * 1000;
  const int localOffset = QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc();
  return static_cast<double>(ms + static_cast<qint64>(9 * 3600 - localOffset) * 1000);
}
}  // namespace

ChartPanel::ChartPanel(QWidget* parent) : QWidget(parent) {
  m_chart = new QChart();
  m_chart->legend()->setAlignment(Qt::AlignBottom);
  m_chart->setMargins(QMargins(4, 4, 4, 4));
  m_chart->setBackgroundRoundness(0);
  m_view = new QChartView(m_chart, this);
  m_view->setRenderHint(QPainter::Antialiasing);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_view);
  setMinimumHeight(180);
}

void ChartPanel::clear() {
  m_chart->removeAllSeries();
  for (QAbstractAxis* axis : m_chart->axes()) {
    m_chart->removeAxis(axis);
    delete axis;
  }
  m_mode = Mode::Empty;
  m_marker.reset();
  m_markerLabel.clear();
  m_currentHour.reset();
  m_currentHourLabel.clear();
  m_currentLine = nullptr;
  m_chart->legend()->setMarkerShape(QLegend::MarkerShapeRectangle);
  m_haveRange = false;
  m_counts.clear();
}

void ChartPanel::setTitle(const QString& title) { m_chart->setTitle(title); }
void ChartPanel::setLegendAlignment(Qt::Alignment alignment) { m_chart->legend()->setAlignment(alignment); }
void ChartPanel::setValueAxisTitle(const QString& title) {
  m_valueTitle = title;
  rebuildAxes();
}

void ChartPanel::ensureMode(Mode mode) {
  if (m_mode != mode && m_mode != Mode::Empty) {
    const QString title = m_chart->title();
    clear();
    m_chart->setTitle(title);
  }
  m_mode = mode;
}

void ChartPanel::addLine(const QString& name, core::HourKey start, const std::vector<double>& values, QColor colour,
                         double width) {
  ensureMode(Mode::Time);
  // One QLineSeries per run of present values (a gap breaks the line); the first carries the
  // legend entry, the others hide theirs.
  QLineSeries* current = nullptr;
  bool first = true;
  int count = 0;
  auto finish = [&] {
    if (!current) return;
    m_chart->addSeries(current);
    if (!first) {
      const auto markers = m_chart->legend()->markers(current);
      for (auto* m : markers) m->setVisible(false);
    }
    first = false;
    current = nullptr;
  };
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (!std::isfinite(v)) {
      finish();
      continue;
    }
    if (!current) {
      current = new QLineSeries();
      current->setName(name);
      QPen pen(colour);
      pen.setWidthF(width);
      current->setPen(pen);
    }
    const double x = msecsOf(start + static_cast<core::HourKey>(i));
    current->append(x, v);
    ++count;
    if (!m_haveRange) {
      m_xMin = m_xMax = x;
      m_yMin = m_yMax = v;
      m_haveRange = true;
    }
    m_xMin = std::min(m_xMin, x);
    m_xMax = std::max(m_xMax, x);
    m_yMin = std::min(m_yMin, v);
    m_yMax = std::max(m_yMax, v);
  }
  finish();
  m_counts.emplace_back(name, count);
  rebuildAxes();
}

void ChartPanel::addBand(const QString& name, core::HourKey start, const std::vector<double>& low,
                         const std::vector<double>& high, QColor colour) {
  ensureMode(Mode::Time);
  auto* upper = new QLineSeries();
  auto* lower = new QLineSeries();
  int count = 0;
  const std::size_t n = std::min(low.size(), high.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(low[i]) || !std::isfinite(high[i])) continue;
    const double x = msecsOf(start + static_cast<core::HourKey>(i));
    upper->append(x, high[i]);
    lower->append(x, low[i]);
    ++count;
    if (!m_haveRange) {
      m_xMin = m_xMax = x;
      m_yMin = low[i];
      m_yMax = high[i];
      m_haveRange = true;
    }
    m_xMin = std::min(m_xMin, x);
    m_xMax = std::max(m_xMax, x);
    m_yMin = std::min(m_yMin, low[i]);
    m_yMax = std::max(m_yMax, high[i]);
  }
  auto* area = new QAreaSeries(upper, lower);
  area->setName(name);
  QColor fill = colour;
  fill.setAlphaF(0.25);
  area->setBrush(fill);
  area->setPen(Qt::NoPen);
  m_chart->addSeries(area);
  m_counts.emplace_back(name, count);
  rebuildAxes();
}

void ChartPanel::addStackedAreas(const QStringList& names, core::HourKey start,
                                 const std::vector<std::vector<double>>& layers, const std::vector<QColor>& colours) {
  ensureMode(Mode::Time);
  std::size_t n = 0;
  for (const auto& l : layers) n = std::max(n, l.size());
  std::vector<double> below(n, 0.0);
  for (std::size_t k = 0; k < layers.size(); ++k) {
    auto* upper = new QLineSeries();
    auto* lower = new QLineSeries();
    int count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = i < layers[k].size() ? layers[k][i] : std::nan("");
      const double top = below[i] + (std::isfinite(v) ? v : 0.0);
      const double x = msecsOf(start + static_cast<core::HourKey>(i));
      lower->append(x, below[i]);
      upper->append(x, top);
      count += std::isfinite(v);
      if (!m_haveRange) {
        m_xMin = m_xMax = x;
        m_yMin = m_yMax = 0;
        m_haveRange = true;
      }
      m_xMin = std::min(m_xMin, x);
      m_xMax = std::max(m_xMax, x);
      m_yMin = std::min(m_yMin, std::min(below[i], top));
      m_yMax = std::max(m_yMax, top);
      below[i] = top;
    }
    auto* area = new QAreaSeries(upper, lower);
    const QString name = k < static_cast<std::size_t>(names.size()) ? names[static_cast<qsizetype>(k)] : QString();
    area->setName(name);
    const QColor colour = k < colours.size() ? colours[k] : QColor(Qt::gray);
    QColor fill = colour;
    fill.setAlphaF(0.85);
    area->setBrush(fill);
    area->setPen(QPen(colour.darker(130), 0.8));
    m_chart->addSeries(area);
    m_counts.emplace_back(name, count);
  }
  rebuildAxes();
}

void ChartPanel::setMarker(core::HourKey hour, const QString& label) {
  ensureMode(Mode::Time);
  m_marker = hour;
  m_markerLabel = label;
  rebuildAxes();
}

double ChartPanel::timeAxisValue(core::HourKey hour) { return msecsOf(hour); }

void ChartPanel::setCurrentHour(std::optional<core::HourKey> hour, const QString& label) {
  const bool hadLine = m_currentLine != nullptr;
  m_currentHour = hour;
  m_currentHourLabel = label;
  if (m_mode != Mode::Time) return;  // drawn when a time chart is built
  if (hour && hadLine) {
    // Only the line moves: two points replaced, axes and other series untouched.
    const double x = msecsOf(*hour);
    m_currentLine->replace({QPointF(x, m_axisYMin), QPointF(x, m_axisYMax)});
    if (m_currentLine->name() != label) m_currentLine->setName(label);
    return;
  }
  rebuildAxes();
}

double ChartPanel::currentHourLineX() const {
  if (!m_currentLine || m_currentLine->count() == 0) return std::nan("");
  return m_currentLine->at(0).x();
}

std::pair<double, double> ChartPanel::timeAxisRange() const {
  for (QAbstractAxis* axis : m_chart->axes(Qt::Horizontal))
    if (auto* t = qobject_cast<QDateTimeAxis*>(axis))
      return {static_cast<double>(t->min().toMSecsSinceEpoch()), static_cast<double>(t->max().toMSecsSinceEpoch())};
  return {std::nan(""), std::nan("")};
}

void ChartPanel::addProfileBand(const QString& name, const std::vector<double>& low, const std::vector<double>& high,
                                QColor colour) {
  ensureMode(Mode::Profile);
  auto* upper = new QLineSeries();
  auto* lower = new QLineSeries();
  int count = 0;
  for (int h = 0; h < 24 && h < static_cast<int>(std::min(low.size(), high.size())); ++h) {
    if (!std::isfinite(low[h]) || !std::isfinite(high[h])) continue;
    upper->append(h, high[h]);
    lower->append(h, low[h]);
    ++count;
    if (!m_haveRange) {
      m_yMin = low[h];
      m_yMax = high[h];
      m_haveRange = true;
    }
    m_yMin = std::min(m_yMin, low[h]);
    m_yMax = std::max(m_yMax, high[h]);
  }
  auto* area = new QAreaSeries(upper, lower);
  area->setName(name);
  QColor fill = colour;
  fill.setAlphaF(0.2);
  area->setBrush(fill);
  area->setPen(Qt::NoPen);
  m_chart->addSeries(area);
  for (auto* m : m_chart->legend()->markers(area)) m->setVisible(false);  // the line of the same colour is named
  m_xMin = 0;
  m_xMax = 23;
  m_counts.emplace_back(name, count);
  rebuildAxes();
}

void ChartPanel::addProfile(const QString& name, const std::vector<double>& values, QColor colour, bool bars,
                            Qt::PenStyle lineStyle) {
  ensureMode(Mode::Profile);
  int count = 0;
  if (bars) {
    QBarSeries* series = nullptr;
    for (QAbstractSeries* s : m_chart->series())
      if ((series = qobject_cast<QBarSeries*>(s))) break;
    if (!series) {
      series = new QBarSeries();
      m_chart->addSeries(series);
    }
    auto* set = new QBarSet(name);
    set->setColor(colour);
    set->setBorderColor(colour);
    for (int h = 0; h < 24; ++h) {
      const double v = h < static_cast<int>(values.size()) && std::isfinite(values[h]) ? values[h] : 0.0;
      if (h < static_cast<int>(values.size()) && std::isfinite(values[h])) ++count;
      set->append(v);
    }
    series->append(set);
  } else {
    auto* line = new QLineSeries();
    line->setName(name);
    QPen pen(colour);
    pen.setWidthF(2);
    pen.setStyle(lineStyle);
    line->setPen(pen);
    // Dashed/dotted lines are told apart in the legend only if it draws the line itself.
    if (lineStyle != Qt::SolidLine) m_chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    for (int h = 0; h < 24 && h < static_cast<int>(values.size()); ++h)
      if (std::isfinite(values[h])) {
        line->append(h, values[h]);
        ++count;
      }
    m_chart->addSeries(line);
  }
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    if (!m_haveRange) {
      m_yMin = m_yMax = v;
      m_haveRange = true;
    }
    m_yMin = std::min(m_yMin, v);
    m_yMax = std::max(m_yMax, v);
  }
  m_xMin = 0;
  m_xMax = 23;
  m_counts.emplace_back(name, count);
  rebuildAxes();
}

void ChartPanel::rebuildAxes() {
  // Remove the old marker series and axes, then attach fresh axes to every series.
  for (QAbstractSeries* s : m_chart->series())
    if (s->objectName() == QStringLiteral("ekm_marker") || s->objectName() == QStringLiteral("ekm_current_hour")) {
      m_chart->removeSeries(s);
      delete s;
    }
  for (QAbstractAxis* axis : m_chart->axes()) {
    m_chart->removeAxis(axis);
    delete axis;
  }
  m_currentLine = nullptr;
  if (m_mode == Mode::Empty) return;
  double yMin = m_haveRange ? std::min(0.0, m_yMin) : 0.0;
  double yMax = m_haveRange ? m_yMax : 1.0;
  if (yMax <= yMin) yMax = yMin + 1;
  yMax += 0.05 * (yMax - yMin);

  QAbstractAxis* xAxis = nullptr;
  if (m_mode == Mode::Time) {
    if (m_marker) {
      auto* marker = new QLineSeries();
      marker->setObjectName(QStringLiteral("ekm_marker"));
      marker->setName(m_markerLabel);
      marker->append(msecsOf(*m_marker), yMin);
      marker->append(msecsOf(*m_marker), yMax);
      QPen pen(QColor(0x55, 0x55, 0x55));
      pen.setStyle(Qt::DashLine);
      pen.setWidthF(1.2);
      marker->setPen(pen);
      m_chart->addSeries(marker);
      for (auto* m : m_chart->legend()->markers(marker)) m->setVisible(false);
    }
    auto* axis = new QDateTimeAxis();
    double x0 = m_xMin, x1 = m_xMax;
    if (m_marker) {
      x0 = std::min(x0, msecsOf(*m_marker));
      x1 = std::max(x1, msecsOf(*m_marker));
    }
    if (x1 <= x0) x1 = x0 + 3600.0 * 1000.0;
    // A few days: the hour too (ticks within a day would all read the same date).
    axis->setFormat(x1 - x0 <= 4 * 24 * 3600.0 * 1000.0 ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("MM-dd"));
    axis->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x0), Qt::UTC),
                   QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x1), Qt::UTC));
    axis->setTickCount(6);
    xAxis = axis;
  } else {
    bool hasBars = false;
    for (QAbstractSeries* s : m_chart->series()) hasBars |= qobject_cast<QBarSeries*>(s) != nullptr;
    if (hasBars) {
      auto* axis = new QBarCategoryAxis();
      for (int h = 0; h < 24; ++h) axis->append(QString::number(h));
      xAxis = axis;
    } else {
      auto* axis = new QValueAxis();
      axis->setRange(0, 23);
      axis->setLabelFormat(QStringLiteral("%d"));
      axis->setTickType(QValueAxis::TicksDynamic);  // whole hours: 0, 3, 6, ..., 21
      axis->setTickAnchor(0);
      axis->setTickInterval(3);
      xAxis = axis;
    }
  }
  auto* yAxis = new QValueAxis();
  yAxis->setRange(yMin, yMax);
  yAxis->setTitleText(m_valueTitle);
  // The title runs along the plot's height, which in a dock's short chart is a few dozen
  // pixels: Qt Charts elides the default (bold, larger) title to "kWh per...". Plain text at
  // the labels' size, and short unit titles (kWh/h), fit.
  yAxis->setTitleFont(yAxis->labelsFont());
  // Short charts (a dock's corner) would otherwise elide every value to "...".
  yAxis->setTruncateLabels(false);
  xAxis->setTruncateLabels(false);
  yAxis->applyNiceNumbers();
  m_axisYMin = yAxis->min();
  m_axisYMax = yAxis->max();
  if (m_axisYMax - m_axisYMin >= 10) yAxis->setLabelFormat(QStringLiteral("%.0f"));  // people, not 20000.0
  if (m_mode == Mode::Time && m_currentHour) {
    m_currentLine = new QLineSeries();
    m_currentLine->setObjectName(QStringLiteral("ekm_current_hour"));
    m_currentLine->setName(m_currentHourLabel);
    const double x = msecsOf(*m_currentHour);
    m_currentLine->append(x, m_axisYMin);
    m_currentLine->append(x, m_axisYMax);
    QPen pen(QColor(0xd6, 0x27, 0x28));
    pen.setWidthF(1.6);
    m_currentLine->setPen(pen);
    m_chart->addSeries(m_currentLine);
    for (auto* m : m_chart->legend()->markers(m_currentLine)) m->setVisible(false);
  }
  m_chart->addAxis(xAxis, Qt::AlignBottom);
  m_chart->addAxis(yAxis, Qt::AlignLeft);
  for (QAbstractSeries* s : m_chart->series()) {
    s->attachAxis(xAxis);
    s->attachAxis(yAxis);
  }
}

int ChartPanel::seriesCount() const { return static_cast<int>(m_counts.size()); }

int ChartPanel::pointCount(const QString& name) const {
  int n = 0;
  for (const auto& [series, count] : m_counts)
    if (series == name) n += count;
  return n;
}

QList<QPointF> ChartPanel::seriesPoints(const QString& name) const {
  QList<QPointF> points;
  for (QAbstractSeries* s : m_chart->series()) {
    if (s->name() != name || !s->objectName().isEmpty()) continue;  // not the marker lines
    if (auto* line = qobject_cast<QLineSeries*>(s))
      points += line->points();
    else if (auto* area = qobject_cast<QAreaSeries*>(s))
      points += area->upperSeries()->points();
  }
  std::stable_sort(points.begin(), points.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
  return points;
}

QStringList ChartPanel::seriesNames() const {
  QStringList names;
  for (const auto& [series, count] : m_counts) names << series;
  return names;
}

}  // namespace ekm::widgets
