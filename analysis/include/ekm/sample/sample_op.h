#pragma once
// Operation `sample`: generate the sample district's raw files and its project.
#include <cstdint>
#include <string>

#include "ekm/ops/operation.h"
#include "ekm/sample/sample_generator.h"

namespace ekm::sample {

struct SampleParams {
  std::string out;
  std::int64_t seed = 1;
  std::string from = "2025-02-01";
  std::string to = "2025-05-31";
  double radius = 1500;  // metres
  std::string reference;
  std::string gtfs;
  bool no_project = false;

  template <class V>
  void fields(V& v) {
    v("out", out, {.help = "output folder", .required = true, .role = ops::Role::OutputDir});
    v("seed", seed, {.help = "random seed; the same seed gives byte-identical files", .min = 0});
    v("from", from, {.help = "first day, YYYY-MM-DD", .format = "date"});
    v("to", to, {.help = "last day (inclusive), YYYY-MM-DD", .format = "date"});
    v("radius", radius, {.help = "half-width in metres of the square around the station", .min = 100, .max = 2000});
    v("reference", reference, {.help = "the reference subset (default: data/samples/reference)"});
    v("gtfs", gtfs, {.help = "a GTFS(-JP) feed .zip for the sample's transit (default: the source tree's Chii-bus "
                             "feed when run from a build; none when installed)", .role = ops::Role::InputFile});
    v("no_project", no_project, {.help = "write the raw files only, no sample.gpkg"});
  }
  void validate() const;
};

struct SampleResult {
  SampleSummary summary;
  std::string projectPath;  // empty with no_project
};

struct SampleOp {
  static constexpr const char* name = "sample";
  static constexpr const char* summary = "generate the Takanawa Gateway sample district (raw files + project)";
  static constexpr bool writesProject = true;
  using Params = SampleParams;
  using Result = SampleResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::sample
