#include "vector_open.h"

#include <cpl_error.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "io_util.h"

namespace ekm::io::detail {

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

}  // namespace

geo::VectorLayerSource openVectorSource(const std::string& source, const std::string& layerName,
                                        const std::string& expected) {
  std::string failure;
  geo::VectorLayerSource opened;
  {
    ErrorCollector errors;
    opened = geo::openVectorLayer(source, layerName, expected);
    failure = errors.crsFailure();
  }
  if (!failure.empty())
    throw core::GdalError("the source's coordinate reference system cannot be resolved",
                          ctx(source, std::nullopt, std::nullopt, "crs", "a CRS that PROJ knows (e.g. EPSG:4326, EPSG:6677)",
                              failure));
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path prj(source);
  prj.replace_extension(".prj");
  if (!opened.hasCrs && fs::path(source).extension() != ".prj" && fs::exists(prj, ec))
    throw core::GdalError("the source's coordinate reference system cannot be resolved",
                          ctx(source, std::nullopt, std::nullopt, "crs", "a .prj file that PROJ can read",
                              prj.filename().string() + " was not understood"));
  return opened;
}

}  // namespace ekm::io::detail
