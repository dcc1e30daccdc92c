#pragma once
// Quality checks of a metered hourly series before it is fitted or scored.
//
// Zero runs. Some publishers write a missing reading as 0 (the Cambridge estates archive:
// "missing or invalid readings replaced with 0 readings"), so a long run of exact zeros is a
// gap, not a building using nothing. zeroRunsToMissing turns runs of at least `minHours`
// zeros into missing hours (shorter runs stay zeros: a boiler off for a night or a weekend).
//
// Meter changes. Around a long gap (a meter outage) the meter may be replaced or its unit or
// multiplier changed; the readings then continue at a different scale (a drop by a factor of
// 20-40 with the same seasonal shape is what a gas meter read in hundreds of cubic feet
// instead of kWh looks like: 100 ft3 = 31.6 kWh). A model fitted on one side of such a change
// and scored on the other measures the change, not the model. findMeterChanges compares the
// mean of the `windowDays` after each interior gap of at least `minGapHours` with the mean of
// the same weeks 52 weeks earlier (or, when the series does not reach back, the weeks before
// the gap with the same weeks 52 weeks later) — one side of the gap against the other in the
// same season, so a heating load's winter/summer swing is not taken for a change — and
// reports the gaps where the ratio is beyond `factor` either way. Both windows need half of
// their hours present and must lie on either side of the gap (else the gap is not judged).
// A change without a gap is not looked for.
#include <vector>

#include "ekm/energy/hourly_series.h"

namespace ekm::energy {

// Returns the hours made missing.
std::size_t zeroRunsToMissing(HourlySeries& s, std::size_t minHours);

struct MeterChange {
  core::HourKey gapFrom = 0, gapTo = 0;  // the missing run [gapFrom, gapTo) before the change
  double ratio = 0;                      // mean after the gap / mean of the same hours a year away
};

std::vector<MeterChange> findMeterChanges(const HourlySeries& s, std::int64_t minGapHours = 168,
                                          int windowDays = 56, double factor = 3.0);

}  // namespace ekm::energy
