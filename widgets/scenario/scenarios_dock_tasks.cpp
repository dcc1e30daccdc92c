// The Scenarios dock's background work: run, list runs, compare, export (TaskManager tasks).
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTabWidget>
#include <atomic>
#include <cmath>

#include "ekm/core/error.h"
#include "scenario/comparison_layers.h"
#include "scenario/comparison_panel.h"
#include "scenario/runs_panel.h"
#include "scenario/scenario_editor.h"
#include "scenario/scenarios_dock.h"

namespace ekm::widgets {

void ScenariosDock::run() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks || m_runTask.isRunning() || !m_editor->hasDocument()) return;
  // Params first, at the field (the run checks everything again before any work).
  if (!m_editor->validateSteps()) {
    m_tabs->setCurrentWidget(m_editor);
    setStatus(tr("Check the marked parameter."), true);
    return;
  }
  scenario::Scenario s;
  try {
    s = m_editor->scenario();
  } catch (const core::Error& e) {
    m_editor->showError(e);
    m_tabs->setCurrentWidget(m_editor);
    setStatus(tr("The scenario is not valid."), true);
    return;
  }
  const QString name = QString::fromStdString(s.name);
  TaskOptions options;
  options.replaceKey = QStringLiteral("scenario-run");
  options.context = this;
  // The id is known once run() returns; callbacks of an older run are dropped.
  auto id = std::make_shared<quint64>(0);
  options.onProgress = [this, id](double percent) {
    if (*id == m_runTask.id()) m_progress->setValue(static_cast<int>(std::lround(percent)));
  };
  // The run the worker stored, if Cancel came after its last check (the store's transaction
  // had begun): the task ends as cancelled, but the run is there and is reported as such.
  auto stored = std::make_shared<std::atomic<qint64>>(0);
  options.onCancelled = [this, id, stored] {
    if (*id != m_runTask.id()) return;
    m_runTask = {};  // finished (the manager counts it as running while its callbacks run)
    updateActions();
    if (const qint64 run = stored->load(); run > 0) {
      setStatus(tr("Cancel came too late: run %1 was already stored.").arg(run));
      m_lastRunId = run;
      m_selectAfterList = run;
      refreshRuns();
      emit runFinished(RunStatus::Completed, run, {});
      return;
    }
    setStatus(tr("Run cancelled: nothing was stored."));
    emit runFinished(RunStatus::Cancelled, 0, {});
  };
  m_progress->setValue(0);
  m_runTask = tasks->run(
      tr("Scenario %1").arg(name),
      [s = std::move(s), session = m_session, stored](core::Feedback& feedback) mutable {
        scenario::RunOutcome outcome = runScenarioOnProject(std::move(s), *session, feedback);
        stored->store(outcome.runId);
        return outcome;
      },
      [this, id](scenario::RunOutcome outcome) {
        if (*id == m_runTask.id()) runCompleted(outcome);
      },
      [this, id](const TaskError& error) {
        if (*id == m_runTask.id()) runFailed(error);
      },
      options);
  *id = m_runTask.id();
  m_editor->clearError();
  setStatus(tr("Running %1…").arg(name));
  updateActions();
}

void ScenariosDock::cancel() { m_runTask.cancel(); }

void ScenariosDock::runCompleted(const scenario::RunOutcome& outcome) {
  m_lastRunId = outcome.runId;
  m_runTask = {};  // finished (the manager counts it as running while its callbacks run)
  updateActions();
  QString text = tr("Run %1 stored: %n step(s) in %2 s.", nullptr, static_cast<int>(outcome.steps.size()))
                     .arg(outcome.runId)
                     .arg(QLocale().toString(outcome.durationS, 'f', 2));
  if (!outcome.warnings.empty())
    text += QLatin1Char(' ') + tr("%n warning(s): %1", nullptr, static_cast<int>(outcome.warnings.size()))
                                   .arg(QString::fromStdString(outcome.warnings.front()));
  setStatus(text);
  m_selectAfterList = outcome.runId;
  refreshRuns();
  m_tabs->setCurrentWidget(m_runs);
  emit runFinished(RunStatus::Completed, outcome.runId, {});
}

void ScenariosDock::runFailed(const TaskError& error) {
  m_runTask = {};
  updateActions();
  // A check names the step and field (steps[1].params.alpha): show it there.
  if (error.context && !error.context->field.empty()) {
    m_editor->showError(QString::fromStdString(error.context->field), error.message);
    m_tabs->setCurrentWidget(m_editor);
  }
  setStatus(tr("Run failed: %1").arg(error.message), true);
  emit runFinished(RunStatus::Failed, 0, error.message);
}

void ScenariosDock::refreshRuns() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) return;
  TaskOptions options;
  options.replaceKey = QStringLiteral("scenario-runs");
  options.context = this;
  options.hidden = true;  // a short read; the Runs tab shows its own state
  auto id = std::make_shared<quint64>(0);
  m_listTask = tasks->run(
      tr("Stored runs"), [session = m_session](core::Feedback&) { return listStoredRuns(*session); },
      [this, id](std::vector<store::RunRecord> runs) {
        if (*id != m_listTask.id()) return;
        m_runs->setRuns(std::move(runs));
        if (m_selectAfterList) m_runs->selectRuns({m_selectAfterList});
        m_selectAfterList = 0;
        emit runsListed();
      },
      [this, id](const TaskError& error) {
        if (*id == m_listTask.id()) m_runs->setMessage(tr("Could not list the runs: %1").arg(error.message));
      },
      options);
  *id = m_listTask.id();
}

void ScenariosDock::compare(qint64 a, qint64 b) {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) return;
  TaskOptions options;
  options.replaceKey = QStringLiteral("scenario-compare");
  options.context = this;
  auto id = std::make_shared<quint64>(0);
  m_comparison->setMessage(tr("Comparing run %1 with run %2…").arg(a).arg(b));
  m_compareTask = tasks->run(
      tr("Compare runs %1 and %2").arg(a).arg(b),
      [session = m_session, a, b](core::Feedback& feedback) { return compareStoredRuns(*session, a, b, feedback); },
      [this, id](RunComparison comparison) {
        if (*id != m_compareTask.id()) return;
        m_comparison->setComparison(std::make_shared<const RunComparison>(std::move(comparison)));
        m_tabs->setCurrentWidget(m_comparison);
        emit comparisonReady();
      },
      [this, id](const TaskError& error) {
        if (*id != m_compareTask.id()) return;
        m_comparison->setMessage(tr("Comparison failed: %1").arg(error.message));
        emit comparisonFailed(error.message);
      },
      options);
  *id = m_compareTask.id();
}

void ScenariosDock::showRun(qint64 run) {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) return;
  TaskOptions options;
  options.replaceKey = QStringLiteral("scenario-run-tables");
  options.context = this;
  auto id = std::make_shared<quint64>(0);
  m_runs->setMessage(tr("Reading run %1's results…").arg(run));
  m_runTablesTask = tasks->run(
      tr("Results of run %1").arg(run),
      [session = m_session, run](core::Feedback& feedback) { return loadStoredRunTables(*session, run, feedback); },
      [this, id, run](StoredRunTables tables) {
        if (*id != m_runTablesTask.id()) return;
        m_runTables = std::make_shared<const StoredRunTables>(std::move(tables));
        m_runLayerEntries.clear();
        QStringList entries;
        int firstCell = -1, firstSegment = -1;
        for (std::size_t i = 0; i < m_runTables->tables.size(); ++i) {
          const auto& t = m_runTables->tables[i];
          const QString defaultColumn = ComparisonLayers::defaultRunColumn(t.table);
          for (const QString& column : ComparisonLayers::runColumns(t.table)) {
            int& first = t.table.geometry == "cell" ? firstCell : firstSegment;
            if (first < 0 && column == defaultColumn) first = static_cast<int>(m_runLayerEntries.size());
            m_runLayerEntries.push_back({i, column});
            entries << QStringLiteral("%1 / %2: %3").arg(QString::fromStdString(t.stepId),
                                                          QString::fromStdString(t.table.name), column);
          }
        }
        m_runs->setRunLayers(entries, firstCell >= 0 ? firstCell : firstSegment);
        if (entries.isEmpty())
          m_runs->setMessage(tr("Run %1 has no results on mesh cells or streets to draw.").arg(run));
        for (int entry : {firstSegment, firstCell})
          if (entry >= 0) showRunLayer(entry);
        emit runLayersReady(run);
      },
      [this, id](const TaskError& error) {
        if (*id != m_runTablesTask.id()) return;
        m_runs->setMessage(tr("Could not read the run: %1").arg(error.message));
      },
      options);
  *id = m_runTablesTask.id();
}

void ScenariosDock::exportComparison(const QString& dir) {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  const auto comparison = m_comparison->comparison();
  if (!tasks || !comparison) return;
  TaskOptions options;
  options.replaceKey = QStringLiteral("scenario-export");
  options.context = this;
  auto id = std::make_shared<quint64>(0);
  m_exportTask = tasks->run(
      tr("Export comparison to %1").arg(dir),
      [session = m_session, comparison, out = QFile::encodeName(dir).toStdString()](core::Feedback&) {
        return exportRunComparison(*session, comparison->tables, out);
      },
      [this, id, dir](std::vector<std::string> files) {
        if (*id != m_exportTask.id()) return;
        QStringList list;
        for (const auto& f : files) list << QFile::decodeName(f.c_str());
        m_comparison->setMessage(tr("%n file(s) written to %1 (CSV tables; GeoJSON layers for cells and segments).",
                                    nullptr, static_cast<int>(list.size()))
                                     .arg(dir));
        emit comparisonExported(list, {});
      },
      [this, id](const TaskError& error) {
        if (*id != m_exportTask.id()) return;
        m_comparison->setMessage(tr("Export failed: %1").arg(error.message));
        emit comparisonExported({}, error.message);
      },
      options);
  *id = m_exportTask.id();
}

}  // namespace ekm::widgets
