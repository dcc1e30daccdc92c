#pragma once
// The Inspector (a dock's widget): the feature identified on the map — title, layer,
// attributes — and its time series read in the background (a hidden task of the session's
// TaskManager, on the session's per-thread store connection; a newer load replaces an older
// one, whose result is dropped) from the project store (cells:
// population; segments: pedestrians, plus bicycles/vehicles when present; stations:
// boardings and alightings) over a window around the current hour (±3.5 days, ±14 days or
// the whole period). The current hour is a vertical line that setHour() moves without
// reloading (a reload happens only when the hour leaves the loaded window). Missing hours
// are gaps in the lines, never zeros. "Add to chart" hands the feature to the Charts dock.
#include <QWidget>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "inspect/feature_series.h"
#include "render/map_layer.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QButtonGroup;
class QLabel;
class QPushButton;
class QTableWidget;
class QToolButton;

namespace ekm::widgets {

class ChartPanel;

class InspectorPanel : public QWidget {
  Q_OBJECT

 public:
  enum class Window { Week, Month, All };  // hour ±84 h, hour ±14 days, the table's whole range
  Q_ENUM(Window)

  explicit InspectorPanel(QWidget* parent = nullptr);
  ~InspectorPanel() override;

  // The open project whose store the series are read from (nullptr: none). Clears the feature.
  void setSession(SessionPtr session);
  const SessionPtr& session() const { return m_session; }

  void setWindow(Window window);
  Window window() const { return m_window; }
  // The hours [from, to] a window around `hour` covers inside [range.first, range.last]
  // (shifted to keep its length at the ends of the range).
  static std::pair<core::HourKey, core::HourKey> windowAround(core::HourKey hour, Window window,
                                                             const store::TimeRange& range);

  const std::optional<render::IdentifyResult>& feature() const { return m_feature; }
  std::optional<core::HourKey> hour() const { return m_hour; }

  // Read-outs for tests and the main window.
  ChartPanel* chart() const { return m_chart; }
  QTableWidget* attributesTable() const { return m_attributes; }
  QPushButton* addToChartButton() const { return m_addButton; }
  bool isLoading() const { return m_loading; }
  const std::vector<MeasureSeries>& loadedSeries() const { return m_series; }
  std::optional<std::pair<core::HourKey, core::HourKey>> loadedWindow() const { return m_loadedWindow; }
  int loadsStarted() const { return m_loadsStarted; }

 public slots:
  // Shows a feature (connect Identifier::identified here) and loads its series.
  void showFeature(const ekm::render::IdentifyResult& result);
  void clearFeature();
  // Moves the current-hour line; reloads only when the hour leaves the loaded window.
  void setHour(ekm::core::HourKey hour);
  void reload();

 signals:
  // "Add to chart" pressed: connect to ChartsPanel::addFeature.
  void addToChartRequested(const ekm::widgets::FeatureRef& feature);
  // A load finished and the chart shows it (ok = false: failed, message says why).
  void seriesLoaded(bool ok, const QString& message);

 private:
  struct Outcome;
  void fillAttributes();
  void startLoad();
  void loadFinished(std::uint64_t generation, Outcome outcome);
  void fillChart();
  QString currentHourLabel() const;

  SessionPtr m_session;
  std::optional<render::IdentifyResult> m_feature;
  std::optional<core::HourKey> m_hour;
  Window m_window = Window::Month;
  std::optional<store::TimeRange> m_range;  // of the feature's table, known after a load
  std::optional<std::pair<core::HourKey, core::HourKey>> m_loadedWindow;
  std::vector<MeasureSeries> m_series;

  TaskHandle m_task;
  std::uint64_t m_generation = 0;
  bool m_loading = false;
  int m_loadsStarted = 0;

  QLabel* m_title = nullptr;
  QLabel* m_subtitle = nullptr;
  QTableWidget* m_attributes = nullptr;
  QButtonGroup* m_windowButtons = nullptr;
  QPushButton* m_addButton = nullptr;
  QLabel* m_status = nullptr;
  ChartPanel* m_chart = nullptr;
};

}  // namespace ekm::widgets
