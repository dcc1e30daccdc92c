#pragma once
// The Scenarios dock (View > Panels > Scenarios): scenario runs without leaving the GUI, on
// the same library calls as `ekimachi-cli run`, `runs list` and `compare`.
//  - Scenario tab: open a scenario file, or make one from the registry's operations; edit
//    its defaults and each step's params in a form generated from the step's operation
//    (ScenarioEditor, ParamsForm); save it.
//  - Run (bottom row): the scenario runs on the open project as a task of the session's
//    TaskManager (scenario::runScenario: checked before any work, stored in one transaction
//    with provenance) with progress and Cancel; a cancelled or failed run stores nothing. A
//    problem the check names (steps[1].params.alpha) is shown at that step's field.
//  - Runs tab: the project's stored runs (newest first); the new run appears selected. One
//    run's results drawn on the map (Show on Map): its tables keyed by mesh cell or road
//    segment, one column at a time (ComparisonLayers::runLayer), chosen in the box below.
//  - Comparison tab: two runs compared (scenario::compareRuns) as a table of the values that
//    differ, largest first; exported as CSV tables and GeoJSON layers (writeComparison); one
//    column of a cell or segment table shown on the map as a difference layer, placed in the
//    Layers dock's panel (setLayersPanel), whose legend it describes itself.
// The GUI thread never touches the store: listing, running, comparing and exporting are
// TaskManager tasks reading through the session's per-thread connection.
#include <QDockWidget>
#include <QPointer>
#include <memory>

#include "ekm/ops/registry.h"
#include "render/map_layer.h"
#include "scenario/scenario_jobs.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace ekm::widgets {

class ComparisonPanel;
class LayersPanel;
class RunsPanel;
class ScenarioEditor;

class ScenariosDock : public QDockWidget {
  Q_OBJECT

 public:
  enum class RunStatus { Completed, Cancelled, Failed };
  Q_ENUM(RunStatus)

  explicit ScenariosDock(QWidget* parent = nullptr, const ops::Registry& registry = ops::Registry::global());
  ~ScenariosDock() override;

  // The open project (nullptr: none). Cancels the dock's tasks (their results are dropped),
  // clears the comparison and lists the new project's runs. The scenario being edited stays.
  void setSession(SessionPtr session);
  const SessionPtr& session() const { return m_session; }
  // Where "Show on Map" puts its layers (the Layers dock's panel; nullptr: nowhere).
  void setLayersPanel(LayersPanel* panel);

  ScenarioEditor* editor() const { return m_editor; }
  RunsPanel* runsPanel() const { return m_runs; }
  ComparisonPanel* comparisonPanel() const { return m_comparison; }
  QTabWidget* tabs() const { return m_tabs; }
  QPushButton* runButton() const { return m_runButton; }
  QPushButton* cancelButton() const { return m_cancelButton; }
  bool isRunning() const { return m_runTask.isRunning(); }
  QString statusText() const;
  // The id of the last run this dock stored (0: none yet).
  qint64 lastRunId() const { return m_lastRunId; }

 public slots:
  // Opens a scenario file in the editor. False with the error shown there.
  bool openScenario(const QString& path);
  // A new scenario with one step of operation `op` (the editor's operation box when empty).
  void newScenario(const QString& op = {});
  // Runs the edited scenario on the open project (see above); runFinished follows.
  void run();
  void cancel();
  // Lists the project's runs again; runsListed follows.
  void refreshRuns();
  // Compares runs a (A) and b (B); comparisonReady follows (or comparisonFailed).
  void compare(qint64 a, qint64 b);
  // Writes the shown comparison into `dir` (created when missing); comparisonExported follows.
  void exportComparison(const QString& dir);
  // B − A of `column` of the comparison's table `table` as a layer in the Layers panel
  // (replacing the previous layer of that geometry). False with a message when the table has
  // no geometry here.
  bool showOnMap(int table, const QString& column);
  // Reads run `run`'s tables that have a place on the map and draws the first cell table's
  // and the first segment table's default column; runLayersReady follows (or a message).
  void showRun(qint64 run);
  // Draws entry `entry` of the shown run's list (RunsPanel::runLayerBox). False when it has
  // no layer here.
  bool showRunLayer(int entry);
  // Opens the scenario a stored run ran (its JSON as stored) in the editor.
  void editRunScenario(qint64 run);

 signals:
  void runFinished(ekm::widgets::ScenariosDock::RunStatus status, qint64 runId, const QString& message);
  void runsListed();
  void comparisonReady();
  void comparisonFailed(const QString& message);
  void comparisonExported(const QStringList& files, const QString& error);
  void differenceLayerShown(std::shared_ptr<const ekm::render::MapLayer> layer);
  void runLayersReady(qint64 run);
  void runLayerShown(std::shared_ptr<const ekm::render::MapLayer> layer);

 private:
  void buildUi();
  void updateActions();
  void setStatus(const QString& text, bool error = false);
  void runCompleted(const scenario::RunOutcome& outcome);
  void runFailed(const TaskError& error);
  void chooseScenarioFile();
  void saveScenario(bool choosePath);
  void chooseExportFolder();

  SessionPtr m_session;
  QPointer<LayersPanel> m_layersPanel;
  TaskHandle m_runTask, m_listTask, m_compareTask, m_exportTask, m_runTablesTask;
  // The run shown on the map and its (table, column) entries.
  std::shared_ptr<const StoredRunTables> m_runTables;
  std::vector<std::pair<std::size_t, QString>> m_runLayerEntries;
  qint64 m_lastRunId = 0;
  qint64 m_selectAfterList = 0;

  QTabWidget* m_tabs = nullptr;
  ScenarioEditor* m_editor = nullptr;
  RunsPanel* m_runs = nullptr;
  ComparisonPanel* m_comparison = nullptr;
  QPushButton* m_open = nullptr;
  QPushButton* m_new = nullptr;
  QPushButton* m_save = nullptr;
  QPushButton* m_saveAs = nullptr;
  QPushButton* m_runButton = nullptr;
  QPushButton* m_cancelButton = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace ekm::widgets
