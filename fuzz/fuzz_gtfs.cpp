// GTFS / GTFS-JP reader: a copy of the hand-made feed tests/data/gtfs/jp_small with one of
// its files replaced by the input (the first byte picks which), read and validated as a
// folder. Problems in the content are reported in the result, an unreadable feed is a
// core::Error; anything else is a finding.
#include <array>
#include <filesystem>

#include "ekm/core/feedback.h"
#include "ekm/io/gtfs_reader.h"
#include "fuzz_util.h"

namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 15> kFiles = {
    "agency.txt",      "stops.txt",      "routes.txt",     "trips.txt",      "stop_times.txt",
    "calendar.txt",    "calendar_dates.txt", "shapes.txt", "fare_attributes.txt", "fare_rules.txt",
    "feed_info.txt",   "translations.txt", "agency_jp.txt", "office_jp.txt", "routes_jp.txt"};

// The seed feed's folder, copied once per process; each input rewrites one file of it
// (and puts back the file the previous input replaced).
const fs::path& feed() {
  static const fs::path dir = [] {
    const fs::path d = ekm_fuzz::scratch() / "feed";
    fs::create_directories(d);
    for (const auto& entry : fs::directory_iterator(fs::path(EKM_SOURCE_DIR) / "tests/data/gtfs/jp_small"))
      if (entry.path().extension() == ".txt") fs::copy_file(entry.path(), d / entry.path().filename());
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static std::string replaced;
  const fs::path& dir = feed();
  const fs::path seeds = fs::path(EKM_SOURCE_DIR) / "tests/data/gtfs/jp_small";
  if (!replaced.empty()) {
    std::error_code ec;
    fs::remove(dir / replaced, ec);
    if (fs::exists(seeds / replaced)) fs::copy_file(seeds / replaced, dir / replaced);
  }
  replaced = kFiles[data[0] % kFiles.size()];
  const std::string path = (dir / replaced).string();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size > 1) std::fwrite(data + 1, 1, size - 1, f);
  std::fclose(f);
  ekm_fuzz::refusalsOnly([&] { ekm::io::readGtfs(dir.string(), ekm::core::nullFeedback()); });
  return 0;
}
