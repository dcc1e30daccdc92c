#pragma once
// ekimachi-cli bench provenance: what the content hashes of a run's provenance cost.
#include <string>
#include <vector>

namespace ekm::cli {

extern const char* const kBenchProvenanceUsage;
int runBenchProvenance(const std::vector<std::string>& argv);  // the arguments after the bench name

}  // namespace ekm::cli
