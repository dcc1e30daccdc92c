// CSV importers: the first byte picks the kind and the encoding; the rest is the file
// (plain, or gzip when it starts with the gzip magic). Covers the mesh-population
// (UTF-8/CP932/gzip), segment-count, ridership and stations CSV paths.
#include "ekm/core/feedback.h"
#include "ekm/io/importers.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  using ekm::io::ImportKind;
  static const ImportKind kinds[] = {ImportKind::MeshPopulation, ImportKind::SegmentCounts,
                                     ImportKind::StationRidership, ImportKind::Stations};
  static const char* encodings[] = {"", "utf-8", "cp932", ""};
  const ImportKind kind = kinds[data[0] & 3];
  ekm::io::ImportOptions o;
  o.encoding = encodings[(data[0] >> 2) & 3];
  o.force = true;
  if ((data[0] >> 4) & 1) o.preset = "jp-1km-open-data";
  if (kind != ImportKind::MeshPopulation) o.preset.clear();
  const std::string path = ekm_fuzz::asFile(data + 1, size - 1, "in.csv");
  ekm_fuzz::refusalsOnly(
      [&] { ekm::io::importFile(ekm_fuzz::project(), kind, path, o, ekm::core::nullFeedback()); });
  return 0;
}
