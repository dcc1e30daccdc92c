#pragma once
// Output files of the sample generator: a buffered gzip text writer and a plain text file.
#include <string>

typedef struct gzFile_s* gzFile;

namespace ekm::sample {

// Writes text into a gzip file (level 6). IoError when the file cannot be written; close()
// reports a failed finish (the destructor closes silently).
class GzWriter {
 public:
  explicit GzWriter(const std::string& path);
  ~GzWriter();
  GzWriter(const GzWriter&) = delete;
  GzWriter& operator=(const GzWriter&) = delete;
  void write(const std::string& s);
  void close();

 private:
  void flush();
  std::string m_path;
  gzFile m_file = nullptr;
  std::string m_buffer;
};

// Writes a whole text file (binary, no newline translation). IoError on failure.
void writeText(const std::string& path, const std::string& text);

}  // namespace ekm::sample
