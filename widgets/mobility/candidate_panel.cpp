// The Mobility dock's Candidate tab (candidate_panel.h).
#include "mobility/candidate_panel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimeEdit>
#include <QVBoxLayout>
#include <cmath>

#include "layers/layers_panel.h"
#include "map/map_canvas.h"
#include "mobility/mobility_defaults.h"
#include "mobility/number_item.h"
#include "render/candidate_route_layer.h"
#include "tasks/error_text.h"
#include "tasks/operation_task.h"

namespace ekm::widgets {

namespace {

const QString kLayerId = QStringLiteral("drawn-candidate");

}  // namespace

CandidatePanel::CandidatePanel(QWidget* parent) : QWidget(parent) {
  buildUi();
  updateButtons();
}

CandidatePanel::~CandidatePanel() {
  m_task.cancel();
  delete m_tool.data();  // leaves the canvas's tool
}

void CandidatePanel::buildUi() {
  // The panel scrolls when the dock is short, so its tables' height does not set the Mobility
  // dock's minimum and squeeze the legend above it (1600 x 1000).
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  outer->addWidget(scroll);
  auto* content = new QWidget(scroll);
  auto* layout = new QVBoxLayout(content);
  auto* drawRow = new QHBoxLayout();
  m_drawButton = new QPushButton(tr("Draw on Map"), this);
  m_drawButton->setToolTip(tr("Click the stops in order on the map; Backspace removes the last, Esc cancels, "
                              "a double click or Enter finishes"));
  drawRow->addWidget(m_drawButton);
  drawRow->addStretch(1);
  layout->addLayout(drawRow);
  m_help = new QLabel(this);
  m_help->setWordWrap(true);
  layout->addWidget(m_help);
  m_stopsTable = new QTableWidget(0, 4, this);
  m_stopsTable->setHorizontalHeaderLabels({tr("Stop"), tr("Existing stop"), tr("Longitude"), tr("Latitude")});
  m_stopsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_stopsTable->verticalHeader()->setVisible(true);
  // The stop name takes the width left by the others; the table and the figures share the height.
  m_stopsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_stopsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_stopsTable->setMinimumHeight(130);
  layout->addWidget(m_stopsTable, 1);

  // Two fields a row, so the tables keep their rows in a dock of a 1000-pixel-high screen.
  auto* form = new QGridLayout();
  const auto addField = [&](int row, int column, const QString& label, QWidget* field) {
    form->addWidget(new QLabel(label, this), row, 2 * column);
    form->addWidget(field, row, 2 * column + 1);
  };
  m_routeId = new QLineEdit(QStringLiteral("cand-1"), this);
  m_routeId->setToolTip(tr("The candidate's route id (must differ from the feed's route ids)"));
  addField(0, 0, tr("Route id"), m_routeId);
  m_name = new QLineEdit(this);
  m_name->setPlaceholderText(tr("Candidate route"));
  addField(0, 1, tr("Name"), m_name);
  m_headway = new QDoubleSpinBox(this);
  m_headway->setRange(1, 240);
  m_headway->setDecimals(0);
  m_headway->setValue(15);
  m_headway->setSuffix(tr(" min"));
  addField(1, 0, tr("Headway"), m_headway);
  m_speed = new QDoubleSpinBox(this);
  m_speed->setRange(1, 60);
  m_speed->setDecimals(1);
  m_speed->setValue(12);
  m_speed->setSuffix(tr(" km/h"));
  m_speed->setToolTip(tr("Average speed along the line including stops (ride time = distance / speed)"));
  addField(1, 1, tr("Speed"), m_speed);
  auto* span = new QHBoxLayout();
  m_start = new QTimeEdit(QTime(7, 0), this);
  m_end = new QTimeEdit(QTime(20, 0), this);
  for (QTimeEdit* t : {m_start, m_end}) t->setDisplayFormat(QStringLiteral("HH:mm"));
  span->addWidget(m_start);
  span->addWidget(new QLabel(tr("to"), this));
  span->addWidget(m_end);
  form->addWidget(new QLabel(tr("Service span"), this), 2, 0);
  form->addLayout(span, 2, 1);
  m_twoWay = new QCheckBox(tr("Both directions"), this);
  m_twoWay->setChecked(true);
  form->addWidget(m_twoWay, 2, 2, 1, 2);
  form->setColumnStretch(1, 1);
  form->setColumnStretch(3, 1);
  layout->addLayout(form);

  auto* runRow = new QHBoxLayout();
  m_runButton = new QPushButton(tr("Estimate Riders"), this);
  m_runButton->setToolTip(tr("Riders by hour, riders gained and coverage of the candidate beside the feed's network "
                             "(mobility-route-demand)"));
  m_saveButton = new QPushButton(tr("Save as GeoJSON…"), this);
  m_saveButton->setToolTip(tr("The candidate route file for the CLI (--candidate) and scenario files"));
  runRow->addWidget(m_runButton);
  runRow->addWidget(m_saveButton);
  runRow->addStretch(1);
  layout->addLayout(runRow);
  m_result = new QTableWidget(0, 2, this);
  m_result->setHorizontalHeaderLabels({tr("Figure"), tr("Value")});
  m_result->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_result->verticalHeader()->setVisible(false);
  m_result->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_result->setMinimumHeight(130);
  layout->addWidget(m_result, 1);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);
  scroll->setWidget(content);

  connect(m_drawButton, &QPushButton::clicked, this, &CandidatePanel::startDrawing);
  connect(m_runButton, &QPushButton::clicked, this, &CandidatePanel::runDemand);
  connect(m_saveButton, &QPushButton::clicked, this, [this] { saveAs(); });
}

void CandidatePanel::setSession(SessionPtr session) {
  m_task.cancel();
  m_task = {};
  m_session = std::move(session);
  m_demand.reset();
  m_submitted.reset();
  m_result->setRowCount(0);
  setStatus(QString());
  updateButtons();
}

void CandidatePanel::setMapCanvas(MapCanvas* canvas) {
  m_canvas = canvas;
  updateButtons();
}

void CandidatePanel::setLayersPanel(LayersPanel* panel) { m_layersPanel = panel; }

void CandidatePanel::setFeedStops(const std::vector<store::GtfsStop>& stops) {
  m_feedStops.clear();
  for (const auto& s : stops) {
    if (s.locationType != 0) continue;
    RouteStop r;
    r.stopId = QString::fromStdString(s.stopId);
    r.name = QString::fromStdString(s.name);
    r.lon = s.position.lon;
    r.lat = s.position.lat;
    m_feedStops.push_back(std::move(r));
  }
  updateButtons();
}

QString CandidatePanel::statusText() const { return m_status->text(); }

void CandidatePanel::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00020; }") : QString());
}

void CandidatePanel::updateButtons() {
  const bool drawn = m_tool && m_tool->isFinished();
  m_drawButton->setEnabled(m_canvas != nullptr);
  m_runButton->setEnabled(drawn && m_session && m_session->tasks());
  m_saveButton->setEnabled(drawn);
}

void CandidatePanel::startDrawing() {
  if (!m_canvas) return;
  if (!m_tool) {
    m_tool = new DrawRouteTool(m_canvas, this);
    connect(m_tool, &DrawRouteTool::stopsChanged, this, &CandidatePanel::fillStops);
    connect(m_tool, &DrawRouteTool::finished, this, [this] {
      if (m_canvas && m_canvas->mapTool() == m_tool) m_canvas->setMapTool(nullptr);  // clicks identify again
      showCandidateLayer();
      m_help->setText(tr("%n stop(s) drawn. Fill in the service and estimate the riders.", "",
                         static_cast<int>(m_tool->stops().size())));
      updateButtons();
      emit drawingFinished();
    });
    connect(m_tool, &DrawRouteTool::cancelled, this, [this] {
      if (m_canvas && m_canvas->mapTool() == m_tool) m_canvas->setMapTool(nullptr);
      m_help->setText(tr("Drawing cancelled."));
      updateButtons();
    });
  }
  // Existing stops in the canvas's CRS, for snapping.
  std::vector<RouteStop> snap;
  for (RouteStop s : m_feedStops)
    if (const auto p = m_canvas->fromLonLat(s.lon, s.lat)) {
      s.mapPoint = *p;
      snap.push_back(std::move(s));
    }
  m_tool->setSnapStops(std::move(snap));
  m_tool->clear();
  if (m_layersPanel) m_layersPanel->removeLayer(kLayerId);
  m_demand.reset();
  m_result->setRowCount(0);
  m_canvas->setMapTool(m_tool);
  m_help->setText(tr("Click the stops in order on the map (a click near a bus stop takes that stop). Backspace "
                     "removes the last stop, Esc cancels, a double click or Enter finishes."));
  updateButtons();
}

void CandidatePanel::fillStops() {
  m_stopsTable->setRowCount(0);
  if (!m_tool) return;
  const auto& stops = m_tool->stops();
  for (std::size_t i = 0; i < stops.size(); ++i) {
    const RouteStop& s = stops[i];
    const int row = m_stopsTable->rowCount();
    m_stopsTable->insertRow(row);
    m_stopsTable->setItem(row, 0, new QTableWidgetItem(s.existing() ? s.name : tr("New stop %1").arg(i + 1)));
    m_stopsTable->setItem(row, 1, new QTableWidgetItem(s.existing() ? s.stopId : QString()));
    m_stopsTable->setItem(row, 2, numberItem(s.lon, 6));
    m_stopsTable->setItem(row, 3, numberItem(s.lat, 6));
  }
  updateButtons();
}

void CandidatePanel::showCandidateLayer() {
  if (!m_layersPanel || !m_tool) return;
  QPolygonF points;
  std::vector<bool> existing;
  for (const RouteStop& s : m_tool->stops()) {
    points << s.mapPoint;
    existing.push_back(s.existing());
  }
  const QString name = m_name->text().isEmpty() ? m_routeId->text() : m_name->text();
  m_layersPanel->showLayer(std::make_shared<render::CandidateRouteLayer>(kLayerId, tr("Candidate route: %1").arg(name),
                                                                         points, std::move(existing)));
}

CandidateService CandidatePanel::service() const {
  CandidateService s;
  s.routeId = m_routeId->text().trimmed().toStdString();
  s.name = m_name->text().trimmed().toStdString();
  s.headwayMin = m_headway->value();
  s.start = m_start->time().toString(QStringLiteral("HH:mm")).toStdString();
  s.end = m_end->time().toString(QStringLiteral("HH:mm")).toStdString();
  s.speedKmh = m_speed->value();
  s.twoWay = m_twoWay->isChecked();
  return s;
}

ops::Json CandidatePanel::candidate() const {
  return candidateGeoJson(service(), m_tool ? m_tool->stops() : std::vector<RouteStop>{});
}

bool CandidatePanel::saveAs(QString path) {
  if (!m_tool || !m_tool->isFinished()) return false;
  if (path.isEmpty()) {
    path = QFileDialog::getSaveFileName(this, tr("Save Candidate Route"), m_routeId->text() + QStringLiteral(".geojson"),
                                        tr("GeoJSON (*.geojson *.json)"));
    if (path.isEmpty()) return false;
  }
  QString error;
  if (!writeCandidateFile(path, candidate(), &error)) {
    setStatus(tr("Cannot write %1: %2").arg(path, error), true);
    return false;
  }
  setStatus(tr("Saved %1 (ekimachi-cli mobility route-demand --candidate FILE).").arg(path));
  return true;
}

void CandidatePanel::runDemand() {
  TaskManager* tasks = m_session ? m_session->tasks() : nullptr;
  if (!tasks || !m_tool || !m_tool->isFinished()) return;
  if (m_routeId->text().trimmed().isEmpty()) {
    setStatus(tr("The candidate needs a route id."), true);
    return;
  }
  if (!m_scratch.isValid()) {
    setStatus(tr("Cannot make a temporary folder for the candidate file."), true);
    return;
  }
  const QString file = m_scratch.filePath(QStringLiteral("candidate.geojson"));
  QString error;
  if (!writeCandidateFile(file, candidate(), &error)) {
    setStatus(tr("Cannot write %1: %2").arg(file, error), true);
    return;
  }
  mobility::RouteDemandParams params;
  if (m_day) params.day = m_day();
  params.candidate = file.toStdString();
  const WalkingBarriers barriers = projectWalkingBarriers(m_session->path());
  params.network.barriers = barriers.barriers;
  params.network.crossings_from = barriers.crossingsFrom;
  params.network.split_crossings = barriers.splitCrossings;
  m_submitted = params;
  showCandidateLayer();  // named as the form names it now
  const TaskOptions options(QStringLiteral("mobility-route-demand"), this);
  setStatus(tr("Estimating the candidate's riders…"));
  m_runButton->setEnabled(false);
  m_task = submitOperation<mobility::RouteDemandOp>(
      *tasks, tr("Candidate route demand"), m_session->file(), params,
      [this](mobility::RouteDemandResult r) {
        m_demand = std::move(r);
        const ops::OpResult rec = mobility::RouteDemandOp::record(*m_demand);
        const auto& s = rec.summary;
        const auto num = [&s](const char* key) { return s.contains(key) && s[key].is_number() ? s[key].get<double>() : NAN; };
        const std::pair<QString, std::pair<double, int>> rows[] = {
            {tr("Riders per day"), {num("riders_day"), 0}},
            {tr("Riders gained by the network"), {num("gained"), 0}},
            {tr("Riders taken from other routes"), {num("abstracted"), 0}},
            {tr("Peak hour"), {num("peak_hour"), 0}},
            {tr("Riders in the peak hour"), {num("peak_hour_riders"), 0}},
            {tr("Could not board (full)"), {num("denied_day"), 0}},
            {tr("Trips per day"), {num("trips_per_day"), 0}},
            {tr("Vehicle-hours"), {num("vehicle_hours"), 1}},
            {tr("Riders per vehicle-hour"), {num("riders_per_vehicle_hour"), 1}},
            {tr("Population covered"), {num("covered_population"), 0}},
            {tr("Newly covered population"), {num("newly_covered_population"), 0}}};
        m_result->setRowCount(0);
        for (const auto& [label, value] : rows) {
          const int row = m_result->rowCount();
          m_result->insertRow(row);
          m_result->setItem(row, 0, new QTableWidgetItem(label));
          m_result->setItem(row, 1, numberItem(value.first, value.second));
        }
        setStatus(tr("Service %1, demand of %2, bus constant %3 min (%4). %5")
                      .arg(QString::fromStdString(m_demand->date), QString::fromStdString(m_demand->demandDate))
                      .arg(m_demand->busConstantMin, 0, 'f', 1)
                      .arg(QString::fromStdString(m_demand->busConstantSource), catalogueNotes(m_demand->warnings)));
        updateButtons();
        // The figures into view when the panel scrolls (a short dock).
        if (auto* scroll = findChild<QScrollArea*>()) scroll->ensureWidgetVisible(m_result, 0, 0);
        emit demandReady();
      },
      [this](const TaskError& e) {
        setStatus(e.message, true);
        updateButtons();
        emit failed(e.message);
      },
      options);
}

}  // namespace ekm::widgets
