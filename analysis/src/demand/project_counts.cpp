#include "ekm/demand/project_counts.h"

#include <sqlite3.h>

#include <map>
#include <set>
#include <tuple>

#include "ekm/store/project.h"

namespace ekm::demand {

ProjectCountTotals segmentCountTotals(const store::Project& project, core::HourKey from, core::HourKey to,
                                      store::TravelMode mode) {
  ProjectCountTotals out;
  out.hoursInRange = to >= from ? static_cast<int>(to - from + 1) : 0;
  sqlite3* db = project.db();
  sqlite3_stmt* st = nullptr;
  const char* sql =
      "SELECT s.segment_id, c.direction, SUM(c.count), COUNT(c.count) FROM segment_counts c "
      "JOIN road_segments s ON s.fid = c.segment_fid WHERE c.t_hour BETWEEN ?1 AND ?2 AND c.mode = ?3 "
      "GROUP BY s.segment_id, c.direction ORDER BY s.segment_id, c.direction";
  store::checkSqlite(db, sqlite3_prepare_v2(db, sql, -1, &st, nullptr), "reading segment_counts");
  sqlite3_bind_int64(st, 1, from);
  sqlite3_bind_int64(st, 2, to);
  sqlite3_bind_int(st, 3, static_cast<int>(mode));
  std::vector<SegmentCountTotal> all;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    SegmentCountTotal t;
    t.segmentId = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    t.direction = static_cast<store::Direction>(sqlite3_column_int(st, 1));
    t.count = sqlite3_column_double(st, 2);
    t.hours = sqlite3_column_int(st, 3);  // COUNT(count) skips NULL (missing) values
    all.push_back(std::move(t));
  }
  sqlite3_finalize(st);
  store::checkSqlite(db, rc == SQLITE_DONE ? SQLITE_OK : rc, "reading segment_counts");

  std::set<std::string> directional;
  for (const auto& t : all)
    if (t.direction != store::Direction::Both && t.hours == out.hoursInRange) directional.insert(t.segmentId);
  for (auto& t : all) {
    if (t.hours != out.hoursInRange) {
      out.incomplete.push_back(t.segmentId + " " + store::directionName(t.direction) + ": " +
                               std::to_string(t.hours) + " of " + std::to_string(out.hoursInRange) +
                               " hours");
      continue;
    }
    if (t.direction == store::Direction::Both && directional.count(t.segmentId)) continue;
    out.totals.push_back(std::move(t));
  }
  return out;
}

std::vector<MatchedCount> matchCountsToLinks(const BuiltNetwork& built,
                                             const std::vector<SegmentCountTotal>& totals,
                                             std::vector<std::string>* unmatched) {
  // segment id -> reversed? -> links, with the direction's total length.
  struct Pieces {
    std::vector<int> links;
    double lengthM = 0;
  };
  std::map<std::pair<std::string, bool>, Pieces> pieces;
  for (int a = 0; a < built.network.linkCount(); ++a) {
    auto& p = pieces[{built.linkSegmentId[a], built.linkReversed[a]}];
    p.links.push_back(a);
    p.lengthM += built.network.link(a).length;
  }
  std::vector<MatchedCount> out;
  for (const auto& t : totals) {
    MatchedCount m;
    m.total = t;
    m.count.count = t.count;
    for (const bool reversed : {false, true}) {
      if (t.direction == store::Direction::Forward && reversed) continue;
      if (t.direction == store::Direction::Backward && !reversed) continue;
      const auto it = pieces.find({t.segmentId, reversed});
      if (it == pieces.end()) continue;
      for (int a : it->second.links) {
        const double share = it->second.lengthM > 0 ? built.network.link(a).length / it->second.lengthM
                                                    : 1.0 / static_cast<double>(it->second.links.size());
        m.count.links.emplace_back(a, share);
      }
    }
    if (m.count.links.empty()) {
      if (unmatched) unmatched->push_back(t.segmentId + " " + store::directionName(t.direction));
      continue;
    }
    m.count.link = m.count.links.front().first;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ekm::demand
