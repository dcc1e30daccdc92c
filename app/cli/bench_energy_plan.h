#pragma once
// ekimachi-cli bench energy: the DHC plant's week plan (see bench_energy_plan.cpp).
#include <string>
#include <vector>

namespace ekm::cli {

extern const char* kBenchEnergyUsage;
int runBenchEnergyPlan(const std::vector<std::string>& argv);  // the arguments after the bench name

}  // namespace ekm::cli
