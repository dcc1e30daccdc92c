// JIS X 0410 mesh codes: checked against the published test vectors of jismesh and
// japanmesh (tests/data/mesh, see SOURCE.txt), plus hand-derived boundary cases.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/mesh/mesh_code.h"

using namespace ekm::mesh;
using ekm::core::Error;
using ekm::core::ErrorCode;
using ekm::core::MeshError;

namespace {

std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      out.push_back(cur);
      cur.clear();
    } else if (ch != '\r') {
      cur.push_back(ch);
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::vector<std::string>> readCsv(const std::string& name) {
  std::ifstream in(std::string(EKM_TEST_DATA_DIR) + "/mesh/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(splitCsvLine(line));
  return rows;
}

// Maps the level column of meshcode_vectors.csv to a standard level; nullopt for the
// non-standard subdivisions (5000 m, 2000 m, jismesh 7-10, ...).
std::optional<MeshLevel> vectorLevel(const std::string& s) {
  static const std::map<std::string, MeshLevel> m = {
      {"jismesh level 1", MeshLevel::First},       {"jismesh level 2", MeshLevel::Second},
      {"jismesh level 3", MeshLevel::Third},       {"jismesh level 4", MeshLevel::Half},
      {"jismesh level 5", MeshLevel::Quarter},     {"jismesh level 6", MeshLevel::Eighth},
      {"japanmesh level 80000", MeshLevel::First}, {"japanmesh level 10000", MeshLevel::Second},
      {"japanmesh level 1000", MeshLevel::Third},  {"japanmesh level 500", MeshLevel::Half},
      {"japanmesh level 250", MeshLevel::Quarter}, {"japanmesh level 125", MeshLevel::Eighth},
  };
  if (auto it = m.find(s); it != m.end()) return it->second;
  static const std::vector<std::pair<std::string, MeshLevel>> prefixes = {
      {"1st(", MeshLevel::First}, {"2nd(", MeshLevel::Second},  {"3rd(", MeshLevel::Third},
      {"1/2(", MeshLevel::Half},  {"1/4(", MeshLevel::Quarter}, {"1/8(", MeshLevel::Eighth}};
  for (const auto& [p, l] : prefixes)
    if (s.rfind(p, 0) == 0) return l;
  return std::nullopt;
}

ErrorCode codeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::Ok;
}

std::string messageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST(MeshVectors, EveryStandardVectorEncodes) {
  const auto rows = readCsv("meshcode_vectors.csv");
  ASSERT_EQ(rows.size(), 164u);
  int checked = 0, skipped = 0;
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 6u);
    const auto level = vectorLevel(r[4]);
    if (!level) {
      ++skipped;
      continue;
    }
    const double lat = std::stod(r[2]), lon = std::stod(r[3]);
    EXPECT_EQ(encode(lat, lon, *level), r[5]) << r[1] << " " << r[4];
    // The decoded cell contains the point, and the code round-trips.
    const MeshCell c = decode(r[5]);
    EXPECT_EQ(c.level, *level);
    EXPECT_LE(c.south, lat);
    EXPECT_LT(lat, c.north);
    EXPECT_LE(c.west, lon);
    EXPECT_LT(lon, c.east);
    EXPECT_EQ(encode(c.centerLat(), c.centerLon(), *level), r[5]);
    ++checked;
  }
  // 2 jismesh points x 6 levels + 6 japanmesh levels + 20 study points x 6 levels.
  EXPECT_EQ(checked, 12 + 6 + 120);
  EXPECT_EQ(skipped, 164 - 138);
}

TEST(MeshVectors, EveryBoundMatches) {
  const auto rows = readCsv("meshcode_bounds.csv");
  ASSERT_EQ(rows.size(), 17u);
  for (const auto& r : rows) {
    const MeshCell c = decode(r[0]);
    EXPECT_EQ(codeLength(c.level), std::stoi(r[1]));
    EXPECT_NEAR(c.south, std::stod(r[2]), 1e-9) << r[0];
    EXPECT_NEAR(c.west, std::stod(r[3]), 1e-9) << r[0];
    EXPECT_NEAR(c.north, std::stod(r[4]), 1e-9) << r[0];
    EXPECT_NEAR(c.east, std::stod(r[5]), 1e-9) << r[0];
  }
}

TEST(MeshCode, PublishedExamples) {
  // SOURCE.txt: the study centre's 125 m mesh and japanmesh's published 125 m polygon.
  const MeshCell a = decode("53393569141");
  EXPECT_NEAR(a.south, 35.635416667, 1e-9);
  EXPECT_NEAR(a.north, 35.636458333, 1e-9);
  EXPECT_NEAR(a.west, 139.740625, 1e-12);
  EXPECT_NEAR(a.east, 139.7421875, 1e-12);
  const MeshCell b = decode("53394547112");
  EXPECT_NEAR(b.west, 139.7140625, 1e-12);
  EXPECT_NEAR(b.east, 139.715625, 1e-12);
  EXPECT_NEAR(b.south, 35.7, 1e-12);
  EXPECT_NEAR(b.north, 35.70104166666666, 1e-12);
}

TEST(MeshCode, Levels) {
  EXPECT_EQ(codeLength(MeshLevel::First), 4);
  EXPECT_EQ(codeLength(MeshLevel::Second), 6);
  EXPECT_EQ(codeLength(MeshLevel::Third), 8);
  EXPECT_EQ(codeLength(MeshLevel::Half), 9);
  EXPECT_EQ(codeLength(MeshLevel::Quarter), 10);
  EXPECT_EQ(codeLength(MeshLevel::Eighth), 11);
  for (MeshLevel l : allLevels()) {
    EXPECT_EQ(levelFromName(levelName(l)), l);
    EXPECT_EQ(levelFromName(levelSizeName(l)), l);
  }
  EXPECT_EQ(levelFromName("1/8"), MeshLevel::Eighth);
  EXPECT_EQ(levelFromName("125m"), MeshLevel::Eighth);
  EXPECT_EQ(levelFromName("250m"), MeshLevel::Quarter);
  EXPECT_EQ(levelFromName("500m"), MeshLevel::Half);
  EXPECT_EQ(levelFromName("1km"), MeshLevel::Third);
  EXPECT_STREQ(levelName(MeshLevel::Half), "1/2");
  EXPECT_EQ(codeOf([] { levelFromName("1/16"); }), ErrorCode::Usage);
  EXPECT_EQ(codeOf([] { levelFromName(""); }), ErrorCode::Usage);
}

TEST(MeshCode, EdgesBelongToNorthAndEast) {
  // The 1st-mesh corner at lat 35 deg 20' (= 53 * 40'), lon 140: the point is in 5440's
  // south-west corner, not in 5339/5340/5439.
  const double lat = 35.0 + 20.0 / 60.0;
  EXPECT_EQ(encode(lat, 140.0, MeshLevel::First), "5340");
  EXPECT_EQ(encode(lat, 140.0, MeshLevel::Eighth), "53400000111");
  EXPECT_EQ(encode(lat - 1e-7, 140.0 - 1e-7, MeshLevel::First), "5239");
  EXPECT_EQ(encode(lat - 1e-7, 140.0 - 1e-7, MeshLevel::Eighth), "52397799444");
  EXPECT_EQ(encode(lat, 140.0 - 1e-7, MeshLevel::Third), "53390709");
  EXPECT_EQ(encode(lat - 1e-7, 140.0, MeshLevel::Third), "52407090");
  // A 12-decimal rendering of 35 deg 20' still counts as on the edge.
  EXPECT_EQ(encode(35.333333333333, 139.5, MeshLevel::First), "5339");
  EXPECT_EQ(encode(35.333333333, 139.5, MeshLevel::First), "5239");  // 0.1 mm south
  // 2nd-mesh edge inside 5339: lat 35 deg 25' is the edge between rows 0 and 1.
  EXPECT_EQ(encode(35.0 + 25.0 / 60.0, 139.0, MeshLevel::Second), "533910");
  // 3rd-mesh edge: lon 139 deg 45' is between 533935 column 9 and 533936 column 0.
  EXPECT_EQ(encode(35.64, 139.75, MeshLevel::Third), "53393660");
  // Half-mesh edges.
  const MeshCell c = decode("53393569");
  EXPECT_EQ(encode(c.centerLat(), c.centerLon(), MeshLevel::Half), "533935694");
  EXPECT_EQ(encode(c.south, c.west, MeshLevel::Half), "533935691");
  EXPECT_EQ(encode(c.centerLat(), c.west, MeshLevel::Half), "533935693");
  EXPECT_EQ(encode(c.south, c.centerLon(), MeshLevel::Half), "533935692");
}

TEST(MeshCode, FirstMeshBoundaryBounds) {
  const MeshCell a = decode("5339");
  EXPECT_DOUBLE_EQ(a.north, 36.0);
  EXPECT_NEAR(a.south, 35.0 + 20.0 / 60.0, 1e-12);
  const MeshCell b = decode("5340");
  EXPECT_DOUBLE_EQ(b.west, 140.0);
  EXPECT_DOUBLE_EQ(b.east, 141.0);
  EXPECT_DOUBLE_EQ(a.east, b.west);
  const MeshCell s = decode("52397799444");  // the last 1/8 cell before the corner
  EXPECT_NEAR(s.north, 35.0 + 20.0 / 60.0, 1e-12);
  EXPECT_NEAR(s.east, 140.0, 1e-12);
  EXPECT_NEAR(s.north - s.south, 3.75 / 3600.0, 1e-12);
  EXPECT_NEAR(s.east - s.west, 5.625 / 3600.0, 1e-12);
}

TEST(MeshCode, OutsideDomain) {
  EXPECT_EQ(codeOf([] { encode(35.0, 99.9, MeshLevel::First); }), ErrorCode::Mesh);
  EXPECT_EQ(codeOf([] { encode(35.0, 200.0, MeshLevel::First); }), ErrorCode::Mesh);
  EXPECT_EQ(codeOf([] { encode(-0.1, 139.0, MeshLevel::First); }), ErrorCode::Mesh);
  EXPECT_EQ(codeOf([] { encode(66.7, 139.0, MeshLevel::First); }), ErrorCode::Mesh);
  EXPECT_EQ(codeOf([] { encode(std::nan(""), 139.0, MeshLevel::First); }), ErrorCode::Mesh);
  EXPECT_EQ(encode(0.0, 100.0, MeshLevel::Third), "00000000");
  EXPECT_EQ(encode(66.66, 199.99, MeshLevel::First), "9999");
}

TEST(MeshCode, InvalidCodesNameCodePositionAndExpectation) {
  EXPECT_FALSE(isValidCode(""));
  EXPECT_FALSE(isValidCode("53393"));
  EXPECT_FALSE(isValidCode("533935691412"));
  EXPECT_FALSE(isValidCode("5339a5"));
  EXPECT_FALSE(isValidCode("533985"));   // 2nd-mesh row 8
  EXPECT_FALSE(isValidCode("533959"));   // 2nd-mesh column 9
  EXPECT_FALSE(isValidCode("533935690"));  // half quadrant 0
  EXPECT_FALSE(isValidCode("5339356915"));  // quarter quadrant 5
  EXPECT_TRUE(isValidCode("53393569141"));
  EXPECT_TRUE(isValidCode("53393599"));

  std::string m = messageOf([] { decode("53393"); });
  EXPECT_NE(m.find("'53393'"), std::string::npos) << m;
  EXPECT_NE(m.find("4, 6, 8, 9, 10 or 11 digits"), std::string::npos) << m;
  m = messageOf([] { decode("533985"); });
  EXPECT_NE(m.find("'533985'"), std::string::npos) << m;
  EXPECT_NE(m.find("position 5"), std::string::npos) << m;
  EXPECT_NE(m.find("0-7"), std::string::npos) << m;
  m = messageOf([] { decode("5339356915"); });
  EXPECT_NE(m.find("position 10"), std::string::npos) << m;
  EXPECT_NE(m.find("1-4"), std::string::npos) << m;
  EXPECT_NE(m.find("found '5'"), std::string::npos) << m;
  m = messageOf([] { decode("53x9"); });
  EXPECT_NE(m.find("position 3"), std::string::npos) << m;
  EXPECT_EQ(codeOf([] { decode("533985"); }), ErrorCode::Mesh);
  EXPECT_THROW(decode("5339-5"), MeshError);
}

TEST(MeshCode, RoundTripsOnAGrid) {
  // Every level: the centre of a decoded cell encodes back to it, and random points fall
  // inside the decoded cell of their code.
  for (MeshLevel l : allLevels()) {
    for (double lat = 24.05; lat < 45.6; lat += 0.731) {
      for (double lon = 122.9; lon < 153.9; lon += 0.917) {
        const std::string code = encode(lat, lon, l);
        ASSERT_EQ(static_cast<int>(code.size()), codeLength(l));
        const MeshCell c = decode(code);
        EXPECT_LE(c.south, lat);
        EXPECT_LT(lat, c.north);
        EXPECT_LE(c.west, lon);
        EXPECT_LT(lon, c.east);
        EXPECT_EQ(encode(c.centerLat(), c.centerLon(), l), code);
        EXPECT_EQ(encode(c.south, c.west, l), code);  // the SW corner is inside
        for (MeshLevel p : allLevels()) {
          if (static_cast<int>(p) > static_cast<int>(l)) break;
          EXPECT_EQ(parent(code, p), encode(lat, lon, p));
        }
      }
    }
  }
}

TEST(MeshCode, ParentAndChildren) {
  EXPECT_EQ(parent("53393569141", MeshLevel::First), "5339");
  EXPECT_EQ(parent("53393569141", MeshLevel::Second), "533935");
  EXPECT_EQ(parent("53393569141", MeshLevel::Third), "53393569");
  EXPECT_EQ(parent("53393569141", MeshLevel::Half), "533935691");
  EXPECT_EQ(parent("53393569141", MeshLevel::Quarter), "5339356914");
  EXPECT_EQ(parent("53393569141", MeshLevel::Eighth), "53393569141");
  EXPECT_EQ(codeOf([] { parent("5339", MeshLevel::Second); }), ErrorCode::Mesh);

  const auto c1 = children("5339");
  ASSERT_EQ(c1.size(), 64u);
  EXPECT_EQ(c1.front(), "533900");
  EXPECT_EQ(c1.back(), "533977");
  const auto c2 = children("533935");
  ASSERT_EQ(c2.size(), 100u);
  EXPECT_EQ(c2.front(), "53393500");
  EXPECT_EQ(c2.back(), "53393599");
  EXPECT_EQ(children("53393569"), (std::vector<std::string>{"533935691", "533935692", "533935693", "533935694"}));
  EXPECT_EQ(children("5339356914"),
            (std::vector<std::string>{"53393569141", "53393569142", "53393569143", "53393569144"}));
  EXPECT_EQ(codeOf([] { children("53393569141"); }), ErrorCode::Mesh);
  // Children tile the parent exactly.
  for (const std::string code : {"5339", "533935", "53393569", "533935691", "5339356914"}) {
    const MeshCell p = decode(code);
    double area = 0;
    for (const auto& ch : children(code)) {
      EXPECT_EQ(parent(ch, p.level), code);
      const MeshCell c = decode(ch);
      area += (c.north - c.south) * (c.east - c.west);
    }
    EXPECT_NEAR(area, (p.north - p.south) * (p.east - p.west), 1e-12);
  }
}

TEST(MeshCode, NeighboursAcrossBorders) {
  // Inside a 2nd mesh.
  EXPECT_EQ(neighbours("53393555"), (std::vector<std::string>{"53393544", "53393545", "53393546", "53393554",
                                                                "53393556", "53393564", "53393565", "53393566"}));
  // 53393569 is in column 9 of 533935: its eastern neighbours are in 2nd mesh 533936.
  EXPECT_EQ(neighbours("53393569"), (std::vector<std::string>{"53393558", "53393559", "53393568", "53393578",
                                                                "53393579", "53393650", "53393660", "53393670"}));
  // The 3rd mesh at the NE corner of 1st mesh 5339 (533977 99): neighbours in 5339,
  // 5340, 5439 and 5440.
  EXPECT_EQ(neighbours("53397799"), (std::vector<std::string>{"53397788", "53397789", "53397798", "53407080",
                                                                "53407090", "54390708", "54390709", "54400000"}));
  // 1st mesh neighbours.
  EXPECT_EQ(neighbours("5339"),
            (std::vector<std::string>{"5238", "5239", "5240", "5338", "5340", "5438", "5439", "5440"}));
  // 2nd mesh at the SW corner of 5339.
  {
    auto n = neighbours("533900");
    std::set<std::string> s(n.begin(), n.end());
    EXPECT_EQ(s, (std::set<std::string>{"523877", "523970", "523971", "533807", "533901", "533817", "533910",
                                         "533911"}));
  }
  // 1/8 mesh at the corner of a 1st mesh: every neighbour is adjacent geometrically.
  for (const std::string code : {"52397799444", "53400000111", "53393569141", "533935691"}) {
    const MeshCell c = decode(code);
    const auto ns = neighbours(code);
    ASSERT_EQ(ns.size(), 8u) << code;
    const double h = c.north - c.south, w = c.east - c.west;
    std::set<std::string> expected;
    for (int dr = -1; dr <= 1; ++dr)
      for (int dc = -1; dc <= 1; ++dc)
        if (dr || dc) expected.insert(encode(c.centerLat() + dr * h, c.centerLon() + dc * w, c.level));
    EXPECT_EQ(std::set<std::string>(ns.begin(), ns.end()), expected) << code;
  }
  EXPECT_EQ(neighbours("52397799444").size(), 8u);
  EXPECT_EQ(neighbours("5339")[7], "5440");
  // At the domain's corner only 3 neighbours exist.
  EXPECT_EQ(neighbours("0000").size(), 3u);
}

TEST(MeshCode, CellsCoveringBBox) {
  // The box of a 3rd mesh exactly: its 4 half meshes, nothing across the edges.
  const MeshCell c = decode("53393569");
  EXPECT_EQ(cellsCoveringBBox(c.south, c.west, c.north, c.east, MeshLevel::Half), children("53393569"));
  EXPECT_EQ(cellsCoveringBBox(c.south, c.west, c.north, c.east, MeshLevel::Third),
            std::vector<std::string>{"53393569"});
  EXPECT_EQ(cellsCoveringBBox(c.south, c.west, c.north, c.east, MeshLevel::Eighth).size(), 64u);
  // A degenerate box is the cell of its point.
  EXPECT_EQ(cellsCoveringBBox(35.6355, 139.7407, 35.6355, 139.7407, MeshLevel::Eighth),
            std::vector<std::string>{"53393569141"});
  // Across the 1st-mesh corner at (35 deg 20', 140).
  const auto x = cellsCoveringBBox(35.3, 139.99, 35.4, 140.01, MeshLevel::First);
  EXPECT_EQ(x, (std::vector<std::string>{"5239", "5240", "5339", "5340"}));
  const auto y = cellsCoveringBBox(35.62, 139.72, 35.66, 139.76, MeshLevel::Third);
  EXPECT_EQ(y.size(), static_cast<std::size_t>(6 * 4));  // rows 35.6167..35.6667 x cols 139.7125..139.7625
  EXPECT_EQ(codeOf([] { cellsCoveringBBox(36, 139, 35, 140, MeshLevel::First); }), ErrorCode::Mesh);
  EXPECT_EQ(codeOf([] { cellsCoveringBBox(35, 139, 36, 140, MeshLevel::Eighth); }), ErrorCode::Ok);
  EXPECT_EQ(codeOf([] { cellsCoveringBBox(0, 100, 60, 190, MeshLevel::Eighth); }), ErrorCode::Mesh);
  EXPECT_EQ(codeOf([] { cellsCoveringBBox(-10, 50, -5, 60, MeshLevel::First); }), ErrorCode::Mesh);
}

TEST(MeshCode, CellsCoveringPolygon) {
  // The polygon of a 3rd mesh, as a ring: its own cell and its 4 children, no neighbour.
  const MeshCell c = decode("53393569");
  const std::vector<std::pair<double, double>> square = {
      {c.west, c.south}, {c.east, c.south}, {c.east, c.north}, {c.west, c.north}, {c.west, c.south}};
  EXPECT_EQ(cellsCoveringPolygon(square, MeshLevel::Third), std::vector<std::string>{"53393569"});
  EXPECT_EQ(cellsCoveringPolygon(square, MeshLevel::Half), children("53393569"));
  EXPECT_EQ(cellsCoveringPolygon(square, MeshLevel::Eighth).size(), 64u);
  // A triangle with the lower-left half of the 3rd mesh: at 1/2 level it meets SW, SE, NW
  // (the diagonal passes through the centre corner, NE only touches at a point).
  const std::vector<std::pair<double, double>> tri = {{c.west, c.south}, {c.east, c.south}, {c.west, c.north}};
  EXPECT_EQ(cellsCoveringPolygon(tri, MeshLevel::Half),
            (std::vector<std::string>{"533935691", "533935692", "533935693"}));
  // At 1/8 level (8x8 grid): the diagonal crosses 8 cells, 28 lie below it: 36 in all.
  EXPECT_EQ(cellsCoveringPolygon(tri, MeshLevel::Eighth).size(), 36u);
  // Orientation does not matter.
  const std::vector<std::pair<double, double>> triCw = {{c.west, c.north}, {c.east, c.south}, {c.west, c.south}};
  EXPECT_EQ(cellsCoveringPolygon(triCw, MeshLevel::Eighth), cellsCoveringPolygon(tri, MeshLevel::Eighth));
  // A concave L shape spanning 3x3 3rd meshes, the NE 2x2 cut out: 5 cells.
  const MeshCell sw = decode("53393558");
  const double h = sw.north - sw.south, w = sw.east - sw.west;
  const std::vector<std::pair<double, double>> ell = {
      {sw.west, sw.south},         {sw.west + 3 * w, sw.south}, {sw.west + 3 * w, sw.south + h},
      {sw.west + w, sw.south + h}, {sw.west + w, sw.south + 3 * h}, {sw.west, sw.south + 3 * h}};
  EXPECT_EQ(cellsCoveringPolygon(ell, MeshLevel::Third),
            (std::vector<std::string>{"53393558", "53393559", "53393568", "53393578", "53393650"}));
  // A small polygon inside one cell.
  const std::vector<std::pair<double, double>> tiny = {
      {139.7407, 35.6355}, {139.7408, 35.6355}, {139.7408, 35.6356}};
  EXPECT_EQ(cellsCoveringPolygon(tiny, MeshLevel::Eighth), std::vector<std::string>{"53393569141"});
  // Brute-force cross-check of an irregular polygon: a cell is in the result iff a dense
  // sample of its interior has a point inside the polygon (sampling can only miss slivers,
  // so check the sampled set is a subset and the result is no larger than the bbox set).
  const std::vector<std::pair<double, double>> poly = {
      {139.715, 35.622}, {139.752, 35.618}, {139.761, 35.641}, {139.738, 35.633}, {139.731, 35.659}, {139.712, 35.648}};
  const auto got = cellsCoveringPolygon(poly, MeshLevel::Half);
  std::set<std::string> gotSet(got.begin(), got.end());
  auto inside = [&](double lon, double lat) {
    bool in = false;
    for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
      const auto [xi, yi] = poly[i];
      const auto [xj, yj] = poly[j];
      if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) in = !in;
    }
    return in;
  };
  std::set<std::string> sampled;
  for (double lat = 35.617; lat < 35.660; lat += 0.00011)
    for (double lon = 139.711; lon < 139.762; lon += 0.00013)
      if (inside(lon, lat)) sampled.insert(encode(lat, lon, MeshLevel::Half));
  for (const auto& s : sampled) EXPECT_TRUE(gotSet.count(s)) << s;
  EXPECT_LE(gotSet.size(), sampled.size() + 4);  // at most a few sliver cells more
  EXPECT_GT(sampled.size(), 20u);

  EXPECT_EQ(codeOf([] { cellsCoveringPolygon({{139.0, 35.0}, {139.1, 35.1}}, MeshLevel::Third); }), ErrorCode::Mesh);
}

TEST(MeshAggregate, SumsPresentAndCountsMissing) {
  std::map<std::string, double> v;
  v["53393569141"] = 10;
  v["53393569142"] = 5.5;
  v["53393569143"] = std::nan("");
  v["53393569144"] = 1;
  v["53393569211"] = std::nan("");  // the only input of its 1/4 parent 5339356921
  v["53393570111"] = 2;             // another 3rd mesh
  const auto q = aggregate(v, MeshLevel::Quarter);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_DOUBLE_EQ(q.at("5339356914").sum, 16.5);
  EXPECT_EQ(q.at("5339356914").present, 3);
  EXPECT_EQ(q.at("5339356914").missing, 1);
  EXPECT_TRUE(std::isnan(q.at("5339356921").sum));
  EXPECT_EQ(q.at("5339356921").present, 0);
  EXPECT_EQ(q.at("5339356921").missing, 1);
  EXPECT_DOUBLE_EQ(q.at("5339357011").sum, 2);

  const auto t = aggregate(v, MeshLevel::Third);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_DOUBLE_EQ(t.at("53393569").sum, 16.5);
  EXPECT_EQ(t.at("53393569").present, 3);
  EXPECT_EQ(t.at("53393569").missing, 2);
  EXPECT_EQ(t.at("53393570").present, 1);

  // Mixed input levels are fine as long as none is coarser than the target.
  const auto f = aggregate({{"53393569", 3.0}, {"533935691", 4.0}}, MeshLevel::First);
  EXPECT_DOUBLE_EQ(f.at("5339").sum, 7.0);
  EXPECT_EQ(codeOf([] { aggregate({{"5339", 1.0}}, MeshLevel::Second); }), ErrorCode::Mesh);
  EXPECT_EQ(codeOf([] { aggregate({{"53x9", 1.0}}, MeshLevel::First); }), ErrorCode::Mesh);
  EXPECT_TRUE(aggregate({}, MeshLevel::First).empty());
}
