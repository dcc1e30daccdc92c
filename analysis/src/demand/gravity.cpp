#include "ekm/demand/gravity.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

#include "ekm/core/error.h"

namespace ekm::demand {

using core::Error;
using core::ErrorCode;

namespace {

std::string num(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}

Error modelError(const std::string& message, const std::string& field, const std::string& expected,
                 const std::string& found) {
  core::ErrorContext c;
  c.field = field;
  c.expected = expected;
  c.found = found;
  return Error(ErrorCode::Model, message, c);
}

void checkVector(const std::vector<double>& v, int n, const char* name) {
  if (static_cast<int>(v.size()) != n)
    throw Error(ErrorCode::Validation, std::string(name) + " has the wrong number of zones",
                core::ErrorContext{"", std::nullopt, std::nullopt, name, std::to_string(n), std::to_string(v.size())});
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i]) || v[i] < 0)
      throw Error(ErrorCode::Validation, std::string(name) + " must be finite and >= 0",
                  core::ErrorContext{"", std::nullopt, static_cast<std::int64_t>(i + 1), name, ">= 0", num(v[i])});
}

}  // namespace

FurnessResult furness(const OdMatrix& seed, const std::vector<double>& P, const std::vector<double>& A,
                      const FurnessOptions& options, core::Feedback& feedback) {
  const int n = seed.zoneCount();
  checkVector(P, n, "productions");
  checkVector(A, n, "attractions");
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (!(seed(i, j) >= 0) || !std::isfinite(seed(i, j)))
        throw Error(ErrorCode::Validation, "seed matrix values must be finite and >= 0",
                    core::ErrorContext{"", std::nullopt, std::nullopt,
                                       "seed(" + std::to_string(i + 1) + "," + std::to_string(j + 1) + ")", ">= 0",
                                       num(seed(i, j))});
  const double sumP = std::accumulate(P.begin(), P.end(), 0.0);
  const double sumA = std::accumulate(A.begin(), A.end(), 0.0);
  const double big = std::max(sumP, sumA);
  if (big > 0 && std::abs(sumP - sumA) / big > options.totalsTolerance)
    throw modelError("row and column totals cannot be balanced: total productions differ from total attractions",
                     "totals", "sum P = sum A (relative tolerance " + num(options.totalsTolerance) + ")",
                     "sum P = " + num(sumP) + ", sum A = " + num(sumA));
  // A zone that must produce (attract) trips needs a positive seed towards some
  // attracting (from some producing) zone.
  for (int i = 0; i < n; ++i) {
    if (P[i] <= 0) continue;
    bool any = false;
    for (int j = 0; j < n && !any; ++j) any = A[j] > 0 && seed(i, j) > 0;
    if (!any)
      throw modelError("row and column totals cannot be balanced: zone " + std::to_string(i + 1) +
                           " produces trips but reaches no attracting zone (its seed row is zero)",
                       "origin " + std::to_string(i + 1), "a positive seed (reachable destination)",
                       "production " + num(P[i]) + " with no reachable attraction");
  }
  for (int j = 0; j < n; ++j) {
    if (A[j] <= 0) continue;
    bool any = false;
    for (int i = 0; i < n && !any; ++i) any = P[i] > 0 && seed(i, j) > 0;
    if (!any)
      throw modelError("row and column totals cannot be balanced: zone " + std::to_string(j + 1) +
                           " attracts trips but no producing zone reaches it (its seed column is zero)",
                       "destination " + std::to_string(j + 1), "a positive seed (reachable origin)",
                       "attraction " + num(A[j]) + " with no reachable production");
  }

  FurnessResult r;
  r.trips = seed;
  r.rowFactors.assign(static_cast<std::size_t>(n), 1.0);
  r.columnFactors.assign(static_cast<std::size_t>(n), 1.0);
  auto& T = r.trips;
  std::vector<double> rowSum(static_cast<std::size_t>(n)), colSum(static_cast<std::size_t>(n));
  for (int it = 1; it <= options.maxIterations; ++it) {
    feedback.throwIfCancelled();
    // Row pass.
    for (int i = 0; i < n; ++i) {
      double s = 0;
      for (int j = 0; j < n; ++j) s += T(i, j);
      const double f = s > 0 ? P[i] / s : 0.0;
      r.rowFactors[i] *= f;
      for (int j = 0; j < n; ++j) T(i, j) *= f;
    }
    // Column pass.
    std::fill(colSum.begin(), colSum.end(), 0.0);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) colSum[j] += T(i, j);
    for (int j = 0; j < n; ++j) {
      const double f = colSum[j] > 0 ? A[j] / colSum[j] : 0.0;
      r.columnFactors[j] *= f;
      for (int i = 0; i < n; ++i) T(i, j) *= f;
    }
    // Error (columns are exact after the column pass up to rounding; check both).
    std::fill(rowSum.begin(), rowSum.end(), 0.0);
    std::fill(colSum.begin(), colSum.end(), 0.0);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) rowSum[i] += T(i, j), colSum[j] += T(i, j);
    double err = 0;
    for (int k = 0; k < n; ++k) {
      if (P[k] > 0) err = std::max(err, std::abs(rowSum[k] - P[k]) / P[k]);
      if (A[k] > 0) err = std::max(err, std::abs(colSum[k] - A[k]) / A[k]);
    }
    r.history.push_back(err);
    r.iterations = it;
    r.maxRelativeError = err;
    if (err <= options.tolerance) {
      r.converged = true;
      break;
    }
    if (options.maxIterations > 0 && err > 0 && r.history.front() > 0) {
      const double p = std::log(r.history.front() / err) / std::log(std::max(r.history.front() / options.tolerance, 1.0 + 1e-12));
      feedback.setProgress(std::clamp(std::max(p, static_cast<double>(it) / options.maxIterations), 0.0, 1.0) * 100.0);
    }
  }
  char line[160];
  std::snprintf(line, sizeof line, "furness: %s after %d iterations, max relative error %.3e",
                r.converged ? "converged" : "not converged", r.iterations, r.maxRelativeError);
  feedback.info(line);
  if (!r.converged && options.failOnNoConvergence)
    throw modelError("row and column totals cannot be balanced within " + std::to_string(options.maxIterations) +
                         " iterations (zero cells in the seed make the totals infeasible, or raise the limit)",
                     "max relative error", "<= " + num(options.tolerance), num(r.maxRelativeError));
  feedback.setProgress(100.0);
  return r;
}

FurnessResult gravity(const OdMatrix& cost, const std::vector<double>& P, const std::vector<double>& A,
                      const Deterrence& deterrence, const FurnessOptions& options, core::Feedback& feedback) {
  const int n = cost.zoneCount();
  OdMatrix seed(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) seed(i, j) = deterrence(cost(i, j));
  return furness(seed, P, A, options, feedback);
}

double meanTripCost(const OdMatrix& trips, const OdMatrix& cost) {
  double tc = 0, t = 0;
  for (int i = 0; i < trips.zoneCount(); ++i)
    for (int j = 0; j < trips.zoneCount(); ++j)
      if (std::isfinite(cost(i, j)) && trips(i, j) > 0) tc += trips(i, j) * cost(i, j), t += trips(i, j);
  return t > 0 ? tc / t : 0.0;
}

std::vector<double> tripLengthDistribution(const OdMatrix& trips, const OdMatrix& cost,
                                           const std::vector<double>& edges) {
  if (edges.size() < 2) throw Error(ErrorCode::Usage, "a trip-length distribution needs at least 2 bin edges");
  std::vector<double> share(edges.size() - 1, 0.0);
  double total = 0;
  for (int i = 0; i < trips.zoneCount(); ++i)
    for (int j = 0; j < trips.zoneCount(); ++j) {
      const double c = cost(i, j);
      if (!std::isfinite(c) || c < edges.front() || c > edges.back()) continue;
      auto k = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), c) - edges.begin());
      k = std::min(k, edges.size() - 1) - 1;
      share[k] += trips(i, j);
      total += trips(i, j);
    }
  if (total > 0)
    for (auto& s : share) s /= total;
  return share;
}

CalibrationResult calibrateToMeanCost(const OdMatrix& cost, const std::vector<double>& P, const std::vector<double>& A,
                                      double target, const Deterrence& initial, const FurnessOptions& options,
                                      core::Feedback& feedback, double relTolerance, int maxIterations) {
  if (!(target > 0) || !std::isfinite(target))
    throw Error(ErrorCode::Usage, "the target mean cost must be > 0",
                core::ErrorContext{"", std::nullopt, std::nullopt, "mean cost", "> 0", num(target)});
  CalibrationResult out;
  out.targetMeanCost = target;
  Deterrence d = initial;
  auto run = [&](double p) {
    d.setDecayParameter(p);
    core::Feedback& quiet = core::nullFeedback();
    feedback.throwIfCancelled();
    auto r = gravity(cost, P, A, d, options, quiet);
    const double m = meanTripCost(r.trips, cost);
    out.history.push_back({p, m});
    char line[160];
    std::snprintf(line, sizeof line, "calibration step %zu: %s, mean cost %.8g (target %.8g)", out.history.size(),
                  d.describe().c_str(), m, target);
    feedback.info(line);
    feedback.setProgress(std::min(99.0, 100.0 * static_cast<double>(out.history.size()) / maxIterations));
    return std::pair{r, m};
  };
  // Hyman: p0 = 1/c* (exp), then p1 = p0 c0 / c*, then secant steps.
  double p0 = initial.decayParameter() > 0 ? initial.decayParameter()
                                            : (initial.kind == DeterrenceKind::Power ? 1.0 : 1.0 / target);
  auto [r0, c0] = run(p0);
  auto best = std::pair{r0, c0};
  double bestP = p0;
  if (std::abs(c0 - target) > relTolerance * target) {
    double p1 = p0 * c0 / target;
    auto [r1, c1] = run(p1);
    best = {r1, c1};
    bestP = p1;
    for (int k = 2; k < maxIterations && std::abs(c1 - target) > relTolerance * target; ++k) {
      if (c1 == c0) break;
      double p2 = ((target - c0) * p1 - (target - c1) * p0) / (c1 - c0);
      if (!std::isfinite(p2)) break;
      if (p2 <= 0) p2 = 0.5 * p1;  // keep the decay positive
      p0 = p1, c0 = c1;
      p1 = p2;
      auto [r2, c2] = run(p1);
      c1 = c2;
      best = {r2, c2};
      bestP = p1;
    }
  }
  out.deterrence = d;
  out.deterrence.setDecayParameter(bestP);
  out.result = std::move(best.first);
  out.modelledMeanCost = best.second;
  out.objective = best.second;
  out.iterations = static_cast<int>(out.history.size());
  out.converged = std::abs(out.modelledMeanCost - target) <= relTolerance * target;
  if (!out.converged)
    feedback.warning("mean cost calibration did not reach the target: modelled " + num(out.modelledMeanCost) +
                     ", target " + num(target));
  feedback.setProgress(100.0);
  return out;
}

CalibrationResult calibrateToDistribution(const OdMatrix& cost, const std::vector<double>& P,
                                          const std::vector<double>& A, const std::vector<double>& edges,
                                          const std::vector<double>& observed, const Deterrence& initial,
                                          double lower, double upper, const FurnessOptions& options,
                                          core::Feedback& feedback, double parameterTolerance) {
  if (observed.size() + 1 != edges.size())
    throw Error(ErrorCode::Usage, "observed trip-length distribution must have one value per bin",
                core::ErrorContext{"", std::nullopt, std::nullopt, "bins", std::to_string(edges.size() - 1),
                                   std::to_string(observed.size())});
  if (!(lower >= 0) || !(upper > lower))
    throw Error(ErrorCode::Usage, "bad parameter search interval",
                core::ErrorContext{"", std::nullopt, std::nullopt, "interval", "0 <= lower < upper",
                                   num(lower) + ".." + num(upper)});
  const double obsTotal = std::accumulate(observed.begin(), observed.end(), 0.0);
  if (!(obsTotal > 0)) throw Error(ErrorCode::Usage, "observed trip-length distribution is empty");
  std::vector<double> obs(observed);
  for (auto& o : obs) o /= obsTotal;
  CalibrationResult out;
  Deterrence d = initial;
  auto objective = [&](double p) {
    feedback.throwIfCancelled();
    d.setDecayParameter(p);
    auto r = gravity(cost, P, A, d, options, core::nullFeedback());
    const auto s = tripLengthDistribution(r.trips, cost, edges);
    double z = 0;
    for (std::size_t k = 0; k < s.size(); ++k) z += (s[k] - obs[k]) * (s[k] - obs[k]);
    out.history.push_back({p, z});
    return z;
  };
  const double g = 0.5 * (std::sqrt(5.0) - 1.0);
  double a = lower, b = upper;
  double x1 = b - g * (b - a), x2 = a + g * (b - a);
  double f1 = objective(x1), f2 = objective(x2);
  const int maxSteps = 200;
  int step = 0;
  while (b - a > parameterTolerance * std::max(1.0, std::abs(b)) && step++ < maxSteps) {
    if (f1 <= f2) {
      b = x2, x2 = x1, f2 = f1;
      x1 = b - g * (b - a);
      f1 = objective(x1);
    } else {
      a = x1, x1 = x2, f1 = f2;
      x2 = a + g * (b - a);
      f2 = objective(x2);
    }
    feedback.setProgress(std::min(99.0, 100.0 * std::log((upper - lower) / (b - a)) /
                                            std::log((upper - lower) / (parameterTolerance * std::max(1.0, upper)))));
  }
  const double p = f1 <= f2 ? x1 : x2;
  out.deterrence = initial;
  out.deterrence.setDecayParameter(p);
  out.result = gravity(cost, P, A, out.deterrence, options, core::nullFeedback());
  out.modelledMeanCost = meanTripCost(out.result.trips, cost);
  out.objective = std::min(f1, f2);
  out.iterations = static_cast<int>(out.history.size());
  out.converged = b - a <= parameterTolerance * std::max(1.0, std::abs(b));
  if (p - lower < 2 * parameterTolerance || upper - p < 2 * parameterTolerance)
    feedback.warning("trip-length calibration ended at the edge of the search interval (" + num(p) + ")");
  char line[160];
  std::snprintf(line, sizeof line, "trip-length calibration: %s, squared share difference %.6g after %d evaluations",
                out.deterrence.describe().c_str(), out.objective, out.iterations);
  feedback.info(line);
  feedback.setProgress(100.0);
  return out;
}

}  // namespace ekm::demand
