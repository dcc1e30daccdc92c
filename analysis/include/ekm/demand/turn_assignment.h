#pragma once
// Assignment and scenarios with turn penalties/bans (turns.h's link-graph expansion) on
// built street networks, plus turn rules read from a CSV that names street segments:
//
//   from_segment,to_segment,penalty_s,ban[,via_lon,via_lat]
//
// from_segment / to_segment: segment_id values of the network's segments; the junction is
// the node where a link of from_segment ends and a link of to_segment starts: the node
// nearest to (via_lon, via_lat) when given (it must be within `maxViaDistanceM`), else the
// single node the two segments share. penalty_s: seconds added to the movement (empty =
// 0); ban: 1/true/yes bans the movement (then the penalty is ignored). Every movement
// from_segment -> to_segment through the junction gets the rule (both directions of
// two-way streets). Errors (ParseError / ValidationError) name file, line, column,
// expected and found.
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network_builder.h"
#include "ekm/demand/scenario.h"
#include "ekm/demand/turns.h"

namespace ekm::demand {

std::vector<TurnRule> readTurnRulesCsv(const std::string& path, const BuiltNetwork& built,
                                       double maxViaDistanceM = 30);

struct TurnAssignment {
  ExpandedNetwork expanded;
  AssignmentResult expandedResult;  // on the expanded network
  AssignmentResult result;          // volume/time/cost per ORIGINAL link; gap, TSTT, iterations as assigned
};

// Assigns on the turn-expanded network (TSTT includes the time spent in turn penalties).
TurnAssignment assignWithTurns(const Network& network, const OdMatrix& demand, const std::vector<TurnRule>& rules,
                               const TurnOptions& turnOptions, const AssignmentOptions& options,
                               core::Feedback& feedback);

// Base rules mapped to the scenario network of applyScenario (rules on closed links dropped).
std::vector<TurnRule> scenarioTurnRules(const std::vector<TurnRule>& baseRules, const ScenarioNetwork& scenario);

// runScenario with turn rules (given on base links) in both runs; link results per original
// link, skims on the expanded networks (zones keep their indices).
ScenarioResult runScenarioWithTurns(const Network& base, const OdMatrix& demand, const Scenario& scenario,
                                    const std::vector<TurnRule>& baseRules, const TurnOptions& turnOptions,
                                    const AssignmentOptions& options, core::Feedback& feedback);

}  // namespace ekm::demand
