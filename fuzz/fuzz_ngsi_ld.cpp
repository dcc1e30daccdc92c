// NGSI-LD reader and import planner: the input is a JSON-LD file of CrowdFlowObserved /
// TrafficFlowObserved / ItemFlowObserved entities (normalized, concise, keyValues or
// temporal), read, then matched and aggregated against the scratch project's two
// stations and two segments (planNgsiImport writes nothing). A refusal is a core::Error;
// anything else is a finding.
#include "ekm/core/feedback.h"
#include "ekm/io/ngsi_ld_entities.h"
#include "ekm/io/ngsi_ld_import.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = ekm_fuzz::asFile(data, size, "entities.jsonld");
  auto& project = ekm_fuzz::project();
  ekm_fuzz::refusalsOnly([&] {
    const auto doc = ekm::io::readNgsiLdFile(path);
    ekm::io::planNgsiImport(project, doc, ekm::io::NgsiMatchOptions{}, ekm::core::nullFeedback());
  });
  return 0;
}
