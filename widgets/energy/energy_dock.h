#pragma once
// The Energy dock (View > Panels > Energy): the DHC plant's operation plan and the buildings'
// demand, from the operations energy-plan and energy-forecast run through the session's
// TaskManager with the same Params as `ekimachi-cli energy plan|forecast`.
//  - Controls: first day and days of the plan, objective (energy, cost, CO2), the plant
//    file, and the building and meter whose forecast is shown. Plan submits both
//    operations (progress and Cancel; a newer plan cancels the older one).
//  - Charts (tabs): demand per building stacked (cooling, heating); forecast vs actual with
//    the interval bands; heat made by unit stacked (cooling, heating); storage level;
//    plant electricity and COP, plan vs the rule-based baseline; savings against the
//    baseline (kWh, %, yen, CO2) with the running total. Every chart follows the time
//    bar's hour and exports as PNG, SVG or PDF.
//  - Show on Map: the buildings coloured by demand at the map's hour
//    (render/energy_buildings_layer.h), in the Layers dock's panel.
#include <QDockWidget>
#include <QPointer>
#include <optional>

#include "ekm/energy/forecast_op.h"
#include "ekm/energy/plan_op.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace ekm::widgets {

class ChartPanel;
class LayersPanel;

class EnergyDock : public QDockWidget {
  Q_OBJECT

 public:
  enum class Chart { CoolingDemand, HeatingDemand, Forecast, CoolingDispatch, HeatingDispatch, Storage, Electricity,
                     Cop, Savings };
  static constexpr int kChartCount = 9;

  explicit EnergyDock(QWidget* parent = nullptr);
  ~EnergyDock() override;

  void setSession(SessionPtr session);
  void setLayersPanel(LayersPanel* panel);

  QDateEdit* fromEdit() const { return m_from; }
  QSpinBox* daysBox() const { return m_days; }
  QComboBox* objectiveBox() const { return m_objective; }
  QComboBox* demandBox() const { return m_demand; }
  QLineEdit* plantEdit() const { return m_plant; }
  QComboBox* buildingBox() const { return m_building; }
  QComboBox* meterBox() const { return m_meter; }
  QTabWidget* tabs() const { return m_tabs; }
  QTableWidget* savingsTable() const { return m_savings; }
  ChartPanel* chart(Chart which) const { return m_charts[static_cast<int>(which)]; }
  QString statusText() const;
  QString summaryText() const;
  bool isRunning() const;
  const std::optional<energy::PlanRunResult>& plan() const { return m_plan; }
  const std::optional<energy::EnergyForecastResult>& forecast() const { return m_forecast; }

  // The Params the controls give (as `energy plan` / `energy forecast` would get them).
  energy::PlanParams planParams() const;
  energy::EnergyForecastParams forecastParams() const;

  // Writes a chart as PNG, SVG or PDF (by the suffix); false with the reason in the status.
  bool exportChart(Chart which, const QString& path);

 public slots:
  // energy-plan and energy-forecast with the controls' Params; planReady / forecastReady
  // (or failed) follow.
  void runPlan();
  void cancel();
  // The buildings layer into the Layers panel; layersShown follows.
  void showOnMap();
  // The time bar's hour: a vertical line on every time chart.
  void setHour(core::HourKey hour);

 signals:
  void buildingsLoaded();
  void planReady();
  void forecastReady();
  void layersShown();
  void failed(const QString& message);
  void cancelled();
  // A plan is ready: the map's time bar may move to this hour (its first afternoon).
  void hourRequested(core::HourKey hour);

 private:
  void buildUi();
  void loadBuildings();
  void runForecast();
  void showPlan();
  void fillSavings();
  void setStatus(const QString& text, bool error = false);
  void updateRunning();
  void exportCurrent();
  QWidget* chartPage(std::initializer_list<Chart> charts);

  SessionPtr m_session;
  QPointer<LayersPanel> m_layersPanel;
  TaskHandle m_planTask, m_forecastTask, m_buildingsTask, m_layersTask;
  std::optional<energy::PlanRunResult> m_plan;
  std::optional<energy::EnergyForecastResult> m_forecast;
  std::optional<core::HourKey> m_hour;
  double m_planProgress = 0, m_forecastProgress = 0;
  int m_planGeneration = 0;  // counts plan runs: a superseded plan's late cancel leaves the status alone

  QDateEdit* m_from = nullptr;
  QSpinBox* m_days = nullptr;
  QComboBox* m_objective = nullptr;
  QComboBox* m_demand = nullptr;  // metered (perfect foresight) or the demand model's forecast
  QLineEdit* m_plant = nullptr;
  QPushButton* m_browse = nullptr;
  QComboBox* m_building = nullptr;
  QComboBox* m_meter = nullptr;
  QPushButton* m_run = nullptr;
  QPushButton* m_cancel = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_summary = nullptr;
  QTabWidget* m_tabs = nullptr;
  QTableWidget* m_savings = nullptr;
  ChartPanel* m_charts[kChartCount] = {};
  QPushButton* m_export = nullptr;
  QPushButton* m_mapButton = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace ekm::widgets
