// The Scenarios dock: its widgets, the session, files and map layers (tasks: scenarios_dock_tasks.cpp).
#include "scenario/scenarios_dock.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include "layers/layers_panel.h"
#include "scenario/comparison_layers.h"
#include "scenario/comparison_panel.h"
#include "scenario/run_list_model.h"
#include "scenario/runs_panel.h"
#include "scenario/scenario_editor.h"

namespace ekm::widgets {

ScenariosDock::ScenariosDock(QWidget* parent, const ops::Registry& registry) : QDockWidget(tr("Scenarios"), parent) {
  setObjectName(QStringLiteral("ScenariosDock"));
  m_editor = new ScenarioEditor(registry, this);
  buildUi();
  setSession(nullptr);
}

// Tasks have this dock as their context: destroying it cancels them and drops their results.
ScenariosDock::~ScenariosDock() {
  for (const TaskHandle& t : {m_runTask, m_listTask, m_compareTask, m_exportTask, m_runTablesTask}) t.cancel();
}

void ScenariosDock::buildUi() {
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);
  auto* files = new QHBoxLayout();
  m_open = new QPushButton(tr("Open…"), content);
  m_open->setToolTip(tr("Open a scenario file (JSON)"));
  m_new = new QPushButton(tr("New"), content);
  m_new->setToolTip(tr("A new scenario with one step of the operation chosen below"));
  m_save = new QPushButton(tr("Save"), content);
  m_saveAs = new QPushButton(tr("Save As…"), content);
  for (QPushButton* b : {m_open, m_new, m_save, m_saveAs}) files->addWidget(b);
  files->addStretch(1);
  layout->addLayout(files);

  m_tabs = new QTabWidget(content);
  m_editor->setParent(m_tabs);
  m_tabs->addTab(m_editor, tr("Scenario"));
  m_runs = new RunsPanel(m_tabs);
  m_tabs->addTab(m_runs, tr("Runs"));
  m_comparison = new ComparisonPanel(m_tabs);
  m_tabs->addTab(m_comparison, tr("Comparison"));
  layout->addWidget(m_tabs, 1);

  auto* runRow = new QHBoxLayout();
  m_runButton = new QPushButton(tr("Run"), content);
  m_runButton->setToolTip(tr("Run the scenario on the open project and keep its results there"));
  m_cancelButton = new QPushButton(tr("Cancel"), content);
  m_progress = new QProgressBar(content);
  m_progress->setRange(0, 100);
  runRow->addWidget(m_runButton);
  runRow->addWidget(m_cancelButton);
  runRow->addWidget(m_progress, 1);
  layout->addLayout(runRow);
  m_status = new QLabel(content);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_status);
  setWidget(content);

  connect(m_open, &QPushButton::clicked, this, &ScenariosDock::chooseScenarioFile);
  connect(m_new, &QPushButton::clicked, this, [this] { newScenario(); });
  connect(m_save, &QPushButton::clicked, this, [this] { saveScenario(false); });
  connect(m_saveAs, &QPushButton::clicked, this, [this] { saveScenario(true); });
  connect(m_runButton, &QPushButton::clicked, this, &ScenariosDock::run);
  connect(m_cancelButton, &QPushButton::clicked, this, &ScenariosDock::cancel);
  connect(m_editor, &ScenarioEditor::documentChanged, this, &ScenariosDock::updateActions);
  connect(m_runs, &RunsPanel::refreshRequested, this, &ScenariosDock::refreshRuns);
  connect(m_runs, &RunsPanel::compareRequested, this, &ScenariosDock::compare);
  connect(m_runs, &RunsPanel::editRequested, this, &ScenariosDock::editRunScenario);
  connect(m_runs, &RunsPanel::showRunRequested, this, &ScenariosDock::showRun);
  connect(m_runs, &RunsPanel::runLayerChosen, this, &ScenariosDock::showRunLayer);
  connect(m_comparison, &ComparisonPanel::showOnMapRequested, this, &ScenariosDock::showOnMap);
  connect(m_comparison, &ComparisonPanel::exportRequested, this, &ScenariosDock::chooseExportFolder);
}

void ScenariosDock::setSession(SessionPtr session) {
  // The old project's tasks are cancelled; results still on their way are dropped.
  for (const TaskHandle& t : {m_runTask, m_listTask, m_compareTask, m_exportTask, m_runTablesTask}) t.cancel();
  m_runTask = m_listTask = m_compareTask = m_exportTask = m_runTablesTask = {};
  m_runTables.reset();
  m_runLayerEntries.clear();
  m_runs->setRunLayers({}, -1);
  m_session = std::move(session);
  m_lastRunId = 0;
  m_runs->setRuns({});
  m_comparison->setComparison(nullptr);
  m_comparison->setMapAvailable(m_session && m_layersPanel);
  m_progress->setValue(0);
  setStatus(m_session ? QString() : tr("Open a project to run scenarios on it."));
  updateActions();
  if (m_session) refreshRuns();
}

void ScenariosDock::setLayersPanel(LayersPanel* panel) {
  m_layersPanel = panel;
  m_comparison->setMapAvailable(m_session && m_layersPanel);
}

QString ScenariosDock::statusText() const { return m_status->text(); }

void ScenariosDock::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00020; }") : QString());
}

void ScenariosDock::updateActions() {
  const bool running = m_runTask.isRunning();
  const bool canRun = m_session && m_session->tasks() && m_editor->hasDocument();
  m_runButton->setEnabled(canRun && !running);
  m_cancelButton->setEnabled(running);
  m_progress->setVisible(running);
  m_new->setEnabled(m_editor->operationBox()->count() > 0);
  m_save->setEnabled(m_editor->hasDocument() && !m_editor->file().isEmpty() && m_editor->isModified());
  m_saveAs->setEnabled(m_editor->hasDocument());
}

bool ScenariosDock::openScenario(const QString& path) {
  const bool ok = m_editor->openFile(path);
  m_tabs->setCurrentWidget(m_editor);
  setStatus(ok ? tr("Opened %1.").arg(QFileInfo(path).fileName()) : tr("Could not open %1.").arg(path), !ok);
  updateActions();
  return ok;
}

void ScenariosDock::newScenario(const QString& op) {
  const QString name = op.isEmpty() ? m_editor->operationBox()->currentText() : op;
  if (name.isEmpty()) return;
  m_editor->newScenario(name, m_session ? m_session->path() : QString());
  m_tabs->setCurrentWidget(m_editor);
  updateActions();
}

void ScenariosDock::chooseScenarioFile() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QFileInfo(m_editor->file()).absolutePath(),
                                                    tr("Scenario files (*.json)"));
  if (!path.isEmpty()) openScenario(path);
}

void ScenariosDock::saveScenario(bool choosePath) {
  QString path = m_editor->file();
  if (choosePath || path.isEmpty()) {
    path = QFileDialog::getSaveFileName(this, tr("Save scenario"), path.isEmpty() ? QStringLiteral("scenario.json") : path,
                                        tr("Scenario files (*.json)"));
    if (path.isEmpty()) return;
  }
  if (m_editor->save(path)) setStatus(tr("Saved %1.").arg(path));
  else setStatus(tr("Could not save %1.").arg(path), true);
  updateActions();
}

void ScenariosDock::chooseExportFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Export comparison into folder"));
  if (!dir.isEmpty()) exportComparison(dir);
}

void ScenariosDock::editRunScenario(qint64 run) {
  const int row = m_runs->model()->rowOf(run);
  if (row < 0) return;
  const store::RunRecord& r = m_runs->model()->run(row);
  try {
    const ops::Json doc = ops::Json::parse(r.scenarioJson);
    if (m_editor->setDocument(doc, QString::fromStdString(r.scenarioFile)))
      setStatus(tr("The scenario of run %1; running it makes a new run.").arg(run));
  } catch (const nlohmann::json::parse_error& e) {
    setStatus(tr("Run %1's scenario is not valid JSON: %2").arg(run).arg(QString::fromUtf8(e.what())), true);
  }
  m_tabs->setCurrentWidget(m_editor);
  updateActions();
}

bool ScenariosDock::showOnMap(int table, const QString& column) {
  const auto comparison = m_comparison->comparison();
  if (!comparison || table < 0 || table >= static_cast<int>(comparison->tables.size())) return false;
  const auto& t = comparison->tables[static_cast<std::size_t>(table)];
  const QString runs = tr("Runs %1 → %2").arg(comparison->a.fid).arg(comparison->b.fid);
  const auto index = static_cast<std::size_t>(table);
  const SegmentLines* keyLines = index < comparison->keyLines.size() ? comparison->keyLines[index].get() : nullptr;
  auto layer = ComparisonLayers::layer(t, column, runs, m_session ? m_session->mesh() : nullptr,
                                       comparison->segmentLines.get(), keyLines);
  if (!layer) {
    m_comparison->setMessage(tr("%1 / %2 has no map geometry here (mesh cells, road segments and result lines only); "
                                "export it instead.")
                                 .arg(QString::fromStdString(t.stepId), QString::fromStdString(t.table)));
    return false;
  }
  if (m_layersPanel) {
    m_layersPanel->showLayer(layer);
  }
  m_comparison->setMessage(tr("On the map: %1.").arg(layer->name()));
  emit differenceLayerShown(layer);
  return true;
}

bool ScenariosDock::showRunLayer(int entry) {
  if (!m_runTables || entry < 0 || entry >= static_cast<int>(m_runLayerEntries.size())) return false;
  const auto& [table, column] = m_runLayerEntries[static_cast<std::size_t>(entry)];
  const auto& t = m_runTables->tables[table];
  auto layer = ComparisonLayers::runLayer(t.table, QString::fromStdString(t.stepId), column, m_runTables->run.fid,
                                          m_session ? m_session->mesh() : nullptr, m_runTables->segmentLines.get());
  if (!layer) {
    m_runs->setMessage(tr("%1 / %2 has no map geometry here (no mesh or no road segments in the project).")
                           .arg(QString::fromStdString(t.stepId), QString::fromStdString(t.table.name)));
    return false;
  }
  if (m_layersPanel) m_layersPanel->showLayer(layer);
  m_runs->setMessage(tr("On the map: %1.").arg(layer->name()));
  emit runLayerShown(layer);
  return true;
}

}  // namespace ekm::widgets
