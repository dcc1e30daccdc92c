#include "main/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>

#include "ekm/core/error.h"
#include "ekm/geo/plane_rectangular.h"
#include "flow/comparison_dock.h"
#include "flow/forecast_dock.h"
#include "legend/legend_widget.h"
#include "map/map_canvas.h"
#include "time/time_bar.h"

namespace ekm::widgets {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("MainWindow"));
  setWindowTitle(tr("Ekimachi"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/ekimachi.svg")));
  m_canvas = new MapCanvas(this);
  m_canvas->setObjectName(QStringLiteral("MapCanvas"));
  setCentralWidget(m_canvas);
  m_canvas->setLabelLanguage(uiIsJapanese() ? render::LabelLanguage::Japanese : render::LabelLanguage::Both);
  createDocks();
  createActions();
  createStatusBar();
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
  resize(1280, 820);

  connect(&m_loadWatcher, &QFutureWatcher<LoadOutcome>::finished, this, &MainWindow::loadFinished);
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

MainWindow::~MainWindow() {
  if (m_loadFeedback) m_loadFeedback->cancel();
  m_loadWatcher.waitForFinished();
}

void MainWindow::createDocks() {
  m_legend = new LegendWidget(this);
  m_legendDock = new QDockWidget(tr("Legend"), this);
  m_legendDock->setObjectName(QStringLiteral("LegendDock"));
  m_legendDock->setWidget(m_legend);
  addDockWidget(Qt::RightDockWidgetArea, m_legendDock);

  m_timeBar = new TimeBar(this);
  m_timeDock = new QDockWidget(tr("Time"), this);
  m_timeDock->setObjectName(QStringLiteral("TimeDock"));
  m_timeDock->setWidget(m_timeBar);
  addDockWidget(Qt::BottomDockWidgetArea, m_timeDock);
  createAnalysisDocks();
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
}

void MainWindow::showComparisonLayer(std::shared_ptr<const render::MapLayer> layer, const render::LegendGroup& legend) {
  // Replaces the population layer's place in the stack (the difference covers the same cells).
  render::LayerList layers;
  bool placed = false;
  for (const auto& l : m_canvas->layers()) {
    if (l->id() == layer->id()) continue;
    if (!placed && std::dynamic_pointer_cast<const render::MeshPopulationLayer>(l)) {
      layers.push_back(layer);
      placed = true;
      continue;
    }
    layers.push_back(l);
  }
  if (!placed) layers.insert(layers.begin(), layer);
  m_canvas->setLayers(std::move(layers));
  std::vector<render::LegendGroup> groups;
  for (const auto& g : m_legend->groups())
    if (g.title != m_comparisonLegendTitle && g.title != tr("Population (people per cell)")) groups.push_back(g);
  groups.insert(groups.begin(), legend);
  m_comparisonLegendTitle = legend.title;
  m_legend->setGroups(std::move(groups));
}

void MainWindow::showForecastMap(std::shared_ptr<const render::MeshValueSource> values, core::HourKey origin,
                                 core::HourKey end) {
  if (!m_project || !m_project->mesh) return;
  // The population layer (back in place of a comparison layer) now continues into the forecast.
  render::LayerList layers;
  for (const auto& l : m_project->makeLayers(tr("Population"), tr("Roads"), tr("Stations"))) {
    if (auto mesh = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(l)) {
      layers.push_back(std::make_shared<const render::MeshPopulationLayer>(
          mesh->id(), tr("Population and forecast"), mesh->geometry(), values, mesh->style()));
    } else {
      layers.push_back(l);
    }
  }
  m_canvas->setLayers(std::move(layers));
  std::vector<render::LegendGroup> groups;
  for (const auto& g : m_legend->groups())
    if (g.title != m_comparisonLegendTitle) groups.push_back(g);
  m_comparisonLegendTitle.clear();
  if (std::none_of(groups.begin(), groups.end(),
                   [this](const auto& g) { return g.title == tr("Population (people per cell)"); }))
    groups.insert(groups.begin(), render::Legend::forGraduatedStyle(tr("Population (people per cell)"),
                                                                     render::GraduatedStyle{m_project->meshBreaks}));
  m_legend->setGroups(std::move(groups));
  const core::HourKey first = m_project->meshTimeRange ? m_project->meshTimeRange->first : origin;
  m_timeBar->setRange(first, end - 1);
  m_timeBar->setHour(origin);
  m_canvas->setHour(m_timeBar->hour());
  statusBar()->showMessage(tr("Forecast from %1: hours after it show forecast population")
                               .arg(QString::fromStdString(core::formatHourKeyJst(origin))),
                           10000);
}

void MainWindow::createActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Project…"), this, &MainWindow::chooseProject);
  open->setShortcut(QKeySequence::Open);
  open->setStatusTip(tr("Open a project file (GeoPackage)"));
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  m_viewMenu = menuBar()->addMenu(tr("&View"));
  QMenu* panels = m_viewMenu->addMenu(tr("&Panels"));
  panels->addAction(m_legendDock->toggleViewAction());
  panels->addAction(m_timeDock->toggleViewAction());
  panels->addAction(m_forecastDock->toggleViewAction());
  panels->addAction(m_comparisonDock->toggleViewAction());
  m_viewMenu->addSeparator();
  QAction* full = m_viewMenu->addAction(tr("Zoom to &Full Extent"), m_canvas, &MapCanvas::zoomToFullExtent);
  full->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
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

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Ekimachi"), this, &MainWindow::showAbout);
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

void MainWindow::chooseProject() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QFileInfo(m_projectPath).absolutePath(),
                                                    tr("Ekimachi projects (*.gpkg);;All files (*)"));
  if (!path.isEmpty()) openProject(path);
}

void MainWindow::openProject(const QString& path) {
  if (m_loadFeedback) m_loadFeedback->cancel();
  m_loadWatcher.waitForFinished();  // a cancelled load returns at its next check
  m_loadingPath = path;
  m_loadFeedback = std::make_shared<core::Feedback>();
  statusBar()->showMessage(tr("Loading %1…").arg(QFileInfo(path).fileName()));
  auto feedback = m_loadFeedback;
  const std::string file = QFile::encodeName(path).toStdString();
  m_loadWatcher.setFuture(QtConcurrent::run([feedback, file]() -> LoadOutcome {
    LoadOutcome outcome;
    try {
      outcome.layers = std::make_shared<const render::ProjectLayers>(render::loadProjectLayers(file, *feedback));
    } catch (const core::CancelledError&) {
      outcome.cancelled = true;
    } catch (const std::exception& e) {
      outcome.error = QString::fromUtf8(e.what());
    }
    return outcome;
  }));
}

void MainWindow::loadFinished() {
  const LoadOutcome outcome = m_loadWatcher.result();
  const QString path = m_loadingPath;
  if (outcome.cancelled) return;
  if (!outcome.layers) {
    statusBar()->showMessage(tr("Could not open %1").arg(QFileInfo(path).fileName()), 10000);
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Could not open project"),
                                tr("The project %1 could not be opened.").arg(path), QMessageBox::Ok, this);
    box->setInformativeText(outcome.error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit projectLoadFailed(path, outcome.error);
    return;
  }
  m_project = outcome.layers;
  m_projectPath = path;
  setWindowTitle(tr("%1 — Ekimachi").arg(QFileInfo(path).fileName()));
  m_crsLabel->setText(tr("EPSG:%1 (zone %2)")
                          .arg(m_project->displayEpsg)
                          .arg(QString::fromStdString(geo::planeRectangularZoneName(m_project->displayEpsg))));

  m_canvas->setDestinationEpsg(m_project->displayEpsg);
  m_canvas->setFullExtent(m_project->fullExtent);
  m_canvas->setLayers(m_project->makeLayers(tr("Population"), tr("Roads"), tr("Stations")));

  std::vector<render::LegendGroup> groups;
  for (const auto& layer : m_canvas->layers()) {
    if (auto mesh = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(layer)) {
      groups.push_back(render::Legend::forGraduatedStyle(tr("Population (people per cell)"), mesh->style()));
    } else if (auto roads = std::dynamic_pointer_cast<const render::RoadSegmentsLayer>(layer)) {
      render::LegendGroup g{tr("Roads"), {}};
      g.items.push_back({render::LegendItem::Kind::Line, tr("Main road"), roads->style().casing, 0, 0,
                         roads->style().widthMajor + roads->style().casingExtra});
      g.items.push_back({render::LegendItem::Kind::Line, tr("Street"), roads->style().casing, 0, 0,
                         roads->style().widthMinor + roads->style().casingExtra});
      groups.push_back(g);
    } else if (std::dynamic_pointer_cast<const render::StationsLayer>(layer)) {
      render::LegendGroup g{tr("Stations"), {}};
      g.items.push_back({render::LegendItem::Kind::Point, tr("Station"), QColor(Qt::white), 0, 0, 0});
      groups.push_back(g);
    }
  }
  m_legend->setGroups(std::move(groups));
  m_comparisonLegendTitle.clear();
  {
    std::vector<std::string> codes;
    if (m_project->mesh) codes = m_project->mesh->codes;
    m_forecastDock->setProject(path, std::move(codes), m_project->meshValues);
    m_comparisonDock->setProject(path, m_project->mesh, m_project->meshTimeRange);
  }

  if (m_project->meshTimeRange) {
    const auto range = *m_project->meshTimeRange;
    core::HourKey hour = range.first;
    if (m_initialHour) {
      hour = *m_initialHour;
    } else {
      const auto jst = core::jstFromHourKey(range.first);
      hour = core::hourKeyFromJst(jst.date, 12);
    }
    m_timeBar->setRange(range.first, range.last);
    m_timeBar->setHour(hour);
    m_canvas->setHour(m_timeBar->hour());
  } else {
    m_timeBar->clearRange(true);
  }
  m_waitingFirstRender = true;
  m_canvas->zoomToFullExtent();
  statusBar()->showMessage(tr("Opened %1: %2 mesh cells, %3 road segments, %4 stations")
                               .arg(QFileInfo(path).fileName())
                               .arg(m_project->mesh ? m_project->mesh->size() : 0)
                               .arg(m_project->roads ? m_project->roads->size() : 0)
                               .arg(m_project->stations ? m_project->stations->size() : 0),
                           10000);
  emit projectLoaded(path);
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
  m_scaleLabel->setText(tr("1:%1").arg(QLocale().toString(std::round(s.scaleDenominator()), 'f', 0)));
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
