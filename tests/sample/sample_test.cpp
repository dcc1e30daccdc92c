// Tests of the sample-district generator. They generate small samples (short periods,
// small areas) into temporary directories and check the files against independent facts:
// the real 2015 census values of the committed reference file, the Japanese holiday
// calendar, the rail geometry of the reference file, station names.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "ekm/core/data_dir.h"
#include "ekm/core/calendar.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/sample/random.h"
#include "ekm/sample/reference_data.h"
#include "ekm/sample/sample_generator.h"
#include "ekm/store/project.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace std::chrono;
using ekm::sample::SampleSpec;
using ekm_test::cli;
using ekm_test::readFile;
using ekm_test::TempDir;

namespace {

const double kTgwLon = 139.7406575, kTgwLat = 35.6353954;

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) {
      out.push_back(cur);
      cur.clear();
    } else cur += c;
  }
  out.push_back(cur);
  return out;
}

// Rows of a (possibly gzipped) CSV file, header first.
std::vector<std::vector<std::string>> readCsv(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  gzFile f = gzopen(p.string().c_str(), "rb");  // reads plain files too
  if (!f) return rows;
  std::string line;
  char buf[4096];
  while (gzgets(f, buf, sizeof buf)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      rows.push_back(split(line));
      line.clear();
    }
  }
  if (!line.empty()) rows.push_back(split(line));
  gzclose(f);
  return rows;
}

double distanceM(double lon1, double lat1, double lon2, double lat2) {
  const double kx = 111320.0 * std::cos(kTgwLat * M_PI / 180), ky = 110950.0;
  return std::hypot((lon1 - lon2) * kx, (lat1 - lat2) * ky);
}

// Population[(mesh, date, hour)] with NaN for '*'.
struct MeshTable {
  std::map<std::string, std::map<std::pair<std::string, int>, double>> byCell;
};
MeshTable readMesh(const fs::path& dir) {
  MeshTable t;
  const auto rows = readCsv(dir / "mesh_population.csv.gz");
  EXPECT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"mesh_code", "date", "hour", "population"}));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    t.byCell[r[0]][{r[1], std::stoi(r[2])}] = r[3] == "*" ? NAN : std::stod(r[3]);
  }
  return t;
}

SampleSpec smallSpec(int fromM, int fromD, int toM, int toD, double radius) {
  SampleSpec s;
  s.from = year_month_day{year{2025}, month{static_cast<unsigned>(fromM)}, day{static_cast<unsigned>(fromD)}};
  s.to = year_month_day{year{2025}, month{static_cast<unsigned>(toM)}, day{static_cast<unsigned>(toD)}};
  s.radiusM = radius;
  s.countedLocalSegments = 4;
  return s;
}

// One shared sample spanning the opening: 2025-02-15 .. 2025-04-20, 800 m.
class SampleFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = new TempDir("sample_main");
    s_dir = &s_tmp->path();
    s_summary = new ekm::sample::SampleSummary(
        ekm::sample::generateSampleFiles(smallSpec(2, 15, 4, 20, 800), s_dir->string(), ekm::core::nullFeedback()));
    s_mesh = new MeshTable(readMesh(*s_dir));
  }
  static void TearDownTestSuite() {
    delete s_mesh;
    delete s_summary;
    delete s_tmp;
  }
  static double areaTotal(const std::string& date, int hour) {
    double sum = 0;
    for (const auto& [code, values] : s_mesh->byCell) {
      const double v = values.at({date, hour});
      if (!std::isnan(v)) sum += v;
    }
    return sum;
  }
  static TempDir* s_tmp;
  static const fs::path* s_dir;
  static ekm::sample::SampleSummary* s_summary;
  static MeshTable* s_mesh;
};
TempDir* SampleFixture::s_tmp = nullptr;
const fs::path* SampleFixture::s_dir = nullptr;
ekm::sample::SampleSummary* SampleFixture::s_summary = nullptr;
MeshTable* SampleFixture::s_mesh = nullptr;

}  // namespace

TEST(SampleRandom, FixedSequenceAndMoments) {
  // The engine's output is fixed by the standard: the 10000th value of a default
  // std::mt19937_64 is 9981545732273789042.
  std::mt19937_64 e;
  e.discard(9999);
  EXPECT_EQ(e(), 9981545732273789042ULL);
  ekm::sample::Rng a(42), b(42), c(43);
  double sum = 0, sum2 = 0, diff = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double x = a.normal();
    EXPECT_EQ(x, b.normal());
    diff += std::fabs(x - c.normal());
    sum += x;
    sum2 += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sum2 / n, 1.0, 0.02);
  EXPECT_GT(diff, 0.0);
  double u = 0;
  for (int i = 0; i < n; ++i) {
    const double x = a.uniform();
    ASSERT_GE(x, 0.0);
    ASSERT_LT(x, 1.0);
    u += x;
  }
  EXPECT_NEAR(u / n, 0.5, 0.005);
  double cnt = 0;
  for (int i = 0; i < 20000; ++i) cnt += static_cast<double>(a.count(4.5));
  EXPECT_NEAR(cnt / 20000, 4.5, 0.08);
}

TEST(SampleGenerator, SameSeedSameBytesOtherSeedOtherBytes) {
  const TempDir t1("sample_det1"), t2("sample_det2"), t3("sample_det3");
  const fs::path &d1 = t1.path(), &d2 = t2.path(), &d3 = t3.path();
  SampleSpec s = smallSpec(3, 25, 3, 29, 300);
  ekm::sample::generateSampleFiles(s, d1.string(), ekm::core::nullFeedback());
  ekm::sample::generateSampleFiles(s, d2.string(), ekm::core::nullFeedback());
  s.seed = 2;
  ekm::sample::generateSampleFiles(s, d3.string(), ekm::core::nullFeedback());
  for (const char* f : {"mesh_population.csv.gz", "road_segments.geojson", "segment_counts.csv.gz", "stations.csv",
                        "station_ridership.csv.gz", "weather.csv", "README.md"}) {
    const std::string a = readFile(d1 / f), b = readFile(d2 / f);
    EXPECT_FALSE(a.empty()) << f;
    EXPECT_EQ(a, b) << f << " differs between two runs with the same seed";
  }
  for (const char* f : {"mesh_population.csv.gz", "segment_counts.csv.gz", "station_ridership.csv.gz", "weather.csv",
                        "road_segments.geojson"})
    EXPECT_NE(readFile(d1 / f), readFile(d3 / f)) << f << " is the same for seeds 1 and 2";
  // The real parts do not depend on the seed.
  EXPECT_EQ(readFile(d1 / "stations.csv"), readFile(d3 / "stations.csv"));
}

TEST_F(SampleFixture, NightPopulationOfEach500mCellIsTheCensusValue) {
  // Independent reading of the committed census subset (real e-Stat values).
  std::map<std::string, int> census;
  for (const auto& r : readCsv(ekm::sample::defaultReferenceDir() + "/census2015_mesh500m.csv"))
    if (r[0] != "mesh_code") census[r[0]] = r[1].empty() ? -1 : std::stoi(r[1]);
  // Values quoted in the source's SOURCE.txt for the station's 3rd mesh 53393569.
  EXPECT_EQ(census.at("533935691"), 1502);
  EXPECT_EQ(census.at("533935692"), 1660);
  EXPECT_EQ(census.at("533935693"), 3175);
  EXPECT_EQ(census.at("533935694"), 6859);

  for (const char* date : {"2025-02-19", "2025-03-05", "2025-04-16"}) {  // Wednesdays, 03:00 JST
    std::map<std::string, double> sum;
    std::map<std::string, int> suppressed, children;
    for (const auto& [code, values] : s_mesh->byCell) {
      const std::string parent = code.substr(0, 9);
      const double v = values.at({date, 3});
      ++children[parent];
      if (std::isnan(v)) ++suppressed[parent];
      else sum[parent] += v;
    }
    int exact = 0;
    for (const auto& [parent, n] : children) {
      EXPECT_EQ(n, 16) << parent << " is not covered by all its 1/8 cells";
      const auto it = census.find(parent);
      const double expected = it == census.end() ? 0.0 : it->second;
      const int k = suppressed[parent];
      // Suppressed cells hide 1..9 people each.
      EXPECT_GE(expected - sum[parent], 1.0 * k) << parent << " on " << date;
      EXPECT_LE(expected - sum[parent], 9.0 * k) << parent << " on " << date;
      if (k == 0) {
        EXPECT_EQ(sum[parent], expected) << parent << " on " << date;
        ++exact;
      }
    }
    EXPECT_GE(children.size(), 9u);
    EXPECT_GE(exact, static_cast<int>(children.size()) / 2) << "too many suppressed cells";
    EXPECT_TRUE(children.count("533935694"));
  }
}

TEST_F(SampleFixture, HolidayPatternDiffersFromWeekday) {
  // 2025-02-24 (Monday) is the substitute holiday for the Emperor's Birthday (Sunday 23rd);
  // 2025-02-17 is an ordinary Monday. Documented: weekday daytime population is higher
  // (workers); on Sundays/holidays the daytime total is lower, like a Sunday's.
  ASSERT_TRUE(ekm::core::isJapaneseHoliday(year_month_day{year{2025}, month{2}, day{24}}));
  const double weekday11 = areaTotal("2025-02-17", 11), holiday11 = areaTotal("2025-02-24", 11);
  const double sunday11 = areaTotal("2025-02-23", 11);
  EXPECT_GT(weekday11, 1.15 * holiday11);
  EXPECT_NEAR(holiday11 / sunday11, 1.0, 0.12);
  // On a weekday the area is fuller at 11:00 than at 03:00 (workers come in).
  EXPECT_GT(weekday11, areaTotal("2025-02-17", 3));
  // weather.csv carries the calendar.
  bool found = false;
  for (const auto& r : readCsv(*s_dir / "weather.csv"))
    if (r[0] == "2025-02-24") {
      EXPECT_EQ(r[1], "sunday_holiday");
      EXPECT_FALSE(r[2].empty());
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST_F(SampleFixture, OpeningEffectNearTheStationOnly) {
  auto meanNoon = [&](const std::string& code, const std::string& from, const std::string& to) {
    double sum = 0;
    int n = 0;
    for (const auto& [key, v] : s_mesh->byCell.at(code)) {
      if (key.first < from || key.first > to || key.second != 12 || std::isnan(v)) continue;
      if (ekm::core::dayType(*ekm::core::parseDate(key.first)) != ekm::core::DayType::Weekday) continue;
      sum += v;
      ++n;
    }
    return n > 5 ? sum / n : NAN;
  };
  const std::string stationCell = ekm::mesh::encode(kTgwLat, kTgwLon, ekm::mesh::MeshLevel::Eighth);
  ASSERT_TRUE(s_mesh->byCell.count(stationCell));
  const double before = meanNoon(stationCell, "2025-03-06", "2025-03-26");
  const double after = meanNoon(stationCell, "2025-04-07", "2025-04-20");
  ASSERT_FALSE(std::isnan(before) || std::isnan(after));
  EXPECT_GT(after, 1.3 * before) << "no opening effect at the station";
  double farBefore = 0, farAfter = 0;
  int far = 0;
  for (const auto& [code, values] : s_mesh->byCell) {
    const auto c = ekm::mesh::decode(code);
    if (distanceM(c.centerLon(), c.centerLat(), kTgwLon, kTgwLat) < 1000) continue;
    const double b = meanNoon(code, "2025-03-06", "2025-03-26"), a = meanNoon(code, "2025-04-07", "2025-04-20");
    if (std::isnan(b) || std::isnan(a)) continue;  // mostly suppressed (small) cells
    farBefore += b;
    farAfter += a;
    ++far;
  }
  ASSERT_GT(far, 10);
  EXPECT_NEAR(farAfter / farBefore, 1.0, 0.1) << "far cells changed at the opening";
  // Station ridership: Takanawa Gateway grows, far stations do not.
  std::map<std::string, std::map<bool, double>> daily;
  for (const auto& r : readCsv(*s_dir / "station_ridership.csv.gz")) {
    if (r[0] == "station_id") continue;
    const auto d = ekm::core::parseDate(r[1]);
    if (ekm::core::dayType(*d) != ekm::core::DayType::Weekday) continue;
    if (r[1] >= "2025-03-06" && r[1] <= "2025-03-19") daily[r[0]][false] += std::stod(r[3]) + std::stod(r[4]);
    if (r[1] >= "2025-04-07" && r[1] <= "2025-04-18") daily[r[0]][true] += std::stod(r[3]) + std::stod(r[4]);
  }
  ASSERT_TRUE(daily.count("takanawa-gateway"));
  EXPECT_GT(daily["takanawa-gateway"][true], 1.5 * daily["takanawa-gateway"][false]);
  ASSERT_TRUE(daily.count("shirokane-takanawa"));
  EXPECT_NEAR(daily["shirokane-takanawa"][true] / daily["shirokane-takanawa"][false], 1.0, 0.1);
}

namespace {
struct LL {
  double lon, lat;
};
double orient(LL o, LL a, LL b) { return (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon); }
bool properOrTouch(LL a, LL b, LL c, LL d) {
  const double d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d);
  return d1 * d2 <= 0 && d3 * d4 <= 0 &&
         !(d1 == 0 && d2 == 0);  // collinear overlap does not occur in this data
}
std::vector<LL> coords(const nlohmann::json& arr) {
  std::vector<LL> v;
  for (const auto& c : arr) v.push_back({c[0].get<double>(), c[1].get<double>()});
  return v;
}
}  // namespace

TEST_F(SampleFixture, StreetsCrossTheTracksOnlyAtDesignatedCrossings) {
  std::ifstream railIn(ekm::sample::defaultReferenceDir() + "/rail_lines.geojson");
  const auto rail = nlohmann::json::parse(railIn);
  std::vector<std::pair<LL, LL>> barrier;
  for (const auto& f : rail["features"])
    if (f["properties"]["barrier"].get<int>() == 1)
      for (const auto& part : f["geometry"]["coordinates"]) {
        const auto p = coords(part);
        for (std::size_t i = 0; i + 1 < p.size(); ++i) barrier.push_back({p[i], p[i + 1]});
      }
  ASSERT_GT(barrier.size(), 50u);
  std::ifstream segIn(*s_dir / "road_segments.geojson");
  const auto segs = nlohmann::json::parse(segIn);
  int local = 0, crossings = 0, crossingsThatCross = 0;
  std::set<std::string> ids;
  for (const auto& f : segs["features"]) {
    const auto& p = f["properties"];
    const std::string id = p["segment_id"].get<std::string>();
    EXPECT_TRUE(ids.insert(id).second) << "duplicate segment id " << id;
    const auto line = coords(f["geometry"]["coordinates"]);
    bool crosses = false;
    for (std::size_t i = 0; i + 1 < line.size() && !crosses; ++i)
      for (const auto& [c, d] : barrier)
        if (properOrTouch(line[i], line[i + 1], c, d)) {
          crosses = true;
          break;
        }
    if (p["crossing"].get<int>() == 1) {
      ++crossings;
      if (crosses) ++crossingsThatCross;
    } else {
      EXPECT_FALSE(crosses) << "segment " << id << " (" << p["source"].get<std::string>() << ") crosses the tracks";
    }
    if (p["source"].get<std::string>().rfind("generated", 0) == 0) ++local;
  }
  EXPECT_GT(local, 150);
  // Shinagawa passage, Takanawa underpass, TGW deck lie inside the 800 m area.
  EXPECT_GE(crossings, 3);
  EXPECT_GE(crossingsThatCross, 3);
}

TEST_F(SampleFixture, StationsHaveJapaneseAndEnglishNames) {
  const auto rows = readCsv(*s_dir / "stations.csv");
  ASSERT_GT(rows.size(), 10u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"station_id", "name_ja", "name_en", "operator", "lines", "lat", "lon"}));
  std::map<std::string, std::pair<std::string, std::string>> names;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), 7u);
    EXPECT_FALSE(r[1].empty());
    EXPECT_FALSE(r[2].empty());
    EXPECT_TRUE(static_cast<unsigned char>(r[1][0]) >= 0x80) << "name_ja of " << r[0] << " is not Japanese";
    names[r[0]] = {r[1], r[2]};
  }
  EXPECT_EQ(names.at("takanawa-gateway"), std::make_pair(std::string("高輪ゲートウェイ"), std::string("Takanawa Gateway")));
  EXPECT_EQ(names.at("shinagawa"), std::make_pair(std::string("品川"), std::string("Shinagawa")));
  EXPECT_EQ(names.at("sengakuji").first, "泉岳寺");
  EXPECT_EQ(names.at("tamachi").first, "田町");
}

TEST_F(SampleFixture, SegmentCountsReferToSegmentsAndFollowTheDay) {
  std::ifstream segIn(*s_dir / "road_segments.geojson");
  const auto segs = nlohmann::json::parse(segIn);
  std::set<std::string> ids;
  for (const auto& f : segs["features"]) ids.insert(f["properties"]["segment_id"].get<std::string>());
  const auto rows = readCsv(*s_dir / "segment_counts.csv.gz");
  ASSERT_GT(rows.size(), 1000u);
  double night = 0, evening = 0;
  std::set<std::string> counted;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_TRUE(ids.count(r[0])) << r[0];
    counted.insert(r[0]);
    const double v = std::stod(r[5]);
    ASSERT_GE(v, 0);
    if (r[4] != "pedestrian") continue;
    if (r[2] == "3") night += v;
    if (r[2] == "18") evening += v;
  }
  EXPECT_EQ(static_cast<std::int64_t>(counted.size()), s_summary->countedSegments);
  EXPECT_GT(evening, 10 * night);
}

namespace {
class CancelAt : public ekm::core::Feedback {
 public:
  explicit CancelAt(double at) : m_at(at) {
    setThrottleInterval(std::chrono::milliseconds(0));
    setProgressHandler([this](double p) {
      if (p >= m_at) cancel();
    });
  }

 private:
  double m_at;
};
}  // namespace

TEST(SampleGenerator, CancelAndBadSpec) {
  const TempDir tmp("sample_cancel");
  const fs::path& d = tmp.path();
  CancelAt fb(20);
  EXPECT_THROW(ekm::sample::generateSampleFiles(smallSpec(3, 1, 3, 20, 500), d.string(), fb), ekm::core::CancelledError);
  SampleSpec bad = smallSpec(3, 20, 3, 1, 500);
  try {
    ekm::sample::generateSampleFiles(bad, d.string(), ekm::core::nullFeedback());
    FAIL() << "expected a usage error";
  } catch (const ekm::core::Error& e) {
    EXPECT_EQ(e.code(), ekm::core::ErrorCode::Usage);
  }
  SampleSpec missing = smallSpec(3, 1, 3, 2, 500);
  missing.referenceDir = (d / "no-such-dir").string();
  EXPECT_THROW(ekm::sample::generateSampleFiles(missing, d.string(), ekm::core::nullFeedback()),
               ekm::core::IoError);
}

TEST(SampleCli, GeneratesFilesAndRejectsBadArguments) {
  const TempDir tmp("sample_cli");
  const fs::path d = tmp / "out";
  const std::string out = ekm_test::quote(d.string());
  const auto r = cli("sample --out " + out +
                     " --seed 7 --from 2025-03-26 --to 2025-03-28 --radius 300 --no-project --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_TRUE(fs::exists(d / "mesh_population.csv.gz"));
  EXPECT_TRUE(fs::exists(d / "README.md"));
  const auto weather = readCsv(d / "weather.csv");
  EXPECT_EQ(weather.size(), 4u);  // header + 3 days
  EXPECT_EQ(cli("sample --out " + out + " --from 2025-03-28 --to 2025-03-01 --no-project").exitCode, 2);
  EXPECT_EQ(cli("sample --out " + out + " --seed x").exitCode, 2);
}

namespace {
std::string gunzipFile(const fs::path& p) {
  std::string out;
  gzFile f = gzopen(p.string().c_str(), "rb");
  if (!f) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}
}  // namespace

TEST(SampleGenerator, CommittedDefaultSampleIsReproducible) {
  // data/samples/takanawa holds the files of the default spec (seed 1); regenerate and
  // compare the content (decompressed, so a different zlib build cannot matter).
  const fs::path committed = fs::path(ekm::core::sourceDir()) / "data" / "samples" / "takanawa";
  ASSERT_TRUE(fs::exists(committed / "mesh_population.csv.gz"));
  const TempDir tmp("sample_default");
  const fs::path& d = tmp.path();
  const auto summary = ekm::sample::generateSampleFiles(SampleSpec{}, d.string(), ekm::core::nullFeedback());
  EXPECT_EQ(summary.hours, 120 * 24);
  for (const char* f : {"mesh_population.csv.gz", "road_segments.geojson", "segment_counts.csv.gz", "stations.csv",
                        "station_ridership.csv.gz", "weather.csv", "README.md", "energy_buildings.geojson",
                        "energy_weather_jma_daily.csv", "energy_meters.csv.gz", "plant.json",
                        "chiibus_ridership_route_day.csv", "chiibus_ridership_stop_trip.csv.gz"})
    EXPECT_TRUE(gunzipFile(committed / f) == gunzipFile(d / f))
        << f << " of data/samples/takanawa is not what the generator makes";
}

TEST_F(SampleFixture, GdalAgreesOnlyDesignatedCrossingsIntersectTheTracks) {
  // Independent cross-check with GDAL's SQLite/SpatiaLite dialect (ST_Intersects).
  // gdal-bin is installed by scripts/setup-deps.sh: a missing ogrinfo is a failure.
  ASSERT_EQ(ekm_test::run("ogrinfo --version").exitCode, 0) << "ogrinfo not installed";
  const fs::path vrt = *s_dir / "check.vrt";
  std::ofstream(vrt) << "<OGRVRTDataSource>\n <OGRVRTLayer name=\"roads\"><SrcDataSource>" << (*s_dir / "road_segments.geojson").string()
                     << "</SrcDataSource><SrcLayer>road_segments</SrcLayer></OGRVRTLayer>\n <OGRVRTLayer name=\"rails\"><SrcDataSource>"
                     << ekm::sample::defaultReferenceDir() << "/rail_lines.geojson</SrcDataSource><SrcLayer>rail_lines</SrcLayer></OGRVRTLayer>\n"
                     << "</OGRVRTDataSource>\n";
  const auto r = ekm_test::run(
      "ogrinfo -ro -q -dialect SQLite -sql \"SELECT r.crossing AS crossing, COUNT(DISTINCT r.segment_id) AS "
      "n FROM roads r "
      "JOIN rails t ON ST_Intersects(r.geometry, t.geometry) WHERE t.barrier = 1 GROUP BY r.crossing\" " +
      vrt.string());
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const std::string& text = r.out;
  EXPECT_NE(text.find("crossing (Integer) = 1"), std::string::npos) << text;
  EXPECT_EQ(text.find("crossing (Integer) = 0"), std::string::npos) << "GDAL finds generated or main-road segments crossing the tracks:\n" << text;
}


TEST(SampleProject, BuiltByTheImportersWithEverything) {
  const TempDir tmp("sample_project");
  const fs::path& d = tmp.path();
  const auto summary =
      ekm::sample::generateSampleFiles(smallSpec(3, 24, 3, 30, 400), d.string(), ekm::core::nullFeedback());
  const std::string path = ekm::sample::buildSampleProject(summary.files, d.string(), ekm::core::nullFeedback());
  EXPECT_EQ(fs::path(path), d / "sample.gpkg");
  {
    auto project = ekm::store::Project::open(path, ekm::store::OpenMode::ReadOnly);
    EXPECT_EQ(project.rowCount("mesh_population"), summary.meshRows);
    EXPECT_EQ(project.rowCount("segment_counts"), summary.segmentCountRows);
    EXPECT_EQ(project.rowCount("station_ridership"), summary.ridershipRows);
    EXPECT_EQ(static_cast<std::int64_t>(project.meshCells().size()), summary.meshCells);
    EXPECT_EQ(static_cast<std::int64_t>(project.segments().size()), summary.roadSegments);
    const auto stations = project.stations();
    EXPECT_EQ(static_cast<std::int64_t>(stations.size()), summary.stations);
    bool tgw = false;
    for (const auto& s : stations)
      if (s.stationId == "takanawa-gateway") {
        tgw = true;
        EXPECT_EQ(s.nameJa, "高輪ゲートウェイ");
        EXPECT_EQ(s.nameEn, "Takanawa Gateway");
        EXPECT_NEAR(s.position.lon, kTgwLon, 1e-7);
        EXPECT_NEAR(s.position.lat, kTgwLat, 1e-7);
      }
    EXPECT_TRUE(tgw);
    // Suppressed values are missing (NaN), never 0, and their count matches.
    const auto range = project.timeRange("mesh_population");
    ASSERT_TRUE(range.has_value());
    EXPECT_EQ(range->first, ekm::core::hourKeyFromJst(year_month_day{year{2025}, month{3}, day{24}}, 0));
    EXPECT_EQ(range->last, ekm::core::hourKeyFromJst(year_month_day{year{2025}, month{3}, day{30}}, 23));
    std::int64_t missing = 0;
    for (auto t = range->first; t <= range->last; ++t)
      for (const auto& v : project.meshPopulationSlice(t)) missing += std::isnan(v.value) ? 1 : 0;
    EXPECT_EQ(missing, summary.suppressedValues);
    // Five data files and the two basemap files (rail lines, buildings).
    // ... and the three energy files (energy_district.cpp): buildings, weather-daily, meters,
    // and the Chii-bus GTFS-JP feed shipped in data/samples/gtfs_chiibus.
    // ... and its synthetic ridership (bus_ridership.cpp), route-day then stop-trip.
    ASSERT_EQ(project.importLog().size(), 13u);
    EXPECT_EQ(project.importLog()[10].kind, "gtfs");
    EXPECT_EQ(project.importLog().back().kind, "ridership");
    EXPECT_EQ(project.importLog()[5].kind, "basemap-rail");
    EXPECT_EQ(project.importLog()[6].kind, "basemap-building");
    EXPECT_EQ(project.rowCount("basemap_features"), summary.basemapRailFeatures + summary.basemapBuildings);
  }
  // Rebuilding replaces the project.
  EXPECT_NO_THROW(ekm::sample::buildSampleProject(summary.files, d.string(), ekm::core::nullFeedback()));
  // A cancelled build leaves no project behind.
  CancelAt fb(30);
  EXPECT_THROW(ekm::sample::buildSampleProject(summary.files, d.string(), fb), ekm::core::CancelledError);
  EXPECT_FALSE(fs::exists(d / "sample.gpkg"));
}

TEST(SampleCli, BuildsAProjectThatOgrinfoOpens) {
  const TempDir tmp("sample_cliproject");
  const fs::path d = tmp / "out";
  const auto gen = cli("sample --out " + ekm_test::quote(d.string()) +
                       " --from 2025-03-27 --to 2025-03-28 --radius 200 --quiet");
  ASSERT_EQ(gen.exitCode, 0) << gen.out;
  ASSERT_TRUE(fs::exists(d / "sample.gpkg"));
  if (ekm_test::run("ogrinfo --version").exitCode == 0) {
    const auto info = ekm_test::run("ogrinfo -ro -so -al " + ekm_test::quote((d / "sample.gpkg").string()));
    ASSERT_EQ(info.exitCode, 0) << info.out;
    const std::string& layers = info.out;
    for (const char* layer : {"mesh_cells", "road_segments", "stations", "basemap_features"})
      EXPECT_NE(layers.find(std::string("Layer name: ") + layer), std::string::npos) << layers;
    EXPECT_EQ(layers.find("Warning"), std::string::npos) << layers;
    EXPECT_EQ(layers.find("ERROR"), std::string::npos) << layers;
    // The real rail lines and buildings of the area are in the basemap.
    const auto project = ekm::store::Project::open((d / "sample.gpkg").string(), ekm::store::OpenMode::ReadOnly);
    int rail = 0, building = 0, yamanote = 0, tall = 0;
    for (const auto& f : project.basemapFeatures()) {
      if (f.kind == "rail") ++rail, yamanote += f.name == "山手線" ? 1 : 0;
      if (f.kind == "building") {
        ++building;
        EXPECT_TRUE(f.polygon);
        tall += f.heightM > 0 ? 1 : 0;  // measured PLATEAU heights
      }
    }
    EXPECT_GT(rail, 0);
    EXPECT_GT(yamanote, 0);
    EXPECT_GT(building, 10);
    EXPECT_GT(tall, 0);
    EXPECT_NE(project.meta("basemap_attribution").value_or("").find("PLATEAU"), std::string::npos);
  }
}
