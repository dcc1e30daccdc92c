#pragma once
// The main window: the map canvas in the centre, the legend and time bar as dock widgets
// (each registered in the View menu), File > Open project, and a status bar with the cursor
// position (lat/lon and plane rectangular x/y), the map scale and the last render time.
// Projects are loaded in the background (QtConcurrent), each thread on its own connection.
#include <QFutureWatcher>
#include <QMainWindow>
#include <memory>
#include <optional>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "render/legend.h"
#include "render/project_layers.h"

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;

namespace ekm::widgets {

class ComparisonDock;
class ForecastDock;
class LegendWidget;
class MapCanvas;
class TimeBar;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Loads a project in the background; projectLoaded / projectLoadFailed follow.
  void openProject(const QString& path);
  // The hour to show once the next project is loaded (default: noon JST of its first day).
  void setInitialHour(std::optional<core::HourKey> hour) { m_initialHour = hour; }
  // Saving/restoring the dock layout in QSettings (off for reproducible screenshots).
  void setPersistLayout(bool persist) { m_persistLayout = persist; }
  void restoreLayout();

  MapCanvas* canvas() const { return m_canvas; }
  TimeBar* timeBar() const { return m_timeBar; }
  LegendWidget* legend() const { return m_legend; }
  QDockWidget* legendDock() const { return m_legendDock; }
  QDockWidget* timeDock() const { return m_timeDock; }
  QMenu* viewMenu() const { return m_viewMenu; }
  ForecastDock* forecastDock() const { return m_forecastDock; }
  ComparisonDock* comparisonDock() const { return m_comparisonDock; }
  const QString& projectPath() const { return m_projectPath; }

 signals:
  void projectLoaded(const QString& path);
  void projectLoadFailed(const QString& path, const QString& message);
  // The first finished render after a project was loaded (screenshots wait for it).
  void firstMapRendered();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  struct LoadOutcome {
    std::shared_ptr<const render::ProjectLayers> layers;
    QString error;
    bool cancelled = false;
  };
  void createActions();
  void createDocks();
  void createStatusBar();
  void chooseProject();
  void loadFinished();
  void showAbout();
  void updateCursor(QPointF mapPoint, double lon, double lat);
  void updateScale();
  void setLabelLanguage(render::LabelLanguage language);
  void createAnalysisDocks();
  void showComparisonLayer(std::shared_ptr<const render::MapLayer> layer, const render::LegendGroup& legend);
  void showForecastMap(std::shared_ptr<const render::MeshValueSource> values, core::HourKey origin, core::HourKey end);

  MapCanvas* m_canvas = nullptr;
  TimeBar* m_timeBar = nullptr;
  LegendWidget* m_legend = nullptr;
  QDockWidget* m_legendDock = nullptr;
  QDockWidget* m_timeDock = nullptr;
  QMenu* m_viewMenu = nullptr;
  ForecastDock* m_forecastDock = nullptr;
  ComparisonDock* m_comparisonDock = nullptr;
  QString m_comparisonLegendTitle;
  QActionGroup* m_labelGroup = nullptr;
  QLabel* m_coordinateLabel = nullptr;
  QLabel* m_scaleLabel = nullptr;
  QLabel* m_renderLabel = nullptr;
  QLabel* m_crsLabel = nullptr;

  QString m_projectPath;
  QString m_loadingPath;
  std::shared_ptr<core::Feedback> m_loadFeedback;
  QFutureWatcher<LoadOutcome> m_loadWatcher;
  std::shared_ptr<const render::ProjectLayers> m_project;
  std::optional<core::HourKey> m_initialHour;
  bool m_waitingFirstRender = false;
  bool m_persistLayout = true;
};

}  // namespace ekm::widgets
