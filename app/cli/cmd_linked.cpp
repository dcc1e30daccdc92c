// ekimachi-cli linked: the three sources (mesh population, segment pedestrian counts, station
// ridership) side by side over time for a station's catchment, a zone or the whole district.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/flow/format.h"
#include "ekm/flow/linked_op.h"
#include "op_args.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;
using namespace ekm::flow;

const char* kUsage =
    "usage: ekimachi-cli linked --project FILE (--station ID [--radius M] | --zone CODES | --district)\n"
    "                           [--from DATE --to DATE] [--by hour|day] [--format csv|json]\n\n"
    "One table with the three sources side by side: mesh population summed over the scope's cells,\n"
    "pedestrian counts summed over its segments, boardings and alightings of its stations.\n"
    "Station scope: cells whose centre and segments with a vertex within --radius (default 800 m).\n"
    "Zone: comma-separated mesh codes (a coarser code stands for the stored cells inside it);\n"
    "segments and stations inside the zone. Dates are JST, inclusive (default: the data's span).\n"
    "--by day sums each source over the present hours of the day (population in person-hours).\n"
    "CSV columns: t, population, population_cells, pedestrians, boardings, alightings (empty =\n"
    "missing, never 0). stderr: Pearson r of the daily totals between each pair of sources.\n"
    "The same operation: 'ekimachi-cli ops schema linked'. Exit codes: 0 ok, 2 usage, 5 unknown\n"
    "station or no time series, 6 store, 7 bad mesh code, 130 cancelled.";

std::string num(double v) { return formatNumber(v); }
nlohmann::ordered_json jnum(double v) {
  return std::isnan(v) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v);
}

int runLinked(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<LinkedOp>(argv, {.options = {"format"}});
  const std::string format = args.option("format", "csv");
  if (format != "csv" && format != "json") throw Error(ErrorCode::Usage, "bad --format (csv or json)");
  args.session.projectPath();
  LinkedResult result;
  {
    TerminalFeedback fb("linked", args.quiet);
    result = ops::run<LinkedOp>(args.session, args.params, fb);
    fb.finish();
  }
  const LinkedView& view = result.view;
  const LocalCalendar& cal = japanCalendar();
  std::cerr << "scope: " << view.cells.size() << " cells, " << view.segments.size() << " segments, "
            << view.stations.size() << " stations\n";
  std::cerr << "daily correlation (Pearson r, days):";
  for (const auto& c : result.correlations)
    std::cerr << ' ' << c.a << '~' << c.b << '=' << (std::isnan(c.r) ? "n/a" : formatNumber(c.r, 3)) << " ("
              << c.days << ')';
  std::cerr << '\n';
  if (format == "csv") {
    std::cout << "t,population,population_cells,pedestrians,boardings,alightings\n";
    for (const auto& r : result.rows())
      std::cout << formatLocalHour(r.t, cal) << ',' << num(r.population) << ',' << r.populationCells << ','
                << num(r.pedestrians) << ',' << num(r.boardings) << ',' << num(r.alightings) << '\n';
  } else {
    nlohmann::ordered_json j;
    j["by"] = result.by;
    j["cells"] = view.cells;
    j["segments"] = view.segments;
    j["stations"] = view.stations;
    j["rows"] = nlohmann::ordered_json::array();
    for (const auto& r : result.rows())
      j["rows"].push_back({{"t", formatLocalHour(r.t, cal)},
                           {"population", jnum(r.population)},
                           {"population_cells", r.populationCells},
                           {"pedestrians", jnum(r.pedestrians)},
                           {"boardings", jnum(r.boardings)},
                           {"alightings", jnum(r.alightings)}});
    std::cout << j.dump(1) << '\n';
  }
  return 0;
}

const CommandRegistrar kRegistrar{
    Command{"linked", "population, pedestrian counts and ridership side by side for a station, zone or district",
            kUsage, runLinked}};

}  // namespace
}  // namespace ekm::cli
