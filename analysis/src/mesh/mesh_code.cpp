#include "ekm/mesh/mesh_code.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <sstream>

#include "ekm/core/error.h"

namespace ekm::mesh {

using core::ErrorContext;
using core::MeshError;

namespace {

// Grid of 1/8-mesh units: 960 per degree of latitude, 640 per degree of longitude
// (offset by 100 degrees). A cell of level k spans kSpan[k] units in both directions.
constexpr double kUnitsPerDegLat = 960.0;
constexpr double kUnitsPerDegLon = 640.0;
constexpr double kLonOrigin = 100.0;
constexpr std::int64_t kDomainUnits = 64000;  // 100 first meshes x 640 units
// Tolerance (in grid units) below an edge that still counts as on the edge: ~1e-10 degree.
constexpr double kSnap = 1e-7;
constexpr std::size_t kMaxCells = 20'000'000;

constexpr std::array<std::int64_t, 7> kSpan = {0, 640, 80, 8, 4, 2, 1};
constexpr std::array<int, 7> kLength = {0, 4, 6, 8, 9, 10, 11};

int idx(MeshLevel level) { return static_cast<int>(level); }
std::int64_t span(MeshLevel level) { return kSpan[idx(level)]; }

struct GridCell {
  std::int64_t row;  // latitude index at the cell's level
  std::int64_t col;  // longitude index at the cell's level
  MeshLevel level;
};

std::string levelList() { return "one of 1, 2, 3, 1/2, 1/4, 1/8 (or 80km, 10km, 1km, 500m, 250m, 125m)"; }

MeshError codeError(std::string_view code, const std::string& what, const std::string& expected,
                    const std::string& found) {
  ErrorContext c;
  c.expected = expected;
  c.found = found;
  return MeshError("invalid mesh code '" + std::string(code) + "': " + what, c);
}

std::optional<MeshLevel> levelFromLength(std::size_t n) {
  for (int k = 1; k <= 6; ++k)
    if (static_cast<std::size_t>(kLength[k]) == n) return static_cast<MeshLevel>(k);
  return std::nullopt;
}

// Units on the grid; floor with a snap tolerance so values a rounding error below an edge
// land on it.
std::int64_t unitsFloor(double units) { return static_cast<std::int64_t>(std::floor(units + kSnap)); }

double latUnits(double lat) { return lat * kUnitsPerDegLat; }
double lonUnits(double lon) { return (lon - kLonOrigin) * kUnitsPerDegLon; }

GridCell toGrid(std::string_view code) {
  validateCode(code);
  const MeshLevel level = *levelFromLength(code.size());
  auto d = [&](std::size_t i) { return static_cast<std::int64_t>(code[i] - '0'); };
  std::int64_t lat = (d(0) * 10 + d(1)) * 640;
  std::int64_t lon = (d(2) * 10 + d(3)) * 640;
  if (code.size() >= 6) {
    lat += d(4) * 80;
    lon += d(5) * 80;
  }
  if (code.size() >= 8) {
    lat += d(6) * 8;
    lon += d(7) * 8;
  }
  const std::array<std::int64_t, 3> sub = {4, 2, 1};
  for (std::size_t i = 8; i < code.size(); ++i) {
    const std::int64_t q = d(i) - 1;  // 0 SW, 1 SE, 2 NW, 3 NE
    lat += (q / 2) * sub[i - 8];
    lon += (q % 2) * sub[i - 8];
  }
  return {lat / span(level), lon / span(level), level};
}

std::string fromGrid(const GridCell& g) {
  const std::int64_t lat = g.row * span(g.level);
  const std::int64_t lon = g.col * span(g.level);
  std::string out;
  out.reserve(11);
  auto put2 = [&](std::int64_t v) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
  };
  put2(lat / 640);
  put2(lon / 640);
  if (g.level >= MeshLevel::Second) {
    out.push_back(static_cast<char>('0' + (lat % 640) / 80));
    out.push_back(static_cast<char>('0' + (lon % 640) / 80));
  }
  if (g.level >= MeshLevel::Third) {
    out.push_back(static_cast<char>('0' + (lat % 80) / 8));
    out.push_back(static_cast<char>('0' + (lon % 80) / 8));
  }
  const std::array<std::int64_t, 3> sub = {4, 2, 1};
  for (int k = idx(MeshLevel::Half); k <= idx(g.level); ++k) {
    const std::int64_t s = sub[k - idx(MeshLevel::Half)];
    const std::int64_t q = ((lat % (2 * s)) / s) * 2 + (lon % (2 * s)) / s;
    out.push_back(static_cast<char>('1' + q));
  }
  return out;
}

bool inDomain(const GridCell& g) {
  const std::int64_t n = kDomainUnits / span(g.level);
  return g.row >= 0 && g.col >= 0 && g.row < n && g.col < n;
}

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

void checkBoxArgs(double south, double west, double north, double east) {
  if (!std::isfinite(south) || !std::isfinite(west) || !std::isfinite(north) || !std::isfinite(east))
    throw MeshError("bounding box has a non-finite coordinate");
  if (south > north)
    throw MeshError("bounding box has south > north (" + fmt(south) + " > " + fmt(north) + ")");
  if (west > east)
    throw MeshError("bounding box has west > east (" + fmt(west) + " > " + fmt(east) + ")");
}

// Index ranges of the cells whose interior intersects [lo, hi] (in grid units), clipped
// to the domain. Returns false if empty.
bool indexRange(double lo, double hi, std::int64_t s, std::int64_t& first, std::int64_t& last) {
  const double n = static_cast<double>(kDomainUnits / s);
  const double a = lo / static_cast<double>(s);
  const double b = hi / static_cast<double>(s);
  double f = std::floor(a + kSnap);
  double l = std::ceil(b - kSnap) - 1.0;
  if (l < f) l = f;  // degenerate: the cell containing the point
  f = std::max(f, 0.0);
  l = std::min(l, n - 1.0);
  if (l < f) return false;
  first = static_cast<std::int64_t>(f);
  last = static_cast<std::int64_t>(l);
  return true;
}

}  // namespace

const char* levelName(MeshLevel level) {
  switch (level) {
    case MeshLevel::First: return "1";
    case MeshLevel::Second: return "2";
    case MeshLevel::Third: return "3";
    case MeshLevel::Half: return "1/2";
    case MeshLevel::Quarter: return "1/4";
    case MeshLevel::Eighth: return "1/8";
  }
  return "?";
}

const char* levelSizeName(MeshLevel level) {
  switch (level) {
    case MeshLevel::First: return "80km";
    case MeshLevel::Second: return "10km";
    case MeshLevel::Third: return "1km";
    case MeshLevel::Half: return "500m";
    case MeshLevel::Quarter: return "250m";
    case MeshLevel::Eighth: return "125m";
  }
  return "?";
}

const std::vector<MeshLevel>& allLevels() {
  static const std::vector<MeshLevel> levels = {MeshLevel::First,   MeshLevel::Second,
                                                MeshLevel::Third,   MeshLevel::Half,
                                                MeshLevel::Quarter, MeshLevel::Eighth};
  return levels;
}

MeshLevel levelFromName(std::string_view name) {
  for (MeshLevel l : allLevels())
    if (name == levelName(l) || name == levelSizeName(l)) return l;
  if (name == "1st") return MeshLevel::First;
  if (name == "2nd") return MeshLevel::Second;
  if (name == "3rd") return MeshLevel::Third;
  ErrorContext c;
  c.expected = levelList();
  c.found = std::string(name);
  throw core::Error(core::ErrorCode::Usage, "unknown mesh level", c);
}

int codeLength(MeshLevel level) { return kLength[idx(level)]; }

void validateCode(std::string_view code) {
  if (!levelFromLength(code.size()))
    throw codeError(code, "wrong length", "4, 6, 8, 9, 10 or 11 digits",
                    std::to_string(code.size()) + " characters");
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char ch = code[i];
    const std::string pos = std::to_string(i + 1);
    if (ch < '0' || ch > '9')
      throw codeError(code, "position " + pos + " is not a digit", "a digit 0-9", std::string(1, ch));
    if ((i == 4 || i == 5) && ch > '7')
      throw codeError(code,
                      i == 4 ? "position " + pos + " (2nd-mesh row) out of range"
                             : "position " + pos + " (2nd-mesh column) out of range",
                      "a digit 0-7", std::string(1, ch));
    if (i >= 8 && (ch < '1' || ch > '4')) {
      static const char* names[] = {"1/2", "1/4", "1/8"};
      throw codeError(code, "position " + pos + " (" + names[i - 8] + "-mesh quadrant) out of range",
                      "a digit 1-4", std::string(1, ch));
    }
  }
}

bool isValidCode(std::string_view code) {
  try {
    validateCode(code);
    return true;
  } catch (const MeshError&) {
    return false;
  }
}

MeshLevel levelOf(std::string_view code) {
  validateCode(code);
  return *levelFromLength(code.size());
}

std::string encode(double lat, double lon, MeshLevel level) {
  if (!std::isfinite(lat) || !std::isfinite(lon))
    throw MeshError("cannot encode a non-finite coordinate (lat " + fmt(lat) + ", lon " + fmt(lon) + ")");
  const std::int64_t la = unitsFloor(latUnits(lat));
  const std::int64_t lo = unitsFloor(lonUnits(lon));
  if (la < 0 || la >= kDomainUnits || lo < 0 || lo >= kDomainUnits) {
    ErrorContext c;
    c.expected = "0 <= lat < 66.6667 and 100 <= lon < 200";
    c.found = "lat " + fmt(lat) + ", lon " + fmt(lon);
    throw MeshError("point outside the JIS X 0410 mesh domain", c);
  }
  return fromGrid({la / span(level), lo / span(level), level});
}

MeshCell decode(std::string_view code) {
  const GridCell g = toGrid(code);
  const std::int64_t s = span(g.level);
  MeshCell cell;
  cell.code = std::string(code);
  cell.level = g.level;
  cell.south = static_cast<double>(g.row * s) / kUnitsPerDegLat;
  cell.north = static_cast<double>((g.row + 1) * s) / kUnitsPerDegLat;
  cell.west = kLonOrigin + static_cast<double>(g.col * s) / kUnitsPerDegLon;
  cell.east = kLonOrigin + static_cast<double>((g.col + 1) * s) / kUnitsPerDegLon;
  return cell;
}

std::string parent(std::string_view code, MeshLevel coarser) {
  const GridCell g = toGrid(code);
  if (idx(coarser) > idx(g.level))
    throw MeshError("cannot take the level-" + std::string(levelName(coarser)) + " parent of mesh code '" +
                    std::string(code) + "' (level " + levelName(g.level) + "): the level is finer");
  const std::int64_t f = span(coarser) / span(g.level);
  return fromGrid({g.row / f, g.col / f, coarser});
}

std::vector<std::string> children(std::string_view code) {
  const GridCell g = toGrid(code);
  if (g.level == MeshLevel::Eighth)
    throw MeshError("mesh code '" + std::string(code) + "' is a 1/8 mesh, the finest level: it has no children");
  const MeshLevel finer = static_cast<MeshLevel>(idx(g.level) + 1);
  const std::int64_t f = span(g.level) / span(finer);
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(f * f));
  for (std::int64_t r = 0; r < f; ++r)
    for (std::int64_t c = 0; c < f; ++c) out.push_back(fromGrid({g.row * f + r, g.col * f + c, finer}));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> neighbours(std::string_view code) {
  const GridCell g = toGrid(code);
  std::vector<std::string> out;
  for (int dr = -1; dr <= 1; ++dr)
    for (int dc = -1; dc <= 1; ++dc) {
      if (dr == 0 && dc == 0) continue;
      const GridCell n{g.row + dr, g.col + dc, g.level};
      if (inDomain(n)) out.push_back(fromGrid(n));
    }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> cellsCoveringBBox(double south, double west, double north, double east,
                                           MeshLevel level) {
  checkBoxArgs(south, west, north, east);
  const std::int64_t s = span(level);
  std::int64_t r0, r1, c0, c1;
  if (!indexRange(latUnits(south), latUnits(north), s, r0, r1) ||
      !indexRange(lonUnits(west), lonUnits(east), s, c0, c1))
    throw MeshError("bounding box (" + fmt(south) + ", " + fmt(west) + ") - (" + fmt(north) + ", " + fmt(east) +
                    ") lies outside the JIS X 0410 mesh domain");
  const auto count = static_cast<std::size_t>((r1 - r0 + 1) * (c1 - c0 + 1));
  if (count > kMaxCells)
    throw MeshError("bounding box needs " + std::to_string(count) + " level-" + levelName(level) +
                    " cells (limit " + std::to_string(kMaxCells) + ")");
  std::vector<std::string> out;
  out.reserve(count);
  for (std::int64_t r = r0; r <= r1; ++r)
    for (std::int64_t c = c0; c <= c1; ++c) out.push_back(fromGrid({r, c, level}));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> cellsCoveringPolygon(const std::vector<std::pair<double, double>>& ring,
                                              MeshLevel level) {
  if (ring.size() < 3) throw MeshError("polygon needs at least 3 vertices, got " + std::to_string(ring.size()));
  // Work in cell units of this level: x = column coordinate, y = row coordinate.
  const double s = static_cast<double>(span(level));
  std::vector<std::pair<double, double>> pts;  // (x, y)
  pts.reserve(ring.size());
  double minX = std::numeric_limits<double>::infinity(), maxX = -minX, minY = minX, maxY = -minX;
  for (const auto& [lon, lat] : ring) {
    if (!std::isfinite(lon) || !std::isfinite(lat)) throw MeshError("polygon has a non-finite coordinate");
    const double x = lonUnits(lon) / s, y = latUnits(lat) / s;
    pts.emplace_back(x, y);
    minX = std::min(minX, x);
    maxX = std::max(maxX, x);
    minY = std::min(minY, y);
    maxY = std::max(maxY, y);
  }
  if (pts.front() == pts.back()) pts.pop_back();
  if (pts.size() < 3) throw MeshError("polygon needs at least 3 distinct vertices");
  const std::int64_t n = kDomainUnits / span(level);
  const std::int64_t r0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(minY)));
  const std::int64_t r1 = std::min<std::int64_t>(n - 1, static_cast<std::int64_t>(std::ceil(maxY)) - 1);
  const std::int64_t c0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(minX)));
  const std::int64_t c1 = std::min<std::int64_t>(n - 1, static_cast<std::int64_t>(std::ceil(maxX)) - 1);
  if (r1 < r0 || c1 < c0) throw MeshError("polygon lies outside the JIS X 0410 mesh domain (or has no area)");
  if (static_cast<double>(r1 - r0 + 1) * static_cast<double>(c1 - c0 + 1) > static_cast<double>(kMaxCells))
    throw MeshError("polygon's bounding box needs more than " + std::to_string(kMaxCells) + " level-" +
                    levelName(level) + " cells");

  std::set<std::pair<std::int64_t, std::int64_t>> cells;  // (row, col)
  constexpr double eps = 1e-9;                           // in cell units
  const std::size_t m = pts.size();
  // 1) Cells crossed by an edge: per row band, clip the edge to the open band and take
  //    the columns whose open interval meets the clipped x range.
  for (std::size_t i = 0; i < m; ++i) {
    auto [x1, y1] = pts[i];
    auto [x2, y2] = pts[(i + 1) % m];
    const double ylo = std::min(y1, y2), yhi = std::max(y1, y2);
    const std::int64_t er0 = std::max(r0, static_cast<std::int64_t>(std::floor(ylo)));
    const std::int64_t er1 = std::min(r1, static_cast<std::int64_t>(std::ceil(yhi)) - 1);
    for (std::int64_t r = er0; r <= er1; ++r) {
      const double bLo = static_cast<double>(r) + eps, bHi = static_cast<double>(r + 1) - eps;
      double xa, xb;
      if (y1 == y2) {
        if (y1 <= bLo || y1 >= bHi) continue;  // horizontal edge on a grid line: touches only
        xa = std::min(x1, x2);
        xb = std::max(x1, x2);
      } else {
        double t0 = (bLo - y1) / (y2 - y1), t1 = (bHi - y1) / (y2 - y1);
        if (t0 > t1) std::swap(t0, t1);
        t0 = std::max(t0, 0.0);
        t1 = std::min(t1, 1.0);
        if (t0 > t1) continue;
        const double xa0 = x1 + t0 * (x2 - x1), xb0 = x1 + t1 * (x2 - x1);
        xa = std::min(xa0, xb0);
        xb = std::max(xa0, xb0);
      }
      std::int64_t ca = static_cast<std::int64_t>(std::floor(xa + eps));
      std::int64_t cb = static_cast<std::int64_t>(std::ceil(xb - eps)) - 1;
      if (cb < ca) {
        // A (near) vertical edge exactly on a column line touches only.
        if (std::abs(xa - std::round(xa)) <= eps && std::abs(xb - std::round(xb)) <= eps) continue;
        cb = ca;
      }
      ca = std::max(ca, c0);
      cb = std::min(cb, c1);
      for (std::int64_t c = ca; c <= cb; ++c) cells.emplace(r, c);
    }
  }
  // 2) Cells entirely inside: scanline through each row's centre (even-odd rule); a cell
  //    not crossed by an edge is inside iff its centre is.
  std::vector<double> xs;
  for (std::int64_t r = r0; r <= r1; ++r) {
    const double y = static_cast<double>(r) + 0.5;
    xs.clear();
    for (std::size_t i = 0; i < m; ++i) {
      auto [x1, y1] = pts[i];
      auto [x2, y2] = pts[(i + 1) % m];
      if ((y1 > y) != (y2 > y)) xs.push_back(x1 + (y - y1) / (y2 - y1) * (x2 - x1));
    }
    std::sort(xs.begin(), xs.end());
    for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
      // Columns whose centre c + 0.5 lies in [xs[k], xs[k+1]].
      const std::int64_t ca = std::max(c0, static_cast<std::int64_t>(std::ceil(xs[k] - 0.5)));
      const std::int64_t cb = std::min(c1, static_cast<std::int64_t>(std::floor(xs[k + 1] - 0.5)));
      for (std::int64_t c = ca; c <= cb; ++c) cells.emplace(r, c);
    }
  }
  std::vector<std::string> out;
  out.reserve(cells.size());
  for (const auto& [r, c] : cells) out.push_back(fromGrid({r, c, level}));
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, AggregatedValue> aggregate(const std::map<std::string, double>& values, MeshLevel coarser) {
  std::map<std::string, AggregatedValue> out;
  for (const auto& [code, value] : values) {
    auto& a = out.try_emplace(parent(code, coarser), AggregatedValue{0.0, 0, 0}).first->second;
    if (std::isnan(value)) {
      ++a.missing;
    } else {
      a.sum += value;
      ++a.present;
    }
  }
  for (auto& [code, a] : out)
    if (a.present == 0) a.sum = std::numeric_limits<double>::quiet_NaN();
  return out;
}

}  // namespace ekm::mesh
