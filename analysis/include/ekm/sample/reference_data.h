#pragma once
// The committed real-geography reference subset the sample generator reads
// (data/samples/reference/, see SOURCES.md there): stations, 2015 census population per
// 500 m mesh, PLATEAU building centroids, rail lines, hand-traced main roads.
#include <map>
#include <string>
#include <vector>

namespace ekm::sample {

struct LonLatPoint {
  double lon = 0;
  double lat = 0;
};
using LonLatLine = std::vector<LonLatPoint>;

struct ReferenceStation {
  std::string id;
  std::string nameJa;
  std::string nameEn;
  std::string operatorName;
  std::string lines;
  double lat = 0, lon = 0;
};

struct ReferenceBuilding {
  double lon = 0, lat = 0;
  double heightM = 0;
  double floorAreaM2 = 0;
  std::string id;          // PLATEAU building id
  double roofAreaM2 = 0;   // roof-edge area; 0 = unknown
};

struct ReferenceRail {
  std::string lineName;
  std::string operatorName;
  bool barrier = false;  // surface JR tracks: streets may cross them only at designated crossings
  std::vector<LonLatLine> parts;
};

struct ReferenceRoad {
  std::string roadId;
  std::string name;
  std::string roadClass;
  int oneway = 0;
  bool crossing = false;  // a real crossing of the tracks (bridge, underpass, station passage)
  std::string comment;
  LonLatLine line;
};

struct ReferenceData {
  std::vector<ReferenceStation> stations;
  std::map<std::string, int> census2015;  // 9-digit 1/2 mesh code -> population (-1 = suppressed)
  std::vector<ReferenceBuilding> buildings;
  std::vector<ReferenceRail> rails;
  std::vector<ReferenceRoad> mainRoads;
};

// core::sampleDataDir() + "/reference": /usr/share/ekimachi/reference when installed, the source
// tree's data/samples/reference when run from a build.
std::string defaultReferenceDir();
// Reads the five files of the reference directory. Throws IoError / ParseError naming the
// file and line on any problem.
ReferenceData loadReferenceData(const std::string& dir);

}  // namespace ekm::sample
