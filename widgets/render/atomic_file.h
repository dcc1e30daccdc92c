#pragma once
// A temporary file next to an output, renamed over it at the end: readers never see a
// half-written file, and nothing is left behind on error or cancel.
#include <filesystem>
#include <string>

namespace ekm::render {

class AtomicFile {
 public:
  // Creates the temporary file now, so an unwritable output fails early (core::IoError).
  explicit AtomicFile(const std::string& out);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  std::string tmp() const { return m_tmp.string(); }
  // Renames the temporary file over the output (core::IoError when that fails).
  void commit();

 private:
  std::string m_out;
  std::filesystem::path m_tmp;
  bool m_committed = false;
};

}  // namespace ekm::render
