#include "ekm/io/sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "ekm/core/error.h"
#include "io_util.h"

namespace ekm::io {

struct Sha256::Context {
  EVP_MD_CTX* md = nullptr;
  ~Context() { EVP_MD_CTX_free(md); }
};

namespace {
[[noreturn]] void fail(const char* what) {
  throw core::Error(core::ErrorCode::Generic, std::string("SHA-256 (libcrypto): ") + what);
}
}  // namespace

Sha256::Sha256() : m_ctx(std::make_unique<Context>()) {
  m_ctx->md = EVP_MD_CTX_new();
  if (!m_ctx->md || EVP_DigestInit_ex(m_ctx->md, EVP_sha256(), nullptr) != 1) fail("initialisation failed");
}

Sha256::~Sha256() = default;

void Sha256::update(const void* data, std::size_t size) {
  if (size > 0 && EVP_DigestUpdate(m_ctx->md, data, size) != 1) fail("update failed");
}

std::array<unsigned char, 32> Sha256::digest() {
  std::array<unsigned char, 32> out{};
  unsigned int n = 0;
  if (EVP_DigestFinal_ex(m_ctx->md, out.data(), &n) != 1 || n != out.size()) fail("finalisation failed");
  return out;
}

std::string Sha256::hexDigest() {
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned char c : digest()) {
    s += hex[c >> 4];
    s += hex[c & 15];
  }
  return s;
}

std::string sha256File(const std::string& path, const std::atomic<bool>* stop) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw core::IoError("cannot open file for reading", ctx(path));
  std::vector<unsigned char> buf(1 << 20);
  Sha256 sha;
  for (;;) {
    if (stop && stop->load(std::memory_order_relaxed)) return {};
    const std::size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0) sha.update(buf.data(), n);
    if (n < buf.size()) {
      if (std::ferror(f.get())) throw core::IoError("read error", ctx(path));
      break;
    }
  }
  return sha.hexDigest();
}

}  // namespace ekm::io
