#pragma once
// Thin adapters from the project store to the in-memory series the flow models use.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/series.h"
#include "ekm/store/project.h"

namespace ekm::flow {

enum class FeatureKind { Cell, Segment, Station };
// "mesh-population"/"cell", "segment-counts"/"segment", "station-ridership"/"station".
FeatureKind featureKindFromName(const std::string& name);  // throws Error(Usage)
const char* featureKindTable(FeatureKind kind);            // the store table name

enum class StationMeasure { Total, Boardings, Alightings };

struct SeriesQuery {
  std::optional<HourKey> from, to;                         // inclusive; default: the table's time range
  store::TravelMode mode = store::TravelMode::Pedestrian;  // segments: sum over directions
  StationMeasure station = StationMeasure::Total;          // stations: boardings + alightings by default
  std::int64_t breakdownId = 0;                            // cells: 0 = total
};

// One feature's hourly series by its id (mesh code, segment id, station id). Hours without
// a row, and NULL values, are NaN. Throws core::ValidationError for an unknown id.
// A zone can be given as a comma-separated list of ids ("A,B,C"), and for cells a coarser
// mesh code than the stored cells (e.g. a 1/2 mesh "533935961" over 1/8 cells) stands for
// all stored cells inside it; both are summed with aggregateSeries (missing stays missing),
// and `coverage` (if given) receives the share of present member-hours.
HourlySeries loadSeries(const store::Project& project, FeatureKind kind, const std::string& id,
                        const SeriesQuery& query = {}, double* coverage = nullptr);
// Every feature of a kind over the same span (ids in store order). Progress/cancel.
std::vector<std::pair<std::string, HourlySeries>> loadAllSeries(const store::Project& project,
                                                                FeatureKind kind, const SeriesQuery& query,
                                                                core::Feedback& feedback);

}  // namespace ekm::flow
