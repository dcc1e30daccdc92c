// The project open path: any bytes as a .gpkg, opened read-only and read through every
// typed reader.
#include "ekm/store/project.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = ekm_fuzz::asFile(data, size, "in.gpkg");
  ekm_fuzz::refusalsOnly([&] {
    const auto p = ekm::store::Project::open(path, ekm::store::OpenMode::ReadOnly);
    p.meshCells();
    p.segments();
    p.stations();
    p.basemapFeatures();
    p.importLog();
    for (const char* t : {"mesh_population", "segment_counts", "station_ridership"}) p.timeRange(t);
    p.meshPopulationSlice(484176);
    p.segmentCountSlice(484176, ekm::store::TravelMode::Pedestrian);
    p.stationRidershipSlice(484176);
  });
  return 0;
}
