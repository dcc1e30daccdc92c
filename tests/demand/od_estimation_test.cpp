// Matrix estimation from counts on Sioux Falls: the published user-equilibrium flows
// (bstabler/TransportationNetworks, tests/data/tntp) are the "counts" on every other
// link; the prior is the published trip table perturbed cell by cell by factors in
// [0.9, 1.8] (an outdated prior: +35% on average). Estimation must bring the GEH < 5 share up from a poor start.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/core/error.h"
#include "ekm/demand/matrix_estimation.h"
#include "ekm/demand/tntp.h"

using namespace ekm;
using namespace ekm::demand;

namespace {

const std::string kTntp = std::string(EKM_TEST_DATA_DIR) + "/tntp/";

struct SiouxFalls {
  Network net;
  OdMatrix truth;
  std::vector<double> published;  // per link
};

const SiouxFalls& siouxFalls() {
  static const SiouxFalls s = [] {
    SiouxFalls x;
    x.net = Network::fromTntp(readTntpNetwork(kTntp + "SiouxFalls_net.tntp"));
    x.truth = OdMatrix::fromTntp(readTntpTrips(kTntp + "SiouxFalls_trips.tntp"));
    x.published.assign(static_cast<std::size_t>(x.net.linkCount()), 0.0);
    for (const auto& f : readTntpFlows(kTntp + "SiouxFalls_flow.tntp")) {
      const int a = x.net.findLink(f.from - 1, f.to - 1);
      EXPECT_GE(a, 0);
      x.published[a] = f.volume;
    }
    return x;
  }();
  return s;
}

OdMatrix perturbed(const OdMatrix& m) {
  OdMatrix out = m;
  std::uint32_t state = 12345;
  for (int o = 0; o < m.zoneCount(); ++o)
    for (int d = 0; d < m.zoneCount(); ++d) {
      state = state * 1664525u + 1013904223u;  // LCG
      const double u = (state >> 8) / double(1u << 24);
      out(o, d) = m(o, d) * (0.9 + 0.9 * u);  // biased +35% on average, noisy
    }
  return out;
}

}  // namespace

TEST(OdEstimation, Geh) {
  EXPECT_DOUBLE_EQ(geh(100, 100), 0.0);
  EXPECT_NEAR(geh(1200, 1000), std::sqrt(2.0 * 200 * 200 / 2200), 1e-12);  // 6.03
  EXPECT_DOUBLE_EQ(geh(0, 0), 0.0);
  EXPECT_NEAR(shareGehBelow({{0, 1, 1, 0}, {1, 1, 1, 6}}), 0.5, 1e-15);
}

TEST(OdEstimation, SiouxFallsCountsFromPublishedFlows) {
  const auto& sf = siouxFalls();
  std::vector<LinkCount> counts;
  for (int a = 0; a < sf.net.linkCount(); a += 2) counts.push_back({a, sf.published[a]});
  ASSERT_EQ(counts.size(), 38u);
  const OdMatrix prior = perturbed(sf.truth);
  MatrixEstimationOptions opt;
  opt.assignment.relativeGap = 1e-6;
  opt.assignment.threads = 1;
  opt.outerIterations = 6;
  opt.innerIterations = 100;
  const auto r = estimateMatrix(sf.net, prior, counts, opt, core::nullFeedback());
  ASSERT_EQ(r.before.size(), counts.size());
  ASSERT_EQ(r.after.size(), counts.size());
  double meanBefore = 0, meanAfter = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) meanBefore += r.before[k].geh, meanAfter += r.after[k].geh;
  meanBefore /= counts.size(), meanAfter /= counts.size();
  std::printf("GEH<5 share %.3f -> %.3f; mean GEH %.3f -> %.3f; trips %.1f (prior %.1f, truth %.1f)\n",
              r.shareGehBelow5Before, r.shareGehBelow5After, meanBefore, meanAfter, r.matrix.total(), prior.total(),
              sf.truth.total());
  EXPECT_LT(r.shareGehBelow5Before, 0.4);
  EXPECT_GE(r.shareGehBelow5After, 0.95);
  EXPECT_LT(meanAfter, 0.25 * meanBefore);
  // Non-negative, zeros of the prior kept.
  for (int o = 0; o < 24; ++o)
    for (int d = 0; d < 24; ++d) {
      EXPECT_GE(r.matrix(o, d), 0.0);
      if (prior(o, d) == 0) {
        EXPECT_EQ(r.matrix(o, d), 0.0);
      }
    }
  // The uncounted links also move towards the published flows (the estimate explains
  // the network, not just the counted links).
  double errPrior = 0, errAfter = 0;
  for (int a = 1; a < sf.net.linkCount(); a += 2) errAfter += std::abs(r.assignment.volume[a] - sf.published[a]);
  AssignmentOptions ao = opt.assignment;
  const auto priorFlows = assign(sf.net, prior, ao, core::nullFeedback());
  for (int a = 1; a < sf.net.linkCount(); a += 2) errPrior += std::abs(priorFlows.volume[a] - sf.published[a]);
  std::printf("uncounted links: mean |flow - published| %.1f (prior) -> %.1f (estimate)\n", errPrior / 38, errAfter / 38);
  EXPECT_LT(errAfter, errPrior);
}

TEST(OdEstimation, RegularizationKeepsCloserToPrior) {
  const auto& sf = siouxFalls();
  std::vector<LinkCount> counts;
  for (int a = 0; a < sf.net.linkCount(); a += 3) counts.push_back({a, sf.published[a]});
  const OdMatrix prior = perturbed(sf.truth);
  MatrixEstimationOptions opt;
  opt.assignment.relativeGap = 1e-5;
  opt.assignment.threads = 1;
  opt.outerIterations = 2;
  auto dist = [&](const OdMatrix& m) {
    double s = 0;
    for (std::size_t k = 0; k < m.values().size(); ++k) s += std::abs(m.values()[k] - prior.values()[k]);
    return s;
  };
  const auto free = estimateMatrix(sf.net, prior, counts, opt, core::nullFeedback());
  opt.regularization = 50.0;
  const auto reg = estimateMatrix(sf.net, prior, counts, opt, core::nullFeedback());
  EXPECT_LT(dist(reg.matrix), dist(free.matrix));
}

TEST(OdEstimation, RejectsBadCounts) {
  const auto& sf = siouxFalls();
  MatrixEstimationOptions opt;
  EXPECT_THROW(estimateMatrix(sf.net, sf.truth, {{999, 1}}, opt, core::nullFeedback()), core::ValidationError);
  EXPECT_THROW(estimateMatrix(sf.net, sf.truth, {{1, -1}}, opt, core::nullFeedback()), core::ValidationError);
  EXPECT_THROW(estimateMatrix(sf.net, sf.truth, {{1, 5}, {1, 6}}, opt, core::nullFeedback()), core::ValidationError);
  EXPECT_THROW(estimateMatrix(sf.net, OdMatrix(24), {{1, 5}}, opt, core::nullFeedback()), core::Error);
}
