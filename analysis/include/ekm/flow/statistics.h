#pragma once
// Small statistics toolbox for the flow comparisons: the regularized incomplete beta
// function, Student's t distribution, Welch's unequal-variance t-test, a seeded bootstrap
// interval and empirical quantiles. NaN inputs are skipped everywhere.
#include <cstdint>
#include <vector>

namespace ekm::flow {

// I_x(a, b) for a, b > 0 and 0 <= x <= 1 (continued fraction, modified Lentz; relative
// accuracy ~1e-14). Throws core::ValidationError for arguments out of range.
double regularizedIncompleteBeta(double a, double b, double x);
// ln Gamma via std::lgamma (kept here so callers need one header).
double logBeta(double a, double b);
// P(T <= t) for Student's t with `df` > 0 (real-valued) degrees of freedom.
double studentTCdf(double t, double df);

struct WelchResult {
  double meanA = 0, meanB = 0;
  double varA = 0, varB = 0;  // sample variances (n - 1)
  int nA = 0, nB = 0;
  double t = 0;          // (meanB - meanA) / se
  double df = 0;         // Welch-Satterthwaite
  double pTwoSided = 1;  // NaN when undefined (n < 2 or zero variance in both)
};
// Tests meanB != meanA. NaNs in the inputs are ignored.
WelchResult welchTTest(const std::vector<double>& a, const std::vector<double>& b);

struct BootstrapInterval {
  double estimate = 0;  // meanB - meanA
  double low = 0, high = 0;
  int resamples = 0;
};
// Percentile bootstrap interval of meanB - meanA (each sample resampled with replacement,
// independently), `level` e.g. 0.95, deterministic for a given seed.
BootstrapInterval bootstrapMeanDifference(const std::vector<double>& a, const std::vector<double>& b,
                                          int resamples, double level, std::uint64_t seed);

// Linear-interpolated empirical quantile (type 7, as R's default and numpy's 'linear') of
// the non-NaN values; NaN if none. `sorted` may be passed already sorted.
double quantile(std::vector<double> values, double p);
double quantileSorted(const std::vector<double>& sorted, double p);

}  // namespace ekm::flow
