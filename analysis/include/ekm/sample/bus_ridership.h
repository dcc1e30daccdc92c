#pragma once
// The sample's synthetic Chii-bus ridership (data/samples/README.md, "Chii-bus ridership"):
// the real GTFS-JP network of the Chii-bus (data/samples/gtfs_chiibus) with made-up riders
// that add up to about 3.6 M a year, shaped by the sample's people flow around the stops, the
// Japanese calendar (weekday / Saturday / Sunday-holiday, year-end break), the season and a
// slow underlying growth. From the April before the sample period to its last day: boardings
// by route and day (route-day layout) before the people-flow period, boardings and
// alightings by stop and trip (stop-trip layout) during it. Deterministic by seed.
#include <cstdint>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/sample/sample_generator.h"
#include "ekm/store/project.h"

namespace ekm::sample {

struct BusRidershipFiles {
  std::string routeDay;  // chiibus_ridership_route_day.csv: date,route_id,boardings (not written when no day precedes the flow)
  std::string stopTrip;  // chiibus_ridership_stop_trip.csv.gz: date,trip_id,stop_id,boardings,alightings
};
BusRidershipFiles busRidershipFilesIn(const std::string& dir);

// The Chii-bus feed the sample uses (data/samples/gtfs_chiibus/chiibus_gtfs.zip in the source tree).
std::string sampleBusFeedPath();

struct BusRidershipSummary {
  BusRidershipFiles files;
  std::string firstDate, lastDate;        // ridership period
  std::int64_t routeDayRows = 0, stopTripRows = 0;
  std::int64_t riders = 0;                // all boardings written
  std::int64_t firstYearRiders = 0;       // boardings of the first 12 months
  int stops = 0, stopsWithFlow = 0;       // feed stops; those inside the people-flow area
  double ridersPerUnitWeight = 0;         // the calibration factor (alpha)
};

// Writes the two ridership files into outDir; reads outDir/mesh_population.csv.gz (written by
// generateSampleFiles) and the feed at feedPath. Same spec -> byte-identical files.
BusRidershipSummary generateBusRidershipFiles(const SampleSpec& spec, const std::string& outDir,
                                              const std::string& feedPath, core::Feedback& feedback);

// Imports the ridership files of outDir into the project (which must hold the feed) through
// the ridership importer (mobility::importRidership). Returns false when they are not there.
bool importBusRidershipSample(store::Project& project, const std::string& outDir, core::Feedback& feedback);

}  // namespace ekm::sample
