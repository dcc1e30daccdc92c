#pragma once
// Operation energy-verify: IPMVP Option C savings of a building meter after a change date
// (ekm/energy/verify.h): monthly and cumulative avoided energy with the G14 uncertainty band.
#include "ekm/energy/fit_op.h"
#include "ekm/energy/verify.h"

namespace ekm::energy {

struct EnergyVerifyParams {
  DemandModelParams model;  // from = baseline start; to = reporting end (default: the data's end)
  std::string change;       // first local day after the change
  double confidence = 0.90;

  template <class V>
  void fields(V& v) {
    model.fields(v);
    v("change", change, {.help = "first day after the change (baseline before, reporting from it), YYYY-MM-DD",
                         .required = true, .format = "date"});
    v("confidence", confidence, {.help = "confidence level of the uncertainty band", .min = 0.5, .max = 0.999});
  }
  void validate() const;
};

struct EnergyVerifyResult {
  std::string building, meter;
  SavingsResult savings;
  std::vector<std::string> warnings;
};

struct EnergyVerifyOp {
  static constexpr const char* name = "energy-verify";
  static constexpr const char* summary =
      "savings after a change (IPMVP Option C): adjusted baseline, avoided energy by month with the G14 band";
  static constexpr bool writesProject = false;
  using Params = EnergyVerifyParams;
  using Result = EnergyVerifyResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::energy
