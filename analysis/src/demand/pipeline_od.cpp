// Phase 4 of the project demand pipeline: the OD matrix, from the gravity model or a stored
// or CSV matrix, and as it can be assigned (see project_pipeline.h).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/store/project.h"

namespace ekm::demand {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

OdMatrix freeFlowMinutes(const Network& zoned, const CostWeights& weights, core::Feedback& feedback) {
  const auto skims =
      computeSkims(zoned, std::vector<double>(static_cast<std::size_t>(zoned.linkCount()), 0.0), weights, feedback);
  const int n = zoned.zoneCount();
  OdMatrix minutes(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      minutes(i, j) = i == j ? std::numeric_limits<double>::infinity() : skims.time(i, j) / 60.0;
  return minutes;
}

GravityOd gravityOd(const OdMatrix& minutes, const ZoneSystem& zones, TripEnds ends,
                    const std::vector<bool>& zoneConnected, const GravityOptions& options, core::Feedback& feedback) {
  const std::size_t n = zones.zones.size();
  if (static_cast<std::size_t>(minutes.zoneCount()) != n || ends.productions.size() != n ||
      ends.attractions.size() != n || zoneConnected.size() != n)
    throw core::ValidationError("the times, trip ends and zones do not match",
                                ErrorContext{"", {}, {}, "zones", std::to_string(n), std::to_string(minutes.zoneCount())});
  for (std::size_t z = 0; z < n; ++z)
    if (!zoneConnected[z]) ends.productions[z] = ends.attractions[z] = 0;
  if (!(ends.totalProductions() > 0))
    throw core::ValidationError("no trips are produced in the chosen hours",
                                ErrorContext{"", {}, {}, "trip ends", "productions of connected zones > 0", "0"});
  ends.balanceAttractionsToProductions();
  FurnessOptions furness;
  furness.tolerance = options.furnessTolerance;
  furness.maxIterations = options.furnessMaxIterations;
  GravityOd out;
  char text[200];
  if (options.targetMeanMinutes) {
    auto initial = options.deterrence;
    initial.setDecayParameter(0);
    auto c = calibrateToMeanCost(minutes, ends.productions, ends.attractions, *options.targetMeanMinutes, initial,
                                 furness, feedback);
    out.deterrence = c.deterrence;
    out.furness = std::move(c.result);
    out.calibrationRuns = c.iterations;
    std::snprintf(text, sizeof text, "gravity %s (Hyman, target %.2f min)", c.deterrence.describe().c_str(),
                  *options.targetMeanMinutes);
  } else {
    out.deterrence = options.deterrence;
    out.furness = gravity(minutes, ends.productions, ends.attractions, options.deterrence, furness, feedback);
    std::snprintf(text, sizeof text, "gravity %s", options.deterrence.describe().c_str());
  }
  out.description = text;
  out.od = {zones.ids(), std::move(out.furness.trips)};
  out.furness.trips = OdMatrix();
  return out;
}

void setOdFromSpec(OdOptions& options, const store::Project& project, const std::string& spec) {
  if (spec.rfind("period:", 0) != 0 && std::filesystem::exists(spec)) {
    options.source = OdSource::Csv;
    options.csvPath = spec;
    return;
  }
  const std::string period = spec.rfind("period:", 0) == 0 ? spec.substr(7) : spec;
  const auto periods = odPeriods(project);
  if (std::find(periods.begin(), periods.end(), period) == periods.end()) {
    std::string list;
    for (const auto& p : periods) list += (list.empty() ? "" : ", ") + p;
    throw Error(ErrorCode::Usage, "no such OD file or period",
                ErrorContext{project.path(), std::nullopt, std::nullopt, "od",
                             "an OD CSV or a period (" + (list.empty() ? std::string("none stored") : list) + ")", spec});
  }
  options.source = OdSource::ProjectTable;
  options.period = period;
}

LoadedOd loadOd(const store::Project& project, const OdOptions& options, const ZoneSystem& zones) {
  NamedOdMatrix named;
  LoadedOd out;
  if (options.source == OdSource::ProjectTable) {
    named = loadOdMatrix(project, options.period);
    out.description = project.path() + " period " + options.period;
  } else if (options.source == OdSource::Csv) {
    named = readOdCsv(options.csvPath);
    out.description = options.csvPath;
  } else {
    throw core::ValidationError("the gravity model's OD is not loaded (use gravityOd)");
  }
  out.od = {zones.ids(), alignOd(named, zones, out.description)};
  return out;
}

AssignableOd assignableOd(const OdMatrix& od, const ConnectedNetwork& network, core::Feedback& feedback) {
  const auto& connected = network.zoneConnected;
  const int n = od.zoneCount();
  if (static_cast<std::size_t>(n) != connected.size())
    throw core::ValidationError("the OD and the network have different zones",
                                ErrorContext{"", {}, {}, "zones", std::to_string(connected.size()), std::to_string(n)});
  AssignableOd out{od};
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double& v = out.matrix(i, j);
      if (i == j)
        out.intrazonalTrips += v, v = 0;
      else if (!connected[static_cast<std::size_t>(i)] || !connected[static_cast<std::size_t>(j)])
        out.unconnectedTrips += v, v = 0;
    }
  if (out.unconnectedTrips > 0) {
    char text[160];
    std::snprintf(text, sizeof text, "%.3f trips from or to the %zu zones left out are not assigned",
                  out.unconnectedTrips, network.droppedZones.size());
    feedback.warning(text);
  }
  if (!(out.matrix.total() > 0)) throw core::ValidationError("the OD matrix has no trips between connected zones");
  return out;
}

}  // namespace ekm::demand
