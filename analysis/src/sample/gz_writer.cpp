// Output files of the sample generator (gz_writer.h).
#include "ekm/sample/gz_writer.h"

#include <zlib.h>

#include <fstream>

#include "ekm/core/error.h"

namespace ekm::sample {

namespace {
core::ErrorContext fileContext(const std::string& path) {
  return core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""};
}
}  // namespace

GzWriter::GzWriter(const std::string& path) : m_path(path) {
  m_file = gzopen(path.c_str(), "wb6");
  if (!m_file) throw core::IoError("cannot write file", fileContext(path));
  gzbuffer(m_file, 1 << 18);
}

GzWriter::~GzWriter() {
  if (m_file) gzclose(m_file);
}

void GzWriter::write(const std::string& s) {
  m_buffer += s;
  if (m_buffer.size() > (1 << 20)) flush();
}

void GzWriter::close() {
  flush();
  const int rc = gzclose(m_file);
  m_file = nullptr;
  if (rc != Z_OK) throw core::IoError("cannot finish gzip file", fileContext(m_path));
}

void GzWriter::flush() {
  if (m_buffer.empty()) return;
  if (gzwrite(m_file, m_buffer.data(), static_cast<unsigned>(m_buffer.size())) != static_cast<int>(m_buffer.size()))
    throw core::IoError("cannot write file", fileContext(m_path));
  m_buffer.clear();
}

void writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw core::IoError("cannot write file", fileContext(path));
  out << text;
  if (!out) throw core::IoError("cannot write file", fileContext(path));
}

}  // namespace ekm::sample
