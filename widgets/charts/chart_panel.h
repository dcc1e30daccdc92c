#pragma once
// Our chart panel: the only class that knows Qt Charts (deprecated in newer Qt; keeping it
// behind this interface lets us swap the backend). Two kinds of chart:
//  - time charts: lines over time (x = hour keys), shaded interval bands and a vertical
//    marker (e.g. the forecast origin);
//  - hour-of-day profiles (0..23) as bars or lines.
// Missing values (NaN) break a line instead of being drawn as zero.
#include <QColor>
#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

#include "ekm/core/time.h"

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace ekm::widgets {

class ChartPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ChartPanel(QWidget* parent = nullptr);

  void clear();
  void setTitle(const QString& title);
  void setValueAxisTitle(const QString& title);

  // Time charts: `values[i]` at hour `start + i`.
  void addLine(const QString& name, core::HourKey start, const std::vector<double>& values, QColor colour,
               double width = 1.5);
  void addBand(const QString& name, core::HourKey start, const std::vector<double>& low,
               const std::vector<double>& high, QColor colour);
  void setMarker(core::HourKey hour, const QString& label);

  // Hour-of-day profiles (24 values each).
  void addProfile(const QString& name, const std::vector<double>& values, QColor colour, bool bars);

  // For tests and reports: number of series (lines, bands, bars) and the present points of one.
  int seriesCount() const;
  int pointCount(const QString& name) const;
  QStringList seriesNames() const;
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
  double m_xMin = 0, m_xMax = 0, m_yMin = 0, m_yMax = 0;
  bool m_haveRange = false;
  std::vector<std::pair<QString, int>> m_counts;
};

}  // namespace ekm::widgets
