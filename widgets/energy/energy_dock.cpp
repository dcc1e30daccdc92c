// The Energy dock (energy_dock.h).
#include "energy/energy_dock.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "charts/chart_panel.h"
#include "ekm/store/energy_store.h"
#include "energy/energy_charts.h"
#include "layers/layers_panel.h"
#include "render/energy_buildings_layer.h"
#include "tasks/operation_task.h"

namespace ekm::widgets {

namespace {

// What the dock reads about the project's buildings (a hidden read).
struct BuildingList {
  std::vector<std::pair<QString, QString>> buildings;  // id, "id name"
  std::optional<core::HourKey> first, last;             // cooling/heating meters' hours
};

QDate localDate(core::HourKey hour) {
  const auto jst = core::jstFromHourKey(hour);
  return QDate(static_cast<int>(jst.date.year()), static_cast<int>(static_cast<unsigned>(jst.date.month())),
               static_cast<int>(static_cast<unsigned>(jst.date.day())));
}

QTableWidgetItem* numberItem(double v, int decimals) {
  auto* item = new QTableWidgetItem(std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : QStringLiteral("–"));
  item->setData(Qt::UserRole, v);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace

EnergyDock::EnergyDock(QWidget* parent) : QDockWidget(tr("Energy"), parent) {
  setObjectName(QStringLiteral("EnergyDock"));
  buildUi();
  setSession(nullptr);
}

EnergyDock::~EnergyDock() {
  for (const TaskHandle& t : {m_planTask, m_forecastTask, m_buildingsTask, m_layersTask}) t.cancel();
}

QWidget* EnergyDock::chartPage(std::initializer_list<Chart> charts) {
  auto* split = new QSplitter(Qt::Vertical, m_tabs);
  for (Chart c : charts) {
    auto* chart = new ChartPanel(split);
    chart->setMinimumHeight(170);
    chart->setLegendAlignment(Qt::AlignBottom);
    m_charts[static_cast<int>(c)] = chart;
    split->addWidget(chart);
  }
  return split;
}

void EnergyDock::buildUi() {
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);
  auto* form = new QFormLayout();
  form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  auto* period = new QHBoxLayout();
  m_from = new QDateEdit(content);
  m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
  m_from->setCalendarPopup(true);
  m_from->setToolTip(tr("First local day of the plan (JST)"));
  m_days = new QSpinBox(content);
  m_days->setRange(1, 14);
  m_days->setValue(7);
  m_days->setSuffix(tr(" days"));
  m_days->setToolTip(tr("Days planned: 1 for a day-ahead plan, 7 for a week"));
  period->addWidget(m_from, 1);
  period->addWidget(m_days);
  form->addRow(tr("Period"), period);
  m_objective = new QComboBox(content);
  m_objective->addItem(tr("Cost (yen)"), QStringLiteral("cost"));
  m_objective->addItem(tr("Energy (kWh)"), QStringLiteral("energy"));
  m_objective->addItem(tr("CO2 (kg)"), QStringLiteral("co2"));
  m_objective->setToolTip(tr("What the plan minimises"));
  m_demand = new QComboBox(content);
  m_demand->addItem(tr("Metered demand"), QStringLiteral("metered"));
  m_demand->addItem(tr("Forecast demand"), QStringLiteral("forecast"));
  m_demand->setToolTip(tr("The demand the plan is made on: the buildings' meters (perfect foresight), or the demand "
                          "model's forecast of every building from the first day; a plan on the forecast is then "
                          "re-dispatched on the meters, so the forecast error shows in the savings"));
  form->addRow(tr("Objective"), m_objective);
  form->addRow(tr("Demand"), m_demand);
  auto* plantRow = new QHBoxLayout();
  m_plant = new QLineEdit(content);
  m_plant->setPlaceholderText(tr("plant.json"));
  m_plant->setToolTip(tr("The plant file (JSON: units, storage, pumps, tariff, CO2)"));
  m_browse = new QPushButton(tr("Browse…"), content);
  plantRow->addWidget(m_plant, 1);
  plantRow->addWidget(m_browse);
  form->addRow(tr("Plant"), plantRow);
  auto* forecastRow = new QHBoxLayout();
  m_building = new QComboBox(content);
  m_building->setToolTip(tr("The building whose demand forecast is compared with its meter"));
  m_meter = new QComboBox(content);
  m_meter->addItem(tr("Cooling"), QStringLiteral("cooling"));
  m_meter->addItem(tr("Heating"), QStringLiteral("heating"));
  forecastRow->addWidget(m_building, 1);
  forecastRow->addWidget(m_meter);
  form->addRow(tr("Forecast"), forecastRow);
  layout->addLayout(form);

  auto* buttons = new QHBoxLayout();
  m_run = new QPushButton(tr("Plan"), content);
  m_run->setToolTip(tr("Optimise the plant's operation (energy-plan) and forecast the building's demand "
                       "(energy-forecast) for the period"));
  m_cancel = new QPushButton(tr("Cancel"), content);
  m_progress = new QProgressBar(content);
  m_progress->setRange(0, 100);
  buttons->addWidget(m_run);
  buttons->addWidget(m_cancel);
  buttons->addWidget(m_progress, 1);
  layout->addLayout(buttons);
  m_summary = new QLabel(content);
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_summary);

  m_tabs = new QTabWidget(content);
  m_tabs->addTab(chartPage({Chart::CoolingDemand, Chart::HeatingDemand}), tr("Demand"));
  m_tabs->addTab(chartPage({Chart::Forecast}), tr("Forecast"));
  m_tabs->addTab(chartPage({Chart::CoolingDispatch, Chart::HeatingDispatch}), tr("Dispatch"));
  m_tabs->addTab(chartPage({Chart::Storage}), tr("Storage"));
  m_tabs->addTab(chartPage({Chart::Electricity, Chart::Cop}), tr("Electricity"));
  auto* savingsPage = new QSplitter(Qt::Vertical, m_tabs);
  m_savings = new QTableWidget(0, 4, savingsPage);
  m_savings->setHorizontalHeaderLabels({tr("Baseline"), tr("Plan"), tr("Saved"), tr("Saved %")});
  m_savings->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_savings->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_savings->setMinimumHeight(120);
  savingsPage->addWidget(m_savings);
  auto* savingsChart = new ChartPanel(savingsPage);
  savingsChart->setMinimumHeight(170);
  m_charts[static_cast<int>(Chart::Savings)] = savingsChart;
  savingsPage->addWidget(savingsChart);
  m_tabs->addTab(savingsPage, tr("Savings"));
  layout->addWidget(m_tabs, 1);

  auto* row = new QHBoxLayout();
  m_export = new QPushButton(tr("Export Chart…"), content);
  m_export->setToolTip(tr("Save a chart of this tab as PNG, SVG or PDF"));
  m_mapButton = new QPushButton(tr("Show on Map"), content);
  m_mapButton->setToolTip(tr("The buildings coloured by their cooling + heating demand at the map's hour"));
  row->addWidget(m_export);
  row->addWidget(m_mapButton);
  row->addStretch(1);
  layout->addLayout(row);
  m_status = new QLabel(content);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);
  setWidget(content);

  connect(m_run, &QPushButton::clicked, this, &EnergyDock::runPlan);
  connect(m_cancel, &QPushButton::clicked, this, &EnergyDock::cancel);
  connect(m_export, &QPushButton::clicked, this, &EnergyDock::exportCurrent);
  connect(m_mapButton, &QPushButton::clicked, this, &EnergyDock::showOnMap);
  connect(m_browse, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Plant File"), m_plant->text(), tr("Plant (*.json)"));
    if (!file.isEmpty()) m_plant->setText(file);
  });
}

void EnergyDock::setSession(SessionPtr session) {
  for (const TaskHandle& t : {m_planTask, m_forecastTask, m_buildingsTask, m_layersTask}) t.cancel();
  m_planTask = m_forecastTask = m_buildingsTask = m_layersTask = {};
  m_session = std::move(session);
  m_plan.reset();
  m_forecast.reset();
  for (ChartPanel* c : m_charts) c->clear();
  m_savings->setRowCount(0);
  m_summary->clear();
  m_building->clear();
  m_plant->clear();
  if (m_session) {
    const QString beside = QFileInfo(m_session->path()).dir().filePath(QStringLiteral("plant.json"));
    if (QFileInfo::exists(beside)) m_plant->setText(beside);
  }
  setStatus(m_session ? QString()
                      : tr("Open a project with energy buildings and meters (energy import --kind buildings|meters)."));
  updateRunning();
  if (m_session) loadBuildings();
}

void EnergyDock::setLayersPanel(LayersPanel* panel) {
  m_layersPanel = panel;
  updateRunning();
}

QString EnergyDock::statusText() const { return m_status->text(); }
QString EnergyDock::summaryText() const { return m_summary->text(); }
bool EnergyDock::isRunning() const { return m_planTask.isRunning() || m_forecastTask.isRunning(); }

void EnergyDock::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00020; }") : QString());
}

void EnergyDock::updateRunning() {
  const bool running = isRunning();
  const bool haveSession = m_session && m_session->tasks();
  m_run->setEnabled(haveSession);
  m_cancel->setEnabled(running);
  m_progress->setVisible(running);
  m_progress->setValue(static_cast<int>(std::lround((m_planProgress + m_forecastProgress) / 2)));
  m_mapButton->setEnabled(haveSession && m_layersPanel && m_building->count() > 0);
  m_export->setEnabled(m_plan.has_value() || m_forecast.has_value());
}

void EnergyDock::loadBuildings() {
  TaskManager* tasks = m_session->tasks();
  if (!tasks) return;
  m_buildingsTask = tasks->run(
      tr("Energy buildings"),
      [session = m_session](core::Feedback&) {
        BuildingList list;
        for (const auto& b : store::readBuildings(session->store()))
          list.buildings.emplace_back(QString::fromStdString(b.buildingId),
                                      QStringLiteral("%1 %2").arg(QString::fromStdString(b.buildingId),
                                                                  QString::fromStdString(b.nameJa)));
        for (const auto& s : store::energySeries(session->store(), "building"))
          if ((s.quantity == "cooling" || s.quantity == "heating") && s.values > 0) {
            list.first = list.first ? std::min(*list.first, s.first) : s.first;
            list.last = list.last ? std::max(*list.last, s.last) : s.last;
          }
        return list;
      },
      [this](BuildingList list) {
        m_building->clear();
        for (const auto& [id, label] : list.buildings) m_building->addItem(label, id);
        if (list.first && list.last) {
          const QDate first = localDate(*list.first), last = localDate(*list.last);
          m_from->setDateRange(first, last);
          m_from->setDate(std::max(first, last.addDays(1 - m_days->value())));
        } else {
          setStatus(tr("The project has no cooling or heating meters: plan on a demand file with "
                       "`ekimachi-cli energy plan --demand`."));
        }
        if (list.buildings.empty()) setStatus(tr("The project has no energy buildings."));
        updateRunning();
        emit buildingsLoaded();
      },
      [this](const TaskError& e) { setStatus(e.message, true); }, TaskOptions::hiddenRead(QStringLiteral("energy-buildings"), this));
}

energy::PlanParams EnergyDock::planParams() const {
  energy::PlanParams p;
  p.plant = m_plant->text().trimmed().toStdString();
  p.from = m_from->date().toString(Qt::ISODate).toStdString();
  p.days = m_days->value();
  p.objective = m_objective->currentData().toString().toStdString();
  if (m_demand->currentData().toString() == QLatin1String("forecast")) p.demand_forecast = p.actual_metered = true;
  return p;
}

energy::EnergyForecastParams EnergyDock::forecastParams() const {
  energy::EnergyForecastParams p;
  p.model.building = m_building->currentData().toString().toStdString();
  p.model.meter = m_meter->currentData().toString().toStdString();
  p.origin = m_from->date().toString(Qt::ISODate).toStdString();
  p.horizonDays = m_days->value();
  return p;
}

void EnergyDock::runPlan() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) return;
  const energy::PlanParams params = planParams();
  if (params.plant.empty()) {
    setStatus(tr("Choose the plant file (JSON) first."), true);
    emit failed(m_status->text());
    return;
  }
  m_planProgress = m_forecastProgress = 0;
  setStatus(tr("Planning %1 days from %2…").arg(params.days).arg(QString::fromStdString(*params.from)));
  const int generation = ++m_planGeneration;
  TaskOptions options(QStringLiteral("energy-plan"), this, [this, generation] {
    // A plan replaced by a newer one may end after it: only the newest speaks in the status line.
    if (generation == m_planGeneration) setStatus(tr("Plan cancelled."));
    updateRunning();
    emit cancelled();
  });
  options.onProgress = [this](double percent) {
    m_planProgress = percent;
    updateRunning();
  };
  m_planTask = submitOperation<energy::PlanOp>(
      *tasks, tr("Energy plan from %1").arg(QString::fromStdString(*params.from)), m_session->file(), params,
      [this](energy::PlanRunResult r) {
        m_plan = std::move(r);
        m_planProgress = 100;
        showPlan();
        // This task still counts as running while its result is delivered.
        QMetaObject::invokeMethod(this, &EnergyDock::updateRunning, Qt::QueuedConnection);
        if (!m_forecastTask.isRunning() && m_status->styleSheet().isEmpty()) setStatus(QString());
        emit planReady();
        emit hourRequested(m_plan->start + 14);
      },
      [this](const TaskError& e) {
        setStatus(e.message, true);
        QMetaObject::invokeMethod(this, &EnergyDock::updateRunning, Qt::QueuedConnection);
        emit failed(e.message);
      },
      options);
  if (m_building->count() > 0) runForecast();
  updateRunning();
}

void EnergyDock::runForecast() {
  TaskManager* tasks = m_session->tasks();
  const energy::EnergyForecastParams params = forecastParams();
  // The building's id, not its name: a long name elided the title's end (the lag mode).
  const QString title = tr("%1 demand of %2: forecast vs actual")
                            .arg(m_meter->currentText(), QString::fromStdString(params.model.building));
  TaskOptions options(QStringLiteral("energy-forecast"), this, [this] { updateRunning(); });
  options.onProgress = [this](double percent) {
    m_forecastProgress = percent;
    updateRunning();
  };
  m_forecastTask = submitOperation<energy::EnergyForecastOp>(
      *tasks, tr("Energy forecast of %1").arg(QString::fromStdString(params.model.building)), m_session->file(), params,
      [this, title](energy::EnergyForecastResult r) {
        m_forecast = std::move(r);
        m_forecastProgress = 100;
        // The operation used the meter's actuals up to the origin (day/week ahead) when it had
        // them, with the lag stage's variant chosen on the training window.
        const QString shown = m_forecast->lagged ? tr("%1 (with the meter's readings up to the start; %2)")
                                                       .arg(title, QString::fromStdString(m_forecast->lagEngine))
                                                 : title;
        EnergyCharts::showForecast(*chart(Chart::Forecast), *m_forecast, shown);
        if (m_hour) chart(Chart::Forecast)->setCurrentHour(m_hour);
        QMetaObject::invokeMethod(this, &EnergyDock::updateRunning, Qt::QueuedConnection);
        if (!m_planTask.isRunning() && m_status->styleSheet().isEmpty()) setStatus(QString());
        emit forecastReady();
      },
      [this](const TaskError& e) {
        setStatus(tr("Forecast: %1").arg(e.message), true);
        QMetaObject::invokeMethod(this, &EnergyDock::updateRunning, Qt::QueuedConnection);
        emit failed(e.message);
      },
      options);
}

void EnergyDock::showPlan() {
  const energy::PlanRunResult& p = *m_plan;
  EnergyCharts::showBuildingDemand(*chart(Chart::CoolingDemand), p, energy::Carrier::Cooling);
  EnergyCharts::showBuildingDemand(*chart(Chart::HeatingDemand), p, energy::Carrier::Heating);
  EnergyCharts::showDispatch(*chart(Chart::CoolingDispatch), p, energy::Carrier::Cooling);
  EnergyCharts::showDispatch(*chart(Chart::HeatingDispatch), p, energy::Carrier::Heating);
  EnergyCharts::showStorage(*chart(Chart::Storage), p);
  EnergyCharts::showElectricity(*chart(Chart::Electricity), p);
  EnergyCharts::showCop(*chart(Chart::Cop), p);
  EnergyCharts::showCumulativeSavings(*chart(Chart::Savings), p);
  if (m_hour)
    for (ChartPanel* c : m_charts) c->setCurrentHour(m_hour);
  fillSavings();
  const auto& s = p.solution;
  QString text = tr("%1, %2 h from %3, objective %4: %5 (gap %6 %, %7 s).")
                     .arg(QString::fromStdString(p.plantName))
                     .arg(p.hours)
                     .arg(QString::fromStdString(core::formatHourKeyJst(p.start)))
                     .arg(m_objective->itemText(m_objective->findData(QString::fromStdString(p.objective))))
                     .arg(s.status == "optimal"      ? tr("optimal")
                          : s.status == "within-gap" ? tr("within the requested gap")
                                                     : tr("stopped at the time limit"))
                     .arg(QLocale().toString(100 * s.gap, 'f', 2))
                     .arg(QLocale().toString(s.solveSeconds, 'f', 1));
  if (p.plan.present && p.baseline.present)
    text += QLatin1Char(' ') + tr("COP %1 (baseline %2).")
                                   .arg(QLocale().toString(p.plan.totals.cop(), 'f', 2),
                                        QLocale().toString(p.baseline.totals.cop(), 'f', 2));
  if (p.evaluated && p.redispatched.present && p.hindsight.present) {
    const double re = p.redispatched.totals.electricityKwh + p.redispatched.totals.fuelKwh;
    const double hind = p.hindsight.totals.electricityKwh + p.hindsight.totals.fuelKwh;
    const double pct = hind > 0 ? 100 * (re - hind) / hind : 0.0;
    text += QLatin1Char(' ') +
            (pct >= 0 ? tr("Made on the forecast; run on the metered demand it used %1 kWh, %2 % more than the plan in "
                           "hindsight (the forecast error's cost).")
                      : tr("Made on the forecast; run on the metered demand it used %1 kWh, %2 % less than the plan in "
                           "hindsight, which stopped at its optimality gap."))
                .arg(QLocale().toString(re, 'f', 0), QLocale().toString(std::abs(pct), 'f', 1));
  }
  if (p.evaluated && p.redispatched.present && p.baselineActual.present)
    text += QLatin1Char(' ') + tr("Savings: on the metered demand.");
  for (const auto& w : p.warnings) text += QLatin1Char('\n') + QString::fromStdString(w);
  m_summary->setText(text);
}

void EnergyDock::fillSavings() {
  m_savings->setRowCount(0);
  const energy::PlanRunResult& p = *m_plan;
  // A plan made on the forecast is judged by what it does on the metered demand: the plan
  // re-dispatched on it against the baseline run on it.
  const bool onMeters = p.evaluated && p.redispatched.present && p.baselineActual.present;
  const energy::PlanFigures& base = onMeters ? p.baselineActual : p.baseline;
  const energy::PlanFigures& plan = onMeters ? p.redispatched : p.plan;
  if (!plan.present || !base.present) return;
  const auto s = energy::planSavings(base, plan);
  const auto& a = base.totals;
  const auto& b = plan.totals;
  struct Row {
    QString label;
    double base, plan, saved, pct;
    int decimals;
  };
  const Row rows[] = {
      {tr("Energy (kWh)"), a.electricityKwh + a.fuelKwh, b.electricityKwh + b.fuelKwh, s->energyKwh, s->energyPct, 0},
      {tr("Cost (yen)"), a.energyCostYen, b.energyCostYen, s->costYen, s->costPct, 0},
      {tr("CO2 (kg)"), a.co2Kg, b.co2Kg, s->co2Kg, s->co2Pct, 0},
      {tr("COP"), a.cop(), b.cop(), b.cop() - a.cop(), a.cop() > 0 ? 100 * (b.cop() - a.cop()) / a.cop() : NAN, 2},
      {tr("Start-ups"), double(a.starts), double(b.starts), double(s->starts), NAN, 0}};
  QStringList labels;
  for (const Row& r : rows) {
    const int i = m_savings->rowCount();
    m_savings->insertRow(i);
    labels << r.label;
    m_savings->setItem(i, 0, numberItem(r.base, r.decimals));
    m_savings->setItem(i, 1, numberItem(r.plan, r.decimals));
    m_savings->setItem(i, 2, numberItem(r.saved, r.decimals));
    m_savings->setItem(i, 3, numberItem(r.pct, 1));
  }
  m_savings->setVerticalHeaderLabels(labels);
}

void EnergyDock::cancel() {
  m_planTask.cancel();
  m_forecastTask.cancel();
}

void EnergyDock::setHour(core::HourKey hour) {
  m_hour = hour;
  for (ChartPanel* c : m_charts) c->setCurrentHour(hour);
}

bool EnergyDock::exportChart(Chart which, const QString& path) {
  QString error;
  if (chart(which)->exportTo(path, {}, &error)) {
    setStatus(tr("Chart saved to %1").arg(QDir::toNativeSeparators(path)));
    return true;
  }
  setStatus(tr("The chart could not be saved: %1").arg(error), true);
  return false;
}

void EnergyDock::exportCurrent() {
  // The charts of the current tab, in page order.
  std::vector<Chart> onTab;
  for (int c = 0; c < kChartCount; ++c)
    if (m_tabs->currentWidget()->isAncestorOf(m_charts[c])) onTab.push_back(static_cast<Chart>(c));
  if (onTab.empty()) return;
  Chart which = onTab.front();
  if (onTab.size() > 1) {
    QMenu menu(this);
    for (Chart c : onTab) {
      const QString title = chart(c)->title();
      menu.addAction(title.isEmpty() ? tr("Chart %1").arg(static_cast<int>(c) + 1) : title)->setData(static_cast<int>(c));
    }
    QAction* chosen = menu.exec(m_export->mapToGlobal(QPoint(0, m_export->height())));
    if (!chosen) return;
    which = static_cast<Chart>(chosen->data().toInt());
  }
  QString filter;
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart"), QString(),
                                                    ChartPanel::exportFilters().join(QStringLiteral(";;")), &filter);
  if (path.isEmpty()) return;
  QString file = path;
  if (QFileInfo(file).suffix().isEmpty())
    file += filter.contains(QLatin1String("svg")) ? QStringLiteral(".svg")
            : filter.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf")
                                                    : QStringLiteral(".png");
  exportChart(which, file);
}

void EnergyDock::showOnMap() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks || !m_layersPanel) return;
  const int epsg = m_session->displayEpsg();
  m_layersTask = tasks->run(
      tr("Energy buildings layer"),
      [session = m_session, epsg](core::Feedback&) { return render::loadEnergyBuildingsMap(session->store(), epsg); },
      [this](std::shared_ptr<const render::EnergyBuildingsMap> map) {
        if (!map || !m_layersPanel) return;
        auto layer = std::make_shared<render::EnergyBuildingsLayer>(QStringLiteral("energy-buildings"),
                                                                   tr("DHC buildings (cooling + heating demand)"), map);
        m_layersPanel->showLayer(layer);
        emit layersShown();
      },
      [this](const TaskError& e) {
        setStatus(e.message, true);
        emit failed(e.message);
      },
      TaskOptions(QStringLiteral("energy-layers"), this));
}

}  // namespace ekm::widgets
