#pragma once
// Static traffic assignment: all-or-nothing and user equilibrium with BPR link
// costs plus a generalized cost (toll and distance weights), by Frank-Wolfe,
// bi-conjugate Frank-Wolfe (Mitradjieva & Lindberg 2013) and Algorithm B (Dial 2006,
// bush-based, origin-based flows).
//
// Convergence: relative gap = (TSTT - SPTT) / TSTT, where TSTT = sum over links of
// volume x cost and SPTT = sum over OD pairs of demand x shortest-path cost at the
// same costs (intrazonal demand contributes to neither). Reported each iteration
// through Feedback (log line + progress) and options.onIteration; stops at the gap or
// the iteration limit.
// Cancellation is polled inside the loops and raises core::CancelledError.
#include <functional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/network.h"

namespace ekm::demand {

enum class AssignmentAlgorithm { AllOrNothing, FrankWolfe, BiconjugateFrankWolfe, AlgorithmB };

// "aon", "fw", "bfw", "b"; throws core::Error(Usage) on anything else.
AssignmentAlgorithm algorithmFromName(const std::string& name);
const char* algorithmName(AssignmentAlgorithm algorithm);

struct IterationRecord {
  int iteration = 0;
  double relativeGap = 0;
  double tstt = 0;       // total system travel (generalized) cost
  double sptt = 0;       // shortest-path travel cost
  double beckmann = 0;   // objective
  double seconds = 0;    // elapsed since the start
};

struct AssignmentOptions {
  AssignmentAlgorithm algorithm = AssignmentAlgorithm::AlgorithmB;
  double relativeGap = 1e-4;  // stop when the gap is at or below this
  int maxIterations = 1000;
  CostWeights weights;
  int threads = 0;  // shortest-path threads; 0 = hardware concurrency
  // Algorithm B: keep the origin-based link flows in the result (needed by selectLink).
  bool keepOriginFlows = false;
  // Algorithm B tuning: equilibration passes right after a bush is improved, and
  // extra equilibration sweeps over all bushes per iteration (defaults tuned on
  // Chicago Sketch: 1 and 4 roughly halve the time to a 1e-6 gap against 4 and 0).
  int bushPasses = 1;
  int bushSweeps = 4;
  // Called with each iteration's record as it is made (on the assigning thread; e.g. a GUI
  // marshals it to its own thread for a live convergence chart). Empty = not called.
  std::function<void(const IterationRecord&)> onIteration;
};

struct AssignmentResult {
  std::vector<double> volume;  // per link
  std::vector<double> time;    // BPR time at volume
  std::vector<double> cost;    // generalized cost at volume
  std::vector<IterationRecord> iterations;
  bool converged = false;
  double relativeGap = 0;
  double tstt = 0;
  double seconds = 0;
  // originFlows[o][link] for every zone o (Algorithm B with keepOriginFlows only).
  std::vector<std::vector<double>> originFlows;
};

AssignmentResult assign(const Network& network, const OdMatrix& demand, const AssignmentOptions& options,
                        core::Feedback& feedback);

// Total system travel cost and relative gap of given link volumes (an independent
// evaluation: shortest paths at the costs of these volumes).
struct Evaluation {
  double tstt = 0;
  double sptt = 0;
  double relativeGap = 0;
  double beckmann = 0;
};
Evaluation evaluateVolumes(const Network& network, const OdMatrix& demand, const std::vector<double>& volume,
                           const CostWeights& weights);

// Skims along shortest generalized-cost paths at the given link volumes:
// generalized cost, BPR time and length per OD pair (zone x zone; +inf if unreachable).
struct Skims {
  OdMatrix cost;
  OdMatrix time;
  OdMatrix distance;
};
Skims computeSkims(const Network& network, const std::vector<double>& volume, const CostWeights& weights,
                   core::Feedback& feedback);

// Select-link analysis: the OD pairs whose flow uses `link`, with the volume they put
// on it. Uses the origin-based flows of Algorithm B (run with keepOriginFlows): the
// share of an OD pair's flow on the link is propagated through the origin's acyclic
// flow pattern in proportion to flows. Throws core::Error if the flows are missing.
struct SelectLinkFlow {
  int origin = 0;  // 0-based zone
  int destination = 0;
  double volume = 0;
};
std::vector<SelectLinkFlow> selectLink(const Network& network, const OdMatrix& demand,
                                       const AssignmentResult& result, int link);

}  // namespace ekm::demand
