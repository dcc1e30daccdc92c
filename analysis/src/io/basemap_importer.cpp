// GDAL vector source -> basemap_features (see ekm/io/basemap_importer.h).
#include "ekm/io/basemap_importer.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <limits>
#include <memory>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/geo/vector_source.h"
#include "ekm/io/domain_checks.h"
#include "ekm/io/sha256.h"
#include "ekm/store/import_writer.h"
#include "ekm/store/project.h"

namespace ekm::io {

namespace {

using core::ErrorContext;

ErrorContext fctx(const std::string& file, std::optional<std::int64_t> fid, const std::string& field,
                  const std::string& expected, const std::string& found) {
  return ErrorContext{file, std::nullopt, fid, field, expected, found};
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int findField(OGRLayer* layer, const std::vector<std::string>& names) {
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (const auto& n : names)
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      if (lower(defn->GetFieldDefn(i)->GetNameRef()) == lower(n)) return i;
  return -1;
}

std::string fieldList(OGRLayer* layer) {
  std::string out;
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) out += (i ? "," : "") + std::string(defn->GetFieldDefn(i)->GetNameRef());
  return out.empty() ? "no attribute fields" : out;
}

}  // namespace

BasemapImportResult importBasemap(store::Project& project, const std::string& source,
                                  const BasemapImportOptions& options, core::Feedback& feedback) {
  if (!store::isBasemapKind(options.kind))
    throw core::ValidationError("unknown basemap kind",
                                fctx(source, std::nullopt, "kind", "rail, water, building, park or street", options.kind));
  const bool wantLines = options.kind == "rail" || options.kind == "street";
  const bool wantPolygons = options.kind == "building" || options.kind == "park";
  const std::string expectedGeometry = wantLines      ? "LineString or MultiLineString"
                                       : wantPolygons ? "Polygon or MultiPolygon"
                                                      : "LineString, MultiLineString, Polygon or MultiPolygon";
  auto opened = geo::openVectorLayer(source, options.layer, "a GDAL vector source of " + expectedGeometry + " features");
  OGRLayer* layer = opened.layer;
  if (!opened.hasCrs) feedback.warning("the source has no coordinate reference system; assuming EPSG:4326 (lon/lat)");
  if (opened.layerCount > 1 && options.layer.empty())
    feedback.warning("using the first of " + std::to_string(opened.layerCount) + " layers: " + layer->GetName());

  auto pick = [&](const std::string& explicitName, const std::vector<std::string>& defaults) {
    if (explicitName.empty()) return findField(layer, defaults);
    const int i = findField(layer, {explicitName});
    if (i < 0) throw core::GdalError("no such field", fctx(source, std::nullopt, explicitName, "an attribute '" + explicitName + "'", fieldList(layer)));
    return i;
  };
  const int nameIdx = pick(options.nameField, {"name", "name_ja", "line_name", "name_en"});
  const int heightIdx = options.kind == "building" || !options.heightField.empty()
                            ? pick(options.heightField, {"height_m", "height", "measuredHeight"})
                            : -1;

  BasemapImportResult result;
  const GIntBig total = layer->GetFeatureCount(TRUE);
  store::Transaction tx(project);
  layer->ResetReading();
  // The features go to the store as they are read (COPY on PostgreSQL).
  store::appendBasemapFeatures(project, [&](store::BasemapWkbFeature& out) {
    const OGRFeatureUniquePtr feature(layer->GetNextFeature());
    if (!feature) return false;
    const std::int64_t fid = feature->GetFID();
    if ((result.features & 255) == 0) {
      feedback.throwIfCancelled();
      if (total > 0) feedback.setProgress(100.0 * static_cast<double>(result.features) / static_cast<double>(total));
    }
    OGRGeometry* g = feature->GetGeometryRef();
    if (!g || g->IsEmpty())
      throw core::ValidationError("feature without geometry", fctx(source, fid, "geometry", expectedGeometry, "none"));
    std::unique_ptr<OGRGeometry> linear(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
    linear->flattenTo2D();
    const auto type = wkbFlatten(linear->getGeometryType());
    const bool isLine = type == wkbLineString || type == wkbMultiLineString;
    const bool isPolygon = type == wkbPolygon || type == wkbMultiPolygon;
    if ((!isLine && !isPolygon) || (wantLines && !isLine) || (wantPolygons && !isPolygon))
      throw core::ValidationError("unsupported geometry type for basemap kind " + options.kind,
                                  fctx(source, fid, "geometry", expectedGeometry, OGRGeometryTypeToName(type)));
    // Domain checks (ekm/io/domain_checks.h) on the envelope: the source's values before
    // PROJ sees them (huge values spin inside the transform), lon/lat after.
    const io::domain::Where where{source, std::nullopt, fid, "geometry"};
    OGREnvelope env;
    linear->getEnvelope(&env);
    io::domain::checkSourceXY(env.MinX, env.MinY, where);
    io::domain::checkSourceXY(env.MaxX, env.MaxY, where);
    if (opened.toWgs84 && linear->transform(opened.toWgs84.get()) != OGRERR_NONE)
      throw core::GdalError("coordinate transformation failed",
                            fctx(source, fid, "geometry", "coordinates PROJ can transform to EPSG:4326", ""));
    linear->getEnvelope(&env);
    io::domain::checkLonLat(env.MinX, env.MinY, where);
    io::domain::checkLonLat(env.MaxX, env.MaxY, where);
    out.wkb.resize(static_cast<std::size_t>(linear->WkbSize()));
    linear->exportToWkb(wkbNDR, out.wkb.data(), wkbVariantIso);
    out.kind = options.kind;
    if (nameIdx >= 0 && feature->IsFieldSetAndNotNull(nameIdx)) out.name = feature->GetFieldAsString(nameIdx);
    if (nameIdx >= 0)
      io::domain::checkText(out.name, io::domain::Where{source, std::nullopt, fid,
                                                        layer->GetLayerDefn()->GetFieldDefn(nameIdx)->GetNameRef()});
    if (heightIdx >= 0 && feature->IsFieldSetAndNotNull(heightIdx)) {
      const char* text = feature->GetFieldAsString(heightIdx);
      char* end = nullptr;
      out.heightM = std::strtod(text, &end);
      if (!text[0] || *end != '\0' || !std::isfinite(out.heightM) || out.heightM < 0)
        throw core::ValidationError("bad height", fctx(source, fid, layer->GetLayerDefn()->GetFieldDefn(heightIdx)->GetNameRef(),
                                                       "a height in metres >= 0", text));
    }
    ++result.features;
    if (type == wkbMultiLineString || type == wkbMultiPolygon)
      result.parts += linear->toGeometryCollection()->getNumGeometries();
    else
      ++result.parts;
    return true;
  });
  if (result.features == 0)
    throw core::ValidationError("no features", fctx(source, std::nullopt, "", "at least one feature", "an empty layer"));
  feedback.throwIfCancelled();
  result.sha256 = std::filesystem::is_regular_file(source) ? sha256File(source) : std::string();
  {
    std::error_code ec;
    const auto abs = std::filesystem::absolute(source, ec);
    store::logImport(project, ec ? source : abs.string(), result.sha256, "basemap-" + options.kind, result.features,
                     "{\"layer\":\"" + std::string(layer->GetName()) + "\"}");
  }
  tx.commit();
  project.refreshContents();
  feedback.setProgress(100);
  return result;
}

}  // namespace ekm::io
