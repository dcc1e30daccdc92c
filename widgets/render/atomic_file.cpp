#include "render/atomic_file.h"

#include <unistd.h>

#include <fstream>

#include "ekm/core/error.h"

namespace ekm::render {

namespace fs = std::filesystem;

AtomicFile::AtomicFile(const std::string& out) : m_out(out) {
  const fs::path p(out);
  m_tmp = (p.parent_path().empty() ? fs::path(".") : p.parent_path()) /
          ("." + p.filename().string() + ".part-" + std::to_string(::getpid()));
  std::ofstream probe(m_tmp, std::ios::binary | std::ios::trunc);
  if (!probe)
    throw core::IoError("cannot write the output file",
                        core::ErrorContext{out, std::nullopt, std::nullopt, "", "a writable folder", "not writable or missing"});
}

AtomicFile::~AtomicFile() {
  if (!m_committed) {
    std::error_code ec;
    fs::remove(m_tmp, ec);
  }
}

void AtomicFile::commit() {
  std::error_code ec;
  fs::rename(m_tmp, m_out, ec);
  if (ec)
    throw core::IoError("cannot rename the finished file into place: " + ec.message(),
                        core::ErrorContext{m_out, {}, {}, "", "", ""});
  m_committed = true;
}

}  // namespace ekm::render
