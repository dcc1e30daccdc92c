#pragma once
// The Demand dock: zones (mesh aggregation / station catchments / polygons / points), trip
// ends and OD (gravity with a deterrence function or Hyman calibration to a mean trip time, or
// an OD matrix from the project or a CSV), assignment settings (walking or road network,
// AON / FW / BFW / Algorithm B, gap, iteration limit). Its fields fill the Params of the
// `assign` operation (params(): the one mapping), which Run submits to the session's
// TaskManager (a newer run replaces an older one) with progress and Cancel; the scenario
// panel runs the `scenario` operation of the same Params and its edits. Results: the
// convergence plot, a results summary with the main corridors, the OD matrix
// table (totals, heat-shaded, sortable, CSV export) and a scenario panel (close or change
// segments, add links such as a new deck or east-west passage, scale demand; the edits of
// `ekimachi-cli scenario run --project`) whose difference layer (volumes or travel times) is
// emitted like the result layers. The results' layers include the ranked corridors.
// The convergence plot is fed live from the assignment's per-iteration records (posted by the
// worker through a GuiChannel that the dock closes when it goes).
//
// Layers leave through resultLayersReady: "show these as the Demand layers" (ids start with
// "demand_"; a new emission replaces the previous ones).
#include <QDockWidget>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

#include "demand/demand_layers.h"
#include "demand/demand_pipeline.h"
#include "render/map_layer.h"
#include "render/project_layers.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace ekm::widgets {

class ConvergencePlot;
class GuiChannel;
class OdMatrixModel;
class OdMatrixSortProxy;

class DemandDock : public QDockWidget {
  Q_OBJECT

 public:
  enum class RunStatus { Completed, Cancelled, Failed };
  Q_ENUM(RunStatus)

  explicit DemandDock(QWidget* parent = nullptr);
  ~DemandDock() override;

  // The open project (its layers give the display CRS and time range; nullptr closes it).
  // Cancels a running job; its result, if any arrives, is dropped.
  void setSession(SessionPtr session);
  const SessionPtr& session() const { return m_session; }

  // The form as the assign operation's Params: the fields the form shows are read from it;
  // the others keep what setParams gave, or the dock's defaults (defaultParams()).
  demand::AssignParams params() const;
  // Shows `params` in the form. Throws core::Error for a zones spec that cannot be read.
  void setParams(const demand::AssignParams& params);
  // The library's defaults except split_crossings (on: the sample's local streets cross main
  // roads without vertices).
  static demand::AssignParams defaultParams();
  DemandLayerOptions layerOptions() const;
  // The scenario panel's edits (closed, changed and added links, demand growth), and back.
  demand::ScenarioEdits scenarioEdits() const;
  void setScenarioEdits(const demand::ScenarioEdits& edits);
  // What the scenario map shows (the "Map:" choice of the scenario panel).
  void setDifferenceQuantity(render::DifferenceQuantity quantity);

  bool isRunning() const;
  // The last completed run / scenario (nullptr before).
  std::shared_ptr<const DemandRun> lastRun() const { return m_run; }
  std::shared_ptr<const ScenarioRun> lastScenario() const { return m_scenario; }
  ConvergencePlot* convergencePlot() const { return m_plot; }
  OdMatrixModel* odModel() const { return m_odModel; }
  QTableView* odView() const { return m_odView; }
  QString statusText() const;

 public slots:
  void run();
  void runScenario();
  void cancel();
  // A road segment picked on the map (e.g. identify on the flow bands): the segment to close
  // or change.
  void selectSegment(const QString& segmentId);
  // A point picked on the map (lon/lat) as the start (or end) of the link to add.
  void setAddLinkPoint(bool start, double lon, double lat);
  // Rebuilds the layers of the last run with the current display options and emits them.
  void updateLayers();
  // Writes the OD matrix table (wide CSV with totals). False + a message box on failure.
  bool exportOdCsv(const QString& path);

 signals:
  void resultLayersReady(ekm::render::LayerList layers, std::vector<ekm::render::LegendGroup> legend);
  void runFinished(ekm::widgets::DemandDock::RunStatus status, const QString& message);
  // Each assignment iteration of a model run, on the GUI thread, as the assignment made it.
  void assignmentIteration(const ekm::demand::IterationRecord& record);

 private:
  enum class JobKind { None, Model, Scenario };
  void buildUi();
  QWidget* buildModelTab();
  QWidget* buildResultsTab();
  QWidget* buildOdTab();
  QWidget* buildScenarioTab();
  void updateVisibility();
  // Map layers a job's worker built, for the layer options at the job's start.
  struct PrebuiltLayers {
    render::LayerList layers;
    DemandLayerOptions options;
  };
  void setRunning(bool running);
  TaskOptions jobOptions(int serial);
  void jobFinished(int serial, RunStatus status, const QString& message,
                   std::optional<PrebuiltLayers> layers = std::nullopt);
  void showRun(std::optional<PrebuiltLayers> layers = std::nullopt);
  void showScenario(std::optional<PrebuiltLayers> layers = std::nullopt);
  void emitLayers(render::LayerList layers);
  void listOdPeriods();
  void browse(QLineEdit* target, const QString& filter);
  void updateDeterrenceLabels();
  void showIteration(int serial, const demand::IterationRecord& record);
  QWidget* buildAddLinkBox(QWidget* parent);
  QWidget* buildChangeBox(QWidget* parent);
  void updateAddLinkLength();
  // Plane-CRS distance (m) between the street nodes nearest to a and b of the last run; NaN without one.
  double addedLinkLength(demand::GeoPoint a, demand::GeoPoint b) const;
  QString describe(const demand::AddedLinkSpec& spec) const;
  static QString describe(const demand::SegmentChangeSpec& spec);

  SessionPtr m_session;
  std::shared_ptr<const render::ProjectLayers> m_project;  // the session's layers
  TaskHandle m_task;
  TaskHandle m_periodsTask;
  std::shared_ptr<GuiChannel> m_channel;  // worker -> dock: live iteration records
  JobKind m_jobKind = JobKind::None;
  int m_jobSerial = 0;  // results and iteration records of an older job are dropped
  std::shared_ptr<const DemandRun> m_run;
  std::shared_ptr<const ScenarioRun> m_scenario;
  demand::AssignParams m_params = defaultParams();  // the Params without a field in the form

  QTabWidget* m_tabs = nullptr;
  // Zones
  QComboBox* m_zoneSource = nullptr;
  QComboBox* m_meshLevel = nullptr;
  QSpinBox* m_stationRadius = nullptr;
  QLineEdit* m_polygonsPath = nullptr;
  QPushButton* m_polygonsBrowse = nullptr;
  QLineEdit* m_polygonsField = nullptr;
  QWidget* m_meshRow = nullptr;
  QWidget* m_stationRow = nullptr;
  QWidget* m_polygonRow = nullptr;
  // OD
  QComboBox* m_odSource = nullptr;
  QWidget* m_gravityBox = nullptr;
  QDateEdit* m_day = nullptr;
  QSpinBox* m_fromHour = nullptr;
  QSpinBox* m_toHour = nullptr;
  QCheckBox* m_useStays = nullptr;
  QCheckBox* m_useStations = nullptr;
  QComboBox* m_deterrence = nullptr;
  QLabel* m_decayLabel = nullptr;
  QDoubleSpinBox* m_decay = nullptr;
  QLabel* m_alphaLabel = nullptr;
  QDoubleSpinBox* m_alpha = nullptr;
  QCheckBox* m_calibrate = nullptr;
  QDoubleSpinBox* m_meanMinutes = nullptr;
  QWidget* m_periodRow = nullptr;
  QComboBox* m_period = nullptr;
  QWidget* m_csvRow = nullptr;
  QLineEdit* m_csvPath = nullptr;
  // Assignment
  QComboBox* m_networkKind = nullptr;
  QLineEdit* m_barriersPath = nullptr;
  QWidget* m_barriersRow = nullptr;
  QComboBox* m_algorithm = nullptr;
  QComboBox* m_gap = nullptr;
  QSpinBox* m_maxIterations = nullptr;
  // Run
  QPushButton* m_runButton = nullptr;
  QPushButton* m_cancelButton = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  // Results
  QLabel* m_summary = nullptr;
  ConvergencePlot* m_plot = nullptr;
  QDoubleSpinBox* m_bandScale = nullptr;
  QSpinBox* m_desireTopN = nullptr;
  QCheckBox* m_colourByVc = nullptr;
  QCheckBox* m_showCorridors = nullptr;
  QTableWidget* m_corridors = nullptr;
  // OD matrix
  OdMatrixModel* m_odModel = nullptr;
  OdMatrixSortProxy* m_odProxy = nullptr;
  QTableView* m_odView = nullptr;
  QPushButton* m_exportButton = nullptr;
  // Scenario
  QComboBox* m_segmentBox = nullptr;
  QListWidget* m_closed = nullptr;
  QDoubleSpinBox* m_changeCapacity = nullptr;
  QDoubleSpinBox* m_changeSpeed = nullptr;
  QListWidget* m_changed = nullptr;
  QLineEdit* m_addName = nullptr;
  QDoubleSpinBox* m_addFromLon = nullptr;
  QDoubleSpinBox* m_addFromLat = nullptr;
  QDoubleSpinBox* m_addToLon = nullptr;
  QDoubleSpinBox* m_addToLat = nullptr;
  QDoubleSpinBox* m_addSpeed = nullptr;
  QDoubleSpinBox* m_addCapacity = nullptr;
  QLabel* m_addLength = nullptr;
  QListWidget* m_added = nullptr;
  QSpinBox* m_demandPercent = nullptr;
  QComboBox* m_differenceQuantity = nullptr;
  QPushButton* m_scenarioButton = nullptr;
  QLabel* m_scenarioSummary = nullptr;
};

}  // namespace ekm::widgets

Q_DECLARE_METATYPE(ekm::demand::IterationRecord)
