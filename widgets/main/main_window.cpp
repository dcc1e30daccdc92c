#include "main/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <algorithm>
#include <cmath>

#include "ekm/core/error.h"
#include "ekm/geo/plane_rectangular.h"
#include "ekm/geo/transformer.h"
#include "ekm/io/project_new_op.h"
#include "ekm/ops/session.h"
#include "ekm/ops/registry.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_upgrade.h"
#include "demand/demand_dock.h"
#include "flow/comparison_dock.h"
#include "flow/forecast_dock.h"
#include "import/import_wizard.h"
#include "inspect/charts_panel.h"
#include "inspect/feature_series.h"
#include "inspect/identifier.h"
#include "inspect/inspector_panel.h"
#include "layers/layers_dock.h"
#include "layers/layers_panel.h"
#include "legend/legend_widget.h"
#include "citylink/city_os_import_dialog.h"
#include "main/layout_dialog.h"
#include "main/project_location.h"
#include "main/operation_dialog.h"
#include "map/map_canvas.h"
#include "ops/params_form.h"
#include "render/export_map_op.h"
#include "render/composition_defaults.h"
#include "render/composition_writer.h"
#include "scenario/scenarios_dock.h"
#include "mobility/mobility_dock.h"
#include "energy/energy_dock.h"
#include "tasks/error_text.h"
#include "tasks/task_manager.h"
#include "tasks/tasks_panel.h"
#include "time/time_bar.h"

namespace ekm::widgets {

namespace {
// QSettings key of a project's offline raster basemap.
QString rasterBasemapKey(const QString& projectPath) {
  return QStringLiteral("rasterBasemap/") + QString::fromLatin1(normalisedLocation(projectPath).toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}
}  // namespace

namespace {
constexpr int kWebMercator = 3857;

// What the load task hands to the GUI thread: the layers, and the schema upgrade if one ran.
struct LoadedProject {
  std::shared_ptr<const render::ProjectLayers> layers;
  std::optional<store::SchemaUpgrade> upgrade;
};
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("MainWindow"));
  setWindowTitle(tr("Ekimachi"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/ekimachi.svg")));
  render::registerRenderOperations(ops::Registry::global());  // export-map and briefing, as in the CLI
  m_tasks = new TaskManager(this);
  m_canvas = new MapCanvas(this);
  m_canvas->setObjectName(QStringLiteral("MapCanvas"));
  setCentralWidget(m_canvas);
  m_canvas->setLabelLanguage(uiIsJapanese() ? render::LabelLanguage::Japanese : render::LabelLanguage::Both);
  createDocks();
  createActions();
  createStatusBar();
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
  resize(1280, 820);

  connect(m_timeBar, &TimeBar::hourChanged, m_canvas, &MapCanvas::setHour);
  // Playing asks for the next hour only once the previous frame was shown (or failed).
  connect(m_canvas, &MapCanvas::mapRendered, m_timeBar, &TimeBar::frameFinished);
  connect(m_canvas, &MapCanvas::renderFailed, m_timeBar, &TimeBar::frameFinished);
  connect(m_canvas, &MapCanvas::cursorMoved, this, &MainWindow::updateCursor);
  connect(m_canvas, &MapCanvas::extentChanged, this, &MainWindow::updateScale);
  connect(m_canvas, &MapCanvas::renderFailed, this,
          [this](const QString& message) { statusBar()->showMessage(tr("Rendering failed: %1").arg(message), 10000); });
  connect(m_canvas, &MapCanvas::mapRendered, this, [this](double ms) {
    m_renderLabel->setText(tr("Rendered in %1 ms").arg(QLocale().toString(ms, 'f', 1)));
    updateScale();
    if (m_waitingFirstRender) {
      m_waitingFirstRender = false;
      emit firstMapRendered();
    }
  });
}

// The TaskManager (a child) cancels every task when it goes; nothing waits for a worker.
MainWindow::~MainWindow() = default;

LayersPanel* MainWindow::layersPanel() const { return m_layersDock->panel(); }

void MainWindow::createDocks() {
  m_layersDock = new LayersDock(this);
  addDockWidget(Qt::LeftDockWidgetArea, m_layersDock);
  connect(layersPanel(), &LayersPanel::layersChanged, this, &MainWindow::layersChanged);
  connect(layersPanel(), &LayersPanel::zoomToExtentRequested, m_canvas, &MapCanvas::zoomToExtent);
  layersPanel()->setTaskManager(m_tasks);

  auto* legendView = new LegendView(this);
  m_legend = legendView->legend();
  m_legendDock = new QDockWidget(tr("Legend"), this);
  m_legendDock->setObjectName(QStringLiteral("LegendDock"));
  m_legendDock->setWidget(legendView);
  addDockWidget(Qt::RightDockWidgetArea, m_legendDock);

  m_timeBar = new TimeBar(this);
  m_timeDock = new QDockWidget(tr("Time"), this);
  m_timeDock->setObjectName(QStringLiteral("TimeDock"));
  m_timeDock->setWidget(m_timeBar);
  addDockWidget(Qt::BottomDockWidgetArea, m_timeDock);

  createInspectDocks();

  m_tasksDock = new TasksDock(m_tasks, this);
  addDockWidget(Qt::BottomDockWidgetArea, m_tasksDock);
  m_tasksDock->hide();
  createAnalysisDocks();
}

void MainWindow::createInspectDocks() {
  m_identifier = new Identifier(this);
  m_identifier->attachTo(m_canvas);  // clicks identify; resting cursor shows the value
  m_inspector = new InspectorPanel(this);
  m_inspectorDock = new QDockWidget(tr("Inspector"), this);
  m_inspectorDock->setObjectName(QStringLiteral("InspectorDock"));
  m_inspectorDock->setWidget(m_inspector);
  addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
  m_inspectorDock->hide();

  m_charts = new ChartsPanel(this);
  m_chartsDock = new QDockWidget(tr("Charts"), this);
  m_chartsDock->setObjectName(QStringLiteral("ChartsDock"));
  m_chartsDock->setWidget(m_charts);
  addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
  m_chartsDock->hide();

  connect(m_identifier, &Identifier::identified, this, [this](const render::IdentifyResult& result, QPointF) {
    m_selection = result.bounds;
    m_canvas->setHighlight(result.bounds, result.kind == render::IdentifyResult::FeatureKind::Segment);
    m_inspector->showFeature(result);
    m_inspectorDock->show();
    m_inspectorDock->raise();
  });
  connect(m_identifier, &Identifier::nothingIdentified, this,
          [this](QPointF) {
            m_selection = render::Extent::empty();
            m_canvas->setHighlight(m_selection);
            statusBar()->showMessage(tr("Nothing here on the visible layers"), 4000);
          });
  connect(m_identifier, &Identifier::identifyFailed, this,
          [this](const QString& message) { statusBar()->showMessage(tr("Identify failed: %1").arg(message), 10000); });
  connect(m_timeBar, &TimeBar::hourChanged, m_inspector, &InspectorPanel::setHour);
  connect(m_timeBar, &TimeBar::hourChanged, m_charts, &ChartsPanel::setHour);
  connect(m_inspector, &InspectorPanel::addToChartRequested, this, [this](const FeatureRef& feature) {
    m_charts->addFeature(feature);
    m_chartsDock->show();
    m_chartsDock->raise();
  });
}

void MainWindow::createAnalysisDocks() {
  m_forecastDock = new ForecastDock(this);
  addDockWidget(Qt::RightDockWidgetArea, m_forecastDock);
  m_comparisonDock = new ComparisonDock(this);
  addDockWidget(Qt::LeftDockWidgetArea, m_comparisonDock);
  m_forecastDock->hide();
  m_comparisonDock->hide();
  connect(m_comparisonDock, &ComparisonDock::differenceLayerReady, this,
          [this](std::shared_ptr<const render::DifferenceLayer> layer, const render::LegendGroup& legend) {
            showComparisonLayer(std::move(layer), legend);
          });
  connect(m_forecastDock, &ForecastDock::forecastMapReady, this, &MainWindow::showForecastMap);
  // A cell picked in the comparison table becomes the forecast dock's feature.
  connect(m_comparisonDock, &ComparisonDock::cellActivated, this, [this](const QString& code) {
    m_forecastDock->selectCell(code);
    m_forecastDock->show();
  });

  m_demandDock = new DemandDock(this);
  addDockWidget(Qt::RightDockWidgetArea, m_demandDock);
  m_demandDock->hide();
  connect(m_demandDock, &DemandDock::resultLayersReady, this, &MainWindow::showDemandLayers);

  auto* scenarios = new ScenariosDock(this);
  addDockWidget(Qt::RightDockWidgetArea, scenarios);
  scenarios->hide();
  scenarios->setLayersPanel(layersPanel());

  auto* mobility = new MobilityDock(this);
  addDockWidget(Qt::RightDockWidgetArea, mobility);
  mobility->hide();
  mobility->setLayersPanel(layersPanel());
  mobility->setMapCanvas(m_canvas);
  connect(m_timeBar, &TimeBar::hourChanged, mobility, &MobilityDock::setMapHour);

  auto* energy = new EnergyDock(this);
  addDockWidget(Qt::RightDockWidgetArea, energy);
  energy->hide();
  energy->setLayersPanel(layersPanel());
  connect(m_timeBar, &TimeBar::hourChanged, energy, &EnergyDock::setHour);
  // A new plan moves the map's hour into its period (when the time bar covers it).
  connect(energy, &EnergyDock::hourRequested, this, [this](core::HourKey hour) {
    if (m_timeBar->hasRange()) m_timeBar->setHour(hour);
  });
}

std::vector<render::LegendGroup> MainWindow::legendFor(const render::LayerList& visibleLayers) const {
  return render::collectLegend(visibleLayers, m_extraLegends);
}

void MainWindow::layersChanged() {
  const render::LayerList visible = layersPanel()->visibleLayers();
  m_canvas->setLayers(visible);
  m_legend->setGroups(legendFor(visible));
}

void MainWindow::showComparisonLayer(std::shared_ptr<const render::MapLayer> layer, const render::LegendGroup& legend) {
  LayersPanel* panel = layersPanel();
  m_extraLegends[layer->id()] = {legend};
  if (panel->layer(layer->id())) {
    panel->replaceLayer(layer);
    panel->setLayerVisible(layer->id(), true);
  } else {
    // In the population layer's place in the stack (the difference covers the same cells),
    // which is hidden meanwhile.
    const render::LayerList all = panel->allLayers();
    std::optional<std::size_t> meshIndex;
    for (std::size_t i = 0; i < all.size(); ++i)
      if (std::dynamic_pointer_cast<const render::MeshPopulationLayer>(all[i])) {
        meshIndex = i;
        break;
      }
    panel->addLayer(layer, true);
    if (meshIndex) {
      const std::size_t top = panel->allLayers().size() - 1;
      for (std::size_t i = top; i > *meshIndex + 1; --i) panel->moveLayerDown(layer->id());
    } else {
      panel->moveLayerToBottom(layer->id());
    }
  }
  for (const auto& l : panel->allLayers())
    if (std::dynamic_pointer_cast<const render::MeshPopulationLayer>(l)) panel->setLayerVisible(l->id(), false);
  layersChanged();
}

void MainWindow::showForecastMap(std::shared_ptr<const render::MeshValueSource> values, core::HourKey origin,
                                 core::HourKey end) {
  if (!m_project || !m_project->mesh) return;
  // The population layer (shown again instead of a comparison layer) continues into the forecast.
  LayersPanel* panel = layersPanel();
  for (const auto& l : panel->allLayers()) {
    if (auto mesh = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(l)) {
      panel->replaceLayer(std::make_shared<const render::MeshPopulationLayer>(
          mesh->id(), tr("Population and forecast"), mesh->geometry(), values, mesh->style()));
      panel->setLayerVisible(mesh->id(), true);
    } else if (std::dynamic_pointer_cast<const render::DifferenceLayer>(l)) {
      panel->setLayerVisible(l->id(), false);
    }
  }
  layersChanged();
  // The bar keeps every series' hours and continues to the forecast's end.
  const auto range = m_project->timeBarRange();
  m_timeBar->setRange(range ? std::min(range->first, origin) : origin, range ? std::max(range->last, end - 1) : end - 1);
  m_timeBar->setHour(origin);
  m_canvas->setHour(m_timeBar->hour());
  statusBar()->showMessage(tr("Forecast from %1: hours after it show forecast population")
                               .arg(QString::fromStdString(core::formatHourKeyJst(origin))),
                           10000);
}

void MainWindow::showDemandLayers(render::LayerList layers, std::vector<render::LegendGroup> legend) {
  LayersPanel* panel = layersPanel();
  QSet<QString> ids;
  for (const auto& l : layers) ids.insert(l->id());
  // A new emission replaces the previous demand layers.
  for (const auto& l : panel->allLayers())
    if (l->id().startsWith(QLatin1String("demand_")) && !ids.contains(l->id())) {
      panel->removeLayer(l->id());
      m_extraLegends.remove(l->id());
    }
  bool legendPlaced = false;
  for (const auto& l : layers) {
    if (!legendPlaced && l->legendGroups().empty() && !legend.empty()) {
      m_extraLegends[l->id()] = legend;
      legendPlaced = true;
    }
    if (panel->layer(l->id()))
      panel->replaceLayer(l);
    else
      panel->addLayer(l, true);
  }
  layersChanged();
}

void MainWindow::createActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* create = file->addAction(tr("&New Project…"), this, &MainWindow::chooseNewProject);
  create->setShortcut(QKeySequence::New);
  create->setStatusTip(tr("Create an empty project file (GeoPackage) and open it"));
  QAction* open = file->addAction(tr("&Open Project…"), this, &MainWindow::chooseProject);
  open->setShortcut(QKeySequence::Open);
  open->setStatusTip(tr("Open a project file (GeoPackage)"));
  open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
  QAction* openDatabase = file->addAction(tr("Open &Team Project (PostgreSQL)…"), this, &MainWindow::chooseDatabaseProject);
  openDatabase->setStatusTip(tr("Open a project kept in a PostgreSQL/PostGIS schema on the team's server"));
  m_recentMenu = file->addMenu(tr("Open &Recent"));
  connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
  updateRecentMenu();
  QAction* close = file->addAction(tr("&Close Project"), this, &MainWindow::closeProject);
  close->setShortcut(QKeySequence::Close);
  close->setStatusTip(tr("Close the project; its running tasks are cancelled"));
  file->addSeparator();
  QAction* import = file->addAction(tr("&Import…"), this, &MainWindow::showImport);
  import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
  import->setStatusTip(tr("Import people-flow, counts or geometry files into the project"));
  QAction* cityOs = file->addAction(tr("Import from &City OS…"), this, &MainWindow::showCityOsImport);
  cityOs->setStatusTip(tr("Pull people and traffic counts from the city OS's NGSI-LD broker into the project"));
  QAction* raster = file->addAction(tr("Add Offline &Raster Basemap…"), this, &MainWindow::chooseRasterBasemap);
  raster->setStatusTip(tr("Show a local GeoTIFF or MBTiles file under the project's layers (no network)"));
  file->addAction(tr("Remove Raster Basemap"), this, [this] { setRasterBasemap(QString()); });
  QAction* exportMap = file->addAction(tr("&Export Map…"), this, [this] { showLayoutDialog(); });
  exportMap->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  exportMap->setStatusTip(tr("Lay out the map for print (PDF, SVG or PNG; A4 or A3) with a live preview and templates"));
  QAction* briefing = file->addAction(tr("&Briefing Pack…"), this, [this] { showOperationDialog(QStringLiteral("briefing")); });
  briefing->setStatusTip(tr("Write the bilingual briefing pack (PDF) of a scenario run for a citizens' meeting"));
  QAction* results = file->addAction(tr("Export &Results…"), this, [this] { showOperationDialog(QStringLiteral("export")); });
  results->setStatusTip(tr("Export a run's results or a project layer to GeoPackage, GeoJSON, CSV or Shapefile"));
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  m_viewMenu = menuBar()->addMenu(tr("&View"));
  m_panelsMenu = m_viewMenu->addMenu(tr("&Panels"));
  for (QDockWidget* dock : std::initializer_list<QDockWidget*>{m_layersDock, m_legendDock, m_timeDock, m_inspectorDock,
                                                               m_chartsDock, m_tasksDock, m_comparisonDock,
                                                               m_forecastDock, m_demandDock,
                                                               findChild<ScenariosDock*>(), findChild<MobilityDock*>(), findChild<EnergyDock*>()})
    m_panelsMenu->addAction(dock->toggleViewAction());
  QMenu* toolbars = m_viewMenu->addMenu(tr("&Toolbars"));
  m_viewMenu->addSeparator();
  QAction* zoomIn = m_viewMenu->addAction(tr("Zoom &In"), m_canvas, &MapCanvas::zoomIn);
  zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
  zoomIn->setIconText(QStringLiteral("+"));
  QAction* zoomOut = m_viewMenu->addAction(tr("Zoom &Out"), m_canvas, &MapCanvas::zoomOut);
  zoomOut->setShortcut(QKeySequence::ZoomOut);
  zoomOut->setIconText(QStringLiteral("−"));
  QAction* full = m_viewMenu->addAction(tr("Zoom to &Full Extent"), m_canvas, &MapCanvas::zoomToFullExtent);
  QAction* toSelection = m_viewMenu->addAction(tr("Zoom to &Selection"), this, &MainWindow::zoomToSelection);
  toSelection->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
  toSelection->setStatusTip(tr("Zoom to the feature last clicked on the map"));
  full->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
  full->setIcon(style()->standardIcon(QStyle::SP_DesktopIcon));
  QAction* fullScreen = m_viewMenu->addAction(tr("F&ull Screen"));
  fullScreen->setCheckable(true);
  fullScreen->setShortcut(QKeySequence::FullScreen);
  connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
  m_viewMenu->addSeparator();

  QMenu* crs = m_viewMenu->addMenu(tr("Display &CRS"));
  m_crsGroup = new QActionGroup(this);
  const std::pair<QString, int> crsChoices[] = {{tr("Plane rectangular (JGD2011 zone of the area)"), 0},
                                                {tr("Web Mercator (EPSG:3857)"), kWebMercator}};
  for (const auto& [text, epsg] : crsChoices) {
    QAction* a = crs->addAction(text);
    a->setCheckable(true);
    a->setChecked(epsg == m_requestedEpsg);
    m_crsGroup->addAction(a);
    const int e = epsg;
    connect(a, &QAction::triggered, this, [this, e] { setDisplayEpsg(e); });
  }

  QMenu* labels = m_viewMenu->addMenu(tr("Station &Labels"));
  m_labelGroup = new QActionGroup(this);
  const std::pair<QString, render::LabelLanguage> choices[] = {
      {tr("Japanese"), render::LabelLanguage::Japanese},
      {tr("English"), render::LabelLanguage::English},
      {tr("Japanese and English"), render::LabelLanguage::Both}};
  for (const auto& [text, language] : choices) {
    QAction* a = labels->addAction(text);
    a->setCheckable(true);
    a->setChecked(m_canvas->mapSettings().labelLanguage() == language);
    m_labelGroup->addAction(a);
    const render::LabelLanguage l = language;
    connect(a, &QAction::triggered, this, [this, l] { setLabelLanguage(l); });
  }

  QMenu* time = menuBar()->addMenu(tr("&Time"));
  time->addAction(m_timeBar->playAction());
  time->addSeparator();
  time->addAction(m_timeBar->hourBackAction());
  time->addAction(m_timeBar->hourForwardAction());
  time->addAction(m_timeBar->dayBackAction());
  time->addAction(m_timeBar->dayForwardAction());

  QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
  analysis->addAction(tr("&Compare Periods…"), this, [this] {
    m_comparisonDock->show();
    m_comparisonDock->raise();
    resizeDocks({m_comparisonDock}, {520}, Qt::Horizontal);
  });
  analysis->addAction(tr("&Forecast…"), this, [this] {
    m_forecastDock->show();
    m_forecastDock->raise();
    resizeDocks({m_forecastDock}, {480}, Qt::Horizontal);
  });
  analysis->addAction(tr("&Demand and Assignment…"), this, [this] {
    m_demandDock->show();
    m_demandDock->raise();
  });

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  QMenu* language = settings->addMenu(tr("&Language"));
  auto* languageGroup = new QActionGroup(this);
  const QString current = QSettings().value(QStringLiteral("language")).toString();
  const std::pair<QString, QString> languages[] = {
      {tr("System default"), QString()}, {QStringLiteral("日本語 (Japanese)"), QStringLiteral("ja")},
      {QStringLiteral("English"), QStringLiteral("en")}};
  for (const auto& [text, code] : languages) {
    QAction* a = language->addAction(text);
    a->setCheckable(true);
    a->setChecked(code == current);
    languageGroup->addAction(a);
    const QString c = code;
    connect(a, &QAction::triggered, this, [this, c] { chooseLanguage(c); });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Ekimachi"), this, &MainWindow::showAbout);

  m_mapToolBar = addToolBar(tr("Map"));
  m_mapToolBar->setObjectName(QStringLiteral("MapToolBar"));
  m_mapToolBar->addAction(open);
  m_mapToolBar->addSeparator();
  m_mapToolBar->addAction(zoomIn);
  m_mapToolBar->addAction(zoomOut);
  m_mapToolBar->addAction(full);
  m_mapToolBar->addSeparator();
  m_mapToolBar->addAction(m_timeBar->playAction());
  toolbars->addAction(m_mapToolBar->toggleViewAction());
}

void MainWindow::createStatusBar() {
  m_coordinateLabel = new QLabel(this);
  m_scaleLabel = new QLabel(this);
  m_renderLabel = new QLabel(this);
  m_crsLabel = new QLabel(this);
  m_coordinateLabel->setMinimumWidth(340);
  statusBar()->addPermanentWidget(m_coordinateLabel);
  statusBar()->addPermanentWidget(m_scaleLabel);
  statusBar()->addPermanentWidget(m_crsLabel);
  statusBar()->addPermanentWidget(m_renderLabel);
  statusBar()->showMessage(tr("Open a project with File > Open Project…"));
}

void MainWindow::restoreLayout() {
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (m_persistLayout) {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
  }
  event->accept();
}

void MainWindow::updateRecentMenu() {
  const QStringList missing = m_recent.removeMissing();
  if (!missing.isEmpty() && isVisible()) {
    auto* box = new QMessageBox(QMessageBox::Information, tr("Recent projects"),
                                tr("These projects no longer exist and were removed from the list:\n%1")
                                    .arg(missing.join(QLatin1Char('\n'))),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
  }
  m_recentMenu->clear();
  const QStringList paths = m_recent.paths();
  for (int i = 0; i < paths.size(); ++i) {
    const QString path = paths[i];
    QAction* a = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(projectDisplayName(path)));
    a->setStatusTip(path);
    a->setToolTip(path);
    connect(a, &QAction::triggered, this, [this, path] {
      if (!locationMayExist(path)) {
        m_recent.remove(path);
        showError(tr("Could not open project"), tr("The project %1 no longer exists.").arg(path), {});
        return;
      }
      openProject(path);
    });
  }
  if (paths.isEmpty()) m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
  m_recentMenu->addSeparator();
  QAction* clear = m_recentMenu->addAction(tr("Clear List"), this, [this] { m_recent.clear(); updateRecentMenu(); });
  clear->setEnabled(!paths.isEmpty());
}

void MainWindow::showError(const QString& title, const QString& text, const QString& details) {
  auto* box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, this);
  if (!details.isEmpty()) box->setInformativeText(details);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::chooseProject() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QFileInfo(m_projectPath).absolutePath(),
                                                    tr("Ekimachi projects (*.gpkg);;All files (*)"));
  if (!path.isEmpty()) openProject(path);
}

void MainWindow::chooseDatabaseProject() {
  auto* dialog = new QInputDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("Open Team Project"));
  dialog->setLabelText(tr("PostgreSQL location of the project, e.g.\n"
                          "postgresql://planner@db.example/ekimachi?schema=takanawa\n"
                          "or service=ekimachi schema=takanawa\n"
                          "Keep passwords in ~/.pgpass or a service file, not here."));
  dialog->setTextValue(QSettings().value(QStringLiteral("lastDatabaseLocation")).toString());
  dialog->resize(560, dialog->sizeHint().height());
  connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString& text) {
    const QString location = text.trimmed();
    if (location.isEmpty()) return;
    if (!isDatabaseLocation(location)) {
      const QString message = tr("%1 is not a PostgreSQL location (postgresql://…?schema=NAME or "
                                 "'service=NAME schema=NAME').").arg(location);
      showError(tr("Could not open project"), message, {});
      emit projectLoadFailed(location, message);
      return;
    }
    QSettings().setValue(QStringLiteral("lastDatabaseLocation"), location);
    openProject(location);
  });
  dialog->open();
}

void MainWindow::chooseNewProject() {
  QString path = QFileDialog::getSaveFileName(this, tr("New Project"), QFileInfo(m_projectPath).absolutePath(),
                                              tr("Ekimachi projects (*.gpkg)"), nullptr,
                                              QFileDialog::DontConfirmOverwrite);
  if (path.isEmpty()) return;
  if (!path.endsWith(QLatin1String(".gpkg"), Qt::CaseInsensitive)) path += QStringLiteral(".gpkg");
  newProject(path);
}

void MainWindow::newProject(const QString& path) {
  if (QFileInfo::exists(path)) {
    const QString message = tr("The file %1 already exists; choose a new name.").arg(path);
    showError(tr("Could not create project"), message, {});
    emit projectLoadFailed(path, message);
    return;
  }
  const std::string file = QFile::encodeName(path).toStdString();
  m_tasks->run(
      tr("Create project %1").arg(QFileInfo(path).fileName()),
      [file](core::Feedback& feedback) {
        ops::Session session;  // the operation names its own file
        io::ProjectNewOp::run(session, io::ProjectNewParams{file}, feedback);
      },
      [this, path] {
        emit projectCreated(path);
        openProject(path);
      },
      [this, path](const TaskError& error) {
        showError(tr("Could not create project"), tr("The project %1 could not be created.").arg(path), error.message);
        emit projectLoadFailed(path, error.message);
      },
      TaskOptions{{}, this, {}});
}

void MainWindow::showImport() {
  if (m_projectPath.isEmpty()) {
    auto* box = new QMessageBox(QMessageBox::Information, tr("Import"),
                                tr("Open or create a project first (File > New Project…)."), QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return;
  }
  auto* wizard = new ImportWizard(m_projectPath, m_tasks, this);
  wizard->setAttribute(Qt::WA_DeleteOnClose);
  // A successful import changed the project: reload its layers, keeping the view.
  connect(wizard, &ImportWizard::imported, this, [this](const QString& path, io::ImportKind, qint64 rows) {
    if (path != m_projectPath) return;
    statusBar()->showMessage(tr("Imported %1 rows; reloading the project").arg(rows), 10000);
    m_viewAfterLoad = geographicView();
    if (m_timeBar->hasRange()) m_initialHour = m_timeBar->hour();
    startLoad(m_projectPath);
  });
  wizard->open();
}

void MainWindow::showCityOsImport() {
  if (!m_session) {
    auto* box = new QMessageBox(QMessageBox::Information, tr("Import from City OS"),
                                tr("Open or create a project first (File > New Project…)."), QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return;
  }
  auto* dialog = new CityOsImportDialog(m_session, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  // Counts were stored: reload the project's layers, keeping the view.
  connect(dialog, &CityOsImportDialog::imported, this, [this, path = m_projectPath](qint64 segmentRows, qint64 stationRows) {
    if (path != m_projectPath) return;
    statusBar()->showMessage(tr("Imported %1 rows from the city OS; reloading the project").arg(segmentRows + stationRows),
                             10000);
    m_viewAfterLoad = geographicView();
    if (m_timeBar->hasRange()) m_initialHour = m_timeBar->hour();
    startLoad(m_projectPath);
  });
  dialog->open();
}

QString MainWindow::defaultMapTitle() const {
  QString layerName = tr("Map");
  const render::LayerList& layers = m_canvas->layers();
  for (auto it = layers.rbegin(); it != layers.rend(); ++it)
    if ((*it)->dependsOnHour() || !(*it)->legendGroups().empty()) {
      layerName = (*it)->name();
      break;
    }
  if (!m_timeBar->hasRange()) return layerName;
  return tr("%1 · %2").arg(layerName, TimeBar::describeHour(m_timeBar->hour(), uiIsJapanese()));
}

render::LayerNames MainWindow::layerNames() const {
  render::LayerNames names;
  names.basemap = tr("Basemap");
  names.mesh = tr("Population");
  names.heatmap = tr("Population heatmap");
  names.stationHeatmap = tr("Ridership heatmap");
  names.pedestrians = tr("Pedestrian counts");
  names.vehicles = tr("Vehicle counts");
  names.roads = tr("Roads");
  names.rail = tr("Railways");
  names.stations = tr("Stations");
  return names;
}

LayoutDialog* MainWindow::showLayoutDialog() {
  if (!m_project || !m_canvas->mapSettings().extent().isValid()) {
    statusBar()->showMessage(tr("Open a project first"), 5000);
    return nullptr;
  }
  QHash<QString, QString> names;
  for (const render::StackedLayer& s : m_project->makeLayerStack(layerNames())) names.insert(s.layer->id(), s.layer->name());
  QStringList visible;
  for (const auto& layer : m_canvas->layers()) visible << layer->id();
  auto* dialog = new LayoutDialog(m_tasks, m_project, names, visible, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  if (m_timeBar->hasRange()) dialog->setHour(m_timeBar->hour());
  dialog->setCurrentView(m_canvas->visibleExtent());
  const QString base = projectBaseName(m_projectPath);
  dialog->setOutputPath(QDir(projectOutputFolder(m_projectPath)).filePath(base + QStringLiteral("-map.pdf")));
  connect(dialog, &LayoutDialog::exported, this, [this](const QString& path, bool ok, const QString& message) {
    if (ok) statusBar()->showMessage(tr("Map saved to %1").arg(path), 10000);
    emit mapImageExported(path, ok, message);
  });
  dialog->show();
  return dialog;
}

OperationDialog* MainWindow::showOperationDialog(const QString& op) {
  if (m_projectPath.isEmpty()) {
    statusBar()->showMessage(tr("Open a project first"), 5000);
    return nullptr;
  }
  const ops::Operation* operation = ops::Registry::global().find(op.toStdString());
  if (!operation) return nullptr;
  auto* dialog = new OperationDialog(operation, m_tasks, m_projectPath, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  const QDir dir(projectOutputFolder(m_projectPath));
  const QString base = projectBaseName(m_projectPath);
  if (op == QLatin1String("briefing")) {
    dialog->setWindowTitle(tr("Briefing Pack"));
    dialog->form()->setParams({{"out", QFile::encodeName(dir.filePath(base + QStringLiteral("-briefing.pdf"))).toStdString()}});
  } else {
    dialog->setWindowTitle(tr("Export Results"));
    dialog->form()->setParams({{"out", QFile::encodeName(dir.filePath(base + QStringLiteral("-results.gpkg"))).toStdString()}});
  }
  connect(dialog, &OperationDialog::operationFinished, this, [this, dialog](bool ok, const QString&) {
    if (ok) statusBar()->showMessage(tr("Saved %1").arg(dialog->outputs().join(QStringLiteral(", "))), 10000);
  });
  dialog->show();
  return dialog;
}

void MainWindow::exportMapImage(const QString& path, QSize size, const QString& title, bool legend,
                                std::optional<render::LabelLanguage> language) {
  // The one map composition (render/map_composition.h), as `ekimachi-cli export-map` draws it:
  // the whole of the canvas's view (fitted beside the legend), its layers, hour and CRS.
  render::MapComposition composition;
  composition.layers = m_canvas->layers();
  composition.extent = m_canvas->visibleExtent();
  composition.view = m_canvas->mapSettings();
  composition.size = size;
  composition.language = language.value_or(m_canvas->mapSettings().labelLanguage());
  composition.title = title;
  const std::string projectPath = QFile::encodeName(m_projectPath).toStdString();
  const render::LegendExtras extras = m_extraLegends;
  const auto project = m_project;  // its default population classes
  m_tasks->run(
      tr("Export map image %1").arg(QFileInfo(path).fileName()),
      [composition, path, projectPath, legend, extras, project](core::Feedback& feedback) mutable {
        render::completeComposition(composition, projectPath, legend, extras,
                                    project ? &project->meshBreaks : nullptr);  // reads the project
        const std::string file = QFile::encodeName(path).toStdString();
        return render::writeComposition(composition, render::exportFormatFromPath(file), file, feedback)
            .layout.scaleBar.metres;
      },
      [this, path](double) {
        statusBar()->showMessage(tr("Map image saved to %1").arg(path), 10000);
        emit mapImageExported(path, true, {});
      },
      [this, path](const TaskError& error) {
        showError(tr("Export failed"), tr("The map image %1 could not be written.").arg(path), error.message);
        emit mapImageExported(path, false, error.message);
      },
      TaskOptions{{}, this, [this, path] { emit mapImageExported(path, false, tr("Cancelled")); }});
}

void MainWindow::chooseLanguage(const QString& code) {
  QSettings().setValue(QStringLiteral("language"), code);
  // Applied at the next start: every open dock would otherwise need to retranslate itself.
  auto* box = new QMessageBox(QMessageBox::Information, tr("Language"),
                              tr("The language will change when Ekimachi is started again."), QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::openProject(const QString& path) {
  m_viewAfterLoad.reset();
  startLoad(path);
}

std::optional<MainWindow::GeographicView> MainWindow::geographicView() const {
  const render::Extent e = m_canvas->visibleExtent();
  if (!e.isValid()) return std::nullopt;
  const QPointF c = e.centre();
  const auto centre = m_canvas->toLonLat(c);
  const auto left = m_canvas->toLonLat(QPointF(e.xMin, c.y()));
  const auto right = m_canvas->toLonLat(QPointF(e.xMax, c.y()));
  if (!centre || !left || !right) return std::nullopt;
  return GeographicView{*centre, *left, *right};
}

void MainWindow::setDisplayEpsg(int epsg) {
  if (epsg != 0 && epsg != kWebMercator) epsg = 0;
  m_requestedEpsg = epsg;
  for (QAction* a : m_crsGroup->actions()) {
    const bool isMercator = a == m_crsGroup->actions().back();
    const QSignalBlocker block(a);
    a->setChecked(isMercator == (epsg == kWebMercator));
  }
  if (m_projectPath.isEmpty()) return;
  m_viewAfterLoad = geographicView();
  if (m_timeBar->hasRange()) m_initialHour = m_timeBar->hour();
  startLoad(m_projectPath);
}

QString MainWindow::rasterBasemap() const {
  return m_projectPath.isEmpty() ? QString() : QSettings().value(rasterBasemapKey(m_projectPath)).toString();
}

void MainWindow::setRasterBasemap(const QString& path) {
  if (m_projectPath.isEmpty()) return;
  QSettings settings;
  if (path.isEmpty())
    settings.remove(rasterBasemapKey(m_projectPath));
  else
    settings.setValue(rasterBasemapKey(m_projectPath), QFileInfo(path).absoluteFilePath());
  m_viewAfterLoad = geographicView();
  if (m_timeBar->hasRange()) m_initialHour = m_timeBar->hour();
  startLoad(m_projectPath);
}

void MainWindow::chooseRasterBasemap() {
  if (m_projectPath.isEmpty()) {
    statusBar()->showMessage(tr("Open a project first"), 5000);
    return;
  }
  auto* dialog = new QFileDialog(this, tr("Offline raster basemap"), QFileInfo(rasterBasemap()).absolutePath(),
                                 tr("Rasters (*.tif *.tiff *.mbtiles *.gpkg *.png *.jpg *.vrt);;All files (*)"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setFileMode(QFileDialog::ExistingFile);
  connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::setRasterBasemap);
  dialog->open();
}

void MainWindow::zoomToSelection() {
  if (!(m_selection.xMax >= m_selection.xMin)) {
    statusBar()->showMessage(tr("Nothing selected: click a cell, segment or station first"), 5000);
    return;
  }
  m_canvas->zoomToExtent(m_selection);
}

void MainWindow::startLoad(const QString& path) {
  statusBar()->showMessage(tr("Loading %1…").arg(projectDisplayName(path)));
  const std::string file = QFile::encodeName(path).toStdString();
  render::ProjectLoadOptions options;
  options.displayEpsg = m_requestedEpsg;
  options.rasterBasemapPath = QFile::encodeName(QSettings().value(rasterBasemapKey(path)).toString()).toStdString();
  TaskOptions taskOptions;
  taskOptions.context = this;
  taskOptions.replaceKey = QStringLiteral("project-load");  // a newer load cancels this one
  m_loadTask = m_tasks->run(
      tr("Open project %1").arg(projectDisplayName(path)),
      [file, options](core::Feedback& feedback) {
        // A project from an older Ekimachi is upgraded first (read-write, all or nothing): the
        // map and the docks only read, and a read-only open cannot migrate.
        LoadedProject loaded;
        loaded.upgrade = store::upgradeOlderSchema(file);
        if (loaded.upgrade)
          feedback.info("upgraded the project from schema version " + std::to_string(loaded.upgrade->from) + " to " +
                        std::to_string(loaded.upgrade->to));
        loaded.layers = std::make_shared<const render::ProjectLayers>(render::loadProjectLayers(file, feedback, options));
        return loaded;
      },
      [this, path](LoadedProject loaded) {
        loadFinished(path, std::move(loaded.layers));
        if (loaded.upgrade)
          statusBar()->showMessage(tr("Opened %1: upgraded from schema version %2 to %3 (older Ekimachi versions "
                                      "can no longer open it)")
                                       .arg(projectDisplayName(path))
                                       .arg(loaded.upgrade->from)
                                       .arg(loaded.upgrade->to),
                                   15000);
      },
      [this, path](const TaskError& error) {
        statusBar()->showMessage(tr("Could not open %1").arg(projectDisplayName(path)), 10000);
        showError(tr("Could not open project"), tr("The project %1 could not be opened.").arg(path), error.message);
        emit projectLoadFailed(path, error.message);
      },
      taskOptions);
}

void MainWindow::setSession(SessionPtr session) {
  m_session = std::move(session);
  m_forecastDock->setSession(m_session);
  m_comparisonDock->setSession(m_session);
  m_inspector->setSession(m_session);
  m_charts->setSession(m_session);
  m_demandDock->setSession(m_session);
  findChild<ScenariosDock*>()->setSession(m_session);
  findChild<MobilityDock*>()->setSession(m_session);
  findChild<EnergyDock*>()->setSession(m_session);
}

void MainWindow::closeProject() {
  m_loadTask.cancel();
  setSession(nullptr);
  m_project.reset();
  m_projectPath.clear();
  m_extraLegends.clear();
  m_viewAfterLoad.reset();
  m_selection = render::Extent::empty();
  m_canvas->setHighlight(m_selection);
  {
    const QSignalBlocker block(layersPanel());
    layersPanel()->setLayers({});
  }
  layersChanged();
  m_timeBar->clearRange(true);
  setWindowTitle(tr("Ekimachi"));
  updateCrsLabel();
  m_coordinateLabel->clear();
  statusBar()->showMessage(tr("Open a project with File > Open Project…"));
}

void MainWindow::loadFinished(const QString& path, std::shared_ptr<const render::ProjectLayers> layers) {
  const bool sameProject = path == m_projectPath;
  const QVariantMap layerState = sameProject ? layersPanel()->saveState() : QVariantMap();
  m_project = std::move(layers);
  m_projectPath = path;
  m_recent.add(path);
  setWindowTitle(tr("%1 — Ekimachi").arg(projectDisplayName(path)));
  updateCrsLabel();

  m_canvas->setDestinationEpsg(m_project->displayEpsg);
  m_canvas->setFullExtent(m_project->fullExtent);
  // Layers from analyses (comparison, demand) are in the old display CRS: they are dropped.
  m_extraLegends.clear();
  {
    const QSignalBlocker block(layersPanel());
    render::LayerList all;
    QSet<QString> hidden;
    for (const render::StackedLayer& s : m_project->makeLayerStack(layerNames())) {
      all.push_back(s.layer);
      if (!s.visibleByDefault) hidden.insert(s.layer->id());
    }
    layersPanel()->setLayers(all, hidden);
    if (!m_project->meshSampleValues.empty())
      layersPanel()->setSampleValues(QStringLiteral("mesh_population"), m_project->meshSampleValues);
    if (!layerState.isEmpty()) layersPanel()->restoreState(layerState);
  }
  m_selection = render::Extent::empty();
  m_canvas->setHighlight(m_selection);
  if (m_project->rasterBasemapError)
    showError(tr("Raster basemap"), tr("The offline raster basemap could not be opened; the project is shown without it."),
              errorText(*m_project->rasterBasemapError));
  layersChanged();
  // Every dock gets the same session (a reload of the same project is a new session too).
  setSession(std::make_shared<const ProjectSession>(path, m_project, m_tasks));

  if (const auto range = m_project->timeBarRange()) {
    // The bar spans every series; it opens at noon of the people flow's first day (else of
    // the first series').
    const core::HourKey opening = m_project->meshTimeRange ? m_project->meshTimeRange->first : range->first;
    core::HourKey hour = opening;
    if (m_initialHour) {
      hour = *m_initialHour;
    } else {
      const auto jst = core::jstFromHourKey(opening);
      hour = core::hourKeyFromJst(jst.date, 12);
    }
    m_timeBar->setRange(range->first, range->last);
    m_timeBar->setHour(hour);
    m_canvas->setHour(m_timeBar->hour());
  } else {
    m_timeBar->clearRange(true);
  }
  m_waitingFirstRender = true;
  bool viewRestored = false;
  if (m_viewAfterLoad) {
    // The same geographic centre, and the same ground width, in the new display CRS.
    try {
      const geo::Transformer toDisplay(m_project->displayEpsg);
      const auto [cx, cy] = toDisplay.forward(m_viewAfterLoad->centre.x(), m_viewAfterLoad->centre.y());
      const auto [lx, ly] = toDisplay.forward(m_viewAfterLoad->left.x(), m_viewAfterLoad->left.y());
      const auto [rx, ry] = toDisplay.forward(m_viewAfterLoad->right.x(), m_viewAfterLoad->right.y());
      const double half = std::hypot(rx - lx, ry - ly) / 2;
      const double aspect = m_canvas->height() > 0 ? double(m_canvas->height()) / std::max(1, m_canvas->width()) : 1.0;
      m_canvas->setExtent({cx - half, cy - half * aspect, cx + half, cy + half * aspect});
      viewRestored = true;
    } catch (const core::Error&) {
      viewRestored = false;
    }
    m_viewAfterLoad.reset();
  }
  if (!viewRestored) m_canvas->zoomToFullExtent();
  m_canvas->refresh();
  statusBar()->showMessage(tr("Opened %1: %2 mesh cells, %3 road segments, %4 stations")
                               .arg(projectDisplayName(path))
                               .arg(m_project->mesh ? m_project->mesh->size() : 0)
                               .arg(m_project->roads ? m_project->roads->size() : 0)
                               .arg(m_project->stations ? m_project->stations->size() : 0),
                           10000);
  emit projectLoaded(path);
}

void MainWindow::updateCrsLabel() {
  if (!m_project) {
    m_crsLabel->clear();
    return;
  }
  if (m_project->displayEpsg == kWebMercator) {
    m_crsLabel->setText(tr("EPSG:3857 (Web Mercator)"));
    return;
  }
  QString zone;
  try {
    zone = QString::fromStdString(geo::planeRectangularZoneName(m_project->displayEpsg));
  } catch (const core::Error&) {
    zone.clear();
  }
  m_crsLabel->setText(zone.isEmpty() ? tr("EPSG:%1").arg(m_project->displayEpsg)
                                     : tr("EPSG:%1 (zone %2)").arg(m_project->displayEpsg).arg(zone));
}

void MainWindow::updateCursor(QPointF mapPoint, double lon, double lat) {
  if (!m_project) return;
  const QLocale locale;
  QString text;
  if (std::isfinite(lon) && std::isfinite(lat))
    text = tr("%1° N, %2° E").arg(locale.toString(lat, 'f', 6), locale.toString(lon, 'f', 6));
  text += QStringLiteral("   ") + tr("x %1 m, y %2 m")
                                      .arg(locale.toString(mapPoint.x(), 'f', 1), locale.toString(mapPoint.y(), 'f', 1));
  m_coordinateLabel->setText(text);
}

void MainWindow::updateScale() {
  render::MapSettings s = m_canvas->mapSettings();
  s.setOutputSize(m_canvas->size());
  s.setDpi(m_canvas->logicalDpiX());
  if (!s.hasValidSettings()) return;
  // Ground scale (Web Mercator map units are not ground metres away from the equator).
  const auto ground = m_canvas->groundGeometry();
  const double denominator = s.scaleDenominator() * (ground ? ground->metresPerMapUnit : 1.0);
  m_scaleLabel->setText(tr("1:%1").arg(QLocale().toString(std::round(denominator), 'f', 0)));
}

void MainWindow::setLabelLanguage(render::LabelLanguage language) { m_canvas->setLabelLanguage(language); }

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About Ekimachi"),
                     tr("<b>Ekimachi</b> %1<br>Station-area smart-city GIS analysis workstation.<br>"
                        "Population is drawn in quantile classes over the whole period with the viridis "
                        "colour ramp; hatched grey cells have no data.")
                         .arg(QApplication::applicationVersion()));
}

}  // namespace ekm::widgets
