// Result tables and project layers to GeoPackage, GeoJSON, CSV and Shapefile via GDAL.
#include "ekm/io/result_export.h"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "ekm/ops/result_geometry.h"
#include "ekm/core/error.h"

namespace ekm::io {

namespace {

using ops::Json;

void registerGdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

core::Error usage(const std::string& what, const std::string& field, const std::string& expected,
                  const std::string& found) {
  return core::Error(core::ErrorCode::Usage, what, core::ErrorContext{"", std::nullopt, std::nullopt, field, expected, found});
}

core::GdalError gdalError(const std::string& what, const std::string& path) {
  return core::GdalError(what + ": " + CPLGetLastErrorMsg(), core::ErrorContext{path, {}, {}, "", "", ""});
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// The geometry of a table's first key, in EPSG:4326.
struct GeometrySource {
  OGRwkbGeometryType type = wkbNone;
  std::map<std::string, std::unique_ptr<OGRGeometry>> byKey;
};

std::string keyText(const Json& k) { return k.is_string() ? k.get<std::string>() : k.dump(); }

GeometrySource geometryFor(const std::string& kind, const store::Project* project) {
  GeometrySource g;
  if (!project) return g;
  if (kind == "segment") {
    g.type = wkbLineString;
    for (const auto& s : project->segments()) {
      auto line = std::make_unique<OGRLineString>();
      for (const auto& p : s.points) line->addPoint(p.lon, p.lat);
      g.byKey[s.segmentId] = std::move(line);
    }
  } else if (kind == "cell") {
    g.type = wkbPolygon;
    for (const auto& c : project->meshCells()) {
      auto ring = std::make_unique<OGRLinearRing>();
      ring->addPoint(c.west, c.south);
      ring->addPoint(c.east, c.south);
      ring->addPoint(c.east, c.north);
      ring->addPoint(c.west, c.north);
      ring->addPoint(c.west, c.south);
      auto poly = std::make_unique<OGRPolygon>();
      poly->addRingDirectly(ring.release());
      g.byKey[c.meshCode] = std::move(poly);
    }
  } else if (kind == "station") {
    g.type = wkbPoint;
    for (const auto& s : project->stations()) g.byKey[s.stationId] = std::make_unique<OGRPoint>(s.position.lon, s.position.lat);
  }
  return g;
}

// The GDAL type of a column from its values: integers, reals, booleans or text.
OGRFieldType fieldTypeOf(const std::vector<std::vector<Json>>& rows, std::size_t col, bool& boolean) {
  bool anyInt = false, anyReal = false, anyBool = false, anyText = false;
  for (const auto& r : rows) {
    if (col >= r.size() || r[col].is_null()) continue;
    const Json& v = r[col];
    if (v.is_boolean()) anyBool = true;
    else if (v.is_number_integer()) anyInt = true;
    else if (v.is_number()) anyReal = true;
    else anyText = true;
  }
  boolean = anyBool && !anyInt && !anyReal && !anyText;
  if (anyText || (anyBool && (anyInt || anyReal))) return OFTString;
  if (anyReal) return OFTReal;
  if (anyInt) return OFTInteger64;
  if (anyBool) return OFTInteger;
  return OFTString;  // all null: text (the `suppressed` column of a clean table)
}

std::string fieldTypeName(const OGRFieldDefn& f) {
  std::string s = OGRFieldDefn::GetFieldTypeName(f.GetType());
  if (f.GetSubType() != OFSTNone) s += std::string("(") + OGRFieldDefn::GetFieldSubTypeName(f.GetSubType()) + ")";
  return s;
}

const char* geometryName(OGRwkbGeometryType t) {
  switch (wkbFlatten(t)) {
    case wkbPoint: return "Point";
    case wkbLineString: return "LineString";
    case wkbPolygon: return "Polygon";
    case wkbMultiPolygon: return "MultiPolygon";
    case wkbMultiLineString: return "MultiLineString";
    case wkbMultiPoint: return "MultiPoint";
    case wkbNone: return "None";
    default: return OGRGeometryTypeToName(t);
  }
}

// Creates the output dataset (removing an old file of that name first).
DatasetPtr createDataset(ResultFormat format, const std::string& path) {
  registerGdal();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(gdalDriverName(format));
  if (!driver) throw core::GdalError(std::string("GDAL driver missing: ") + gdalDriverName(format));
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    if (format == ResultFormat::Shapefile) driver->Delete(path.c_str());
    std::filesystem::remove(path, ec);
  }
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent))
    throw core::IoError("the output folder does not exist", core::ErrorContext{path, {}, {}, "", "an existing folder", parent.string()});
  DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw core::IoError(std::string("cannot create the ") + resultFormatName(format) + " file: " + CPLGetLastErrorMsg(),
                               core::ErrorContext{path, {}, {}, "", "", ""});
  return ds;
}

void describe(OGRLayer& layer, ResultExportSummary& s) {
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i)
    s.fields.push_back({defn->GetFieldDefn(i)->GetNameRef(), fieldTypeName(*defn->GetFieldDefn(i))});
}

}  // namespace

std::optional<ResultFormat> parseResultFormat(const std::string& name) {
  const std::string n = lower(name);
  if (n == "gpkg" || n == "geopackage") return ResultFormat::GeoPackage;
  if (n == "geojson" || n == "json") return ResultFormat::GeoJson;
  if (n == "csv") return ResultFormat::Csv;
  if (n == "shp" || n == "shapefile") return ResultFormat::Shapefile;
  return std::nullopt;
}

std::optional<ResultFormat> resultFormatFromPath(const std::string& path) {
  std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext.empty()) return std::nullopt;
  return parseResultFormat(ext.substr(1));
}

const char* resultFormatName(ResultFormat f) {
  switch (f) {
    case ResultFormat::GeoPackage: return "gpkg";
    case ResultFormat::GeoJson: return "geojson";
    case ResultFormat::Csv: return "csv";
    case ResultFormat::Shapefile: return "shp";
  }
  return "";
}

const char* gdalDriverName(ResultFormat f) {
  switch (f) {
    case ResultFormat::GeoPackage: return "GPKG";
    case ResultFormat::GeoJson: return "GeoJSON";
    case ResultFormat::Csv: return "CSV";
    case ResultFormat::Shapefile: return "ESRI Shapefile";
  }
  return "";
}

ops::ResultTable comparisonTable(const scenario::TableComparison& t) {
  ops::ResultTable out;
  out.name = t.stepId + "_" + t.table;
  out.geometry = t.geometry;
  out.columns = t.keyColumns.empty() ? std::vector<std::string>{"id"} : t.keyColumns;
  out.keyColumns = static_cast<int>(out.columns.size());
  const bool wkt = t.geometry == ops::kWktGeometry;
  std::map<std::string, std::size_t> columnIndex, rowIndex;
  auto num = [](double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); };
  for (const auto& c : t.changes) {
    if (!columnIndex.count(c.column)) {
      columnIndex[c.column] = out.columns.size();
      for (const char* suffix : {"_a", "_b", "_diff"}) out.columns.push_back(c.column + suffix);
    }
  }
  for (const auto& c : t.changes) {
    std::string key;
    for (const auto& k : c.key) key += keyText(k) + "\x1f";
    auto [it, added] = rowIndex.emplace(key, out.rows.size());
    if (added) {
      out.rows.emplace_back(out.columns.size(), Json(nullptr));
      for (std::size_t k = 0; k < c.key.size() && k < static_cast<std::size_t>(out.keyColumns); ++k) out.rows.back()[k] = c.key[k];
    }
    auto& row = out.rows[it->second];
    const std::size_t at = columnIndex[c.column];
    row[at] = num(c.a);
    row[at + 1] = num(c.b);
    row[at + 2] = num(c.diff());
  }
  if (wkt) {  // each row's own geometry, as the runs' tables carry it
    out.columns.push_back(ops::kGeometryWktColumn);
    for (auto& row : out.rows) {
      const auto w = t.wktByKey.find(Json(std::vector<Json>(row.begin(), row.begin() + out.keyColumns)).dump());
      row.push_back(w == t.wktByKey.end() ? Json(nullptr) : Json(w->second));
    }
  }
  return out;
}

namespace {

ResultExportSummary writeTable(GDALDataset& dataset, const ops::ResultTable& input, const store::Project* project,
                               const std::string& path, ResultFormat format, const std::string& layerName,
                               core::Feedback& feedback) {
  GDALDataset* ds = &dataset;
  ResultExportSummary s;
  s.path = path;
  s.format = resultFormatName(format);
  s.layer = layerName.empty() ? (input.name.empty() ? std::string("result") : input.name) : layerName;
  // The small-count rule, before anything is written.
  const ops::ResultTable table = privacy::suppressTable(input, Json(nullptr), true, &s.suppression);
  GeometrySource geometry = input.keyColumns > 0 ? geometryFor(input.geometry, project) : GeometrySource{};
  // A "wkt" table: lines in a column of their own (ops::kGeometryWktColumn), not a field.
  int wktColumn = -1;
  if (input.geometry == ops::kWktGeometry)
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      if (table.columns[c] == ops::kGeometryWktColumn) wktColumn = static_cast<int>(c), geometry.type = wkbLineString;
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  char** options = nullptr;
  if (format == ResultFormat::Csv && geometry.type != wkbNone) options = CSLSetNameValue(options, "GEOMETRY", "AS_WKT");
  if (format == ResultFormat::Csv) options = CSLSetNameValue(options, "CREATE_CSVT", "YES");
  if (format == ResultFormat::GeoJson) options = CSLSetNameValue(options, "RFC7946", "YES");
  OGRLayer* layer = ds->CreateLayer(s.layer.c_str(), geometry.type == wkbNone ? nullptr : &wgs84, geometry.type, options);
  CSLDestroy(options);
  if (!layer) throw gdalError("cannot create the layer " + s.layer, path);

  std::vector<int> fieldOf(table.columns.size(), -1);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (static_cast<int>(c) == wktColumn) continue;
    bool boolean = false;
    OGRFieldType type = fieldTypeOf(table.rows, c, boolean);
    // The rule's columns stay numeric even where every value was suppressed.
    const auto role = privacy::columnRole(table.columns[c]);
    if (type == OFTString && static_cast<int>(c) >= input.keyColumns && table.columns[c] != "suppressed" &&
        (role == privacy::ColumnRole::People || role == privacy::ColumnRole::Derived)) {
      bool anyText = false;
      for (const auto& r : table.rows) anyText |= c < r.size() && r[c].is_string();
      if (!anyText) type = OFTReal;
    }
    OGRFieldDefn f(table.columns[c].c_str(), type);
    if (boolean && format != ResultFormat::Shapefile) f.SetSubType(OFSTBoolean);
    if (layer->CreateField(&f) != OGRERR_NONE) throw gdalError("cannot create the field " + table.columns[c], path);
    fieldOf[c] = layer->GetLayerDefn()->GetFieldCount() - 1;
  }

  if (ds->TestCapability(ODsCTransactions)) ds->StartTransaction();
  const std::size_t n = table.rows.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 1024 == 0) {
      feedback.throwIfCancelled();
      feedback.setProgress(100.0 * static_cast<double>(i) / static_cast<double>(std::max<std::size_t>(n, 1)));
    }
    const auto& row = table.rows[i];
    OGRFeature feature(layer->GetLayerDefn());
    for (std::size_t c = 0; c < row.size() && c < fieldOf.size(); ++c) {
      const Json& v = row[c];
      const int f = fieldOf[c];
      if (f < 0) continue;
      if (v.is_null()) feature.SetFieldNull(f);
      else if (v.is_boolean()) feature.SetField(f, v.get<bool>() ? 1 : 0);
      else if (v.is_number_integer()) feature.SetField(f, static_cast<GIntBig>(v.get<std::int64_t>()));
      else if (v.is_number()) feature.SetField(f, v.get<double>());
      else if (v.is_string()) feature.SetField(f, v.get<std::string>().c_str());
      else feature.SetField(f, v.dump().c_str());
    }
    if (wktColumn >= 0) {
      OGRGeometry* g = nullptr;
      const auto& w = static_cast<std::size_t>(wktColumn) < row.size() ? row[static_cast<std::size_t>(wktColumn)] : Json();
      if (w.is_string() && OGRGeometryFactory::createFromWkt(w.get<std::string>().c_str(), nullptr, &g) == OGRERR_NONE && g) {
        feature.SetGeometryDirectly(g);
      } else {
        ++s.withoutGeometry;
      }
    } else if (geometry.type != wkbNone && !row.empty()) {
      const auto g = geometry.byKey.find(keyText(row[0]));
      if (g != geometry.byKey.end()) feature.SetGeometry(g->second.get());
      else ++s.withoutGeometry;
    }
    if (layer->CreateFeature(&feature) != OGRERR_NONE) throw gdalError("cannot write a feature", path);
    ++s.features;
  }
  if (ds->TestCapability(ODsCTransactions)) ds->CommitTransaction();
  describe(*layer, s);
  s.geometryType = geometryName(geometry.type);
  s.epsg = geometry.type == wkbNone ? 0 : 4326;
  return s;
}

}  // namespace

std::vector<ResultExportSummary> exportResultTables(const std::vector<ops::ResultTable>& tables,
                                                    const store::Project* project, const std::string& path,
                                                    ResultFormat format, const std::string& layerName,
                                                    core::Feedback& feedback) {
  if (tables.empty()) throw usage("nothing to export", "table", "a result table", "none");
  if (tables.size() > 1 && format != ResultFormat::GeoPackage)
    throw usage("several tables go to one GeoPackage only; choose one table for this format", "table",
                "one table (or --format gpkg)", std::to_string(tables.size()) + " tables");
  DatasetPtr ds = createDataset(format, path);
  std::vector<ResultExportSummary> out;
  core::MultiStepFeedback steps(feedback, static_cast<int>(tables.size()));
  for (std::size_t i = 0; i < tables.size(); ++i) {
    steps.setCurrentStep(static_cast<int>(i));
    out.push_back(writeTable(*ds, tables[i], project, path, format, tables.size() == 1 ? layerName : std::string(), steps));
  }
  CPLErrorReset();
  ds.reset();  // flushes (GDAL 3.6's GDALClose reports failures only through CPLGetLastErrorType)
  if (CPLGetLastErrorType() == CE_Failure) throw gdalError("cannot finish writing", path);
  feedback.setProgress(100);
  return out;
}

ResultExportSummary exportResultTable(const ops::ResultTable& table, const store::Project* project,
                                      const std::string& path, ResultFormat format, const std::string& layerName,
                                      core::Feedback& feedback) {
  return exportResultTables({table}, project, path, format, layerName, feedback).front();
}

ResultExportSummary exportProjectLayer(const std::string& projectPath, const std::string& layerName,
                                       const std::string& path, ResultFormat format, core::Feedback& feedback) {
  registerGdal();
  DatasetPtr src(static_cast<GDALDataset*>(
      GDALOpenEx(projectPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!src) throw core::IoError("cannot open the project", core::ErrorContext{projectPath, {}, {}, "", "an Ekimachi project (.gpkg)", CPLGetLastErrorMsg()});
  OGRLayer* in = src->GetLayerByName(layerName.c_str());
  std::string available;
  for (OGRLayer* l : src->GetLayers())
    if (l->GetGeomType() != wkbNone) available += (available.empty() ? "" : ", ") + std::string(l->GetName());
  if (!in) throw usage("no such layer in the project", "layer", available, layerName);
  // Attribute tables of a project hold the raw counts: they leave only as results.
  if (in->GetGeomType() == wkbNone)
    throw usage("not a feature layer (time series leave the project only as suppressed results)", "layer", available, layerName);
  feedback.throwIfCancelled();
  DatasetPtr ds = createDataset(format, path);
  char** options = nullptr;
  if (format == ResultFormat::Csv) options = CSLSetNameValue(options, "GEOMETRY", "AS_WKT");
  if (format == ResultFormat::Csv) options = CSLSetNameValue(options, "CREATE_CSVT", "YES");
  if (format == ResultFormat::GeoJson) options = CSLSetNameValue(options, "RFC7946", "YES");
  OGRLayer* out = ds->CopyLayer(in, layerName.c_str(), options);
  CSLDestroy(options);
  if (!out) throw gdalError("cannot copy the layer " + layerName, path);
  ResultExportSummary s;
  s.path = path;
  s.format = resultFormatName(format);
  s.layer = layerName;
  s.features = out->GetFeatureCount();
  s.geometryType = geometryName(in->GetGeomType());
  if (const OGRSpatialReference* srs = in->GetSpatialRef()) {
    const char* code = srs->GetAuthorityCode(nullptr);
    s.epsg = code ? std::atoi(code) : 0;
  }
  describe(*out, s);
  feedback.setProgress(100);
  return s;
}

}  // namespace ekm::io
