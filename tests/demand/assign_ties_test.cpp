// Algorithm B on routes that tie at free flow (identical parallel routes, and routes
// that only tie at zero flow), against equilibria solved by hand, and the truthfulness of
// the reported convergence: the relative gap and the converged flag are checked against
// a gap recomputed here from the returned link volumes with the BPR formula and the
// (enumerated) routes, independently of the library's own evaluation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/tntp.h"

using namespace ekm::demand;

namespace {

// One link of a sketch (1-based TNTP node ids): time(v) = t0 (1 + b (v / capacity)^power).
struct SketchLink {
  int from = 0, to = 0;
  double t0 = 0, b = 0, power = 1, capacity = 100;
};

double bprTime(const SketchLink& l, double v) {
  return l.t0 * (1 + l.b * std::pow(std::max(v, 0.0) / l.capacity, l.power));
}

// A network whose only zones are 1 and 2 (centroids; through nodes from 3 on), demand
// only 1 -> 2, and every 1 -> 2 route listed (as link indices), so that the shortest
// path cost is the least route cost.
struct Sketch {
  std::string name;
  int nodes = 2;
  std::vector<SketchLink> links;
  std::vector<std::vector<int>> routes;
  double demand = 0;

  Network network() const {
    std::string t = "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> " + std::to_string(nodes) +
                    "\n<FIRST THRU NODE> 3\n<NUMBER OF LINKS> " + std::to_string(links.size()) +
                    "\n<END OF METADATA>\n";
    for (const auto& l : links)
      t += std::to_string(l.from) + ' ' + std::to_string(l.to) + ' ' + std::to_string(l.capacity) + " 1 " +
           std::to_string(l.t0) + ' ' + std::to_string(l.b) + ' ' + std::to_string(l.power) + " 0 0 1 ;\n";
    return Network::fromTntp(parseTntpNetwork(t, "sketch"));
  }
  OdMatrix od() const {
    OdMatrix m(2);
    m(0, 1) = demand;
    return m;
  }
  // Relative gap (TSTT - SPTT) / TSTT of link volumes, and their TSTT.
  struct Gap {
    double tstt = 0, relativeGap = 0;
  };
  Gap gapOf(const std::vector<double>& volume) const {
    Gap g;
    for (std::size_t a = 0; a < links.size(); ++a) g.tstt += volume[a] * bprTime(links[a], volume[a]);
    double shortest = std::numeric_limits<double>::infinity();
    for (const auto& route : routes) {
      double c = 0;
      for (const int a : route)
        c += bprTime(links[static_cast<std::size_t>(a)], volume[static_cast<std::size_t>(a)]);
      shortest = std::min(shortest, c);
    }
    g.relativeGap = (g.tstt - demand * shortest) / g.tstt;
    return g;
  }
};

// BPR shapes: linear (b = 1, power 1) and the standard one (b = 0.15, power 4). The
// sketches load each route with its capacity, 100, at equilibrium, where a route of free
// flow time 10 takes 10 (1 + b): 20 and 11.5.
struct Shape {
  const char* name;
  double b, power;
};
void PrintTo(const Shape& s, std::ostream* os) { *os << s.name; }

// Links 1 -> 3 -> 2 and 1 -> 4 -> 2 (TNTP node ids).
const std::pair<int, int> kViaLinks[] = {{1, 3}, {3, 2}, {1, 4}, {4, 2}};

// Two identical routes through nodes 3 and 4, each link t = 5 (1 + b (v/100)^p):
//
//              l0 .--> [3] --. l1
//                /            v
//   demand 200  (1)          (2)
//                \            ^
//              l2 `--> [4] --' l3
//
// Equilibrium by symmetry: 100 on each route, route time 10 (1 + b), TSTT 2000 (1 + b)
// (4000 linear, 2300 standard). All-or-nothing start: 200 on one route, 10 (1 + b 2^p),
// against 10 on the other: gap 1 - 1 / (1 + b 2^p) (2/3 linear).
Sketch twoRoutes(const Shape& s) {
  Sketch k;
  k.name = std::string("two routes, ") + s.name;
  k.nodes = 4;
  for (const auto& [from, to] : kViaLinks) k.links.push_back({from, to, 5, s.b, s.power});
  k.routes = {{0, 1}, {2, 3}};
  k.demand = 200;
  return k;
}

// Three tied routes of different shapes: a direct link of t = 10 (1 + b (v/100)^p) and two
// routes of two links of t = 5 (1 + b (v/100)^p) each:
//
//        .------------- l0 -------------.
//       /                                v
//   (1) --- l1 ---> [3] ---- l2 ------> (2)       demand 300
//       \                                ^
//        `-- l3 --> [4] ---- l4 -------'
//
// Equilibrium: 100 on each route, route time 10 (1 + b), TSTT 3000 (1 + b) (6000 linear,
// 3450 standard). All-or-nothing start: 300 on one route: gap 1 - 1 / (1 + b 3^p).
Sketch threeRoutes(const Shape& s) {
  Sketch k;
  k.name = std::string("three routes, ") + s.name;
  k.nodes = 4;
  k.links.push_back({1, 2, 10, s.b, s.power});
  for (const auto& [from, to] : kViaLinks) k.links.push_back({from, to, 5, s.b, s.power});
  k.routes = {{0}, {1, 2}, {3, 4}};
  k.demand = 300;
  return k;
}

// Routes that tie only at zero flow (both take 10), with different slopes:
//
//   (1) ---- l0: 10 (1 + 1.0 v/100) = 10 + 0.1 v ----> (2)      demand 200
//     \                                                ^
//      `-- l1: 10 (1 + 0.5 v/100) = 10 + 0.05 v --> [3] '  l2: 0 (free)
//
// Equilibrium: 10 + 0.1 v0 = 10 + 0.05 v1, v0 + v1 = 200  =>  v0 = 200/3, v1 = 400/3,
// time 50/3, TSTT 10000/3.
Sketch freeFlowTie() {
  Sketch k;
  k.name = "tied at free flow only";
  k.nodes = 3;
  k.links = {{1, 2, 10, 1.0, 1}, {1, 3, 10, 0.5, 1}, {3, 2, 0, 0, 1}};
  k.routes = {{0}, {1, 2}};
  k.demand = 200;
  return k;
}

AssignmentOptions algorithmB(double gap, int maxIterations) {
  AssignmentOptions o;
  o.algorithm = AssignmentAlgorithm::AlgorithmB;
  o.relativeGap = gap;
  o.maxIterations = maxIterations;
  o.threads = 1;
  return o;
}

constexpr double kGap = 1e-10;

}  // namespace

class TiedRoutes : public ::testing::TestWithParam<Shape> {};

TEST_P(TiedRoutes, TwoIdenticalRoutesSplitEvenly) {
  const Shape s = GetParam();
  const Sketch k = twoRoutes(s);
  const auto r = assign(k.network(), k.od(), algorithmB(kGap, 200), ekm::core::nullFeedback());
  ASSERT_FALSE(r.iterations.empty());
  EXPECT_NEAR(r.iterations.front().relativeGap, 1 - 1 / (1 + s.b * std::pow(2, s.power)), 1e-12);
  EXPECT_TRUE(r.converged);
  EXPECT_LE(r.relativeGap, kGap);
  for (int a = 0; a < 4; ++a) EXPECT_NEAR(r.volume[a], 100, 1e-5) << "link " << a;
  for (int a = 0; a < 4; ++a) EXPECT_NEAR(r.time[a], 5 * (1 + s.b), 1e-8) << "link " << a;
  EXPECT_NEAR(r.tstt, 2000 * (1 + s.b), 1e-6);
  EXPECT_LE(k.gapOf(r.volume).relativeGap, kGap);
}

TEST_P(TiedRoutes, ThreeTiedRoutesSplitEvenly) {
  const Shape s = GetParam();
  const Sketch k = threeRoutes(s);
  const auto r = assign(k.network(), k.od(), algorithmB(kGap, 200), ekm::core::nullFeedback());
  ASSERT_FALSE(r.iterations.empty());
  EXPECT_NEAR(r.iterations.front().relativeGap, 1 - 1 / (1 + s.b * std::pow(3, s.power)), 1e-12);
  EXPECT_TRUE(r.converged);
  EXPECT_LE(r.relativeGap, kGap);
  for (int a = 0; a < 5; ++a) EXPECT_NEAR(r.volume[a], 100, 1e-5) << "link " << a;
  EXPECT_NEAR(r.time[0], 10 * (1 + s.b), 1e-8);
  EXPECT_NEAR(r.tstt, 3000 * (1 + s.b), 1e-6);
  EXPECT_LE(k.gapOf(r.volume).relativeGap, kGap);
}

INSTANTIATE_TEST_SUITE_P(Bpr, TiedRoutes,
                         ::testing::Values(Shape{"linear", 1.0, 1}, Shape{"standard", 0.15, 4}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(AlgorithmBTies, RoutesTiedAtFreeFlowOnly) {
  const Sketch k = freeFlowTie();
  const auto r = assign(k.network(), k.od(), algorithmB(kGap, 200), ekm::core::nullFeedback());
  EXPECT_TRUE(r.converged);
  EXPECT_LE(r.relativeGap, kGap);
  EXPECT_NEAR(r.volume[0], 200.0 / 3, 1e-5);
  EXPECT_NEAR(r.volume[1], 400.0 / 3, 1e-5);
  EXPECT_NEAR(r.volume[2], 400.0 / 3, 1e-5);
  EXPECT_NEAR(r.time[0], 50.0 / 3, 1e-8);
  EXPECT_NEAR(r.time[1], 50.0 / 3, 1e-8);
  EXPECT_NEAR(r.tstt, 10000.0 / 3, 1e-6);
  EXPECT_LE(k.gapOf(r.volume).relativeGap, kGap);
}

// Whatever the iteration limit and target, the result says converged only if the
// independently computed gap of its volumes meets the target; otherwise it ran to the
// limit. The reported gap and TSTT are those of the returned volumes.
TEST(AlgorithmBTies, ReportedConvergenceIsTruthful) {
  const Shape linear{"linear", 1.0, 1}, standard{"standard", 0.15, 4};
  for (const Sketch& k :
       {twoRoutes(linear), twoRoutes(standard), threeRoutes(linear), threeRoutes(standard), freeFlowTie()})
    for (const double target : {1e-2, 1e-6, 1e-12})
      for (const int maxIterations : {0, 1, 2, 3, 5, 20}) {
        const auto r =
            assign(k.network(), k.od(), algorithmB(target, maxIterations), ekm::core::nullFeedback());
        const auto g = k.gapOf(r.volume);
        const std::string what =
            k.name + ", target " + std::to_string(target) + ", limit " + std::to_string(maxIterations);
        ASSERT_FALSE(r.iterations.empty()) << what;
        EXPECT_NEAR(r.relativeGap, g.relativeGap, 1e-9) << what;
        EXPECT_EQ(r.iterations.back().relativeGap, r.relativeGap) << what;
        EXPECT_NEAR(r.tstt, g.tstt, 1e-9 * g.tstt) << what;
        if (r.converged) {
          EXPECT_LE(g.relativeGap, target + 1e-12) << what;
        } else {
          EXPECT_GT(g.relativeGap, target - 1e-12) << what;
          EXPECT_EQ(r.iterations.back().iteration, maxIterations) << what;
        }
        // The all-or-nothing start is never an equilibrium here.
        if (maxIterations == 0) {
          EXPECT_FALSE(r.converged) << what;
        }
      }
}
