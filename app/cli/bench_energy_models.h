#pragma once
// ekimachi-cli bench flow-models | energy-models (cmd_bench.cpp dispatches here).
#include <string>
#include <vector>

namespace ekm::cli {

extern const char* kBenchFlowModelsUsage;
extern const char* kBenchEnergyModelsUsage;
int runBenchFlowModels(const std::vector<std::string>& argv);  // the arguments after the bench name
int runBenchEnergyModels(const std::vector<std::string>& argv);  // the arguments after the bench name

}  // namespace ekm::cli
