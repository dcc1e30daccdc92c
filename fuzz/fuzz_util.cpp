#include "fuzz_util.h"

#include "ekm/core/feedback.h"
#include "ekm/io/importers.h"

namespace ekm_fuzz {

ekm::store::Project& project() {
  static std::unique_ptr<ekm::store::Project> p = [] {
    const auto path = (scratch() / "fuzz.gpkg").string();
    auto made = std::make_unique<ekm::store::Project>(ekm::store::Project::create(path));
    const std::string stations = "station_id,name_ja,lat,lon\nJY25,高輪ゲートウェイ,35.6355,139.7407\nJY26,品川,35.6285,139.7388\n";
    const std::string segments =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"segment_id\":\"s1\"},\"geometry\":{\"type\":\"LineString\","
        "\"coordinates\":[[139.74,35.63],[139.74,35.64]]}},"
        "{\"type\":\"Feature\",\"properties\":{\"segment_id\":\"s2\"},\"geometry\":{\"type\":\"LineString\","
        "\"coordinates\":[[139.74,35.64],[139.75,35.64]]}}]}";
    ekm::io::importFile(*made, ekm::io::ImportKind::Stations,
                        asFile(reinterpret_cast<const std::uint8_t*>(stations.data()), stations.size(), "st.csv"), {},
                        ekm::core::nullFeedback());
    ekm::io::importFile(*made, ekm::io::ImportKind::Segments,
                        asFile(reinterpret_cast<const std::uint8_t*>(segments.data()), segments.size(), "seg.geojson"),
                        {}, ekm::core::nullFeedback());
    return made;
  }();
  return *p;
}

}  // namespace ekm_fuzz
