#pragma once
// ekimachi-cli bench gtfs: GTFS / GTFS-JP import time (read + validate + store) of a feed.
#include <string>
#include <vector>

namespace ekm::cli {

extern const char* const kBenchGtfsUsage;
int runBenchGtfs(const std::vector<std::string>& argv);  // the arguments after the bench name

}  // namespace ekm::cli
