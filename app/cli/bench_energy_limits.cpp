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
      "# share of the baseline's squared error left after each day's mean error is taken out.\n");
  std::printf("%-8s %-13s %-10s %8s %10s %10s %11s\n", "building", "meter", "held out", "base CV",
              "oracle CV", "oracle G14", "within-day");
  for (const LimitsRow& r : rows) {
    const energy::DailyOracle o = energy::dailyOracle(r.actual, r.predicted);
    std::vector<double> a, f;
    for (std::size_t i = 0; i < o.forecast.size(); ++i) {
      a.push_back(r.actual.at(o.forecast.start + static_cast<core::HourKey>(i)));
      f.push_back(o.forecast.values[i]);
    }
    // The same hours as the baseline's score (the oracle is missing where the forecast is).
    const energy::G14Metrics g = energy::g14Metrics(a, f, 0);
    const char* g14 = g.meetsHourlyAim() ? "aim" : g.passesHourly() ? "pass" : "FAIL";
    std::printf("%-8s %-13s %-10s %7.1f%% %9.1f%% %10s %10.0f%%\n", r.building.c_str(), r.meter.c_str(),
                r.split.c_str(), 100 * r.baseline.cvRmse, 100 * g.cvRmse, g14, 100 * o.withinDayShare);
  }
}

}  // namespace ekm::cli
