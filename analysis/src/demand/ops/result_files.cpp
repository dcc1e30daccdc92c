// Files the demand operations write.
#include "demand/ops/result_files.h"

#include <cstdio>

#include "ekm/core/error.h"

namespace ekm::demand {

std::ofstream openResultFile(const std::string& path) {
  std::ofstream out(path);
  if (!out) throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  out.precision(17);
  return out;
}

void writeTextFile(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp);
    if (!f) throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
    f << text;
    if (!f) throw core::IoError("write failed", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw core::IoError("cannot rename into place", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
}

}  // namespace ekm::demand
