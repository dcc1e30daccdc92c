#pragma once
// Period A vs period B for a feature (cell, zone, segment, station): change of the mean
// daily total, Welch's t-test on the complete days' totals, a bootstrap interval of the
// difference, and a significance flag. Periods are local calendar days [from, to] inclusive.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/series.h"

namespace ekm::flow {

struct DayPeriod {
  std::chrono::year_month_day from;  // inclusive
  std::chrono::year_month_day to;    // inclusive
};
// "2025-02-27..2025-03-26"; throws core::Error(Usage) on anything else or from > to.
DayPeriod parseDayPeriod(const std::string& text);

struct CompareOptions {
  double alpha = 0.05;            // significance level
  int bootstrapResamples = 2000;  // 0 = no bootstrap
  double bootstrapLevel = 0.95;
  std::uint64_t seed = 20250327;
};

struct Comparison {
  std::string feature;
  int daysA = 0, daysB = 0;  // complete days used
  int incompleteDaysA = 0, incompleteDaysB = 0;
  double meanA = 0, meanB = 0;       // mean daily totals (NaN without complete days)
  double absChange = 0;              // meanB - meanA
  double relChange = 0;              // absChange / meanA (NaN if meanA == 0)
  double t = 0, df = 0, pValue = 0;  // Welch (NaN when undefined)
  double ciLow = 0, ciHigh = 0;      // bootstrap interval of absChange
  bool significant = false;          // p < alpha and the interval excludes 0 (when computed)
};

Comparison comparePeriods(const std::string& feature, const HourlySeries& series,
                          const LocalCalendar& calendar, const DayPeriod& a, const DayPeriod& b,
                          const CompareOptions& options = {});

// Every feature; progress and cancel through feedback.
std::vector<Comparison> comparePeriods(const std::vector<std::pair<std::string, HourlySeries>>& features,
                                       const LocalCalendar& calendar, const DayPeriod& a, const DayPeriod& b,
                                       const CompareOptions& options, core::Feedback& feedback);

}  // namespace ekm::flow
