#include "ekm/demand/turns.h"

#include <map>
#include <string>

#include "ekm/core/error.h"

namespace ekm::demand {

ExpandedNetwork expandTurns(const Network& net, const std::vector<TurnRule>& rules,
                            const TurnOptions& options) {
  const int Z = net.zoneCount();
  const int L = net.linkCount();
  std::map<std::pair<int, int>, const TurnRule*> byPair;
  for (const auto& r : rules) {
    if (r.fromLink < 0 || r.fromLink >= L || r.toLink < 0 || r.toLink >= L)
      throw core::ValidationError(
          "turn rule names a link out of range",
          core::ErrorContext{"", std::nullopt, std::nullopt, "link", "0.." + std::to_string(L - 1),
                             std::to_string(r.fromLink) + "->" + std::to_string(r.toLink)});
    if (net.link(r.fromLink).to != net.link(r.toLink).from)
      throw core::ValidationError(
          "turn rule links do not meet at a node",
          core::ErrorContext{"", std::nullopt, std::nullopt, "link", "head(from) == tail(to)",
                             std::to_string(r.fromLink) + "->" + std::to_string(r.toLink)});
    if (r.penalty < 0) throw core::ValidationError("negative turn penalty");
    byPair[{r.fromLink, r.toLink}] = &r;
  }
  ExpandedNetwork out;
  std::vector<LinkAttributes> arcs;
  auto entry = [&](int a) { return Z + 2 * a; };
  auto exitOf = [&](int a) { return Z + 2 * a + 1; };
  out.linkArc.resize(static_cast<std::size_t>(L));
  for (int a = 0; a < L; ++a) {
    LinkAttributes l = net.link(a);
    l.from = entry(a);
    l.to = exitOf(a);
    out.linkArc[a] = static_cast<int>(arcs.size());
    arcs.push_back(l);
    out.kind.push_back(ExpandedArcKind::Link);
    out.original.push_back(a);
    out.turnTo.push_back(-1);
  }
  auto free = [](int from, int to, double time) {
    LinkAttributes l;
    l.from = from;
    l.to = to;
    l.capacity = 1e9;
    l.freeFlowTime = time;
    l.b = 0;
    l.power = 1;
    return l;
  };
  for (int a = 0; a < L; ++a) {
    const auto& la = net.link(a);
    if (la.from < Z) {
      arcs.push_back(free(la.from, entry(a), 0));
      out.kind.push_back(ExpandedArcKind::ZoneOut), out.original.push_back(a), out.turnTo.push_back(-1);
    }
    if (la.to < Z) {
      arcs.push_back(free(exitOf(a), la.to, 0));
      out.kind.push_back(ExpandedArcKind::ZoneIn), out.original.push_back(a), out.turnTo.push_back(-1);
    }
    const int v = la.to;
    if (v < net.firstThruNode()) continue;  // centroids are not passed through
    for (int k = net.outStart()[v]; k < net.outStart()[v + 1]; ++k) {
      const int b = net.outLinks()[k];
      const auto& lb = net.link(b);
      double penalty = 0;
      const bool uTurn = lb.to == la.from;
      if (uTurn) {
        if (options.banUTurns) continue;
        penalty = options.uTurnPenalty;
      }
      if (const auto it = byPair.find({a, b}); it != byPair.end()) {
        if (it->second->banned) continue;
        penalty = it->second->penalty;
      }
      arcs.push_back(free(exitOf(a), entry(b), penalty));
      out.kind.push_back(ExpandedArcKind::Turn), out.original.push_back(a), out.turnTo.push_back(b);
    }
  }
  out.network = Network(Z + 2 * L, Z, Z, std::move(arcs));
  return out;
}

std::vector<double> ExpandedNetwork::originalVolumes(const std::vector<double>& expanded) const {
  std::vector<double> v(linkArc.size());
  for (std::size_t a = 0; a < linkArc.size(); ++a) v[a] = expanded[static_cast<std::size_t>(linkArc[a])];
  return v;
}

std::vector<int> ExpandedNetwork::originalPath(const std::vector<int>& expandedLinks) const {
  std::vector<int> p;
  for (int e : expandedLinks)
    if (kind[static_cast<std::size_t>(e)] == ExpandedArcKind::Link)
      p.push_back(original[static_cast<std::size_t>(e)]);
  return p;
}

}  // namespace ekm::demand
