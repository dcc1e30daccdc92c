#pragma once
// The day rows of the people-flow series (ekm/store/series.h) behind one small interface, so
// that the readers (series_reader.cpp) and the bulk writer (series_writer.cpp) are the same
// code on SQLite (sqlite_series_rows.cpp) and on PostgreSQL (pg_series_rows.cpp).
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "store/series_layout.h"

namespace ekm::store {

struct PgProject;

// One day row as a backend hands it out; values are read on demand.
class DayRow {
 public:
  std::int64_t feature = 0, day = 0;
  int direction = 0;
  std::uint32_t present = 0;
  // Value column i (value set * 24 + hour); NaN when NULL.
  virtual double value(int i) const = 0;

 protected:
  ~DayRow() = default;
};
using DayRowFn = std::function<void(const DayRow&)>;

// A day row to write: its key, present mask and 24 * valueSets values (NaN = NULL, and so
// is every value of an hour not present). `replace`: the row is in the table already.
struct DayRowOut {
  std::int64_t channel = 0, day = 0, feature = 0;
  int direction = 0;
  std::uint32_t present = 0;
  const double* values = nullptr;
  bool replace = false;
};

class SeriesRows {
 public:
  virtual ~SeriesRows() = default;
  // The rows of one day of a channel, in key order (feature, direction).
  virtual void day(const SeriesLayout& l, std::int64_t channel, std::int64_t day, const DayRowFn& fn) = 0;
  // One feature's rows of a channel on days [first, last], in day order (then direction).
  virtual void feature(const SeriesLayout& l, std::int64_t channel, std::int64_t feature, std::int64_t first,
                       std::int64_t last, const DayRowFn& fn) = 0;
  // The rows of days [first, last] of a channel (of all channels when nullopt), any order;
  // without `values` a row's value() must not be called (only its key and mask are read).
  virtual void days(const SeriesLayout& l, std::optional<std::int64_t> channel, std::int64_t first, std::int64_t last,
                    bool values, const DayRowFn& fn) = 0;
  // The first and last day with rows of the channel; nullopt when it has none.
  virtual std::optional<std::pair<std::int64_t, std::int64_t>> dayBounds(const SeriesLayout& l, std::int64_t channel) = 0;
  // Features with rows, ascending.
  virtual std::vector<std::int64_t> features(const SeriesLayout& l) = 0;

  // The writer's side.
  virtual bool hasRows(const SeriesLayout& l) = 0;
  // The stored row of the key: its present mask and values (NaN = NULL); false when none.
  virtual bool find(const SeriesLayout& l, std::int64_t channel, std::int64_t day, std::int64_t feature, int direction,
                    std::uint32_t& present, double* values) = 0;
  // Writes rows given in key order.
  virtual void write(const SeriesLayout& l, const std::vector<DayRowOut>& rows) = 0;
};

std::unique_ptr<SeriesRows> sqliteSeriesRows(sqlite3* db);
std::unique_ptr<SeriesRows> pgSeriesRows(PgProject& project);
// The project's backend.
std::unique_ptr<SeriesRows> seriesRows(const Project& project);

}  // namespace ekm::store
