// ekimachi-cli linked: the three sources (mesh population, segment pedestrian counts, station
// ridership) side by side over time for a station's catchment, a zone or the whole district.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/flow/format.h"
#include "ekm/flow/linked_view.h"
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
    "missing, never 0). stderr: Pearson r of the daily totals between each pair of sources.";

std::string num(double v) { return formatNumber(v); }
nlohmann::ordered_json jnum(double v) {
  return std::isnan(v) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v);
}

int runLinked(const std::vector<std::string>& argv) {
  const Args args(argv, {"quiet", "district"});
  args.checkKnown({"project", "station", "radius", "zone", "district", "from", "to", "by", "format", "quiet"});
  if (!args.positionals().empty())
    throw Error(ErrorCode::Usage, "unexpected argument '" + args.positionals()[0] + "'");
  const std::string format = args.value("format").value_or("csv");
  if (format != "csv" && format != "json") throw Error(ErrorCode::Usage, "bad --format (csv or json)");
  const std::string by = args.value("by").value_or("hour");
  if (by != "hour" && by != "day") throw Error(ErrorCode::Usage, "bad --by (hour or day)");
  const int given = (args.value("station") ? 1 : 0) + (args.value("zone") ? 1 : 0) + (args.flag("district") ? 1 : 0);
  if (given != 1) throw Error(ErrorCode::Usage, "give exactly one of --station, --zone, --district");
  LinkedScope scope;
  if (const auto s = args.value("station")) {
    double radius = 800;
    if (const auto r = args.value("radius")) {
      char* end = nullptr;
      radius = std::strtod(r->c_str(), &end);
      if (r->empty() || *end != '\0' || !(radius > 0 && radius <= 50000))
        throw Error(ErrorCode::Usage, "bad --radius (metres, 0..50000)");
    }
    scope = LinkedScope::station(*s, radius);
  } else if (const auto z = args.value("zone")) {
    std::vector<std::string> codes;
    std::stringstream ss(*z);
    for (std::string c; std::getline(ss, c, ',');)
      if (!c.empty()) codes.push_back(c);
    scope = LinkedScope::zone(codes);
  } else if (args.value("radius")) {
    throw Error(ErrorCode::Usage, "--radius needs --station");
  }
  const LocalCalendar& cal = japanCalendar();
  auto date = [&](const char* name) -> std::optional<std::chrono::year_month_day> {
    const auto v = args.value(name);
    if (!v) return std::nullopt;
    const auto d = core::parseDate(*v);
    if (!d) throw Error(ErrorCode::Usage, std::string("bad --") + name + " (YYYY-MM-DD)");
    return d;
  };
  const store::Project p = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  std::optional<HourKey> from, to;
  if (const auto d = date("from")) from = cal.hourKey(*d, 0);
  if (const auto d = date("to")) to = cal.hourKey(*d, 23);
  if (!from || !to) {
    bool any = false;
    HourKey lo = 0, hi = 0;
    for (const char* t : {"mesh_population", "segment_counts", "station_ridership"})
      if (const auto r = p.timeRange(t)) {
        lo = any ? std::min(lo, r->first) : r->first;
        hi = any ? std::max(hi, r->last) : r->last;
        any = true;
      }
    if (!any) throw core::ValidationError("the project has no time series");
    if (!from) from = cal.hourKey(cal.localDay(lo), 0);
    if (!to) to = cal.hourKey(cal.localDay(hi), 23);
  }
  LinkedView view;
  {
    TerminalFeedback fb("linked", args.flag("quiet"));
    view = linkedView(p, scope, *from, *to, fb);
    fb.finish();
  }
  const auto daily = linkedDaily(view.rows, cal);
  const auto& rows = by == "day" ? daily : view.rows;
  std::cerr << "scope: " << view.cells.size() << " cells, " << view.segments.size() << " segments, "
            << view.stations.size() << " stations\n";
  {
    const char* names[] = {"population", "pedestrians", "ridership"};
    std::vector<double> cols[3];
    for (const auto& d : daily) {
      cols[0].push_back(d.population);
      cols[1].push_back(d.pedestrians);
      double rid = std::nan("");
      if (!std::isnan(d.boardings)) rid = d.boardings;
      if (!std::isnan(d.alightings)) rid = std::isnan(rid) ? d.alightings : rid + d.alightings;
      cols[2].push_back(rid);
    }
    std::cerr << "daily correlation (Pearson r, days):";
    for (int a = 0; a < 3; ++a)
      for (int b = a + 1; b < 3; ++b) {
        int n = 0;
        const double r = pearson(cols[a], cols[b], &n);
        std::cerr << ' ' << names[a] << '~' << names[b] << '=' << (std::isnan(r) ? "n/a" : formatNumber(r, 3))
                  << " (" << n << ')';
      }
    std::cerr << '\n';
  }
  if (format == "csv") {
    std::cout << "t,population,population_cells,pedestrians,boardings,alightings\n";
    for (const auto& r : rows)
      std::cout << formatLocalHour(r.t, cal) << ',' << num(r.population) << ',' << r.populationCells << ','
                << num(r.pedestrians) << ',' << num(r.boardings) << ',' << num(r.alightings) << '\n';
  } else {
    nlohmann::ordered_json j;
    j["by"] = by;
    j["cells"] = view.cells;
    j["segments"] = view.segments;
    j["stations"] = view.stations;
    j["rows"] = nlohmann::ordered_json::array();
    for (const auto& r : rows)
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
