#pragma once
// JIS X 0410 regional mesh codes (地域メッシュ).
//
// Levels and code lengths:
//   1st  (~80 km)  4 digits  pp uu        p = floor(lat * 1.5), u = floor(lon) - 100
//   2nd  (~10 km)  6 digits  + q v        8 x 8 inside a 1st mesh (q, v in 0..7)
//   3rd  (~1 km)   8 digits  + r w        10 x 10 inside a 2nd mesh (r, w in 0..9)
//   1/2  (~500 m)  9 digits  + h          2 x 2 inside a 3rd mesh: 1 SW, 2 SE, 3 NW, 4 NE
//   1/4  (~250 m) 10 digits  + h          2 x 2 inside a 1/2 mesh, same numbering
//   1/8  (~125 m) 11 digits  + h          2 x 2 inside a 1/4 mesh, same numbering
//
// Cells are half-open: [south, north) x [west, east). A point exactly on an edge belongs
// to the cell to its north / east (the convention of jismesh and japanmesh). Coordinates
// that lie within ~1e-10 degree (about 0.01 mm) below an edge are snapped onto it, so a
// decimal rendering of 35 deg 20' such as 35.333333333333 falls into the northern cell.
//
// The mesh domain is the area the 4-digit scheme can express: 0 <= lat < 66.666... (p <= 99)
// and 100 <= lon < 200 (u <= 99). Encoding a point outside it throws MeshError.
//
// All arithmetic is done on an integer grid of 1/8-mesh units (1/960 degree of latitude,
// 1/640 degree of longitude), so bounds are exact up to one final division.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ekm::mesh {

enum class MeshLevel { First = 1, Second = 2, Third = 3, Half = 4, Quarter = 5, Eighth = 6 };  // 4,6,8,9,10,11 digits

const char* levelName(MeshLevel level);           // "1","2","3","1/2","1/4","1/8"
// Accepts the names above and "80km","10km","1km","500m","250m","125m" (also "1st","2nd",
// "3rd"). Throws core::Error(ErrorCode::Usage) for anything else.
MeshLevel levelFromName(std::string_view name);
int codeLength(MeshLevel level);                  // 4, 6, 8, 9, 10, 11
// Nominal cell size in metres ("80km" ... "125m" as written in the standard's names).
const char* levelSizeName(MeshLevel level);
// All levels from coarse to fine.
const std::vector<MeshLevel>& allLevels();

struct MeshCell {
  std::string code;
  MeshLevel level;
  double south, west, north, east;  // degrees (JGD2011 / WGS84 lat/lon)
  double centerLat() const { return 0.5 * (south + north); }
  double centerLon() const { return 0.5 * (west + east); }
};

// Code of the cell containing (lat, lon). Throws core::MeshError outside the mesh domain
// or for non-finite coordinates.
std::string encode(double lat, double lon, MeshLevel level);
// Bounds of a code. Throws core::MeshError naming the code, the (1-based) position and
// what was expected when the code is malformed.
MeshCell decode(std::string_view code);
bool isValidCode(std::string_view code);
// Level of a valid code; throws MeshError for an invalid one.
MeshLevel levelOf(std::string_view code);
// Throws MeshError describing the first problem of an invalid code; returns otherwise.
void validateCode(std::string_view code);
// Whether the code's first mesh (its 4 leading digits) is one of the 176 first meshes
// that cover Japan (land and islands, per the Statistics Bureau's list). The mesh domain
// above is wider (it is what the 4-digit scheme can express); importers of Japanese data
// check this too (ekm/io/domain_checks.h).
bool isJapanFirstMesh(std::string_view code);

// Ancestor at `coarser` (the same level returns the code itself). Throws MeshError if
// `coarser` is finer than the code's level.
std::string parent(std::string_view code, MeshLevel coarser);
// The cells of the next finer level inside `code`, sorted (64 for a 1st mesh, 100 for a
// 2nd, 4 for a 3rd/1/2/1/4). Throws MeshError for a 1/8 code.
std::vector<std::string> children(std::string_view code);
// The 8 surrounding cells at the same level, across 1st/2nd/3rd mesh borders, sorted.
// At the edge of the mesh domain the cells outside it are left out (fewer than 8).
std::vector<std::string> neighbours(std::string_view code);

// Cells whose interior intersects the box (a degenerate box gives the cell containing its
// point), clipped to the mesh domain, sorted. Throws MeshError if south > north,
// west > east, a value is not finite, the box misses the domain, or it would need more
// than 20 million cells.
std::vector<std::string> cellsCoveringBBox(double south, double west, double north, double east,
                                           MeshLevel level);
// Cells whose interior intersects the polygon given as one ring of (lon, lat) pairs
// (closed or not; either orientation), sorted. Cells that only touch the polygon's
// boundary along an edge or at a corner are not included. Throws MeshError for fewer than
// 3 vertices, non-finite values or a polygon outside the domain.
std::vector<std::string> cellsCoveringPolygon(const std::vector<std::pair<double, double>>& lonLatRing,
                                              MeshLevel level);

// Aggregation finer -> coarser. For every coarser cell: `sum` of the present (non-NaN)
// input values, `present` = number of non-NaN inputs, `missing` = number of NaN inputs.
// A coarser cell whose inputs are all NaN has sum = NaN (no data is not zero). Inputs at
// the target level pass through as their own parent. Throws MeshError for an invalid code
// or a code coarser than `coarser`.
struct AggregatedValue {
  double sum;
  int present;
  int missing;
};
std::map<std::string, AggregatedValue> aggregate(const std::map<std::string, double>& values,
                                                 MeshLevel coarser);

}  // namespace ekm::mesh
