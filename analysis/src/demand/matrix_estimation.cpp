#include "ekm/demand/matrix_estimation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <span>

#include "ekm/core/error.h"

namespace ekm::demand {

double geh(double m, double c) {
  if (m + c <= 0) return 0.0;
  return std::sqrt(2.0 * (m - c) * (m - c) / (m + c));
}

std::vector<std::pair<int, double>> countTerms(const LinkCount& count) {
  if (count.links.empty()) return {{count.link, 1.0}};
  return count.links;
}

std::vector<GehRecord> gehTable(const std::vector<LinkCount>& counts, const std::vector<double>& volume) {
  std::vector<GehRecord> out;
  out.reserve(counts.size());
  for (const auto& c : counts) {
    double m = 0;
    for (const auto& [link, weight] : countTerms(c)) m += weight * volume[static_cast<std::size_t>(link)];
    out.push_back({c.link, c.count, m, geh(m, c.count)});
  }
  return out;
}

double shareGehBelow(const std::vector<GehRecord>& table, double limit) {
  if (table.empty()) return 0.0;
  const auto n = std::count_if(table.begin(), table.end(), [&](const GehRecord& r) { return r.geh < limit; });
  return static_cast<double>(n) / static_cast<double>(table.size());
}

namespace {

struct Use {
  std::int32_t od;  // origin * zones + destination
  double p;
};

}  // namespace

MatrixEstimationResult estimateMatrix(const Network& network, const OdMatrix& prior, const std::vector<LinkCount>& counts,
                                      const MatrixEstimationOptions& options, core::Feedback& feedback) {
  const int z = network.zoneCount();
  if (prior.zoneCount() != z)
    throw core::ValidationError("prior matrix and network differ in zones",
                                core::ErrorContext{"", std::nullopt, std::nullopt, "zones", std::to_string(z),
                                                   std::to_string(prior.zoneCount())});
  std::set<int> seen;
  for (const auto& c : counts) {
    if (!std::isfinite(c.count) || c.count < 0)
      throw core::ValidationError("counts must be finite and >= 0",
                                  core::ErrorContext{"", std::nullopt, std::nullopt, "count", ">= 0", std::to_string(c.count)});
    for (const auto& [link, weight] : countTerms(c)) {
      if (link < 0 || link >= network.linkCount())
        throw core::ValidationError(
            "count on a link that is not in the network",
            core::ErrorContext{"", std::nullopt, std::nullopt, "link",
                               "0.." + std::to_string(network.linkCount() - 1), std::to_string(link)});
      if (!std::isfinite(weight) || !(weight > 0))
        throw core::ValidationError(
            "count weights must be finite and > 0",
            core::ErrorContext{"", std::nullopt, std::nullopt, "weight", "> 0", std::to_string(weight)});
      if (!seen.insert(link).second)
        throw core::ValidationError(
            "link counted twice", core::ErrorContext{"", std::nullopt, std::nullopt, "link", "each link once",
                                                     std::to_string(link)});
    }
  }
  if (!(prior.total() > 0)) throw core::Error(core::ErrorCode::Model, "the prior matrix is empty");

  AssignmentOptions ao = options.assignment;
  ao.algorithm = AssignmentAlgorithm::AlgorithmB;
  ao.keepOriginFlows = true;
  const int outerN = std::max(1, options.outerIterations);
  core::MultiStepFeedback steps(feedback, outerN + 1);

  MatrixEstimationResult out;
  OdMatrix T = prior;
  const auto& T0 = prior;
  const double rho = options.regularization;
  const std::size_t na = counts.size();
  std::vector<std::vector<Use>> uses(na);
  std::vector<double> v(na), vd(na), g(static_cast<std::size_t>(z) * z), dT(static_cast<std::size_t>(z) * z);

  auto objective = [&](const OdMatrix& m) {
    double zv = 0;
    for (std::size_t a = 0; a < na; ++a) {
      double s = 0;
      for (const auto& u : uses[a]) s += u.p * m.values()[static_cast<std::size_t>(u.od)];
      v[a] = s;
      zv += 0.5 * (s - counts[a].count) * (s - counts[a].count);
    }
    if (rho > 0)
      for (std::size_t k = 0; k < m.values().size(); ++k)
        if (T0.values()[k] > 0) zv += 0.5 * rho * std::pow(m.values()[k] - T0.values()[k], 2) / T0.values()[k];
    return zv;
  };

  for (int outer = 0; outer < outerN; ++outer) {
    steps.setCurrentStep(outer);
    feedback.throwIfCancelled();
    const auto as = assign(network, T, ao, steps);
    if (outer == 0) {
      out.before = gehTable(counts, as.volume);
      out.shareGehBelow5Before = shareGehBelow(out.before);
    }
    // Link-use proportions of the counted links.
    for (std::size_t a = 0; a < na; ++a) {
      std::map<std::int32_t, double> share;  // od -> sum weight x share of its trips on the link
      for (const auto& [link, weight] : countTerms(counts[a]))
        for (const auto& s : selectLink(network, T, as, link)) {
          const double t = T(s.origin, s.destination);
          if (t > 0) share[s.origin * z + s.destination] += weight * std::min(1.0, s.volume / t);
        }
      uses[a].clear();
      for (const auto& [od, p] : share) uses[a].push_back({od, p});
    }
    double zCur = objective(T);
    for (int inner = 1; inner <= options.innerIterations; ++inner) {
      feedback.throwIfCancelled();
      // Gradient g_od = sum_a p (v_a - c_a) + rho (T - T0) / T0.
      std::fill(g.begin(), g.end(), 0.0);
      for (std::size_t a = 0; a < na; ++a) {
        const double r = v[a] - counts[a].count;
        for (const auto& u : uses[a]) g[static_cast<std::size_t>(u.od)] += u.p * r;
      }
      const std::span<double> tv(&T(0, 0), T.values().size());  // row-major cells
      if (rho > 0)
        for (std::size_t k = 0; k < tv.size(); ++k)
          if (T0.values()[k] > 0) g[k] += rho * (tv[k] - T0.values()[k]) / T0.values()[k];
      double gmax = 0;
      for (std::size_t k = 0; k < tv.size(); ++k) {
        dT[k] = -tv[k] * g[k];
        if (tv[k] > 0) gmax = std::max(gmax, g[k]);
      }
      double num = 0, den = 0;
      for (std::size_t a = 0; a < na; ++a) {
        double s = 0;
        for (const auto& u : uses[a]) s += u.p * dT[static_cast<std::size_t>(u.od)];
        vd[a] = s;
        num += s * (v[a] - counts[a].count);
        den += s * s;
      }
      if (rho > 0)
        for (std::size_t k = 0; k < tv.size(); ++k)
          if (T0.values()[k] > 0) {
            num += rho * dT[k] * (tv[k] - T0.values()[k]) / T0.values()[k];
            den += rho * dT[k] * dT[k] / T0.values()[k];
          }
      if (!(den > 0)) break;
      double lambda = -num / den;
      if (gmax > 0) lambda = std::min(lambda, 0.99 / gmax);  // keep every cell positive
      if (!(lambda > 0)) break;
      for (std::size_t k = 0; k < tv.size(); ++k) tv[k] = std::max(0.0, tv[k] + lambda * dT[k]);
      const double zNew = objective(T);
      out.history.push_back({outer + 1, inner, zNew, lambda});
      const bool small = zCur - zNew <= options.stepTolerance * zCur;
      zCur = zNew;
      if (small) break;
    }
    char line[200];
    std::snprintf(line, sizeof line, "estimation round %d: objective %.6g with fixed proportions, %.2f%% of counted links "
                  "had GEH < 5 at the start of the round, total trips %.3f",
                  outer + 1, zCur, 100.0 * shareGehBelow(gehTable(counts, as.volume)), T.total());
    feedback.info(line);
  }
  steps.setCurrentStep(outerN);
  out.assignment = assign(network, T, ao, steps);
  out.assignment.originFlows.clear();
  out.after = gehTable(counts, out.assignment.volume);
  out.shareGehBelow5After = shareGehBelow(out.after);
  out.matrix = std::move(T);
  char line[160];
  std::snprintf(line, sizeof line, "matrix estimation: GEH < 5 on %.2f%% of %zu counted links (prior %.2f%%)",
                100.0 * out.shareGehBelow5After, counts.size(), 100.0 * out.shareGehBelow5Before);
  feedback.info(line);
  feedback.setProgress(100.0);
  return out;
}

}  // namespace ekm::demand
