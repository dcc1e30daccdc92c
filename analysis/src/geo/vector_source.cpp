#include "ekm/geo/vector_source.h"

#include <cpl_error.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <vector>

#include "ekm/core/error.h"

namespace ekm::geo {

using core::ErrorContext;
using core::GdalError;

namespace {

// Collects GDAL/PROJ error messages while alive (they are not printed).
class ErrorCollector {
 public:
  ErrorCollector() { CPLPushErrorHandlerEx(&ErrorCollector::handler, this); }
  ~ErrorCollector() { CPLPopErrorHandler(); }
  ErrorCollector(const ErrorCollector&) = delete;
  ErrorCollector& operator=(const ErrorCollector&) = delete;
  // The first failure message about a CRS, or "".
  std::string crsFailure() const {
    for (const auto& m : m_messages) {
      std::string l = m;
      std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      for (const char* key : {"crs", "proj_create", "srs", "projection", "epsg", "coordinate system"})
        if (l.find(key) != std::string::npos) return m;
    }
    return {};
  }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
    auto* self = static_cast<ErrorCollector*>(CPLGetErrorHandlerUserData());
    if (self && msg && level >= CE_Failure) self->m_messages.emplace_back(msg);
  }
  std::vector<std::string> m_messages;
};

// GDAL keeps a string only up to a NUL, so "a\u0000b" in a GeoJSON file would be read
// as "a": refuse a JSON escape \u0000 (an odd run of backslashes before "u0000") in the
// raw text, with its line.
void checkNoEscapedNul(const std::string& source) {
  VSILFILE* fp = VSIFOpenL(source.c_str(), "rb");
  if (!fp) return;  // not a plain file: GDAL read it, nothing more to check
  constexpr std::string_view kEscape = "u0000";
  std::int64_t line = 1;
  std::size_t run = 0;    // backslashes just before the current byte
  std::size_t match = 0;  // bytes of kEscape matched after an odd run
  char buf[1 << 16];
  std::size_t n;
  while ((n = VSIFReadL(buf, 1, sizeof buf, fp)) > 0) {
    for (std::size_t i = 0; i < n; ++i) {
      const char c = buf[i];
      if (match > 0 && c == kEscape[match]) {
        if (++match < kEscape.size()) continue;
        VSIFCloseL(fp);
        throw core::ValidationError("NUL character in a string",
                                    ErrorContext{source, line, std::nullopt, "",
                                                 "ids and text without NUL characters", "\\u0000"});
      }
      match = 0;
      if (c == '\\') {
        ++run;
        continue;
      }
      if (run % 2 == 1 && c == 'u') match = 1;
      run = 0;
      if (c == '\n') ++line;
    }
  }
  VSIFCloseL(fp);
}

VectorLayerSource openLayer(const std::string& source, const std::string& layerName, const std::string& expected) {
  GDALAllRegister();
  CPLErrorReset();
  VectorLayerSource out;
  out.dataset.reset(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!out.dataset) {
    const std::string msg = CPLGetLastErrorMsg();
    throw GdalError("cannot open vector source" + (msg.empty() ? std::string() : ": " + msg),
                    ErrorContext{source, std::nullopt, std::nullopt, "", expected, ""});
  }
  out.layerCount = out.dataset->GetLayerCount();
  if (out.layerCount < 1) throw GdalError("the source has no layers", ErrorContext{source, {}, {}, "", "a layer", ""});
  out.layer = layerName.empty() ? out.dataset->GetLayer(0) : out.dataset->GetLayerByName(layerName.c_str());
  if (!out.layer) throw GdalError("no such layer", ErrorContext{source, {}, {}, "layer", layerName, ""});

  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const OGRSpatialReference* srs = out.layer->GetSpatialRef();
  out.hasCrs = srs != nullptr;
  if (srs) {
    std::unique_ptr<OGRSpatialReference> src(srs->Clone());
    src->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!src->IsSame(&wgs84)) {
      out.toWgs84.reset(OGRCreateCoordinateTransformation(src.get(), &wgs84));
      if (!out.toWgs84)
        throw GdalError("cannot transform the source's coordinates to EPSG:4326",
                        ErrorContext{source, {}, {}, "", "a CRS PROJ can transform",
                                     src->GetName() ? src->GetName() : "unknown CRS"});
    }
  }
  return out;
}

}  // namespace

VectorLayerSource openVectorLayer(const std::string& source, const std::string& layerName,
                                  const std::string& expected) {
  std::string failure;
  VectorLayerSource opened;
  {
    ErrorCollector errors;
    opened = openLayer(source, layerName, expected);
    failure = errors.crsFailure();
  }
  if (!failure.empty())
    throw GdalError("the source's coordinate reference system cannot be resolved",
                    ErrorContext{source, std::nullopt, std::nullopt, "crs",
                                 "a CRS that PROJ knows (e.g. EPSG:4326, EPSG:6677)", failure});
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path prj(source);
  prj.replace_extension(".prj");
  if (!opened.hasCrs && fs::path(source).extension() != ".prj" && fs::exists(prj, ec))
    throw GdalError("the source's coordinate reference system cannot be resolved",
                    ErrorContext{source, std::nullopt, std::nullopt, "crs", "a .prj file that PROJ can read",
                                 prj.filename().string() + " was not understood"});
  if (const auto* driver = opened.dataset->GetDriver(); driver && EQUAL(driver->GetDescription(), "GeoJSON"))
    checkNoEscapedNul(source);
  return opened;
}

}  // namespace ekm::geo
