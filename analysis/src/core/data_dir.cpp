#include "ekm/core/data_dir.h"

#include <filesystem>

namespace ekm::core {

namespace fs = std::filesystem;

std::string sourceDir() { return EKM_SOURCE_DIR; }

std::string installedDataDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return {};
  const fs::path share = exe.parent_path().parent_path() / "share" / "ekimachi";
  return fs::is_directory(share / "reference", ec) ? share.string() : std::string();
}

std::string sampleDataDir() {
  if (std::string installed = installedDataDir(); !installed.empty()) return installed;
  return sourceDir() + "/data/samples";
}

}  // namespace ekm::core
