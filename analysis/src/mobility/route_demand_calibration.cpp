// Calibration of the bus constant (route_demand_calibration.h).
#include "ekm/mobility/route_demand_calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ekm/core/calendar.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/mobility/coverage.h"
#include "ekm/mobility/service.h"
#include "ekm/ops/registry.h"
#include "ekm/store/project.h"

namespace ekm::mobility {

namespace {

constexpr double kConstantMin = -120, kConstantMax = 120;  // the parameter's range
constexpr int kMaxIterations = 60;

// One day type: its network on the representative day, its demand and the stops' access.
struct DayModel {
  core::DayType type;
  int days = 0;
  std::string serviceDate;
  DemandContext context;
  TransitNetwork network;
  StopAccess access;
  ChoiceResult evaluate(const ChoiceParams& p) const {
    return evaluateChoice(network, access.zones, context.demand, p);
  }
};

int daysOfType(int fiscalYear, core::DayType type) {
  const auto first = core::daysFromCivil(std::chrono::year{fiscalYear} / 4 / 1);
  const auto end = core::daysFromCivil(std::chrono::year{fiscalYear + 1} / 4 / 1);
  int n = 0;
  for (auto d = first; d < end; ++d)
    if (core::dayType(core::civilFromDays(d)) == type) ++n;
  return n;
}

std::vector<std::pair<std::string, double>> routeRiders(const TransitNetwork& net, const ChoiceResult& r) {
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t i = 0; i < net.routes.size(); ++i) out.emplace_back(net.routes[i].id, r.routes[i].total());
  return out;
}

// The share of the network's scheduled stop calls at stops within reach of a zone.
double stopCallShare(const TransitNetwork& net, const StopAccess& access, double maxMin) {
  double inside = 0, all = 0;
  for (const auto& route : net.routes)
    for (const auto& pat : route.patterns)
      for (int s : pat.stops) {
        const auto& row = access.zones[static_cast<std::size_t>(s)];
        const bool reach = std::any_of(row.begin(), row.end(), [&](double m) { return m <= maxMin; });
        all += pat.tripsPerDay();
        if (reach) inside += pat.tripsPerDay();
      }
  return all > 0 ? inside / all : 0.0;
}

std::string format(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.0f", v);
  return b;
}

}  // namespace

void CalibrateDemandParams::validate() const {
  network.validate();
  for (const auto* d : {&weekday_date, &saturday_date, &sunday_holiday_date})
    if (!d->empty() && !core::parseDate(*d)) demand::throwParam("invalid date", "weekday_date", "YYYY-MM-DD", *d);
  if (fiscal_year != 0 && (fiscal_year < core::kFirstHolidayYear || fiscal_year >= core::kLastHolidayYear))
    demand::throwParam("fiscal year outside the holiday calendar", "fiscal_year", "1980..2098", std::to_string(fiscal_year));
}

CalibrateDemandResult CalibrateDemandOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  core::MultiStepFeedback steps(feedback, 4);
  const auto feed = projectFeed(session);
  const auto calibrated = calibratedBusConstant(session.project());
  ChoiceParams choice = p.choice.params(calibrated);
  CalibrateDemandResult r;
  r.networkTarget = p.target_riders_year;
  r.constantBefore = choice.constantMin;
  r.constantBeforeSource = p.choice.constantSource(calibrated);

  const std::pair<core::DayType, const std::string*> types[] = {{core::DayType::Weekday, &p.weekday_date},
                                                                {core::DayType::Saturday, &p.saturday_date},
                                                                {core::DayType::SundayHoliday, &p.sunday_holiday_date}};
  std::vector<DayModel> models;
  for (std::size_t i = 0; i < 3; ++i) {
    steps.setCurrentStep(static_cast<int>(i));
    DayModel m{types[i].first};
    const auto day = representativeDay(feed, m.type);
    m.serviceDate = day.date;
    m.network = transitNetworkFromFeed(feed, day);
    DemandContextOptions o;
    o.date = populationDateFor(session.project(), m.type, *types[i].second);
    o.network = p.network;
    o.deterrence = p.deterrence;
    m.context = demandContext(session, o, steps);
    m.access = stopAccess(m.context, m.network.stops, choice.maxAccessMin, steps);
    for (const auto& w : m.context.warnings) r.warnings.push_back(std::string(core::dayTypeName(m.type)) + ": " + w);
    models.push_back(std::move(m));
  }
  r.fiscalYear = p.fiscal_year;
  if (r.fiscalYear == 0) {
    const auto d = *core::parseDate(models[0].context.date);
    r.fiscalYear = static_cast<int>(d.year()) - (static_cast<unsigned>(d.month()) < 4 ? 1 : 0);
  }
  for (auto& m : models) m.days = daysOfType(r.fiscalYear, m.type);
  r.share = p.target_share == "none" ? 1.0 : stopCallShare(models[0].network, models[0].access, choice.maxAccessMin);
  r.target = r.networkTarget * r.share;
  if (!(r.target > 0))
    throw core::ValidationError("no stop of the feed is within reach of the project's zones",
                                {session.projectPath(), std::nullopt, std::nullopt, "target_share", "stops in the area", "none"});

  steps.setCurrentStep(3);
  const auto annual = [&](double constant) {
    ChoiceParams c = choice;
    c.constantMin = constant;
    double total = 0;
    for (const auto& m : models) total += m.days * m.evaluate(c).totalTransit();
    return total;
  };
  r.annualBefore = annual(choice.constantMin);
  const double atLow = annual(kConstantMin), atHigh = annual(kConstantMax);
  if (!(atLow >= r.target) || !(atHigh <= r.target))
    throw core::Error(core::ErrorCode::Model, "no bus constant in [-120, 120] min gives the target",
                      {session.projectPath(), std::nullopt, std::nullopt, "target_riders_year",
                       format(atHigh) + " .. " + format(atLow) + " riders a year", format(r.target)});
  double lo = kConstantMin, hi = kConstantMax, value = r.annualBefore;
  double c = 0.5 * (lo + hi);
  for (r.iterations = 1; r.iterations <= kMaxIterations; ++r.iterations) {
    steps.throwIfCancelled();
    c = 0.5 * (lo + hi);
    value = annual(c);
    if (std::abs(value - r.target) <= p.tolerance * r.target) break;
    (value > r.target ? lo : hi) = c;  // more riders than the target: a larger penalty
    steps.setStepProgress(100.0 * r.iterations / kMaxIterations);
  }
  if (std::abs(value - r.target) > p.tolerance * r.target)
    throw core::Error(core::ErrorCode::NotConverged, "the bus constant did not reach the tolerance",
                      {session.projectPath(), std::nullopt, std::nullopt, "tolerance", format(r.target), format(value)});
  r.constantAfter = c;
  r.annualAfter = value;
  ChoiceParams after = choice;
  after.constantMin = c;
  for (const auto& m : models) {
    const auto before = m.evaluate(choice), fitted = m.evaluate(after);
    r.days.push_back({core::dayTypeName(m.type), m.context.date, m.serviceDate, m.days, before.totalTransit(),
                      fitted.totalTransit(), fitted.totalDenied(), routeRiders(m.network, before),
                      routeRiders(m.network, fitted)});
  }
  if (p.store) {
    auto& project = session.projectForWriting();
    char b[64];
    std::snprintf(b, sizeof b, "%.6f", c);
    project.setMeta(kCalibratedConstantKey, b);
    std::snprintf(b, sizeof b, "%.6f", r.share);
    project.setMeta(kCalibratedShareKey, b);  // the KPI projection's area share (route_demand_ops.h)
    project.setMeta(std::string(kCalibratedConstantKey) + ".basis",
                    "target " + format(r.target) + " boardings a year (" + format(r.networkTarget) + " x stop-call share " +
                        std::to_string(r.share) + "), fiscal year " + std::to_string(r.fiscalYear) +
                        ", demand dates " + r.days[0].demandDate + " / " + r.days[1].demandDate + " / " +
                        r.days[2].demandDate + " (mobility-calibrate-demand)");
    r.stored = true;
  }
  return r;
}

ops::OpResult CalibrateDemandOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"network_target_riders_year", r.networkTarget},
                 {"area_share_of_stop_calls", r.share},
                 {"target_riders_year", r.target},
                 {"fiscal_year", r.fiscalYear},
                 {"bus_constant_before", r.constantBefore},
                 {"bus_constant_before_source", r.constantBeforeSource},
                 {"riders_year_before", r.annualBefore},
                 {"bus_constant_min", r.constantAfter},
                 {"riders_year_after", r.annualAfter},
                 {"iterations", r.iterations},
                 {"stored", r.stored}};
  ops::ResultTable days{"day_types",
                        {"day_type", "demand_date", "service_date", "days", "riders_day_before", "riders_day_after",
                         "denied_day_after"}, 1, {}, ""};
  ops::ResultTable routes{"routes", {"day_type", "route_id", "riders_day_before", "riders_day_after"}, 2, {}, ""};
  for (const auto& d : r.days) {
    days.rows.push_back({d.dayType, d.demandDate, d.serviceDate, d.days, d.ridersBefore, d.ridersAfter, d.deniedAfter});
    for (std::size_t i = 0; i < d.routeRidersAfter.size(); ++i)
      routes.rows.push_back({d.dayType, d.routeRidersAfter[i].first, d.routeRidersBefore[i].second,
                             d.routeRidersAfter[i].second});
  }
  out.tables = {std::move(days), std::move(routes)};
  out.warnings = r.warnings;
  return out;
}

}  // namespace ekm::mobility
