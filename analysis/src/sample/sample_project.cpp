#include <filesystem>

#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"
#include "ekm/io/basemap_importer.h"
#include "ekm/io/gtfs_import.h"
#include "ekm/io/importers.h"
#include "ekm/sample/bus_ridership.h"
#include "ekm/sample/energy_district.h"
#include "ekm/sample/sample_generator.h"
#include "ekm/store/project.h"

namespace ekm::sample {

namespace fs = std::filesystem;

namespace {
void removeProjectFiles(const fs::path& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix, ec);
}
}  // namespace

std::string defaultSampleFeed() {
  if (!core::installedDataDir().empty()) return {};  // installed: never the source tree
  const std::string feed = ekm::core::sourceDir() + "/data/samples/gtfs_chiibus/chiibus_gtfs.zip";
  return fs::exists(feed) ? feed : std::string();
}

std::string buildSampleProject(const SampleFiles& files, const std::string& outDir, core::Feedback& feedback,
                               const std::optional<std::string>& gtfsFeed) {
  const fs::path path = fs::path(outDir) / "sample.gpkg";
  removeProjectFiles(path);
  // Order matters: features before the series that refer to them.
  const std::pair<io::ImportKind, std::string> steps[] = {
      {io::ImportKind::Stations, files.stations},
      {io::ImportKind::Segments, files.roadSegments},
      {io::ImportKind::MeshPopulation, files.meshPopulation},
      {io::ImportKind::SegmentCounts, files.segmentCounts},
      {io::ImportKind::StationRidership, files.stationRidership},
  };
  try {
    store::Project project = store::Project::create(path.string());
    const bool basemap = !files.basemapRail.empty() && fs::exists(files.basemapRail) &&
                         !files.basemapBuildings.empty() && fs::exists(files.basemapBuildings);
    core::MultiStepFeedback multi(feedback, static_cast<int>(std::size(steps)) + (basemap ? 2 : 0) + 1);
    int i = 0;
    for (const auto& [kind, file] : steps) {
      multi.setCurrentStep(i++);
      feedback.info(std::string("importing ") + io::importKindName(kind) + " from " + file);
      io::importFile(project, kind, file, io::ImportOptions{}, multi);
    }
    if (basemap) {
      for (const auto& [kind, file] : {std::pair<std::string, std::string>{"rail", files.basemapRail},
                                       {"building", files.basemapBuildings}}) {
        multi.setCurrentStep(i++);
        feedback.info("importing basemap " + kind + " from " + file);
        io::BasemapImportOptions o;
        o.kind = kind;
        io::importBasemap(project, file, o, multi);
      }
      project.setMeta("basemap_attribution", std::string(kRailAttribution) + "; " + kBuildingAttribution);
    }
    multi.setCurrentStep(i++);
    if (importEnergySample(project, outDir, multi))  // energy_district.cpp
      feedback.info("imported the energy buildings, weather and meters");
    // The real Chii-bus GTFS-JP feed (data/samples/gtfs_chiibus/SOURCE.txt: tests and sample only,
    // not in the release packages): from the source tree when run from a build, else the user's.
    const std::string gtfs = gtfsFeed ? *gtfsFeed : defaultSampleFeed();
    if (!gtfs.empty() && fs::exists(gtfs)) {
      feedback.throwIfCancelled();
      core::Feedback quiet;  // its warnings are kept in gtfs_feed.warnings, not printed
      const auto g = io::importGtfs(project, gtfs, {}, quiet);
      feedback.info("imported the GTFS feed " + fs::path(gtfs).filename().string() + " (" + g.attribution + "; " +
                    std::to_string(g.warningCount) + " warnings kept in gtfs_feed.warnings)");
      // The synthetic ridership belongs to the Chii-bus network only (bus_ridership.cpp).
      std::error_code ec;
      if (fs::equivalent(gtfs, sampleBusFeedPath(), ec)) importBusRidershipSample(project, outDir, feedback);
    } else if (!gtfs.empty()) {
      throw core::IoError("GTFS feed not found", core::ErrorContext{gtfs, std::nullopt, std::nullopt, "gtfs",
                                                                    "a GTFS(-JP) .zip", ""});
    } else {
      feedback.info(
          "no transit: the Chii-bus GTFS-JP feed is not shipped in the packages (its licence is not confirmed); "
          "give a feed with --gtfs FEED.zip or import one later with 'ekimachi-cli import --project sample.gpkg gtfs FEED.zip'");
    }
    project.setMeta("sample", "Takanawa Gateway sample district (synthetic time series on real geography)");
  } catch (...) {
    removeProjectFiles(path);
    throw;
  }
  feedback.setProgress(100);
  return path.string();
}

}  // namespace ekm::sample
