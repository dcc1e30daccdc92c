#pragma once
// ekimachi-cli bench gtfs: GTFS / GTFS-JP import time (read + validate + store) of a feed.
#include "cli_args.h"

namespace ekm::cli {

extern const char* const kBenchGtfsUsage;
int runBenchGtfs(const Args& args);

}  // namespace ekm::cli
