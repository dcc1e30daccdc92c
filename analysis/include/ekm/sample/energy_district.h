#pragma once
// The sample district's energy part (data/samples/README.md, "Energy"): the four DHC
// buildings of blocks 1-4 of Takanawa Gateway City (approximate real positions, floor areas
// by use from the public totals, split by documented assumptions), a Tokyo weather year
// (the real JMA daily record of 2022, re-dated to the sample's year and disaggregated to
// hours by energy/weather_disaggregation.h) and hourly synthetic meters (cooling, heating,
// electricity per building) from a documented physical model whose occupancy term comes
// from the sample's people flow in the buildings' mesh cells. Deterministic by seed.
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/energy/hourly_series.h"
#include "ekm/sample/sample_generator.h"
#include "ekm/store/project.h"

namespace ekm::sample {

struct EnergySampleFiles {
  std::string buildings;     // energy_buildings.geojson
  std::string weatherDaily;  // energy_weather_jma_daily.csv (JMA compiled format, re-dated)
  std::string meters;        // energy_meters.csv.gz (datetime JST, OWNER/KIND [kWh] columns)
  std::string plant;         // plant.json: the DHC plant (a copy of plantSourcePath())
};
EnergySampleFiles energySampleFilesIn(const std::string& dir);

struct EnergySampleSummary {
  EnergySampleFiles files;
  int buildings = 0;
  std::int64_t hours = 0;          // meter hours per series
  std::int64_t gaps = 0;           // missing meter values (simulated outages)
  std::int64_t flowHours = 0;      // hours whose occupancy came from the people flow itself
  double coolingMwh = 0, heatingMwh = 0, electricityMwh = 0;  // totals over the buildings
};

// The sample's DHC plant file as shipped: core::sampleDataDir() + "/takanawa/plant.json"
// (data/samples/README.md, "The DHC plant"); copied into every generated sample.
std::string plantSourcePath();

// The four buildings (ids TGW-1..TGW-4 = blocks 1..4).
std::vector<energy::Building> sampleDhcBuildings();

// Writes the energy files into outDir; reads outDir/mesh_population.csv.gz (written by
// generateSampleFiles) for the occupancy term and the reference JMA year from the
// reference folder. Same spec -> byte-identical files.
EnergySampleSummary generateEnergySampleFiles(const SampleSpec& spec, const std::string& outDir,
                                              core::Feedback& feedback);

// Imports the energy files of outDir into the project (energy-import: buildings,
// weather-daily, meters), if they are there. Returns false when they are not.
bool importEnergySample(store::Project& project, const std::string& outDir, core::Feedback& feedback);

}  // namespace ekm::sample
