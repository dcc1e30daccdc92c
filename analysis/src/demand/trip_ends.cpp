#include "ekm/demand/trip_ends.h"

#include <cmath>
#include <cstdio>
#include <numeric>

#include "ekm/core/error.h"
#include "ekm/store/project.h"

namespace ekm::demand {

double TripEnds::totalProductions() const { return std::accumulate(productions.begin(), productions.end(), 0.0); }
double TripEnds::totalAttractions() const { return std::accumulate(attractions.begin(), attractions.end(), 0.0); }

void TripEnds::balanceAttractionsToProductions() {
  const double a = totalAttractions();
  if (!(a > 0)) throw core::Error(core::ErrorCode::Model, "cannot balance trip ends: there are no attractions");
  const double f = totalProductions() / a;
  for (auto& v : attractions) v *= f;
}

TripEnds tripEndsFromStayChanges(const ZoneSystem& zones, const std::vector<std::map<std::string, double>>& slices) {
  if (slices.size() < 2) throw core::Error(core::ErrorCode::Usage, "stay changes need at least two hours");
  const auto n = zones.zones.size();
  TripEnds te;
  te.productions.assign(n, 0.0);
  te.attractions.assign(n, 0.0);
  std::vector<double> delta(n);
  for (std::size_t h = 1; h < slices.size(); ++h) {
    std::fill(delta.begin(), delta.end(), 0.0);
    for (const auto& [code, now] : slices[h]) {
      const int z = zones.zoneOfCell(code);
      if (z < 0) continue;
      const auto prev = slices[h - 1].find(code);
      if (prev == slices[h - 1].end() || std::isnan(prev->second) || std::isnan(now)) {
        ++te.missing;
        continue;
      }
      ++te.used;
      delta[static_cast<std::size_t>(z)] += now - prev->second;
    }
    // A cell present before but absent now is missing too.
    for (const auto& [code, before] : slices[h - 1])
      if (zones.zoneOfCell(code) >= 0 && !slices[h].count(code)) ++te.missing;
    for (std::size_t z = 0; z < n; ++z) {
      if (delta[z] > 0) te.attractions[z] += delta[z];
      else te.productions[z] -= delta[z];
    }
  }
  return te;
}

TripEnds tripEndsFromRidership(const ZoneSystem& zones, const std::map<std::string, int>& stationZone,
                               const std::vector<StationHour>& rows) {
  TripEnds te;
  te.productions.assign(zones.zones.size(), 0.0);
  te.attractions.assign(zones.zones.size(), 0.0);
  for (const auto& r : rows) {
    const auto it = stationZone.find(r.stationId);
    if (it == stationZone.end()) {
      te.missing += 2;
      continue;
    }
    const auto z = static_cast<std::size_t>(it->second);
    if (std::isnan(r.alightings)) ++te.missing;
    else ++te.used, te.productions[z] += r.alightings;
    if (std::isnan(r.boardings)) ++te.missing;
    else ++te.used, te.attractions[z] += r.boardings;
  }
  return te;
}

std::map<std::string, int> stationZones(const ZoneSystem& zones, const std::vector<StationPoint>& stations) {
  std::map<std::string, int> out;
  std::optional<mesh::MeshLevel> level;
  if (!zones.cellZone.empty()) level = mesh::levelOf(zones.cellZone.begin()->first);
  for (const auto& s : stations) {
    if (const int z = zones.indexOf(s.id); z >= 0) {
      out[s.id] = z;
      continue;
    }
    if (!level) continue;
    try {
      const int z = zones.zoneOfCell(mesh::encode(s.lat, s.lon, *level));
      if (z >= 0) out[s.id] = z;
    } catch (const core::Error&) {
      // outside the mesh domain: no zone
    }
  }
  return out;
}

TripEnds tripEndsFromProject(const store::Project& project, const ZoneSystem& zones, core::HourKey from, core::HourKey to,
                             const TripEndSources& sources, core::Feedback& feedback) {
  if (to < from) throw core::Error(core::ErrorCode::Usage, "the period ends before it starts",
                                   core::ErrorContext{"", std::nullopt, std::nullopt, "period", "from <= to",
                                                      core::formatHourKeyJst(from) + " .. " + core::formatHourKeyJst(to)});
  TripEnds total;
  total.productions.assign(zones.zones.size(), 0.0);
  total.attractions.assign(zones.zones.size(), 0.0);
  auto add = [&](const TripEnds& t) {
    for (std::size_t z = 0; z < zones.zones.size(); ++z)
      total.productions[z] += t.productions[z], total.attractions[z] += t.attractions[z];
    total.used += t.used, total.missing += t.missing;
  };
  const double steps = static_cast<double>(to - from + 1) * ((sources.stays ? 1 : 0) + (sources.stations ? 1 : 0));
  double done = 0;
  if (sources.stays && to > from) {
    std::map<std::int64_t, std::string> codeOfFid;
    for (const auto& c : project.meshCells()) codeOfFid[c.fid] = c.meshCode;
    std::vector<std::map<std::string, double>> slices;
    for (core::HourKey t = from; t <= to; ++t) {
      feedback.throwIfCancelled();
      std::map<std::string, double> s;
      for (const auto& v : project.meshPopulationSlice(t)) {
        const auto it = codeOfFid.find(v.fid);
        if (it != codeOfFid.end()) s[it->second] = v.value;
      }
      slices.push_back(std::move(s));
      feedback.setProgress(100.0 * ++done / steps);
    }
    const auto t = tripEndsFromStayChanges(zones, slices);
    char line[200];
    std::snprintf(line, sizeof line, "stay changes: productions %.1f, attractions %.1f, coverage %.1f%% (%zu values missing)",
                  t.totalProductions(), t.totalAttractions(), 100.0 * t.coverage(), t.missing);
    feedback.log(t.missing ? core::LogLevel::Warning : core::LogLevel::Info, line);
    add(t);
  }
  if (sources.stations) {
    std::vector<StationPoint> pts;
    const auto stations = project.stations();
    for (const auto& s : stations) pts.push_back({s.stationId, s.position.lon, s.position.lat});
    const auto sz = stationZones(zones, pts);
    std::vector<StationHour> rows;
    for (const auto& s : stations) {
      feedback.throwIfCancelled();
      const auto series = project.stationRidershipSeries(s.fid, from, to);
      for (const auto& [b, a] : series) rows.push_back({s.stationId, b.value, a.value});
      done += static_cast<double>(to - from + 1) / std::max<std::size_t>(1, stations.size());
      feedback.setProgress(std::min(100.0, 100.0 * done / steps));
    }
    const auto t = tripEndsFromRidership(zones, sz, rows);
    char line[200];
    std::snprintf(line, sizeof line,
                  "station ridership: %zu of %zu stations in a zone; productions %.1f, attractions %.1f, coverage %.1f%%",
                  sz.size(), stations.size(), t.totalProductions(), t.totalAttractions(), 100.0 * t.coverage());
    feedback.log(t.missing ? core::LogLevel::Warning : core::LogLevel::Info, line);
    add(t);
  }
  feedback.setProgress(100.0);
  return total;
}

}  // namespace ekm::demand
