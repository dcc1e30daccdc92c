// ekimachi-cli sample: generate the sample district (raw files + sample.gpkg).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/sample/reference_data.h"
#include "ekm/sample/sample_generator.h"
#include "ekm/sample/sample_op.h"
#include "op_args.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

const char* kUsage =
    "usage: ekimachi-cli sample --out DIR [--seed N] [--from DATE --to DATE] [--radius M]\n"
    "                           [--reference DIR] [--gtfs FEED.zip] [--no-project] [--quiet]\n\n"
    "Generates the Takanawa Gateway sample district: honest synthetic time series on real\n"
    "geography (see data/samples/README.md). Writes into DIR the raw files mesh_population.csv.gz,\n"
    "road_segments.geojson, segment_counts.csv.gz, stations.csv, station_ridership.csv.gz,\n"
    "weather.csv, the energy files (energy_*.geojson/csv, and plant.json: the DHC plant for\n"
    "`energy plan --plant DIR/plant.json`) and README.md, then builds DIR/sample.gpkg from them\n"
    "with the importers\n"
    "(an existing DIR/sample.gpkg is replaced; --no-project skips this step).\n"
    "  --seed N         random seed (default 1); the same seed gives byte-identical files\n"
    "  --from, --to     period, YYYY-MM-DD inclusive (default 2025-02-01 .. 2025-05-31)\n"
    "  --radius M       half-width in metres of the square around the station (default 1500,\n"
    "                   100..2000); whole 500 m census cells intersecting it are covered\n"
    "  --reference DIR  the reference subset (default: /usr/share/ekimachi/reference when installed,\n"
    "                   the source tree's data/samples/reference when run from a build)\n"
    "  --gtfs FEED.zip  a GTFS(-JP) feed for the sample's bus routes (default: the source tree's\n"
    "                   Chii-bus feed when run from a build; the packages do not ship it, so an\n"
    "                   installed sample has no transit unless a feed is given)\n"
    "Ctrl-C cancels (exit 130). Exit codes: 0 ok, 2 usage, 3 I/O, 4 parse, 6 store.";

int runSample(const std::vector<std::string>& argv) {
  auto a = parseOpArgs<sample::SampleOp>(argv);
  sample::SampleResult r;
  {
    TerminalFeedback fb("generating sample", a.quiet);
    r = ops::run<sample::SampleOp>(a.session, a.params, fb);
    fb.finish();
  }
  const auto& summary = r.summary;
  std::cout << "sample written to " << a.params.out << ": " << summary.meshCells << " mesh cells x " << summary.hours
            << " hours (" << summary.meshRows << " rows, " << summary.suppressedValues << " suppressed), "
            << summary.roadSegments << " road segments (" << summary.localStreets << " generated), "
            << summary.countedSegments << " counted segments (" << summary.segmentCountRows << " rows), "
            << summary.stations << " stations, ridership for " << summary.ridershipStations << " ("
            << summary.ridershipRows << " rows)\n";
  if (!r.projectPath.empty()) std::cout << "project: " << r.projectPath << "\n";
  return 0;
}

const CommandRegistrar kRegistrar{Command{"sample", "generate the Takanawa Gateway sample district (raw files + project)",
                                          kUsage, runSample}};

}  // namespace
}  // namespace ekm::cli
