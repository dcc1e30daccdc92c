#pragma once
// The sample district: a deterministic, honest synthetic data set on real geography
// around Takanawa Gateway station (see data/samples/README.md for what is real and what is
// synthetic). generateSampleFiles writes the raw input files a user would receive from
// vendors; buildSampleProject imports them into DIR/sample.gpkg with the importers.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"

namespace ekm::sample {

struct SampleSpec {
  std::uint64_t seed = 1;
  std::chrono::year_month_day from{std::chrono::year{2025}, std::chrono::month{2}, std::chrono::day{1}};
  std::chrono::year_month_day to{std::chrono::year{2025}, std::chrono::month{5}, std::chrono::day{31}};  // inclusive
  // Half-width of the square around the station; every 500 m census cell that intersects
  // it is covered completely by its 16 1/8-mesh (125 m) cells. At most 2000 m (the
  // reference buildings cover a 4 km square).
  double radiusM = 1500;
  double centerLon = 139.7406575;  // Takanawa Gateway station
  double centerLat = 35.6353954;
  std::chrono::year_month_day openingDate{std::chrono::year{2025}, std::chrono::month{3}, std::chrono::day{27}};
  std::string referenceDir;  // "" = defaultReferenceDir()
  int countedLocalSegments = 12;  // local streets that get counters (main roads always do)
};

struct SampleFiles {
  std::string meshPopulation;    // mesh_population.csv.gz
  std::string roadSegments;      // road_segments.geojson
  std::string segmentCounts;     // segment_counts.csv.gz
  std::string stations;          // stations.csv
  std::string stationRidership;  // station_ridership.csv.gz
  std::string weather;           // weather.csv
  std::string basemapRail;       // basemap_rail.geojson: PLATEAU rail lines around the area
  std::string basemapBuildings;  // basemap_buildings.geojson: PLATEAU buildings in the area
  std::string readme;            // README.md
};

struct SampleSummary {
  SampleFiles files;
  std::int64_t meshCells = 0;
  std::int64_t hours = 0;
  std::int64_t meshRows = 0;
  std::int64_t suppressedValues = 0;
  std::int64_t roadSegments = 0;
  std::int64_t localStreets = 0;
  std::int64_t countedSegments = 0;
  std::int64_t segmentCountRows = 0;
  std::int64_t stations = 0;
  std::int64_t ridershipStations = 0;
  std::int64_t ridershipRows = 0;
  std::int64_t basemapRailFeatures = 0;
  std::int64_t basemapBuildings = 0;
  std::int64_t busRidershipRows = 0;     // Chii-bus ridership records (bus_ridership.h), both files
  std::int64_t busFirstYearRiders = 0;   // their boardings in the first 12 months
};

// Throws core::Error(Usage) for an impossible spec (to before from, radius out of range).
void validateSpec(const SampleSpec& spec);

// Writes the raw files into outDir (created if needed; existing sample files are
// overwritten). Same spec -> byte-identical files. Cancellable (throws CancelledError).
SampleSummary generateSampleFiles(const SampleSpec& spec, const std::string& outDir, core::Feedback& feedback);

// Builds outDir/sample.gpkg from the raw files with the importers, the basemap files into
// basemap_features (with their attribution in ekm_meta 'basemap_attribution') (an existing sample.gpkg
// is replaced), and the GTFS feed `gtfsFeed` (nullopt: defaultSampleFeed(); "": none, transit is
// skipped with a message). On error or cancel no sample.gpkg is left behind. Returns its path.
std::string buildSampleProject(const SampleFiles& files, const std::string& outDir, core::Feedback& feedback,
                               const std::optional<std::string>& gtfsFeed = std::nullopt);

// The Chii-bus GTFS-JP feed of the source tree when run from a build; "" when installed (the
// feed is not in the packages until its licence is confirmed) or absent.
std::string defaultSampleFeed();

// Attribution texts of the basemap's real data (also in the sample README and the
// project's ekm_meta 'basemap_attribution').
extern const char* const kRailAttribution;
extern const char* const kBuildingAttribution;

// File names inside a sample directory.
SampleFiles sampleFilesIn(const std::string& dir);

}  // namespace ekm::sample
