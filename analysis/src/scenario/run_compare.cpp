// Differences between two stored runs.
#include "ekm/scenario/run_compare.h"
#include "ekm/ops/result_geometry.h"

#include <cmath>
#include <limits>
#include <map>

namespace ekm::scenario {
namespace {

using ops::Json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double number(const Json& j) {
  if (j.is_boolean()) return j.get<bool>() ? 1 : 0;
  return j.is_number() ? j.get<double>() : kNaN;
}

TableComparison compareSummaries(const std::string& stepId, const Json& a, const Json& b) {
  TableComparison t;
  t.stepId = stepId;
  t.table = "summary";
  t.keyColumns = {"figure"};
  for (const auto& [k, v] : a.items()) {
    if (!v.is_number() && !(b.contains(k) && b[k].is_number())) continue;
    t.changes.push_back({{Json(k)}, "value", number(v), b.contains(k) ? number(b[k]) : kNaN});
  }
  for (const auto& [k, v] : b.items())
    if (!a.contains(k) && v.is_number()) t.changes.push_back({{Json(k)}, "value", kNaN, number(v)});
  return t;
}

TableComparison compareTables(const std::string& stepId, const ops::ResultTable& a, const ops::ResultTable& b) {
  TableComparison t;
  t.stepId = stepId;
  t.table = a.name;
  t.geometry = a.geometry;
  const int keys = std::max(1, a.keyColumns);
  t.keyColumns.assign(a.columns.begin(), a.columns.begin() + std::min<std::size_t>(keys, a.columns.size()));
  std::map<std::string, int> colB;
  for (std::size_t c = 0; c < b.columns.size(); ++c) colB[b.columns[c]] = static_cast<int>(c);
  auto keyOf = [&](const std::vector<Json>& row) {
    Json k = Json::array();
    for (int c = 0; c < keys && c < static_cast<int>(row.size()); ++c) k.push_back(row[c]);
    return k.dump();
  };
  std::map<std::string, const std::vector<Json>*> rowsB;
  for (const auto& r : b.rows) rowsB[keyOf(r)] = &r;
  std::map<std::string, bool> seen;
  for (const auto& r : a.rows) {
    const std::string k = keyOf(r);
    const auto it = rowsB.find(k);
    if (it == rowsB.end()) ++t.onlyInA;
    seen[k] = true;
    std::vector<Json> key(r.begin(), r.begin() + std::min<std::size_t>(keys, r.size()));
    for (std::size_t c = keys; c < a.columns.size() && c < r.size(); ++c) {
      const auto cb = colB.find(a.columns[c]);
      const double vb = it != rowsB.end() && cb != colB.end() ? number((*it->second)[cb->second]) : kNaN;
      if (!r[c].is_number() && !r[c].is_boolean() && !std::isfinite(vb)) continue;
      t.changes.push_back({key, a.columns[c], number(r[c]), vb});
    }
  }
  if (t.geometry == ops::kWktGeometry) {
    for (const auto* table : {&a, &b})
      for (const auto& r : table->rows)
        if (auto w = ops::rowWkt(*table, r); !w.empty()) t.wktByKey[keyOf(r)] = std::move(w);
  }
  for (const auto& r : b.rows) {
    if (seen.count(keyOf(r))) continue;
    ++t.onlyInB;
    std::vector<Json> key(r.begin(), r.begin() + std::min<std::size_t>(keys, r.size()));
    for (std::size_t c = keys; c < b.columns.size() && c < r.size(); ++c)
      if (r[c].is_number() || r[c].is_boolean()) t.changes.push_back({key, b.columns[c], kNaN, number(r[c])});
  }
  return t;
}

}  // namespace

std::vector<TableComparison> compareRuns(const std::vector<store::RunStepRecord>& a,
                                         const std::vector<store::RunStepRecord>& b) {
  std::vector<TableComparison> out;
  for (const auto& sa : a) {
    for (const auto& sb : b) {
      if (sa.stepId != sb.stepId) continue;
      const ops::OpResult ra = ops::opResultFromJson(Json::parse(sa.resultJson));
      const ops::OpResult rb = ops::opResultFromJson(Json::parse(sb.resultJson));
      out.push_back(compareSummaries(sa.stepId, ra.summary, rb.summary));
      for (const auto& ta : ra.tables)
        if (const auto* tb = rb.table(ta.name)) out.push_back(compareTables(sa.stepId, ta, *tb));
    }
  }
  return out;
}

}  // namespace ekm::scenario
