#pragma once
// Matrix estimation from link counts: adjust a prior OD matrix so that its assigned
// link flows match observed counts on a subset of links.
//
// Method (Spiess 1990, "A gradient approach for the O-D matrix adjustment problem"),
// bi-level by repeated assignment:
//   outer loop: assign the current matrix (Algorithm B, user equilibrium) and take the
//     link-use proportions p[a][od] = (flow of od on counted link a) / T_od from the
//     select-link analysis of every counted link;
//   inner loop: with p fixed, minimise
//       Z(T) = 1/2 sum_a (sum_od p[a][od] T_od - c_a)^2 + rho/2 sum_od (T_od - T0_od)^2 / T0_od
//     by multiplicative gradient steps T_od <- T_od (1 - lambda g_od), g = dZ/dT, with the
//     exact line search for lambda (Z is quadratic along the step) capped so that no
//     cell turns negative. Multiplicative steps keep the prior's structure: cells that
//     are 0 stay 0, pairs that use no counted link change only through rho.
// Regularisation: the number of steps (early stopping, as in Spiess) and rho >= 0
// (pull towards the prior; units trips, 0 = off).
// Reported: GEH = sqrt(2 (m - c)^2 / (m + c)) per counted link (m modelled, c count),
// before and after, and the share of counted links with GEH < 5.
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"

namespace ekm::demand {

struct LinkCount {
  LinkCount() = default;
  LinkCount(int link, double count) : link(link), count(count) {}
  int link = 0;       // 0-based link index in the Network
  double count = 0;   // observed volume, >= 0
  // When not empty, the count observes sum weight x volume over these links instead of
  // `link` alone (a street counted in both directions; a segment split into pieces, each
  // weighted by its share of the length). Every link may appear in one count only.
  std::vector<std::pair<int, double>> links;
};
// The (link, weight) terms a count observes.
std::vector<std::pair<int, double>> countTerms(const LinkCount& count);

struct MatrixEstimationOptions {
  AssignmentOptions assignment;  // algorithm forced to Algorithm B (select-link needs it)
  int outerIterations = 5;       // assignments with updated proportions
  int innerIterations = 50;      // gradient steps per assignment
  double regularization = 0;     // rho
  double stepTolerance = 1e-9;   // stop the inner loop when Z falls by less than this share
};

struct GehRecord {
  int link = 0;
  double count = 0;
  double modelled = 0;
  double geh = 0;
};

struct EstimationStep {
  int outer = 0;
  int inner = 0;
  double objective = 0;  // Z with fixed proportions after the step
  double lambda = 0;
};

struct MatrixEstimationResult {
  OdMatrix matrix;
  std::vector<GehRecord> before;  // prior, assigned
  std::vector<GehRecord> after;   // estimate, assigned
  double shareGehBelow5Before = 0;
  double shareGehBelow5After = 0;
  std::vector<EstimationStep> history;
  AssignmentResult assignment;  // of the estimate
};

// GEH statistic of a modelled volume m against a count c (0 when both are 0).
double geh(double modelled, double count);
std::vector<GehRecord> gehTable(const std::vector<LinkCount>& counts, const std::vector<double>& volume);
double shareGehBelow(const std::vector<GehRecord>& table, double limit = 5.0);

// Throws ValidationError for a link out of range, a negative or non-finite count or weight,
// or a link counted twice; Model error if the prior is empty.
MatrixEstimationResult estimateMatrix(const Network& network, const OdMatrix& prior, const std::vector<LinkCount>& counts,
                                      const MatrixEstimationOptions& options, core::Feedback& feedback);

}  // namespace ekm::demand
