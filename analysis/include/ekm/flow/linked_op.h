#pragma once
// Operation `linked`: the three sources (mesh population, pedestrian counts, station
// ridership) side by side over time for a station's catchment, a zone or the district,
// hourly or daily, with the daily correlation between each pair of sources.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "ekm/flow/linked_view.h"
#include "ekm/ops/operation.h"

namespace ekm::flow {

struct LinkedParams {
  std::optional<std::string> station;
  std::optional<double> radius;  // metres; station scope only (default 800)
  std::optional<std::vector<std::string>> zone;
  bool district = false;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::string by = "hour";

  template <class V>
  void fields(V& v) {
    v("station", station, {.help = "scope: the catchment of this station"});
    v("radius", radius, {.help = "station scope: catchment radius in metres (default 800)", .min = 1, .max = 50000});
    v("zone", zone, {.help = "scope: mesh codes (a coarser code = the stored cells inside it)"});
    v("district", district, {.help = "scope: the whole district"});
    v("from", from, {.help = "first local (JST) day, YYYY-MM-DD (default: the data's first)", .format = "date"});
    v("to", to, {.help = "last local day, inclusive (default: the data's last)", .format = "date"});
    v("by", by, {.help = "rows per hour, or per day (sums over the present hours)", .choices = {"hour", "day"}});
  }
  // Exactly one scope; radius only with a station; dates.
  void validate() const;
};

// Pearson r of the daily totals of two sources over the days both are present.
struct SourceCorrelation {
  std::string a, b;  // "population", "pedestrians", "ridership"
  double r = 0;      // NaN with fewer than 3 days or no variance
  int days = 0;
};

struct LinkedResult {
  std::string scope;  // "station", "zone", "district"
  std::string by;     // "hour", "day"
  LinkedView view;    // scope members and hourly rows
  std::vector<LinkedRow> daily;
  std::array<SourceCorrelation, 3> correlations;
  const std::vector<LinkedRow>& rows() const { return by == "day" ? daily : view.rows; }
};

struct LinkedOp {
  static constexpr const char* name = "linked";
  static constexpr const char* summary =
      "population, pedestrian counts and ridership side by side for a station, zone or district";
  static constexpr bool writesProject = false;
  using Params = LinkedParams;
  using Result = LinkedResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::flow
