#pragma once
// What an operation hands back in a form every front end and the scenario runner can
// keep: a JSON summary (the figures a user reads), result tables keyed by their first
// columns (what `compare` joins two runs on), the files written and the warnings.
// Typed results (each operation's Result struct) convert to this with record().
#include <string>
#include <vector>

#include "ekm/ops/field_spec.h"

namespace ekm::ops {

struct ResultTable {
  std::string name;                   // e.g. "link_flows", "od", "population"
  std::vector<std::string> columns;   // the first keyColumns columns identify a row
  int keyColumns = 1;
  std::vector<std::vector<Json>> rows;
  // Optional: how to draw it ("segment" = keys are road segment ids, "cell" = mesh
  // codes, "od" = origin/destination zone ids); used to make difference layers.
  std::string geometry;
};

struct OpResult {
  Json summary = Json::object();
  std::vector<ResultTable> tables;
  std::vector<std::string> outputs;   // files written
  std::vector<std::string> warnings;

  const ResultTable* table(const std::string& name) const;
};

Json toJson(const ResultTable& table);
ResultTable resultTableFromJson(const Json& j);
// {"summary", "tables": [...], "outputs", "warnings"}
Json toJson(const OpResult& result);
OpResult opResultFromJson(const Json& j);

}  // namespace ekm::ops
