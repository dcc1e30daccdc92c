#pragma once
// Operation `xcorr`: lagged cross-correlation of one feature's hourly series with another's,
// r(lag) = corr(x(t), y(t + lag)); missing hours are skipped pairwise.
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/flow/link.h"
#include "ekm/flow/series_params.h"
#include "ekm/ops/operation.h"

namespace ekm::flow {

struct XcorrParams {
  FeatureParams feature;  // x
  std::string with;       // y: KIND:ID
  std::int64_t max_lag = 6;
  SeriesWindowParams window;

  template <class V>
  void fields(V& v) {
    feature.fields(v);
    v("with", with, {.help = "the other feature as KIND:ID, e.g. cell:53393547411", .required = true});
    v("max_lag", max_lag, {.help = "lags -max_lag..max_lag hours", .min = 0, .max = 168});
    window.fields(v);
  }
  void validate() const;
  FeatureKind withKind() const;
  std::string withId() const;
};

struct XcorrResult {
  std::string x;     // x's id
  std::string kind;  // x's store table
  std::string y;     // KIND:ID as given
  std::vector<LagCorrelation> lags;
  LagCorrelation best;
};

struct XcorrOp {
  static constexpr const char* name = "xcorr";
  static constexpr const char* summary = "lagged cross-correlation of two features' hourly series";
  static constexpr bool writesProject = false;
  using Params = XcorrParams;
  using Result = XcorrResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::flow
