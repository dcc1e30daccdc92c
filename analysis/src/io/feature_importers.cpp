// Road segments (GDAL vector source) and stations (GDAL vector source or CSV with
// lat/lon) -> road_segments / stations.
#include <cpl_error.h>
#include <geodesic.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <memory>

#include "ekm/geo/vector_source.h"
#include "import_common.h"

namespace ekm::io::detail {

using core::GdalError;
using core::ParseError;
using core::ValidationError;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool isCsv(const std::string& path) {
  const std::string p = lower(path);
  auto ends = [&](const std::string& s) { return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0; };
  return ends(".csv") || ends(".csv.gz") || ends(".tsv") || ends(".txt") || ends(".txt.gz");
}

// An open vector source: dataset, its first layer, and the transform to EPSG:4326.
struct VectorSource {
  GDALDatasetUniquePtr ds;
  OGRLayer* layer = nullptr;
  std::unique_ptr<OGRCoordinateTransformation> toWgs84;
  std::string path;

  VectorSource(Session& s) : path(s.path) {
    geo::VectorLayerSource opened =
        geo::openVectorLayer(s.path, "", "a GDAL vector source (GeoJSON, Shapefile, GeoPackage)");
    ds = std::move(opened.dataset);
    layer = opened.layer;
    toWgs84 = std::move(opened.toWgs84);
    if (opened.layerCount > 1)
      s.feedback.warning("using the first of " + std::to_string(opened.layerCount) + " layers: " +
                         layer->GetName());
    if (!opened.hasCrs)
      s.feedback.warning("the source has no coordinate reference system; assuming EPSG:4326 (lon/lat)");
  }

  // Field index by option or candidates (case-insensitive); -1 if absent.
  int field(const std::vector<std::string>& names) const {
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (const auto& n : names)
      for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (lower(defn->GetFieldDefn(i)->GetNameRef()) == lower(n)) return i;
    return -1;
  }
  std::string fieldList() const {
    std::string out;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) out += (i ? "," : "") + std::string(defn->GetFieldDefn(i)->GetNameRef());
    return out.empty() ? "no attribute fields" : out;
  }
  int requireField(const std::vector<std::string>& names) const {
    const int i = field(names);
    if (i >= 0) return i;
    std::string expected;
    for (const auto& n : names) expected += (expected.empty() ? "an attribute '" : "' or '") + n;
    throw ParseError("missing column", ctx(path, std::nullopt, std::nullopt, names.front(), expected + "'", fieldList()));
  }

  // Checks the source coordinates (before PROJ sees them: 1e20 m would spin inside the
  // transform), transforms to EPSG:4326 and checks the result's lon/lat.
  void transform(OGRGeometry& g, std::int64_t fid) {
    const domain::Where where{path, std::nullopt, fid, "geometry"};
    forEachPoint(g, [&](double x, double y) { domain::checkSourceXY(x, y, where); });
    if (toWgs84 && g.transform(toWgs84.get()) != OGRERR_NONE)
      throw GdalError("coordinate transformation failed", ctx(path, std::nullopt, fid, "", "coordinates PROJ can transform"));
    forEachPoint(g, [&](double x, double y) { domain::checkLonLat(x, y, where); });
  }
  template <class F>
  static void forEachPoint(OGRGeometry& g, F&& f) {
    const auto type = wkbFlatten(g.getGeometryType());
    if (type == wkbPoint) {
      f(g.toPoint()->getX(), g.toPoint()->getY());
    } else if (type == wkbLineString) {
      const auto* l = g.toLineString();
      for (int i = 0; i < l->getNumPoints(); ++i) f(l->getX(i), l->getY(i));
    } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
      auto* c = g.toGeometryCollection();
      for (int i = 0; i < c->getNumGeometries(); ++i) forEachPoint(*c->getGeometryRef(i), f);
    } else if (type == wkbPolygon) {
      for (auto* ring : *g.toPolygon()) forEachPoint(*ring, f);
    }
  }
};

std::string fieldText(OGRFeature& f, int index) {
  if (index < 0 || !f.IsFieldSetAndNotNull(index)) return {};
  return f.GetFieldAsString(index);
}

int parseOneway(const std::string& raw, Session& s, std::optional<std::int64_t> line, std::optional<std::int64_t> feature,
                const std::string& field) {
  const std::string v = lower(std::string(trim(raw)));
  if (v.empty() || v == "0" || v == "no" || v == "false" || v == "f" || v == "n") return 0;
  if (v == "1" || v == "yes" || v == "true" || v == "t" || v == "y") return 1;
  if (v == "-1" || v == "reverse") return -1;
  throw ParseError("bad oneway value", ctx(s.path, line, feature, field, "0/1, yes/no, true/false or -1", raw));
}

double geodesicLengthM(const std::vector<store::LonLat>& pts) {
  static geod_geodesic g = [] {
    geod_geodesic gg;
    geod_init(&gg, 6378137.0, 1 / 298.257223563);
    return gg;
  }();
  double total = 0;
  for (std::size_t i = 1; i < pts.size(); ++i) {
    double s12 = 0;
    geod_inverse(&g, pts[i - 1].lat, pts[i - 1].lon, pts[i].lat, pts[i].lon, &s12, nullptr, nullptr);
    total += s12;
  }
  return total;
}

[[noreturn]] void duplicateFeature(Session& s, std::optional<std::int64_t> line, std::optional<std::int64_t> feature,
                                   const std::string& field, const std::string& id) {
  throw ValidationError("duplicate key (the same id is earlier in this source or already in the project)",
                        ctx(s.path, line, feature, field, "unique ids", id));
}

}  // namespace

void importSegments(Session& s) {
  VectorSource src(s);
  const int idField = src.requireField(s.options.idField.empty() ? std::vector<std::string>{"segment_id", "id"}
                                                                 : std::vector<std::string>{s.options.idField});
  const std::string idName = src.layer->GetLayerDefn()->GetFieldDefn(idField)->GetNameRef();
  const int nameField = src.field({"name", "name_ja"});
  const int classField = src.field({"road_class", "highway", "class", "fclass"});
  const int onewayField = src.field({"oneway", "one_way"});
  const GIntBig total = src.layer->GetFeatureCount(TRUE);
  store::FeatureWriter insert(s.project, store::FeatureTable::RoadSegments);
  src.layer->ResetReading();
  std::int64_t n = 0;
  for (auto& feature : *src.layer) {
    ++n;
    if (n % 256 == 0) s.poll(total > 0 ? double(n) / double(total) : 0);
    const std::int64_t fid = feature->GetFID();
    const std::string id = std::string(trim(fieldText(*feature, idField)));
    if (id.empty())
      throw ValidationError("missing segment id", ctx(s.path, std::nullopt, fid, idName, "a non-empty id", ""));
    domain::checkId(id, domain::Where{s.path, std::nullopt, fid, idName});
    for (const int f : {nameField, classField})
      if (f >= 0)
        domain::checkText(fieldText(*feature, f),
                          domain::Where{s.path, std::nullopt, fid, src.layer->GetLayerDefn()->GetFieldDefn(f)->GetNameRef()});
    OGRGeometry* geom = feature->GetGeometryRef();
    if (!geom || geom->IsEmpty())
      throw GdalError("feature has no geometry", ctx(s.path, std::nullopt, fid, idName, "a LineString", "segment " + id + " without geometry"));
    std::unique_ptr<OGRGeometry> g(geom->clone());
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbMultiLineString) {
      auto* multi = g->toMultiLineString();
      if (multi->getNumGeometries() != 1)
        throw GdalError("segment must be a single line",
                        ctx(s.path, std::nullopt, fid, idName, "a LineString (or a MultiLineString with one part)",
                            "segment " + id + ": MultiLineString with " + std::to_string(multi->getNumGeometries()) +
                                " parts"));
      g.reset(multi->getGeometryRef(0)->clone());
    } else if (type != wkbLineString) {
      throw GdalError("segment must be a line",
                      ctx(s.path, std::nullopt, fid, idName, "a LineString", "segment " + id + ": " + g->getGeometryName()));
    }
    src.transform(*g, fid);
    auto* line = g->toLineString();
    std::vector<store::LonLat> pts;
    pts.reserve(static_cast<std::size_t>(line->getNumPoints()));
    for (int i = 0; i < line->getNumPoints(); ++i) pts.push_back({line->getX(i), line->getY(i)});
    if (pts.size() < 2)
      throw GdalError("segment has fewer than 2 points",
                      ctx(s.path, std::nullopt, fid, idName, "a LineString with at least 2 points", "segment " + id));
    const int oneway = onewayField >= 0 ? parseOneway(fieldText(*feature, onewayField), s, std::nullopt, fid,
                                                      src.layer->GetLayerDefn()->GetFieldDefn(onewayField)->GetNameRef())
                                        : 0;
    store::SegmentRecord r;
    r.segmentId = id;
    r.name = fieldText(*feature, nameField);
    r.roadClass = fieldText(*feature, classField);
    r.oneway = oneway;
    r.lengthM = geodesicLengthM(pts);
    r.points = std::move(pts);
    if (!insert.add(r)) duplicateFeature(s, std::nullopt, fid, idName, id);
    ++s.result.rowsStored;
    ++s.result.featuresCreated;
  }
  s.result.rowsRead = n;
}

namespace {

struct StationRow {
  std::string id, nameJa, nameEn, op, lines;
  store::LonLat pos;
};

void insertStation(Session& s, store::FeatureWriter& insert, const StationRow& r, std::optional<std::int64_t> line,
                   std::optional<std::int64_t> feature, const std::string& idName) {
  domain::checkId(r.id, domain::Where{s.path, line, feature, idName});
  for (const auto& [text, field] : {std::pair{&r.nameJa, "name_ja"}, std::pair{&r.nameEn, "name_en"},
                                    std::pair{&r.op, "operator"}, std::pair{&r.lines, "lines"}})
    domain::checkText(*text, domain::Where{s.path, line, feature, field});
  domain::checkLonLat(r.pos.lon, r.pos.lat, domain::Where{s.path, line, feature, "lon/lat"});
  store::StationRecord rec;
  rec.stationId = r.id;
  rec.nameJa = r.nameJa;
  rec.nameEn = r.nameEn;
  rec.operatorName = r.op;
  rec.lines = r.lines;
  rec.position = r.pos;
  if (!insert.add(rec)) duplicateFeature(s, line, feature, idName, r.id);
  ++s.result.rowsStored;
  ++s.result.featuresCreated;
}

void importStationsCsv(Session& s) {
  CsvSource src(s);
  ColumnResolver& cols = *src.columns;
  const std::string idKey = s.options.idField.empty() ? "station_id" : s.options.idField;
  const std::size_t idCol = cols.require(idKey, s.options.idField.empty() ? std::vector<std::string>{"id"}
                                                                           : std::vector<std::string>{});
  const std::string idName = cols.header()[idCol];
  const std::size_t latCol = cols.require("lat", {"latitude"});
  const std::size_t lonCol = cols.require("lon", {"longitude", "lng"});
  const auto jaCol = cols.find("name_ja", {"name"});
  const auto enCol = cols.find("name_en", {});
  const auto opCol = cols.find("operator", {"company"});
  const auto linesCol = cols.find("lines", {"line"});
  store::FeatureWriter insert(s.project, store::FeatureTable::Stations);
  std::int64_t rows = 0;
  auto text = [&](const std::optional<std::size_t>& c) {
    return c ? std::string(trim(src.reader[*c])) : std::string();
  };
  while (src.next()) {
    const CsvReader& row = src.reader;
    if (++rows % kPollEvery == 0) s.poll(row.progressFraction());
    StationRow r;
    r.id = std::string(trim(row[idCol]));
    if (r.id.empty())
      throw ValidationError("missing station id", ctx(s.path, row.line(), std::nullopt, idName, "a non-empty id", ""));
    const bool latOk = parseDouble(row[latCol], r.pos.lat), lonOk = parseDouble(row[lonCol], r.pos.lon);
    if (latOk && lonOk && std::abs(r.pos.lat) > 90 && std::abs(r.pos.lat) <= 180 && std::abs(r.pos.lon) <= 90)
      domain::checkLonLat(r.pos.lon, r.pos.lat, domain::Where{s.path, row.line(), std::nullopt, "lat/lon"});  // swapped
    if (!latOk || r.pos.lat < -90 || r.pos.lat > 90)
      throw ParseError("bad latitude", ctx(s.path, row.line(), std::nullopt, cols.header()[latCol],
                                           "a latitude in degrees (-90..90)", std::string(row[latCol])));
    if (!lonOk || r.pos.lon < -180 || r.pos.lon > 180)
      throw ParseError("bad longitude", ctx(s.path, row.line(), std::nullopt, cols.header()[lonCol],
                                            "a longitude in degrees (-180..180)", std::string(row[lonCol])));
    r.nameJa = text(jaCol);
    r.nameEn = text(enCol);
    r.op = text(opCol);
    r.lines = text(linesCol);
    insertStation(s, insert, r, row.line(), std::nullopt, idName);
  }
  s.result.rowsRead = rows;
}

void importStationsVector(Session& s) {
  VectorSource src(s);
  const int idField = src.requireField(s.options.idField.empty() ? std::vector<std::string>{"station_id", "id"}
                                                                 : std::vector<std::string>{s.options.idField});
  const std::string idName = src.layer->GetLayerDefn()->GetFieldDefn(idField)->GetNameRef();
  const int jaField = src.field({"name_ja", "name"});
  const int enField = src.field({"name_en"});
  const int opField = src.field({"operator", "company"});
  const int linesField = src.field({"lines", "line"});
  const GIntBig total = src.layer->GetFeatureCount(TRUE);
  store::FeatureWriter insert(s.project, store::FeatureTable::Stations);
  src.layer->ResetReading();
  std::int64_t n = 0;
  for (auto& feature : *src.layer) {
    if (++n % 256 == 0) s.poll(total > 0 ? double(n) / double(total) : 0);
    const std::int64_t fid = feature->GetFID();
    StationRow r;
    r.id = std::string(trim(fieldText(*feature, idField)));
    if (r.id.empty())
      throw ValidationError("missing station id", ctx(s.path, std::nullopt, fid, idName, "a non-empty id", ""));
    OGRGeometry* geom = feature->GetGeometryRef();
    if (!geom || geom->IsEmpty())
      throw GdalError("feature has no geometry", ctx(s.path, std::nullopt, fid, idName, "a Point", "station " + r.id));
    std::unique_ptr<OGRGeometry> g(geom->clone());
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
      g.reset(g->toMultiPoint()->getGeometryRef(0)->clone());
    } else if (type != wkbPoint) {
      throw GdalError("station must be a point",
                      ctx(s.path, std::nullopt, fid, idName, "a Point", "station " + r.id + ": " + g->getGeometryName()));
    }
    src.transform(*g, fid);
    r.pos = {g->toPoint()->getX(), g->toPoint()->getY()};
    r.nameJa = fieldText(*feature, jaField);
    r.nameEn = fieldText(*feature, enField);
    r.op = fieldText(*feature, opField);
    r.lines = fieldText(*feature, linesField);
    insertStation(s, insert, r, std::nullopt, fid, idName);
  }
  s.result.rowsRead = n;
}

}  // namespace

void importStations(Session& s) {
  if (isCsv(s.path)) importStationsCsv(s);
  else importStationsVector(s);
}

}  // namespace ekm::io::detail
