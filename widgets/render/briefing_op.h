#pragma once
// Operation `briefing`: the citizens' briefing pack of a scenario run (briefing_pack.h). In
// the render library (QtGui) like export-map; registered by registerRenderOperations.
#include <string>

#include "ekm/ops/operation.h"
#include "render/briefing_pack.h"

namespace ekm::render {

struct BriefingParams {
  std::string scenario;
  std::string compare;
  std::string out;
  std::string lang = "both";
  std::string paper = "A4";
  double dpi = 150;

  template <class V>
  void fields(V& v) {
    v("scenario", scenario, {.help = "the run (id or scenario name) the pack presents", .required = true});
    v("compare", compare, {.help = "a second run to set beside it (scenario A vs B)"});
    v("out", out, {.help = "output PDF", .required = true, .role = ops::Role::OutputFile});
    v("lang", lang, {.help = "ja, en, or both (Japanese with English alongside)", .choices = {"ja", "en", "both"}});
    v("paper", paper, {.help = "paper size, landscape pages (A4, A3, ...)"});
    v("dpi", dpi, {.help = "resolution of the maps' rasters and the page grid", .min = 36, .max = 600});
  }
};

struct BriefingOp {
  static constexpr const char* name = "briefing";
  static constexpr const char* summary = "the citizens' briefing pack of a run: a bilingual multi-page PDF, counts under 10 suppressed";
  static constexpr bool writesProject = false;
  using Params = BriefingParams;
  using Result = BriefingPackResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::render
