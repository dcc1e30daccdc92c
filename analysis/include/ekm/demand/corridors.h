#pragma once
// Movement corridors (移動コース) from assigned link volumes, and desire lines between
// zone centroids.
//
// Corridors, greedy: take the highest-volume link not yet used (at or above the
// threshold), extend it forward from its head and backward from its tail, each step along
// the unused continuation with the highest volume — not turning straight back, not
// revisiting a node of the corridor — as long as that volume is at least `continueFraction`
// of the volume of the link it continues (a junction where the flow drops ends the
// corridor) and at least the threshold; mark its links used; repeat. Corridors come out
// ranked by their peak (= starting) volume.
#include <string>
#include <vector>

#include "ekm/demand/network.h"
#include "ekm/demand/network_builder.h"

namespace ekm::demand {

struct CorridorOptions {
  double minVolume = 0;           // absolute threshold (links below never belong to a corridor)
  double minShareOfMax = 0.1;     // threshold as a share of the largest link volume (the larger applies)
  double continueFraction = 0.5;  // continuation needs >= this share of the previous link's volume
  int maxCorridors = 20;
  int minLinks = 1;  // drop corridors with fewer links
};

struct Corridor {
  std::vector<int> links;  // in travel order
  std::vector<int> nodes;  // links.size() + 1 nodes
  double peakVolume = 0;
  double minVolume = 0;
  double meanVolume = 0;  // length-weighted (plain mean where lengths are zero)
  double length = 0;      // sum of link lengths (network units)
};

std::vector<Corridor> extractCorridors(const Network& network, const std::vector<double>& volume,
                                       const CorridorOptions& options = {});

struct DesireLine {
  int origin = 0;  // zone index
  int destination = 0;
  double volume = 0;  // origin->destination (+ destination->origin if combined)
  GeoPoint from, to;
};

// OD pairs with volume >= minVolume (intrazonal excluded), largest first; with
// combineDirections the two directions of a pair make one line (origin < destination).
std::vector<DesireLine> desireLines(const OdMatrix& od, const std::vector<GeoPoint>& centroids,
                                    double minVolume = 0, bool combineDirections = true);

// GeoJSON FeatureCollections (EPSG:4326, RFC 7946) written atomically (temp file + rename).
// Corridor geometry: the links' geometries when `linkGeometry` is not empty, else straight
// lines between `nodes`. Properties: rank, peak/min/mean volume, length, link count,
// links (1-based ids, or segment ids when `linkIds` is not empty).
void writeCorridorsGeoJson(const std::string& path, const Network& network,
                           const std::vector<Corridor>& corridors, const std::vector<GeoPoint>& nodes,
                           const std::vector<std::vector<GeoPoint>>& linkGeometry = {},
                           const std::vector<std::string>& linkIds = {});
void writeDesireLinesGeoJson(const std::string& path, const std::vector<DesireLine>& lines,
                             const std::vector<std::string>& zoneIds = {});

}  // namespace ekm::demand
