// Input domain checks (see domain_checks.h): one function per rule.
#include "ekm/io/domain_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "ekm/core/time.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::io::domain {

using core::ErrorContext;

namespace {

ErrorContext context(const Where& w, std::string expected, std::string_view found) {
  ErrorContext c;
  c.file = w.file;
  c.line = w.line;
  c.feature = w.feature;
  c.field = w.field;
  c.expected = std::move(expected);
  c.found = quoteValue(found);
  return c;
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Length of the valid UTF-8 sequence at s[i], 0 if invalid.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n;
  std::uint32_t cp;
  if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::size_t firstInvalidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8Length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

bool isValidUtf8(std::string_view text) { return firstInvalidUtf8(text) == std::string_view::npos; }

std::string quoteValue(std::string_view value, std::size_t maxBytes) {
  std::string out;
  std::size_t i = 0;
  for (; i < value.size() && out.size() < maxBytes;) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    const std::size_t n = utf8Length(value, i);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      ++i;
    } else {
      out.append(value.substr(i, n));
      i += n;
    }
  }
  if (i < value.size()) out += "... (" + std::to_string(value.size()) + " bytes)";
  return out;
}

void checkText(std::string_view text, const Where& where) {
  const std::size_t bad = firstInvalidUtf8(text);
  if (bad != std::string_view::npos)
    throw core::EncodingError("invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the value",
                              context(where, "valid UTF-8 text", text));
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      throw core::ValidationError("control character in text",
                                  context(where, "text without NUL or control characters", text));
  }
}

void checkId(std::string_view id, const Where& where, const DomainLimits& limits) {
  if (id.empty()) throw core::ValidationError("missing id", context(where, "a non-empty id", id));
  if (id.size() > limits.maxIdBytes)
    throw core::ValidationError("id too long",
                                context(where, "an id of at most " + std::to_string(limits.maxIdBytes) + " bytes", id));
  const std::size_t bad = firstInvalidUtf8(id);
  if (bad != std::string_view::npos)
    throw core::EncodingError("invalid UTF-8 in id", context(where, "an id in valid UTF-8", id));
  for (const char ch : id) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F)
      throw core::ValidationError(c == 0 ? "NUL character in id" : "control character in id",
                                  context(where, "an id without NUL or control characters", id));
  }
}

void checkMeshCode(std::string_view code, const Where& where) {
  try {
    mesh::validateCode(code);
  } catch (const core::Error& e) {
    throw core::MeshError("unknown mesh code", context(where, "a JIS X 0410 mesh code (4, 6, 8, 9, 10 or 11 digits): " +
                                                                  e.message(),
                                                          code));
  }
  if (!mesh::isJapanFirstMesh(code))
    throw core::MeshError("unknown mesh code: outside Japan",
                          context(where,
                                  "a JIS X 0410 mesh code whose first mesh (" + std::string(code.substr(0, 4)) +
                                      ") is one of Japan's 176 first meshes (3036 .. 6848)",
                                  code));
}

void MeshLevelGuard::check(std::string_view code, const Where& where) {
  if (m_length == 0) {
    m_length = code.size();
    m_firstCode.assign(code);
    m_firstLine = where.line ? where.line : where.feature;
    return;
  }
  if (code.size() == m_length) return;
  auto levelText = [](std::size_t n, const std::string& c) {
    try {
      return std::string(mesh::levelName(mesh::levelOf(c))) + " (" + std::to_string(n) + " digits)";
    } catch (...) {
      return std::to_string(n) + " digits";
    }
  };
  throw core::ValidationError(
      "the file mixes mesh levels",
      context(where,
              "one mesh level per file: level " + levelText(m_length, m_firstCode) + " as '" + m_firstCode + "'" +
                  (!m_firstLine ? std::string()
                   : where.line ? " on line " + std::to_string(*m_firstLine)
                                : " on feature " + std::to_string(*m_firstLine)),
              std::string(code) + " (level " + levelText(code.size(), std::string(code)) + ")"));
}

void checkYear(std::int64_t year, const Where& where, const DomainLimits& limits) {
  if (year < limits.minYear || year > limits.maxYear)
    throw core::ValidationError("implausible year", context(where,
                                                            "a year in " + std::to_string(limits.minYear) + ".." +
                                                                std::to_string(limits.maxYear),
                                                            std::to_string(year)));
}

void checkDateDays(std::int64_t days, const Where& where, const DomainLimits& limits) {
  const auto ymd = core::civilFromDays(days);
  const int year = static_cast<int>(ymd.year());
  if (year < limits.minYear || year > limits.maxYear)
    throw core::ValidationError("implausible date", context(where,
                                                            "a date in the years " + std::to_string(limits.minYear) +
                                                                ".." + std::to_string(limits.maxYear),
                                                            core::formatDate(ymd)));
}

void checkHour(std::int64_t hour, const Where& where) {
  if (hour < 0 || hour > 23)
    throw core::ValidationError("bad hour", context(where, "an hour 0-23 (JST)", std::to_string(hour)));
}

void checkCount(double value, const Where& where, const DomainLimits& limits) {
  if (!std::isfinite(value))
    throw core::ValidationError("count is not a finite number", context(where, "a finite number", num(value)));
  if (value < 0) throw core::ValidationError("negative count", context(where, "a value >= 0", num(value)));
  if (value > limits.maxCount)
    throw core::ValidationError(
        "implausibly large count",
        context(where,
                "a value <= " + num(limits.maxCount) +
                    " per row (set \"max_count\" in the column mapping to allow more)",
                num(value)));
}

void checkLonLat(double lon, double lat, const Where& where) {
  const std::string found = num(lon) + ", " + num(lat);
  if (!std::isfinite(lon) || !std::isfinite(lat))
    throw core::ValidationError("coordinate is not a finite number",
                                context(where, "lon, lat in degrees (EPSG:4326)", found));
  const bool ok = std::abs(lat) <= 90 && std::abs(lon) <= 180;
  if (ok) return;
  if (std::abs(lon) <= 90 && std::abs(lat) <= 180)
    throw core::ValidationError("swapped axes: latitude out of range, but the pair is valid as (lat, lon)",
                                context(where, "lon, lat in degrees: longitude first (-180..180), then latitude "
                                               "(-90..90); in a CSV check which column is which",
                                        found));
  throw core::ValidationError(std::abs(lat) > 90 ? "latitude out of range" : "longitude out of range",
                              context(where, "longitude -180..180 and latitude -90..90 (EPSG:4326)", found));
}

void checkSourceXY(double x, double y, const Where& where, const DomainLimits& limits) {
  if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > limits.maxProjected ||
      std::abs(y) > limits.maxProjected)
    throw core::ValidationError("coordinate out of any CRS's range",
                                context(where, "finite coordinates within +-" + num(limits.maxProjected),
                                        num(x) + ", " + num(y)));
}

void checkHeader(const std::vector<std::string>& header, const std::string& file) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string key = lower(trimmed(header[i]));
    if (key.empty()) continue;
    const auto [it, fresh] = seen.emplace(key, i);
    if (fresh) continue;
    ErrorContext c;
    c.file = file;
    c.line = 1;
    c.field = header[i];
    c.expected = "each column name once";
    c.found = "'" + quoteValue(header[i]) + "' in columns " + std::to_string(it->second + 1) + " and " +
              std::to_string(i + 1);
    throw core::ParseError("repeated header column", c);
  }
}

}  // namespace ekm::io::domain
