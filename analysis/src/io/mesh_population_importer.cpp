// Mesh population CSV -> mesh_population (+ mesh_cells, population_breakdowns).
#include <exception>
#include <map>
#include <thread>
#include <vector>

#include "ekm/core/bounded_queue.h"
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

// The mesh code of a numeric key (zero-padded to its length).
std::string codeOfKey(std::uint64_t key) {
  std::string code(static_cast<std::size_t>(key & 0xF), '0');
  std::uint64_t v = key >> 4;
  for (std::size_t i = code.size(); i-- > 0; v /= 10) code[i] = static_cast<char>('0' + v % 10);
  return code;
}

// The cells of the project by numeric mesh code, on the writing thread: finds a cell's fid
// and adds the cells not yet in the project (their codes were checked by the parser).
class MeshCells {
 public:
  explicit MeshCells(Session& s) : m_s(s), m_insert(s.project, store::FeatureTable::MeshCells) {
    for (const auto& [code, fid] : store::featureIds(s.project, store::FeatureTable::MeshCells)) {
      std::uint64_t key;
      if (meshKey(code, key) && !m_fids.find(key)) m_fids.insertOrAssign(key, fid);
    }
  }

  // The numeric codes of the cells already in the project, for the parser.
  core::FlatU64Map<std::int64_t> known() const { return m_fids; }

  std::int64_t fid(std::uint64_t key, std::int64_t line, const std::string& column) {
    if (m_haveLast && key == m_lastKey) return m_lastFid;
    std::int64_t fid;
    if (const std::int64_t* found = m_fids.find(key)) {
      fid = *found;
    } else {
      const std::string code = codeOfKey(key);
      const mesh::MeshCell cell = mesh::decode(code);
      store::MeshCellRecord record;
      record.meshCode = code;
      record.level = mesh::levelName(cell.level);
      record.west = cell.west;
      record.south = cell.south;
      record.east = cell.east;
      record.north = cell.north;
      const auto added = m_insert.add(record);
      if (!added)  // a code spelled differently from the stored one
        throw ValidationError("mesh cell already in the project",
                              ctx(m_s.path, line, std::nullopt, column, "a new mesh code", code));
      fid = *added;
      m_fids.insertOrAssign(key, fid);
      ++m_s.result.featuresCreated;
    }
    m_lastKey = key;
    m_lastFid = fid;
    m_haveLast = true;
    return fid;
  }

 private:
  Session& m_s;
  store::FeatureWriter m_insert;
  core::FlatU64Map<std::int64_t> m_fids;  // numeric mesh code -> cell fid
  std::uint64_t m_lastKey = 0;
  std::int64_t m_lastFid = 0;
  bool m_haveLast = false;
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

std::int64_t intField(const Session& s, const CsvReader& row, std::size_t col, const std::string& name, std::int64_t lo,
                      std::int64_t hi, const char* expected) {
  std::int64_t v = 0;
  if (!parseInt(row[col], v) || v < lo || v > hi)
    throw ParseError("bad " + name, ctx(s.path, row.line(), std::nullopt, name, expected, std::string(row[col])));
  return v;
}

// ------------------------------------------------------------ the two-stage pipeline
//
// A parser thread reads, splits, parses and checks the CSV (everything that needs no store)
// into batches of parsed rows; the importing thread takes them in file order and does what
// needs the store (cell and breakdown ids, the day-row buffer and its SQLite writes) inside
// the import's one transaction. The parser's error travels in the batch stream, behind the
// rows before it, so it surfaces exactly where the one-thread importer raised it; the
// writer's errors and a cancel close the queue and stop the parser.

// One data row, parsed: its mesh code as a numeric key, time, breakdown and value.
struct ParsedRow {
  std::uint64_t meshKey = 0;
  std::int64_t line = 0;
  core::HourKey t = 0;
  std::int32_t label = -1;  // index into the parser's breakdown labels; -1 = the total
  double value = 0;         // NaN = missing
};

// What the parser had done of the row it failed on, in the one-thread importer's order
// (count and progress poll, cell, breakdown): the writer replays it before the error.
struct FailedRow {
  bool counted = false, haveKey = false, haveLabel = false;
  ParsedRow row;
};

struct RowBatch {
  std::vector<ParsedRow> rows;
  std::vector<std::string> newLabels;  // breakdown labels first seen in this batch, next indices
  std::vector<double> polls;           // progress fraction at every kPollEvery-th row
  std::vector<std::pair<std::size_t, std::string>> warnings;  // before row i
  std::exception_ptr error;            // after the rows: the parser stopped on this
  FailedRow failed;
  std::int64_t missingValues = 0;  // in the final batch: missing values of the whole file
  bool end = false;                // the last batch of a complete file

  void clear() {
    rows.clear();
    newLabels.clear();
    polls.clear();
    warnings.clear();
    error = nullptr;
    failed = FailedRow{};
    missingValues = 0;
    end = false;
  }
};

constexpr std::size_t kBatchRows = 4 * static_cast<std::size_t>(kPollEvery);
constexpr std::size_t kQueuedBatches = 4;

// The parser stage: reads only the session's settings, never the store.
class MeshRowParser {
 public:
  MeshRowParser(const Session& s, CsvSource& src, std::size_t meshCol, const std::string& meshName)
      : m_s(s), m_src(src), m_meshCol(meshCol), m_where{s.path, 0, std::nullopt, meshName} {}

  // The numeric codes of the cells already in the project (not checked again).
  void setKnownCells(core::FlatU64Map<std::int64_t> known) { m_known = std::move(known); }

  bool monthly = false;
  TimeColumns time;
  std::size_t yearCol = 0, monthCol = 0, dayflagCol = 0, timezoneCol = 0, popCol = 0;
  std::string popName;
  std::vector<std::size_t> breakdownCols;
  std::vector<std::string> breakdownNames;

  // Runs to the end of the file, an error, a cancel or a closed queue; never throws.
  void run(core::BoundedQueue<RowBatch>& full, core::BoundedQueue<RowBatch>& empty, const core::Feedback& feedback) {
    RowBatch b;
    try {
      b.rows.reserve(kBatchRows);
      while (true) {
        FailedRow state;
        try {
          if (!m_src.next()) break;
          parseRow(b, state, feedback);
        } catch (...) {
          b.error = std::current_exception();
          b.failed = state;
          full.push(std::move(b));
          return;
        }
        if (b.rows.size() == kBatchRows) {
          if (!full.push(std::move(b))) return;  // the writer stopped
          auto reused = empty.tryPop();
          b = reused ? std::move(*reused) : RowBatch{};
          b.clear();
          b.rows.reserve(kBatchRows);
        }
      }
      b.missingValues = m_missing;
      b.end = true;
      full.push(std::move(b));
    } catch (...) {  // out of memory while batching: hand it over if the writer still listens
      RowBatch e;
      e.error = std::current_exception();
      full.push(std::move(e));
    }
  }

 private:
  void parseRow(RowBatch& b, FailedRow& state, const core::Feedback& feedback) {
    const CsvReader& row = m_src.reader;
    ParsedRow& r = state.row;
    r.line = row.line();
    ++m_rows;
    state.counted = true;
    if (m_rows % kPollEvery == 0) {
      b.polls.push_back(row.progressFraction());
      if (feedback.isCancelled()) throw core::CancelledError();
    }
    r.meshKey = cellKey(b, row[m_meshCol], r.line);
    state.haveKey = true;
    if (monthly) {
      const auto y = intField(m_s, row, yearCol, m_src.columns->header()[yearCol], 0, 9999, "a year such as 2019");
      domain::checkYear(y, domain::Where{m_s.path, row.line(), std::nullopt, m_src.columns->header()[yearCol]},
                        m_s.limits);
      const auto m = intField(m_s, row, monthCol, m_src.columns->header()[monthCol], 1, 12, "a month 1-12");
      const auto df = intField(m_s, row, dayflagCol, m_src.columns->header()[dayflagCol], 0, 2,
                               "0 (holidays), 1 (weekdays) or 2 (all days)");
      const auto tz = intField(m_s, row, timezoneCol, m_src.columns->header()[timezoneCol], 0, 2,
                               "0 (daytime 11-14h), 1 (night 1-4h) or 2 (all day)");
      r.t = core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year(static_cast<int>(y)),
                                                             std::chrono::month(static_cast<unsigned>(m)),
                                                             std::chrono::day(1)},
                                 0);
      static const char* dayNames[] = {"holiday", "weekday", "all"};
      static const char* zoneNames[] = {"daytime", "night", "allday"};
      r.label = (df == 2 && tz == 2) ? -1 : labelIndex(b, std::string("days=") + dayNames[df] + ";hours=" + zoneNames[tz]);
    } else {
      r.t = time.parse(row, m_s.path);
      if (!breakdownCols.empty()) {
        bool same = m_haveLast;
        for (std::size_t i = 0; same && i < breakdownCols.size(); ++i)
          same = trim(row[breakdownCols[i]]) == m_lastValues[i];
        if (!same) {
          m_lastValues.resize(breakdownCols.size());
          std::string label;
          bool allBlank = true;
          for (std::size_t i = 0; i < breakdownCols.size(); ++i) {
            const std::string_view v = trim(row[breakdownCols[i]]);
            m_lastValues[i].assign(v);
            if (!v.empty()) allBlank = false;
            if (i) label += ';';
            label += breakdownNames[i];
            label += '=';
            label += v;
          }
          m_lastLabel = allBlank ? -1 : labelIndex(b, label);
          m_haveLast = true;
        }
        r.label = m_lastLabel;
      }
    }
    state.haveLabel = true;
    const std::optional<double> pop = parseCount(m_s, m_missing, row, popCol, popName, "population");
    r.value = pop ? *pop : std::nan("");
    b.rows.push_back(r);
  }

  // The numeric key of the row's mesh code; checks a code the project does not have yet,
  // and that the file keeps to one mesh level (else one warning).
  std::uint64_t cellKey(RowBatch& b, std::string_view raw, std::int64_t line) {
    const std::string_view code = trim(raw);
    if (code.size() == m_lastCode.size() && code == m_lastCode) return m_lastKey;
    m_where.line = line;
    std::uint64_t key = 0;
    if (!meshKey(code, key) || !m_known.find(key)) {
      domain::checkMeshCode(code, m_where);  // throws for every code without a numeric key
      m_known.insertOrAssign(key, 0);
    }
    if (!m_mixedLevels) {
      try {
        m_levels.check(code, m_where);
      } catch (const core::ValidationError& e) {  // allowed, but said once (levels aggregate differently)
        b.warnings.emplace_back(b.rows.size(), e.what());
        m_mixedLevels = true;
      }
    }
    m_lastCode.assign(code);
    m_lastKey = key;
    return key;
  }

  std::int32_t labelIndex(RowBatch& b, const std::string& label) {
    const auto it = m_labels.find(label);
    if (it != m_labels.end()) return it->second;
    const auto index = static_cast<std::int32_t>(m_labels.size());
    m_labels.emplace(label, index);
    b.newLabels.push_back(label);
    return index;
  }

  const Session& m_s;
  CsvSource& m_src;
  core::FlatU64Map<std::int64_t> m_known;  // codes in the project or checked in this file
  std::size_t m_meshCol;
  domain::Where m_where;
  std::string m_lastCode;
  std::uint64_t m_lastKey = 0;
  domain::MeshLevelGuard m_levels;  // one mesh level per file, else a warning
  bool m_mixedLevels = false;
  std::map<std::string, std::int32_t> m_labels;
  std::vector<std::string> m_lastValues;
  std::int32_t m_lastLabel = -1;
  bool m_haveLast = false;
  std::int64_t m_rows = 0, m_missing = 0;
};

// Runs the parser on its own thread for the life of the object; stops and joins it on the
// way out, whatever way that is.
class ParserThread {
 public:
  ParserThread(MeshRowParser& parser, const core::Feedback& feedback)
      : m_thread([this, &parser, &feedback] {
          parser.run(m_full, m_empty, feedback);
          m_full.close();  // after the last batch: the writer's pop() ends
        }) {}
  ~ParserThread() {
    m_full.close();
    m_empty.close();
    m_thread.join();
  }
  ParserThread(const ParserThread&) = delete;
  ParserThread& operator=(const ParserThread&) = delete;

  std::optional<RowBatch> next() { return m_full.pop(); }
  void recycle(RowBatch&& b) { m_empty.tryPush(std::move(b)); }

 private:
  core::BoundedQueue<RowBatch> m_full{kQueuedBatches}, m_empty{kQueuedBatches + 2};
  std::thread m_thread;  // last: starts after the queues exist
};

}  // namespace

void importMeshPopulation(Session& s) {
  CsvSource src(s);
  ColumnResolver& cols = *src.columns;
  const std::size_t meshCol = cols.require("mesh_code", {"mesh", "meshcode", "mesh_id", "mesh1kmid", "key_code"});
  const std::string meshName = cols.header()[meshCol];
  MeshRowParser parser(s, src, meshCol, meshName);
  parser.monthly = s.mapping.meshLayout == MeshLayout::MonthlyDayTime;
  if (parser.monthly) {
    parser.yearCol = cols.require("year", {});
    parser.monthCol = cols.require("month", {});
    parser.dayflagCol = cols.require("dayflag", {});
    parser.timezoneCol = cols.require("timezone", {});
  } else {
    parser.time.resolve(cols, s.path);
  }
  parser.popCol = cols.require("population", {"pop", "value", "count", "people"});
  parser.popName = cols.header()[parser.popCol];

  // Breakdown columns: the mapping's list, else every column not used above.
  if (s.mapping.breakdowns) {
    for (const auto& name : *s.mapping.breakdowns) parser.breakdownCols.push_back(cols.require(name, {}));
  } else {
    parser.breakdownCols = cols.unusedColumns();
  }
  for (auto c : parser.breakdownCols) parser.breakdownNames.push_back(cols.header()[c]);

  MeshCells cells(s);
  parser.setKnownCells(cells.known());
  Breakdowns breakdowns(s);
  store::SeriesWriter writer(s.project, store::SeriesKind::MeshPopulation);

  std::vector<std::string> labels;        // the parser's breakdown labels by index
  std::vector<std::int64_t> breakdownIds;  // their ids, -1 until a row needs one
  auto breakdownId = [&](std::int32_t label, std::int64_t line) -> std::int64_t {
    if (label < 0) return 0;
    auto& id = breakdownIds[static_cast<std::size_t>(label)];
    if (id < 0) id = breakdowns.id(labels[static_cast<std::size_t>(label)], line);
    return id;
  };
  std::int64_t rows = 0;
  std::size_t pollAt = 0;
  std::vector<double> polls;
  auto countRow = [&] {
    ++rows;
    if (rows % kPollEvery == 0) s.poll(polls.at(pollAt++));
  };

  ParserThread thread(parser, s.feedback);
  while (true) {
    std::optional<RowBatch> b = thread.next();
    if (!b) throw core::StoreError("the CSV parser stopped before the end of the file", ctx(s.path));
    for (auto& l : b->newLabels) {
      labels.push_back(std::move(l));
      breakdownIds.push_back(-1);
    }
    polls.swap(b->polls);
    pollAt = 0;
    std::size_t warning = 0;
    for (std::size_t i = 0; i < b->rows.size(); ++i) {
      const ParsedRow& r = b->rows[i];
      countRow();
      for (; warning < b->warnings.size() && b->warnings[warning].first == i; ++warning)
        s.feedback.warning(b->warnings[warning].second);
      const std::int64_t cellFid = cells.fid(r.meshKey, r.line, meshName);
      const std::int64_t bid = breakdownId(r.label, r.line);
      if (!writer.add(cellFid, r.t, static_cast<int>(bid), 0, r.value)) {
        std::string key = "mesh " + codeOfKey(r.meshKey) + " at " + core::formatHourKeyJst(r.t);
        if (bid != 0) key += " breakdown '" + labels[static_cast<std::size_t>(r.label)] + "'";
        throw ValidationError("duplicate key (a row for the same mesh, time and breakdown is earlier in this file "
                              "or already in the project)",
                              ctx(s.path, r.line, std::nullopt, meshName, "one row per mesh, hour and breakdown", key));
      }
      ++s.result.rowsStored;
    }
    if (b->error) {
      // What the one-thread importer did of the failing row before the error, then the error.
      const FailedRow& f = b->failed;
      if (f.counted) countRow();
      for (; warning < b->warnings.size(); ++warning) s.feedback.warning(b->warnings[warning].second);
      if (f.haveKey) cells.fid(f.row.meshKey, f.row.line, meshName);
      if (f.haveLabel) breakdownId(f.row.label, f.row.line);
      std::rethrow_exception(b->error);
    }
    if (b->end) {
      s.result.missingValues += b->missingValues;
      break;
    }
    thread.recycle(std::move(*b));
  }
  s.result.rowsRead = rows;
  writer.finish();
  s.poll(1.0);
}

}  // namespace ekm::io::detail
