// ekimachi-cli bench gtfs [--feed FEED] [--runs N]: imports a feed into a new temporary
// project N times (each a full read, validation and one-transaction write) and prints the
// times. Default feed: the sample's Chii-bus feed (data/samples/gtfs_chiibus/chiibus_gtfs.zip).
#include "bench_gtfs.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <vector>

#include "ekm/core/data_dir.h"
#include "ekm/io/gtfs_import.h"
#include "ekm/store/project.h"
#include "op_args.h"

namespace ekm::cli {

const char* const kBenchGtfsUsage =
    "bench gtfs [--feed FEED.zip|DIR] [--runs N]\n"
    "  GTFS import: read, validate and store a feed (default: the sample's Chii-bus feed) N times (3)\n"
    "  into new projects; prints each run and the best time (target for Chii-bus: < 1 s).";

namespace {

// The bench's flags, read by the CLI's one typed flag layer (op_args.h).
struct BenchGtfsArgs {
  std::string feed;
  std::int64_t runs = 3;

  template <class V>
  void fields(V& v) {
    v("feed", feed, {.help = "GTFS feed (zip or folder); default: the sample's Chii-bus feed", .role = ops::Role::InputFile});
    v("runs", runs, {.help = "imports to time", .min = 1, .max = 1000});
  }
};

}  // namespace

int runBenchGtfs(const std::vector<std::string>& argv) {
  namespace fs = std::filesystem;
  const auto args = parseArgsAs<BenchGtfsArgs>(argv);
  const std::string feed = args.params.feed.empty()
                               ? ekm::core::sourceDir() + "/data/samples/gtfs_chiibus/chiibus_gtfs.zip"
                               : args.params.feed;
  const int runs = static_cast<int>(args.params.runs);
  const fs::path dir = fs::temp_directory_path() / ("ekm_bench_gtfs_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::vector<double> seconds;
  io::GtfsImportResult last;
  for (int i = 0; i < runs; ++i) {
    const std::string path = (dir / ("p" + std::to_string(i) + ".gpkg")).string();
    auto project = store::Project::create(path);
    core::Feedback fb;
    const auto t0 = std::chrono::steady_clock::now();
    last = io::importGtfs(project, feed, {}, fb);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    std::printf("run %d: %.3f s\n", i + 1, seconds.back());
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  std::printf("gtfs import %s\n  %lld stops, %lld routes, %lld trips, %lld stop_times, %lld route lines, %lld warnings\n"
              "  best %.3f s, median %.3f s (%.0f stop_times/s)\n  source: %s\n",
              feed.c_str(), static_cast<long long>(last.stops), static_cast<long long>(last.routes),
              static_cast<long long>(last.trips), static_cast<long long>(last.stopTimes),
              static_cast<long long>(last.shapes), static_cast<long long>(last.warningCount),
              *std::min_element(seconds.begin(), seconds.end()),
              [&] {
                auto s = seconds;
                std::sort(s.begin(), s.end());
                return s[s.size() / 2];
              }(),
              static_cast<double>(last.stopTimes) / *std::min_element(seconds.begin(), seconds.end()),
              last.attribution.c_str());
  return 0;
}

}  // namespace ekm::cli
