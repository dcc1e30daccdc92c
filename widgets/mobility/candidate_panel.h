#pragma once
// The Mobility dock's Candidate tab: a candidate bus route drawn on the map and estimated
// with the route-demand operation (issue 12 §3, "a candidate drawn on the map").
//  - Draw on Map sets the map tool (map/draw_route_tool.h) on the canvas: clicks add stops
//    (snapped to the feed's stops within a few pixels), Backspace removes the last, Esc
//    cancels, a double click or Enter finishes; the finished candidate stays on the map as a
//    layer of the Layers panel.
//  - The form gives what a candidate route file needs (docs/route_demand.md): id, name,
//    headway, service span, speed, both directions. candidate() is that file's GeoJSON
//    (mobility/drawn_candidate.h); Save as GeoJSON writes it for the CLI and scenario files.
//  - Estimate Riders writes the candidate to a file and submits mobility-route-demand with it
//    as `candidate` (the dock's day; walking network, 500 m zones and, where the project has
//    them beside it, the sample's rail barriers: mobility_defaults.h) through the session's
//    TaskManager; the route's riders, gain, peak, coverage and vehicle-hours are listed.
#include <QPointer>
#include <QTemporaryDir>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

#include "ekm/mobility/route_demand_ops.h"
#include "map/draw_route_tool.h"
#include "mobility/drawn_candidate.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimeEdit;

namespace ekm::widgets {

class LayersPanel;
class MapCanvas;

class CandidatePanel : public QWidget {
  Q_OBJECT

 public:
  explicit CandidatePanel(QWidget* parent = nullptr);
  ~CandidatePanel() override;

  void setSession(SessionPtr session);
  void setMapCanvas(MapCanvas* canvas);
  void setLayersPanel(LayersPanel* panel);
  // The feed's stops a click snaps to (lon/lat; location_type 0).
  void setFeedStops(const std::vector<store::GtfsStop>& stops);
  // The service day of the runs (the dock's day choice).
  void setDayProvider(std::function<mobility::ServiceDayParams()> provider) { m_day = std::move(provider); }

  DrawRouteTool* drawTool() const { return m_tool; }
  QLineEdit* routeIdEdit() const { return m_routeId; }
  QLineEdit* nameEdit() const { return m_name; }
  QDoubleSpinBox* headwayBox() const { return m_headway; }
  QTimeEdit* startEdit() const { return m_start; }
  QTimeEdit* endEdit() const { return m_end; }
  QDoubleSpinBox* speedBox() const { return m_speed; }
  QCheckBox* twoWayBox() const { return m_twoWay; }
  QTableWidget* stopsTable() const { return m_stopsTable; }
  QTableWidget* resultTable() const { return m_result; }
  QPushButton* runButton() const { return m_runButton; }
  QString statusText() const;

  CandidateService service() const;
  // The candidate route file of the drawn stops and the form (docs/route_demand.md).
  ops::Json candidate() const;
  // The Params submitted by runDemand() (candidate = the file written for it).
  const std::optional<mobility::RouteDemandParams>& submittedParams() const { return m_submitted; }
  const std::optional<mobility::RouteDemandResult>& demandResult() const { return m_demand; }

 public slots:
  // Sets the drawing tool on the map canvas (a new candidate).
  void startDrawing();
  // mobility-route-demand for the drawn candidate; demandReady or failed follows.
  void runDemand();
  // Writes the candidate's GeoJSON to `path` (asks for one when empty); false on failure.
  bool saveAs(QString path = {});

 signals:
  void drawingFinished();
  void demandReady();
  void failed(const QString& message);

 private:
  void buildUi();
  void fillStops();
  void showCandidateLayer();
  void setStatus(const QString& text, bool error = false);
  void updateButtons();

  SessionPtr m_session;
  QPointer<MapCanvas> m_canvas;
  QPointer<LayersPanel> m_layersPanel;
  QPointer<DrawRouteTool> m_tool;
  std::vector<RouteStop> m_feedStops;  // mapPoint unset until a canvas gives the CRS
  std::function<mobility::ServiceDayParams()> m_day;
  TaskHandle m_task;
  std::optional<mobility::RouteDemandParams> m_submitted;
  std::optional<mobility::RouteDemandResult> m_demand;
  QTemporaryDir m_scratch;

  QPushButton* m_drawButton = nullptr;
  QPushButton* m_runButton = nullptr;
  QPushButton* m_saveButton = nullptr;
  QLineEdit* m_routeId = nullptr;
  QLineEdit* m_name = nullptr;
  QDoubleSpinBox* m_headway = nullptr;
  QTimeEdit* m_start = nullptr;
  QTimeEdit* m_end = nullptr;
  QDoubleSpinBox* m_speed = nullptr;
  QCheckBox* m_twoWay = nullptr;
  QTableWidget* m_stopsTable = nullptr;
  QTableWidget* m_result = nullptr;
  QLabel* m_help = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace ekm::widgets
