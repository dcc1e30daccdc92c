#pragma once
// Operation `agreement`: every feature's normalised daily pattern (complete days) against the
// element-wise median pattern of the other features of its kind; outliers are flagged.
#include <string>
#include <vector>

#include "ekm/flow/link.h"
#include "ekm/flow/series_params.h"
#include "ekm/ops/operation.h"

namespace ekm::flow {

struct AgreementParams {
  std::string kind;
  double min_r = 0.8;
  double max_distance = 0.25;
  SeriesWindowParams window;

  template <class V>
  void fields(V& v) {
    v("kind", kind, {.help = "the features compared: all of this kind", .required = true,
                     .choices = kFeatureKindNames});
    v("min_r", min_r, {.help = "flag a feature whose Pearson r with the others' median is below", .min = -1, .max = 1});
    v("max_distance", max_distance, {.help = "flag a feature whose distance (half L1) is above", .min = 0, .max = 1});
    window.fields(v);
  }
  void validate() const { window.validate(); }
};

struct AgreementOpResult {
  std::string kind;  // the store table
  std::vector<AgreementResult> features;
};

struct AgreementOp {
  static constexpr const char* name = "agreement";
  static constexpr const char* summary =
      "each feature's daily pattern against the median of the others of its kind; outliers flagged";
  static constexpr bool writesProject = false;
  using Params = AgreementParams;
  using Result = AgreementOpResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::flow
