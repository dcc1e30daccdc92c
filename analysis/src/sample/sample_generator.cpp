#include "ekm/sample/sample_generator.h"
#include "ekm/sample/energy_district.h"
#include "ekm/sample/bus_ridership.h"


#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "ekm/core/calendar.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/sample/geometry.h"
#include "ekm/sample/gz_writer.h"
#include "ekm/sample/random.h"
#include "ekm/sample/reference_data.h"

namespace ekm::sample {

namespace fs = std::filesystem;
using core::DayType;
using core::ErrorContext;

namespace {

// Stream tags for deriveSeed, so that every random quantity has its own stream.
enum Stream : std::int64_t {
  kWeatherTemp = 1,
  kWeatherRain,
  kDayFactor,
  kCellNoise,
  kStreets,
  kCounts,
  kRidership,
  kCountedPick,
};

// --- Hourly rhythms (JST hour 0..23), per day type: weekday, Saturday, Sunday/holiday ---
// Share of a cell's residents at home.
constexpr std::array<std::array<double, 24>, 3> kHome = {{
    {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 0.97, 0.85, 0.65, 0.55, 0.52, 0.52, 0.52, 0.52, 0.52, 0.52, 0.53, 0.56, 0.65,
     0.75, 0.85, 0.92, 0.96, 0.99},
    {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 0.98, 0.92, 0.82, 0.72, 0.66, 0.66, 0.66, 0.66, 0.66, 0.68, 0.70, 0.78,
     0.85, 0.90, 0.95, 0.98, 1.00},
    {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 0.99, 0.95, 0.87, 0.78, 0.72, 0.70, 0.70, 0.70, 0.70, 0.72, 0.75, 0.82,
     0.88, 0.93, 0.97, 0.99, 1.00},
}};
// Share of the workers of a cell at work.
constexpr std::array<double, 24> kWorkWeekday = {0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.03, 0.15, 0.55, 0.90, 1.00, 1.00,
                                                 0.90, 1.00, 1.00, 1.00, 1.00, 0.85, 0.55, 0.35, 0.20, 0.10, 0.05, 0.02};
constexpr std::array<double, 3> kWorkDayScale = {1.00, 0.20, 0.08};
// Share of the visitors of a cell present (weekday shape; weekend shape).
constexpr std::array<double, 24> kVisitWeekday = {0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.05, 0.12, 0.20, 0.30, 0.45, 0.60,
                                                  0.80, 0.70, 0.60, 0.60, 0.65, 0.75, 0.90, 0.85, 0.65, 0.45, 0.30, 0.15};
constexpr std::array<double, 24> kVisitWeekend = {0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.03, 0.06, 0.12, 0.25, 0.50, 0.75,
                                                  0.90, 1.00, 1.00, 1.00, 0.95, 0.85, 0.75, 0.60, 0.45, 0.30, 0.20, 0.10};
constexpr std::array<double, 3> kVisitDayScale = {1.00, 1.30, 1.20};
// Pedestrian activity: share of the present population moving in the street.
constexpr std::array<double, 24> kActivity = {0.03, 0.02, 0.01, 0.01, 0.01, 0.03, 0.15, 0.50, 0.90, 0.70, 0.60, 0.70,
                                              0.90, 0.80, 0.70, 0.70, 0.80, 0.90, 1.00, 0.80, 0.60, 0.40, 0.25, 0.10};
// Motor traffic on a road relative to its daytime level.
constexpr std::array<double, 24> kVehicle = {0.30, 0.22, 0.18, 0.16, 0.18, 0.30, 0.55, 0.85, 1.00, 0.95, 0.90, 0.90,
                                             0.88, 0.90, 0.92, 0.95, 1.00, 1.00, 0.92, 0.80, 0.65, 0.55, 0.45, 0.38};
constexpr std::array<double, 3> kVehicleDayScale = {1.00, 0.85, 0.70};
// Station boardings/alightings shapes (normalised below).
constexpr std::array<double, 24> kMorning = {0.0, 0.0, 0.0, 0.0, 0.0, 0.3, 1.5, 5.0, 8.0, 5.0, 2.0, 1.0,
                                             0.8, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1};
constexpr std::array<double, 24> kEvening = {0.4, 0.1, 0.0, 0.0, 0.0, 0.1, 0.3, 0.6, 0.8, 0.7, 0.7, 0.8,
                                             0.9, 0.9, 0.9, 1.0, 1.5, 3.5, 6.0, 5.5, 4.0, 3.0, 2.2, 1.4};
constexpr std::array<double, 24> kMidday = {0.1, 0.0, 0.0, 0.0, 0.0, 0.1, 0.3, 0.6, 0.9, 1.0, 1.2, 1.3,
                                            1.4, 1.4, 1.4, 1.4, 1.3, 1.2, 1.0, 0.8, 0.6, 0.4, 0.3, 0.2};
constexpr std::array<double, 24> kWeekendStation = {0.2, 0.0, 0.0, 0.0, 0.0, 0.2, 0.6, 1.2, 2.2, 3.5, 4.8, 5.8,
                                                    6.2, 6.3, 6.3, 6.2, 6.1, 6.0, 5.6, 4.8, 3.8, 2.8, 1.8, 0.9};

std::array<double, 24> normalised(const std::array<double, 24>& a) {
  double s = 0;
  for (double v : a) s += v;
  std::array<double, 24> out{};
  for (int i = 0; i < 24; ++i) out[i] = a[i] / s;
  return out;
}

// Daily boardings (weekday) and the office share (how strongly the station is a
// destination in the morning): order-of-magnitude assumptions for a synthetic series,
// not published figures.
struct StationProfile {
  double dailyWeekday;
  double officeShare;
};
StationProfile stationProfile(const std::string& id) {
  static const std::map<std::string, StationProfile> known = {
      {"shinagawa", {380000, 0.70}},   {"tamachi", {150000, 0.65}},      {"gotanda", {140000, 0.50}},
      {"osaki", {170000, 0.60}},       {"hamamatsucho", {160000, 0.65}}, {"sengakuji", {60000, 0.40}},
      {"mita", {90000, 0.55}},         {"shirokane-takanawa", {50000, 0.30}}, {"shirokanedai", {30000, 0.30}},
      {"takanawadai", {20000, 0.25}},  {"kitashinagawa", {10000, 0.30}}, {"tennozu-isle", {45000, 0.65}},
      {"shibaura-futo", {8000, 0.50}}, {"takanawa-gateway", {12000, 0.55}},
  };
  const auto it = known.find(id);
  return it == known.end() ? StationProfile{15000, 0.35} : it->second;
}
// Crowd weight of a station for the visitors around it.
double stationCrowd(const std::string& id) { return stationProfile(id).dailyWeekday / 500.0; }

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

int dayTypeIndex(DayType t) { return t == DayType::Weekday ? 0 : (t == DayType::Saturday ? 1 : 2); }

struct Day {
  std::chrono::year_month_day date;
  std::string text;  // YYYY-MM-DD
  std::int64_t number = 0;
  DayType type = DayType::Weekday;
  std::string holiday;
  double tempMean = 0, tempMax = 0, tempMin = 0, rainMm = 0;
  int daysSinceOpening = 0;  // negative before the opening
  double dayFactor = 1;
};

struct Cell {
  std::string code;
  std::int64_t key = 0;
  std::string parent;
  double lon = 0, lat = 0;
  XY xy;
  double residentialFloor = 0, officeFloor = 0, totalFloor = 0;
  int residents = 0;
  double workers = 0, visitors = 0;
  double opening = 0;  // 0..1, weight of the new district's effect
  double distanceToStationM = 0;
};

struct Segment {
  std::string id, name, roadClass, source, comment;
  int oneway = 0;
  bool crossing = false;
  std::vector<LonLatPoint> points;
  XY mid;
  int cell = -1;  // index of the cell containing the midpoint, -1 if outside the area
};

// Opening effect weight: a Gaussian bump around the station, exactly 0 beyond 900 m.
double openingWeight(double d) { return d > 900 ? 0.0 : std::exp(-(d / 350.0) * (d / 350.0)); }
double openingRamp(int daysSince) { return daysSince < 0 ? 0.0 : 1.0 - std::exp(-(daysSince + 1) / 21.0); }
double openingSpike(int daysSince) { return daysSince < 0 ? 1.0 : 1.0 + 1.5 * std::exp(-daysSince / 4.0); }

}  // namespace

// Attribution of the real basemap data (data/samples/reference/SOURCES.md).
const char* const kRailAttribution =
    "Rail lines: 3D都市モデル（Project PLATEAU）港区（2023年度）関連データ（鉄道）, 国土交通省 (MLIT), "
    "PLATEAU site policy (CC BY 4.0 compatible), via zubapita/wire-flight-sim; clipped, attributes renamed; "
    "two features south of the ward boundary hand-traced (approximate)";
const char* const kBuildingAttribution =
    "Buildings: 3D都市モデル（Project PLATEAU）東京都23区（CityGML 2020年度）, 国土交通省 (MLIT), CC BY 4.0, via "
    "indigo-lab/plateau-tokyo23ku-building-mvt-2020; centroid, height and roof area real, square footprints drawn by Ekimachi";

namespace {

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// ------------------------------------------------------------------------------------
class Generator {
 public:
  Generator(const SampleSpec& spec, const std::string& outDir, core::Feedback& feedback)
      : m_spec(spec), m_dir(outDir), m_fb(feedback), m_frame(spec.centerLon, spec.centerLat) {}

  SampleSummary run() {
    m_summary.files = sampleFilesIn(m_dir);
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    if (!fs::is_directory(m_dir))
      throw core::IoError("cannot create output directory", ErrorContext{m_dir, std::nullopt, std::nullopt, "", "", ""});
    m_ref = loadReferenceData(m_spec.referenceDir.empty() ? defaultReferenceDir() : m_spec.referenceDir);
    progress(2);
    makeDays();
    makeCells();
    progress(5);
    makeSegments();
    progress(10);
    computePopulation();  // 10..45
    writeMeshPopulation();  // 45..70
    writeStations();
    writeRidership();  // 70..75
    writeSegments();
    writeSegmentCounts();  // 75..97
    writeWeather();
    writeBasemap();
    writeReadme();
    progress(100);
    return m_summary;
  }

 private:
  void progress(double p) {
    m_fb.throwIfCancelled();
    m_fb.setProgress(p);
  }

  // ---- calendar and weather ----
  void makeDays() {
    const std::int64_t first = core::daysFromCivil(m_spec.from), last = core::daysFromCivil(m_spec.to);
    const std::int64_t opening = core::daysFromCivil(m_spec.openingDate);
    for (std::int64_t n = first; n <= last; ++n) {
      Day d;
      d.date = core::civilFromDays(n);
      d.text = core::formatDate(d.date);
      d.number = n;
      d.type = core::dayType(d.date);
      if (auto h = core::japaneseHoliday(d.date)) d.holiday = h->en;
      d.daysSinceOpening = static_cast<int>(n - opening);
      // Seasonal mean temperature of Tokyo (rough climatology) plus a smooth anomaly made
      // of the last five days' random shocks, so a day's weather does not depend on the
      // start of the generated period.
      const std::chrono::year_month_day jan1{d.date.year(), std::chrono::month{1}, std::chrono::day{1}};
      const double doy = static_cast<double>(n - core::daysFromCivil(jan1));
      double anomaly = 0;
      for (int k = 0; k < 5; ++k) {
        Rng r(deriveSeed(m_spec.seed, {kWeatherTemp, n - k}));
        anomaly += std::pow(0.55, k) * 1.6 * r.normal();
      }
      d.tempMean = std::round((16.3 - 10.5 * std::cos(2 * M_PI * (doy - 25) / 365.0) + anomaly) * 10) / 10;
      Rng rr(deriveSeed(m_spec.seed, {kWeatherRain, n}));
      const double pRain = 0.25 + 0.12 * std::clamp((doy - 30) / 120.0, 0.0, 1.0);
      const double u = rr.uniform();
      const double amount = rr.exponential(7.0) + 0.5;
      d.rainMm = u < pRain ? std::round(amount * 2) / 2 : 0.0;
      const double range = d.rainMm > 0 ? 5.0 : 8.0;
      d.tempMax = std::round((d.tempMean + range / 2) * 10) / 10;
      d.tempMin = std::round((d.tempMean - range / 2) * 10) / 10;
      Rng rf(deriveSeed(m_spec.seed, {kDayFactor, n}));
      d.dayFactor = 1.0 + 0.03 * rf.normal();
      m_days.push_back(std::move(d));
    }
  }

  // ---- cells: census residents, building-based workers and visitors ----
  void makeCells() {
    const double r = m_spec.radiusM;
    const LonLatPoint sw = m_frame.toLonLat({-r, -r}), ne = m_frame.toLonLat({r, r});
    const auto parents = mesh::cellsCoveringBBox(sw.lat, sw.lon, ne.lat, ne.lon, mesh::MeshLevel::Half);
    std::map<std::string, int> index;
    for (const auto& p : parents) {
      for (const auto& q : mesh::children(p))
        for (const auto& e : mesh::children(q)) {
          const mesh::MeshCell mc = mesh::decode(e);
          Cell c;
          c.code = e;
          c.key = std::stoll(e);
          c.parent = p;
          c.lon = mc.centerLon();
          c.lat = mc.centerLat();
          c.xy = m_frame.toXY(c.lon, c.lat);
          c.distanceToStationM = std::hypot(c.xy.x, c.xy.y);
          c.opening = openingWeight(c.distanceToStationM);
          m_cells.push_back(std::move(c));
        }
    }
    std::sort(m_cells.begin(), m_cells.end(), [](const Cell& a, const Cell& b) { return a.code < b.code; });
    for (std::size_t i = 0; i < m_cells.size(); ++i) index[m_cells[i].code] = static_cast<int>(i);
    m_cellIndex = index;
    const mesh::MeshCell first = mesh::decode(m_cells.front().code);
    m_cellH = first.north - first.south;
    m_cellW = first.east - first.west;
    double south = 90, west = 180, north = -90, east = -180;
    for (const auto& p : parents) {
      const auto mc = mesh::decode(p);
      south = std::min(south, mc.south);
      west = std::min(west, mc.west);
      north = std::max(north, mc.north);
      east = std::max(east, mc.east);
    }
    m_bboxSW = m_frame.toXY(west, south);
    m_bboxNE = m_frame.toXY(east, north);

    // Floor area per cell. A building's floor area is split into a residential and an
    // office/commercial part by its height (low-rise mostly homes, towers mostly offices).
    for (const auto& b : m_ref.buildings) {
      const auto it = m_cellIndex.find(mesh::encode(b.lat, b.lon, mesh::MeshLevel::Eighth));
      if (it == m_cellIndex.end()) continue;
      Cell& c = m_cells[it->second];
      const double resShare = b.heightM < 15 ? 0.85 : (b.heightM < 45 ? 0.55 : 0.2);
      c.residentialFloor += b.floorAreaM2 * resShare;
      c.officeFloor += b.floorAreaM2 * (1 - resShare);
      c.totalFloor += b.floorAreaM2;
    }
    // Residents: each 500 m parent's real 2015 census total, split over its 16 children by
    // weight (residential floor area + a small base), integer by largest remainder.
    std::map<std::string, std::vector<int>> byParent;
    for (std::size_t i = 0; i < m_cells.size(); ++i) byParent[m_cells[i].parent].push_back(static_cast<int>(i));
    for (auto& [parent, members] : byParent) {
      const auto it = m_ref.census2015.find(parent);
      const int total = (it == m_ref.census2015.end() || it->second < 0) ? 0 : it->second;
      double wsum = 0;
      std::vector<double> w;
      // Cells without any building (water, rail yards, parks) get no residents, unless the
      // whole parent has no building at all.
      for (int i : members) {
        w.push_back(m_cells[i].totalFloor > 0 ? 2.0 + m_cells[i].residentialFloor / 40.0 : 0.0);
        wsum += w.back();
      }
      if (wsum <= 0) {
        std::fill(w.begin(), w.end(), 1.0);
        wsum = static_cast<double>(w.size());
      }
      std::vector<std::pair<double, int>> rest;
      int assigned = 0;
      for (std::size_t k = 0; k < members.size(); ++k) {
        const double exact = total * w[k] / wsum;
        const int fl = static_cast<int>(std::floor(exact));
        m_cells[members[k]].residents = fl;
        assigned += fl;
        rest.push_back({exact - fl, static_cast<int>(k)});
      }
      std::stable_sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      for (int k = 0; k < total - assigned; ++k) m_cells[members[rest[k].second]].residents += 1;
    }
    // Workers by office floor area; visitors by total floor area and station proximity.
    for (auto& c : m_cells) {
      c.workers = c.officeFloor / 35.0;
      c.visitors = c.totalFloor / 400.0;
      for (const auto& s : m_ref.stations) {
        const XY p = m_frame.toXY(s.lon, s.lat);
        const double d = std::hypot(p.x - c.xy.x, p.y - c.xy.y);
        if (d < 600) c.visitors += stationCrowd(s.id) * std::exp(-d / 150.0);
      }
    }
    spreadDaytimePopulation();
    m_summary.meshCells = static_cast<std::int64_t>(m_cells.size());
    m_summary.hours = static_cast<std::int64_t>(m_days.size()) * 24;
  }

  // Workers and visitors are where the floor area is, but people present in an hour are
  // also in the streets, squares and concourses around it, and phone-based counts place them
  // with an uncertainty of about a hundred metres: each cell's daytime population is spread
  // over the cells with buildings within 300 m (Gaussian weights, sigma 110 m), keeping the
  // total. Without it neighbouring 125 m cells jump from a tower's thousands to a few dozen,
  // and the map reads as noise. Residents stay where the census puts them.
  void spreadDaytimePopulation() {
    const double sigma = 110.0, reach = 300.0;
    std::vector<double> workers(m_cells.size(), 0.0), visitors(m_cells.size(), 0.0);
    std::vector<std::size_t> near;
    std::vector<double> w;
    for (std::size_t j = 0; j < m_cells.size(); ++j) {
      const Cell& from = m_cells[j];
      if (from.workers <= 0 && from.visitors <= 0) continue;
      near.clear();
      w.clear();
      double sum = 0;
      for (std::size_t i = 0; i < m_cells.size(); ++i) {
        const Cell& to = m_cells[i];
        if (i != j && to.totalFloor <= 0) continue;  // water, rail yards, parks keep no one
        const double d = std::hypot(to.xy.x - from.xy.x, to.xy.y - from.xy.y);
        if (d > reach) continue;
        near.push_back(i);
        w.push_back(std::exp(-0.5 * d * d / (sigma * sigma)));
        sum += w.back();
      }
      for (std::size_t k = 0; k < near.size(); ++k) {
        workers[near[k]] += from.workers * w[k] / sum;
        visitors[near[k]] += from.visitors * w[k] / sum;
      }
    }
    for (std::size_t i = 0; i < m_cells.size(); ++i) {
      m_cells[i].workers = workers[i];
      m_cells[i].visitors = visitors[i];
    }
  }

  int cellAt(double lon, double lat) const {
    try {
      const auto it = m_cellIndex.find(mesh::encode(lat, lon, mesh::MeshLevel::Eighth));
      return it == m_cellIndex.end() ? -1 : it->second;
    } catch (const core::Error&) {
      return -1;
    }
  }

  bool insideArea(XY p, double margin) const {
    return p.x >= m_bboxSW.x - margin && p.x <= m_bboxNE.x + margin && p.y >= m_bboxSW.y - margin &&
           p.y <= m_bboxNE.y + margin;
  }

  // ---- streets: traced main roads + a generated local grid that respects the tracks ----
  void makeSegments() {
    for (const auto& rail : m_ref.rails) {
      if (!rail.barrier) continue;
      for (const auto& part : rail.parts)
        for (std::size_t i = 0; i + 1 < part.size(); ++i) {
          const XY a = m_frame.toXY(part[i].lon, part[i].lat), b = m_frame.toXY(part[i + 1].lon, part[i + 1].lat);
          if (insideArea(a, 400) || insideArea(b, 400)) m_barrier.push_back({a, b});
        }
    }
    std::map<std::string, int> counter;
    std::vector<std::pair<XY, XY>> mainXY;
    for (const auto& road : m_ref.mainRoads) {
      for (std::size_t i = 0; i + 1 < road.line.size(); ++i) {
        const XY a = m_frame.toXY(road.line[i].lon, road.line[i].lat);
        const XY b = m_frame.toXY(road.line[i + 1].lon, road.line[i + 1].lat);
        mainXY.push_back({a, b});
        if (!insideArea(a, 150) && !insideArea(b, 150)) continue;
        Segment s;
        char buf[16];
        std::snprintf(buf, sizeof buf, "-%02d", ++counter[road.roadId]);
        s.id = road.roadId + buf;
        s.name = road.name;
        s.roadClass = road.roadClass;
        s.oneway = road.oneway;
        s.crossing = road.crossing;
        s.source = "traced main road (approximate)";
        s.comment = road.comment;
        s.points = {road.line[i], road.line[i + 1]};
        m_segments.push_back(std::move(s));
      }
    }
    // Building index (50 m bins) to keep streets where there are buildings.
    std::unordered_map<std::int64_t, int> bins;
    auto binKey = [](double x, double y) {
      return (static_cast<std::int64_t>(std::floor(x / 50.0)) + 100000) * 1000000 +
             (static_cast<std::int64_t>(std::floor(y / 50.0)) + 100000);
    };
    for (const auto& b : m_ref.buildings) {
      const XY p = m_frame.toXY(b.lon, b.lat);
      if (insideArea(p, 200)) ++bins[binKey(p.x, p.y)];
    }
    auto buildingsNear = [&](XY p, double r) {
      int n = 0;
      for (double dx = -r; dx <= r + 1e-9; dx += 50)
        for (double dy = -r; dy <= r + 1e-9; dy += 50) {
          const auto it = bins.find(binKey(p.x + dx, p.y + dy));
          if (it != bins.end()) n += it->second;
        }
      return n;
    };
    // Grid aligned with the tracks (about 23 degrees east of north), 110 m spacing. Each grid
    // line is moved as a whole (blocks differ in size, as in the district) and stays straight:
    // a street is one straight line from end to end, never a zig-zag of jittered nodes.
    const double theta = 23.0 * M_PI / 180.0, spacing = 110.0;
    const XY along{std::sin(theta), std::cos(theta)}, across{std::cos(theta), -std::sin(theta)};
    const double half = std::hypot(m_bboxNE.x - m_bboxSW.x, m_bboxNE.y - m_bboxSW.y) / 2 + spacing;
    const XY centre{(m_bboxSW.x + m_bboxNE.x) / 2, (m_bboxSW.y + m_bboxNE.y) / 2};
    const int n = static_cast<int>(std::ceil(half / spacing));
    const int side = 2 * n + 1;
    std::vector<double> lineShift(static_cast<std::size_t>(2 * side));  // across lines, then along lines
    for (int k = 0; k < 2 * side; ++k) {
      Rng r(deriveSeed(m_spec.seed, {kStreets, k, 1000003}));
      lineShift[static_cast<std::size_t>(k)] = r.uniform(-0.12, 0.12) * spacing;
    }
    std::vector<XY> nodes(static_cast<std::size_t>(side) * side);
    std::vector<char> valid(nodes.size(), 0);
    for (int i = -n; i <= n; ++i)
      for (int j = -n; j <= n; ++j) {
        const double jx = lineShift[static_cast<std::size_t>(i + n)], jy = lineShift[static_cast<std::size_t>(side + j + n)];
        const XY p{centre.x + (i * spacing + jx) * across.x + (j * spacing + jy) * along.x,
                   centre.y + (i * spacing + jx) * across.y + (j * spacing + jy) * along.y};
        const std::size_t k = static_cast<std::size_t>((i + n) * side + (j + n));
        nodes[k] = p;
        valid[k] = insideArea(p, 0);
      }
    int local = 0;
    for (int i = -n; i <= n; ++i)
      for (int j = -n; j <= n; ++j)
        for (int dir = 0; dir < 2; ++dir) {
          const int i2 = dir == 0 ? i + 1 : i, j2 = dir == 0 ? j : j + 1;
          if (i2 > n || j2 > n) continue;
          const std::size_t ka = static_cast<std::size_t>((i + n) * side + (j + n));
          const std::size_t kb = static_cast<std::size_t>((i2 + n) * side + (j2 + n));
          if (!valid[ka] || !valid[kb]) continue;
          const XY a = nodes[ka], b = nodes[kb];
          bool ok = true;
          for (const auto& [c, d] : m_barrier)
            if (segmentSegmentDistance(a, b, c, d) < 15.0) {
              ok = false;
              break;
            }
          if (!ok) continue;
          const XY mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
          if (buildingsNear(mid, 50) == 0) continue;  // water, parks, rail yards
          const double len = std::hypot(b.x - a.x, b.y - a.y);
          for (const auto& [c, d] : mainXY) {
            const double lc = std::hypot(d.x - c.x, d.y - c.y);
            if (lc <= 0) continue;
            const double cosang = std::fabs(((b.x - a.x) * (d.x - c.x) + (b.y - a.y) * (d.y - c.y)) / (len * lc));
            if (cosang > 0.8 && pointSegmentDistance(mid, c, d) < 35.0) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          Rng r(deriveSeed(m_spec.seed, {kStreets, i, j, dir + 7}));
          if (r.uniform() < 0.08) continue;
          Segment s;
          char buf[16];
          std::snprintf(buf, sizeof buf, "L%05d", ++local);
          s.id = buf;
          s.roadClass = "residential";
          s.oneway = r.uniform() < 0.15 ? 1 : 0;
          s.source = "generated local street (synthetic)";
          s.points = {m_frame.toLonLat(a), m_frame.toLonLat(b)};
          m_segments.push_back(std::move(s));
        }
    local = nodeLocalStreetsOnMainRoads();
    nodeMainRoadEnds();
    for (auto& s : m_segments) {
      const LonLatPoint& p = s.points.front();
      const LonLatPoint& q = s.points.back();
      s.mid = m_frame.toXY((p.lon + q.lon) / 2, (p.lat + q.lat) / 2);
      s.cell = cellAt((p.lon + q.lon) / 2, (p.lat + q.lat) / 2);
    }
    m_summary.roadSegments = static_cast<std::int64_t>(m_segments.size());
    m_summary.localStreets = local;
    // Counted segments: every main-road segment inside the area, plus a deterministic pick
    // of local streets.
    std::vector<int> locals;
    for (std::size_t k = 0; k < m_segments.size(); ++k) {
      const Segment& s = m_segments[k];
      if (s.cell < 0) continue;
      if (s.id[0] != 'L') m_counted.push_back(static_cast<int>(k));
      else locals.push_back(static_cast<int>(k));
    }
    Rng pick(deriveSeed(m_spec.seed, {kCountedPick}));
    for (int k = 0; k < m_spec.countedLocalSegments && !locals.empty(); ++k) {
      const std::size_t at = static_cast<std::size_t>(pick.uniform() * static_cast<double>(locals.size()));
      m_counted.push_back(locals[at]);
      locals.erase(locals.begin() + static_cast<std::ptrdiff_t>(at));
    }
    std::sort(m_counted.begin(), m_counted.end());
    m_summary.countedSegments = static_cast<std::int64_t>(m_counted.size());
  }

  // Local streets that cross a main road are split at the crossing point, and that point
  // becomes a vertex of the main road: the two share a node, as in a noded street network
  // (no --split-crossings needed). A crossing within 1.5 m of a local street's end takes
  // that end as the shared vertex instead of leaving a sliver. Local streets are then
  // renumbered L00001... in order. Returns the number of local streets.
  int nodeLocalStreetsOnMainRoads() {
    struct Cut {
      double t;  // along the local street
      XY at;
    };
    struct MainVertex {
      double u;  // along the main-road segment
      XY at;
    };
    std::vector<std::size_t> mains, locals;
    for (std::size_t k = 0; k < m_segments.size(); ++k) (m_segments[k].id[0] == 'L' ? locals : mains).push_back(k);
    auto xy = [&](const LonLatPoint& p) { return m_frame.toXY(p.lon, p.lat); };
    std::map<std::size_t, std::vector<MainVertex>> mainVertices;
    std::vector<Segment> out;
    for (std::size_t k = 0; k < m_segments.size(); ++k)
      if (m_segments[k].id[0] != 'L') out.push_back(m_segments[k]);
    int n = 0;
    for (std::size_t k : locals) {
      const Segment& s = m_segments[k];
      const XY a = xy(s.points.front()), b = xy(s.points.back());
      const double len = std::hypot(b.x - a.x, b.y - a.y);
      std::vector<Cut> cuts;
      for (std::size_t mi = 0; mi < mains.size(); ++mi) {
        const Segment& m = m_segments[mains[mi]];
        const XY c = xy(m.points.front()), d = xy(m.points.back());
        const double den = (b.x - a.x) * (d.y - c.y) - (b.y - a.y) * (d.x - c.x);
        if (std::abs(den) < 1e-9) continue;  // parallel
        double t = ((c.x - a.x) * (d.y - c.y) - (c.y - a.y) * (d.x - c.x)) / den;
        const double u = ((c.x - a.x) * (b.y - a.y) - (c.y - a.y) * (b.x - a.x)) / den;
        if (t < 0 || t > 1 || u <= 0 || u >= 1) continue;
        XY at{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
        if (t * len < 1.5) at = a, t = 0;
        else if ((1 - t) * len < 1.5) at = b, t = 1;
        mainVertices[mi].push_back({u, at});
        if (t > 0 && t < 1) cuts.push_back({t, at});
      }
      std::sort(cuts.begin(), cuts.end(), [](const Cut& p, const Cut& q) { return p.t < q.t; });
      std::vector<LonLatPoint> stops{s.points.front()};
      for (const auto& c : cuts) stops.push_back(m_frame.toLonLat(c.at));
      stops.push_back(s.points.back());
      for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
        Segment piece = s;
        char buf[16];
        std::snprintf(buf, sizeof buf, "L%05d", ++n);
        piece.id = buf;
        piece.points = {stops[i], stops[i + 1]};
        out.push_back(std::move(piece));
      }
    }
    // The shared vertices on the main roads, in order along each segment.
    for (auto& [mi, vertices] : mainVertices) {
      std::sort(vertices.begin(), vertices.end(), [](const MainVertex& p, const MainVertex& q) { return p.u < q.u; });
      // Main roads come first in `out`, in their original order.
      Segment& m = out[mi];
      std::vector<LonLatPoint> pts{m.points.front()};
      for (const auto& v : vertices) pts.push_back(m_frame.toLonLat(v.at));
      pts.push_back(m.points.back());
      m.points = std::move(pts);
    }
    m_segments = std::move(out);
    return dropDetachedLocalStreets();
  }

  // A traced main road that ends on another one (a T-junction) becomes a vertex of it, so
  // the two share a node.
  void nodeMainRoadEnds() {
    auto xy = [&](const LonLatPoint& p) { return m_frame.toXY(p.lon, p.lat); };
    for (std::size_t a = 0; a < m_segments.size(); ++a) {
      if (m_segments[a].id[0] == 'L') continue;
      for (const bool front : {true, false}) {
        const LonLatPoint end = front ? m_segments[a].points.front() : m_segments[a].points.back();
        const XY p = xy(end);
        for (std::size_t b = 0; b < m_segments.size(); ++b) {
          Segment& other = m_segments[b];
          if (b == a || other.id[0] == 'L') continue;
          for (std::size_t i = 0; i + 1 < other.points.size(); ++i) {
            const XY c = xy(other.points[i]), d = xy(other.points[i + 1]);
            if (std::hypot(p.x - c.x, p.y - c.y) < 0.05 || std::hypot(p.x - d.x, p.y - d.y) < 0.05) break;
            if (pointSegmentDistance(p, c, d) >= 0.5) continue;
            other.points.insert(other.points.begin() + static_cast<std::ptrdiff_t>(i + 1), end);
            break;
          }
        }
      }
    }
  }

  // Local streets not connected (through shared vertices, as written with 7 decimals) to the
  // street network that contains the main roads are left out: small islands between
  // removed edges that nobody could walk to. Returns the number of local streets kept
  // (renumbered L00001...).
  int dropDetachedLocalStreets() {
    std::map<std::string, int> vertex;
    std::vector<int> parent;
    auto find = [&](int v) {
      while (parent[v] != v) v = parent[v] = parent[parent[v]];
      return v;
    };
    auto id = [&](const LonLatPoint& p) {
      const std::string key = fmt("%.7f", p.lon) + "," + fmt("%.7f", p.lat);
      const auto [it, fresh] = vertex.emplace(key, static_cast<int>(parent.size()));
      if (fresh) parent.push_back(it->second);
      return it->second;
    };
    for (const auto& s : m_segments)
      for (std::size_t i = 0; i + 1 < s.points.size(); ++i) {
        const int a = find(id(s.points[i])), b = find(id(s.points[i + 1]));
        if (a != b) parent[a] = b;
      }
    // Component sizes in vertices; the main roads' components count as the network.
    std::map<int, int> size;
    for (int v = 0; v < static_cast<int>(parent.size()); ++v) ++size[find(v)];
    std::set<int> keep;
    for (const auto& s : m_segments)
      if (s.id[0] != 'L') keep.insert(find(id(s.points.front())));
    // ... but not tiny main-road pieces on their own (e.g. one clipped segment at the edge).
    for (auto it = keep.begin(); it != keep.end();) it = size[*it] < 20 ? keep.erase(it) : std::next(it);
    std::vector<Segment> out;
    int n = 0;
    for (auto& s : m_segments) {
      if (s.id[0] == 'L') {
        if (!keep.count(find(id(s.points.front())))) continue;
        char buf[16];
        std::snprintf(buf, sizeof buf, "L%05d", ++n);
        s.id = buf;
      }
      out.push_back(std::move(s));
    }
    m_segments = std::move(out);
    return n;
  }

  // ---- population per cell and hour ----
  void computePopulation() {
    const std::size_t hours = m_days.size() * 24;
    m_pop.assign(m_cells.size() * hours, 0);
    for (std::size_t ci = 0; ci < m_cells.size(); ++ci) {
      const Cell& c = m_cells[ci];
      for (std::size_t di = 0; di < m_days.size(); ++di) {
        const Day& d = m_days[di];
        const int t = dayTypeIndex(d.type);
        Rng noise(deriveSeed(m_spec.seed, {kCellNoise, c.key, d.number}));
        const double rainF = 1.0 - 0.3 * std::min(1.0, d.rainMm / 10.0);
        const double tempF = 1.0 + 0.008 * (d.tempMean - 15.0);
        const double ramp = openingRamp(d.daysSinceOpening), spike = openingSpike(d.daysSinceOpening);
        const double extraWork = 1200.0 * c.opening * ramp;
        const double extraVisit = 900.0 * c.opening * ramp * spike;
        for (int h = 0; h < 24; ++h) {
          const double work = kWorkWeekday[h] * kWorkDayScale[t];
          const double visit = (t == 0 ? kVisitWeekday[h] : kVisitWeekend[h]) * kVisitDayScale[t];
          double day = (c.workers + extraWork) * work + (c.visitors + extraVisit) * visit * rainF * tempF;
          day *= d.dayFactor * std::max(0.0, 1.0 + 0.06 * noise.normal());
          // At night (work = visit = 0) the population is exactly the residents.
          m_pop[ci * hours + di * 24 + h] = static_cast<float>(std::round(c.residents * kHome[t][h] + day));
        }
      }
      if (ci % 16 == 0) progress(10 + 35.0 * static_cast<double>(ci) / static_cast<double>(m_cells.size()));
    }
  }

  double population(int cell, std::size_t di, int h) const {
    return m_pop[static_cast<std::size_t>(cell) * m_days.size() * 24 + di * 24 + static_cast<std::size_t>(h)];
  }

  void writeMeshPopulation() {
    GzWriter out(m_summary.files.meshPopulation);
    out.write("mesh_code,date,hour,population\n");
    std::string line;
    for (std::size_t ci = 0; ci < m_cells.size(); ++ci) {
      for (std::size_t di = 0; di < m_days.size(); ++di)
        for (int h = 0; h < 24; ++h) {
          const auto v = static_cast<std::int64_t>(population(static_cast<int>(ci), di, h));
          line = m_cells[ci].code;
          line += ',';
          line += m_days[di].text;
          line += ',';
          line += std::to_string(h);
          line += ',';
          // Vendors suppress small non-zero counts (k-anonymity): 1..9 becomes '*'.
          if (v >= 1 && v <= 9) {
            line += '*';
            ++m_summary.suppressedValues;
          } else {
            line += std::to_string(v);
          }
          line += '\n';
          out.write(line);
          ++m_summary.meshRows;
        }
      if (ci % 16 == 0) progress(45 + 25.0 * static_cast<double>(ci) / static_cast<double>(m_cells.size()));
    }
    out.close();
  }

  void writeStations() {
    std::string text = "station_id,name_ja,name_en,operator,lines,lat,lon\n";
    for (const auto& s : m_ref.stations) {
      text += csvField(s.id) + "," + csvField(s.nameJa) + "," + csvField(s.nameEn) + "," + csvField(s.operatorName) +
              "," + csvField(s.lines) + "," + fmt("%.7f", s.lat) + "," + fmt("%.7f", s.lon) + "\n";
    }
    writeText(m_summary.files.stations, text);
    m_summary.stations = static_cast<std::int64_t>(m_ref.stations.size());
  }

  // Boardings and alightings of one station at one hour (means; noise added by the caller).
  std::pair<double, double> ridershipMean(const ReferenceStation& s, const Day& d, int h) const {
    static const auto morning = normalised(kMorning), evening = normalised(kEvening), midday = normalised(kMidday),
                      weekend = normalised(kWeekendStation);
    StationProfile p = stationProfile(s.id);
    const double ramp = openingRamp(d.daysSinceOpening), spike = openingSpike(d.daysSinceOpening);
    double volume = p.dailyWeekday;
    if (s.id == "takanawa-gateway") {
      volume *= (1.0 + 2.2 * ramp) * (1.0 + 0.4 * (spike - 1.0));
      p.officeShare += 0.15 * ramp;
    } else {
      const XY xy = m_frame.toXY(s.lon, s.lat);
      volume *= 1.0 + 0.10 * openingWeight(std::hypot(xy.x, xy.y)) * ramp;
    }
    const int t = dayTypeIndex(d.type);
    if (t == 0) {
      const double b = volume * (0.75 * (p.officeShare * evening[h] + (1 - p.officeShare) * morning[h]) + 0.25 * midday[h]);
      const double a = volume * (0.75 * (p.officeShare * morning[h] + (1 - p.officeShare) * evening[h]) + 0.25 * midday[h]);
      return {b * d.dayFactor, a * d.dayFactor};
    }
    const double rainF = 1.0 - 0.08 * std::min(1.0, d.rainMm / 10.0);
    const double v = volume * (t == 1 ? 0.65 : 0.55) * weekend[h] * rainF * d.dayFactor;
    return {v, v};
  }

  void writeRidership() {
    GzWriter out(m_summary.files.stationRidership);
    out.write("station_id,date,hour,boardings,alightings\n");
    for (const auto& s : m_ref.stations) {
      const XY xy = m_frame.toXY(s.lon, s.lat);
      if (std::hypot(xy.x, xy.y) > m_spec.radiusM + 1000.0) continue;
      ++m_summary.ridershipStations;
      for (const auto& d : m_days) {
        Rng r(deriveSeed(m_spec.seed, {kRidership, static_cast<std::int64_t>(fnv1a(s.id) >> 1), d.number}));
        for (int h = 0; h < 24; ++h) {
          const auto [b, a] = ridershipMean(s, d, h);
          const std::int64_t nb = r.count(b), na = r.count(a);
          out.write(s.id + "," + d.text + "," + std::to_string(h) + "," + std::to_string(nb) + "," + std::to_string(na) + "\n");
          ++m_summary.ridershipRows;
        }
      }
      m_fb.throwIfCancelled();
    }
    out.close();
    progress(75);
  }

  void writeSegments() {
    std::string text = "{\"type\":\"FeatureCollection\",\"name\":\"road_segments\",";
    text += "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":[\n";
    for (std::size_t k = 0; k < m_segments.size(); ++k) {
      const Segment& s = m_segments[k];
      text += "{\"type\":\"Feature\",\"properties\":{\"segment_id\":" + jsonString(s.id) + ",\"name\":" +
              jsonString(s.name) + ",\"road_class\":" + jsonString(s.roadClass) +
              ",\"oneway\":" + std::to_string(s.oneway) + ",\"crossing\":" + (s.crossing ? "1" : "0") +
              ",\"source\":" + jsonString(s.source) + "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
      for (std::size_t i = 0; i < s.points.size(); ++i) {
        if (i) text += ",";
        text += "[" + fmt("%.7f", s.points[i].lon) + "," + fmt("%.7f", s.points[i].lat) + "]";
      }
      text += "]}}";
      text += (k + 1 < m_segments.size()) ? ",\n" : "\n";
    }
    text += "]}\n";
    writeText(m_summary.files.roadSegments, text);
  }

  // Station-passage pedestrians follow the station's ridership; other segments follow the
  // population of the cell they lie in.
  const ReferenceStation* stationById(const std::string& id) const {
    for (const auto& s : m_ref.stations)
      if (s.id == id) return &s;
    return nullptr;
  }

  void writeSegmentCounts() {
    GzWriter out(m_summary.files.segmentCounts);
    out.write("segment_id,date,hour,direction,mode,count\n");
    std::size_t done = 0;
    for (int k : m_counted) {
      const Segment& s = m_segments[static_cast<std::size_t>(k)];
      const ReferenceStation* station = nullptr;
      double stationShare = 0;
      if (s.id.rfind("shinagawa-passage", 0) == 0) station = stationById("shinagawa"), stationShare = 0.35;
      if (s.id.rfind("tgw-deck", 0) == 0) station = stationById("takanawa-gateway"), stationShare = 0.6;
      if (s.id.rfind("tamachi-passage", 0) == 0) station = stationById("tamachi"), stationShare = 0.35;
      const bool pedestrianOnly = s.roadClass == "pedestrian";
      const double pedK = s.roadClass == "primary" ? 0.25 : (s.roadClass == "secondary" ? 0.2 : 0.08);
      const double vehicleBase = s.roadClass == "primary" ? 1600 : (s.roadClass == "secondary" ? 450 : 35);
      const XY mid = s.mid;
      const double open = openingWeight(std::hypot(mid.x, mid.y));
      for (std::size_t di = 0; di < m_days.size(); ++di) {
        const Day& d = m_days[di];
        const int t = dayTypeIndex(d.type);
        Rng r(deriveSeed(m_spec.seed, {kCounts, static_cast<std::int64_t>(fnv1a(s.id) >> 1), d.number}));
        const double rainBike = 1.0 - 0.7 * std::min(1.0, d.rainMm / 5.0);
        for (int h = 0; h < 24; ++h) {
          double ped;
          if (station) {
            const auto [b, a] = ridershipMean(*station, d, h);
            ped = stationShare * (b + a);
          } else {
            ped = pedK * population(s.cell, di, h) * kActivity[h];
          }
          // Morning flows lean one way, evening flows the other.
          const double fwdShare = h < 12 ? 0.58 : 0.42;
          const std::string prefix = s.id + "," + d.text + "," + std::to_string(h) + ",";
          auto emit = [&](const char* dir, const char* mode, double mean) {
            out.write(prefix + dir + "," + mode + "," + std::to_string(r.count(mean)) + "\n");
            ++m_summary.segmentCountRows;
          };
          emit("forward", "pedestrian", ped * fwdShare);
          emit("backward", "pedestrian", ped * (1 - fwdShare));
          if (pedestrianOnly) continue;
          const double bike = ped * 0.07 * rainBike;
          emit("forward", "bicycle", bike * fwdShare);
          emit("backward", "bicycle", bike * (1 - fwdShare));
          const double veh = vehicleBase * kVehicle[h] * kVehicleDayScale[t] * (1.0 + 0.05 * open * openingRamp(d.daysSinceOpening)) * d.dayFactor;
          emit("forward", "vehicle", veh * 0.5);
          if (!s.oneway) emit("backward", "vehicle", veh * 0.5);
        }
      }
      ++done;
      progress(75 + 22.0 * static_cast<double>(done) / static_cast<double>(m_counted.size()));
    }
    out.close();
  }

  void writeWeather() {
    std::string text = "date,day_type,holiday,temp_mean_c,temp_max_c,temp_min_c,rain_mm\n";
    for (const auto& d : m_days)
      text += d.text + "," + core::dayTypeName(d.type) + "," + csvField(d.holiday) + "," + fmt("%.1f", d.tempMean) + "," +
              fmt("%.1f", d.tempMax) + "," + fmt("%.1f", d.tempMin) + "," + fmt("%.1f", d.rainMm) + "\n";
    writeText(m_summary.files.weather, text);
  }

  // ---- basemap: the real PLATEAU rail lines and buildings (see data/samples/reference/SOURCES.md) ----
  static std::string coordinates(const std::vector<LonLatPoint>& pts) {
    std::string c;
    for (std::size_t i = 0; i < pts.size(); ++i)
      c += (i ? ",[" : "[") + fmt("%.7f", pts[i].lon) + "," + fmt("%.7f", pts[i].lat) + "]";
    return c;
  }

  void writeBasemap() {
    const std::string header = "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},";
    std::string rail = "{\"type\":\"FeatureCollection\",\"name\":\"rail_lines\"," + header +
                       "\"attribution\":" + jsonString(kRailAttribution) + ",\"features\":[\n";
    bool first = true;
    for (const auto& r : m_ref.rails) {
      bool near = false;
      for (const auto& part : r.parts)
        for (const auto& p : part) near = near || insideArea(m_frame.toXY(p.lon, p.lat), 500);
      if (!near) continue;
      std::string parts;
      for (std::size_t k = 0; k < r.parts.size(); ++k) parts += (k ? ",[" : "[") + coordinates(r.parts[k]) + "]";
      rail += std::string(first ? "" : ",\n") + "{\"type\":\"Feature\",\"properties\":{\"name\":" + jsonString(r.lineName) +
              ",\"operator\":" + jsonString(r.operatorName) + ",\"barrier\":" + (r.barrier ? "1" : "0") +
              "},\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[" + parts + "]}}";
      first = false;
      ++m_summary.basemapRailFeatures;
    }
    writeText(m_summary.files.basemapRail, rail + "\n]}\n");

    // The reference keeps each building's centroid, height and roof-edge area, not its
    // outline: the footprint drawn is a square of that area on the centroid, turned like
    // the street grid (23 degrees). Buildings without a roof area are left out.
    const double theta = 23.0 * M_PI / 180.0;
    const XY along{std::sin(theta), std::cos(theta)}, across{std::cos(theta), -std::sin(theta)};
    std::string b = "{\"type\":\"FeatureCollection\",\"name\":\"buildings\"," + header +
                    "\"attribution\":" + jsonString(kBuildingAttribution) + ",\"features\":[\n";
    first = true;
    for (const auto& bd : m_ref.buildings) {
      const XY c = m_frame.toXY(bd.lon, bd.lat);
      if (!insideArea(c, 0) || !(bd.roofAreaM2 > 0)) continue;
      const double h = std::sqrt(bd.roofAreaM2) / 2;
      std::vector<LonLatPoint> ring;
      for (const auto& [u, v] : {std::pair{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}})
        ring.push_back(m_frame.toLonLat({c.x + h * (u * across.x + v * along.x), c.y + h * (u * across.y + v * along.y)}));
      b += std::string(first ? "" : ",\n") + "{\"type\":\"Feature\",\"properties\":{\"building_id\":" + jsonString(bd.id) +
           ",\"height_m\":" + (bd.heightM > 0 ? fmt("%.1f", bd.heightM) : std::string("null")) +
           ",\"roof_area_m2\":" + fmt("%.1f", bd.roofAreaM2) +
           "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + coordinates(ring) + "]]}}";
      first = false;
      ++m_summary.basemapBuildings;
    }
    writeText(m_summary.files.basemapBuildings, b + "\n]}\n");
  }

  void writeReadme() {
    std::ostringstream o;
    o << "# Sample district: Takanawa Gateway (generated)\n\n"
      << "Made by `ekimachi-cli sample --seed " << m_spec.seed << " --from " << core::formatDate(m_spec.from) << " --to "
      << core::formatDate(m_spec.to) << " --radius " << m_spec.radiusM << "`.\n"
      << "**Honest synthetic data on real geography.** Real: station positions and names, the 2015 census\n"
      << "population per 500 m mesh, PLATEAU building statistics and rail lines. Synthetic: every time\n"
      << "series, the weather, the local streets; approximate: the hand-traced main roads. See\n"
      << "data/samples/README.md in the Ekimachi sources for how each part is made and for attributions.\n\n"
      << "| file | content | rows |\n|---|---|---|\n"
      << "| mesh_population.csv.gz | mesh_code,date,hour,population (JST; `*` = suppressed small value 1-9) for "
      << m_summary.meshCells << " 1/8-mesh (125 m) cells | " << m_summary.meshRows << " |\n"
      << "| road_segments.geojson | segment_id,name,road_class,oneway,crossing,source; traced main roads split at "
         "vertices + generated local streets | "
      << m_summary.roadSegments << " |\n"
      << "| segment_counts.csv.gz | segment_id,date,hour,direction,mode,count on " << m_summary.countedSegments
      << " counted segments | " << m_summary.segmentCountRows << " |\n"
      << "| stations.csv | station_id,name_ja,name_en,operator,lines,lat,lon | " << m_summary.stations << " |\n"
      << "| station_ridership.csv.gz | station_id,date,hour,boardings,alightings for " << m_summary.ridershipStations
      << " stations | " << m_summary.ridershipRows << " |\n"
      << "| weather.csv | date,day_type,holiday,temp_mean_c,temp_max_c,temp_min_c,rain_mm | " << m_days.size() << " |\n"
      << "| basemap_rail.geojson | real rail lines (name, operator, barrier = surface JR tracks) | "
      << m_summary.basemapRailFeatures << " |\n"
      << "| basemap_buildings.geojson | real buildings: building_id, height_m, roof_area_m2; footprint = a square of "
         "the roof area on the real centroid (the outline is not in the reference) | "
      << m_summary.basemapBuildings << " |\n\n"
      << "Basemap attribution: " << kRailAttribution << "; " << kBuildingAttribution << ".\n\n"
      << "Import them into a project with `ekimachi-cli import --project P KIND FILE` (kinds mesh-population,\n"
      << "segments, segment-counts, stations, station-ridership) and `ekimachi-cli import --project P basemap\n"
      << "--kind rail|building FILE`, or let `ekimachi-cli sample` build sample.gpkg.\n";
    writeText(m_summary.files.readme, o.str());
  }

  SampleSpec m_spec;
  std::string m_dir;
  core::Feedback& m_fb;
  LocalFrame m_frame;
  ReferenceData m_ref;
  std::vector<Day> m_days;
  std::vector<Cell> m_cells;
  std::map<std::string, int> m_cellIndex;
  double m_cellH = 0, m_cellW = 0;
  XY m_bboxSW, m_bboxNE;
  std::vector<std::pair<XY, XY>> m_barrier;
  std::vector<Segment> m_segments;
  std::vector<int> m_counted;
  std::vector<float> m_pop;
  SampleSummary m_summary;
};

}  // namespace

SampleFiles sampleFilesIn(const std::string& dir) {
  const fs::path d(dir);
  SampleFiles f;
  f.meshPopulation = (d / "mesh_population.csv.gz").string();
  f.roadSegments = (d / "road_segments.geojson").string();
  f.segmentCounts = (d / "segment_counts.csv.gz").string();
  f.stations = (d / "stations.csv").string();
  f.stationRidership = (d / "station_ridership.csv.gz").string();
  f.weather = (d / "weather.csv").string();
  f.readme = (d / "README.md").string();
  f.basemapRail = (d / "basemap_rail.geojson").string();
  f.basemapBuildings = (d / "basemap_buildings.geojson").string();
  return f;
}

void validateSpec(const SampleSpec& spec) {
  if (!spec.from.ok() || !spec.to.ok())
    throw core::Error(core::ErrorCode::Usage, "invalid date in sample spec");
  if (core::daysFromCivil(spec.to) < core::daysFromCivil(spec.from))
    throw core::Error(core::ErrorCode::Usage, "sample period ends before it starts",
                      ErrorContext{"", std::nullopt, std::nullopt, "to", "a date on or after " + core::formatDate(spec.from),
                                   core::formatDate(spec.to)});
  if (static_cast<int>(spec.from.year()) < core::kFirstHolidayYear || static_cast<int>(spec.to.year()) > core::kLastHolidayYear)
    throw core::Error(core::ErrorCode::Usage, "sample period outside the holiday calendar (1980-2099)");
  if (!(spec.radiusM >= 100 && spec.radiusM <= 2000))
    throw core::Error(core::ErrorCode::Usage, "sample radius out of range",
                      ErrorContext{"", std::nullopt, std::nullopt, "radius", "100..2000 m", std::to_string(spec.radiusM)});
  if (spec.countedLocalSegments < 0) throw core::Error(core::ErrorCode::Usage, "negative number of counted segments");
}

SampleSummary generateSampleFiles(const SampleSpec& spec, const std::string& outDir, core::Feedback& feedback) {
  validateSpec(spec);
  core::MultiStepFeedback steps(feedback, 3);
  Generator g(spec, outDir, steps);
  SampleSummary summary = g.run();
  steps.setCurrentStep(1);
  generateEnergySampleFiles(spec, outDir, steps);  // energy_district.cpp
  steps.setCurrentStep(2);
  if (const auto feed = sampleBusFeedPath(); fs::exists(feed)) {
    const auto bus = generateBusRidershipFiles(spec, outDir, feed, steps);  // bus_ridership.cpp
    summary.busRidershipRows = bus.routeDayRows + bus.stopTripRows;
    summary.busFirstYearRiders = bus.firstYearRiders;
  }
  return summary;
}

}  // namespace ekm::sample
