// Buildings from a GDAL vector source (see ekm/energy/import_files.h).
#include <cmath>
#include <cstdlib>
#include <memory>
#include <set>

#include "ekm/core/error.h"
#include "ekm/energy/import_files.h"
#include "ekm/geo/vector_source.h"
#include "ekm/io/domain_checks.h"

namespace ekm::energy {
namespace {

core::ErrorContext featureCtx(const std::string& file, std::int64_t fid, const std::string& field,
                              const std::string& expected, const std::string& found) {
  return core::ErrorContext{file, std::nullopt, fid, field, expected, found};
}

// Beyond any building: the largest have ~2 million m2 of floor and ~830 m of height.
constexpr double kMaxFloorAreaM2 = 1e7;
constexpr double kMaxHeightM = 1000;

int fieldIndex(OGRFeatureDefn* defn, const std::vector<std::string>& names) {
  for (const auto& n : names)
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      if (EQUAL(defn->GetFieldDefn(i)->GetNameRef(), n.c_str())) return i;
  return -1;
}

}  // namespace

std::vector<Building> readBuildingsVector(const std::string& source, const std::string& layerName,
                                          const std::string& idField, core::Feedback& feedback) {
  auto opened = geo::openVectorLayer(source, layerName, "a GDAL vector source of building polygons");
  OGRLayer* layer = opened.layer;
  if (!opened.hasCrs) feedback.warning("the source has no coordinate reference system; assuming EPSG:4326 (lon/lat)");
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  const int idIdx = fieldIndex(defn, idField.empty() ? std::vector<std::string>{"building_id", "id"}
                                                     : std::vector<std::string>{idField});
  if (idIdx < 0)
    throw core::ValidationError("no id field", featureCtx(source, 0, idField.empty() ? "building_id" : idField,
                                                          "an attribute building_id or id", "absent"));
  const int blockIdx = fieldIndex(defn, {"block"});
  const int jaIdx = fieldIndex(defn, {"name_ja", "name"});
  const int enIdx = fieldIndex(defn, {"name_en"});
  const int heightIdx = fieldIndex(defn, {"height_m", "height"});
  const char* useNames[] = {"office_m2", "retail_m2", "hotel_m2", "residential_m2", "culture_m2"};
  int useIdx[5];
  bool anyUse = false;
  for (int u = 0; u < 5; ++u) anyUse |= (useIdx[u] = fieldIndex(defn, {useNames[u]})) >= 0;
  if (!anyUse)
    throw core::ValidationError("no floor areas", featureCtx(source, 0, "office_m2",
                                                             "floor area attributes office_m2, retail_m2, hotel_m2, "
                                                             "residential_m2, culture_m2 (m2)",
                                                             "none"));
  std::vector<Building> out;
  std::set<std::string> ids;
  layer->ResetReading();
  for (auto& f : *layer) {
    feedback.throwIfCancelled();
    const std::int64_t fid = f->GetFID();
    Building b;
    if (!f->IsFieldSetAndNotNull(idIdx) || std::string(f->GetFieldAsString(idIdx)).empty())
      throw core::ValidationError("building without an id", featureCtx(source, fid, defn->GetFieldDefn(idIdx)->GetNameRef(),
                                                                       "a non-empty id", "empty"));
    b.buildingId = f->GetFieldAsString(idIdx);
    io::domain::checkId(b.buildingId, io::domain::Where{source, std::nullopt, fid, defn->GetFieldDefn(idIdx)->GetNameRef()});
    if (!ids.insert(b.buildingId).second)
      throw core::ValidationError("duplicate building id", featureCtx(source, fid, defn->GetFieldDefn(idIdx)->GetNameRef(),
                                                                      "each id once", b.buildingId));
    if (blockIdx >= 0 && f->IsFieldSetAndNotNull(blockIdx)) b.block = f->GetFieldAsString(blockIdx);
    if (jaIdx >= 0 && f->IsFieldSetAndNotNull(jaIdx)) b.nameJa = f->GetFieldAsString(jaIdx);
    if (enIdx >= 0 && f->IsFieldSetAndNotNull(enIdx)) b.nameEn = f->GetFieldAsString(enIdx);
    for (const auto& [idx, text] : {std::pair{blockIdx, &b.block}, {jaIdx, &b.nameJa}, {enIdx, &b.nameEn}})
      if (idx >= 0) io::domain::checkText(*text, io::domain::Where{source, std::nullopt, fid, defn->GetFieldDefn(idx)->GetNameRef()});
    auto number = [&](int idx, const char* what, double max, const char* expected) {
      if (idx < 0 || !f->IsFieldSetAndNotNull(idx)) return std::nan("");
      const char* text = f->GetFieldAsString(idx);
      char* end = nullptr;
      const double v = std::strtod(text, &end);
      if (!text[0] || *end != '\0' || !std::isfinite(v) || v < 0 || v > max)
        throw core::ValidationError(std::string("bad ") + what,
                                    featureCtx(source, fid, defn->GetFieldDefn(idx)->GetNameRef(), expected, text));
      return v;
    };
    double* areas[] = {&b.floor.office_m2, &b.floor.retail_m2, &b.floor.hotel_m2, &b.floor.residential_m2,
                       &b.floor.culture_m2};
    for (int u = 0; u < 5; ++u) {
      const double v = number(useIdx[u], "floor area", kMaxFloorAreaM2, "a floor area of 0..10,000,000 m2");
      *areas[u] = std::isnan(v) ? 0.0 : v;
    }
    if (b.floor.total() <= 0)
      throw core::ValidationError("building without floor area",
                                  featureCtx(source, fid, "office_m2", "a total floor area > 0 m2", "0"));
    b.heightM = number(heightIdx, "height", kMaxHeightM, "a height of 0..1,000 m");
    OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty())
      throw core::ValidationError("building without geometry", featureCtx(source, fid, "geometry", "a polygon", "none"));
    std::unique_ptr<OGRGeometry> geom(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
    geom->flattenTo2D();
    // The source's values before PROJ sees them (1e20 m spins inside the transform).
    OGREnvelope env;
    geom->getEnvelope(&env);
    const io::domain::Where where{source, std::nullopt, fid, "geometry"};
    io::domain::checkSourceXY(env.MinX, env.MinY, where);
    io::domain::checkSourceXY(env.MaxX, env.MaxY, where);
    if (opened.toWgs84 && geom->transform(opened.toWgs84.get()) != OGRERR_NONE)
      throw core::GdalError("coordinate transformation failed", featureCtx(source, fid, "geometry", "EPSG:4326", ""));
    const OGRPolygon* poly = nullptr;
    const auto type = wkbFlatten(geom->getGeometryType());
    if (type == wkbPolygon) {
      poly = geom->toPolygon();
    } else if (type == wkbMultiPolygon) {
      const auto* mp = geom->toMultiPolygon();
      double best = -1;
      for (const auto* p : *mp)
        if (p->get_Area() > best) {
          best = p->get_Area();
          poly = p;
        }
      if (mp->getNumGeometries() > 1)
        feedback.warning("building " + b.buildingId + ": a MultiPolygon of " + std::to_string(mp->getNumGeometries()) +
                         " parts; the largest is kept");
    } else {
      throw core::ValidationError("not a polygon", featureCtx(source, fid, "geometry", "Polygon or MultiPolygon",
                                                              OGRGeometryTypeToName(type)));
    }
    const OGRLinearRing* ring = poly ? poly->getExteriorRing() : nullptr;
    if (!ring || ring->getNumPoints() < 4)
      throw core::ValidationError("degenerate polygon", featureCtx(source, fid, "geometry", "a ring of >= 4 points",
                                                                   ring ? std::to_string(ring->getNumPoints()) : "none"));
    for (int i = 0; i < ring->getNumPoints(); ++i) {
      const double lon = ring->getX(i), lat = ring->getY(i);
      io::domain::checkLonLat(lon, lat, where);
      b.outerRingLonLat.emplace_back(lon, lat);
    }
    out.push_back(std::move(b));
  }
  if (out.empty()) throw core::ValidationError("no buildings", featureCtx(source, 0, "", "at least one feature", "none"));
  return out;
}

}  // namespace ekm::energy
