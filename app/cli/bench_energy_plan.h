#pragma once
// ekimachi-cli bench energy: the DHC plant's week plan (see bench_energy_plan.cpp).
#include "cli_args.h"

namespace ekm::cli {

extern const char* kBenchEnergyUsage;
int runBenchEnergyPlan(const Args& args);

}  // namespace ekm::cli
