#pragma once
// The Charts dock's widget: a list of selected features (added from the Inspector, removed,
// cleared) and their series over a chosen period (JST dates), read in the background from
// the project store (a hidden task of the session's TaskManager on the session's per-thread
// connection; progress + Cancel here; a newer load replaces an older one), shown either
//  - overlaid over time (one line per feature; missing hours are gaps), or
//  - as hour-of-day profiles by day type (weekday / Saturday / Sunday-holiday with Japanese
//    holidays): the mean per hour, optionally with the P10-P90 band.
// "Export CSV" writes exactly what is shown.
#include <QDate>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "inspect/day_type_profiles.h"
#include "inspect/feature_series.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace ekm::widgets {

class ChartPanel;

class ChartsPanel : public QWidget {
  Q_OBJECT

 public:
  enum class Mode { Series, Profiles };
  Q_ENUM(Mode)
  // Which day types the profile chart shows.
  enum class DayTypes { All, Weekday, Saturday, SundayHoliday };
  Q_ENUM(DayTypes)
  enum class LoadStatus { Completed, Cancelled, Failed };
  Q_ENUM(LoadStatus)

  // One feature as loaded: its main measure over the period and its day-type profiles.
  struct Loaded {
    FeatureRef feature;
    Measure measure = Measure::Population;
    flow::HourlySeries series;
    std::vector<DayTypeProfile> profiles;  // weekday, Saturday, Sunday/holiday
  };

  explicit ChartsPanel(QWidget* parent = nullptr);
  ~ChartsPanel() override;

  // The open project (nullptr: none). Clears the features. Until the user picks a period,
  // the last 28 days of the features' data are shown.
  void setSession(SessionPtr session);
  const SessionPtr& session() const { return m_session; }
  // Inclusive JST dates; reloads. An invalid pair returns to the default.
  void setPeriod(const QDate& from, const QDate& to);
  std::optional<std::pair<QDate, QDate>> period() const { return m_period; }

  void setMode(Mode mode);
  Mode mode() const { return m_mode; }
  void setDayTypes(DayTypes dayTypes);
  DayTypes dayTypes() const { return m_dayTypes; }
  void setShowBand(bool show);
  bool showBand() const { return m_showBand; }

  const std::vector<FeatureRef>& features() const { return m_features; }
  const std::vector<Loaded>& loaded() const { return m_loaded; }
  bool isLoading() const { return m_loading; }
  ChartPanel* chart() const { return m_chart; }

  // What the chart shows, as CSV (UTF-8, comma-separated, RFC 4180 quoting, empty = missing):
  //  series:   time_jst,<feature 1>,<feature 2>,...        one row per hour
  //  profiles: feature,kind,measure,day_type,hour,mean,p10,p90,count
  QString csvText() const;
  // Writes csvText() to a file; false (and a message in *error) when it cannot be written.
  bool exportCsv(const QString& path, QString* error = nullptr) const;

 public slots:
  // Adds a feature (a feature already in the list is not added twice) and reloads.
  void addFeature(const ekm::widgets::FeatureRef& feature);
  void removeFeature(int index);
  void clearFeatures();
  // Marks the map's current hour on the series chart (the line moves; nothing reloads).
  void setHour(ekm::core::HourKey hour);
  void reload();
  void cancel();

 signals:
  void loadFinished(ekm::widgets::ChartsPanel::LoadStatus status, const QString& message);

 private:
  struct Outcome;
  void startLoad();
  void finishLoad(std::uint64_t generation, Outcome outcome);
  void loadEnded(std::uint64_t generation, LoadStatus status, const QString& message);
  void redraw();
  void updatePeriodEdits();
  void exportWithDialog();
  std::vector<core::DayType> shownDayTypes() const;
  QString featureName(const Loaded& loaded) const;
  static QString dayTypeLabel(core::DayType type);

  SessionPtr m_session;
  std::vector<FeatureRef> m_features;
  std::vector<Loaded> m_loaded;
  std::optional<std::pair<QDate, QDate>> m_period;         // chosen by the user (or setPeriod)
  std::optional<std::pair<QDate, QDate>> m_defaultPeriod;  // of the last load
  Mode m_mode = Mode::Series;
  DayTypes m_dayTypes = DayTypes::All;
  bool m_showBand = false;
  std::optional<core::HourKey> m_hour;

  TaskHandle m_task;
  std::uint64_t m_generation = 0;
  bool m_loading = false;

  QListWidget* m_list = nullptr;
  QPushButton* m_removeButton = nullptr;
  QPushButton* m_clearButton = nullptr;
  QComboBox* m_modeBox = nullptr;
  QComboBox* m_dayTypeBox = nullptr;
  QCheckBox* m_bandBox = nullptr;
  QDateEdit* m_fromEdit = nullptr;
  QDateEdit* m_toEdit = nullptr;
  QPushButton* m_exportButton = nullptr;
  QPushButton* m_cancelButton = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  ChartPanel* m_chart = nullptr;
};

}  // namespace ekm::widgets
