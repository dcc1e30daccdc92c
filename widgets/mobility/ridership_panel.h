#pragma once
// The Ridership tab of the Mobility dock: the ridership KPIs of the project (operation
// mobility-kpi, run through the session's TaskManager with the same Params as `ekimachi-cli
// mobility kpi`) for a chosen month — a KPI table (riders in the month, per day, change on a
// year, riders per vehicle-hour, last 12 months against the target, gap, projection at the
// trend) and three charts drawn by the report's painter (render/kpi_charts.h): monthly riders
// against the target's pace, riders per route in the month, boardings per day by hour.
#include <QPointer>
#include <QWidget>
#include <optional>

#include "ekm/mobility/ridership_ops.h"
#include "mobility/category_chart_view.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace ekm::widgets {

class RidershipPanel : public QWidget {
  Q_OBJECT

 public:
  explicit RidershipPanel(QWidget* parent = nullptr);
  ~RidershipPanel() override;

  void setSession(SessionPtr session);

  QComboBox* monthBox() const { return m_month; }
  QDoubleSpinBox* targetBox() const { return m_target; }
  QTableWidget* kpiTable() const { return m_table; }
  CategoryChartView* monthlyChart() const { return m_monthly; }
  CategoryChartView* routeChart() const { return m_routes; }
  CategoryChartView* hourlyChart() const { return m_hourly; }
  QString statusText() const;
  const std::optional<mobility::KpiResult>& kpis() const { return m_kpis; }
  // The Params the panel submits (month "" = the latest month with records).
  mobility::KpiParams params() const;

 public slots:
  // mobility-kpi for the chosen month and target; kpisReady or failed follows.
  void refresh();

 signals:
  void kpisReady();
  void failed(const QString& message);

 private:
  void fill();
  void setStatus(const QString& text, bool error = false);

  SessionPtr m_session;
  TaskHandle m_task;
  std::optional<mobility::KpiResult> m_kpis;
  QComboBox* m_month = nullptr;
  QDoubleSpinBox* m_target = nullptr;
  QTableWidget* m_table = nullptr;
  CategoryChartView* m_monthly = nullptr;
  CategoryChartView* m_routes = nullptr;
  CategoryChartView* m_hourly = nullptr;
  QLabel* m_status = nullptr;
  bool m_filling = false;
};

}  // namespace ekm::widgets
