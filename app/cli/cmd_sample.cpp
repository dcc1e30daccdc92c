// ekimachi-cli sample: generate the sample district (raw files + sample.gpkg).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/sample/reference_data.h"
#include "ekm/sample/sample_generator.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const char* kUsage =
    "usage: ekimachi-cli sample --out DIR [--seed N] [--from DATE --to DATE] [--radius M]\n"
    "                           [--reference DIR] [--no-project] [--quiet]\n\n"
    "Generates the Takanawa Gateway sample district: honest synthetic time series on real\n"
    "geography (see data/samples/README.md). Writes into DIR the raw files mesh_population.csv.gz,\n"
    "road_segments.geojson, segment_counts.csv.gz, stations.csv, station_ridership.csv.gz,\n"
    "weather.csv and README.md, then builds DIR/sample.gpkg from them with the importers\n"
    "(an existing DIR/sample.gpkg is replaced; --no-project skips this step).\n"
    "  --seed N         random seed (default 1); the same seed gives byte-identical files\n"
    "  --from, --to     period, YYYY-MM-DD inclusive (default 2025-02-01 .. 2025-05-31)\n"
    "  --radius M       half-width in metres of the square around the station (default 1500,\n"
    "                   100..2000); whole 500 m census cells intersecting it are covered\n"
    "  --reference DIR  the reference subset (default: the source tree's data/samples/reference)\n"
    "Ctrl-C cancels (exit 130). Exit codes: 0 ok, 2 usage, 3 I/O, 4 parse, 6 store.";

std::chrono::year_month_day dateOption(const Args& args, const std::string& name, std::chrono::year_month_day fallback) {
  const auto v = args.value(name);
  if (!v) return fallback;
  const auto d = core::parseDate(*v);
  if (!d) throw Error(ErrorCode::Usage, "bad --" + name, core::ErrorContext{"", std::nullopt, std::nullopt, name, "YYYY-MM-DD", *v});
  return *d;
}

int runSample(const std::vector<std::string>& argv) {
  const Args args(argv, {"no-project", "quiet"});
  args.checkKnown({"out", "seed", "from", "to", "radius", "reference", "no-project", "quiet"});
  if (!args.positionals().empty()) throw Error(ErrorCode::Usage, "unexpected argument '" + args.positionals()[0] + "'");
  sample::SampleSpec spec;
  const std::string out = args.required("out");
  if (const auto s = args.value("seed")) {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(s->c_str(), &end, 10);
    if (s->empty() || *end != '\0' || (*s)[0] == '-')
      throw Error(ErrorCode::Usage, "bad --seed", core::ErrorContext{"", std::nullopt, std::nullopt, "seed", "a non-negative integer", *s});
    spec.seed = v;
  }
  spec.from = dateOption(args, "from", spec.from);
  spec.to = dateOption(args, "to", spec.to);
  if (const auto r = args.value("radius")) {
    char* end = nullptr;
    spec.radiusM = std::strtod(r->c_str(), &end);
    if (r->empty() || *end != '\0')
      throw Error(ErrorCode::Usage, "bad --radius", core::ErrorContext{"", std::nullopt, std::nullopt, "radius", "metres", *r});
  }
  if (const auto ref = args.value("reference")) spec.referenceDir = *ref;
  const bool quiet = args.flag("quiet");

  sample::SampleSummary summary;
  {
    TerminalFeedback fb("generating sample", quiet);
    summary = sample::generateSampleFiles(spec, out, fb);
    fb.finish();
  }
  std::cout << "sample written to " << out << ": " << summary.meshCells << " mesh cells x " << summary.hours
            << " hours (" << summary.meshRows << " rows, " << summary.suppressedValues << " suppressed), "
            << summary.roadSegments << " road segments (" << summary.localStreets << " generated), "
            << summary.countedSegments << " counted segments (" << summary.segmentCountRows << " rows), "
            << summary.stations << " stations, ridership for " << summary.ridershipStations << " ("
            << summary.ridershipRows << " rows)\n";
  if (!args.flag("no-project")) {
    TerminalFeedback fb("building sample.gpkg", quiet);
    const std::string path = sample::buildSampleProject(summary.files, out, fb);
    fb.finish();
    std::cout << "project: " << path << "\n";
  }
  return 0;
}

const CommandRegistrar kRegistrar{Command{"sample", "generate the Takanawa Gateway sample district (raw files + project)",
                                          kUsage, runSample}};

}  // namespace
}  // namespace ekm::cli
