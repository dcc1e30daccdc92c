// Phases 5 and 6 of the project demand pipeline: the corridors and desire lines of an
// assignment, and scenarios against the base (see project_pipeline.h).
#include "ekm/demand/project_pipeline.h"
#include "ekm/demand/turn_assignment.h"

namespace ekm::demand {

DemandPatterns demandPatterns(const Network& network, const std::vector<bool>& streetLink,
                              const std::vector<double>& volume, const ZoneSystem& zones, const OdMatrix& od,
                              const CorridorOptions& options) {
  DemandPatterns out;
  std::vector<double> streetVolume = volume;
  for (std::size_t a = 0; a < streetVolume.size(); ++a)
    if (a >= streetLink.size() || !streetLink[a]) streetVolume[a] = 0;
  out.corridors = extractCorridors(network, streetVolume, options);
  std::vector<GeoPoint> centroids;
  for (const auto& z : zones.zones) centroids.push_back({z.lon, z.lat, 0});
  out.desireLines = desireLines(od, centroids, 0, true);
  return out;
}

ProjectScenario assignProjectScenario(const ZonedNetwork& network, const OdMatrix& od, const ScenarioEdits& edits,
                                      const AssignmentOptions& options, const std::string& turnsPath,
                                      core::Feedback& feedback) {
  ProjectScenario out;
  std::vector<TurnRule> turns;
  if (!turnsPath.empty()) {
    turns = readTurnRulesCsv(turnsPath, network.zoned);
    out.turnRules = static_cast<int>(turns.size());
    for (const auto& r : turns) out.bannedTurns += r.banned ? 1 : 0;
  }
  out.scenario = resolveEdits(edits, network, &out.addedNames);
  out.result = turns.empty() ? runScenario(network.zoned.network, od, out.scenario, options, feedback)
                             : runScenarioWithTurns(network.zoned.network, od, out.scenario, turns, {}, options, feedback);
  return out;
}

}  // namespace ekm::demand
