// GDAL vector import (GeoJSON text): stations, segments, or a basemap layer, picked by the
// first byte.
#include "ekm/core/feedback.h"
#include "ekm/io/basemap_importer.h"
#include "ekm/io/importers.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string path = ekm_fuzz::asFile(data + 1, size - 1, "in.geojson");
  ekm::io::ImportOptions o;
  o.force = true;
  ekm_fuzz::refusalsOnly([&] {
    switch (data[0] % 3) {
      case 0:
        ekm::io::importFile(ekm_fuzz::project(), ekm::io::ImportKind::Stations, path, o, ekm::core::nullFeedback());
        break;
      case 1:
        ekm::io::importFile(ekm_fuzz::project(), ekm::io::ImportKind::Segments, path, o, ekm::core::nullFeedback());
        break;
      default: {
        ekm::io::BasemapImportOptions b;
        b.kind = "water";
        ekm::io::importBasemap(ekm_fuzz::project(), path, b, ekm::core::nullFeedback());
      }
    }
  });
  return 0;
}
