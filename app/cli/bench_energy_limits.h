#pragma once
// The "limits" table of ekimachi-cli bench energy-models: per meter, the baseline's held-out
// CV(RMSE) next to the CV(RMSE) of the daily oracle (ekm/energy/forecast_limits.h: the same
// forecast rescaled to each actual day's total — an oracle bound, not a forecast) and the share
// of the squared error that lies within the day; and the CV(RMSE) of the weekly-profile oracle
// (the held-out week's own mean profile by hour and day class).
#include <string>
#include <vector>

#include "ekm/energy/g14_metrics.h"
#include "ekm/energy/hourly_series.h"
#include "ekm/flow/series.h"

namespace ekm::cli {

struct LimitsRow {
  std::string building, meter, split;
  energy::HourlySeries actual;     // the meter (after the quality rules)
  energy::HourlySeries predicted;  // the baseline's held-out forecast (NaN on hours not held out)
  energy::G14Metrics baseline;     // its held-out G14 as the main table printed it
  flow::LocalCalendar calendar;    // the meter's (local hours, working days)
};

void printLimitsTable(const std::vector<LimitsRow>& rows);

}  // namespace ekm::cli
