// Mesh population CSV -> mesh_population (+ mesh_cells, population_breakdowns).
#include <filesystem>
#include <map>
#include <vector>

#include "ekm/core/flat_u64_map.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/import_writer.h"
#include "ekm/store/series.h"
#include "import_common.h"

namespace ekm::io::detail {

using core::ParseError;
using core::ValidationError;

namespace {

// Numeric key of a digits-only mesh code (length in the low bits, so "5339" != "05339").
bool meshKey(std::string_view code, std::uint64_t& key) {
  if (code.empty() || code.size() > 11) return false;
  std::uint64_t v = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  key = (v << 4) | code.size();
  return true;
}

class MeshCells {
 public:
  MeshCells(Session& s) : m_s(s), m_insert(s.project, store::FeatureTable::MeshCells) {
    for (const auto& [code, fid] : store::featureIds(s.project, store::FeatureTable::MeshCells)) {
      std::uint64_t key;
      if (meshKey(code, key) && !m_fids.find(key)) m_fids.insertOrAssign(key, fid);
    }
  }

  std::int64_t fid(std::string_view raw, std::int64_t line, const std::string& column) {
    const std::string_view code = trim(raw);
    if (code.size() == m_lastCode.size() && code == m_lastCode) return m_lastFid;
    const domain::Where where{m_s.path, line, std::nullopt, column};
    std::uint64_t key = 0;
    std::int64_t fid;
    const bool numeric = meshKey(code, key);
    const std::int64_t* found = numeric ? m_fids.find(key) : nullptr;
    if (found) {
      fid = *found;
    } else {
      domain::checkMeshCode(code, where);
      const mesh::MeshCell cell = mesh::decode(code);
      store::MeshCellRecord record;
      record.meshCode.assign(code);
      record.level = mesh::levelName(cell.level);
      record.west = cell.west;
      record.south = cell.south;
      record.east = cell.east;
      record.north = cell.north;
      const auto added = m_insert.add(record);
      if (!added)  // a non-numeric code spelled differently from the stored one
        throw ValidationError("mesh cell already in the project", ctx(m_s.path, line, std::nullopt, column,
                                                                      "a new mesh code", std::string(code)));
      fid = *added;
      if (numeric) m_fids.insertOrAssign(key, fid);
      ++m_s.result.featuresCreated;
    }
    if (!m_mixedLevels) {
      try {
        m_levels.check(code, where);
      } catch (const core::ValidationError& e) {  // allowed, but said once (levels aggregate differently)
        m_s.feedback.warning(e.what());
        m_mixedLevels = true;
      }
    }
    m_lastCode.assign(code);
    m_lastFid = fid;
    return fid;
  }

 private:
  Session& m_s;
  store::FeatureWriter m_insert;
  core::FlatU64Map<std::int64_t> m_fids;  // numeric mesh code -> cell fid
  std::string m_lastCode;
  std::int64_t m_lastFid = 0;
  domain::MeshLevelGuard m_levels;  // one mesh level per file, else a warning
  bool m_mixedLevels = false;
};

class Breakdowns {
 public:
  explicit Breakdowns(Session& s) : m_s(s) {
    for (const auto& [label, fid] : store::populationBreakdowns(s.project)) {
      m_ids[label] = fid;
      m_next = std::max(m_next, fid + 1);
    }
  }
  std::int64_t id(const std::string& label, std::int64_t line) {
    if (label.empty() || label == "total") return 0;
    const auto it = m_ids.find(label);
    if (it != m_ids.end()) return it->second;
    if (m_next > 255)
      throw ValidationError("too many distinct breakdowns",
                            ctx(m_s.path, line, std::nullopt, "", "at most 255 breakdown combinations", label));
    store::addPopulationBreakdown(m_s.project, m_next, label);
    m_ids[label] = m_next;
    return m_next++;
  }

 private:
  Session& m_s;
  std::map<std::string, std::int64_t> m_ids;
  std::int64_t m_next = 1;
};

std::int64_t intField(Session& s, const CsvReader& row, std::size_t col, const std::string& name, std::int64_t lo,
                      std::int64_t hi, const char* expected) {
  std::int64_t v = 0;
  if (!parseInt(row[col], v) || v < lo || v > hi)
    throw ParseError("bad " + name, ctx(s.path, row.line(), std::nullopt, name, expected, std::string(row[col])));
  return v;
}

}  // namespace

void importMeshPopulation(Session& s) {
  CsvSource src(s);
  ColumnResolver& cols = *src.columns;
  const std::size_t meshCol = cols.require("mesh_code", {"mesh", "meshcode", "mesh_id", "mesh1kmid", "key_code"});
  const std::string meshName = cols.header()[meshCol];
  const bool monthly = s.mapping.meshLayout == MeshLayout::MonthlyDayTime;
  TimeColumns time;
  std::size_t yearCol = 0, monthCol = 0, dayflagCol = 0, timezoneCol = 0;
  if (monthly) {
    yearCol = cols.require("year", {});
    monthCol = cols.require("month", {});
    dayflagCol = cols.require("dayflag", {});
    timezoneCol = cols.require("timezone", {});
  } else {
    time.resolve(cols, s.path);
  }
  const std::size_t popCol = cols.require("population", {"pop", "value", "count", "people"});
  const std::string popName = cols.header()[popCol];

  // Breakdown columns: the mapping's list, else every column not used above.
  std::vector<std::size_t> breakdownCols;
  if (s.mapping.breakdowns) {
    for (const auto& name : *s.mapping.breakdowns) {
      breakdownCols.push_back(cols.require(name, {}));
    }
  } else {
    breakdownCols = cols.unusedColumns();
  }
  std::vector<std::string> breakdownNames;
  for (auto c : breakdownCols) breakdownNames.push_back(cols.header()[c]);

  MeshCells cells(s);
  Breakdowns breakdowns(s);
  store::SeriesWriter writer(s.project, store::SeriesKind::MeshPopulation);

  std::vector<std::string> lastValues(breakdownCols.size());
  bool haveLast = false;
  std::int64_t lastBreakdown = 0;
  std::string label;
  std::int64_t rows = 0;

  static const char* dayNames[] = {"holiday", "weekday", "all"};
  static const char* zoneNames[] = {"daytime", "night", "allday"};

  while (src.next()) {
    const CsvReader& row = src.reader;
    ++rows;
    if (rows % kPollEvery == 0) s.poll(row.progressFraction());

    const std::int64_t cellFid = cells.fid(row[meshCol], row.line(), meshName);
    core::HourKey t;
    std::int64_t breakdownId = 0;
    if (monthly) {
      const auto y = intField(s, row, yearCol, cols.header()[yearCol], 0, 9999, "a year such as 2019");
      domain::checkYear(y, domain::Where{s.path, row.line(), std::nullopt, cols.header()[yearCol]}, s.limits);
      const auto m = intField(s, row, monthCol, cols.header()[monthCol], 1, 12, "a month 1-12");
      const auto df = intField(s, row, dayflagCol, cols.header()[dayflagCol], 0, 2,
                               "0 (holidays), 1 (weekdays) or 2 (all days)");
      const auto tz = intField(s, row, timezoneCol, cols.header()[timezoneCol], 0, 2,
                               "0 (daytime 11-14h), 1 (night 1-4h) or 2 (all day)");
      t = core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year(static_cast<int>(y)),
                                                           std::chrono::month(static_cast<unsigned>(m)),
                                                           std::chrono::day(1)},
                               0);
      if (!(df == 2 && tz == 2)) {
        label = std::string("days=") + dayNames[df] + ";hours=" + zoneNames[tz];
        breakdownId = breakdowns.id(label, row.line());
      }
    } else {
      t = time.parse(row, s.path);
      if (!breakdownCols.empty()) {
        bool same = haveLast;
        for (std::size_t i = 0; same && i < breakdownCols.size(); ++i)
          same = trim(row[breakdownCols[i]]) == lastValues[i];
        if (!same) {
          label.clear();
          bool allBlank = true;
          for (std::size_t i = 0; i < breakdownCols.size(); ++i) {
            const std::string_view v = trim(row[breakdownCols[i]]);
            lastValues[i].assign(v);
            if (!v.empty()) allBlank = false;
            if (i) label += ';';
            label += breakdownNames[i];
            label += '=';
            label += v;
          }
          lastBreakdown = allBlank ? 0 : breakdowns.id(label, row.line());
          haveLast = true;
        }
        breakdownId = lastBreakdown;
      }
    }

    const std::optional<double> pop = parseCount(s, row, popCol, popName, "population");
    if (!writer.add(cellFid, t, static_cast<int>(breakdownId), 0, pop ? *pop : std::nan(""))) {
      std::string key = "mesh " + std::string(trim(row[meshCol])) + " at " + core::formatHourKeyJst(t);
      if (breakdownId != 0) key += " breakdown '" + label + "'";
      throw ValidationError("duplicate key (a row for the same mesh, time and breakdown is earlier in this file "
                            "or already in the project)",
                            ctx(s.path, row.line(), std::nullopt, meshName, "one row per mesh, hour and breakdown", key));
    }
    ++s.result.rowsStored;
  }
  s.result.rowsRead = rows;
  writer.finish();
  s.poll(1.0);
}

}  // namespace ekm::io::detail
