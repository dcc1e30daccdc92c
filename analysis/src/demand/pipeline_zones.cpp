// Phase 1 of the project demand pipeline: zones (see project_pipeline.h).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "ekm/core/error.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"
#include "ekm/store/project.h"

namespace ekm::demand {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

namespace {

double parseCoordinate(const io::CsvReader& csv, std::size_t column, const char* name) {
  const std::string t(csv[column]);
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || *end != '\0' || !std::isfinite(v))
    throw core::ParseError("not a number", ErrorContext{csv.path(), csv.line(), std::nullopt, name, "degrees", t});
  return v;
}

std::vector<std::string> meshCodes(const store::Project& project) {
  std::vector<std::string> cells;
  for (const auto& c : project.meshCells()) cells.push_back(c.meshCode);
  return cells;
}

}  // namespace

ZoneSystem readZonePointsCsv(const std::string& path) {
  io::TextInput input(path);
  io::CsvReader csv(input);
  if (!csv.next()) throw core::ParseError("empty file", ErrorContext{path, 1, std::nullopt, "", "zone,lon,lat", "nothing"});
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < csv.size(); ++i) col[std::string(csv[i])] = i;
  for (const char* c : {"zone", "lon", "lat"})
    if (!col.count(c))
      throw core::ParseError("missing column", ErrorContext{path, 1, std::nullopt, c, "zone,lon,lat", "no such column"});
  ZoneSystem zs;
  while (csv.next()) {
    for (const char* c : {"zone", "lon", "lat"})
      if (col[c] >= csv.size())
        throw core::ParseError("too few fields", ErrorContext{path, csv.line(), std::nullopt, c, "a value", "nothing"});
    Zone z;
    z.id = std::string(csv[col["zone"]]);
    z.lon = parseCoordinate(csv, col["lon"], "lon");
    z.lat = parseCoordinate(csv, col["lat"], "lat");
    if (zs.indexOf(z.id) >= 0)
      throw core::ValidationError("duplicate zone", ErrorContext{path, csv.line(), std::nullopt, "zone", "each zone once", z.id});
    zs.zones.push_back(z);
  }
  return zs;
}

ZoneSystem projectZones(const store::Project& project, const ZoneOptions& o) {
  switch (o.kind) {
    case ZoneKind::Mesh: return zonesFromMesh(meshCodes(project), o.meshLevel);
    case ZoneKind::Stations: {
      if (!(o.stationRadiusM > 0) || !std::isfinite(o.stationRadiusM))
        throw core::ValidationError("bad catchment radius", ErrorContext{"", {}, {}, "radius", "> 0 m",
                                                                          std::to_string(o.stationRadiusM)});
      std::vector<StationPoint> stations;
      for (const auto& s : project.stations()) stations.push_back({s.stationId, s.position.lon, s.position.lat});
      return zonesFromStations(stations, meshCodes(project), o.stationRadiusM);
    }
    case ZoneKind::Polygons:
      if (o.path.empty()) throw core::ValidationError("no polygons source for the zones");
      if (o.idField.empty())
        throw core::ValidationError("the zone id field is empty",
                                    ErrorContext{o.path, {}, {}, "id field", "a field of the polygons", ""});
      return zonesFromPolygons(o.path, o.idField, meshCodes(project));
    case ZoneKind::Points:
      if (o.path.empty()) throw core::ValidationError("no points file for the zones");
      return readZonePointsCsv(o.path);
  }
  return {};
}

}  // namespace ekm::demand
