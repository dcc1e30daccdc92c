#pragma once
// Turn penalties and bans at junctions by the link-graph (dual graph) expansion, so that
// the existing shortest-path and assignment code runs unchanged on the expanded network:
//  - every original link a becomes a "link arc" entry(a) -> exit(a) carrying a's BPR
//    attributes (capacity, free-flow time, b, power, toll, length) — so link volumes and
//    BPR costs stay separable and volumes map back one to one;
//  - every allowed movement a -> b at a node that may be passed through becomes a "turn
//    arc" exit(a) -> entry(b) with the turn's penalty as free-flow time and no congestion
//    (banned movements get no arc);
//  - zone z (a centroid, z < zoneCount) keeps node index z and gets zero-cost arcs
//    z -> entry(a) for links leaving z and exit(a) -> z for links entering z; zones are
//    never passed through in the expanded network (FIRST THRU NODE = zoneCount), movements
//    through an original zone node that is a thru node go through its turn arcs.
// Node layout: zones 0..Z-1, then entry(a) = Z + 2a, exit(a) = Z + 2a + 1.
#include <vector>

#include "ekm/demand/network.h"

namespace ekm::demand {

struct TurnRule {
  int fromLink = 0;  // original link ids (0-based); fromLink's head must be toLink's tail
  int toLink = 0;
  double penalty = 0;  // in the network's time unit
  bool banned = false;
};

struct TurnOptions {
  bool banUTurns = false;   // a -> b with b.to == a.from and b.from == a.to
  double uTurnPenalty = 0;  // when not banned
};

enum class ExpandedArcKind { Link, Turn, ZoneOut, ZoneIn };

struct ExpandedNetwork {
  Network network;
  std::vector<ExpandedArcKind> kind;  // per expanded link
  std::vector<int> original;          // Link: the original link; Turn: the from-link; zone arcs: the link
  std::vector<int> turnTo;            // Turn: the to-link; otherwise -1
  std::vector<int> linkArc;           // original link -> its expanded link arc
  // Original link volumes from expanded volumes (the link arcs).
  std::vector<double> originalVolumes(const std::vector<double>& expanded) const;
  // The original links of a path of expanded links (link arcs only, in order).
  std::vector<int> originalPath(const std::vector<int>& expandedLinks) const;
};

// Throws ValidationError for a rule whose links are out of range or do not meet.
ExpandedNetwork expandTurns(const Network& network, const std::vector<TurnRule>& rules,
                            const TurnOptions& options = {});

}  // namespace ekm::demand
