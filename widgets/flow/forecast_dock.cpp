#include "flow/forecast_dock.h"

#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <unordered_map>

#include "charts/chart_panel.h"
#include "ekm/core/error.h"
#include "ekm/flow/forecast_op.h"

namespace ekm::widgets {

ForecastMeshValues::ForecastMeshValues(std::shared_ptr<const render::MeshValueSource> base, core::HourKey origin,
                                       std::vector<std::vector<double>> byHour, std::size_t cellCount)
    : m_base(std::move(base)), m_origin(origin), m_cellCount(cellCount) {
  for (auto& v : byHour) {
    v.resize(cellCount, std::nan(""));
    m_byHour.push_back(std::make_shared<const std::vector<double>>(std::move(v)));
  }
}

std::shared_ptr<const std::vector<double>> ForecastMeshValues::valuesAt(core::HourKey hour,
                                                                        core::Feedback& feedback) const {
  if (hour >= m_origin && hour < end()) return m_byHour[static_cast<std::size_t>(hour - m_origin)];
  if (hour < m_origin && m_base) return m_base->valuesAt(hour, feedback);
  return std::make_shared<const std::vector<double>>(m_cellCount, std::nan(""));
}

ForecastDock::ForecastDock(QWidget* parent) : QDockWidget(tr("Forecast"), parent) {
  setObjectName(QStringLiteral("ForecastDock"));
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);
  auto* form = new QFormLayout();
  m_kindBox = new QComboBox(content);
  m_kindBox->addItem(tr("Mesh cell"), static_cast<int>(flow::FeatureKind::Cell));
  m_kindBox->addItem(tr("Road segment"), static_cast<int>(flow::FeatureKind::Segment));
  m_kindBox->addItem(tr("Station"), static_cast<int>(flow::FeatureKind::Station));
  m_idBox = new QComboBox(content);
  m_idBox->setEditable(true);
  m_idBox->setInsertPolicy(QComboBox::NoInsert);
  m_idBox->setToolTip(tr("A mesh code, segment id or station id; several ids separated by commas form a zone"));
  auto* featureRow = new QHBoxLayout();
  featureRow->addWidget(m_kindBox);
  featureRow->addWidget(m_idBox, 1);
  form->addRow(tr("Feature:"), featureRow);
  m_modelBox = new QComboBox(content);
  m_modelBox->addItem(tr("Seasonal naive (same hour last week)"), static_cast<int>(flow::ForecastModel::SeasonalNaive));
  m_modelBox->addItem(tr("Seasonal profile with trend"), static_cast<int>(flow::ForecastModel::SeasonalProfile));
  m_modelBox->addItem(tr("Regression (calendar, lags)"), static_cast<int>(flow::ForecastModel::Regression));
  m_modelBox->setCurrentIndex(2);
  form->addRow(tr("Model:"), m_modelBox);
  m_horizon = new QSpinBox(content);
  m_horizon->setRange(1, 14);
  m_horizon->setValue(7);
  m_horizon->setSuffix(tr(" days"));
  form->addRow(tr("Horizon:"), m_horizon);
  layout->addLayout(form);

  auto* buttons = new QHBoxLayout();
  m_runButton = new QPushButton(tr("Forecast"), content);
  m_mapButton = new QPushButton(tr("Forecast map"), content);
  m_mapButton->setToolTip(tr("Forecast every mesh cell; the time bar then continues into the forecast hours"));
  m_cancelButton = new QPushButton(tr("Cancel"), content);
  m_progress = new QProgressBar(content);
  m_progress->setRange(0, 100);
  buttons->addWidget(m_runButton);
  buttons->addWidget(m_mapButton);
  buttons->addWidget(m_cancelButton);
  buttons->addWidget(m_progress, 1);
  layout->addLayout(buttons);
  m_status = new QLabel(tr("Open a project to forecast."), content);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);

  m_chart = new ChartPanel(content);
  m_chart->setMinimumHeight(260);
  m_chart->setValueAxisTitle(tr("people / hour"));
  layout->addWidget(m_chart, 1);

  m_metrics = new QTableWidget(1, 6, content);
  m_metrics->setHorizontalHeaderLabels({tr("MAE"), tr("RMSE"), tr("WAPE"), tr("MASE"), tr("Cov. 80%"),
                                        tr("Cov. 95%")});
  m_metrics->setVerticalHeaderLabels({tr("Backtest")});
  m_metrics->setToolTip(tr("Rolling-origin backtest: MAE, RMSE, WAPE, MASE and the share of actual hours inside the 80% and 95% intervals"));
  m_metrics->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_metrics->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_metrics->setMaximumHeight(m_metrics->horizontalHeader()->sizeHint().height() +
                              m_metrics->verticalHeader()->defaultSectionSize() + 6);
  m_metrics->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  layout->addWidget(m_metrics);
  setWidget(content);

  connect(m_runButton, &QPushButton::clicked, this, &ForecastDock::run);
  connect(m_mapButton, &QPushButton::clicked, this, &ForecastDock::runMap);
  connect(m_cancelButton, &QPushButton::clicked, this, &ForecastDock::cancel);
  connect(m_kindBox, &QComboBox::currentIndexChanged, this, &ForecastDock::fillIds);
  setRunning(false);
}

// Tasks have this dock as their context: destroying the dock cancels them and drops their
// results (nothing waits for the workers).
ForecastDock::~ForecastDock() {
  m_task.cancel();
  m_idsTask.cancel();
}

void ForecastDock::start(const QString& title, std::function<Outcome(core::Feedback&)> work) {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) return;
  m_progress->setValue(0);
  setRunning(true);
  TaskOptions options;
  options.context = this;
  options.replaceKey = QStringLiteral("forecast");  // a newer run replaces a running one
  // The id is known once run() returns; callbacks compare it with the current task's.
  auto id = std::make_shared<quint64>(0);
  options.onCancelled = [this, id] { cancelled(*id); };
  options.onProgress = [this, id](double percent) {
    if (*id == m_task.id()) m_progress->setValue(static_cast<int>(std::lround(percent)));
  };
  m_task = tasks->run(
      title, std::move(work), [this, id](Outcome outcome) { completed(*id, std::move(outcome)); },
      [this, id](const TaskError& error) { failed(*id, error); }, options);
  *id = m_task.id();
}

void ForecastDock::setSession(SessionPtr session) {
  // The old project's tasks are cancelled; their results, if any arrive, are not shown.
  cancel();
  m_task = {};
  m_idsTask.cancel();
  m_session = std::move(session);
  const auto mesh = m_session ? m_session->mesh() : nullptr;
  m_meshCodes = mesh ? mesh->codes : std::vector<std::string>{};
  m_segmentIds.clear();
  m_stationIds.clear();
  m_chart->clear();
  m_metrics->clearContents();
  m_backtest.reset();
  m_forecast.reset();
  fillIds();
  setRunning(false);
  m_status->setText(m_session ? tr("Choose a feature and press Forecast.") : tr("Open a project to forecast."));
  if (!m_session || !m_session->tasks()) return;
  using Ids = std::pair<std::vector<std::string>, std::vector<std::string>>;
  m_idsTask = m_session->tasks()->run(
      tr("List road segments and stations"),
      [session = m_session](core::Feedback&) {
        Ids ids;
        try {
          const store::Project& project = session->store();
          for (const auto& s : project.segments()) ids.first.push_back(s.segmentId);
          for (const auto& s : project.stations()) ids.second.push_back(s.stationId);
        } catch (const std::exception&) {
          // The list is a convenience; ids can still be typed (and a bad one is reported then).
        }
        return ids;
      },
      [this, session = m_session](Ids ids) {
        if (session != m_session) return;  // an older project's list
        m_segmentIds = std::move(ids.first);
        m_stationIds = std::move(ids.second);
        if (featureKind() != flow::FeatureKind::Cell) fillIds();
      },
      {}, TaskOptions::hiddenRead(QStringLiteral("forecast-ids"), this));
}

void ForecastDock::fillIds() {
  const QString current = m_idBox->currentText();
  const std::vector<std::string>& ids = featureKind() == flow::FeatureKind::Cell      ? m_meshCodes
                                        : featureKind() == flow::FeatureKind::Segment ? m_segmentIds
                                                                                       : m_stationIds;
  const QSignalBlocker block(m_idBox);
  m_idBox->clear();
  for (const auto& id : ids) m_idBox->addItem(QString::fromStdString(id));
  const int i = m_idBox->findText(current);
  if (i >= 0) m_idBox->setCurrentIndex(i);
}

void ForecastDock::setFeature(flow::FeatureKind kind, const QString& id) {
  m_kindBox->setCurrentIndex(m_kindBox->findData(static_cast<int>(kind)));
  const int i = m_idBox->findText(id);
  if (i >= 0) m_idBox->setCurrentIndex(i);
  else m_idBox->setEditText(id);
}
void ForecastDock::selectCell(const QString& meshCode) { setFeature(flow::FeatureKind::Cell, meshCode); }
void ForecastDock::setModel(flow::ForecastModel model) { m_modelBox->setCurrentIndex(m_modelBox->findData(static_cast<int>(model))); }
void ForecastDock::setHorizonDays(int days) { m_horizon->setValue(days); }
flow::FeatureKind ForecastDock::featureKind() const { return static_cast<flow::FeatureKind>(m_kindBox->currentData().toInt()); }
QString ForecastDock::featureId() const { return m_idBox->currentText().trimmed(); }
flow::ForecastModel ForecastDock::model() const { return static_cast<flow::ForecastModel>(m_modelBox->currentData().toInt()); }
int ForecastDock::horizonDays() const { return m_horizon->value(); }

void ForecastDock::setRunning(bool running) {
  m_runButton->setEnabled(!running && m_session);
  m_mapButton->setEnabled(!running && m_session && !m_meshCodes.empty());
  m_cancelButton->setEnabled(running);
  m_progress->setVisible(running);
}

// The dock's fields as the forecast operation's Params (flow/forecast_op.h).
flow::ForecastParams ForecastDock::params() const {
  flow::ForecastParams p;
  p.model = flow::forecastModelName(model());
  p.horizon = horizonDays();
  return p;
}

void ForecastDock::run() {
  if (!m_session) return;
  const std::string id = featureId().toStdString();
  if (id.empty()) {
    m_status->setText(tr("Choose a feature first."));
    return;
  }
  m_status->setText(tr("Forecasting %1…").arg(featureId()));
  flow::ForecastParams forecast = params();
  const flow::FeatureKind kind = featureKind();
  (kind == flow::FeatureKind::Cell      ? forecast.feature.cell
   : kind == flow::FeatureKind::Segment ? forecast.feature.segment
                                        : forecast.feature.station) = id;
  // The backtest: weekly origins, the latest 8 of them, at least 28 days of training before.
  flow::BacktestParams backtest;
  backtest.forecast = forecast;
  backtest.step_days = 7;
  backtest.min_training_days = 28;
  backtest.origins = 8;
  start(tr("Forecast of %1").arg(featureId()),
        [file = m_session->file(), forecast, backtest](core::Feedback& feedback) {
          ops::Session session(file);  // this worker's own connection
          core::MultiStepFeedback steps(feedback, 2);
          const flow::ForecastOutcome f = ops::run<flow::ForecastOp>(session, forecast, steps);
          steps.setCurrentStep(1);
          const flow::ForecastOutcome b = ops::run<flow::BacktestOp>(session, backtest, steps);
          Outcome outcome;
          const flow::HourlySeries& series = f.series.front().second;
          outcome.forecast = f.result.forecasts.front().forecast;
          if (const auto& bt = b.result.backtests.front().series.front(); bt.origins > 0) outcome.backtest = bt;
          outcome.history = series.slice(series.end() - 28 * 24, series.end());
          outcome.origin = series.end();
          outcome.end = series.end() + forecast.horizon * 24;
          return outcome;
        });
}

void ForecastDock::runMap() {
  if (!m_session || m_meshCodes.empty()) return;
  m_status->setText(tr("Forecasting %n mesh cells…", nullptr, static_cast<int>(m_meshCodes.size())));
  flow::ForecastParams p = params();
  p.every = "cell";
  p.threads = 0;  // every core
  const std::vector<std::string> codes = m_meshCodes;
  const auto base = m_session->meshValues();
  start(tr("Forecast map (%n mesh cells)", nullptr, static_cast<int>(codes.size())),
        [file = m_session->file(), p, codes, base](core::Feedback& feedback) {
          ops::Session session(file);
          const flow::ForecastOutcome r = ops::run<flow::ForecastOp>(session, p, feedback);
          Outcome outcome;
          outcome.map = true;
          outcome.unforecastable = static_cast<int>(r.unforecastable.size());
          std::unordered_map<std::string, const flow::Forecast*> byCode;
          flow::HourKey origin = 0;
          for (const auto& sf : r.result.forecasts) {
            byCode[sf.series] = &sf.forecast;
            origin = std::max(origin, sf.forecast.mean.start);
          }
          // Cells without a forecast (no data) stay missing, never 0.
          const auto hours = static_cast<std::size_t>(p.horizon * 24);
          std::vector<std::vector<double>> byHour(hours, std::vector<double>(codes.size(), std::nan("")));
          for (std::size_t c = 0; c < codes.size(); ++c) {
            const auto it = byCode.find(codes[c]);
            if (it == byCode.end()) continue;
            const auto& mean = it->second->mean;
            for (std::size_t h = 0; h < hours && h < mean.size(); ++h) byHour[h][c] = mean.values[h];
          }
          outcome.origin = origin;
          outcome.end = origin + static_cast<flow::HourKey>(hours);
          outcome.mapValues =
              std::make_shared<const ForecastMeshValues>(base, origin, std::move(byHour), codes.size());
          return outcome;
        });
}

void ForecastDock::cancel() { m_task.cancel(); }

// Outcomes of a replaced run (not the current task) are not shown.
void ForecastDock::cancelled(quint64 id) {
  if (id != m_task.id()) return;
  setRunning(false);
  m_status->setText(tr("Forecast cancelled."));
  emit runFinished(RunStatus::Cancelled, {});
}

void ForecastDock::failed(quint64 id, const TaskError& error) {
  if (id != m_task.id()) return;
  setRunning(false);
  m_status->setText(tr("Forecast failed."));
  auto* box = new QMessageBox(QMessageBox::Critical, tr("Forecast failed"), tr("The forecast could not be made."),
                              QMessageBox::Ok, this);
  box->setInformativeText(error.message);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
  emit runFinished(RunStatus::Failed, error.message);
}

void ForecastDock::completed(quint64 id, Outcome outcome) {
  if (id != m_task.id()) return;
  setRunning(false);
  if (outcome.map) {
    QString text = tr("Forecast map ready from %1: move the time bar past the last observed hour.")
                       .arg(QString::fromStdString(core::formatHourKeyJst(outcome.origin)));
    if (outcome.unforecastable > 0)
      text += QLatin1Char(' ') + tr("%n cell(s) have too little data to forecast and stay empty.", nullptr,
                                    outcome.unforecastable);
    m_status->setText(text);
    emit forecastMapReady(outcome.mapValues, outcome.origin, outcome.end);
  } else {
    showResult(outcome);
  }
  emit runFinished(RunStatus::Completed, {});
}

void ForecastDock::showResult(const Outcome& outcome) {
  m_forecast = outcome.forecast;
  m_backtest = outcome.backtest;
  m_chart->clear();
  const QString name = featureId();
  m_chart->setTitle(tr("%1 — %2, %n day(s) ahead", nullptr, horizonDays())
                        .arg(name, QString::fromLatin1(flow::forecastModelName(model()))));
  if (m_forecast) {
    const auto& f = *m_forecast;
    // Widest band first so the narrower one is drawn on top.
    for (auto it = f.intervals.rbegin(); it != f.intervals.rend(); ++it)
      m_chart->addBand(tr("%1% interval").arg(std::lround(100 * it->level)), f.mean.start, it->low, it->high,
                       QColor(0xe0, 0x6c, 0x2c));
  }
  m_chart->addLine(tr("Observed"), outcome.history.start, outcome.history.values, QColor(0x33, 0x33, 0x33), 1.2);
  if (m_forecast) m_chart->addLine(tr("Forecast"), m_forecast->mean.start, m_forecast->mean.values, QColor(0xd0, 0x40, 0x10), 2);
  m_chart->setMarker(outcome.origin, tr("Forecast origin"));

  m_metrics->clearContents();
  const QLocale locale;
  auto put = [this](int col, const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_metrics->setItem(0, col, item);
  };
  if (m_backtest && m_backtest->accuracy.n > 0) {
    const auto& a = m_backtest->accuracy;
    auto num = [&](double v, int d) { return std::isfinite(v) ? locale.toString(v, 'f', d) : QStringLiteral("–"); };
    put(0, num(a.mae(), 1));
    put(1, num(a.rmse(), 1));
    put(2, num(100 * a.wape(), 1) + QStringLiteral(" %"));
    put(3, num(a.mase(), 2));
    for (std::size_t k = 0; k < a.intervalLevels.size() && k < 2; ++k)
      put(4 + static_cast<int>(k), num(100 * a.coverage(k), 1) + QStringLiteral(" %"));
    m_status->setText(tr("Forecast from %1; backtest over %n origin(s).", nullptr, m_backtest->origins)
                          .arg(QString::fromStdString(core::formatHourKeyJst(outcome.origin))));
  } else {
    m_status->setText(tr("Forecast from %1; the series is too short for a backtest.")
                          .arg(QString::fromStdString(core::formatHourKeyJst(outcome.origin))));
  }
}

}  // namespace ekm::widgets
