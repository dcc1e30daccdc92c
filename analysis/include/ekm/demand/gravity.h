#pragma once
// Trip distribution: Furness (bi-proportional / IPF) balancing and the doubly
// constrained gravity model T_ij = a_i b_j f(c_ij) with sum_j T_ij = P_i and
// sum_i T_ij = A_j (Ortuzar & Willumsen, Modelling Transport, ch. 5), and calibration
// of the deterrence parameter to an observed mean trip length (Hyman 1969) or to an
// observed trip-length distribution (1-D golden-section search).
//
// Failures are core::Error(ErrorCode::Model) with context:
//  - the grand totals of productions and attractions differ beyond totalsTolerance;
//  - a zone produces (attracts) trips but its seed row (column) is zero over every
//    attracting (producing) zone, e.g. all destinations unreachable;
//  - the balancing did not converge within maxIterations (structural zeros that make
//    the totals infeasible), when failOnNoConvergence is set.
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/deterrence.h"
#include "ekm/demand/network.h"

namespace ekm::demand {

struct FurnessOptions {
  // Convergence: max over zones of |row (column) sum - target| / target <= tolerance.
  double tolerance = 1e-8;
  int maxIterations = 1000;
  // Allowed relative difference |sum P - sum A| / max(sum P, sum A).
  double totalsTolerance = 1e-6;
  bool failOnNoConvergence = true;
};

struct FurnessResult {
  OdMatrix trips;
  std::vector<double> rowFactors;     // a_i: T_ij = a_i b_j seed_ij
  std::vector<double> columnFactors;  // b_j
  int iterations = 0;                 // one iteration = a row and a column pass
  bool converged = false;
  double maxRelativeError = 0;        // after the last iteration
  std::vector<double> history;        // maxRelativeError after each iteration
};

// Scales `seed` (>= 0) so its row sums are `productions` and column sums `attractions`.
FurnessResult furness(const OdMatrix& seed, const std::vector<double>& productions,
                      const std::vector<double>& attractions, const FurnessOptions& options,
                      core::Feedback& feedback);

// Doubly constrained gravity model: seed_ij = f(cost_ij), then Furness.
FurnessResult gravity(const OdMatrix& cost, const std::vector<double>& productions,
                      const std::vector<double>& attractions, const Deterrence& deterrence,
                      const FurnessOptions& options, core::Feedback& feedback);

// Trip-weighted mean cost sum T c / sum T over pairs with finite cost.
double meanTripCost(const OdMatrix& trips, const OdMatrix& cost);

// Shares of trips per cost bin [edges[k], edges[k+1]) (last bin closed); trips
// outside all bins are ignored. Shares sum to 1 over the bins when any trip falls in.
std::vector<double> tripLengthDistribution(const OdMatrix& trips, const OdMatrix& cost,
                                           const std::vector<double>& edges);

struct CalibrationStep {
  double parameter = 0;  // beta (exp, combined) or alpha (power)
  double objective = 0;  // mean cost (Hyman) or sum of squared share differences (TLD)
};

struct CalibrationResult {
  Deterrence deterrence;  // calibrated
  FurnessResult result;   // gravity model at the calibrated parameter
  double modelledMeanCost = 0;
  double targetMeanCost = 0;
  double objective = 0;
  int iterations = 0;
  bool converged = false;
  std::vector<CalibrationStep> history;
};

// Hyman's method: secant iterations on the decay parameter of `initial` (beta for
// exp/combined, alpha for power; the other parameter is kept) until the modelled mean
// cost is within relTolerance of targetMeanCost. Starts from beta = 1/target (exp,
// combined) or alpha = 1 (power) unless initial's parameter is > 0.
CalibrationResult calibrateToMeanCost(const OdMatrix& cost, const std::vector<double>& productions,
                                      const std::vector<double>& attractions, double targetMeanCost,
                                      const Deterrence& initial, const FurnessOptions& options,
                                      core::Feedback& feedback, double relTolerance = 1e-6,
                                      int maxIterations = 50);

// Minimises sum_k (model share_k - observed share_k)^2 over the decay parameter in
// [lower, upper] by golden-section search (observed values are normalised to shares).
CalibrationResult calibrateToDistribution(const OdMatrix& cost, const std::vector<double>& productions,
                                          const std::vector<double>& attractions,
                                          const std::vector<double>& binEdges, const std::vector<double>& observed,
                                          const Deterrence& initial, double lower, double upper,
                                          const FurnessOptions& options, core::Feedback& feedback,
                                          double parameterTolerance = 1e-6);

}  // namespace ekm::demand
