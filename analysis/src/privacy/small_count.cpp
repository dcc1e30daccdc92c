// The small-count rule (ekm/privacy/small_count.h): the one place that decides what is
// suppressed.
#include "ekm/privacy/small_count.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace ekm::privacy {

namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

template <std::size_t N>
bool oneOf(std::string_view s, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

// "p00".."p23": shares of a day's profile (agreement), not people.
bool isShareColumn(std::string_view s) {
  return s.size() == 3 && s[0] == 'p' && std::isdigit(static_cast<unsigned char>(s[1])) &&
         std::isdigit(static_cast<unsigned char>(s[2]));
}

double numberOf(const ops::Json& v) {
  if (v.is_number()) return v.get<double>();
  return std::nan("");
}

}  // namespace

bool isSuppressed(double people) { return std::isfinite(people) && std::fabs(people) < kMinimumCount; }

ColumnRole columnRole(std::string_view c) {
  static constexpr std::array<std::string_view, 22> kKeys = {
      "feature", "segment_id", "cell", "mesh_code", "zone",      "origin", "destination", "link",
      "from",    "to",         "direction", "init_node", "term_node", "group", "station",  "station_id",
      "id",      "name",       "t",    "status",    "column",    "date"};
  static constexpr std::array<std::string_view, 50> kOther = {
      "days",     "days_a",   "days_b",       "incomplete_a",   "incomplete_b",  "p_value",    "significant",
      "t_stat",   "df",       "correlation",  "distance",       "flagged",       "r",          "pairs",
      "coverage", "hours_present", "hours_expected", "complete_days", "lon",     "lat",        "x",
      "y",        "cells",    "population_cells", "time",       "cost",          "hour",       "geh",
      "alpha",    "iteration", "gap",         "capacity",       "speed",
      // Counts of things that are not people: the feed's service, the network, the model.
      "stops",    "routes",   "departures",   "gaps",           "gap_cells",     "hours",      "buildings",
      "links",    "rank",     "iterations",   "zones",          "turn_rules",    "barrier_lines", "percent",
      "relative_gap", "vehicle_hours", "vehicle_hours_without"};
  // (No "_hours": person_hours are people.)
  static constexpr std::array<std::string_view, 21> kOtherSuffixes = {
      "_m",    "_s",       "_h",     "_kwh",      "_c",     "_kmh",    "_time",  "_pct_of_hours",
      "_pct",  "_percent", "_min",   "_minutes",  "_mwh",    "_gj",    "_stops",
      "_routes", "_departures", "_links", "_buildings", "_reach", "_iterations"};
  static constexpr std::array<std::string_view, 8> kDerived = {"abs_change", "rel_change", "ci_low", "ci_high",
                                                               "diff",       "change",     "ratio",  "share"};
  // _km, _kg, _per_person_hour: person-km, CO2 mass and intensities computed from the
  // row's counts (the eco feed) are figures derived from people.
  static constexpr std::array<std::string_view, 7> kDerivedSuffixes = {"_diff", "_change", "_ratio", "_share",
                                                                       "_km",   "_kg",     "_per_person_hour"};
  if (oneOf(c, kKeys)) return ColumnRole::Key;
  if (oneOf(c, kOther) || isShareColumn(c)) return ColumnRole::Other;
  for (auto s : kOtherSuffixes)
    if (endsWith(c, s)) return ColumnRole::Other;
  if (startsWith(c, "base_time") || startsWith(c, "scenario_time")) return ColumnRole::Other;
  if (oneOf(c, kDerived)) return ColumnRole::Derived;
  // Columns of run comparisons: COLUMN_a, COLUMN_b and COLUMN_diff take COLUMN's role (a
  // difference of counts is derived from them).
  if (endsWith(c, "_diff") && c.size() > 5) {
    const ColumnRole base = columnRole(c.substr(0, c.size() - 5));
    return base == ColumnRole::Other || base == ColumnRole::Key ? ColumnRole::Other : ColumnRole::Derived;
  }
  if ((endsWith(c, "_a") || endsWith(c, "_b")) && c.size() > 2) {
    const ColumnRole base = columnRole(c.substr(0, c.size() - 2));
    if (base != ColumnRole::People) return base == ColumnRole::Key ? ColumnRole::Other : base;
  }
  for (auto s : kDerivedSuffixes)
    if (endsWith(c, s)) return ColumnRole::Derived;
  return ColumnRole::People;  // unknown numeric columns are counts: suppressed by default
}

bool suppressFigure(ColumnRole role, double value) { return role == ColumnRole::People && isSuppressed(value); }

bool suppressFigure(std::string_view name, double value) { return suppressFigure(columnRole(name), value); }

std::string formatCount(double people, int decimals) {
  if (std::isnan(people)) return "";
  if (isSuppressed(people)) return kSuppressedMarker;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 6), people);
  return buf;
}

std::vector<std::string> suppressRow(const std::vector<std::string>& columns, std::vector<ops::Json>& row,
                                     const ops::Json& marker) {
  std::vector<std::string> suppressed;
  const std::size_t n = std::min(columns.size(), row.size());
  bool anyCount = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (columnRole(columns[i]) != ColumnRole::People || !isSuppressed(numberOf(row[i]))) continue;
    row[i] = marker;
    suppressed.push_back(columns[i]);
    anyCount = true;
  }
  if (!anyCount) return suppressed;
  for (std::size_t i = 0; i < n; ++i) {
    if (columnRole(columns[i]) != ColumnRole::Derived || !row[i].is_number()) continue;
    row[i] = marker;
    suppressed.push_back(columns[i]);
  }
  return suppressed;
}

ops::ResultTable suppressTable(const ops::ResultTable& table, const ops::Json& marker, bool addSuppressedColumn,
                               SuppressionStats* stats) {
  ops::ResultTable out = table;
  if (addSuppressedColumn) out.columns.push_back("suppressed");
  SuppressionStats s;
  std::vector<bool> counted(table.columns.size());
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnRole role = columnRole(table.columns[i]);
    counted[i] = static_cast<int>(i) >= table.keyColumns && (role == ColumnRole::People || role == ColumnRole::Derived);
  }
  for (auto& row : out.rows) {
    for (std::size_t i = 0; i < counted.size() && i < row.size(); ++i) s.values += counted[i] && row[i].is_number();
    // Key columns are identifiers even when their names look like counts.
    std::vector<std::string> cols = table.columns;
    for (int k = 0; k < table.keyColumns && k < static_cast<int>(cols.size()); ++k) cols[k] = "id";
    const auto names = suppressRow(cols, row, marker);
    s.suppressed += static_cast<std::int64_t>(names.size());
    s.rowsAffected += names.empty() ? 0 : 1;
    if (addSuppressedColumn) {
      std::string joined;
      for (const auto& n : names) joined += (joined.empty() ? "" : ",") + n;
      row.resize(table.columns.size());
      row.push_back(joined);
    }
  }
  if (stats) *stats = s;
  return out;
}

bool obeysRule(const ops::ResultTable& table) {
  for (const auto& row : table.rows) {
    bool anyCount = false;
    for (std::size_t i = 0; i < row.size() && i < table.columns.size(); ++i)
      if (static_cast<int>(i) >= table.keyColumns && columnRole(table.columns[i]) == ColumnRole::People &&
          isSuppressed(numberOf(row[i])))
        return false;
    // A derived figure next to a suppressed (non-numeric now) count breaks the rule.
    for (std::size_t i = 0; i < row.size() && i < table.columns.size(); ++i)
      anyCount |= static_cast<int>(i) >= table.keyColumns && columnRole(table.columns[i]) == ColumnRole::People &&
                  !row[i].is_number() && !row[i].is_boolean() && !(row[i].is_string() && row[i].get<std::string>().empty());
    if (!anyCount) continue;
    for (std::size_t i = 0; i < row.size() && i < table.columns.size(); ++i)
      if (columnRole(table.columns[i]) == ColumnRole::Derived && row[i].is_number()) return false;
  }
  return true;
}

}  // namespace ekm::privacy
