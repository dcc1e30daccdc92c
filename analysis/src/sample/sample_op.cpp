// The sample operation.
#include "ekm/sample/sample_op.h"

#include "ekm/core/time.h"
#include "ekm/ops/params.h"

namespace ekm::sample {
namespace {

std::chrono::year_month_day dateParam(const std::string& value, const char* field) {
  const auto d = core::parseDate(value);
  if (!d)
    throw ops::ParamError("bad date", core::ErrorContext{"", std::nullopt, std::nullopt, field, "YYYY-MM-DD", value});
  return *d;
}

}  // namespace

void SampleParams::validate() const {
  const auto a = dateParam(from, "from");
  const auto b = dateParam(to, "to");
  if (std::chrono::sys_days(b) < std::chrono::sys_days(a))
    throw ops::ParamError("the period ends before it starts",
                          core::ErrorContext{"", std::nullopt, std::nullopt, "to", "a date >= " + from, to});
}

SampleResult SampleOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  SampleSpec spec;
  spec.seed = static_cast<std::uint64_t>(params.seed);
  spec.from = dateParam(params.from, "from");
  spec.to = dateParam(params.to, "to");
  spec.radiusM = params.radius;
  spec.referenceDir = session.resolve(params.reference);
  const std::string out = session.resolve(params.out);
  core::MultiStepFeedback steps(feedback, params.no_project ? 1 : 2);
  SampleResult r;
  r.summary = generateSampleFiles(spec, out, steps);
  if (!params.no_project) {
    steps.setCurrentStep(1);
    r.projectPath = buildSampleProject(
        r.summary.files, out, steps,
        params.gtfs.empty() ? std::optional<std::string>() : std::optional<std::string>(session.resolve(params.gtfs)));
  }
  return r;
}

ops::OpResult SampleOp::record(const Result& r) {
  const auto& s = r.summary;
  ops::OpResult out;
  out.summary = {{"mesh_cells", s.meshCells},           {"hours", s.hours},
                 {"mesh_rows", s.meshRows},             {"suppressed_values", s.suppressedValues},
                 {"road_segments", s.roadSegments},     {"local_streets", s.localStreets},
                 {"counted_segments", s.countedSegments}, {"segment_count_rows", s.segmentCountRows},
                 {"stations", s.stations},              {"ridership_stations", s.ridershipStations},
                 {"ridership_rows", s.ridershipRows},   {"bus_ridership_rows", s.busRidershipRows},
                 {"bus_riders_first_12_months", s.busFirstYearRiders}, {"project", r.projectPath}};
  if (!r.projectPath.empty()) out.outputs.push_back(r.projectPath);
  return out;
}

}  // namespace ekm::sample
