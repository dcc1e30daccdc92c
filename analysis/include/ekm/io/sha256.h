#pragma once
// SHA-256 (FIPS 180-4), used to recognise a source file that was already imported.
// Computed by OpenSSL's libcrypto, which uses the CPU's SHA extensions where present: the
// whole-file hash of a large import used to cost as much CPU as the import itself.
#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

namespace ekm::io {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  std::array<unsigned char, 32> digest();  // finalises; the object must not be updated after
  std::string hexDigest();                 // lower-case hex of digest()

 private:
  struct Context;
  std::unique_ptr<Context> m_ctx;
};

// Hex SHA-256 of a file's raw bytes. Throws IoError if it cannot be read. If `stop` is
// given and becomes true, returns "" early.
std::string sha256File(const std::string& path, const std::atomic<bool>* stop = nullptr);

}  // namespace ekm::io
