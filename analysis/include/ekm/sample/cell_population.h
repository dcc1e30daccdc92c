#pragma once
// The sample's hourly population of chosen 1/8-mesh cells, read back from its
// mesh_population.csv.gz (the energy meters and the bus ridership of the sample are shaped
// by it).
#include <map>
#include <set>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"

namespace ekm::sample {

// cell -> (hour key -> population) for the cells in `cells`; a suppressed value '*' (1-9
// people) is taken as 5, a blank one as `missing`.
std::map<std::string, std::map<core::HourKey, double>> readCellPopulation(const std::string& path,
                                                                          const std::set<std::string>& cells,
                                                                          double missing, core::Feedback& feedback);

}  // namespace ekm::sample
