#pragma once
// SHA-256 (FIPS 180-4), used to recognise a source file that was already imported.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ekm::io {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  std::array<unsigned char, 32> digest();  // finalises; the object must not be updated after
  std::string hexDigest();                 // lower-case hex of digest()

 private:
  void block(const unsigned char* p);
  std::uint32_t m_h[8];
  unsigned char m_buf[64];
  std::size_t m_bufLen = 0;
  std::uint64_t m_totalBytes = 0;
};

// Hex SHA-256 of a file's raw bytes. Throws IoError if it cannot be read. If `stop` is
// given and becomes true, returns "" early.
std::string sha256File(const std::string& path, const std::atomic<bool>* stop = nullptr);

}  // namespace ekm::io
