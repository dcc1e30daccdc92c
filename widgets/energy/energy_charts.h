#pragma once
// What the Energy dock draws, from the results of the operations energy-plan
// (ekm/energy/plan_op.h) and energy-forecast (ekm/energy/forecast_op.h) as they are: the
// charts only lay out the results' series (sums of a stack, running totals), they never
// re-run a model.
#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <vector>

#include "ekm/energy/forecast_op.h"
#include "ekm/energy/plan_op.h"

namespace ekm::widgets {

class ChartPanel;

class EnergyCharts {
  Q_DECLARE_TR_FUNCTIONS(ekm::widgets::EnergyCharts)

 public:
  // Demand of each building of the plan, stacked (cooling or heating), kWh per hour.
  static void showBuildingDemand(ChartPanel& chart, const energy::PlanRunResult& plan, energy::Carrier carrier);
  // Forecast mean, its interval bands (widest first) and the metered actual.
  static void showForecast(ChartPanel& chart, const energy::EnergyForecastResult& forecast, const QString& title);
  // Heat made by each unit in the carrier's mode (+ storage discharge for its carrier),
  // stacked, with the plant's demand as a line.
  static void showDispatch(ChartPanel& chart, const energy::PlanRunResult& plan, energy::Carrier carrier);
  // Storage level at the end of each hour, per tank (kWh).
  static void showStorage(ChartPanel& chart, const energy::PlanRunResult& plan);
  // Plant electricity per hour: the plan and the rule-based baseline.
  static void showElectricity(ChartPanel& chart, const energy::PlanRunResult& plan);
  // Plant COP per hour: the plan and the baseline.
  static void showCop(ChartPanel& chart, const energy::PlanRunResult& plan);
  // Running total of electricity saved against the baseline (kWh).
  static void showCumulativeSavings(ChartPanel& chart, const energy::PlanRunResult& plan);

  // The colour of the i-th unit (chillers blue, heat pumps orange/red, boilers brown) and of
  // the i-th building.
  static QColor unitColour(const std::string& unitType, int indexInType);
  static QColor buildingColour(int index);
};
}  // namespace ekm::widgets
