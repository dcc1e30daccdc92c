#include "support/temp_dir.h"

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace ekm_test {

TempDir::TempDir(const std::string& name)
    : m_path(fs::temp_directory_path() / ("ekm_" + name + "_" + std::to_string(::getpid()) + "_" +
                                          std::to_string(std::random_device{}()))) {
  fs::remove_all(m_path);
  fs::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

std::string TempDir::write(const std::string& name, const std::string& bytes) const {
  const fs::path p = m_path / name;
  writeFile(p, bytes);
  return p.string();
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void writeFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace ekm_test
