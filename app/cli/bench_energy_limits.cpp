#include "bench_energy_limits.h"

#include <cmath>
#include <cstdio>

#include "ekm/energy/forecast_limits.h"

namespace ekm::cli {

void printLimitsTable(const std::vector<LimitsRow>& rows) {
  std::printf(
      "\n# Limits (an ORACLE BOUND, not a forecast): 'oracle CV' is the baseline's held-out\n"
      "# hourly forecast rescaled so that each UTC day's total equals the ACTUAL day's total (days\n"
      "# with a zero or missing forecast total left as they are). It reads the held-out actuals, so\n"
      "# it is no forecast: it shows the error left if every daily-level input (weather, calendar,\n"
      "# occupancy, level) were perfect, i.e. the error of the shape within the day. 'within-day' =\n"
      "# share of the baseline's squared error left after each day's mean error is taken out.\n"
      "# 'week-profile CV' (an ORACLE too): each held-out hour predicted by the mean ACTUAL of its\n"
      "# own week's same local hour on the days of its class (working day or not), fitted in-sample\n"
      "# on the held-out year (~2,500 means of <= 5 values: it fits part of the noise as well). What\n"
      "# it leaves is the day-to-day variation at the same hour within a week, which no forecast\n"
      "# that fixes the shape of a week can remove.\n");
  std::printf("%-8s %-13s %-10s %8s %10s %10s %11s %16s %10s\n", "building", "meter", "held out", "base CV",
              "oracle CV", "oracle G14", "within-day", "week-profile CV", "its G14");
  for (const LimitsRow& r : rows) {
    const energy::DailyOracle o = energy::dailyOracle(r.actual, r.predicted);
    std::vector<double> a, f;
    for (std::size_t i = 0; i < o.forecast.size(); ++i) {
      a.push_back(r.actual.at(o.forecast.start + static_cast<core::HourKey>(i)));
      f.push_back(o.forecast.values[i]);
    }
    // The same hours as the baseline's score (the oracle is missing where the forecast is).
    const energy::G14Metrics g = energy::g14Metrics(a, f, 0);
    const energy::HourlySeries profile = energy::weeklyProfileOracle(r.actual, r.predicted, r.calendar);
    std::vector<double> pa, pf;
    for (std::size_t i = 0; i < profile.size(); ++i) {
      pa.push_back(r.actual.at(profile.start + static_cast<core::HourKey>(i)));
      pf.push_back(profile.values[i]);
    }
    const energy::G14Metrics p = energy::g14Metrics(pa, pf, 0);
    auto verdict = [](const energy::G14Metrics& m) { return m.meetsHourlyAim() ? "aim" : m.passesHourly() ? "pass" : "FAIL"; };
    std::printf("%-8s %-13s %-10s %7.1f%% %9.1f%% %10s %10.0f%% %15.1f%% %10s\n", r.building.c_str(), r.meter.c_str(),
                r.split.c_str(), 100 * r.baseline.cvRmse, 100 * g.cvRmse, verdict(g), 100 * o.withinDayShare,
                100 * p.cvRmse, verdict(p));
  }
}

}  // namespace ekm::cli
