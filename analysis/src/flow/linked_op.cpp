// The linked operation.
#include "ekm/flow/linked_op.h"

#include <algorithm>
#include <cmath>

#include "ekm/flow/format.h"
#include "ekm/flow/series_params.h"

namespace ekm::flow {
namespace {

ops::Json num(double v) { return std::isnan(v) ? ops::Json(nullptr) : ops::Json(v); }

core::ErrorContext at(const char* field, std::string expected, std::string found) {
  return core::ErrorContext{"", std::nullopt, std::nullopt, field, std::move(expected), std::move(found)};
}

std::vector<std::string> zoneCodes(const std::vector<std::string>& zone) {
  std::vector<std::string> codes;
  for (const auto& c : zone)
    if (!c.empty()) codes.push_back(c);
  return codes;
}

// The first and last local day of the data over the three sources, as hours.
std::pair<HourKey, HourKey> dataSpan(const store::Project& p, const LocalCalendar& cal) {
  bool any = false;
  HourKey lo = 0, hi = 0;
  for (const char* t : {"mesh_population", "segment_counts", "station_ridership"})
    if (const auto r = p.timeRange(t)) {
      lo = any ? std::min(lo, r->first) : r->first;
      hi = any ? std::max(hi, r->last) : r->last;
      any = true;
    }
  if (!any) throw core::ValidationError("the project has no time series");
  return {cal.hourKey(cal.localDay(lo), 0), cal.hourKey(cal.localDay(hi), 23)};
}

std::array<SourceCorrelation, 3> dailyCorrelations(const std::vector<LinkedRow>& daily) {
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
  std::array<SourceCorrelation, 3> out;
  std::size_t k = 0;
  for (int a = 0; a < 3; ++a)
    for (int b = a + 1; b < 3; ++b, ++k) {
      out[k].a = names[a];
      out[k].b = names[b];
      out[k].r = pearson(cols[a], cols[b], &out[k].days);
    }
  return out;
}

}  // namespace

void LinkedParams::validate() const {
  const int given = (station ? 1 : 0) + (zone ? 1 : 0) + (district ? 1 : 0);
  if (given != 1)
    throw ops::ParamError("give exactly one of station, zone, district",
                          at(given == 0 ? "station/zone/district" : district ? "district" : "zone",
                             "exactly one scope", std::to_string(given) + " given"));
  if (radius && !station)
    throw ops::ParamError("radius needs a station", at("radius", "no radius without a station", formatNumber(*radius)));
  if (zone && zoneCodes(*zone).empty())
    throw ops::ParamError("an empty zone", at("zone", "mesh codes", "none"));
  dateParam(from, "from");
  dateParam(to, "to");
}

LinkedResult LinkedOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const LocalCalendar& cal = japanCalendar();
  LinkedScope scope;
  LinkedResult r;
  if (params.station) {
    scope = LinkedScope::station(*params.station, params.radius.value_or(800));
    r.scope = "station";
  } else if (params.zone) {
    scope = LinkedScope::zone(zoneCodes(*params.zone));
    r.scope = "zone";
  } else {
    r.scope = "district";
  }
  r.by = params.by;
  for (const char* t : {"mesh_cells", "road_segments", "stations", "mesh_population", "segment_counts",
                        "station_ridership"})
    session.recordTableRead(t);
  const store::Project& p = session.project();
  std::optional<HourKey> from, to;
  if (const auto d = dateParam(params.from, "from")) from = cal.hourKey(*d, 0);
  if (const auto d = dateParam(params.to, "to")) to = cal.hourKey(*d, 23);
  if (!from || !to) {
    const auto span = dataSpan(p, cal);
    if (!from) from = span.first;
    if (!to) to = span.second;
  }
  r.view = linkedView(p, scope, *from, *to, feedback);
  r.daily = linkedDaily(r.view.rows, cal);
  r.correlations = dailyCorrelations(r.daily);
  return r;
}

ops::OpResult LinkedOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"scope", r.scope},
                 {"by", r.by},
                 {"cells", r.view.cells.size()},
                 {"segments", r.view.segments.size()},
                 {"stations", r.view.stations.size()},
                 {"rows", r.rows().size()}};
  for (const auto& c : r.correlations) out.summary["r_" + c.a + "_" + c.b] = num(c.r);
  ops::ResultTable t;
  t.name = "linked";
  t.columns = {"t", "population", "population_cells", "pedestrians", "boardings", "alightings"};
  for (const auto& row : r.rows())
    t.rows.push_back({formatLocalHour(row.t, japanCalendar()), num(row.population), row.populationCells,
                      num(row.pedestrians), num(row.boardings), num(row.alightings)});
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace ekm::flow
