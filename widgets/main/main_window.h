#pragma once
// The main window: the map canvas in the centre and the docks around it, each registered in
// View > Panels with an object name for the saved layout — Layers (visibility, order,
// opacity, style: it decides what the canvas draws), Legend (from the visible layers' own
// legendGroups()), Time (play/step/filter), Inspector and Charts (a click on the map is
// identified in the background and shown with its time series), Tasks (the window's
// TaskManager, shared by the analysis docks), Comparison, Forecast and Demand.
// File: New/Open/Open Recent/Import/offline raster basemap/Export map (layout dialog)/Briefing
// pack/Export results/Quit; View:
// panels, toolbars, zoom (also to the identified feature),
// display CRS (plane rectangular zone or Web Mercator), station labels; Settings: language.
// Status bar: cursor lat/lon and x/y, map scale, display CRS, last render time.
// Projects are loaded in the background (a TaskManager task; a newer load replaces an older
// one); a loaded project becomes a ProjectSession that every dock receives (setSession).
// Closing the project or the window cancels its tasks; nothing waits for a worker.
#include <QHash>
#include <QMainWindow>
#include <memory>
#include <optional>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "main/recent_projects.h"
#include "render/legend.h"
#include "render/map_settings.h"
#include "render/project_layers.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QToolBar;

namespace ekm::widgets {

class ChartsPanel;
class ComparisonDock;
class DemandDock;
class ForecastDock;
class Identifier;
class InspectorPanel;
class LayersDock;
class LayoutDialog;
class OperationDialog;
class LayersPanel;
class LegendWidget;
class MapCanvas;
class TaskManager;
class TasksDock;
class TimeBar;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Loads a project in the background; projectLoaded / projectLoadFailed follow.
  void openProject(const QString& path);
  // Creates an empty project file (store::Project::create) in the background, then opens it;
  // projectCreated / projectLoadFailed follow. Refuses an existing file.
  void newProject(const QString& path);
  // Closes the open project (File > Close Project): cancels a load on its way, gives every
  // dock a null session (each cancels its tasks; late results are dropped) and empties the map.
  void closeProject();
  // The hour to show once the next project is loaded (default: noon JST of its first day).
  void setInitialHour(std::optional<core::HourKey> hour) { m_initialHour = hour; }
  // Saving/restoring the dock layout in QSettings (off for reproducible screenshots).
  void setPersistLayout(bool persist) { m_persistLayout = persist; }
  void restoreLayout();

  // Display CRS: 0 = the area's plane rectangular zone, 3857 = Web Mercator. Reloads the
  // project's layers projected to it and keeps the same geographic view centre and scale.
  void setDisplayEpsg(int epsg);
  int requestedDisplayEpsg() const { return m_requestedEpsg; }

  // An offline raster basemap (GeoTIFF, MBTiles, any local GDAL raster; never a network
  // service) drawn under the project's layers; remembered per project in QSettings. An empty
  // path removes it. Reloads the project's layers in the background (keeping the view).
  void setRasterBasemap(const QString& path);
  QString rasterBasemap() const;

  // Zooms to the feature last identified on the map (View > Zoom to Selection).
  void zoomToSelection();
  const render::Extent& selectionExtent() const { return m_selection; }

  // Exports the current view as the one map composition (PNG, SVG or PDF by the path's
  // extension) in the background (the Tasks dock shows it); mapImageExported follows. The
  // language of the map's texts: the canvas's label language unless given.
  void exportMapImage(const QString& path, QSize size, const QString& title, bool legend = true,
                      std::optional<render::LabelLanguage> language = std::nullopt);
  // File > Export Map…: the layout dialog for the open project at the current hour and view
  // (nullptr without a project). File > Briefing Pack… / Export Results…: the dialog of the
  // "briefing" or "export" operation (nullptr without a project).
  LayoutDialog* showLayoutDialog();
  OperationDialog* showOperationDialog(const QString& op);
  // A default title for the current hour ("Population 2025-03-27 (Thu) 12:00 JST").
  QString defaultMapTitle() const;

  // The legend of a layer stack: thematic groups first (top layer first), then the others.
  std::vector<render::LegendGroup> legendFor(const render::LayerList& visibleLayers) const;

  MapCanvas* canvas() const { return m_canvas; }
  TimeBar* timeBar() const { return m_timeBar; }
  LegendWidget* legend() const { return m_legend; }
  QDockWidget* legendDock() const { return m_legendDock; }
  QDockWidget* timeDock() const { return m_timeDock; }
  LayersDock* layersDock() const { return m_layersDock; }
  LayersPanel* layersPanel() const;
  QDockWidget* inspectorDock() const { return m_inspectorDock; }
  InspectorPanel* inspector() const { return m_inspector; }
  QDockWidget* chartsDock() const { return m_chartsDock; }
  ChartsPanel* charts() const { return m_charts; }
  TasksDock* tasksDock() const { return m_tasksDock; }
  TaskManager* taskManager() const { return m_tasks; }
  Identifier* identifier() const { return m_identifier; }
  DemandDock* demandDock() const { return m_demandDock; }
  QMenu* viewMenu() const { return m_viewMenu; }
  QMenu* recentMenu() const { return m_recentMenu; }
  ForecastDock* forecastDock() const { return m_forecastDock; }
  ComparisonDock* comparisonDock() const { return m_comparisonDock; }
  const QString& projectPath() const { return m_projectPath; }
  std::shared_ptr<const render::ProjectLayers> project() const { return m_project; }
  // What the docks were given for the open project (nullptr: none).
  const SessionPtr& session() const { return m_session; }
  RecentProjects& recentProjects() { return m_recent; }
  // Rebuilds File > Open Recent (dropping missing files, with a message naming them).
  void updateRecentMenu();

 signals:
  void projectLoaded(const QString& path);
  void projectLoadFailed(const QString& path, const QString& message);
  void projectCreated(const QString& path);
  // The first finished render after a project was loaded (screenshots wait for it).
  void firstMapRendered();
  void mapImageExported(const QString& path, bool ok, const QString& message);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  // The view to restore after a reload in another display CRS (lon/lat of the centre and of
  // the left and right edge midpoints).
  struct GeographicView {
    QPointF centre, left, right;
  };
  void createActions();
  void createDocks();
  void createInspectDocks();
  void createStatusBar();
  void startLoad(const QString& path);
  void chooseProject();
  void chooseDatabaseProject();
  void chooseNewProject();
  render::LayerNames layerNames() const;
  void chooseRasterBasemap();
  void showImport();
  // File > Import from City OS…: the NGSI-LD pull dialog on the open project.
  void showCityOsImport();
  void chooseLanguage(const QString& code);
  void loadFinished(const QString& path, std::shared_ptr<const render::ProjectLayers> layers);
  void setSession(SessionPtr session);
  void showAbout();
  void updateCursor(QPointF mapPoint, double lon, double lat);
  void updateScale();
  void updateCrsLabel();
  void setLabelLanguage(render::LabelLanguage language);
  void layersChanged();
  std::optional<GeographicView> geographicView() const;
  void createAnalysisDocks();
  void showComparisonLayer(std::shared_ptr<const render::MapLayer> layer, const render::LegendGroup& legend);
  void showForecastMap(std::shared_ptr<const render::MeshValueSource> values, core::HourKey origin, core::HourKey end);
  void showDemandLayers(render::LayerList layers, std::vector<render::LegendGroup> legend);
  void showError(const QString& title, const QString& text, const QString& details);

  MapCanvas* m_canvas = nullptr;
  TimeBar* m_timeBar = nullptr;
  LegendWidget* m_legend = nullptr;
  QDockWidget* m_legendDock = nullptr;
  QDockWidget* m_timeDock = nullptr;
  LayersDock* m_layersDock = nullptr;
  QDockWidget* m_inspectorDock = nullptr;
  InspectorPanel* m_inspector = nullptr;
  QDockWidget* m_chartsDock = nullptr;
  ChartsPanel* m_charts = nullptr;
  TasksDock* m_tasksDock = nullptr;
  TaskManager* m_tasks = nullptr;
  Identifier* m_identifier = nullptr;
  DemandDock* m_demandDock = nullptr;
  QMenu* m_viewMenu = nullptr;
  QMenu* m_panelsMenu = nullptr;
  QMenu* m_recentMenu = nullptr;
  QToolBar* m_mapToolBar = nullptr;
  ForecastDock* m_forecastDock = nullptr;
  ComparisonDock* m_comparisonDock = nullptr;
  QActionGroup* m_labelGroup = nullptr;
  QActionGroup* m_crsGroup = nullptr;
  QLabel* m_coordinateLabel = nullptr;
  QLabel* m_scaleLabel = nullptr;
  QLabel* m_renderLabel = nullptr;
  QLabel* m_crsLabel = nullptr;

  // Legends handed over with layers that do not describe themselves (comparison, demand).
  QHash<QString, std::vector<render::LegendGroup>> m_extraLegends;
  RecentProjects m_recent;
  QString m_projectPath;
  TaskHandle m_loadTask;
  std::shared_ptr<const render::ProjectLayers> m_project;
  SessionPtr m_session;
  std::optional<core::HourKey> m_initialHour;
  std::optional<GeographicView> m_viewAfterLoad;
  int m_requestedEpsg = 0;
  render::Extent m_selection = render::Extent::empty();  // bounds of the last identified feature
  bool m_waitingFirstRender = false;
  bool m_persistLayout = true;
};

}  // namespace ekm::widgets
