// The sample's population of chosen cells (cell_population.h).
#include "ekm/sample/cell_population.h"

#include <cstdlib>

#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"

namespace ekm::sample {

std::map<std::string, std::map<core::HourKey, double>> readCellPopulation(const std::string& path,
                                                                          const std::set<std::string>& cells,
                                                                          double missing, core::Feedback& feedback) {
  std::map<std::string, std::map<core::HourKey, double>> out;
  io::TextInput input(path);
  io::CsvReader csv(input);
  csv.next();  // mesh_code,date,hour,population
  std::int64_t n = 0;
  std::string code;
  while (csv.next()) {
    if ((++n & 65535) == 0) feedback.throwIfCancelled();
    code.assign(csv[0]);
    if (!cells.count(code)) continue;
    const auto date = core::parseDate(csv[1]);
    if (!date) continue;
    const int hour = std::atoi(std::string(csv[2]).c_str());
    const std::string v(csv[3]);
    // '*' = a suppressed value of 1-9 people: taken as 5; blank = missing.
    const double pop = v == "*" ? 5.0 : v.empty() ? missing : std::atof(v.c_str());
    out[code][core::hourKeyFromJst(*date, hour)] = pop;
  }
  return out;
}

}  // namespace ekm::sample
