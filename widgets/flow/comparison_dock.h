#pragma once
// The Comparison dock: period A vs period B for every mesh cell of the project (mean daily
// totals, change, Welch's t-test): the compare-periods operation (flow/compare_periods_op.h)
// run in the background (a task of the session's TaskManager with its own ops::Session,
// progress + Cancel), shown in a sortable table
// exportable to CSV, and as a difference layer on the map (differenceLayerReady).
#include <QDate>
#include <QDockWidget>
#include <QPointer>
#include <memory>
#include <optional>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/compare.h"
#include "ekm/flow/compare_periods_op.h"
#include "ekm/store/project.h"
#include "render/difference_layer.h"
#include "render/legend.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QSortFilterProxyModel;

namespace ekm::widgets {

class ComparisonTableModel;

class ComparisonDock : public QDockWidget {
  Q_OBJECT

 public:
  enum class RunStatus { Completed, Cancelled, Failed };
  Q_ENUM(RunStatus)
  enum class ChangeMode { Absolute, Percent };

  explicit ComparisonDock(QWidget* parent = nullptr);
  ~ComparisonDock() override;

  // The open project (nullptr: none): its mesh cells (geometry in the map's display CRS) are
  // compared; resets the periods to the defaults for its time range and cancels a running
  // comparison. Runs go through its TaskManager (and show in the Tasks dock).
  void setSession(SessionPtr session);
  const SessionPtr& session() const { return m_session; }
  // Defaults: the 4 weeks before and after 2025-03-27 (the district's opening) when inside the
  // range, else the two halves of the range. Returns {A, B}.
  static std::pair<flow::DayPeriod, flow::DayPeriod> defaultPeriods(std::optional<store::TimeRange> range);

  void setPeriods(const flow::DayPeriod& a, const flow::DayPeriod& b);
  flow::DayPeriod periodA() const;
  flow::DayPeriod periodB() const;
  void setChangeMode(ChangeMode mode);
  ChangeMode changeMode() const { return m_mode; }

  ComparisonTableModel* model() const { return m_model; }
  QTableView* table() const { return m_table; }
  bool isRunning() const { return m_task.isRunning(); }
  // The layer and legend of the last completed run (null before).
  std::shared_ptr<const render::DifferenceLayer> differenceLayer() const { return m_layer; }
  render::LegendGroup legendGroup() const;

 public slots:
  void run();
  void cancel();
  bool exportCsv(const QString& path);

 signals:
  void runFinished(ekm::widgets::ComparisonDock::RunStatus status, const QString& message);
  // A row of the table was activated (double-click / Enter): its mesh code.
  void cellActivated(const QString& meshCode);
  void differenceLayerReady(std::shared_ptr<const ekm::render::DifferenceLayer> layer,
                            const ekm::render::LegendGroup& legend);

 private:
  void completed(std::vector<flow::Comparison> rows);
  void failed(const TaskError& error);
  void cancelled();
  void rebuildLayer();
  void chooseExportFile();
  void setRunning(bool running);
  flow::ComparePeriodsParams params() const;

  SessionPtr m_session;
  std::shared_ptr<const render::MeshGeometry> m_geometry;
  ChangeMode m_mode = ChangeMode::Absolute;
  TaskHandle m_task;
  std::shared_ptr<const render::DifferenceLayer> m_layer;

  QDateEdit* m_aFrom = nullptr;
  QDateEdit* m_aTo = nullptr;
  QDateEdit* m_bFrom = nullptr;
  QDateEdit* m_bTo = nullptr;
  QComboBox* m_modeBox = nullptr;
  QPushButton* m_runButton = nullptr;
  QPushButton* m_cancelButton = nullptr;
  QPushButton* m_exportButton = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  ComparisonTableModel* m_model = nullptr;
  QTableView* m_table = nullptr;
};

}  // namespace ekm::widgets
