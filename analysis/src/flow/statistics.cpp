#include "ekm/flow/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "ekm/core/error.h"

namespace ekm::flow {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of I_x(a, b) (converges fast for x < (a + 1) / (a + b + 2)).
double betaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEps = 1e-15;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < kEps) break;
  }
  return h;
}

struct Moments {
  int n = 0;
  double mean = 0, var = 0;
};
Moments moments(const std::vector<double>& v) {
  Moments m;
  double sum = 0;
  for (double x : v)
    if (!std::isnan(x)) {
      sum += x;
      ++m.n;
    }
  if (m.n == 0) {
    m.mean = kNaN;
    m.var = kNaN;
    return m;
  }
  m.mean = sum / m.n;
  double ss = 0;
  for (double x : v)
    if (!std::isnan(x)) ss += (x - m.mean) * (x - m.mean);
  m.var = m.n > 1 ? ss / (m.n - 1) : kNaN;
  return m;
}

// splitmix64: small, seeded, reproducible on every platform (unlike std distributions).
struct SplitMix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>((next() >> 11) * (1.0 / 9007199254740992.0) * n);
  }
};
}  // namespace

double logBeta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

double regularizedIncompleteBeta(double a, double b, double x) {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) {
    core::ErrorContext c;
    c.expected = "a > 0, b > 0, 0 <= x <= 1";
    c.found = "a=" + std::to_string(a) + " b=" + std::to_string(b) + " x=" + std::to_string(x);
    throw core::ValidationError("regularized incomplete beta: argument out of range", c);
  }
  if (x == 0) return 0;
  if (x == 1) return 1;
  const double front = std::exp(a * std::log(x) + b * std::log1p(-x) - logBeta(a, b));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(a, b, x) / a;
  return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double studentTCdf(double t, double df) {
  if (std::isnan(t) || !(df > 0)) return kNaN;
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  const double x = df / (df + t * t);
  const double tail = 0.5 * regularizedIncompleteBeta(0.5 * df, 0.5, x);  // P(T > |t|)
  return t > 0 ? 1.0 - tail : tail;
}

WelchResult welchTTest(const std::vector<double>& a, const std::vector<double>& b) {
  const Moments ma = moments(a), mb = moments(b);
  WelchResult r;
  r.meanA = ma.mean;
  r.meanB = mb.mean;
  r.varA = ma.var;
  r.varB = mb.var;
  r.nA = ma.n;
  r.nB = mb.n;
  if (ma.n < 2 || mb.n < 2) {
    r.t = r.df = r.pTwoSided = kNaN;
    return r;
  }
  const double sa = ma.var / ma.n, sb = mb.var / mb.n;
  const double se2 = sa + sb;
  if (!(se2 > 0)) {
    r.t = r.df = r.pTwoSided = kNaN;
    return r;
  }
  r.t = (mb.mean - ma.mean) / std::sqrt(se2);
  r.df = se2 * se2 / (sa * sa / (ma.n - 1) + sb * sb / (mb.n - 1));
  const double x = r.df / (r.df + r.t * r.t);
  r.pTwoSided = regularizedIncompleteBeta(0.5 * r.df, 0.5, x);
  return r;
}

BootstrapInterval bootstrapMeanDifference(const std::vector<double>& a, const std::vector<double>& b,
                                          int resamples, double level, std::uint64_t seed) {
  std::vector<double> xa, xb;
  for (double v : a)
    if (!std::isnan(v)) xa.push_back(v);
  for (double v : b)
    if (!std::isnan(v)) xb.push_back(v);
  BootstrapInterval out;
  if (xa.empty() || xb.empty() || resamples <= 0) {
    out.estimate = out.low = out.high = kNaN;
    return out;
  }
  const Moments ma = moments(xa), mb = moments(xb);
  out.estimate = mb.mean - ma.mean;
  out.resamples = resamples;
  SplitMix rng{seed};
  std::vector<double> diffs(static_cast<std::size_t>(resamples));
  for (double& d : diffs) {
    double sa = 0, sb = 0;
    for (std::size_t i = 0; i < xa.size(); ++i) sa += xa[rng.below(xa.size())];
    for (std::size_t i = 0; i < xb.size(); ++i) sb += xb[rng.below(xb.size())];
    d = sb / xb.size() - sa / xa.size();
  }
  std::sort(diffs.begin(), diffs.end());
  const double alpha = 1.0 - level;
  out.low = quantileSorted(diffs, alpha / 2);
  out.high = quantileSorted(diffs, 1.0 - alpha / 2);
  return out;
}

double quantileSorted(const std::vector<double>& s, double p) {
  if (s.empty()) return kNaN;
  const double pos = std::clamp(p, 0.0, 1.0) * (s.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(pos));
  const double f = pos - i;
  return i + 1 < s.size() ? s[i] + f * (s[i + 1] - s[i]) : s[i];
}

double quantile(std::vector<double> values, double p) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  std::sort(values.begin(), values.end());
  return quantileSorted(values, p);
}

}  // namespace ekm::flow
