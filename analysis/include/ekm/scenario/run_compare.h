#pragma once
// Compares two stored runs: for every step id present in both, the numeric figures of
// its summary and every result table present in both, joined on the table's key
// columns (link flows by segment, OD by origin and destination, population by cell).
#include <map>
#include <string>
#include <vector>

#include "ekm/ops/result.h"
#include "ekm/store/run_store.h"

namespace ekm::scenario {

struct ValueChange {
  std::vector<ops::Json> key;
  std::string column;
  double a = 0, b = 0;  // NaN where the row is absent from that run or the value is null
  double diff() const { return b - a; }
};

struct TableComparison {
  std::string stepId;
  std::string table;  // "summary" for the step's summary figures
  std::string geometry;
  std::vector<std::string> keyColumns;
  std::vector<ValueChange> changes;  // every compared value, in row order of run A then B-only
  // geometry "wkt": each key's WKT (run B's, else A's), by the key's JSON array text.
  std::map<std::string, std::string> wktByKey;
  int onlyInA = 0, onlyInB = 0;
};

std::vector<TableComparison> compareRuns(const std::vector<store::RunStepRecord>& a,
                                         const std::vector<store::RunStepRecord>& b);

}  // namespace ekm::scenario
