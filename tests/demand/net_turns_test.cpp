// Turn penalties and bans by the link-graph expansion, on a hand-sketched junction.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/shortest_path.h"
#include "ekm/demand/turns.h"

using namespace ekm;
using namespace ekm::demand;

namespace {

//            N(3) ----- NE(4)
//             |           |
//   W(5) --- C(2) ------ E(1)      zones: S = 0, E = 1 (centroids, not passed through)
//             |
//            S(0)
// Every street two-way; free-flow time 1 per link except N-NE, NE-E and C-W (0.5 each).
// S -> E: straight up then right turn at C (S-C-E, time 2), around the block
// (S-C-N-NE-E, 3), a U-turn at N (S-C-N-C-E, 4) or in the dead end W (S-C-W-C-E, 3).
Network junction() {
  std::vector<LinkAttributes> links;
  auto two = [&](int a, int b, double t0) {
    for (auto [f, t] : {std::pair{a, b}, std::pair{b, a}}) {
      LinkAttributes l;
      l.from = f, l.to = t, l.capacity = 1000, l.freeFlowTime = t0, l.b = 0.15, l.power = 4, l.length = 100;
      links.push_back(l);
    }
  };
  two(0, 2, 1), two(2, 1, 1), two(2, 3, 1), two(3, 4, 0.5), two(4, 1, 0.5), two(2, 5, 0.5);
  return Network(6, 2, 2, links);
}

struct Path {
  double time;
  std::vector<std::pair<int, int>> nodes;  // original links as (from, to)
};

Path shortest(const Network& original, const ExpandedNetwork& x, int from, int to) {
  ShortestPathSolver sp(x.network);
  std::vector<double> cost(static_cast<std::size_t>(x.network.linkCount()));
  for (int a = 0; a < x.network.linkCount(); ++a) cost[a] = x.network.link(a).freeFlowTime;
  sp.run(from, cost);
  std::vector<int> arcs;
  for (int v = to; v != from;) {
    const int a = sp.predecessorLink()[v];
    if (a < 0) return {sp.distance()[to], {}};
    arcs.push_back(a);
    v = x.network.link(a).from;
  }
  std::reverse(arcs.begin(), arcs.end());
  Path p{sp.distance()[to], {}};
  for (int a : x.originalPath(arcs)) p.nodes.emplace_back(original.link(a).from, original.link(a).to);
  return p;
}

}  // namespace

TEST(NetTurns, BanAndPenaltyChangeThePath) {
  const Network net = junction();
  const int sc = net.findLink(0, 2), ce = net.findLink(2, 1);
  using P = std::vector<std::pair<int, int>>;

  auto free = expandTurns(net, {});
  EXPECT_EQ(free.network.nodeCount(), 2 + 2 * net.linkCount());
  auto p = shortest(net, free, 0, 1);
  EXPECT_DOUBLE_EQ(p.time, 2);
  EXPECT_EQ(p.nodes, (P{{0, 2}, {2, 1}}));

  // Banning the right turn S-C -> C-E sends the trip around the block (written by hand).
  auto banned = expandTurns(net, {{sc, ce, 0, true}});
  p = shortest(net, banned, 0, 1);
  EXPECT_DOUBLE_EQ(p.time, 3);
  EXPECT_EQ(p.nodes, (P{{0, 2}, {2, 3}, {3, 4}, {4, 1}}));

  // A 1.5-unit penalty also does (2 + 1.5 > 3); a 0.5-unit one does not (2 + 0.5 < 3).
  p = shortest(net, expandTurns(net, {{sc, ce, 1.5, false}}), 0, 1);
  EXPECT_DOUBLE_EQ(p.time, 3);
  EXPECT_EQ(p.nodes, (P{{0, 2}, {2, 3}, {3, 4}, {4, 1}}));
  p = shortest(net, expandTurns(net, {{sc, ce, 0.5, false}}), 0, 1);
  EXPECT_DOUBLE_EQ(p.time, 2.5);
  EXPECT_EQ(p.nodes, (P{{0, 2}, {2, 1}}));

  // Ban the turn and the detour's left turn C-N -> N-NE: the only way left is a U-turn in
  // the dead end W (S-C-W-C-E, time 3; at N it takes 4) — unless U-turns are banned too.
  const int cn = net.findLink(2, 3), nne = net.findLink(3, 4);
  p = shortest(net, expandTurns(net, {{sc, ce, 0, true}, {cn, nne, 0, true}}), 0, 1);
  EXPECT_DOUBLE_EQ(p.time, 3);
  EXPECT_EQ(p.nodes, (P{{0, 2}, {2, 5}, {5, 2}, {2, 1}}));
  TurnOptions noU;
  noU.banUTurns = true;
  p = shortest(net, expandTurns(net, {{sc, ce, 0, true}, {cn, nne, 0, true}}, noU), 0, 1);
  EXPECT_TRUE(std::isinf(p.time));
  EXPECT_TRUE(p.nodes.empty());
}

TEST(NetTurns, AssignmentRunsOnTheExpandedNetwork) {
  const Network net = junction();
  const int sc = net.findLink(0, 2), ce = net.findLink(2, 1);
  const auto x = expandTurns(net, {{sc, ce, 0, true}});
  OdMatrix od(2);
  od(0, 1) = 10;
  AssignmentOptions o;
  o.algorithm = AssignmentAlgorithm::AllOrNothing;
  core::Feedback fb;
  const auto r = assign(x.network, od, o, fb);
  const auto v = x.originalVolumes(r.volume);
  EXPECT_DOUBLE_EQ(v[sc], 10);
  EXPECT_DOUBLE_EQ(v[ce], 0);
  EXPECT_DOUBLE_EQ(v[net.findLink(4, 1)], 10);
  // Link times keep their BPR form on the link arcs.
  EXPECT_DOUBLE_EQ(r.time[x.linkArc[sc]], net.linkTime(sc, 10));
}

TEST(NetTurns, RejectsRulesThatDoNotMeet) {
  const Network net = junction();
  EXPECT_THROW(expandTurns(net, {{net.findLink(0, 2), net.findLink(3, 4), 0, true}}), core::ValidationError);
  EXPECT_THROW(expandTurns(net, {{0, 99, 0, true}}), core::ValidationError);
}
