#include "demand/demand_dock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "demand/convergence_plot.h"
#include "demand/od_matrix_model.h"
#include "ekm/demand/od_io.h"
#include "ekm/store/project.h"
#include "tasks/gui_channel.h"
#include "tasks/error_text.h"

namespace ekm::widgets {

namespace {

std::chrono::year_month_day toYmd(const QDate& d) {
  return std::chrono::year_month_day{std::chrono::year{d.year()}, std::chrono::month{static_cast<unsigned>(d.month())},
                                     std::chrono::day{static_cast<unsigned>(d.day())}};
}

QDate toQDate(const std::chrono::year_month_day& d) {
  return QDate(static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
               static_cast<int>(static_cast<unsigned>(d.day())));
}

QWidget* row(QWidget* parent, std::initializer_list<QWidget*> widgets) {
  auto* w = new QWidget(parent);
  auto* l = new QHBoxLayout(w);
  l->setContentsMargins(0, 0, 0, 0);
  for (QWidget* x : widgets) l->addWidget(x, qobject_cast<QLineEdit*>(x) ? 1 : 0);
  return w;
}

void selectData(QComboBox* box, const QVariant& value) {
  const int i = box->findData(value);
  if (i >= 0) box->setCurrentIndex(i);
}

QString number(double v, int decimals = 0) { return QLocale().toString(v, 'f', decimals); }

bool sameLayerOptions(const DemandLayerOptions& a, const DemandLayerOptions& b) {
  return a.bandWidthPer1000 == b.bandWidthPer1000 && a.desireTopN == b.desireTopN &&
         a.desireMinVolume == b.desireMinVolume && a.colourByVolumeCapacity == b.colourByVolumeCapacity &&
         a.showCorridors == b.showCorridors && a.differenceQuantity == b.differenceQuantity;
}

// The map layers of a run (corridors under desire lines under flow bands), built on the
// worker that made the run: building them takes tens of milliseconds on the sample.
render::LayerList runLayers(const DemandRun& run, int displayEpsg, const DemandLayerOptions& options) {
  render::LayerList layers;
  if (options.showCorridors)
    if (auto corridors = DemandLayers::corridorLayer(run, displayEpsg)) layers.push_back(corridors);
  layers.push_back(DemandLayers::desireLineLayer(run, displayEpsg, options));
  layers.push_back(DemandLayers::flowBandLayer(run, displayEpsg, options));
  return layers;
}

}  // namespace

DemandDock::DemandDock(QWidget* parent) : QDockWidget(tr("Demand"), parent) {
  setObjectName(QStringLiteral("DemandDock"));
  m_channel = std::make_shared<GuiChannel>(this);
  buildUi();
  updateVisibility();
  updateDeterrenceLabels();
  setRunning(false);
}

// Nothing waits for a worker: the tasks are cancelled (they have this dock as their context,
// so their results are dropped) and iteration records still on their way are not delivered.
DemandDock::~DemandDock() {
  m_channel->close();
  m_task.cancel();
  m_periodsTask.cancel();
}

void DemandDock::buildUi() {
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);
  m_tabs = new QTabWidget(content);
  m_tabs->addTab(buildModelTab(), tr("Model"));
  m_tabs->addTab(buildResultsTab(), tr("Results"));
  m_tabs->addTab(buildOdTab(), tr("OD matrix"));
  m_tabs->addTab(buildScenarioTab(), tr("Scenario"));
  layout->addWidget(m_tabs, 1);

  auto* buttons = new QHBoxLayout();
  m_runButton = new QPushButton(tr("Run"), content);
  m_runButton->setToolTip(tr("Build zones and network, estimate the OD matrix and assign it (in the background)"));
  m_cancelButton = new QPushButton(tr("Cancel"), content);
  m_progress = new QProgressBar(content);
  m_progress->setRange(0, 100);
  buttons->addWidget(m_runButton);
  buttons->addWidget(m_cancelButton);
  buttons->addWidget(m_progress, 1);
  layout->addLayout(buttons);
  m_status = new QLabel(tr("Open a project to model demand."), content);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);
  setWidget(content);

  connect(m_runButton, &QPushButton::clicked, this, &DemandDock::run);
  connect(m_cancelButton, &QPushButton::clicked, this, &DemandDock::cancel);
}

QWidget* DemandDock::buildModelTab() {
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  auto* page = new QWidget(scroll);
  auto* layout = new QVBoxLayout(page);

  // Zones
  auto* zones = new QGroupBox(tr("Zones"), page);
  auto* zf = new QFormLayout(zones);
  m_zoneSource = new QComboBox(zones);
  m_zoneSource->addItem(tr("Mesh cells aggregated"), static_cast<int>(demand::ZoneKind::Mesh));
  m_zoneSource->addItem(tr("Station catchments"), static_cast<int>(demand::ZoneKind::Stations));
  m_zoneSource->addItem(tr("Polygons from a file"), static_cast<int>(demand::ZoneKind::Polygons));
  m_zoneSource->addItem(tr("Points from a CSV file (zone,lon,lat)"), static_cast<int>(demand::ZoneKind::Points));
  zf->addRow(tr("Zones from:"), m_zoneSource);
  m_meshLevel = new QComboBox(zones);
  m_meshLevel->addItem(tr("1 km (3rd mesh)"), static_cast<int>(mesh::MeshLevel::Third));
  m_meshLevel->addItem(tr("500 m (1/2 mesh)"), static_cast<int>(mesh::MeshLevel::Half));
  m_meshLevel->addItem(tr("250 m (1/4 mesh)"), static_cast<int>(mesh::MeshLevel::Quarter));
  m_meshLevel->setCurrentIndex(1);
  m_meshRow = row(zones, {m_meshLevel});
  zf->addRow(tr("Cell size:"), m_meshRow);
  m_stationRadius = new QSpinBox(zones);
  m_stationRadius->setRange(100, 5000);
  m_stationRadius->setSingleStep(100);
  m_stationRadius->setValue(800);
  m_stationRadius->setSuffix(tr(" m"));
  m_stationRow = row(zones, {m_stationRadius});
  zf->addRow(tr("Catchment radius:"), m_stationRow);
  m_polygonsPath = new QLineEdit(zones);
  m_polygonsPath->setPlaceholderText(tr("GeoPackage, GeoJSON, Shapefile…"));
  m_polygonsBrowse = new QPushButton(tr("Browse…"), zones);
  m_polygonsField = new QLineEdit(zones);
  m_polygonsField->setPlaceholderText(tr("id field"));
  m_polygonsField->setMaximumWidth(110);
  m_polygonRow = row(zones, {m_polygonsPath, m_polygonsBrowse, m_polygonsField});
  zf->addRow(tr("Zone file:"), m_polygonRow);
  layout->addWidget(zones);

  // Trip ends & OD
  auto* od = new QGroupBox(tr("Trip ends && OD"), page);
  auto* of = new QFormLayout(od);
  m_odSource = new QComboBox(od);
  m_odSource->addItem(tr("Gravity model from trip ends"), static_cast<int>(demand::OdSource::Gravity));
  m_odSource->addItem(tr("OD matrix in the project"), static_cast<int>(demand::OdSource::ProjectTable));
  m_odSource->addItem(tr("OD matrix from a CSV file"), static_cast<int>(demand::OdSource::Csv));
  of->addRow(tr("OD from:"), m_odSource);
  m_gravityBox = new QWidget(od);
  auto* gf = new QFormLayout(m_gravityBox);
  gf->setContentsMargins(0, 0, 0, 0);
  m_day = new QDateEdit(m_gravityBox);
  m_day->setCalendarPopup(true);
  m_day->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
  m_fromHour = new QSpinBox(m_gravityBox);
  m_fromHour->setRange(0, 23);
  m_fromHour->setValue(7);
  m_fromHour->setSuffix(tr(":00"));
  m_toHour = new QSpinBox(m_gravityBox);
  m_toHour->setRange(0, 23);
  m_toHour->setValue(9);
  m_toHour->setSuffix(tr(":00"));
  auto* dash = new QLabel(QStringLiteral("–"), m_gravityBox);
  auto* jst = new QLabel(tr("JST"), m_gravityBox);
  gf->addRow(tr("Hours:"), row(m_gravityBox, {m_day, m_fromHour, dash, m_toHour, jst}));
  m_fromHour->setToolTip(tr("Trip ends from stay-population changes between consecutive hours of this span, and "
                            "station ridership in its hours"));
  m_useStays = new QCheckBox(tr("Stay-population changes"), m_gravityBox);
  m_useStays->setChecked(true);
  m_useStations = new QCheckBox(tr("Station ridership"), m_gravityBox);
  m_useStations->setChecked(true);
  gf->addRow(tr("Trip ends:"), row(m_gravityBox, {m_useStays, m_useStations}));
  m_deterrence = new QComboBox(m_gravityBox);
  m_deterrence->addItem(tr("Exponential exp(−β t)"), static_cast<int>(demand::DeterrenceKind::Exponential));
  m_deterrence->addItem(tr("Power t^−α"), static_cast<int>(demand::DeterrenceKind::Power));
  m_deterrence->addItem(tr("Combined (Tanner) t^α exp(−β t)"), static_cast<int>(demand::DeterrenceKind::Combined));
  gf->addRow(tr("Deterrence:"), m_deterrence);
  m_decayLabel = new QLabel(m_gravityBox);
  m_decay = new QDoubleSpinBox(m_gravityBox);
  m_decay->setDecimals(3);
  m_decay->setRange(0.001, 20);
  m_decay->setSingleStep(0.01);
  m_decay->setValue(0.1);
  m_alphaLabel = new QLabel(m_gravityBox);
  m_alpha = new QDoubleSpinBox(m_gravityBox);
  m_alpha->setDecimals(2);
  m_alpha->setRange(-5, 10);
  m_alpha->setValue(1);
  gf->addRow(tr("Parameters:"), row(m_gravityBox, {m_decayLabel, m_decay, m_alphaLabel, m_alpha}));
  m_calibrate = new QCheckBox(tr("Calibrate to a mean trip time (Hyman):"), m_gravityBox);
  m_meanMinutes = new QDoubleSpinBox(m_gravityBox);
  m_meanMinutes->setRange(0.5, 240);
  m_meanMinutes->setValue(10);
  m_meanMinutes->setSuffix(tr(" min"));
  gf->addRow(row(m_gravityBox, {m_calibrate, m_meanMinutes}));
  of->addRow(m_gravityBox);
  m_period = new QComboBox(od);
  m_period->setEditable(true);
  m_periodRow = row(od, {m_period});
  of->addRow(tr("Period:"), m_periodRow);
  m_csvPath = new QLineEdit(od);
  m_csvPath->setPlaceholderText(tr("origin,destination,trips"));
  auto* csvBrowse = new QPushButton(tr("Browse…"), od);
  m_csvRow = row(od, {m_csvPath, csvBrowse});
  of->addRow(tr("CSV file:"), m_csvRow);
  layout->addWidget(od);

  // Assignment
  auto* as = new QGroupBox(tr("Assignment"), page);
  auto* af = new QFormLayout(as);
  m_networkKind = new QComboBox(as);
  m_networkKind->addItem(tr("Walking (pedestrian network)"), QStringLiteral("walking"));
  m_networkKind->addItem(tr("Road (one-way rules, capacities)"), QStringLiteral("road"));
  af->addRow(tr("Network:"), m_networkKind);
  m_barriersPath = new QLineEdit(as);
  m_barriersPath->setPlaceholderText(tr("optional: rail lines with barrier=1"));
  auto* barrierBrowse = new QPushButton(tr("Browse…"), as);
  m_barriersRow = row(as, {m_barriersPath, barrierBrowse});
  af->addRow(tr("Barriers:"), m_barriersRow);
  m_algorithm = new QComboBox(as);
  // Data: the assign operation's algorithm names.
  m_algorithm->addItem(tr("Algorithm B (bush-based)"), QStringLiteral("b"));
  m_algorithm->addItem(tr("Bi-conjugate Frank-Wolfe"), QStringLiteral("bfw"));
  m_algorithm->addItem(tr("Frank-Wolfe"), QStringLiteral("fw"));
  m_algorithm->addItem(tr("All-or-nothing"), QStringLiteral("aon"));
  af->addRow(tr("Algorithm:"), m_algorithm);
  m_gap = new QComboBox(as);
  for (double g : {1e-2, 1e-3, 1e-4, 1e-5, 1e-6}) m_gap->addItem(QString::number(g, 'g'), g);
  m_gap->setCurrentIndex(2);
  af->addRow(tr("Relative gap:"), m_gap);
  m_maxIterations = new QSpinBox(as);
  m_maxIterations->setRange(1, 100000);
  m_maxIterations->setValue(200);
  af->addRow(tr("Max. iterations:"), m_maxIterations);
  layout->addWidget(as);
  layout->addStretch(1);
  scroll->setWidget(page);

  connect(m_zoneSource, &QComboBox::currentIndexChanged, this, &DemandDock::updateVisibility);
  connect(m_odSource, &QComboBox::currentIndexChanged, this, &DemandDock::updateVisibility);
  connect(m_networkKind, &QComboBox::currentIndexChanged, this, &DemandDock::updateVisibility);
  connect(m_calibrate, &QCheckBox::toggled, this, &DemandDock::updateVisibility);
  connect(m_deterrence, &QComboBox::currentIndexChanged, this, &DemandDock::updateDeterrenceLabels);
  connect(m_polygonsBrowse, &QPushButton::clicked, this,
          [this] { browse(m_polygonsPath, tr("Vector files (*.gpkg *.geojson *.json *.shp);;All files (*)")); });
  connect(csvBrowse, &QPushButton::clicked, this, [this] { browse(m_csvPath, tr("CSV files (*.csv);;All files (*)")); });
  connect(barrierBrowse, &QPushButton::clicked, this,
          [this] { browse(m_barriersPath, tr("Vector files (*.gpkg *.geojson *.json *.shp);;All files (*)")); });
  return scroll;
}

QWidget* DemandDock::buildResultsTab() {
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  m_summary = new QLabel(tr("No results yet."), page);
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_summary);
  m_plot = new ConvergencePlot(page);
  layout->addWidget(m_plot, 1);

  auto* display = new QGroupBox(tr("Map"), page);
  auto* df = new QFormLayout(display);
  m_bandScale = new QDoubleSpinBox(display);
  m_bandScale->setRange(0, 1000);
  m_bandScale->setDecimals(2);
  m_bandScale->setSpecialValueText(tr("automatic"));
  m_bandScale->setSuffix(tr(" pt per 1,000 trips"));
  m_bandScale->setToolTip(tr("Band and desire-line width per 1,000 trips; the legend shows reference widths"));
  df->addRow(tr("Width scale:"), m_bandScale);
  m_desireTopN = new QSpinBox(display);
  m_desireTopN->setRange(0, 10000);
  m_desireTopN->setValue(50);
  m_desireTopN->setSpecialValueText(tr("all"));
  df->addRow(tr("Desire lines (largest):"), m_desireTopN);
  m_colourByVc = new QCheckBox(tr("Colour by volume / capacity (road network)"), display);
  m_colourByVc->setChecked(true);
  m_showCorridors = new QCheckBox(tr("Corridors"), display);
  m_showCorridors->setChecked(true);
  m_showCorridors->setToolTip(tr("Draw the ranked corridors (移動コース) under the flows"));
  auto* update = new QPushButton(tr("Update map"), display);
  df->addRow(row(display, {m_colourByVc, m_showCorridors, update}));
  layout->addWidget(display);

  m_corridors = new QTableWidget(0, 4, page);
  m_corridors->setHorizontalHeaderLabels({tr("Peak volume"), tr("Mean volume"), tr("Length (m)"), tr("Links")});
  m_corridors->setToolTip(tr("Main movement corridors: connected high-flow paths, ranked by peak volume"));
  m_corridors->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_corridors->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_corridors->setMaximumHeight(160);
  layout->addWidget(new QLabel(tr("Corridors (移動コース):"), page));
  layout->addWidget(m_corridors);
  connect(update, &QPushButton::clicked, this, &DemandDock::updateLayers);
  return page;
}

QWidget* DemandDock::buildOdTab() {
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  m_odModel = new OdMatrixModel(this);
  m_odProxy = new OdMatrixSortProxy(this);
  m_odProxy->setSourceModel(m_odModel);
  m_odView = new QTableView(page);
  m_odView->setModel(m_odProxy);
  m_odView->setSortingEnabled(true);
  m_odView->sortByColumn(-1, Qt::AscendingOrder);
  m_odView->horizontalHeader()->setDefaultSectionSize(64);
  m_odView->setToolTip(tr("Rows: origins, columns: destinations; click a column header to sort the origins"));
  layout->addWidget(m_odView, 1);
  m_exportButton = new QPushButton(tr("Export CSV…"), page);
  m_exportButton->setEnabled(false);
  layout->addWidget(m_exportButton, 0, Qt::AlignRight);
  connect(m_exportButton, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export OD matrix"), QString(), tr("CSV files (*.csv)"));
    if (!path.isEmpty()) exportOdCsv(path);
  });
  return page;
}

QWidget* DemandDock::buildScenarioTab() {
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  auto* page = new QWidget(scroll);
  auto* layout = new QVBoxLayout(page);
  layout->addWidget(buildChangeBox(page));
  layout->addWidget(buildAddLinkBox(page));
  auto* form = new QFormLayout();
  m_demandPercent = new QSpinBox(page);
  m_demandPercent->setRange(-90, 500);
  m_demandPercent->setSuffix(tr(" %"));
  m_demandPercent->setToolTip(tr("Change of all trips, e.g. +20 % visitors"));
  form->addRow(tr("Demand change:"), m_demandPercent);
  m_differenceQuantity = new QComboBox(page);
  m_differenceQuantity->addItem(tr("Volume difference"), static_cast<int>(render::DifferenceQuantity::Volume));
  m_differenceQuantity->addItem(tr("Travel-time difference"), static_cast<int>(render::DifferenceQuantity::TravelTime));
  m_differenceQuantity->setToolTip(tr("What the scenario map shows: scenario minus base, per link"));
  form->addRow(tr("Map:"), m_differenceQuantity);
  layout->addLayout(form);
  m_scenarioButton = new QPushButton(tr("Run scenario"), page);
  m_scenarioButton->setToolTip(tr("Re-assign with the edits and map scenario minus base volumes or travel times"));
  layout->addWidget(m_scenarioButton, 0, Qt::AlignLeft);
  m_scenarioSummary = new QLabel(tr("Run the model first, then edit and run the scenario."), page);
  m_scenarioSummary->setWordWrap(true);
  layout->addWidget(m_scenarioSummary);
  layout->addStretch(1);
  scroll->setWidget(page);
  connect(m_scenarioButton, &QPushButton::clicked, this, &DemandDock::runScenario);
  connect(m_differenceQuantity, &QComboBox::currentIndexChanged, this, [this] {
    if (m_scenario) showScenario();
  });
  return scroll;
}

QWidget* DemandDock::buildChangeBox(QWidget* parent) {
  auto* box = new QGroupBox(tr("Close or change a segment"), parent);
  auto* form = new QFormLayout(box);
  m_segmentBox = new QComboBox(box);
  m_segmentBox->setEditable(true);
  m_segmentBox->setInsertPolicy(QComboBox::NoInsert);
  m_segmentBox->setToolTip(tr("A road segment id (the busiest are listed; pick one on the flow map)"));
  m_segmentBox->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  auto* close = new QPushButton(tr("Close"), box);
  form->addRow(tr("Segment:"), row(box, {m_segmentBox, close}));
  m_closed = new QListWidget(box);
  m_closed->setMaximumHeight(70);
  auto* reopen = new QPushButton(tr("Reopen selected"), box);
  form->addRow(tr("Closed:"), m_closed);
  form->addRow(QString(), reopen);
  m_changeCapacity = new QDoubleSpinBox(box);
  m_changeCapacity->setRange(0, 1e6);
  m_changeCapacity->setDecimals(0);
  m_changeCapacity->setSingleStep(100);
  m_changeCapacity->setSpecialValueText(tr("unchanged"));
  m_changeCapacity->setSuffix(tr(" /h"));
  m_changeCapacity->setToolTip(tr("New capacity of every link of the segment, per hour (0 = unchanged)"));
  m_changeSpeed = new QDoubleSpinBox(box);
  m_changeSpeed->setRange(0, 200);
  m_changeSpeed->setDecimals(1);
  m_changeSpeed->setSpecialValueText(tr("unchanged"));
  m_changeSpeed->setSuffix(tr(" km/h"));
  m_changeSpeed->setToolTip(tr("New free-flow speed (free-flow time = length / speed; 0 = unchanged)"));
  auto* change = new QPushButton(tr("Change"), box);
  form->addRow(tr("Capacity, speed:"), row(box, {m_changeCapacity, m_changeSpeed, change}));
  m_changed = new QListWidget(box);
  m_changed->setMaximumHeight(70);
  auto* undo = new QPushButton(tr("Remove selected"), box);
  form->addRow(tr("Changed:"), m_changed);
  form->addRow(QString(), undo);
  connect(close, &QPushButton::clicked, this, [this] {
    const QString id = m_segmentBox->currentText().trimmed();
    if (!id.isEmpty() && m_closed->findItems(id, Qt::MatchExactly).isEmpty()) m_closed->addItem(id);
  });
  connect(reopen, &QPushButton::clicked, this, [this] { qDeleteAll(m_closed->selectedItems()); });
  connect(change, &QPushButton::clicked, this, [this] {
    demand::SegmentChangeSpec spec;
    spec.segmentId = m_segmentBox->currentText().trimmed().toStdString();
    spec.capacity = m_changeCapacity->value();
    spec.speedKmh = m_changeSpeed->value();
    if (spec.segmentId.empty() || (spec.capacity <= 0 && spec.speedKmh <= 0)) return;
    auto* item = new QListWidgetItem(describe(spec), m_changed);
    item->setData(Qt::UserRole, QVariantList{QString::fromStdString(spec.segmentId), spec.capacity, spec.speedKmh});
  });
  connect(undo, &QPushButton::clicked, this, [this] { qDeleteAll(m_changed->selectedItems()); });
  return box;
}

QWidget* DemandDock::buildAddLinkBox(QWidget* parent) {
  auto* box = new QGroupBox(tr("Add a link (deck, passage)"), parent);
  auto* form = new QFormLayout(box);
  m_addName = new QLineEdit(box);
  m_addName->setPlaceholderText(tr("e.g. east–west deck"));
  form->addRow(tr("Name:"), m_addName);
  auto coordinate = [box](double range) {
    auto* spin = new QDoubleSpinBox(box);
    spin->setRange(-range, range);
    spin->setDecimals(6);
    spin->setSingleStep(0.0005);
    return spin;
  };
  m_addFromLon = coordinate(180);
  m_addFromLat = coordinate(90);
  m_addToLon = coordinate(180);
  m_addToLat = coordinate(90);
  for (auto* spin : {m_addFromLon, m_addToLon}) spin->setToolTip(tr("Longitude (degrees east)"));
  for (auto* spin : {m_addFromLat, m_addToLat}) spin->setToolTip(tr("Latitude (degrees north)"));
  form->addRow(tr("From (lon, lat):"), row(box, {m_addFromLon, m_addFromLat}));
  form->addRow(tr("To (lon, lat):"), row(box, {m_addToLon, m_addToLat}));
  m_addSpeed = new QDoubleSpinBox(box);
  m_addSpeed->setRange(0.1, 200);
  m_addSpeed->setDecimals(1);
  m_addSpeed->setValue(4.8);
  m_addSpeed->setSuffix(tr(" km/h"));
  m_addSpeed->setToolTip(tr("Free-flow speed on the new link (walking: 4.8 km/h)"));
  m_addCapacity = new QDoubleSpinBox(box);
  m_addCapacity->setRange(0, 1e6);
  m_addCapacity->setDecimals(0);
  m_addCapacity->setSingleStep(100);
  m_addCapacity->setSpecialValueText(tr("unlimited"));
  m_addCapacity->setSuffix(tr(" /h"));
  m_addCapacity->setToolTip(tr("Capacity per hour and direction (0 = unlimited, no congestion)"));
  auto* add = new QPushButton(tr("Add link"), box);
  form->addRow(tr("Speed, capacity:"), row(box, {m_addSpeed, m_addCapacity, add}));
  m_addLength = new QLabel(box);
  m_addLength->setWordWrap(true);
  form->addRow(m_addLength);
  m_added = new QListWidget(box);
  m_added->setMaximumHeight(70);
  auto* remove = new QPushButton(tr("Remove selected"), box);
  form->addRow(tr("Added:"), m_added);
  form->addRow(QString(), remove);
  for (auto* spin : {m_addFromLon, m_addFromLat, m_addToLon, m_addToLat})
    connect(spin, &QDoubleSpinBox::valueChanged, this, &DemandDock::updateAddLinkLength);
  connect(add, &QPushButton::clicked, this, [this] {
    demand::AddedLinkSpec spec;
    spec.name = m_addName->text().trimmed().toStdString();
    if (spec.name.empty()) spec.name = tr("added link %1").arg(m_added->count() + 1).toStdString();
    spec.from = {m_addFromLon->value(), m_addFromLat->value(), 0};
    spec.to = {m_addToLon->value(), m_addToLat->value(), 0};
    if (spec.from.lon == spec.to.lon && spec.from.lat == spec.to.lat) return;
    spec.speedKmh = m_addSpeed->value();
    spec.capacity = m_addCapacity->value() > 0 ? m_addCapacity->value() : demand::AddedLinkSpec{}.capacity;
    auto* item = new QListWidgetItem(describe(spec), m_added);
    item->setData(Qt::UserRole, QVariantList{QString::fromStdString(spec.name), spec.from.lon, spec.from.lat,
                                             spec.to.lon, spec.to.lat, spec.speedKmh, spec.capacity});
  });
  connect(remove, &QPushButton::clicked, this, [this] { qDeleteAll(m_added->selectedItems()); });
  updateAddLinkLength();
  return box;
}

double DemandDock::addedLinkLength(demand::GeoPoint a, demand::GeoPoint b) const {
  if (!m_run || m_run->streets().nodes.empty()) return std::nan("");
  const auto& s = m_run->streets();
  const auto i = static_cast<std::size_t>(demand::nearestNode(s, a));
  const auto j = static_cast<std::size_t>(demand::nearestNode(s, b));
  return std::hypot(s.nodeX[i] - s.nodeX[j], s.nodeY[i] - s.nodeY[j]);
}

QString DemandDock::describe(const demand::AddedLinkSpec& spec) const {
  const double length = addedLinkLength(spec.from, spec.to);
  QString text = tr("%1: (%2, %3) → (%4, %5), %6 km/h")
                     .arg(QString::fromStdString(spec.name))
                     .arg(spec.from.lon, 0, 'f', 6)
                     .arg(spec.from.lat, 0, 'f', 6)
                     .arg(spec.to.lon, 0, 'f', 6)
                     .arg(spec.to.lat, 0, 'f', 6)
                     .arg(number(spec.speedKmh, 1));
  if (spec.capacity < demand::AddedLinkSpec{}.capacity) text += tr(", capacity %1 /h").arg(number(spec.capacity));
  if (std::isfinite(length)) text += tr(", %1 m").arg(number(length));
  return text;
}

QString DemandDock::describe(const demand::SegmentChangeSpec& spec) {
  QStringList parts;
  if (spec.capacity > 0) parts << tr("capacity %1 /h").arg(number(spec.capacity));
  if (spec.speedKmh > 0) parts << tr("%1 km/h").arg(number(spec.speedKmh, 1));
  return QString::fromStdString(spec.segmentId) + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
}

void DemandDock::updateAddLinkLength() {
  const double length = addedLinkLength({m_addFromLon->value(), m_addFromLat->value(), 0},
                                        {m_addToLon->value(), m_addToLat->value(), 0});
  m_addLength->setText(std::isfinite(length)
                           ? tr("Joins the nearest street nodes, both ways: %1 m in the plane CRS.").arg(number(length))
                           : tr("The link joins the street nodes nearest to the two points, both ways; its length "
                                "is measured in the plane CRS."));
}

void DemandDock::setAddLinkPoint(bool start, double lon, double lat) {
  (start ? m_addFromLon : m_addToLon)->setValue(lon);
  (start ? m_addFromLat : m_addToLat)->setValue(lat);
}

void DemandDock::browse(QLineEdit* target, const QString& filter) {
  const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file"), target->text(), filter);
  if (!path.isEmpty()) target->setText(path);
}

void DemandDock::updateVisibility() {
  const auto zs = static_cast<demand::ZoneKind>(m_zoneSource->currentData().toInt());
  m_meshRow->setEnabled(zs == demand::ZoneKind::Mesh);
  m_stationRow->setEnabled(zs == demand::ZoneKind::Stations);
  m_polygonRow->setEnabled(zs == demand::ZoneKind::Polygons || zs == demand::ZoneKind::Points);
  m_polygonsField->setEnabled(zs == demand::ZoneKind::Polygons);
  const auto os = static_cast<demand::OdSource>(m_odSource->currentData().toInt());
  m_gravityBox->setEnabled(os == demand::OdSource::Gravity);
  m_periodRow->setEnabled(os == demand::OdSource::ProjectTable);
  m_csvRow->setEnabled(os == demand::OdSource::Csv);
  m_meanMinutes->setEnabled(m_calibrate->isChecked());
  m_decay->setEnabled(!m_calibrate->isChecked());
  m_barriersRow->setEnabled(m_networkKind->currentData().toString() == QStringLiteral("walking"));
}

void DemandDock::updateDeterrenceLabels() {
  const auto kind = static_cast<demand::DeterrenceKind>(m_deterrence->currentData().toInt());
  m_decayLabel->setText(kind == demand::DeterrenceKind::Power ? tr("α") : tr("β (1/min)"));
  m_alphaLabel->setVisible(kind == demand::DeterrenceKind::Combined);
  m_alpha->setVisible(kind == demand::DeterrenceKind::Combined);
  m_alphaLabel->setText(tr("α"));
  if (kind == demand::DeterrenceKind::Power && m_decay->value() < 0.5) m_decay->setValue(2);
  if (kind != demand::DeterrenceKind::Power && m_decay->value() > 1) m_decay->setValue(0.1);
}

void DemandDock::setSession(SessionPtr session) {
  // The old project's job is cancelled; its result and iteration records are dropped.
  cancel();
  m_task = {};
  m_periodsTask.cancel();
  ++m_jobSerial;
  m_jobKind = JobKind::None;
  m_session = std::move(session);
  m_project = m_session ? m_session->layers() : nullptr;
  m_run.reset();
  m_scenario.reset();
  m_plot->clear();
  m_odModel->setMatrix({});
  m_corridors->setRowCount(0);
  m_segmentBox->clear();
  m_closed->clear();
  m_changed->clear();
  m_added->clear();
  updateAddLinkLength();
  m_summary->setText(tr("No results yet."));
  m_exportButton->setEnabled(false);
  if (m_project && m_project->meshTimeRange) {
    // Default: the morning peak of the last day with data up to 09:00.
    const auto last = core::jstFromHourKey(m_project->meshTimeRange->last);
    QDate day = toQDate(last.date);
    if (last.hour < 9) day = day.addDays(-1);
    const auto first = core::jstFromHourKey(m_project->meshTimeRange->first);
    m_day->setDateRange(toQDate(first.date), toQDate(last.date));
    m_day->setDate(day);
  }
  m_status->setText(m_project ? tr("Choose zones, OD and assignment settings, then press Run.")
                              : tr("Open a project to model demand."));
  setRunning(false);
  listOdPeriods();
}

void DemandDock::listOdPeriods() {
  m_period->clear();
  if (!m_session || !m_session->tasks()) return;
  m_periodsTask = m_session->tasks()->run(
      tr("List OD periods"),
      [session = m_session](core::Feedback&) {
        QStringList out;
        try {
          // This thread's own connection.
          for (const auto& p : demand::odPeriods(session->store())) out << QString::fromStdString(p);
        } catch (const std::exception&) {
          // The list is a convenience: a period can be typed, and a bad one is reported on Run.
        }
        return out;
      },
      [this, session = m_session](QStringList periods) {
        if (session != m_session) return;  // an older project's list
        const QString current = m_period->currentText();
        m_period->clear();
        m_period->addItems(periods);
        const int i = m_period->findText(current);
        if (i >= 0) m_period->setCurrentIndex(i);
      },
      {}, TaskOptions::hiddenRead(QStringLiteral("demand-periods"), this));
}

demand::AssignParams DemandDock::defaultParams() {
  demand::AssignParams p;
  p.network.split_crossings = true;
  return p;
}

demand::AssignParams DemandDock::params() const {
  demand::AssignParams p = m_params;
  demand::ZoneOptions zones;
  zones.kind = static_cast<demand::ZoneKind>(m_zoneSource->currentData().toInt());
  zones.meshLevel = static_cast<mesh::MeshLevel>(m_meshLevel->currentData().toInt());
  zones.stationRadiusM = m_stationRadius->value();
  zones.path = QFile::encodeName(m_polygonsPath->text().trimmed()).toStdString();
  zones.idField = m_polygonsField->text().trimmed().toStdString();
  p.network.zones = demand::zoneSpec(zones);
  p.network.network = m_networkKind->currentData().toString().toStdString();
  p.network.barriers =
      p.network.network == "walking" ? QFile::encodeName(m_barriersPath->text().trimmed()).toStdString() : "";
  // The OD: "" = the gravity model over the hours, "period:NAME" or a CSV file.
  auto& d = p.demand;
  d.hours = {};
  d.gravity = {};
  switch (static_cast<demand::OdSource>(m_odSource->currentData().toInt())) {
    case demand::OdSource::ProjectTable: d.od = "period:" + m_period->currentText().trimmed().toStdString(); break;
    case demand::OdSource::Csv: d.od = QFile::encodeName(m_csvPath->text().trimmed()).toStdString(); break;
    case demand::OdSource::Gravity: {
      d.od.clear();
      d.hours.from = core::formatHourKeyJst(core::hourKeyFromJst(toYmd(m_day->date()), m_fromHour->value()));
      d.hours.to = core::formatHourKeyJst(core::hourKeyFromJst(toYmd(m_day->date()), m_toHour->value()));
      d.hours.no_stays = !m_useStays->isChecked();
      d.hours.no_stations = !m_useStations->isChecked();
      const auto kind = static_cast<demand::DeterrenceKind>(m_deterrence->currentData().toInt());
      d.gravity.deterrence = demand::deterrenceKindName(kind);
      if (kind == demand::DeterrenceKind::Power) {
        d.gravity.alpha = m_decay->value();
      } else {
        d.gravity.beta = m_decay->value();
        if (kind == demand::DeterrenceKind::Combined) d.gravity.alpha = m_alpha->value();
      }
      if (m_calibrate->isChecked()) d.gravity.mean_cost = m_meanMinutes->value();
      break;
    }
  }
  p.assignment.algorithm = m_algorithm->currentData().toString().toStdString();
  p.assignment.gap = m_gap->currentData().toDouble();
  p.assignment.max_iter = m_maxIterations->value();
  return p;
}

void DemandDock::setParams(const demand::AssignParams& p) {
  const demand::ZoneOptions zones = demand::zoneOptionsFromSpec(p.network.zones);
  m_params = p;
  selectData(m_zoneSource, static_cast<int>(zones.kind));
  selectData(m_meshLevel, static_cast<int>(zones.meshLevel));
  m_stationRadius->setValue(static_cast<int>(std::lround(zones.stationRadiusM)));
  m_polygonsPath->setText(QFile::decodeName(zones.path.c_str()));
  m_polygonsField->setText(QString::fromStdString(zones.idField));
  selectData(m_networkKind, QString::fromStdString(p.network.network));
  m_barriersPath->setText(QFile::decodeName(p.network.barriers.c_str()));
  const auto& d = p.demand;
  const bool period = d.od.rfind("period:", 0) == 0;
  const auto source = d.od.empty() ? demand::OdSource::Gravity
                      : period     ? demand::OdSource::ProjectTable
                                   : demand::OdSource::Csv;
  selectData(m_odSource, static_cast<int>(source));
  if (period) m_period->setEditText(QString::fromStdString(d.od.substr(7)));
  if (source == demand::OdSource::Csv) m_csvPath->setText(QFile::decodeName(d.od.c_str()));
  const auto from = core::parseIsoDateTimeToHourKey(d.hours.from), to = core::parseIsoDateTimeToHourKey(d.hours.to);
  if (from && to && *to >= *from) {
    const auto a = core::jstFromHourKey(*from), b = core::jstFromHourKey(*to);
    m_day->setDate(toQDate(a.date));
    m_fromHour->setValue(a.hour);
    m_toHour->setValue(a.date == b.date ? b.hour : 23);
  }
  m_useStays->setChecked(!d.hours.no_stays);
  m_useStations->setChecked(!d.hours.no_stations);
  const demand::Deterrence deterrence = d.gravity.function();
  selectData(m_deterrence, static_cast<int>(deterrence.kind));
  m_decay->setValue(deterrence.decayParameter());
  m_alpha->setValue(deterrence.alpha);
  m_calibrate->setChecked(d.gravity.mean_cost.has_value());
  if (d.gravity.mean_cost) m_meanMinutes->setValue(*d.gravity.mean_cost);
  selectData(m_algorithm, QString::fromStdString(p.assignment.algorithm));
  int gapIndex = m_gap->findData(p.assignment.gap);
  if (gapIndex < 0) {
    m_gap->addItem(QString::number(p.assignment.gap, 'g'), p.assignment.gap);
    gapIndex = m_gap->count() - 1;
  }
  m_gap->setCurrentIndex(gapIndex);
  m_maxIterations->setValue(static_cast<int>(p.assignment.max_iter));
  updateVisibility();
}

DemandLayerOptions DemandDock::layerOptions() const {
  DemandLayerOptions o;
  o.bandWidthPer1000 = m_bandScale->value();
  o.desireTopN = m_desireTopN->value();
  o.colourByVolumeCapacity = m_colourByVc->isChecked();
  o.showCorridors = m_showCorridors->isChecked();
  o.differenceQuantity = static_cast<render::DifferenceQuantity>(m_differenceQuantity->currentData().toInt());
  return o;
}

demand::ScenarioEdits DemandDock::scenarioEdits() const {
  demand::ScenarioEdits s;
  for (int i = 0; i < m_closed->count(); ++i) s.closeSegments.push_back(m_closed->item(i)->text().toStdString());
  for (int i = 0; i < m_changed->count(); ++i) {
    const QVariantList v = m_changed->item(i)->data(Qt::UserRole).toList();
    s.change.push_back({v.value(0).toString().toStdString(), v.value(1).toDouble(), v.value(2).toDouble()});
  }
  for (int i = 0; i < m_added->count(); ++i) {
    const QVariantList v = m_added->item(i)->data(Qt::UserRole).toList();
    demand::AddedLinkSpec a;
    a.name = v.value(0).toString().toStdString();
    a.from = {v.value(1).toDouble(), v.value(2).toDouble(), 0};
    a.to = {v.value(3).toDouble(), v.value(4).toDouble(), 0};
    a.speedKmh = v.value(5).toDouble();
    a.capacity = v.value(6).toDouble();
    s.add.push_back(a);
  }
  s.demandScale = 1.0 + m_demandPercent->value() / 100.0;
  return s;
}

void DemandDock::setScenarioEdits(const demand::ScenarioEdits& s) {
  m_closed->clear();
  for (const auto& id : s.closeSegments) m_closed->addItem(QString::fromStdString(id));
  m_changed->clear();
  for (const auto& c : s.change) {
    auto* item = new QListWidgetItem(describe(c), m_changed);
    item->setData(Qt::UserRole, QVariantList{QString::fromStdString(c.segmentId), c.capacity, c.speedKmh});
  }
  m_added->clear();
  for (const auto& a : s.add) {
    auto* item = new QListWidgetItem(describe(a), m_added);
    item->setData(Qt::UserRole, QVariantList{QString::fromStdString(a.name), a.from.lon, a.from.lat, a.to.lon,
                                             a.to.lat, a.speedKmh, a.capacity});
  }
  m_demandPercent->setValue(static_cast<int>(std::lround((s.demandScale - 1.0) * 100.0)));
}

void DemandDock::setDifferenceQuantity(render::DifferenceQuantity quantity) {
  selectData(m_differenceQuantity, static_cast<int>(quantity));
}

bool DemandDock::isRunning() const { return m_jobKind != JobKind::None; }
QString DemandDock::statusText() const { return m_status->text(); }

void DemandDock::setRunning(bool running) {
  m_runButton->setEnabled(!running && m_project);
  m_scenarioButton->setEnabled(!running && m_run);
  m_cancelButton->setEnabled(running);
  m_progress->setVisible(running);
}

// The options of job `serial`: the dock is its context (its destruction cancels the job and
// drops the result); a newer job replaces it; progress and Cancel of an older job are ignored.
TaskOptions DemandDock::jobOptions(int serial) {
  TaskOptions options;
  options.context = this;
  options.replaceKey = QStringLiteral("demand");
  options.onCancelled = [this, serial] { jobFinished(serial, RunStatus::Cancelled, {}); };
  options.onProgress = [this, serial](double percent) {
    if (serial == m_jobSerial) m_progress->setValue(static_cast<int>(std::lround(percent)));
  };
  return options;
}

void DemandDock::run() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!m_project || !tasks || isRunning()) return;
  const demand::AssignParams p = params();
  const std::string path = m_session->file();
  const int epsg = m_project->displayEpsg;
  const DemandLayerOptions options = layerOptions();
  m_jobKind = JobKind::Model;
  m_plot->clear();
  m_plot->setTarget(p.assignment.algorithm == "aon" ? std::nullopt : std::optional<double>(p.assignment.gap));
  m_progress->setValue(0);
  setRunning(true);
  m_status->setText(tr("Building zones, network and OD…"));
  // Each iteration's record goes from the worker to the GUI thread through the dock's
  // channel; the posted call runs on the GUI thread, and only while the dock lives.
  const int serial = ++m_jobSerial;
  const IterationCallback onIteration = [this, serial, channel = m_channel](const demand::IterationRecord& record) {
    channel->post([this, serial, record] { showIteration(serial, record); });
  };
  m_task = tasks->run(
      tr("Demand model and assignment"),
      [path, p, onIteration, epsg, options](core::Feedback& feedback) {
        auto run = std::make_shared<const DemandRun>(runDemand(path, p, feedback, onIteration));
        PrebuiltLayers layers{runLayers(*run, epsg, options), options};
        return std::make_pair(std::move(run), std::move(layers));
      },
      [this, serial](std::pair<std::shared_ptr<const DemandRun>, PrebuiltLayers> result) {
        if (serial != m_jobSerial) return;
        m_run = std::move(result.first);
        m_scenario.reset();
        jobFinished(serial, RunStatus::Completed, {}, std::move(result.second));
      },
      [this, serial](const TaskError& error) { jobFinished(serial, RunStatus::Failed, error.message); },
      jobOptions(serial));
}

void DemandDock::runScenario() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!m_project || !m_run || !tasks || isRunning()) return;
  const demand::ScenarioEdits edits = scenarioEdits();
  const std::string path = m_session->file();
  const demand::AssignParams base = m_run->params;
  const int epsg = m_project->displayEpsg;
  const DemandLayerOptions options = layerOptions();
  m_jobKind = JobKind::Scenario;
  m_progress->setValue(0);
  setRunning(true);
  m_status->setText(tr("Assigning base and scenario…"));
  const int serial = ++m_jobSerial;
  m_task = tasks->run(
      tr("Demand scenario"),
      [path, base, edits, epsg, options](core::Feedback& feedback) {
        auto scenario = std::make_shared<const ScenarioRun>(runDemandScenario(path, base, edits, feedback));
        PrebuiltLayers layers{{DemandLayers::differenceLayer(*scenario, epsg, options)}, options};
        return std::make_pair(std::move(scenario), std::move(layers));
      },
      [this, serial](std::pair<std::shared_ptr<const ScenarioRun>, PrebuiltLayers> result) {
        if (serial != m_jobSerial) return;
        m_scenario = std::move(result.first);
        jobFinished(serial, RunStatus::Completed, {}, std::move(result.second));
      },
      [this, serial](const TaskError& error) { jobFinished(serial, RunStatus::Failed, error.message); },
      jobOptions(serial));
}

void DemandDock::cancel() { m_task.cancel(); }

void DemandDock::showIteration(int serial, const demand::IterationRecord& record) {
  if (serial != m_jobSerial || m_jobKind != JobKind::Model) return;  // a finished or older job's
  m_plot->appendPoint(record.iteration, record.relativeGap);
  m_status->setText(
      tr("Assigning: iteration %1, relative gap %2").arg(record.iteration).arg(record.relativeGap, 0, 'e', 2));
  emit assignmentIteration(record);
}

void DemandDock::jobFinished(int serial, RunStatus status, const QString& message,
                             std::optional<PrebuiltLayers> layers) {
  if (serial != m_jobSerial) return;  // a replaced job, or one of the previous project
  const JobKind kind = m_jobKind;
  m_jobKind = JobKind::None;
  const QString what = kind == JobKind::Scenario ? tr("Scenario") : tr("Demand model");
  if (status == RunStatus::Cancelled) {
    setRunning(false);
    m_status->setText(tr("%1 run cancelled.").arg(what));
    emit runFinished(RunStatus::Cancelled, {});
    return;
  }
  if (status == RunStatus::Failed) {
    setRunning(false);
    m_status->setText(tr("%1 run failed: %2").arg(what, message));
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Demand run failed"),
                                tr("The %1 could not be run.").arg(what.toLower()), QMessageBox::Ok, this);
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit runFinished(RunStatus::Failed, message);
    return;
  }
  setRunning(false);
  // Layers built on the worker are used unless the display options changed meanwhile.
  if (layers && !sameLayerOptions(layers->options, layerOptions())) layers.reset();
  if (kind == JobKind::Model)
    showRun(std::move(layers));
  else
    showScenario(std::move(layers));
  emit runFinished(RunStatus::Completed, {});
}

void DemandDock::showRun(std::optional<PrebuiltLayers> layers) {
  const DemandRun& r = *m_run;
  const auto& a = r.assignment();
  std::vector<int> its;
  std::vector<double> gaps;
  for (const auto& rec : a.iterations) {
    its.push_back(rec.iteration);
    gaps.push_back(rec.relativeGap);
  }
  m_plot->setSeries(std::move(its), std::move(gaps));
  const int iterations = a.iterations.empty() ? 0 : a.iterations.back().iteration;
  const auto& zoneConnected = r.connected().zoneConnected;
  const int connected = static_cast<int>(std::count(zoneConnected.begin(), zoneConnected.end(), true));
  QStringList lines;
  lines << tr("Zones: %1 (%2 connected to the network)").arg(r.zones().zones.size()).arg(connected);
  lines << tr("Network: %1 nodes, %2 links").arg(r.network().report.nodes).arg(r.network().report.links);
  lines << tr("OD: %1 trips, mean free-flow trip time %2 min (%3)")
               .arg(number(r.od().matrix.total()), number(r.outcome.meanTripMinutes, 1),
                    QString::fromStdString(r.outcome.project.odDescription));
  if (r.droppedTrips() > 0) lines << tr("Not assigned: %1 intrazonal or unconnected trips").arg(number(r.droppedTrips()));
  lines << tr("Assignment (%1): %2 iterations, relative gap %3 — %4")
               .arg(QString::fromLatin1(demand::algorithmName(r.outcome.options.algorithm)))
               .arg(iterations)
               .arg(a.relativeGap, 0, 'e', 2)
               .arg(a.converged ? tr("converged") : tr("stopped at the iteration limit"));
  lines << tr("Total travel time: %1 h (%2 s of computing)").arg(number(r.totalTravelHours(), 1), number(a.seconds, 2));
  m_summary->setText(lines.join(QLatin1Char('\n')));
  m_status->setText(a.converged ? tr("Assigned: %1 iterations, relative gap %2.").arg(iterations).arg(a.relativeGap, 0, 'e', 2)
                                : tr("Stopped at the iteration limit (%1), relative gap %2.").arg(iterations).arg(a.relativeGap, 0, 'e', 2));

  m_odModel->setMatrix(r.od());
  m_exportButton->setEnabled(true);

  const auto& corridors = r.outcome.corridors;
  m_corridors->setRowCount(static_cast<int>(corridors.size()));
  for (std::size_t i = 0; i < corridors.size(); ++i) {
    const auto& c = corridors[i];
    const QStringList cells{number(c.peakVolume), number(c.meanVolume), number(c.length), QString::number(c.links.size())};
    for (int k = 0; k < cells.size(); ++k) {
      auto* item = new QTableWidgetItem(cells[k]);
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      m_corridors->setItem(static_cast<int>(i), k, item);
    }
  }

  // The busiest street segments as closure candidates.
  std::map<std::string, double> bySegment;
  const auto& net = r.network();
  for (int l = 0; l < net.network.linkCount(); ++l) {
    const auto i = static_cast<std::size_t>(l);
    if (net.linkSegment[i] >= 0) bySegment[net.linkSegmentId[i]] += a.volume[i];
  }
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [id, v] : bySegment) ranked.emplace_back(v, id);
  std::sort(ranked.rbegin(), ranked.rend());
  const QString current = m_segmentBox->currentText();
  m_segmentBox->clear();
  for (std::size_t i = 0; i < ranked.size() && i < 30; ++i) m_segmentBox->addItem(QString::fromStdString(ranked[i].second));
  if (!current.isEmpty()) m_segmentBox->setEditText(current);
  // New links start where the user looks first: the middle of the street network.
  const auto& streets = r.streets().nodes;
  if (m_addFromLon->value() == 0 && m_addToLon->value() == 0 && !streets.empty()) {
    double lon = 0, lat = 0;
    for (const auto& n : streets) lon += n.lon, lat += n.lat;
    lon /= static_cast<double>(streets.size()), lat /= static_cast<double>(streets.size());
    setAddLinkPoint(true, lon, lat);
    setAddLinkPoint(false, lon, lat);
  }
  m_addSpeed->setValue(r.connected().network.defaultSpeedKmh);
  updateAddLinkLength();
  m_scenarioSummary->setText(tr("Edit and run the scenario."));
  if (layers)
    emitLayers(std::move(layers->layers));
  else
    updateLayers();
}

void DemandDock::showScenario(std::optional<PrebuiltLayers> layers) {
  const auto& res = m_scenario->result();
  const double base = res.base.tstt / 3600.0, scen = res.scenario.tstt / 3600.0;
  int closed = 0, added = 0;
  for (const auto& d : res.links) closed += d.scenarioLink < 0 ? 1 : 0, added += d.baseLink < 0 ? 1 : 0;
  m_scenarioSummary->setText(
      tr("Total travel time %1 h → %2 h (%3 %); %4 links closed, %5 added, %6 segments changed; demand %7 → %8 trips.")
          .arg(number(base, 1), number(scen, 1),
               (scen >= base ? QStringLiteral("+") : QString()) +
                   number(base > 0 ? 100.0 * (scen - base) / base : 0.0, 1))
          .arg(closed)
          .arg(added)
          .arg(m_scenario->edits.change.size())
          .arg(number(res.baseDemand.total()), number(res.scenarioDemand.total())));
  const auto options = layerOptions();
  m_status->setText(options.differenceQuantity == render::DifferenceQuantity::TravelTime
                        ? tr("Scenario assigned; the map shows scenario minus base travel times.")
                        : tr("Scenario assigned; the map shows scenario minus base volumes."));
  if (!m_project) return;
  emitLayers(layers ? std::move(layers->layers)
                    : render::LayerList{DemandLayers::differenceLayer(*m_scenario, m_project->displayEpsg, options)});
}

void DemandDock::updateLayers() {
  if (!m_run || !m_project) return;
  if (m_scenario) {
    showScenario();
    return;
  }
  emitLayers(runLayers(*m_run, m_project->displayEpsg, layerOptions()));
}

void DemandDock::emitLayers(render::LayerList layers) {
  std::vector<render::LegendGroup> legend;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it)  // top layer's legend first
    for (auto& g : (*it)->legendGroups()) legend.push_back(std::move(g));
  emit resultLayersReady(std::move(layers), std::move(legend));
}

void DemandDock::selectSegment(const QString& segmentId) {
  if (segmentId.isEmpty()) return;
  m_segmentBox->setEditText(segmentId);
}

bool DemandDock::exportOdCsv(const QString& path) {
  try {
    m_odModel->writeCsv(path);
    m_status->setText(tr("OD matrix written to %1.").arg(path));
    return true;
  } catch (const std::exception& e) {
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Export failed"), tr("The OD matrix could not be written."),
                                QMessageBox::Ok, this);
    box->setInformativeText(errorText(e));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
  }
}

}  // namespace ekm::widgets
