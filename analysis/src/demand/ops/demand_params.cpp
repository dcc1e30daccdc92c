// Parameter groups shared by the demand operations (see demand_params.h).
#include "ekm/demand/ops/demand_params.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "ekm/core/error.h"

namespace ekm::demand {

void throwParam(const std::string& message, const std::string& field, const std::string& expected,
                const std::string& found) {
  throw ops::ParamError(message, core::ErrorContext{"", std::nullopt, std::nullopt, field, expected, found});
}

void ProjectNetworkParams::validate() const {
  zoneOptionsFromSpec(zones);  // Error(Usage) naming --zones
  if (!barriers.empty() && network != "walking")
    throwParam("barriers are for the walking network", "barriers", "network walking", network);
}

std::string inputPath(ops::Session& session, const std::string& path) {
  if (path.empty()) return path;
  const std::string resolved = session.resolve(path);
  std::error_code ec;
  if (std::filesystem::exists(resolved, ec)) session.recordInputFile(resolved);
  return resolved;
}

bool ProjectNetworkParams::isDefault() const { return ops::toJson(*this) == ops::toJson(ProjectNetworkParams{}); }

ProjectDemandOptions projectDemandOptions(ops::Session& session, const ProjectNetworkParams& p) {
  auto input = [&](const std::string& path) { return inputPath(session, path); };
  ProjectDemandOptions o;
  o.zones = zoneOptionsFromSpec(p.zones);
  if (o.zones.kind == ZoneKind::Polygons || o.zones.kind == ZoneKind::Points) o.zones.path = input(o.zones.path);
  auto& n = o.network;
  n.mode = p.network == "road" ? NetworkMode::Drive : NetworkMode::Walk;
  n.snapToleranceM = p.snap;
  n.splitAtCrossings = p.split_crossings;
  n.barriersPath = input(p.barriers);
  n.barrierField = p.barrier_field;
  n.crossingsFromPath = input(p.crossings_from);
  o.connectors.speedKmh = p.connector_speed;
  o.connectors.maxDistanceM = p.connector_max;
  return o;
}

core::HourKey hourParam(const std::string& text, const std::string& field) {
  const auto k = core::parseIsoDateTimeToHourKey(text);
  if (!k)
    throwParam("bad " + ops::cliFlagName(field), field, "an ISO date-time on the hour, e.g. 2025-04-01T07:00+09:00",
               text);
  return *k;
}

void TripEndParams::validate() const {
  core::HourKey f = 0, t = 0;
  if (!from.empty()) f = hourParam(from, "from");
  if (!to.empty()) t = hourParam(to, "to");
  if (!from.empty() && !to.empty() && t < f) throwParam("the period ends before it starts", "to", ">= from", to);
}

TripEndOptions TripEndParams::options(const std::string& purpose) const {
  if (from.empty() || to.empty())
    throwParam(purpose + " needs the hours from and to", from.empty() ? "from" : "to",
               "an ISO date-time on the hour", "nothing");
  TripEndOptions o;
  o.from = hourParam(from, "from");
  o.to = hourParam(to, "to");
  o.useStays = !no_stays;
  o.useStations = !no_stations;
  return o;
}

Deterrence DeterrenceParams::function() const {
  Deterrence d;
  d.kind = deterrenceKindFromName(deterrence);
  d.alpha = alpha.value_or(d.kind == DeterrenceKind::Power ? 2.0 : 0.0);
  d.beta = beta;
  return d;
}

AssignmentOptions AssignmentParams::options() const {
  AssignmentOptions o;
  o.algorithm = algorithmFromName(algorithm);
  o.relativeGap = gap;
  o.maxIterations = static_cast<int>(max_iter);
  o.threads = static_cast<int>(threads);
  return o;
}

void EditsParams::validate() const {
  if (edits && !edits_file.empty())
    throwParam("give edits or edits_file, not both", "edits_file", "one of them", "both");
}

ScenarioEdits EditsParams::read(ops::Session& session) const {
  if (!edits_file.empty()) return readScenarioEditsJson(inputPath(session, edits_file));
  if (edits) return scenarioEdits(*edits, "", "edits");
  return {};
}

}  // namespace ekm::demand
