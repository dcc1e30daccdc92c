// SeriesWriter: buffers hourly values into day rows and writes them in key order through
// the project's SeriesRows (series_rows.h), the same on every backend.
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "store/project_internal.h"
#include "store/series_layout.h"
#include "store/series_rows.h"

namespace ekm::store {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

SeriesWriter::Impl::Impl(sqlite3* db, SeriesKind kind) : Impl(sqliteSeriesRows(db), kind) {}

SeriesWriter::Impl::Impl(std::unique_ptr<SeriesRows> rows, SeriesKind kind)
    : m_rows(std::move(rows)), m_l(seriesLayout(kind)), m_nv(24 * m_l.valueSets) {
  m_tableHadRows = m_rows->hasRows(m_l);
  m_index.reserve(kMaxRows * 2);
  // The buffer's full size up front: growing it copied every buffered value (10 % of an
  // import's CPU); pages untouched until used.
  m_keys.reserve(kMaxRows);
  m_present.reserve(kMaxRows);
  m_loaded.reserve(kMaxRows);
  m_values.reserve(kMaxRows * static_cast<std::size_t>(m_nv));
}

SeriesWriter::Impl::~Impl() = default;

std::uint32_t SeriesWriter::Impl::newRow(std::uint64_t key) {
  const auto row = static_cast<std::uint32_t>(m_keys.size());
  m_keys.push_back(key);
  m_present.push_back(0);
  m_values.resize(m_values.size() + static_cast<std::size_t>(m_nv), kNaN);
  m_loaded.push_back(0);
  m_index.insertOrAssign(key, row);
  const std::int64_t day = static_cast<std::int64_t>((key >> 28) & ((std::uint64_t{1} << 28) - 1)) - kDayOffset;
  if (m_tableHadRows || (day >= m_flushedMin && day <= m_flushedMax)) {
    // The day row may already be in the table: continue it.
    std::uint32_t present = 0;
    if (m_rows->find(m_l, static_cast<std::int64_t>(key >> 56), day, static_cast<std::int64_t>((key >> 4) & 0xFFFFFF),
                     static_cast<int>(key & 0xF), present, &m_values[static_cast<std::size_t>(row) * m_nv])) {
      m_present[row] = present;
      m_loaded[row] = 1;
    }
  }
  return row;
}

bool SeriesWriter::Impl::add(std::int64_t feature, core::HourKey t, int channel, int direction, double value,
                             double second) {
  const std::int64_t day = dayOf(t);
  const int h = static_cast<int>(t - day * 24);
  if (feature < 0 || feature > kMaxFeatureFid || channel < 0 || channel > 255 || direction < 0 || direction > 15 ||
      day < -kDayOffset || day >= kDayOffset)
    throw core::StoreError(std::string("series key out of range for ") + m_l.view,
                           core::ErrorContext{{}, {}, {}, m_l.feature, "feature fid < 2^24, channel < 256",
                                              std::to_string(feature) + "/" + std::to_string(channel)});
  const std::uint64_t key = (static_cast<std::uint64_t>(channel) << 56) |
                            (static_cast<std::uint64_t>(day + kDayOffset) << 28) |
                            (static_cast<std::uint64_t>(feature) << 4) | static_cast<std::uint64_t>(direction);
  std::uint32_t row;
  if (m_haveLast && key == m_lastKey) {
    row = m_lastRow;
  } else {
    const std::uint32_t* found = m_index.find(key);
    row = found ? *found : newRow(key);
    m_lastKey = key;
    m_lastRow = row;
    m_haveLast = true;
    m_maxDay = std::max(m_maxDay, day);
  }
  const std::uint32_t bit = std::uint32_t{1} << h;
  if (m_present[row] & bit) return false;
  m_present[row] |= bit;
  double* v = &m_values[static_cast<std::size_t>(row) * m_nv];
  v[h] = value;
  if (m_nv > 24) v[24 + h] = second;
  if (m_keys.size() >= kMaxRows) flush(false);
  return true;
}

// Writes the buffered rows of finished days (all rows when `all`, or when that frees too
// little), in key order, and keeps the rest.
void SeriesWriter::Impl::flush(bool all) {
  if (m_keys.empty()) return;
  std::vector<std::uint32_t> order;
  order.reserve(m_keys.size());
  auto dayOfRow = [&](std::uint32_t r) {
    return static_cast<std::int64_t>((m_keys[r] >> 28) & ((std::uint64_t{1} << 28) - 1)) - kDayOffset;
  };
  for (std::uint32_t r = 0; r < m_keys.size(); ++r)
    if (all || dayOfRow(r) < m_maxDay) order.push_back(r);
  if (order.size() < m_keys.size() / 2) {
    order.resize(m_keys.size());
    for (std::uint32_t r = 0; r < m_keys.size(); ++r) order[r] = r;
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const std::uint64_t ka = m_keys[a], kb = m_keys[b];
    // Key order of the table: channel, day, feature, direction = the packed key's order.
    return ka < kb;
  });
  std::vector<char> written(m_keys.size(), 0);
  std::vector<DayRowOut> rows;
  rows.reserve(order.size());
  for (const std::uint32_t r : order) {
    const std::uint64_t key = m_keys[r];
    const std::int64_t d = dayOfRow(r);
    rows.push_back(DayRowOut{static_cast<std::int64_t>(key >> 56), d, static_cast<std::int64_t>((key >> 4) & 0xFFFFFF),
                             static_cast<int>(key & 0xF), m_present[r], &m_values[r * static_cast<std::size_t>(m_nv)],
                             m_loaded[r] != 0});
    written[r] = 1;
    m_flushedMin = std::min(m_flushedMin, d);
    m_flushedMax = std::max(m_flushedMax, d);
  }
  m_rows->write(m_l, rows);
  // Keep the rows not written.
  std::size_t out = 0;
  m_index.clear();
  for (std::size_t r = 0; r < m_keys.size(); ++r) {
    if (written[r]) continue;
    m_keys[out] = m_keys[r];
    m_present[out] = m_present[r];
    m_loaded[out] = m_loaded[r];
    std::copy_n(&m_values[r * m_nv], m_nv, &m_values[out * m_nv]);
    m_index.insertOrAssign(m_keys[out], static_cast<std::uint32_t>(out));
    ++out;
  }
  m_keys.resize(out);
  m_present.resize(out);
  m_loaded.resize(out);
  m_values.resize(out * m_nv);
  m_haveLast = false;
}

SeriesWriter::SeriesWriter(Project& project, SeriesKind kind)
    : m_impl(std::make_unique<Impl>(seriesRows(project), kind)) {}
SeriesWriter::~SeriesWriter() = default;

bool SeriesWriter::add(std::int64_t featureFid, core::HourKey t, int channel, int direction, double value,
                       double second) {
  return m_impl->add(featureFid, t, channel, direction, value, second);
}

void SeriesWriter::finish() { m_impl->flush(true); }

}  // namespace ekm::store
