// Value encodings between the store and PostgreSQL's text formats (see pg_values.h).
#include "store/pg_values.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>

#include "ekm/core/error.h"
#include "store/gpkg_internal.h"

namespace ekm::store::pg {

namespace {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

ErrorContext at(const std::string& where) { return ErrorContext{where, std::nullopt, std::nullopt, "", "", ""}; }

}  // namespace

static const char kHex[] = "0123456789abcdef";

void appendHex(std::string& out, const unsigned char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 15]);
  }
}

static int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<unsigned char> fromHex(std::string_view hex, const std::string& where) {
  if (hex.size() % 2) throw Error(ErrorCode::Io, "bad hex value from PostgreSQL", at(where));
  std::vector<unsigned char> out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hexDigit(hex[2 * i]), lo = hexDigit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) throw Error(ErrorCode::Io, "bad hex value from PostgreSQL", at(where));
    out[i] = static_cast<unsigned char>(hi << 4 | lo);
  }
  return out;
}

static std::uint32_t readU32(const unsigned char* p, bool little) {
  return little ? std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24
                : std::uint32_t(p[3]) | std::uint32_t(p[2]) << 8 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[0]) << 24;
}

static void writeU32(unsigned char* p, std::uint32_t v, bool little) {
  for (int i = 0; i < 4; ++i) p[little ? i : 3 - i] = static_cast<unsigned char>(v >> (8 * i));
}

// ISO WKB (a GeoPackage blob's body) -> EWKB with the SRID, as PostGIS reads it.
void appendEwkbHex(std::string& out, const unsigned char* wkb, std::size_t size, int srid, const std::string& where) {
  if (size < 5) throw Error(ErrorCode::Io, "a geometry too short to be WKB", at(where));
  const bool little = wkb[0] == 1;
  std::uint32_t type = readU32(wkb + 1, little);
  std::uint32_t flags = 0x20000000;  // SRID present
  if (type >= 3000 && type < 4000) type -= 3000, flags |= 0xC0000000;
  else if (type >= 2000 && type < 3000) type -= 2000, flags |= 0x40000000;
  else if (type >= 1000 && type < 2000) type -= 1000, flags |= 0x80000000;
  unsigned char head[9];
  head[0] = wkb[0];
  writeU32(head + 1, type | flags, little);
  writeU32(head + 5, static_cast<std::uint32_t>(srid), little);
  appendHex(out, head, sizeof head);
  appendHex(out, wkb + 5, size - 5);
}

// EWKB -> ISO WKB (the SRID dropped, Z/M flags back to ISO type codes) and the SRID.
std::vector<unsigned char> isoWkbFromEwkb(const std::vector<unsigned char>& ewkb, int& srid, const std::string& where) {
  if (ewkb.size() < 5) throw Error(ErrorCode::Io, "a geometry too short to be EWKB", at(where));
  const bool little = ewkb[0] == 1;
  const std::uint32_t raw = readU32(ewkb.data() + 1, little);
  std::uint32_t type = raw & 0x0FFFFFFF;
  const bool z = raw & 0x80000000, m = raw & 0x40000000, hasSrid = raw & 0x20000000;
  if (z && m) type += 3000;
  else if (z) type += 1000;
  else if (m) type += 2000;
  std::size_t body = 5;
  if (hasSrid) {
    if (ewkb.size() < 9) throw Error(ErrorCode::Io, "a geometry too short to be EWKB", at(where));
    srid = static_cast<int>(readU32(ewkb.data() + 5, little));
    body = 9;
  }
  std::vector<unsigned char> wkb(5 + ewkb.size() - body);
  wkb[0] = ewkb[0];
  writeU32(wkb.data() + 1, type, little);
  std::copy(ewkb.begin() + static_cast<std::ptrdiff_t>(body), ewkb.end(), wkb.begin() + 5);
  return wkb;
}

// COPY text format: backslash escapes for the characters that delimit fields and rows.
void appendCopyText(std::string& out, const char* s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    switch (s[i]) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out.push_back(s[i]);
    }
  }
}

std::string unescapeCopyText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char c = s[++i];
    switch (c) {
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'v': out.push_back('\v'); break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string ewkbHexFromGpkg(const std::vector<unsigned char>& blob, int srid, const std::string& where) {
  GpkgHeader h;
  if (!parseGpkgHeader(blob.data(), blob.size(), h)) throw Error(ErrorCode::Io, "not a GeoPackage geometry", at(where));
  std::string out;
  appendEwkbHex(out, h.wkb, h.wkbSize, srid, where);
  return out;
}

void appendDouble(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest exact
  out.append(buf, r.ptr);
}

double parseDouble(std::string_view s, const std::string& where) {
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size())
    throw Error(ErrorCode::Io, "not a number from PostgreSQL", ErrorContext{where, std::nullopt, std::nullopt, "", "a number", std::string(s)});
  return v;
}

long long parseInt(std::string_view s, const std::string& where) {
  long long v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size())
    throw Error(ErrorCode::Io, "not an integer from PostgreSQL", ErrorContext{where, std::nullopt, std::nullopt, "", "an integer", std::string(s)});
  return v;
}

}  // namespace ekm::store::pg
