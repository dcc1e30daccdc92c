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
//
// Whole-day zero runs (shorter than the 7-day gas rule). In the Cambridge estates archive
// (2016-2019, 7 buildings x gas + electricity) the gas meters have 51 zero runs of 23 h to
// 7 days. Two kinds of evidence tell outages from boilers that are off:
//  - Other meters read zero (or nothing) at the same hours. The site's outages are per
//    commodity: 2018-06-04 01 h, a 23 h zero run in the gas of b19, b22 and b58 at once (b25 gas
//    33 h around it, b40 gas in a gap) while every electricity meter read; December 2017, the
//    24 h runs of b101 and b40 gas from 07 h coincide with the 4-6 week gaps of b19, b22, b25 and
//    b58 gas; 2019-10-04 02 h, 46 h of zeros in four buildings' electricity while their gas read.
//    Electricity of one building never coincided with a whole-day gas run for more than 5 h
//    (b27: its Saturday electricity outages from 01 h touch the end of two gas runs).
//    crossMeterOutagesToMissing: a zero run of at least `minRunHours` becomes missing as a whole
//    when, for at least `minOverlapHours` of it, another meter of the same building is out, or
//    meters of the same kind in at least `minOtherBuildings` other buildings are out ("out": a
//    missing hour, or a zero inside a zero run of at least `minRunHours`). The whole run, not
//    only the corroborated hours: a logger that is down reads zero until it is back, and the
//    readings cannot tell which hours of one run were a genuine zero. The other meters' state
//    is taken before any change, so the result does not depend on the order of the meters.
//    A building-only zero run (boilers off for a night, a weekend, the summer) and a run that
//    only touches another meter's outage stay zeros.
//  - The meter itself never idles. b27 gas reads 3-8 kWh at night and at weekends; in four
//    years it read zero in runs shorter than 23 h for 10 hours in all (0.03 % of its hours) but
//    has 25 runs of 23 h or more (2,063 h; 23 of them shorter than 7 days, 1,230 h: 23, 47, 71,
//    95 h from 07 h UTC until June 2018, 24-96 h from 06 h UTC after it, i.e. whole data days
//    (but for 37 h from 2017-12-30 11 h, within the site's December gas outage),
//    e.g. 2018-02-06 at 0.4 degC while its electricity followed a normal weekday); b40 and b58
//    gas read zero only in runs of 23 h or more (b58: one single zero hour besides). A boiler
//    plant whose gas never stops for a night does not stop for exactly whole days: there the
//    whole-day zeros are missing readings.
//    steadyMeterZeroRunsToMissing: when the meter's zero hours in runs shorter than
//    `minRunHours` are at most `maxIdleShare` of its present hours (default 0.1 %, less than one
//    night a year), its zero runs of at least `minRunHours` become missing. Meters whose boilers
//    do stop (b19 gas: 10 % of its hours are short zero runs; b101 0.9 %; b22 2.4 %) keep them,
//    so a Christmas closure with 22 h of zeros a day, or a weekend off, stays zero.
#include <string>
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

// One meter of a site, for the outage rule across meters.
struct SiteMeter {
  std::string building;  // meters of one building corroborate each other whatever their kind
  MeterKind kind;        // other buildings' meters corroborate only meters of the same kind
  HourlySeries* series;
};

struct OutageRule {
  std::int64_t minRunHours = 23;      // a zero run at least this long is judged
  std::int64_t minOverlapHours = 12;  // corroborated hours needed to make the whole run missing
  int minOtherBuildings = 2;          // other buildings whose meters of the kind are out at once
};

struct OutageHours {
  std::size_t sameBuilding = 0;  // hours made missing in runs corroborated mostly within the building
  std::size_t site = 0;          // ... mostly by other buildings
  std::size_t total() const { return sameBuilding + site; }
};

// Per meter, in the order given: the hours made missing (0 for a meter not changed).
std::vector<OutageHours> crossMeterOutagesToMissing(const std::vector<SiteMeter>& meters, const OutageRule& rule = {});

// Returns the hours made missing (0 when the meter idles more than maxIdleShare).
std::size_t steadyMeterZeroRunsToMissing(HourlySeries& s, std::size_t minRunHours = 23, double maxIdleShare = 0.001);

}  // namespace ekm::energy
