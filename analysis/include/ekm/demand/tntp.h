#pragma once
// Readers for the TNTP text format of the "Transportation Networks for Research"
// test networks (net, trips, flow and node files).
//
// The format: a metadata block of "<TAG> value" lines closed by "<END OF METADATA>",
// then data. '~' starts a comment line; data records end with ';'.
//  - net:   <NUMBER OF ZONES>, <NUMBER OF NODES>, <FIRST THRU NODE>, <NUMBER OF LINKS>;
//           one link per line: init node, term node, capacity, length, free flow time,
//           b, power, speed, toll, link type. Link travel time (BPR):
//           free_flow_time * (1 + b * (volume / capacity)^power).
//           Nodes numbered below FIRST THRU NODE are zone centroids that paths may start
//           or end at but never pass through.
//           Optional <TOLL FACTOR> and <DISTANCE FACTOR>: the weights of the link's
//           generalized cost = time + toll factor * toll + distance factor * length
//           (the format's README; tap-b reads them the same way and takes 0 when absent).
//           They are defaults: a caller's explicit weights win. The published files of
//           the standard networks carry neither tag (Chicago Sketch states its weights,
//           0.02 min/cent and 0.04 min/mile, only in its README), so they read as 0.
//  - trips: <NUMBER OF ZONES>, <TOTAL OD FLOW>, optional <DEMAND MULTIPLIER> (every
//           entry is multiplied by it, as tap-b does); blocks "Origin o" followed by
//           "d : value;" entries. <TOTAL OD FLOW> checks the entries as written; a total
//           that equals the multiplied sum is accepted as well.
//  - flow:  header "From To Volume Cost", then one line per link (no metadata block).
//  - node:  header "Node X Y ;", then one line per node.
// Malformed input throws core::ParseError (file, line, field, expected, found);
// inconsistent content (a node out of range, a link count that differs from the
// declared one, an OD total that does not add up) throws core::ValidationError.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ekm::demand {

struct TntpLink {
  int initNode = 0;  // 1-based TNTP node ids
  int termNode = 0;
  double capacity = 0;
  double length = 0;
  double freeFlowTime = 0;
  double b = 0;      // BPR alpha
  double power = 0;  // BPR beta
  double speed = 0;
  double toll = 0;
  int linkType = 0;
  int line = 0;  // line in the file, for messages
};

struct TntpNetwork {
  std::string file;
  int zoneCount = 0;
  int nodeCount = 0;
  int firstThruNode = 1;
  int declaredLinkCount = 0;
  std::map<std::string, std::string> metadata;  // every tag as read (upper case, no brackets)
  std::optional<double> tollFactor;             // <TOLL FACTOR>, if given (>= 0)
  std::optional<double> distanceFactor;         // <DISTANCE FACTOR>, if given (>= 0)
  std::vector<TntpLink> links;                  // in file order
};

struct TntpTrips {
  std::string file;
  int zoneCount = 0;
  double declaredTotal = 0;     // <TOTAL OD FLOW>
  double demandMultiplier = 1;  // <DEMAND MULTIPLIER> (1 when absent), already applied to demand
  std::map<std::string, std::string> metadata;
  std::vector<double> demand;  // zoneCount x zoneCount, row-major, [origin-1][dest-1], multiplied
  double at(int origin, int destination) const {  // 1-based zone ids
    return demand[static_cast<std::size_t>(origin - 1) * zoneCount + (destination - 1)];
  }
  double total() const;
};

struct TntpFlow {
  int from = 0;
  int to = 0;
  double volume = 0;
  double cost = 0;
};

struct TntpNode {
  int id = 0;
  double x = 0;
  double y = 0;
};

TntpNetwork readTntpNetwork(const std::string& path);
TntpTrips readTntpTrips(const std::string& path);
std::vector<TntpFlow> readTntpFlows(const std::string& path);
std::vector<TntpNode> readTntpNodes(const std::string& path);

// Parsers over text already in memory (`name` is used in messages).
TntpNetwork parseTntpNetwork(const std::string& text, const std::string& name);
TntpTrips parseTntpTrips(const std::string& text, const std::string& name);
std::vector<TntpFlow> parseTntpFlows(const std::string& text, const std::string& name);
std::vector<TntpNode> parseTntpNodes(const std::string& text, const std::string& name);

}  // namespace ekm::demand
