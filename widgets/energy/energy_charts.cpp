// The Energy dock's charts from the operations' results (energy_charts.h).
#include "energy/energy_charts.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <map>

#include "charts/chart_panel.h"

namespace ekm::widgets {

namespace {

const QColor kPlan(0x1f, 0x77, 0xb4);
const QColor kBaseline(0x7f, 0x7f, 0x7f);
const QColor kActual(0x22, 0x22, 0x22);
const QColor kForecast(0xd6, 0x27, 0x28);
const QColor kDemand(0x11, 0x11, 0x11);

QString carrierText(energy::Carrier c, const QString& cooling, const QString& heating) {
  return c == energy::Carrier::Cooling ? cooling : heating;
}

}  // namespace

QColor EnergyCharts::unitColour(const std::string& unitType, int indexInType) {
  // Sequential shades per type, light to dark, distinguishable side by side in a stack.
  static const QColor chillers[] = {{0x08, 0x51, 0x9c}, {0x31, 0x82, 0xbd}, {0x6b, 0xae, 0xd6},
                                    {0x9e, 0xca, 0xe1}, {0x08, 0x30, 0x6b}};
  static const QColor heatPumps[] = {{0xe6, 0x55, 0x0d}, {0xfd, 0x8d, 0x3c}, {0xfd, 0xae, 0x6b},
                                     {0xa6, 0x36, 0x03}, {0xfd, 0xd0, 0xa2}};
  static const QColor boilers[] = {{0x8c, 0x51, 0x0a}, {0xbf, 0x81, 0x2d}, {0xdf, 0xc2, 0x7d}};
  const auto pick = [indexInType](const auto& palette) {
    const int n = static_cast<int>(std::size(palette));
    return palette[((indexInType % n) + n) % n];
  };
  if (unitType == "heat_pump") return pick(heatPumps);
  if (unitType == "boiler") return pick(boilers);
  return pick(chillers);
}

QColor EnergyCharts::buildingColour(int index) {
  static const QColor palette[] = {{0x1b, 0x9e, 0x77}, {0xd9, 0x5f, 0x02}, {0x75, 0x70, 0xb3},
                                   {0xe7, 0x29, 0x8a}, {0x66, 0xa6, 0x1e}, {0xe6, 0xab, 0x02}};
  const int n = static_cast<int>(std::size(palette));
  return palette[((index % n) + n) % n];
}

void EnergyCharts::showBuildingDemand(ChartPanel& chart, const energy::PlanRunResult& plan, energy::Carrier carrier) {
  chart.clear();
  chart.setTitle(carrierText(carrier, tr("Cooling demand by building"), tr("Heating demand by building")));
  chart.setValueAxisTitle(tr("kWh/h"));
  QStringList names;
  std::vector<std::vector<double>> layers;
  std::vector<QColor> colours;
  for (std::size_t b = 0; b < plan.buildings.size(); ++b) {
    const auto& d = plan.buildings[b];
    names << QString::fromStdString(d.buildingId);
    layers.push_back(carrier == energy::Carrier::Cooling ? d.coolingKwh : d.heatingKwh);
    colours.push_back(buildingColour(static_cast<int>(b)));
  }
  if (layers.empty()) {
    // A plan on a demand file: the plant's total only.
    names << tr("Plant demand");
    layers.push_back(plan.input.demand(carrier));
    colours.push_back(kBaseline);
  }
  chart.addStackedAreas(names, plan.start, layers, colours);
}

void EnergyCharts::showForecast(ChartPanel& chart, const energy::EnergyForecastResult& forecast, const QString& title) {
  chart.clear();
  chart.setTitle(title);
  chart.setValueAxisTitle(tr("kWh/h"));
  const auto& p = forecast.prediction;
  std::vector<const flow::PredictionInterval*> bands;
  for (const auto& pi : p.intervals) bands.push_back(&pi);
  std::sort(bands.begin(), bands.end(), [](auto* a, auto* b) { return a->level > b->level; });
  for (const auto* pi : bands)
    chart.addBand(tr("%1 % interval").arg(std::lround(pi->level * 100)), p.mean.start, pi->low, pi->high,
                  pi->level >= 0.9 ? kForecast.lighter(130) : kForecast);
  chart.addLine(tr("Forecast"), p.mean.start, p.mean.values, kForecast, 2.0);
  if (!forecast.actual.values.empty()) chart.addLine(tr("Actual"), forecast.actual.start, forecast.actual.values, kActual, 1.4);
  chart.setMarker(p.mean.start, tr("Forecast origin"));
}

void EnergyCharts::showDispatch(ChartPanel& chart, const energy::PlanRunResult& plan, energy::Carrier carrier) {
  chart.clear();
  chart.setTitle(carrierText(carrier, tr("Cooling made by unit (plan)"), tr("Heating made by unit (plan)")));
  chart.setValueAxisTitle(tr("kWh/h"));
  const auto& d = plan.solution.dispatch;
  QStringList names;
  std::vector<std::vector<double>> layers;
  std::vector<QColor> colours;
  std::map<std::string, int> perType;
  for (std::size_t u = 0; u < plan.unitIds.size() && u < d.units.size(); ++u) {
    const std::string& type = plan.unitModes[u];
    const int index = perType[type]++;
    std::vector<double> out(static_cast<std::size_t>(plan.hours), 0.0);
    bool any = false;
    for (int t = 0; t < plan.hours; ++t) {
      const auto& h = d.units[u][static_cast<std::size_t>(t)];
      if (h.on && h.mode == carrier) {
        out[static_cast<std::size_t>(t)] = h.outputKw;
        any |= h.outputKw > 0;
      }
    }
    // A unit that never makes this carrier (a chiller on the heating chart) is left out.
    if (!any && (carrier == energy::Carrier::Heating ? type == "chiller" : type == "boiler")) continue;
    names << QString::fromStdString(plan.unitIds[u]);
    layers.push_back(std::move(out));
    colours.push_back(unitColour(type, index));
  }
  const std::size_t storage = std::min(plan.storageIds.size(), d.storage.size());
  for (std::size_t k = 0; k < storage; ++k) {
    if (k < plan.storageCarriers.size() && plan.storageCarriers[k] != carrier) continue;  // a chilled-water tank
    std::vector<double> out;
    bool any = false;
    for (const auto& h : d.storage[k]) {
      out.push_back(h.dischargeKwh);
      any |= h.dischargeKwh > 0;
    }
    if (!any) continue;
    // Japanese names a chilled-water tank's discharge 放冷 and a hot-water tank's 放熱.
    names << (carrier == energy::Carrier::Cooling ? tr("%1 discharge (chilled water)") : tr("%1 discharge (hot water)"))
                 .arg(QString::fromStdString(plan.storageIds[k]));
    layers.push_back(std::move(out));
    colours.push_back(QColor(0x2c, 0xa0, 0x2c));
  }
  chart.addStackedAreas(names, plan.start, layers, colours);
  chart.addLine(tr("Demand"), plan.start, plan.input.demand(carrier), kDemand, 1.6);
}

void EnergyCharts::showStorage(ChartPanel& chart, const energy::PlanRunResult& plan) {
  chart.clear();
  chart.setTitle(tr("Storage level at the end of each hour"));
  chart.setValueAxisTitle(tr("kWh"));
  const auto& d = plan.solution.dispatch;
  for (std::size_t k = 0; k < plan.storageIds.size() && k < d.storage.size(); ++k) {
    std::vector<double> level;
    for (const auto& h : d.storage[k]) level.push_back(h.levelKwh);
    chart.addLine(QString::fromStdString(plan.storageIds[k]), plan.start, level, QColor(0x2c, 0xa0, 0x2c), 2.0);
  }
}

void EnergyCharts::showElectricity(ChartPanel& chart, const energy::PlanRunResult& plan) {
  chart.clear();
  chart.setTitle(tr("Plant electricity"));
  chart.setValueAxisTitle(tr("kWh/h"));
  if (plan.baseline.present)
    chart.addLine(tr("Rule-based baseline"), plan.start, plan.baseline.totals.electricityByHourKwh, kBaseline, 1.6);
  if (plan.plan.present) chart.addLine(tr("Optimised plan"), plan.start, plan.plan.totals.electricityByHourKwh, kPlan, 2.0);
}

void EnergyCharts::showCop(ChartPanel& chart, const energy::PlanRunResult& plan) {
  chart.clear();
  chart.setTitle(tr("Plant COP (heat delivered / energy in)"));
  chart.setValueAxisTitle(tr("COP"));
  if (plan.baseline.present) chart.addLine(tr("Rule-based baseline"), plan.start, plan.baseline.copByHour, kBaseline, 1.6);
  if (plan.plan.present) chart.addLine(tr("Optimised plan"), plan.start, plan.plan.copByHour, kPlan, 2.0);
}

void EnergyCharts::showCumulativeSavings(ChartPanel& chart, const energy::PlanRunResult& plan) {
  chart.clear();
  chart.setTitle(tr("Electricity saved against the baseline, running total"));
  chart.setValueAxisTitle(tr("kWh"));
  if (!plan.plan.present || !plan.baseline.present) return;
  const auto runningTotal = [](const energy::PlanFigures& base, const energy::PlanFigures& better) {
    const auto& a = base.totals.electricityByHourKwh;
    const auto& b = better.totals.electricityByHourKwh;
    std::vector<double> total;
    double sum = 0;
    for (std::size_t t = 0; t < a.size() && t < b.size(); ++t) total.push_back(sum += a[t] - b[t]);
    return total;
  };
  // A plan made on the forecast: what it saves on the metered demand (re-dispatched) beside
  // what it promised on the forecast.
  if (plan.evaluated && plan.redispatched.present && plan.baselineActual.present) {
    chart.addLine(tr("Saved, planned on the forecast"), plan.start, runningTotal(plan.baseline, plan.plan), kBaseline, 1.6);
    chart.addLine(tr("Saved on the metered demand"), plan.start, runningTotal(plan.baselineActual, plan.redispatched), kPlan, 2.0);
    return;
  }
  chart.addLine(tr("Saved"), plan.start, runningTotal(plan.baseline, plan.plan), kPlan, 2.0);
}

}  // namespace ekm::widgets
