#pragma once
// The linked view: for a station's catchment, a zone or the whole district, the three
// sources (mesh population, segment pedestrian counts, station ridership) side by side over
// time. Missing stays missing (NaN), never 0.
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/series.h"
#include "ekm/store/project.h"

namespace ekm::flow {

struct LinkedScope {
  enum class Kind { Station, Zone, District };
  Kind kind = Kind::District;
  // Station: its catchment = cells whose centre is within radiusM (geodesic, GRS80) and
  // segments with any vertex within radiusM; only that station's ridership.
  std::string stationId;
  double radiusM = 800;
  // Zone: mesh codes, each either a stored cell or a coarser code standing for the stored
  // cells inside it. Segments with any vertex and stations inside one of the codes' areas.
  std::vector<std::string> meshCodes;

  static LinkedScope station(std::string id, double radiusM = 800);
  static LinkedScope zone(std::vector<std::string> codes);
  static LinkedScope district();
};

struct LinkedRow {
  HourKey t = 0;              // the hour (or, for daily rows, local midnight of the day)
  double population = 0;      // sum over the scope's cells present at t; NaN if none
  int populationCells = 0;    // cells present at t (daily rows: the most in one hour)
  double pedestrians = 0;     // sum of pedestrian counts (both directions) of present segments; NaN if none
  double boardings = 0;       // sum over present stations; NaN if none
  double alightings = 0;      // sum over present stations; NaN if none
};

struct LinkedView {
  std::vector<std::string> cells;     // mesh codes in scope
  std::vector<std::string> segments;  // segment ids in scope
  std::vector<std::string> stations;  // station ids in scope
  std::vector<LinkedRow> rows;        // one per hour of [from, to]
};

// Hours from..to inclusive. Throws core::ValidationError for an unknown station,
// core::MeshError for a malformed zone code, core::Error(Usage) for to < from or an empty zone.
LinkedView linkedView(const store::Project& project, const LinkedScope& scope, HourKey from, HourKey to,
                      core::Feedback& feedback);

// Daily rows (local days of the calendar): each source summed over its present hours
// (population: person-hours), NaN when no hour of the day is present.
std::vector<LinkedRow> linkedDaily(const std::vector<LinkedRow>& hourly, const LocalCalendar& calendar);

// Pearson r of two equally long sequences over the indices where both are present;
// NaN with fewer than 3 pairs or zero variance. *pairs (if given) receives the pair count.
double pearson(const std::vector<double>& x, const std::vector<double>& y, int* pairs = nullptr);

}  // namespace ekm::flow
