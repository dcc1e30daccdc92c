// GTFS / GTFS-JP import (gtfs_import.h).
#include "ekm/io/gtfs_import.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "ekm/core/error.h"
#include "ekm/io/sha256.h"
#include "ekm/store/transit_store.h"

namespace ekm::io {

std::string gtfsFeedSha256(const std::string& path) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(path)) return sha256File(path);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(path))
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Sha256 h;
  std::vector<char> buf(1 << 16);
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    h.update(name.data(), name.size() + 1);  // with its terminating NUL as separator
    std::ifstream in(f, std::ios::binary);
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      h.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
  }
  return h.hexDigest();
}

GtfsImportResult importGtfs(store::Project& project, const std::string& given, const GtfsImportOptions& options,
                            core::Feedback& feedback) {
  const auto t0 = std::chrono::steady_clock::now();
  GtfsImportResult out;
  const std::string path = gtfsFeedIn(given);
  if (path != given)
    feedback.info("the folder " + given + " holds no GTFS feed files but one zip: importing " + path);
  out.feedPath = path;
  out.sha256 = gtfsFeedSha256(path);
  if (!options.force) {
    for (const auto& e : project.importLog())
      if (e.sourceSha256 == out.sha256)
        throw core::Error(core::ErrorCode::Duplicate,
                          "this feed was already imported into the project (use --force to import it again)",
                          {path, std::nullopt, std::nullopt, "", "a feed not in the import log", "SHA-256 " + out.sha256});
    if (const auto old = store::gtfsFeedInfo(project))
      throw core::Error(core::ErrorCode::Duplicate,
                        "the project already has a GTFS feed; a project holds one feed (use --force to replace it)",
                        {path, std::nullopt, std::nullopt, "", "a project without a feed",
                         old->sourcePath + " (" + old->attribution + ", imported " + old->importedAt + ")"});
  }
  GtfsReadResult r = readGtfs(path, feedback);
  if (r.fatalCount > 0) throw GtfsFeedError(std::move(r.problems), r.fatalCount);
  feedback.throwIfCancelled();
  r.feed.info.sourceSha256 = out.sha256;
  for (const auto& p : r.problems) {
    feedback.warning(p.format());
    out.warnings.push_back(p);
  }
  out.warningCount = r.warningCount;
  out.rowsRead = r.rowsRead;
  out.rowsStored = store::writeGtfsFeed(project, r.feed);
  project.refreshContents();
  const auto& f = r.feed;
  out.agencies = static_cast<std::int64_t>(f.agencies.size());
  out.stops = static_cast<std::int64_t>(f.stops.size());
  out.routes = static_cast<std::int64_t>(f.routes.size());
  out.trips = static_cast<std::int64_t>(f.trips.size());
  out.stopTimes = static_cast<std::int64_t>(f.stopTimes.size());
  out.shapes = static_cast<std::int64_t>(f.routeShapes.size());
  out.interpolated = std::count_if(f.stopTimes.begin(), f.stopTimes.end(), [](auto& s) { return !s.timepoint; });
  out.attribution = f.info.attribution;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace ekm::io
