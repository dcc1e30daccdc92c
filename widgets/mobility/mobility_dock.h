#pragma once
// The Mobility dock (View > Panels > Mobility): the project's GTFS feed (Chii-bus in the
// sample) as the operations mobility-service and mobility-coverage see it, run through the
// session's TaskManager with the same Params as `ekimachi-cli mobility service|coverage`.
//  - Day: the map's date (default; follows the time bar, and the hour with it) or a day type
//    (weekday / Saturday / Sunday-holiday: the feed's representative day), and the hour. A map
//    date the feed does not cover takes the representative day of its day type (said so), and
//    the coverage uses that date's stay population, so service and population are of one day.
//  - Service tab: departures and mean headway per stop in the hour, routes with trips per day.
//  - Coverage tab: the options (coverage_options.h: measure and reach, rail barrier,
//    slope-aware walking) into mobility-coverage's Params; population covered by bus per hour
//    and the gaps of the hour (cells with high stay population and no bus in that hour); after
//    a run its layers on the map (render/coverage_layers.h): the stops' catchments (walk to
//    the nearest stop), the gap cells by reason, and the gaps' people (hidden at first). The
//    catchments cover every cell, so the population layers under them (mesh population,
//    population heatmap) are hidden while the coverage layers are on the map, and shown again
//    when those go (Remove from Map, or any other way). The hourly table follows the hour (the
//    time bar's): its row selected and scrolled to. The run's notes come from the analysis
//    library in English and are shown in the UI's language (its text catalogue).
//  - Ridership tab: the ridership KPIs with charts (ridership_panel.h).
//  - Candidate tab: a candidate route drawn on the map, estimated with mobility-route-demand
//    for the chosen day (candidate_panel.h).
//  - Show on Map: route lines coloured by route and stops sized by departures in the map's
//    hour (render/transit_layers.h), placed in the Layers dock's panel.
//  - The feed's attribution is always shown.
#include <QDockWidget>
#include <QPointer>
#include <QStringList>
#include <memory>
#include <optional>

#include "ekm/mobility/mobility_ops.h"
#include "render/coverage_layers.h"
#include "render/transit_layers.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace ekm::widgets {

class CandidatePanel;
class CoverageOptions;
class LayersPanel;
class MapCanvas;
class RidershipPanel;

class MobilityDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit MobilityDock(QWidget* parent = nullptr);
  ~MobilityDock() override;

  void setSession(SessionPtr session);
  void setLayersPanel(LayersPanel* panel);
  // The canvas the Candidate tab draws on.
  void setMapCanvas(MapCanvas* canvas);

  QComboBox* dayTypeBox() const { return m_dayType; }
  QSpinBox* hourBox() const { return m_hour; }
  QTableWidget* stopsTable() const { return m_stops; }
  QTableWidget* routesTable() const { return m_routes; }
  QTableWidget* coverageTable() const { return m_coverage; }
  QTableWidget* gapsTable() const { return m_gaps; }
  QPushButton* removeCoverageButton() const { return m_removeCoverageButton; }
  QTabWidget* tabs() const { return m_tabs; }
  RidershipPanel* ridershipPanel() const { return m_ridership; }
  CandidatePanel* candidatePanel() const { return m_candidate; }
  CoverageOptions* coverageOptions() const { return m_coverageOptions; }
  // The Params of the last coverage submitted (nullopt before the first).
  const std::optional<mobility::CoverageParams>& submittedCoverage() const { return m_submittedCoverage; }
  // The last coverage run's values on the mesh, as its map layers draw them (nullptr before a
  // run, or without the project's mesh).
  const std::shared_ptr<const render::CoverageMap>& coverageMap() const { return m_coverageMap; }
  QString statusText() const;
  QString attributionText() const;
  const std::optional<mobility::ServiceResult>& service() const { return m_service; }
  const std::optional<mobility::CoverageOpResult>& coverageResult() const { return m_coverageResult; }

 public slots:
  // mobility-service for the chosen day type; serviceReady or failed follows.
  void refreshService();
  // mobility-coverage for the chosen day and the Coverage tab's options; coverageReady (after
  // its layers are in the Layers panel, when there is one) or failed follows.
  void runCoverage();
  // Routes and stops layers into the Layers panel; layersShown follows.
  void showOnMap();
  // The last coverage run's layers into the Layers panel (again), named in the UI language.
  void showCoverageLayers();
  // The map's hour (the time bar): sets the hour, and the day when following the map's date.
  void setMapHour(core::HourKey hour);
  // The coverage layers off the Layers panel (the population layers they hid shown again).
  void removeCoverageLayers();

 signals:
  void serviceReady();
  void coverageReady();
  void layersShown();
  void failed(const QString& message);

 private:
  void buildUi();
  void fillStops();
  void fillGaps();
  void selectCoverageHour();
  void coverageLayersChanged();
  void setStatus(const QString& text, bool error = false);
  mobility::ServiceDayParams dayParams() const;
  bool followsMapDate() const;
  void dayChanged();

  SessionPtr m_session;
  QPointer<LayersPanel> m_layersPanel;
  TaskHandle m_serviceTask, m_coverageTask, m_layersTask;
  std::optional<mobility::ServiceResult> m_service;
  std::optional<mobility::CoverageOpResult> m_coverageResult;
  std::optional<mobility::CoverageParams> m_submittedCoverage;
  std::shared_ptr<const render::CoverageMap> m_coverageMap;
  std::string m_mapDate;  // ISO date of the map's hour, empty before the first
  QStringList m_hiddenForCoverage;  // layer ids the coverage layers hid, to show again when they go

  QComboBox* m_dayType = nullptr;
  QSpinBox* m_hour = nullptr;
  CoverageOptions* m_coverageOptions = nullptr;
  QTabWidget* m_tabs = nullptr;
  QTableWidget* m_stops = nullptr;
  QTableWidget* m_routes = nullptr;
  QTableWidget* m_coverage = nullptr;
  QTableWidget* m_gaps = nullptr;
  RidershipPanel* m_ridership = nullptr;
  CandidatePanel* m_candidate = nullptr;
  QPushButton* m_coverageButton = nullptr;
  QPushButton* m_removeCoverageButton = nullptr;
  QPushButton* m_mapButton = nullptr;
  QLabel* m_summary = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_attribution = nullptr;
};

}  // namespace ekm::widgets
