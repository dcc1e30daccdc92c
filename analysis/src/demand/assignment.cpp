#include "ekm/demand/assignment.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "assignment_common.h"

namespace ekm::demand {

using core::Error;
using core::ErrorCode;

AssignmentAlgorithm algorithmFromName(const std::string& name) {
  if (name == "aon") return AssignmentAlgorithm::AllOrNothing;
  if (name == "fw") return AssignmentAlgorithm::FrankWolfe;
  if (name == "bfw") return AssignmentAlgorithm::BiconjugateFrankWolfe;
  if (name == "b") return AssignmentAlgorithm::AlgorithmB;
  core::ErrorContext c;
  c.field = "algorithm";
  c.expected = "aon, fw, bfw or b";
  c.found = name;
  throw Error(ErrorCode::Usage, "unknown assignment algorithm", c);
}

const char* algorithmName(AssignmentAlgorithm a) {
  switch (a) {
    case AssignmentAlgorithm::AllOrNothing: return "aon";
    case AssignmentAlgorithm::FrankWolfe: return "fw";
    case AssignmentAlgorithm::BiconjugateFrankWolfe: return "bfw";
    case AssignmentAlgorithm::AlgorithmB: return "b";
  }
  return "?";
}

namespace detail {

void reportIteration(core::Feedback& feedback, AssignmentResult& result, const AssignmentOptions& options,
                     IterationRecord r) {
  result.iterations.push_back(r);
  result.relativeGap = r.relativeGap;
  result.tstt = r.tstt;
  if (options.onIteration) options.onIteration(r);
  char line[200];
  std::snprintf(line, sizeof line, "iteration %d: relative gap %.3e, TSTT %.6f, %.3f s", r.iteration, r.relativeGap,
                r.tstt, r.seconds);
  feedback.info(line);
  // Progress: share of the way from gap 1 to the target gap, on a log scale, or
  // iterations done, whichever is further.
  double p = 0;
  if (r.relativeGap > 0 && options.relativeGap > 0 && options.relativeGap < 1)
    p = std::log10(std::max(r.relativeGap, options.relativeGap)) / std::log10(options.relativeGap);
  else if (r.relativeGap <= 0)
    p = 1;
  p = std::max(p, static_cast<double>(r.iteration) / std::max(1, options.maxIterations));
  feedback.setProgress(std::clamp(p, 0.0, 1.0) * 100.0);
}

namespace {

// Root of g(l) = sum cost(x + l d) d over l in [0, 1] (Beckmann line search), by
// bisection on the monotone derivative.
double lineSearch(const Network& net, const std::vector<double>& x, const std::vector<double>& d,
                  const std::vector<double>& fixed) {
  const int m = net.linkCount();
  auto slope = [&](double l) {
    double g = 0;
    for (int a = 0; a < m; ++a)
      if (d[a] != 0) g += (net.linkTime(a, x[a] + l * d[a]) + fixed[a]) * d[a];
    return g;
  };
  if (slope(1.0) <= 0) return 1.0;
  if (slope(0.0) >= 0) return 0.0;
  double lo = 0, hi = 1;
  for (int k = 0; k < 60 && hi - lo > 1e-15; ++k) {
    const double mid = 0.5 * (lo + hi);
    (slope(mid) < 0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

AssignmentResult runFrankWolfe(const Network& net, const OdMatrix& demand, const AssignmentOptions& options,
                               core::Feedback& feedback) {
  const auto t0 = Clock::now();
  const int m = net.linkCount();
  const auto fixed = fixedCosts(net, options.weights);
  const bool biconjugate = options.algorithm == AssignmentAlgorithm::BiconjugateFrankWolfe;
  ParallelAon aon(net, demand, options.threads);
  AssignmentResult result;

  std::vector<double> x, y, cost, s1, s2, dir(static_cast<std::size_t>(m));
  linkCosts(net, std::vector<double>(static_cast<std::size_t>(m), 0.0), fixed, cost);
  aon.run(cost, &x, feedback);
  if (options.algorithm == AssignmentAlgorithm::AllOrNothing || options.maxIterations <= 0) {
    linkCosts(net, x, fixed, cost);
    const double sptt = aon.run(cost, nullptr, feedback);
    IterationRecord r;
    r.iteration = 0;
    r.tstt = std::inner_product(x.begin(), x.end(), cost.begin(), 0.0);
    r.sptt = sptt;
    r.relativeGap = r.tstt > 0 ? (r.tstt - sptt) / r.tstt : 0;
    r.beckmann = beckmann(net, x, options.weights);
    r.seconds = secondsSince(t0);
    reportIteration(feedback, result, options, r);
    result.volume = std::move(x);
    result.converged = options.algorithm == AssignmentAlgorithm::AllOrNothing;
    return result;
  }

  double tau1 = 1.0;  // previous step size
  std::vector<double> deriv(static_cast<std::size_t>(m));
  for (int it = 1; it <= options.maxIterations; ++it) {
    feedback.throwIfCancelled();
    linkCosts(net, x, fixed, cost);
    const double sptt = aon.run(cost, &y, feedback);
    IterationRecord r;
    r.iteration = it;
    r.tstt = std::inner_product(x.begin(), x.end(), cost.begin(), 0.0);
    r.sptt = sptt;
    r.relativeGap = r.tstt > 0 ? (r.tstt - sptt) / r.tstt : 0;
    r.beckmann = beckmann(net, x, options.weights);
    r.seconds = secondsSince(t0);
    reportIteration(feedback, result, options, r);
    if (r.relativeGap <= options.relativeGap) {
      result.converged = true;
      break;
    }

    // Target point s: y for Frank-Wolfe; the bi-conjugate combination of y and the
    // two previous targets otherwise (Mitradjieva & Lindberg 2013).
    std::vector<double> s = y;
    if (biconjugate && !s1.empty() && !s2.empty() && tau1 < 1.0 - 1e-12) {
      for (int a = 0; a < m; ++a) deriv[a] = net.linkTimeDerivative(a, x[a]);
      double num = 0, den = 0;
      for (int a = 0; a < m; ++a) {
        const double h = deriv[a] * (tau1 * s1[a] - x[a] + (1 - tau1) * s2[a]);
        num += h * (y[a] - x[a]);
        den += h * (s2[a] - s1[a]);
      }
      double mu = den != 0 ? std::max(0.0, -num / den) : 0.0;
      num = den = 0;
      for (int a = 0; a < m; ++a) {
        const double h = deriv[a] * (s1[a] - x[a]);
        num += h * (y[a] - x[a]);
        den += h * (s1[a] - x[a]);
      }
      double nu = den != 0 ? std::max(0.0, mu * tau1 / (1 - tau1) - num / den) : 0.0;
      if (den == 0) mu = 0;
      const double b0 = 1 / (1 + mu + nu), b1 = nu * b0, b2 = mu * b0;
      double descent = 0;
      for (int a = 0; a < m; ++a) {
        s[a] = b0 * y[a] + b1 * s1[a] + b2 * s2[a];
        descent += cost[a] * (s[a] - x[a]);
      }
      if (!(descent < 0)) s = y;  // not a descent direction: plain FW step
    } else if (biconjugate && !s1.empty() && tau1 < 1.0 - 1e-12) {
      // Conjugate direction with one previous target (the CFW step).
      for (int a = 0; a < m; ++a) deriv[a] = net.linkTimeDerivative(a, x[a]);
      double num = 0, den = 0;
      for (int a = 0; a < m; ++a) {
        const double h = deriv[a] * (s1[a] - x[a]);
        num += h * (y[a] - x[a]);
        den += h * (y[a] - s1[a]);
      }
      const double alpha = den != 0 ? std::clamp(num / den, 0.0, 1.0 - 1e-6) : 0.0;
      double descent = 0;
      for (int a = 0; a < m; ++a) {
        s[a] = alpha * s1[a] + (1 - alpha) * y[a];
        descent += cost[a] * (s[a] - x[a]);
      }
      if (!(descent < 0)) s = y;
    }
    for (int a = 0; a < m; ++a) dir[a] = s[a] - x[a];
    double lambda = lineSearch(net, x, dir, fixed);
    if (biconjugate) lambda = std::min(lambda, 1.0 - 1e-9);
    for (int a = 0; a < m; ++a) x[a] += lambda * dir[a];
    s2 = std::move(s1);
    s1 = std::move(s);
    tau1 = lambda;
  }
  result.volume = std::move(x);
  return result;
}

}  // namespace detail

AssignmentResult assign(const Network& network, const OdMatrix& demand, const AssignmentOptions& options,
                        core::Feedback& feedback) {
  if (demand.zoneCount() != network.zoneCount()) {
    core::ErrorContext c;
    c.field = "NUMBER OF ZONES";
    c.expected = std::to_string(network.zoneCount()) + " zones (the network's)";
    c.found = std::to_string(demand.zoneCount()) + " zones in the demand";
    throw core::ValidationError("demand and network disagree on the number of zones", c);
  }
  AssignmentResult r = options.algorithm == AssignmentAlgorithm::AlgorithmB
                           ? detail::runAlgorithmB(network, demand, options, feedback)
                           : detail::runFrankWolfe(network, demand, options, feedback);
  const auto fixed = detail::fixedCosts(network, options.weights);
  r.time.resize(r.volume.size());
  r.cost.resize(r.volume.size());
  for (int a = 0; a < network.linkCount(); ++a) {
    r.time[a] = network.linkTime(a, r.volume[a]);
    r.cost[a] = r.time[a] + fixed[a];
  }
  if (!r.iterations.empty()) r.seconds = r.iterations.back().seconds;
  feedback.setProgress(100);
  return r;
}

Evaluation evaluateVolumes(const Network& network, const OdMatrix& demand, const std::vector<double>& volume,
                           const CostWeights& weights) {
  const auto fixed = detail::fixedCosts(network, weights);
  std::vector<double> cost;
  detail::linkCosts(network, volume, fixed, cost);
  detail::ParallelAon aon(network, demand, 0);
  Evaluation e;
  e.sptt = aon.run(cost, nullptr, core::nullFeedback());
  e.tstt = std::inner_product(volume.begin(), volume.end(), cost.begin(), 0.0);
  e.relativeGap = e.tstt > 0 ? (e.tstt - e.sptt) / e.tstt : 0;
  e.beckmann = detail::beckmann(network, volume, weights);
  return e;
}

Skims computeSkims(const Network& network, const std::vector<double>& volume, const CostWeights& weights,
                   core::Feedback& feedback) {
  const int z = network.zoneCount();
  const auto fixed = detail::fixedCosts(network, weights);
  std::vector<double> cost, time(volume.size());
  detail::linkCosts(network, volume, fixed, cost);
  for (std::size_t a = 0; a < volume.size(); ++a) time[a] = network.linkTime(static_cast<int>(a), volume[a]);
  const double inf = std::numeric_limits<double>::infinity();
  Skims s{OdMatrix(z, inf), OdMatrix(z, inf), OdMatrix(z, inf)};
  std::vector<int> origins(static_cast<std::size_t>(z));
  std::iota(origins.begin(), origins.end(), 0);
  const int threads = detail::threadCount(0);
  std::vector<std::unique_ptr<ShortestPathSolver>> solvers;
  std::vector<std::vector<double>> tAcc, dAcc;
  for (int t = 0; t < threads; ++t) {
    solvers.emplace_back(std::make_unique<ShortestPathSolver>(network));
    tAcc.emplace_back(static_cast<std::size_t>(network.nodeCount()));
    dAcc.emplace_back(static_cast<std::size_t>(network.nodeCount()));
  }
  std::atomic<int> done{0};
  detail::forEachOrigin(origins, threads, feedback, [&](int t, int o) {
    auto& sp = *solvers[t];
    sp.run(o, cost);
    auto& tn = tAcc[t];
    auto& dn = dAcc[t];
    const auto& pred = sp.predecessorLink();
    for (const auto v : sp.settleOrder()) {  // settle order: predecessors come first
      const auto a = pred[v];
      if (a < 0) {
        tn[v] = dn[v] = 0;
        continue;
      }
      const auto u = network.linkTail()[a];
      tn[v] = tn[u] + time[a];
      dn[v] = dn[u] + network.link(a).length;
    }
    for (int d = 0; d < z; ++d) {
      if (sp.distance()[d] == inf) continue;
      s.cost(o, d) = sp.distance()[d];
      s.time(o, d) = tn[d];
      s.distance(o, d) = dn[d];
    }
    feedback.setProgress(100.0 * (++done) / z);
  });
  return s;
}

std::vector<SelectLinkFlow> selectLink(const Network& network, const OdMatrix& demand, const AssignmentResult& result,
                                       int link) {
  if (result.originFlows.empty())
    throw Error(ErrorCode::Usage, "select-link analysis needs origin-based flows (algorithm b with keepOriginFlows)");
  if (link < 0 || link >= network.linkCount()) {
    core::ErrorContext c;
    c.field = "link";
    c.expected = "0.." + std::to_string(network.linkCount() - 1);
    c.found = std::to_string(link);
    throw core::ValidationError("no such link", c);
  }
  const int n = network.nodeCount();
  const int z = network.zoneCount();
  const auto& inStart = network.inStart();
  const auto& inLinks = network.inLinks();
  const auto& tail = network.linkTail();
  const auto& head = network.linkHead();
  std::vector<SelectLinkFlow> out;
  std::vector<double> share(static_cast<std::size_t>(n)), inflow(static_cast<std::size_t>(n));
  std::vector<int> indeg(static_cast<std::size_t>(n)), queue;
  constexpr double eps = 1e-9;
  for (int o = 0; o < z; ++o) {
    const auto& f = result.originFlows[static_cast<std::size_t>(o)];
    if (f.empty() || f[link] <= eps) continue;
    // Topological order of the origin's flow pattern (acyclic for bush flows).
    std::fill(indeg.begin(), indeg.end(), 0);
    for (int a = 0; a < network.linkCount(); ++a)
      if (f[a] > eps) ++indeg[head[a]];
    std::fill(share.begin(), share.end(), 0.0);
    std::fill(inflow.begin(), inflow.end(), 0.0);
    queue.assign(1, o);
    const auto& outStart = network.outStart();
    const auto& outLinks = network.outLinks();
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const int v = queue[q];
      // share[v]: fraction of the flow arriving at v that used the selected link.
      double through = 0;
      for (auto k = inStart[v]; k < inStart[v + 1]; ++k) {
        const auto a = inLinks[k];
        if (f[a] <= eps) continue;
        through += f[a] * (a == link ? 1.0 : share[tail[a]]);
      }
      share[v] = inflow[v] > 0 ? through / inflow[v] : 0.0;
      for (auto k = outStart[v]; k < outStart[v + 1]; ++k) {
        const auto a = outLinks[k];
        if (f[a] <= eps) continue;
        const auto w = head[a];
        inflow[w] += f[a];
        if (--indeg[w] == 0) queue.push_back(w);
      }
    }
    for (int d = 0; d < z; ++d) {
      const double v = demand(o, d) * share[d];
      if (d != o && v > eps) out.push_back({o, d, v});
    }
  }
  return out;
}

}  // namespace ekm::demand
