// The Mobility dock (mobility_dock.h).
#include "mobility/mobility_dock.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <utility>

#include "layers/layers_panel.h"
#include "mobility/candidate_panel.h"
#include "mobility/coverage_options.h"
#include "mobility/number_item.h"
#include "mobility/ridership_panel.h"
#include "render/project_layers.h"
#include "tasks/error_text.h"
#include "tasks/operation_task.h"

namespace ekm::widgets {

namespace {

QTableWidget* makeTable(QWidget* parent, const QStringList& headers) {
  auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
  t->setHorizontalHeaderLabels(headers);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->verticalHeader()->setVisible(false);
  t->horizontalHeader()->setStretchLastSection(true);
  t->setSortingEnabled(false);
  return t;
}

// The layers of a coverage run (render/coverage_layers.h).
const QStringList kCoverageLayerIds = {QStringLiteral("stop_reach"), QStringLiteral("coverage_gaps"),
                                       QStringLiteral("gap_reasons")};
// Layers that fill the mesh's cells with people: under the catchments (which fill every cell)
// they only muddy the colours, so they are hidden while the coverage layers are on the map.
const QStringList kHiddenUnderCoverage = {QStringLiteral("mesh_population"), QStringLiteral("population_heatmap")};

QString stopLabel(const store::GtfsStop& s) {
  return s.nameEn.empty() || s.nameEn == s.name ? QString::fromStdString(s.name)
                                                : QStringLiteral("%1 (%2)").arg(QString::fromStdString(s.name),
                                                                               QString::fromStdString(s.nameEn));
}

}  // namespace

MobilityDock::MobilityDock(QWidget* parent) : QDockWidget(tr("Mobility"), parent) {
  setObjectName(QStringLiteral("MobilityDock"));
  buildUi();
  setSession(nullptr);
}

MobilityDock::~MobilityDock() {
  for (const TaskHandle& t : {m_serviceTask, m_coverageTask, m_layersTask}) t.cancel();
}

void MobilityDock::buildUi() {
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);
  auto* form = new QFormLayout();
  m_dayType = new QComboBox(content);
  m_dayType->addItem(tr("The map's date"), QStringLiteral("map"));
  m_dayType->addItem(tr("Weekday"), QStringLiteral("weekday"));
  m_dayType->addItem(tr("Saturday"), QStringLiteral("saturday"));
  m_dayType->addItem(tr("Sunday / holiday"), QStringLiteral("sunday_holiday"));
  m_dayType->setToolTip(tr("The map's date (outside the feed's period: the feed's representative day of its day "
                            "type), or the feed's representative day of a day type (calendar and Japanese holidays)"));
  form->addRow(tr("Day"), m_dayType);
  m_hour = new QSpinBox(content);
  m_hour->setRange(0, 23);
  m_hour->setValue(8);
  m_hour->setSuffix(tr(":00"));
  form->addRow(tr("Hour"), m_hour);
  layout->addLayout(form);
  m_summary = new QLabel(content);
  m_summary->setWordWrap(true);
  layout->addWidget(m_summary);

  m_tabs = new QTabWidget(content);
  auto* service = new QWidget(m_tabs);
  auto* serviceLayout = new QVBoxLayout(service);
  m_stops = makeTable(service, {tr("Stop"), tr("Departures"), tr("Headway (min)"), tr("Per day")});
  m_routes = makeTable(service, {tr("Route"), tr("Trips per day"), tr("First"), tr("Last")});
  serviceLayout->addWidget(m_stops, 2);
  serviceLayout->addWidget(m_routes, 1);
  m_tabs->addTab(service, tr("Service"));
  // The Coverage tab scrolls when the dock is short rather than squeeze the legend above it.
  auto* coverScroll = new QScrollArea(m_tabs);
  coverScroll->setWidgetResizable(true);
  coverScroll->setFrameShape(QFrame::NoFrame);
  coverScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* cover = new QWidget(coverScroll);
  auto* coverLayout = new QVBoxLayout(cover);
  m_coverageOptions = new CoverageOptions(cover);
  coverLayout->addWidget(m_coverageOptions);
  m_coverageButton = new QPushButton(tr("Compute Coverage"), cover);
  m_coverageButton->setToolTip(tr("Walking catchments of stops and stations, population covered and gaps, shown "
                                  "on the map"));
  m_removeCoverageButton = new QPushButton(tr("Remove from Map"), cover);
  m_removeCoverageButton->setToolTip(tr("Take the coverage layers off the map and show the population layers "
                                        "they hid again"));
  m_removeCoverageButton->setEnabled(false);
  auto* coverRow = new QHBoxLayout();
  coverRow->addWidget(m_coverageButton);
  coverRow->addWidget(m_removeCoverageButton);
  coverRow->addStretch(1);
  coverLayout->addLayout(coverRow);
  m_coverage = makeTable(cover, {tr("Hour"), tr("Population"), tr("Covered by bus"), tr("Share"), tr("Gap cells")});
  m_gaps = makeTable(cover, {tr("Cell"), tr("Population"), tr("Reason")});
  coverLayout->addWidget(m_coverage, 2);
  coverLayout->addWidget(new QLabel(tr("Gaps in the hour"), cover));
  coverLayout->addWidget(m_gaps, 1);
  coverScroll->setWidget(cover);
  m_tabs->addTab(coverScroll, tr("Coverage"));
  m_ridership = new RidershipPanel(m_tabs);
  m_tabs->addTab(m_ridership, tr("Ridership"));
  m_candidate = new CandidatePanel(m_tabs);
  m_candidate->setDayProvider([this] { return dayParams(); });
  m_tabs->addTab(m_candidate, tr("Candidate"));
  layout->addWidget(m_tabs, 1);

  auto* row = new QHBoxLayout();
  m_mapButton = new QPushButton(tr("Show on Map"), content);
  m_mapButton->setToolTip(tr("Routes coloured by route and stops sized by departures in the map's hour"));
  row->addWidget(m_mapButton);
  row->addStretch(1);
  layout->addLayout(row);
  m_status = new QLabel(content);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);
  m_attribution = new QLabel(content);
  m_attribution->setWordWrap(true);
  m_attribution->setStyleSheet(QStringLiteral("QLabel { color: #555; font-size: small; }"));
  layout->addWidget(m_attribution);
  setWidget(content);

  connect(m_dayType, &QComboBox::currentIndexChanged, this, &MobilityDock::dayChanged);
  connect(m_hour, &QSpinBox::valueChanged, this, [this] {
    fillStops();
    fillGaps();
    selectCoverageHour();
  });
  connect(m_coverageButton, &QPushButton::clicked, this, &MobilityDock::runCoverage);
  connect(m_removeCoverageButton, &QPushButton::clicked, this, &MobilityDock::removeCoverageLayers);
  connect(m_mapButton, &QPushButton::clicked, this, &MobilityDock::showOnMap);
}

void MobilityDock::setSession(SessionPtr session) {
  for (const TaskHandle& t : {m_serviceTask, m_coverageTask, m_layersTask}) t.cancel();
  m_serviceTask = m_coverageTask = m_layersTask = {};
  const QString oldPath = m_session ? m_session->path() : QString();
  m_session = std::move(session);
  // Layers hidden for another project's coverage are not this one's to show (a reload of the
  // same project keeps them: its layers come back without the coverage layers).
  if (!m_session || m_session->path() != oldPath) m_hiddenForCoverage.clear();
  m_service.reset();
  m_coverageResult.reset();
  m_submittedCoverage.reset();
  m_coverageMap.reset();
  m_coverageOptions->setProjectPath(m_session ? m_session->path() : QString());
  for (QTableWidget* t : {m_stops, m_routes, m_coverage, m_gaps}) t->setRowCount(0);
  m_summary->clear();
  m_attribution->clear();
  m_coverageButton->setEnabled(false);
  m_mapButton->setEnabled(false);
  setStatus(m_session ? QString() : tr("Open a project with a GTFS feed (import --project P gtfs FEED.zip)."));
  m_ridership->setSession(m_session);
  m_candidate->setSession(m_session);
  m_candidate->setFeedStops({});
  if (m_session) refreshService();
  coverageLayersChanged();  // a new project's layers come without the coverage layers
}

void MobilityDock::setLayersPanel(LayersPanel* panel) {
  if (m_layersPanel) disconnect(m_layersPanel, nullptr, this, nullptr);
  m_layersPanel = panel;
  m_hiddenForCoverage.clear();
  m_candidate->setLayersPanel(panel);
  if (panel) connect(panel, &LayersPanel::layersChanged, this, &MobilityDock::coverageLayersChanged);
  coverageLayersChanged();
}

void MobilityDock::setMapCanvas(MapCanvas* canvas) { m_candidate->setMapCanvas(canvas); }

QString MobilityDock::statusText() const { return m_status->text(); }
QString MobilityDock::attributionText() const { return m_attribution->text(); }

void MobilityDock::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00020; }") : QString());
}

bool MobilityDock::followsMapDate() const { return m_dayType->currentData().toString() == QStringLiteral("map"); }

mobility::ServiceDayParams MobilityDock::dayParams() const {
  mobility::ServiceDayParams p;
  if (!followsMapDate()) p.day_type = m_dayType->currentData().toString().toStdString();
  else p.date = m_mapDate;  // before the map has an hour: the weekday's representative day
  return p;
}

void MobilityDock::dayChanged() {
  refreshService();
  m_coverageResult.reset();
  m_coverage->setRowCount(0);
  m_gaps->setRowCount(0);
}

void MobilityDock::setMapHour(core::HourKey hour) {
  const auto jst = core::jstFromHourKey(hour);
  m_hour->setValue(jst.hour);
  const std::string date = core::formatDate(jst.date);
  if (date == m_mapDate) return;
  m_mapDate = date;
  if (followsMapDate() && m_session) dayChanged();
}

namespace {

QString dayTypeLabel(core::DayType type) {
  switch (type) {
    case core::DayType::Weekday: return MobilityDock::tr("Weekday");
    case core::DayType::Saturday: return MobilityDock::tr("Saturday");
    default: return MobilityDock::tr("Sunday / holiday");
  }
}

// "2026-01-07 (Weekday)", or with the date asked for that the feed does not cover.
QString serviceDayText(const mobility::ServiceDay& day) {
  const QString date = QString::fromStdString(day.date), type = dayTypeLabel(day.dayType);
  if (day.requestedDate.empty()) return MobilityDock::tr("%1 (%2)").arg(date, type);
  return MobilityDock::tr("%1 (%2; the feed does not cover %3: its representative day of that type)")
      .arg(date, type, QString::fromStdString(day.requestedDate));
}

}  // namespace

void MobilityDock::refreshService() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) return;
  mobility::ServiceParams params;
  params.day = dayParams();
  const TaskOptions options(QStringLiteral("mobility-service"), this);
  setStatus(tr("Reading the GTFS service…"));
  m_serviceTask = submitOperation<mobility::ServiceOp>(
      *tasks, tr("Mobility service"), m_session->file(), params,
      [this](mobility::ServiceResult r) {
        m_service = std::move(r);
        const auto& p = m_service->profile;
        m_summary->setText(tr("%1: %2 trips, %3 departures; services %4")
                               .arg(serviceDayText(p.day))
                               .arg(p.trips)
                               .arg(p.departures)
                               .arg(QString::fromStdString([&] {
                                 std::string s;
                                 for (const auto& id : p.day.services) s += (s.empty() ? "" : ", ") + id;
                                 return s;
                               }())));
        m_attribution->setText(tr("Source: %1").arg(QString::fromStdString(m_service->feedInfo.attribution)));
        m_routes->setRowCount(0);
        for (const auto& rs : p.routes) {
          const auto& route = m_service->routes[static_cast<std::size_t>(rs.route)];
          const int row = m_routes->rowCount();
          m_routes->insertRow(row);
          auto* name = new QTableWidgetItem(QString::fromStdString(route.displayName()));
          name->setForeground(render::transitRouteColour(QString::fromStdString(route.color), rs.route));
          m_routes->setItem(row, 0, name);
          m_routes->setItem(row, 1, numberItem(rs.totalTrips()));
          m_routes->setItem(row, 2, new QTableWidgetItem(rs.firstS ? QString::fromStdString(mobility::formatServiceTime(*rs.firstS)) : QString()));
          m_routes->setItem(row, 3, new QTableWidgetItem(rs.lastS ? QString::fromStdString(mobility::formatServiceTime(*rs.lastS)) : QString()));
        }
        fillStops();
        m_candidate->setFeedStops(m_service->stops);
        m_coverageButton->setEnabled(true);
        m_mapButton->setEnabled(m_layersPanel != nullptr);
        setStatus(QString());
        emit serviceReady();
      },
      [this](const TaskError& e) {
        setStatus(e.message, true);
        emit failed(e.message);
      },
      options);
}

void MobilityDock::fillStops() {
  m_stops->setRowCount(0);
  if (!m_service) return;
  const auto h = static_cast<std::size_t>(m_hour->value());
  std::vector<const mobility::StopService*> order;
  for (const auto& s : m_service->profile.stops) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [h](auto* a, auto* b) { return a->departures[h] > b->departures[h]; });
  for (const auto* s : order) {
    const int n = s->departures[h];
    const int row = m_stops->rowCount();
    m_stops->insertRow(row);
    m_stops->setItem(row, 0, new QTableWidgetItem(stopLabel(m_service->stops[static_cast<std::size_t>(s->stop)])));
    m_stops->setItem(row, 1, numberItem(n));
    const auto hw = mobility::meanHeadwayMin(n);
    m_stops->setItem(row, 2, numberItem(hw ? *hw : NAN, 1));
    m_stops->setItem(row, 3, numberItem(s->total()));
  }
}

namespace {

// A coverage run with its values on the mesh (made on the worker, for the map layers).
struct CoverageRun {
  mobility::CoverageOpResult result;
  std::shared_ptr<const render::CoverageMap> map;
};

}  // namespace

void MobilityDock::runCoverage() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks) return;
  mobility::CoverageParams params;
  params.day = dayParams();
  m_coverageOptions->fill(params);
  m_submittedCoverage = params;
  const TaskOptions options(QStringLiteral("mobility-coverage"), this);
  setStatus(tr("Computing walking catchments…"));
  m_coverageButton->setEnabled(false);
  m_coverageTask = submitOperation<mobility::CoverageOp>(
      *tasks, tr("Mobility coverage"), m_session->file(), params,
      [this](CoverageRun run) {
        m_coverageResult = std::move(run.result);
        m_coverageMap = std::move(run.map);
        const auto& c = m_coverageResult->coverage;
        m_coverage->setRowCount(0);
        for (int h = 0; h < mobility::kHours; ++h) {
          const auto& x = c.hours[static_cast<std::size_t>(h)];
          m_coverage->insertRow(h);
          m_coverage->setItem(h, 0, numberItem(h));
          m_coverage->setItem(h, 1, numberItem(x.population));
          m_coverage->setItem(h, 2, numberItem(x.coveredBus));
          m_coverage->setItem(h, 3, numberItem(x.population > 0 ? 100.0 * x.coveredBus / x.population : NAN, 1));
          m_coverage->setItem(h, 4, numberItem(x.gapCells));
        }
        selectCoverageHour();
        fillGaps();
        setStatus(tr("Population of %1. %2").arg(QString::fromStdString(c.populationDate), catalogueNotes(c.notes)));
        m_coverageButton->setEnabled(true);
        showCoverageLayers();
        emit coverageReady();
      },
      [this](const TaskError& e) {
        setStatus(e.message, true);
        m_coverageButton->setEnabled(true);
        emit failed(e.message);
      },
      options,
      [mesh = m_session->mesh()](mobility::CoverageOpResult result) {  // on the worker: the map layers too
        CoverageRun run{std::move(result), nullptr};
        if (mesh) run.map = render::coverageMapOf(mobility::CoverageOp::record(run.result), *mesh);
        return run;
      });
}

void MobilityDock::showCoverageLayers() {
  if (!m_layersPanel || !m_coverageMap) return;
  render::CoverageLayerNames names;
  names.reach = m_coverageMap->reachUnit == QStringLiteral("min") ? tr("Stop catchments: walk to the nearest stop (min)")
                                                                  : tr("Stop catchments: walk to the nearest stop (m)");
  names.gaps = tr("Coverage gaps: people without a bus in the hour");
  names.reasons = tr("Coverage gaps by reason");
  const std::vector<render::StackedLayer> layers = render::makeCoverageLayers(m_session->mesh(), m_coverageMap, names);
  if (layers.empty()) return;
  // Remembered before the layers go in (each change below comes back to coverageLayersChanged).
  for (const QString& id : kHiddenUnderCoverage)
    if (m_layersPanel->isLayerVisible(id) && !m_hiddenForCoverage.contains(id)) m_hiddenForCoverage << id;
  for (const render::StackedLayer& l : layers) {
    // The catchments and the gaps by reason shown; the gaps' people ready in the list.
    if (l.layer->id() == QStringLiteral("coverage_gaps")) m_layersPanel->addLayer(l.layer, false);
    else m_layersPanel->showLayer(l.layer);
  }
  for (const QString& id : kHiddenUnderCoverage) m_layersPanel->setLayerVisible(id, false);
}

void MobilityDock::removeCoverageLayers() {
  if (!m_layersPanel) return;
  for (const QString& id : kCoverageLayerIds) m_layersPanel->removeLayer(id);  // the last restores the hidden
}

void MobilityDock::coverageLayersChanged() {
  const bool onMap = m_layersPanel && std::any_of(kCoverageLayerIds.begin(), kCoverageLayerIds.end(),
                                                  [this](const QString& id) { return m_layersPanel->layer(id) != nullptr; });
  m_removeCoverageButton->setEnabled(onMap);
  if (onMap || m_hiddenForCoverage.isEmpty()) return;
  // The coverage layers are gone: the layers they hid come back (unless gone too).
  const QStringList hidden = std::exchange(m_hiddenForCoverage, {});
  if (m_layersPanel)
    for (const QString& id : hidden) m_layersPanel->setLayerVisible(id, true);
}

void MobilityDock::selectCoverageHour() {
  const int h = m_hour->value();
  if (h >= m_coverage->rowCount()) return;
  m_coverage->setCurrentCell(h, 0, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  m_coverage->scrollToItem(m_coverage->item(h, 0), QAbstractItemView::PositionAtCenter);
}

void MobilityDock::fillGaps() {
  m_gaps->setRowCount(0);
  if (!m_coverageResult) return;
  const auto& c = m_coverageResult->coverage;
  for (const auto& g : c.gaps) {
    if (g.hour != m_hour->value()) continue;
    const int row = m_gaps->rowCount();
    m_gaps->insertRow(row);
    m_gaps->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(c.cells[static_cast<std::size_t>(g.cell)].meshCode)));
    m_gaps->setItem(row, 1, numberItem(g.population));
    m_gaps->setItem(row, 2, new QTableWidgetItem(g.reason == "no stop within reach" ? tr("no stop within reach")
                                                                                   : tr("no departure in this hour")));
  }
}

void MobilityDock::showOnMap() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks || !m_layersPanel) return;
  TaskOptions options;
  options.replaceKey = QStringLiteral("mobility-layers");
  options.context = this;
  const int epsg = m_session->displayEpsg();
  m_layersTask = tasks->run(
      tr("Mobility layers"),
      [session = m_session, epsg](core::Feedback&) { return render::loadTransitMap(session->store(), epsg); },
      [this](std::shared_ptr<const render::TransitMap> map) {
        if (!map || !m_layersPanel) return;
        const std::shared_ptr<const render::MapLayer> layers[] = {
            std::make_shared<render::TransitRoutesLayer>(QStringLiteral("gtfs-routes"), tr("Bus routes"), map),
            std::make_shared<render::TransitStopsLayer>(QStringLiteral("gtfs-stops"), tr("Bus stops (departures per hour)"), map)};
        for (const auto& layer : layers) {
          m_layersPanel->showLayer(layer);
        }
        emit layersShown();
      },
      [this](const TaskError& e) {
        setStatus(e.message, true);
        emit failed(e.message);
      },
      options);
}

}  // namespace ekm::widgets
