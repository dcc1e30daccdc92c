#pragma once
// GTFS / GTFS-JP import: a feed (zip, folder, or a folder holding one zip) read and validated (gtfs_reader.h), then
// written into the project in one transaction (store/transit_store.h). A feed with fatal
// problems is refused (GtfsFeedError, every problem with file, line and field) and the
// project is unchanged. A project holds one feed: replacing a feed, or importing the same
// feed (SHA-256 in the import log) again, needs force.
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/io/gtfs_reader.h"
#include "ekm/store/project.h"

namespace ekm::io {

struct GtfsImportOptions {
  bool force = false;
};

struct GtfsImportResult {
  std::int64_t rowsRead = 0;    // data rows of every file
  std::int64_t rowsStored = 0;  // rows written (all transit tables)
  std::int64_t agencies = 0, stops = 0, routes = 0, trips = 0, stopTimes = 0, shapes = 0, interpolated = 0;
  std::vector<GtfsProblem> warnings;
  std::int64_t warningCount = 0;  // all warnings, also those not kept
  std::string attribution;
  std::string sha256;
  std::string feedPath;  // the feed read: the path given, or the one zip in the folder given (gtfsFeedIn, gtfs_reader.h)
  double seconds = 0;
};

// SHA-256 of a feed: of the zip file, or of a folder's .txt files (names and bytes, by name).
std::string gtfsFeedSha256(const std::string& path);

GtfsImportResult importGtfs(store::Project& project, const std::string& path, const GtfsImportOptions& options,
                            core::Feedback& feedback);

}  // namespace ekm::io
