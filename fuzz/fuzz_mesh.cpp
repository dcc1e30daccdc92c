// JIS X 0410 mesh codes and the domain checks on arbitrary text.
#include "ekm/io/domain_checks.h"
#include "ekm/mesh/mesh_code.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ekm::io::domain::Where where{"fuzz", 1, std::nullopt, "f"};
  ekm_fuzz::refusalsOnly([&] {
    if (ekm::mesh::isValidCode(text)) {
      ekm::mesh::decode(text);
      ekm::mesh::neighbours(text);
      if (text.size() < 11) ekm::mesh::children(text);
    }
    ekm::io::domain::checkMeshCode(text, where);
  });
  ekm_fuzz::refusalsOnly([&] { ekm::io::domain::checkId(text, where); });
  ekm_fuzz::refusalsOnly([&] { ekm::io::domain::checkText(text, where); });
  (void)ekm::io::domain::quoteValue(text, 50);
  return 0;
}
