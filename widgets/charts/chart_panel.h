#pragma once
// Our chart panel: the only class that knows Qt Charts (deprecated in newer Qt; keeping it
// behind this interface lets us swap the backend). Two kinds of chart:
//  - time charts: lines over time (x = hour keys), shaded interval bands and a vertical
//    marker (e.g. the forecast origin);
//  - hour-of-day profiles (0..23) as bars or lines.
// Time charts may also stack areas (layer k between the sums of layers 0..k-1 and 0..k).
// Any chart exports as PNG, SVG or PDF (exportTo, charts/chart_export.cpp).
// Missing values (NaN) break a line instead of being drawn as zero.
#include <QColor>
#include <QSize>
#include <QString>
#include <QWidget>
#include <optional>
#include <utility>
#include <vector>

#include "ekm/core/time.h"

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
QT_END_NAMESPACE

namespace ekm::widgets {

class ChartPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ChartPanel(QWidget* parent = nullptr);

  void clear();
  void setTitle(const QString& title);
  // Where the legend sits (bottom by default; right suits many series).
  void setLegendAlignment(Qt::Alignment alignment);
  void setValueAxisTitle(const QString& title);

  // Time charts: `values[i]` at hour `start + i`.
  void addLine(const QString& name, core::HourKey start, const std::vector<double>& values, QColor colour,
               double width = 1.5);
  void addBand(const QString& name, core::HourKey start, const std::vector<double>& low,
               const std::vector<double>& high, QColor colour);
  // Stacked areas: `layers[k][i]` at hour `start + i`, drawn on top of layers 0..k-1, one
  // legend entry per layer. Missing values (NaN) count as 0 in the stack and not as points.
  void addStackedAreas(const QStringList& names, core::HourKey start, const std::vector<std::vector<double>>& layers,
                       const std::vector<QColor>& colours);
  void setMarker(core::HourKey hour, const QString& label);
  // A vertical "current hour" line on time charts (separate from the marker above). Moving it
  // only moves the line: no series or axis is rebuilt, so it can follow an animation. An hour
  // outside the x range is clipped (not drawn). nullopt removes it.
  void setCurrentHour(std::optional<core::HourKey> hour, const QString& label = {});
  std::optional<core::HourKey> currentHour() const { return m_currentHour; }
  // The x value of the drawn current-hour line (NaN when there is none), in the units of
  // timeAxisValue(); and the x range of the time axis.
  double currentHourLineX() const;
  std::pair<double, double> timeAxisRange() const;
  // The x value of an hour on the time axis (ms, shifted so that the axis reads JST).
  static double timeAxisValue(core::HourKey hour);

  // Hour-of-day profiles (24 values each).
  void addProfile(const QString& name, const std::vector<double>& values, QColor colour, bool bars,
                  Qt::PenStyle lineStyle = Qt::SolidLine);
  // A shaded band between low and high (24 values each) on a line profile; hours where either
  // is NaN are left out. Not in the legend (name the line drawn over it).
  void addProfileBand(const QString& name, const std::vector<double>& low, const std::vector<double>& high,
                      QColor colour);

  // Writes the chart to `path` as PNG, SVG or PDF (chosen by the suffix) at `size` pixels
  // (default: the size shown, or 900 x 520 when not shown). False with `error` set when
  // the format is unknown or the file cannot be written.
  bool exportTo(const QString& path, QSize size = {}, QString* error = nullptr);
  // "PNG (*.png)", "SVG (*.svg)", "PDF (*.pdf)" for a file dialog.
  static QStringList exportFilters();
  QString title() const;

  // For tests and reports: number of series (lines, bands, bars) and the present points of one.
  int seriesCount() const;
  int pointCount(const QString& name) const;
  QStringList seriesNames() const;
  // The drawn points of the series called `name` in x order (an area: its upper line, for a
  // stacked layer the running sum); x in timeAxisValue() units on time charts.
  QList<QPointF> seriesPoints(const QString& name) const;
  std::optional<core::HourKey> marker() const { return m_marker; }

 private:
  enum class Mode { Empty, Time, Profile };
  void ensureMode(Mode mode);
  void rebuildAxes();

  QChart* m_chart = nullptr;
  QChartView* m_view = nullptr;
  Mode m_mode = Mode::Empty;
  QString m_valueTitle;
  std::optional<core::HourKey> m_marker;
  QString m_markerLabel;
  std::optional<core::HourKey> m_currentHour;
  QString m_currentHourLabel;
  QLineSeries* m_currentLine = nullptr;  // owned by the chart
  double m_axisYMin = 0, m_axisYMax = 1;
  double m_xMin = 0, m_xMax = 0, m_yMin = 0, m_yMax = 0;
  bool m_haveRange = false;
  std::vector<std::pair<QString, int>> m_counts;
};

}  // namespace ekm::widgets
