// Energy importers' readers: hourly weather CSV, building/plant meter CSV, JMA daily
// weather CSV (both layouts, UTF-8 or CP932) and buildings as GeoJSON (GDAL); the first
// byte picks the reader and its options, the rest is the file. A refusal is a
// core::Error; anything else is a finding.
#include "ekm/core/feedback.h"
#include "ekm/energy/import_files.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t selector = data[0];
  const std::string path = ekm_fuzz::asFile(data + 1, size - 1, (selector & 64) ? "buildings.geojson" : "energy.csv");
  ekm::energy::CsvSeriesOptions o;
  o.timezone = (selector & 4) ? "UTC" : "JST";
  o.hourEnding = (selector & 8) != 0;
  if (selector & 16) o.units["value"] = "MJ";
  auto& fb = ekm::core::nullFeedback();
  ekm_fuzz::refusalsOnly([&] {
    if (selector & 64) {
      ekm::energy::readBuildingsVector(path, "", "", fb);
      return;
    }
    switch (selector & 3) {
      case 0: ekm::energy::readWeatherCsv(path, o, fb); break;
      case 1: ekm::energy::readMeterCsv(path, o, false, 72, fb); break;
      case 2: o.owner = "B1"; ekm::energy::readMeterCsv(path, o, true, 72, fb); break;
      default: ekm::energy::readJmaDailyCsv(path, (selector & 32) ? "cp932" : ""); break;
    }
  });
  return 0;
}
