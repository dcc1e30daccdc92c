// Zone specs ("mesh:LEVEL", "polygons:FILE:FIELD", "stations:RADIUS_M", "points:FILE.csv") to
// ZoneOptions and back: plain parsing in a file of its own, so the Params checks that use it
// link nothing of the zone pipeline.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ekm/core/error.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::demand {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

namespace {

constexpr const char* kZoneSpecs = "mesh:LEVEL, polygons:FILE:FIELD, stations:RADIUS_M or points:FILE.csv";

Error badSpec(const std::string& spec, const std::string& expected) {
  return Error(ErrorCode::Usage, "bad --zones", ErrorContext{"", std::nullopt, std::nullopt, "zones", expected, spec});
}

}  // namespace

ZoneOptions zoneOptionsFromSpec(const std::string& spec) {
  ZoneOptions o;
  if (spec.rfind("mesh:", 0) == 0) {
    o.kind = ZoneKind::Mesh;
    o.meshLevel = mesh::levelFromName(spec.substr(5));
  } else if (spec.rfind("polygons:", 0) == 0) {
    const auto rest = spec.substr(9);
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos) throw Error(ErrorCode::Usage, "--zones polygons:FILE:FIELD needs the id field");
    o.kind = ZoneKind::Polygons;
    o.path = rest.substr(0, colon);
    o.idField = rest.substr(colon + 1);
  } else if (spec.rfind("stations:", 0) == 0) {
    const std::string r = spec.substr(9);
    char* end = nullptr;
    o.kind = ZoneKind::Stations;
    o.stationRadiusM = std::strtod(r.c_str(), &end);
    if (r.empty() || *end != '\0' || !(o.stationRadiusM > 0) || !std::isfinite(o.stationRadiusM))
      throw badSpec(spec, "stations:RADIUS_M (metres > 0)");
  } else if (spec.rfind("points:", 0) == 0) {
    o.kind = ZoneKind::Points;
    o.path = spec.substr(7);
  } else {
    throw badSpec(spec, kZoneSpecs);
  }
  return o;
}

std::string zoneSpec(const ZoneOptions& o) {
  switch (o.kind) {
    case ZoneKind::Mesh: return std::string("mesh:") + mesh::levelSizeName(o.meshLevel);
    case ZoneKind::Stations: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "stations:%g", o.stationRadiusM);
      return buf;
    }
    case ZoneKind::Polygons: return "polygons:" + o.path + ":" + o.idField;
    case ZoneKind::Points: return "points:" + o.path;
  }
  return {};
}

}  // namespace ekm::demand
