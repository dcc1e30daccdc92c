#pragma once
// Input domain checks: one place per rule, called by every importer (CSV and GDAL paths,
// GTFS, energy, NGSI-LD). Each check throws an ekm::core::Error with the file, line or
// feature and field of `where`, what was expected and (at most ~200 characters of) what
// was found; syntax is the parsers' job, these check that a parsed value is plausible.
//
// Defaults (DomainLimits):
//   counts / populations / boardings per row and hour: 0 .. 10,000,000 (maxCount); a
//     mapping file's "max_count" or ImportOptions::maxCount changes it;
//   years 1900 .. 2100; hours 0 .. 23;
//   lon -180 .. 180, lat -90 .. 90 (degrees, EPSG:4326); a pair that is only valid
//     swapped is reported as swapped axes;
//   projected coordinates |x|, |y| <= 1e8 (metres or feet; beyond that no CRS on Earth
//     has valid values) - checked before any transform;
//   ids: 1 .. 256 bytes of valid UTF-8 without control characters (NUL included);
//   text: valid UTF-8 without NUL or control characters other than tab and newline.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ekm/core/error.h"

namespace ekm::io::domain {

struct DomainLimits {
  double maxCount = 1e7;
  int minYear = 1900;
  int maxYear = 2100;
  double maxProjected = 1e8;
  std::size_t maxIdBytes = 256;
};
inline constexpr DomainLimits kDefaultLimits{};

// Where a value came from: file, line (text) or feature (vector source), field.
struct Where {
  std::string file;
  std::optional<std::int64_t> line;
  std::optional<std::int64_t> feature;
  std::string field;
};

// At most `maxBytes` of `value` (cut at a UTF-8 boundary), with "... (N bytes)" when cut,
// control characters shown as \xNN: for quoting offending values in messages.
std::string quoteValue(std::string_view value, std::size_t maxBytes = 200);

bool isValidUtf8(std::string_view text);
// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t firstInvalidUtf8(std::string_view text);

// Throws ValidationError (Encoding for invalid UTF-8).
void checkId(std::string_view id, const Where& where, const DomainLimits& limits = kDefaultLimits);
void checkText(std::string_view text, const Where& where);

// JIS X 0410 mesh code of Japan: digits, a valid length and digits at every level (the
// mesh module's validateCode) and a first mesh (its 4 leading digits) that is one of the
// 176 first meshes covering Japan. Throws MeshError.
void checkMeshCode(std::string_view code, const Where& where);

// One mesh level per file: remembers the first code's level and throws ValidationError
// naming both lines when another level turns up.
class MeshLevelGuard {
 public:
  void check(std::string_view code, const Where& where);

 private:
  std::size_t m_length = 0;
  std::string m_firstCode;
  std::optional<std::int64_t> m_firstLine;
};

// Plausible calendar values. Throw ValidationError.
void checkYear(std::int64_t year, const Where& where, const DomainLimits& limits = kDefaultLimits);
// days since 1970-01-01
void checkDateDays(std::int64_t days, const Where& where, const DomainLimits& limits = kDefaultLimits);
void checkHour(std::int64_t hour, const Where& where);

// A count, population or boardings value: finite, >= 0 and <= limits.maxCount.
void checkCount(double value, const Where& where, const DomainLimits& limits = kDefaultLimits);

// Degrees in EPSG:4326 (lon, lat order). Finite, in range; a pair only valid when swapped
// is reported as swapped axes.
void checkLonLat(double lon, double lat, const Where& where);
// Source coordinates before any transform: finite and |v| <= limits.maxProjected.
void checkSourceXY(double x, double y, const Where& where, const DomainLimits& limits = kDefaultLimits);

// A header row: no empty-named duplicates, no column named twice (case-insensitive,
// trimmed). Throws ParseError naming both columns.
void checkHeader(const std::vector<std::string>& header, const std::string& file);

}  // namespace ekm::io::domain
