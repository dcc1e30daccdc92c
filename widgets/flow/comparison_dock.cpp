#include "flow/comparison_dock.h"

#include <QComboBox>
#include <QFile>
#include <QDateEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/flow/store_series.h"
#include "flow/comparison_model.h"
#include "tasks/operation_task.h"

namespace ekm::widgets {

namespace {
using namespace std::chrono;

QDate toQDate(const year_month_day& d) {
  return QDate(static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
               static_cast<int>(static_cast<unsigned>(d.day())));
}
year_month_day toYmd(const QDate& d) {
  return year_month_day{year(d.year()), month(static_cast<unsigned>(d.month())), day(static_cast<unsigned>(d.day()))};
}
year_month_day addDays(const year_month_day& d, int n) { return year_month_day{sys_days(d) + days(n)}; }
}  // namespace

ComparisonDock::ComparisonDock(QWidget* parent) : QDockWidget(tr("Comparison"), parent) {
  setObjectName(QStringLiteral("ComparisonDock"));
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);
  auto makeDate = [content] {
    auto* e = new QDateEdit(content);
    e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    e->setCalendarPopup(true);
    return e;
  };
  m_aFrom = makeDate();
  m_aTo = makeDate();
  m_bFrom = makeDate();
  m_bTo = makeDate();
  auto* form = new QFormLayout();
  auto* rowA = new QHBoxLayout();
  rowA->addWidget(m_aFrom);
  rowA->addWidget(new QLabel(tr("to"), content));
  rowA->addWidget(m_aTo);
  auto* rowB = new QHBoxLayout();
  rowB->addWidget(m_bFrom);
  rowB->addWidget(new QLabel(tr("to"), content));
  rowB->addWidget(m_bTo);
  form->addRow(tr("Period A:"), rowA);
  form->addRow(tr("Period B:"), rowB);
  m_modeBox = new QComboBox(content);
  m_modeBox->addItem(tr("Absolute change (people per day)"));
  m_modeBox->addItem(tr("Relative change (%)"));
  form->addRow(tr("Map:"), m_modeBox);
  layout->addLayout(form);

  auto* buttons = new QHBoxLayout();
  m_runButton = new QPushButton(tr("Compare"), content);
  m_cancelButton = new QPushButton(tr("Cancel"), content);
  m_exportButton = new QPushButton(tr("Export CSV…"), content);
  m_progress = new QProgressBar(content);
  m_progress->setRange(0, 100);
  buttons->addWidget(m_runButton);
  buttons->addWidget(m_cancelButton);
  buttons->addWidget(m_progress, 1);
  buttons->addWidget(m_exportButton);
  layout->addLayout(buttons);
  m_status = new QLabel(tr("Open a project to compare periods."), content);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);

  m_model = new ComparisonTableModel(this);
  m_table = new QTableView(content);
  m_table->setModel(m_model);
  m_table->setSortingEnabled(true);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSortIndicator(ComparisonTableModel::Change, Qt::DescendingOrder);
  layout->addWidget(m_table, 1);
  setWidget(content);

  connect(m_runButton, &QPushButton::clicked, this, &ComparisonDock::run);
  connect(m_cancelButton, &QPushButton::clicked, this, &ComparisonDock::cancel);
  connect(m_exportButton, &QPushButton::clicked, this, &ComparisonDock::chooseExportFile);
  connect(m_modeBox, &QComboBox::currentIndexChanged, this,
          [this](int i) { setChangeMode(i == 1 ? ChangeMode::Percent : ChangeMode::Absolute); });
  connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
    emit cellActivated(m_model->data(m_model->index(index.row(), ComparisonTableModel::Code)).toString());
  });
  setRunning(false);
  m_runButton->setEnabled(false);
  m_exportButton->setEnabled(false);
}

// A run's task has this dock as its context: destroying the dock cancels it and drops its
// result (nothing waits for the worker).
ComparisonDock::~ComparisonDock() { m_task.cancel(); }

std::pair<flow::DayPeriod, flow::DayPeriod> ComparisonDock::defaultPeriods(std::optional<store::TimeRange> range) {
  const year_month_day opening{year(2025) / 3 / 27};
  flow::DayPeriod a{addDays(opening, -28), addDays(opening, -1)};
  flow::DayPeriod b{opening, addDays(opening, 27)};
  if (!range) return {a, b};
  const year_month_day first = core::jstFromHourKey(range->first).date;
  const year_month_day last = core::jstFromHourKey(range->last).date;
  if (sys_days(a.from) >= sys_days(first) && sys_days(b.to) <= sys_days(last)) return {a, b};
  const int span = static_cast<int>((sys_days(last) - sys_days(first)).count()) + 1;
  const int half = std::max(1, span / 2);
  a = {first, addDays(first, half - 1)};
  b = {addDays(first, half), span > 1 ? last : first};
  return {a, b};
}

void ComparisonDock::setSession(SessionPtr session) {
  // The old project's run is cancelled; its result, if any arrives, is not shown.
  cancel();
  m_task = {};
  m_session = std::move(session);
  m_geometry = m_session ? m_session->mesh() : nullptr;
  const auto [a, b] = defaultPeriods(m_session ? m_session->timeRange() : std::nullopt);
  setPeriods(a, b);
  m_model->setComparisons({});
  m_layer.reset();
  setRunning(false);
  m_exportButton->setEnabled(false);
  m_status->setText(!m_session   ? tr("Open a project to compare periods.")
                    : m_geometry ? tr("%n mesh cells.", nullptr, static_cast<int>(m_geometry->size()))
                                 : tr("The project has no mesh cells."));
}

void ComparisonDock::setPeriods(const flow::DayPeriod& a, const flow::DayPeriod& b) {
  m_aFrom->setDate(toQDate(a.from));
  m_aTo->setDate(toQDate(a.to));
  m_bFrom->setDate(toQDate(b.from));
  m_bTo->setDate(toQDate(b.to));
}

flow::DayPeriod ComparisonDock::periodA() const { return {toYmd(m_aFrom->date()), toYmd(m_aTo->date())}; }
flow::DayPeriod ComparisonDock::periodB() const { return {toYmd(m_bFrom->date()), toYmd(m_bTo->date())}; }

void ComparisonDock::setChangeMode(ChangeMode mode) {
  if (mode == m_mode) return;
  m_mode = mode;
  const QSignalBlocker block(m_modeBox);
  m_modeBox->setCurrentIndex(mode == ChangeMode::Percent ? 1 : 0);
  if (!m_model->comparisons().empty()) rebuildLayer();
}

void ComparisonDock::setRunning(bool running) {
  m_runButton->setEnabled(!running && m_session && m_geometry);
  m_cancelButton->setEnabled(running);
  m_progress->setVisible(running);
}

// The dock's fields as the compare-periods operation's Params: every mesh cell, 500
// bootstrap resamples with the dock's fixed seed.
flow::ComparePeriodsParams ComparisonDock::params() const {
  auto text = [](const flow::DayPeriod& p) { return core::formatDate(p.from) + ".." + core::formatDate(p.to); };
  flow::ComparePeriodsParams p;
  p.kind = "mesh-population";
  p.a = text(periodA());
  p.b = text(periodB());
  p.bootstrap = 500;
  p.seed = static_cast<std::int64_t>(flow::CompareOptions{}.seed);
  return p;
}

void ComparisonDock::run() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks || m_task.isRunning()) return;
  const flow::DayPeriod a = periodA(), b = periodB();
  if (sys_days(a.from) > sys_days(a.to) || sys_days(b.from) > sys_days(b.to)) {
    m_status->setText(tr("Each period must start on or before its last day."));
    return;
  }
  m_progress->setValue(0);
  setRunning(true);
  m_status->setText(tr("Comparing…"));
  TaskOptions options;
  options.context = this;
  options.replaceKey = QStringLiteral("comparison");
  // The id is known once run() returns; callbacks of an older run (a project switch) are dropped.
  auto id = std::make_shared<quint64>(0);
  options.onCancelled = [this, id] {
    if (*id == m_task.id()) cancelled();
  };
  options.onProgress = [this, id](double percent) {
    if (*id == m_task.id()) m_progress->setValue(static_cast<int>(std::lround(percent)));
  };
  m_task = submitOperation<flow::ComparePeriodsOp>(
      *tasks, tr("Comparison of periods A and B"), m_session->file(), params(),
      [this, id](std::vector<flow::Comparison> rows) {
        if (*id == m_task.id()) completed(std::move(rows));
      },
      [this, id](const TaskError& error) {
        if (*id == m_task.id()) failed(error);
      },
      options, [](flow::ComparePeriodsResult r) { return std::move(r.rows); });
  *id = m_task.id();
}

void ComparisonDock::cancel() { m_task.cancel(); }

void ComparisonDock::cancelled() {
  setRunning(false);
  m_status->setText(tr("Comparison cancelled."));
  emit runFinished(RunStatus::Cancelled, {});
}

void ComparisonDock::failed(const TaskError& error) {
  setRunning(false);
  m_status->setText(tr("Comparison failed."));
  auto* box = new QMessageBox(QMessageBox::Critical, tr("Comparison failed"), tr("The periods could not be compared."),
                              QMessageBox::Ok, this);
  box->setInformativeText(error.message);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
  emit runFinished(RunStatus::Failed, error.message);
}

void ComparisonDock::completed(std::vector<flow::Comparison> rows) {
  setRunning(false);
  int significant = 0;
  for (const auto& c : rows) significant += c.significant ? 1 : 0;
  const std::size_t count = rows.size();
  m_model->setComparisons(std::move(rows));
  const auto* header = m_table->horizontalHeader();
  m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
  m_status->setText(tr("%1 cells compared, %2 with a significant change (p < 0.05).").arg(count).arg(significant));
  m_exportButton->setEnabled(count > 0);
  rebuildLayer();
  emit runFinished(RunStatus::Completed, {});
}

void ComparisonDock::rebuildLayer() {
  if (!m_geometry) return;
  std::unordered_map<std::string, const flow::Comparison*> byCode;
  for (const auto& c : m_model->comparisons()) byCode[c.feature] = &c;
  auto values = std::make_shared<std::vector<double>>(m_geometry->size(), std::nan(""));
  for (std::size_t i = 0; i < m_geometry->size(); ++i) {
    const auto it = byCode.find(m_geometry->codes[i]);
    if (it == byCode.end()) continue;
    (*values)[i] = m_mode == ChangeMode::Percent ? 100.0 * it->second->relChange : it->second->absChange;
  }
  const render::DivergingRamp ramp(render::DivergingRamp::niceMaxAbs(*values), 7);
  m_layer = std::make_shared<const render::DifferenceLayer>(QStringLiteral("comparison"), tr("Comparison B − A"),
                                                            m_geometry, values, ramp);
  emit differenceLayerReady(m_layer, legendGroup());
}

render::LegendGroup ComparisonDock::legendGroup() const {
  if (!m_layer) return {};
  const QString title = m_mode == ChangeMode::Percent ? tr("Change B − A (%)") : tr("Change B − A (people per day)");
  render::LegendGroup group = render::Legend::forGraduatedStyle(title, m_layer->ramp().style());
  return group;
}

bool ComparisonDock::exportCsv(const QString& path) {
  QString error;
  if (m_model->writeCsv(path, &error)) {
    m_status->setText(tr("Exported %1").arg(path));
    return true;
  }
  QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1: %2").arg(path, error));
  return false;
}

void ComparisonDock::chooseExportFile() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export comparison"), QStringLiteral("comparison.csv"), tr("CSV files (*.csv)"));
  if (!path.isEmpty()) exportCsv(path);
}

}  // namespace ekm::widgets
