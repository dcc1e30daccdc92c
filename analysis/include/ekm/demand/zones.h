#pragma once
// Traffic zones for OD work: built from mesh cells aggregated to a coarser level,
// from polygons of any GDAL vector source, or from station catchments; each zone has
// a centroid (lon/lat, EPSG:4326) and the mesh cells it contains, and centroids are
// attached to network nodes by connectors.
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "ekm/mesh/mesh_code.h"

namespace ekm::demand {

struct Zone {
  std::string id;
  double lon = 0;  // centroid
  double lat = 0;
  std::vector<std::string> cells;  // member mesh codes (sorted)
};

struct ZoneSystem {
  std::vector<Zone> zones;
  std::map<std::string, int> cellZone;  // mesh code -> zone index
  int indexOf(const std::string& id) const;  // -1 if absent
  std::vector<std::string> ids() const;
  // Zone index of a mesh code, -1 if the cell belongs to no zone.
  int zoneOfCell(const std::string& code) const;
};

// One zone per `level` ancestor of the given cells (e.g. 1/8 or 1/4 cells into 1/2-mesh
// zones: level Half, ~500 m). Zone id = the ancestor code; centroid = the centre of the
// ancestor cell. Throws MeshError for an invalid code or one coarser than `level`.
ZoneSystem zonesFromMesh(const std::vector<std::string>& cells, mesh::MeshLevel level);

// Zones from the polygons of a GDAL vector source (any driver: GeoPackage, GeoJSON,
// Shapefile...; any CRS, transformed to EPSG:4326). Zone id = the value of `idField`
// (ids must be unique and not empty); centroid = the polygon's centroid. `layer` empty
// = the first layer. `cells` (optional) are assigned to the first polygon containing
// their centre. Throws GdalError (cannot open, no such layer/field, a non-polygon
// feature) or ValidationError (duplicate or empty id) with the feature id.
ZoneSystem zonesFromPolygons(const std::string& source, const std::string& idField,
                             const std::vector<std::string>& cells = {}, const std::string& layer = "");

struct StationPoint {
  std::string id;
  double lon = 0;
  double lat = 0;
};

// One zone per station (id = station id, centroid = the station): each cell whose
// centre lies within radiusM (geodesic) of a station joins the nearest such station.
// Stations without any cell in reach still form a zone (with no cells).
ZoneSystem zonesFromStations(const std::vector<StationPoint>& stations, const std::vector<std::string>& cells,
                             double radiusM);

struct NodePoint {
  int node = 0;  // network node index
  double lon = 0;
  double lat = 0;
};

struct Connector {
  int zone = 0;  // zone index
  int node = 0;
  double lengthM = 0;  // geodesic centroid-to-node distance
};

// For every zone the `perZone` nearest nodes within maxDistanceM (geodesic), nearest
// first. A zone with no node in reach gets no connector (check the result).
std::vector<Connector> connectCentroids(const ZoneSystem& zones, const std::vector<NodePoint>& nodes, int perZone = 1,
                                        double maxDistanceM = std::numeric_limits<double>::infinity());

}  // namespace ekm::demand
