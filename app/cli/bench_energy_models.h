#pragma once
// ekimachi-cli bench flow-models | energy-models (cmd_bench.cpp dispatches here).
#include "cli_args.h"

namespace ekm::cli {

extern const char* kBenchFlowModelsUsage;
extern const char* kBenchEnergyModelsUsage;
int runBenchFlowModels(const Args& args);
int runBenchEnergyModels(const Args& args);

}  // namespace ekm::cli
