#include "ekm/io/text_input.h"

#include <iconv.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include "ekm/core/error.h"
#include "io_util.h"

namespace ekm::io {

using core::EncodingError;
using core::ErrorContext;
using core::IoError;

TextEncoding textEncodingFromName(const std::string& name) {
  std::string n;
  for (char c : name) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n.empty() || n == "auto") return TextEncoding::Auto;
  if (n == "utf-8" || n == "utf8" || n == "utf-8-sig") return TextEncoding::Utf8;
  if (n == "cp932" || n == "shift_jis" || n == "shift-jis" || n == "sjis" || n == "windows-31j" || n == "ms932")
    return TextEncoding::Cp932;
  throw core::Error(core::ErrorCode::Usage, "unknown encoding",
                    ctx("", std::nullopt, std::nullopt, "encoding", "auto, utf-8 or cp932", name));
}

const char* textEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::Auto: return "auto";
    case TextEncoding::Utf8: return "utf-8";
    case TextEncoding::Cp932: return "cp932";
  }
  return "auto";
}

std::size_t validateUtf8(std::string_view data, std::size_t* incompleteTail) {
  const auto* s = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t n = data.size();
  std::size_t i = 0;
  if (incompleteTail) *incompleteTail = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    std::size_t j = 1;
    for (; j < len && i + j < n; ++j) {
      if ((s[i + j] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + j] & 0x3F);
    }
    if (j < len) {  // truncated at the end of the data
      if (incompleteTail) {
        *incompleteTail = n - i;
        return i;
      }
      return i;
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += len;
  }
  return n;
}

namespace {
std::int64_t countLines(std::string_view s) { return std::count(s.begin(), s.end(), '\n'); }

// Offset of the first byte >= 0x80 in `s` (s.size() when all ASCII) and the number of
// newlines before it, 8 bytes at a time (a byte-wise scan was 4 % of an import's CPU).
std::size_t asciiPrefix(std::string_view s, std::int64_t& newlines) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kLow7 = 0x7F7F7F7F7F7F7F7FULL,
                          kNewlines = 0x0A0A0A0A0A0A0A0AULL;
  std::size_t i = 0;
  std::int64_t count = 0;
  std::uint64_t lanes = 0;  // per-byte newline counts of up to 255 words
  int inLanes = 0;
  auto sumLanes = [&] {
    const std::uint64_t pairs = (lanes & 0x00FF00FF00FF00FFULL) + ((lanes >> 8) & 0x00FF00FF00FF00FFULL);
    count += static_cast<std::int64_t>((pairs * 0x0001000100010001ULL) >> 48);  // 16-bit lanes: no overflow
    lanes = 0;
    inLanes = 0;
  };
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & kHigh) break;
    // The bytes of w ^ "\n\n..." that are zero get their high bit set (exactly those).
    const std::uint64_t x = w ^ kNewlines;
    lanes += (~(((x & kLow7) + kLow7) | x | kLow7)) >> 7;
    if (++inLanes == 255) sumLanes();
  }
  sumLanes();
  for (; i < n && p[i] < 0x80; ++i) count += p[i] == '\n';
  newlines = count;
  return i;
}
}  // namespace

struct TextInput::Impl {
  std::string path;
  std::FILE* file = nullptr;
  bool gzip = false;
  z_stream zs{};
  bool zInit = false;
  bool zEnd = false;  // current gzip member ended
  std::vector<unsigned char> rawBuf;
  std::uint64_t rawRead = 0;
  std::uint64_t rawSize = 0;
  bool rawEof = false;
  TextEncoding requested = TextEncoding::Auto;
  TextEncoding encoding = TextEncoding::Auto;
  bool started = false;
  std::string pending;   // decoded-but-undelivered bytes in the source encoding
  iconv_t cd = reinterpret_cast<iconv_t>(-1);
  std::int64_t linesDelivered = 0;

  ~Impl() {
    if (zInit) inflateEnd(&zs);
    if (file) std::fclose(file);
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }

  std::size_t readRaw(unsigned char* dst, std::size_t max) {
    const std::size_t n = std::fread(dst, 1, max, file);
    if (n < max && std::ferror(file)) throw IoError("read error", ctx(path));
    if (n < max) rawEof = true;
    rawRead += n;
    return n;
  }

  // Appends up to `max` bytes of source bytes (decompressed) to `pending`. Returns
  // false at end of input.
  bool fill(std::size_t max) {
    if (!gzip) {
      if (rawEof) return false;
      const std::size_t old = pending.size();
      pending.resize(old + max);
      const std::size_t n = readRaw(reinterpret_cast<unsigned char*>(pending.data() + old), max);
      pending.resize(old + n);
      return n > 0 || !rawEof;
    }
    const std::size_t old = pending.size();
    pending.resize(old + max);
    zs.next_out = reinterpret_cast<Bytef*>(pending.data() + old);
    zs.avail_out = static_cast<uInt>(max);
    while (zs.avail_out > 0) {
      if (zs.avail_in == 0) {
        if (rawEof) break;
        const std::size_t n = readRaw(rawBuf.data(), rawBuf.size());
        zs.next_in = rawBuf.data();
        zs.avail_in = static_cast<uInt>(n);
        if (n == 0) break;
      }
      if (zEnd) {  // concatenated gzip members
        inflateReset(&zs);
        zEnd = false;
      }
      const int rc = inflate(&zs, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        zEnd = true;
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR)
        throw IoError("corrupt gzip data", ctx(path, std::nullopt, std::nullopt, "", "a valid gzip stream", zs.msg ? zs.msg : "zlib error " + std::to_string(rc)));
      if (rc == Z_BUF_ERROR && zs.avail_in == 0 && rawEof) break;
    }
    const std::size_t produced = max - zs.avail_out;
    pending.resize(old + produced);
    if (produced == 0 && rawEof && zs.avail_in == 0) {
      if (!zEnd) throw IoError("truncated gzip file", ctx(path, std::nullopt, std::nullopt, "", "a complete gzip stream"));
      return false;
    }
    return true;
  }

  [[noreturn]] void encodingError(std::string_view delivered, std::size_t badOffset, const std::string& expected) {
    const std::int64_t line = linesDelivered + countLines(delivered.substr(0, badOffset)) + 1;
    char found[64] = {0};
    std::string hex;
    for (std::size_t k = badOffset; k < delivered.size() && k < badOffset + 4; ++k) {
      std::snprintf(found, sizeof found, "%s0x%02X", hex.empty() ? "" : " ", static_cast<unsigned char>(delivered[k]));
      hex += found;
    }
    throw EncodingError("invalid byte sequence", ctx(path, line, std::nullopt, "", expected, "bytes " + hex));
  }
};

TextInput::TextInput(const std::string& path, TextEncoding encoding) : m_impl(std::make_unique<Impl>()) {
  m_impl->path = path;
  m_impl->requested = encoding;
  m_impl->file = std::fopen(path.c_str(), "rb");
  if (!m_impl->file) throw IoError(std::string("cannot open file: ") + std::strerror(errno), ctx(path));
  if (std::fseek(m_impl->file, 0, SEEK_END) == 0) {
    const long size = std::ftell(m_impl->file);
    if (size > 0) m_impl->rawSize = static_cast<std::uint64_t>(size);
    std::fseek(m_impl->file, 0, SEEK_SET);
  }
  unsigned char magic[2] = {0, 0};
  const std::size_t n = std::fread(magic, 1, 2, m_impl->file);
  std::fseek(m_impl->file, 0, SEEK_SET);
  if (n == 2 && magic[0] == 0x1F && magic[1] == 0x8B) {
    m_impl->gzip = true;
    m_impl->rawBuf.resize(1 << 20);
    if (inflateInit2(&m_impl->zs, 15 + 32) != Z_OK) throw IoError("zlib initialisation failed", ctx(path));
    m_impl->zInit = true;
  }
}

TextInput::~TextInput() = default;

const std::string& TextInput::path() const { return m_impl->path; }
bool TextInput::gzipped() const { return m_impl->gzip; }
TextEncoding TextInput::encoding() const { return m_impl->encoding; }
std::uint64_t TextInput::rawBytesRead() const { return m_impl->rawRead; }
std::uint64_t TextInput::rawSize() const { return m_impl->rawSize; }

bool TextInput::read(std::string& out, std::size_t maxBytes) {
  Impl& d = *m_impl;
  maxBytes = std::max<std::size_t>(maxBytes, 64);
  bool more = true;
  // Make sure `pending` has some data (or input ended).
  while (more && d.pending.size() < maxBytes) {
    more = d.fill(maxBytes - d.pending.size());
  }
  const bool atEnd = !more;
  if (d.pending.empty()) return false;

  if (!d.started) {
    d.started = true;
    if (d.pending.size() >= 3 && std::memcmp(d.pending.data(), "\xEF\xBB\xBF", 3) == 0) {
      d.pending.erase(0, 3);
      if (d.requested == TextEncoding::Cp932)
        throw EncodingError("file starts with a UTF-8 byte order mark", ctx(d.path, 1, std::nullopt, "", "CP932 (as requested)", "UTF-8 BOM"));
      d.encoding = TextEncoding::Utf8;
    } else {
      d.encoding = d.requested;
    }
  }
  if (d.encoding == TextEncoding::Auto) {
    // Undecided while everything seen is ASCII (identical in both encodings).
    std::int64_t newlines = 0;
    const std::size_t high = asciiPrefix(d.pending, newlines);
    if (high == d.pending.size()) {
      d.linesDelivered += newlines;
      out.append(d.pending);
      d.pending.clear();
      return true;
    }
    std::size_t tail = 0;
    const std::size_t bad = validateUtf8(d.pending, &tail);
    // UTF-8 when everything seen is UTF-8, or when at least one whole line with non-ASCII
    // text is valid UTF-8 before the first bad byte (CP932 text is valid UTF-8 only by
    // rare coincidence, never for a whole line): one stray byte in a UTF-8 file is then
    // reported on its line instead of garbling the whole file as CP932.
    const bool utf8Line = bad > high && std::string_view(d.pending).substr(high, bad - high).find('\n') !=
                                            std::string_view::npos;
    d.encoding = (bad == d.pending.size() || (tail > 0 && bad + tail == d.pending.size() && !atEnd) || utf8Line)
                     ? TextEncoding::Utf8
                     : TextEncoding::Cp932;
  }
  if (d.encoding == TextEncoding::Cp932 && d.cd == reinterpret_cast<iconv_t>(-1)) {
    d.cd = iconv_open("UTF-8", "CP932");
    if (d.cd == reinterpret_cast<iconv_t>(-1)) throw EncodingError("iconv cannot convert CP932", ctx(d.path));
  }

  if (d.encoding == TextEncoding::Utf8) {
    std::size_t tail = 0;
    std::size_t good = validateUtf8(d.pending, &tail);
    if (good + tail != d.pending.size() || (tail > 0 && atEnd))
      d.encodingError(d.pending, good,
                      d.requested == TextEncoding::Utf8 ? "UTF-8" : "UTF-8 throughout (or pass --encoding cp932)");
    const std::string_view chunk(d.pending.data(), good);
    d.linesDelivered += countLines(chunk);
    out.append(chunk);
    d.pending.erase(0, good);
    return true;
  }

  // CP932 -> UTF-8
  const std::size_t old = out.size();
  out.resize(old + d.pending.size() * 3 / 2 + 16);
  char* in = d.pending.data();
  std::size_t inLeft = d.pending.size();
  char* dst = out.data() + old;
  std::size_t outLeft = out.size() - old;
  while (inLeft > 0) {
    const std::size_t rc = iconv(d.cd, &in, &inLeft, &dst, &outLeft);
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      const std::size_t used = static_cast<std::size_t>(dst - out.data());
      out.resize(out.size() + inLeft * 3 + 16);
      dst = out.data() + used;
      outLeft = out.size() - used;
      continue;
    }
    if (errno == EINVAL && !atEnd) break;  // incomplete character at the end: keep it
    const std::size_t consumed = static_cast<std::size_t>(in - d.pending.data());
    const std::string_view converted(out.data() + old, static_cast<std::size_t>(dst - (out.data() + old)));
    const std::int64_t line = d.linesDelivered + countLines(converted) + 1;
    std::string hex;
    char tmp[8];
    for (std::size_t k = consumed; k < d.pending.size() && k < consumed + 2; ++k) {
      std::snprintf(tmp, sizeof tmp, "%s0x%02X", hex.empty() ? "" : " ", static_cast<unsigned char>(d.pending[k]));
      hex += tmp;
    }
    throw EncodingError("invalid byte sequence", ctx(d.path, line, std::nullopt, "", d.requested == TextEncoding::Cp932
                                                                              ? "CP932 (Shift_JIS)"
                                                                              : "UTF-8 or CP932 (Shift_JIS)", "bytes " + hex));
  }
  const std::size_t consumed = static_cast<std::size_t>(in - d.pending.data());
  out.resize(static_cast<std::size_t>(dst - out.data()));
  d.linesDelivered += countLines(std::string_view(out).substr(old));
  d.pending.erase(0, consumed);
  return true;
}

}  // namespace ekm::io
