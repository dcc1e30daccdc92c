#include "ekm/demand/zones.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

#include "ekm/core/error.h"
#include "ekm/geo/length.h"
#include "ekm/geo/vector_source.h"

namespace ekm::demand {

using core::ErrorContext;

int ZoneSystem::indexOf(const std::string& id) const {
  for (std::size_t i = 0; i < zones.size(); ++i)
    if (zones[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> ZoneSystem::ids() const {
  std::vector<std::string> out;
  for (const auto& z : zones) out.push_back(z.id);
  return out;
}

int ZoneSystem::zoneOfCell(const std::string& code) const {
  const auto it = cellZone.find(code);
  return it == cellZone.end() ? -1 : it->second;
}

ZoneSystem zonesFromMesh(const std::vector<std::string>& cells, mesh::MeshLevel level) {
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& c : cells) groups[mesh::parent(c, level)].push_back(c);
  ZoneSystem zs;
  for (auto& [code, members] : groups) {
    const auto cell = mesh::decode(code);
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    const int idx = static_cast<int>(zs.zones.size());
    for (const auto& m : members) zs.cellZone[m] = idx;
    zs.zones.push_back({code, cell.centerLon(), cell.centerLat(), std::move(members)});
  }
  return zs;
}

ZoneSystem zonesFromPolygons(const std::string& source, const std::string& idField, const std::vector<std::string>& cells,
                             const std::string& layerName) {
  geo::VectorLayerSource vs = geo::openVectorLayer(source, layerName);
  OGRLayer* layer = vs.layer;
  std::unique_ptr<OGRCoordinateTransformation>& toWgs84 = vs.toWgs84;
  const int fi = layer->GetLayerDefn()->GetFieldIndex(idField.c_str());
  if (fi < 0) {
    std::string fields;
    for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
      fields += (i ? "," : "") + std::string(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    throw core::GdalError("no such id field", ErrorContext{source, std::nullopt, std::nullopt, idField, "an attribute field", fields});
  }
  ZoneSystem zs;
  std::vector<std::unique_ptr<OGRGeometry>> geoms;
  std::set<std::string> ids;
  layer->ResetReading();
  for (auto& f : *layer) {
    const std::int64_t fid = f->GetFID();
    const std::string id = f->IsFieldSetAndNotNull(fi) ? f->GetFieldAsString(fi) : "";
    if (id.empty()) throw core::ValidationError("empty zone id", ErrorContext{source, std::nullopt, fid, idField, "a zone id", ""});
    if (!ids.insert(id).second) throw core::ValidationError("duplicate zone id", ErrorContext{source, std::nullopt, fid, idField, "unique ids", id});
    const OGRGeometry* g0 = f->GetGeometryRef();
    if (!g0 || (wkbFlatten(g0->getGeometryType()) != wkbPolygon && wkbFlatten(g0->getGeometryType()) != wkbMultiPolygon))
      throw core::GdalError("zone feature is not a polygon", ErrorContext{source, std::nullopt, fid, "geometry", "Polygon or MultiPolygon", g0 ? g0->getGeometryName() : "none"});
    std::unique_ptr<OGRGeometry> g(g0->clone());
    if (toWgs84 && g->transform(toWgs84.get()) != OGRERR_NONE)
      throw core::GdalError("coordinate transformation failed", ErrorContext{source, std::nullopt, fid, "", "", ""});
    OGRPoint c;
    if (g->Centroid(&c) != OGRERR_NONE) throw core::GdalError("cannot compute the centroid", ErrorContext{source, std::nullopt, fid, "", "", ""});
    zs.zones.push_back({id, c.getX(), c.getY(), {}});
    geoms.push_back(std::move(g));
  }
  for (const auto& code : cells) {
    const auto cell = mesh::decode(code);
    OGRPoint p(cell.centerLon(), cell.centerLat());
    for (std::size_t i = 0; i < geoms.size(); ++i)
      if (geoms[i]->Contains(&p)) {
        zs.cellZone[code] = static_cast<int>(i);
        zs.zones[i].cells.push_back(code);
        break;
      }
  }
  for (auto& z : zs.zones) std::sort(z.cells.begin(), z.cells.end());
  return zs;
}

ZoneSystem zonesFromStations(const std::vector<StationPoint>& stations, const std::vector<std::string>& cells, double radiusM) {
  ZoneSystem zs;
  std::set<std::string> ids;
  for (const auto& s : stations) {
    if (!ids.insert(s.id).second)
      throw core::ValidationError("duplicate station id", ErrorContext{"", std::nullopt, std::nullopt, "station", "unique ids", s.id});
    zs.zones.push_back({s.id, s.lon, s.lat, {}});
  }
  for (const auto& code : cells) {
    const auto cell = mesh::decode(code);
    int best = -1;
    double bestD = radiusM;
    for (std::size_t i = 0; i < stations.size(); ++i) {
      const double d = geo::geodesicDistanceM(cell.centerLon(), cell.centerLat(), stations[i].lon, stations[i].lat);
      if (d <= bestD) bestD = d, best = static_cast<int>(i);
    }
    if (best >= 0) {
      zs.cellZone[code] = best;
      zs.zones[best].cells.push_back(code);
    }
  }
  for (auto& z : zs.zones) std::sort(z.cells.begin(), z.cells.end());
  return zs;
}

std::vector<Connector> connectCentroids(const ZoneSystem& zones, const std::vector<NodePoint>& nodes, int perZone,
                                        double maxDistanceM) {
  std::vector<Connector> out;
  std::vector<std::pair<double, int>> d;
  for (std::size_t z = 0; z < zones.zones.size(); ++z) {
    d.clear();
    for (const auto& n : nodes) {
      const double m = geo::geodesicDistanceM(zones.zones[z].lon, zones.zones[z].lat, n.lon, n.lat);
      if (m <= maxDistanceM) d.push_back({m, n.node});
    }
    const auto k = std::min<std::size_t>(d.size(), static_cast<std::size_t>(std::max(0, perZone)));
    std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(k), d.end());
    for (std::size_t i = 0; i < k; ++i) out.push_back({static_cast<int>(z), d[i].second, d[i].first});
  }
  return out;
}

}  // namespace ekm::demand
