// The Ridership tab of the Mobility dock (ridership_panel.h).
#include "mobility/ridership_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ekm/privacy/small_count.h"
#include "tasks/operation_task.h"

namespace ekm::widgets {

namespace {

// The chart's own words follow the UI language (Japanese or English).
render::LabelLanguage chartLanguage() {
  return QLocale().language() == QLocale::Japanese ? render::LabelLanguage::Japanese : render::LabelLanguage::English;
}

// A count of people: "*" under 10 (the small-count rule), else in the UI's number format.
QString count(double v) {
  if (std::isnan(v)) return QStringLiteral("–");
  if (privacy::isSuppressed(v)) return QString::fromLatin1(privacy::kSuppressedMarker);
  return QLocale().toString(v, 'f', 0);
}

}  // namespace

RidershipPanel::RidershipPanel(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* form = new QFormLayout();
  m_month = new QComboBox(this);
  m_month->setToolTip(tr("The month of the KPI table, the route chart and the hourly profile"));
  form->addRow(tr("Month"), m_month);
  m_target = new QDoubleSpinBox(this);
  m_target->setRange(1, 1e9);
  m_target->setDecimals(0);
  m_target->setSingleStep(100000);
  m_target->setValue(4.0e6);
  m_target->setGroupSeparatorShown(true);
  m_target->setSuffix(tr(" riders a year"));
  form->addRow(tr("Target"), m_target);
  outer->addLayout(form);

  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  auto* body = new QWidget(scroll);
  auto* layout = new QVBoxLayout(body);
  m_table = new QTableWidget(0, 2, body);
  m_table->setHorizontalHeaderLabels({tr("Indicator"), tr("Value")});
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);  // every row shown: no scrolling inside a scroll area
  m_monthly = new CategoryChartView(body);
  m_routes = new CategoryChartView(body);
  m_hourly = new CategoryChartView(body);
  // The month against the target's pace first (what an operator looks for), then the figures.
  layout->addWidget(m_monthly);
  layout->addWidget(m_table);
  layout->addWidget(m_routes);
  layout->addWidget(m_hourly);
  for (CategoryChartView* c : {m_monthly, m_routes, m_hourly}) c->setMinimumHeight(230);
  scroll->setWidget(body);
  outer->addWidget(scroll, 1);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  outer->addWidget(m_status);

  connect(m_month, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_filling) refresh();
  });
  connect(m_target, &QDoubleSpinBox::editingFinished, this, &RidershipPanel::refresh);
}

RidershipPanel::~RidershipPanel() { m_task.cancel(); }

void RidershipPanel::setSession(SessionPtr session) {
  m_task.cancel();
  m_task = {};
  m_session = std::move(session);
  m_kpis.reset();
  m_filling = true;
  m_month->clear();
  m_filling = false;
  m_table->setRowCount(0);
  for (CategoryChartView* c : {m_monthly, m_routes, m_hourly}) c->setChart({});
  setStatus(QString());
  if (m_session) refresh();
}

QString RidershipPanel::statusText() const { return m_status->text(); }

void RidershipPanel::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00020; }") : QString());
}

mobility::KpiParams RidershipPanel::params() const {
  mobility::KpiParams p;
  p.target = m_target->value();
  p.month = m_month->currentData().toString().toStdString();
  return p;
}

void RidershipPanel::refresh() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) return;
  const mobility::KpiParams params = this->params();
  const TaskOptions options(QStringLiteral("mobility-kpi"), this);
  setStatus(tr("Computing the ridership KPIs…"));
  m_task = submitOperation<mobility::KpiOp>(
      *tasks, tr("Ridership KPIs"), m_session->file(), params,
      [this](mobility::KpiResult r) {
        if (r.options.month.empty()) {
          // The first run: list the months and compute again for the latest one.
          m_filling = true;
          m_month->clear();
          for (const auto& m : r.kpis.months)
            m_month->addItem(QString::fromStdString(m.month), QString::fromStdString(m.month));
          m_month->setCurrentIndex(m_month->count() - 1);
          m_filling = false;
          if (m_month->count() > 0) refresh();
          return;
        }
        m_kpis = std::move(r);
        fill();
        setStatus(QString());
        emit kpisReady();
      },
      [this](const TaskError& e) {
        setStatus(e.message, true);
        emit failed(e.message);
      },
      options);
}

void RidershipPanel::fill() {
  const auto& r = *m_kpis;
  const auto& k = r.kpis;
  const std::string& month = r.options.month;
  const auto m = std::find_if(k.months.begin(), k.months.end(), [&](const auto& x) { return x.month == month; });
  const auto& p = k.projection;
  const QLocale locale;
  const auto num = [&](double v, int decimals = 0) { return locale.toString(v, 'f', decimals); };
  std::vector<std::pair<QString, QString>> rows;
  if (m != k.months.end()) {
    rows.emplace_back(tr("Riders in %1").arg(QString::fromStdString(month)), count(static_cast<double>(m->riders)));
    rows.emplace_back(tr("Riders per day"), count(m->ridersPerDay));
    rows.emplace_back(tr("Change on the same month last year"),
                      m->changeOnYear ? QStringLiteral("%1%").arg(*m->changeOnYear * 100, 0, 'f', 1) : QStringLiteral("–"));
    rows.emplace_back(tr("Riders per vehicle-hour"), m->ridersPerVehicleHour ? num(*m->ridersPerVehicleHour, 1) : QStringLiteral("–"));
  }
  if (!p.method.empty()) {
    rows.emplace_back(tr("Riders in the last 12 months"), count(p.annualNow));
    rows.emplace_back(tr("Target a year"), num(r.options.target));
    rows.emplace_back(tr("Gap to the target"), num(p.gapNow));
    rows.emplace_back(tr("Trend (annual riders, change a month)"), num(p.slopePerMonth));
    rows.emplace_back(tr("Projection: next 12 months"), num(p.projectedAnnual));
    rows.emplace_back(tr("Months to the target at the trend"),
                      p.monthsToTarget ? QString::number(*p.monthsToTarget) : QStringLiteral("–"));
  }
  for (const auto& y : k.years)
    rows.emplace_back(tr("Riders in %1 (%2 months)").arg(QString::fromStdString(y.year)).arg(y.months),
                      count(static_cast<double>(y.riders)));
  m_table->setRowCount(static_cast<int>(rows.size()));
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    m_table->setItem(i, 0, new QTableWidgetItem(rows[static_cast<std::size_t>(i)].first));
    auto* v = new QTableWidgetItem(rows[static_cast<std::size_t>(i)].second);
    v->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(i, 1, v);
  }
  const auto lang = chartLanguage();
  auto monthly = render::monthlyRidersChart(k, r.options, lang);
  monthly.title = tr("Riders per month against the target's pace");
  m_monthly->setChart(std::move(monthly));
  auto routes = render::routeRidersChart(k, r.routes, month, lang);
  routes.title = tr("Riders per route in %1").arg(QString::fromStdString(month));
  m_routes->setChart(std::move(routes));
  auto hourly = render::hourlyBoardingsChart(k, lang);
  hourly.title = k.hourly.empty() ? tr("No records by stop and trip in this month")
                                  : tr("Boardings per day by hour (%1)").arg(QString::fromStdString(month));
  m_hourly->setChart(std::move(hourly));
}

}  // namespace ekm::widgets
