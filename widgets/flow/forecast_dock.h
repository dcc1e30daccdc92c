#pragma once
// The Forecast dock: choose a feature (a mesh cell code, a road segment id or a station id,
// typed or picked), the model (seasonal naive / seasonal profile / regression) and the
// horizon (1-14 days); "Forecast" runs the operations `forecast` and `backtest` (flow/forecast_op.h,
// the project's weather and events as the CLI reads them) from the end of the data, the backtest
// over the latest 8 weekly origins, in the background (a task of the session's TaskManager with its
// own ops::Session, i.e. its own connection to the project, progress + Cancel through
// core::Feedback; a newer run replaces a running one), then shows history, forecast and interval bands
// in the chart and MAE/RMSE/WAPE/MASE/coverage in a table. "Forecast map" forecasts every
// mesh cell (the forecast operation's `every`; a cell without enough data stays empty) and hands
// the map a population source that continues into the forecast hours.
#include <QDockWidget>
#include <QPointer>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/forecast_op.h"
#include "ekm/flow/store_series.h"
#include "render/mesh_population_layer.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace ekm::widgets {

class ChartPanel;

// Mesh population that continues into forecast hours: hours before `origin` come from the
// base source (the store), hours from `origin` on from the forecasts (NaN beyond them).
class ForecastMeshValues : public render::MeshValueSource {
 public:
  ForecastMeshValues(std::shared_ptr<const render::MeshValueSource> base, core::HourKey origin,
                     std::vector<std::vector<double>> byHour, std::size_t cellCount);
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const override;
  core::HourKey origin() const { return m_origin; }
  core::HourKey end() const { return m_origin + static_cast<core::HourKey>(m_byHour.size()); }

 private:
  std::shared_ptr<const render::MeshValueSource> m_base;
  core::HourKey m_origin;
  std::vector<std::shared_ptr<const std::vector<double>>> m_byHour;
  std::size_t m_cellCount;
};

class ForecastDock : public QDockWidget {
  Q_OBJECT

 public:
  enum class RunStatus { Completed, Cancelled, Failed };
  Q_ENUM(RunStatus)

  explicit ForecastDock(QWidget* parent = nullptr);
  ~ForecastDock() override;

  // The open project (nullptr: none); cancels a running forecast. Its mesh codes fill the
  // feature list for cells (segments and stations are listed from the store in the
  // background); its mesh population source is what a forecast map continues. Runs go
  // through its TaskManager (and show in the Tasks dock).
  void setSession(SessionPtr session);
  const SessionPtr& session() const { return m_session; }

  void setFeature(flow::FeatureKind kind, const QString& id);
  void setModel(flow::ForecastModel model);
  void setHorizonDays(int days);
  flow::FeatureKind featureKind() const;
  QString featureId() const;
  flow::ForecastModel model() const;
  int horizonDays() const;

  ChartPanel* chart() const { return m_chart; }
  QTableWidget* metricsTable() const { return m_metrics; }
  bool isRunning() const { return m_task.isRunning(); }
  const std::optional<flow::BacktestResult>& lastBacktest() const { return m_backtest; }
  const std::optional<flow::Forecast>& lastForecast() const { return m_forecast; }

 public slots:
  void run();
  void runMap();
  void cancel();
  // A cell picked on the map (e.g. by a future selection tool).
  void selectCell(const QString& meshCode);

 signals:
  void runFinished(ekm::widgets::ForecastDock::RunStatus status, const QString& message);
  // A population source continuing into the forecast hours [origin, end).
  void forecastMapReady(std::shared_ptr<const ekm::render::MeshValueSource> values, ekm::core::HourKey origin,
                        ekm::core::HourKey end);

 private:
  struct Outcome {
    bool map = false;
    flow::HourlySeries history;
    std::optional<flow::Forecast> forecast;
    std::optional<flow::BacktestResult> backtest;
    std::shared_ptr<const render::MeshValueSource> mapValues;
    core::HourKey origin = 0, end = 0;
    int unforecastable = 0;  // map: cells without enough data (left empty)
  };
  void start(const QString& title, std::function<Outcome(core::Feedback&)> work);
  void completed(quint64 id, Outcome outcome);
  void failed(quint64 id, const TaskError& error);
  void cancelled(quint64 id);
  void fillIds();
  void showResult(const Outcome& outcome);
  void setRunning(bool running);
  flow::ForecastParams params() const;

  SessionPtr m_session;
  std::vector<std::string> m_meshCodes;
  std::vector<std::string> m_segmentIds, m_stationIds;
  TaskHandle m_task;
  TaskHandle m_idsTask;
  std::optional<flow::BacktestResult> m_backtest;
  std::optional<flow::Forecast> m_forecast;

  QComboBox* m_kindBox = nullptr;
  QComboBox* m_idBox = nullptr;
  QComboBox* m_modelBox = nullptr;
  QSpinBox* m_horizon = nullptr;
  QPushButton* m_runButton = nullptr;
  QPushButton* m_mapButton = nullptr;
  QPushButton* m_cancelButton = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  ChartPanel* m_chart = nullptr;
  QTableWidget* m_metrics = nullptr;
};

}  // namespace ekm::widgets
