#pragma once
// Operation `compare-periods`: period A vs period B for every cell, segment or station —
// mean daily totals, change, Welch's t-test and a bootstrap interval.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/flow/compare.h"
#include "ekm/ops/operation.h"

namespace ekm::flow {

struct ComparePeriodsParams {
  std::string kind;
  std::string a;
  std::string b;
  double alpha = 0.05;
  std::int64_t bootstrap = 2000;
  std::int64_t seed = 1;
  std::string sort = "feature";
  std::string calendar = "japan";
  std::optional<std::string> mode;

  template <class V>
  void fields(V& v) {
    v("kind", kind, {.help = "what to compare", .required = true,
                     .choices = {"mesh-population", "segment-counts", "station-ridership"}});
    v("a", a, {.help = "period A, local dates FROM..TO inclusive", .required = true, .format = "date-range"});
    v("b", b, {.help = "period B, local dates FROM..TO inclusive", .required = true, .format = "date-range"});
    v("alpha", alpha, {.help = "significance level", .min = 1e-9, .max = 0.5});
    v("bootstrap", bootstrap, {.help = "bootstrap resamples (0 = none)", .min = 0, .max = 1e6});
    v("seed", seed, {.help = "bootstrap random seed", .min = 0, .max = 9e15});
    v("sort", sort, {.help = "row order", .choices = {"feature", "p", "rel", "abs"}});
    v("calendar", calendar, {.help = "day types: japan (Japanese holidays) or none+H (UTC offset H)"});
    v("mode", mode, {.help = "segment counts: travel mode", .choices = {"pedestrian", "bicycle", "vehicle"}});
  }
  void validate() const;
};

struct ComparePeriodsResult {
  std::string kind;  // the store table
  std::vector<Comparison> rows;
};

struct ComparePeriodsOp {
  static constexpr const char* name = "compare-periods";
  static constexpr const char* summary = "period A vs B per feature: change, Welch's t-test, bootstrap interval";
  static constexpr bool writesProject = false;
  using Params = ComparePeriodsParams;
  using Result = ComparePeriodsResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::flow
