#pragma once
// The small-count rule, in one audited place: any figure describing fewer than 10 people is
// suppressed before it leaves Ekimachi — map layouts, the briefing pack, result exports
// (CSV, GeoJSON, GeoPackage, Shapefile) and the eco-behaviour feed all call these functions
// and nothing else decides it.
//
// The rule (see docs/architecture.md, "The small-count rule"):
// - a count of people (population, pedestrians, boardings, trips, flows, means of them) is
//   suppressed when it is below kMinimumCount (10), zero included: "nobody" is a figure
//   about fewer than 10 people too (stricter than the vendor data, which shows 0);
// - a figure derived from counts (a change, a difference, a ratio, an interval of a change)
//   is suppressed when any count of its row is, so that a suppressed count cannot be
//   recovered as another figure minus the change;
// - figures that are not about people (ids, p-values, days, lengths, times, speeds, energy,
//   percentages, counts of stops, routes, departures, buildings, cells or hours) are left alone. Columns are classified by name (columnRole); unknown numeric columns are
//   treated as counts, so a new result table is suppressed by default, never leaked.
// Suppressed values are written as "*" in text (reports, layouts, CSV read by people) and as
// NULL in typed GIS fields, with the suppressed columns named in a `suppressed` field.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ekm/ops/result.h"

namespace ekm::privacy {

inline constexpr double kMinimumCount = 10;
inline constexpr const char* kSuppressedMarker = "*";

// True when a count of people must not be shown: a finite value below kMinimumCount
// (negative counts do not exist; a negative value is treated by its magnitude). NaN (no
// data) is not "suppressed": it is missing.
bool isSuppressed(double people);

// How the rule treats a result column.
enum class ColumnRole {
  Key,       // identifies the row (feature, segment, cell, origin, destination, ...)
  People,    // a count of people, or a mean/sum of counts
  Derived,   // computed from the row's counts: change, difference, ratio, interval
  Other,     // not about people (p-value, days, length, time, speed, energy, flags)
};
ColumnRole columnRole(std::string_view column);

// The rule for one figure printed in a text (a sentence of the briefing pack, a report's key
// figure): true when a figure of this role must print as kSuppressedMarker — a count of
// people below kMinimumCount. Only People figures are ever suppressed this way (a kWh, a
// percentage, a trip time or a count of stops below 10 is shown); a derived figure is
// suppressed with its counts by the caller (suppressRow, or a ratio whose count is).
bool suppressFigure(ColumnRole role, double value);
// The same for a figure named like a result column or summary key (columnRole(name)).
bool suppressFigure(std::string_view name, double value);

// A count as text: "*" when suppressed, "" for NaN, else the number with `decimals`.
std::string formatCount(double people, int decimals = 0);

// What suppressing a table did.
struct SuppressionStats {
  std::int64_t values = 0;       // numeric values looked at in People and Derived columns
  std::int64_t suppressed = 0;   // of them, replaced
  std::int64_t rowsAffected = 0;
};

// The row's values with the rule applied: People values below 10 and, when any of them is,
// every Derived value of the row become `marker` (JSON null for typed outputs, or "*").
// Returns the names of the suppressed columns (empty: nothing suppressed).
std::vector<std::string> suppressRow(const std::vector<std::string>& columns, std::vector<ops::Json>& row,
                                     const ops::Json& marker = nullptr);

// A copy of a result table with the rule applied to every row (the table's key columns are
// never touched). With a `suppressed` column added when addSuppressedColumn: the names of
// the row's suppressed columns, comma-separated ("" when none).
ops::ResultTable suppressTable(const ops::ResultTable& table, const ops::Json& marker = nullptr,
                               bool addSuppressedColumn = true, SuppressionStats* stats = nullptr);

// Checks a table that is about to leave the program: true when no People value is below 10
// and no Derived value sits in a row with a suppressed count (what the tests assert on
// every exported format).
bool obeysRule(const ops::ResultTable& table);

}  // namespace ekm::privacy
