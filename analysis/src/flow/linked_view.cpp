#include "ekm/flow/linked_view.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "ekm/core/error.h"
#include "ekm/flow/link.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::flow {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void addPresent(double& sum, double v) {
  if (std::isnan(v)) return;
  sum = std::isnan(sum) ? v : sum + v;
}

}  // namespace

LinkedScope LinkedScope::station(std::string id, double radiusM) {
  LinkedScope s;
  s.kind = Kind::Station;
  s.stationId = std::move(id);
  s.radiusM = radiusM;
  return s;
}

LinkedScope LinkedScope::zone(std::vector<std::string> codes) {
  LinkedScope s;
  s.kind = Kind::Zone;
  s.meshCodes = std::move(codes);
  return s;
}

LinkedScope LinkedScope::district() { return {}; }

LinkedView linkedView(const store::Project& project, const LinkedScope& scope, HourKey from, HourKey to,
                      core::Feedback& feedback) {
  if (to < from) throw core::Error(core::ErrorCode::Usage, "linked view: the end is before the start");
  const auto allCells = project.meshCells();
  const auto allSegments = project.segments();
  const auto allStations = project.stations();
  std::vector<const store::MeshCellRecord*> cells;
  std::vector<const store::SegmentRecord*> segments;
  std::vector<const store::StationRecord*> stations;

  switch (scope.kind) {
    case LinkedScope::Kind::District:
      for (const auto& c : allCells) cells.push_back(&c);
      for (const auto& s : allSegments) segments.push_back(&s);
      for (const auto& s : allStations) stations.push_back(&s);
      break;
    case LinkedScope::Kind::Station: {
      const auto st = std::find_if(allStations.begin(), allStations.end(),
                                   [&](const auto& s) { return s.stationId == scope.stationId; });
      if (st == allStations.end()) {
        core::ErrorContext c;
        c.field = "station_id";
        c.found = scope.stationId;
        throw core::ValidationError("unknown station", c);
      }
      stations.push_back(&*st);
      std::vector<CatchmentCandidate> cand;
      for (std::size_t i = 0; i < allCells.size(); ++i)
        cand.push_back({std::to_string(i), 0.5 * (allCells[i].west + allCells[i].east),
                        0.5 * (allCells[i].south + allCells[i].north)});
      std::set<std::size_t> in;
      for (const auto& m : catchment(st->position.lon, st->position.lat, scope.radiusM, cand))
        in.insert(std::stoul(m.id));
      for (std::size_t i : in) cells.push_back(&allCells[i]);
      cand.clear();
      for (std::size_t i = 0; i < allSegments.size(); ++i)
        for (const auto& p : allSegments[i].points) cand.push_back({std::to_string(i), p.lon, p.lat});
      in.clear();
      for (const auto& m : catchment(st->position.lon, st->position.lat, scope.radiusM, cand))
        in.insert(std::stoul(m.id));
      for (std::size_t i : in) segments.push_back(&allSegments[i]);
      break;
    }
    case LinkedScope::Kind::Zone: {
      if (scope.meshCodes.empty()) throw core::Error(core::ErrorCode::Usage, "linked view: an empty zone");
      std::vector<mesh::MeshCell> areas;
      for (const auto& code : scope.meshCodes) areas.push_back(mesh::decode(code));  // validates
      auto inside = [&](double lon, double lat) {
        return std::any_of(areas.begin(), areas.end(), [&](const mesh::MeshCell& a) {
          return lat >= a.south && lat < a.north && lon >= a.west && lon < a.east;
        });
      };
      for (const auto& c : allCells)
        if (std::any_of(scope.meshCodes.begin(), scope.meshCodes.end(), [&](const std::string& z) {
              return c.meshCode.size() >= z.size() && c.meshCode.compare(0, z.size(), z) == 0;
            }))
          cells.push_back(&c);
      for (const auto& s : allSegments)
        if (std::any_of(s.points.begin(), s.points.end(), [&](const auto& p) { return inside(p.lon, p.lat); }))
          segments.push_back(&s);
      for (const auto& s : allStations)
        if (inside(s.position.lon, s.position.lat)) stations.push_back(&s);
      break;
    }
  }

  LinkedView view;
  const auto hours = static_cast<std::size_t>(to - from + 1);
  view.rows.resize(hours);
  for (std::size_t i = 0; i < hours; ++i)
    view.rows[i] = {from + static_cast<HourKey>(i), kNaN, 0, kNaN, kNaN, kNaN};
  const double total = static_cast<double>(cells.size() + segments.size() + stations.size());
  double done = 0;
  auto step = [&] {
    feedback.throwIfCancelled();
    done += 1;
    feedback.setProgress(100.0 * done / std::max(1.0, total));
  };
  for (const auto* c : cells) {
    view.cells.push_back(c->meshCode);
    for (const auto& tv : project.meshPopulationSeries(c->fid, from, to)) {
      if (tv.t < from || tv.t > to || std::isnan(tv.value)) continue;
      LinkedRow& r = view.rows[static_cast<std::size_t>(tv.t - from)];
      addPresent(r.population, tv.value);
      ++r.populationCells;
    }
    step();
  }
  for (const auto* s : segments) {
    view.segments.push_back(s->segmentId);
    for (const auto& tv : project.segmentCountSeries(s->fid, from, to, store::TravelMode::Pedestrian))
      if (tv.t >= from && tv.t <= to) addPresent(view.rows[static_cast<std::size_t>(tv.t - from)].pedestrians, tv.value);
    step();
  }
  for (const auto* s : stations) {
    view.stations.push_back(s->stationId);
    for (const auto& [b, a] : project.stationRidershipSeries(s->fid, from, to)) {
      if (b.t < from || b.t > to) continue;
      LinkedRow& r = view.rows[static_cast<std::size_t>(b.t - from)];
      addPresent(r.boardings, b.value);
      addPresent(r.alightings, a.value);
    }
    step();
  }
  feedback.setProgress(100);
  return view;
}

std::vector<LinkedRow> linkedDaily(const std::vector<LinkedRow>& hourly, const LocalCalendar& calendar) {
  std::vector<LinkedRow> days;
  std::int64_t current = 0;
  for (const LinkedRow& h : hourly) {
    const std::int64_t day = calendar.localDay(h.t);
    if (days.empty() || day != current) {
      current = day;
      days.push_back({calendar.hourKey(day, 0), kNaN, 0, kNaN, kNaN, kNaN});
    }
    LinkedRow& d = days.back();
    addPresent(d.population, h.population);
    d.populationCells = std::max(d.populationCells, h.populationCells);
    addPresent(d.pedestrians, h.pedestrians);
    addPresent(d.boardings, h.boardings);
    addPresent(d.alightings, h.alightings);
  }
  return days;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y, int* pairs) {
  double sx = 0, sy = 0;
  int n = 0;
  const std::size_t len = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < len; ++i)
    if (!std::isnan(x[i]) && !std::isnan(y[i])) {
      sx += x[i];
      sy += y[i];
      ++n;
    }
  if (pairs) *pairs = n;
  if (n < 3) return kNaN;
  const double mx = sx / n, my = sy / n;
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < len; ++i)
    if (!std::isnan(x[i]) && !std::isnan(y[i])) {
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
      sxy += (x[i] - mx) * (y[i] - my);
    }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace ekm::flow
