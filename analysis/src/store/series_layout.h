#pragma once
// The day-row layout of the people-flow series (see ekm/store/series.h): one descriptor per
// SeriesKind owns its table, view and column names; the DDL, the statements of the writer
// and readers, and the v5 -> v6 migration are all generated from it.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ekm/core/flat_u64_map.h"
#include "ekm/store/series.h"
#include "store/statement.h"

namespace ekm::store {

struct SeriesLayout {
  SeriesKind kind;
  const char* view;       // long view = the kind's public name, e.g. "mesh_population"
  const char* table;      // day rows, e.g. "mesh_population_days"
  const char* channel;    // "breakdown_id" / "mode" / nullptr (always 0)
  const char* feature;    // "cell_fid" / "segment_fid" / "station_fid"
  const char* direction;  // "direction" / nullptr (always 0)
  int valueSets;          // 1, or 2 for (boardings, alightings)
  const char* valueNames[2];  // columns of the long view
  char prefixes[2];           // day-row value columns: prefix + two-digit hour
  const char* description;
};

const SeriesLayout& seriesLayout(SeriesKind kind);
// nullptr unless `name` is a series kind's public (view) name.
const SeriesLayout* seriesLayoutByName(const std::string& name);
inline constexpr SeriesKind kSeriesKinds[] = {SeriesKind::MeshPopulation, SeriesKind::SegmentCounts,
                                              SeriesKind::StationRidership};

// "present, h00, ..., h23[, a00, ..., a23]"
std::string seriesValueColumns(const SeriesLayout& l);
// Key columns in key order, e.g. "breakdown_id, day, cell_fid".
std::string seriesKeyColumns(const SeriesLayout& l);

// Day tables and long views of all kinds, registered in gpkg_contents (idempotent).
std::string seriesTablesSql();

// floor(t / 24) and t - 24 * floor(t / 24).
inline std::int64_t dayOf(core::HourKey t) { return t >= 0 ? t / 24 : -((-t + 23) / 24); }

// Migrates the one-row-per-hour tables of schema version 5 (same names as the views) into
// day rows, every value and missing value kept; drops the old tables and creates the views.
void migrateSeriesToDayRows(sqlite3* db);

class SeriesRows;  // series_rows.h

// The buffer behind SeriesWriter (also used by the migration, which has no Project).
struct SeriesWriter::Impl {
  Impl(sqlite3* db, SeriesKind kind);
  Impl(std::unique_ptr<SeriesRows> rows, SeriesKind kind);
  ~Impl();
  bool add(std::int64_t feature, core::HourKey t, int channel, int direction, double value, double second);
  void flush(bool all);

 private:
  static constexpr std::int64_t kDayOffset = std::int64_t{1} << 27;
  static constexpr std::size_t kMaxRows = std::size_t{1} << 17;
  std::uint32_t newRow(std::uint64_t key);

  std::unique_ptr<SeriesRows> m_rows;
  const SeriesLayout& m_l;
  int m_nv;  // values per row
  core::FlatU64Map<std::uint32_t> m_index;  // packed key -> buffered row
  std::vector<std::uint64_t> m_keys;
  std::vector<std::uint32_t> m_present;
  std::vector<double> m_values;  // NaN = missing or not present
  std::vector<char> m_loaded;  // the row was read from the table: replace it
  bool m_tableHadRows = false;
  std::int64_t m_flushedMin = INT64_MAX, m_flushedMax = INT64_MIN, m_maxDay = INT64_MIN;
  std::uint64_t m_lastKey = 0;
  std::uint32_t m_lastRow = 0;
  bool m_haveLast = false;
};

}  // namespace ekm::store
