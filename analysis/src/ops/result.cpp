// Generic operation results and their JSON form.
#include "ekm/ops/result.h"
#include "ekm/ops/result_geometry.h"

#include <ogr_geometry.h>

#include <memory>

namespace ekm::ops {

const ResultTable* OpResult::table(const std::string& name) const {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

std::string rowWkt(const ResultTable& table, const std::vector<Json>& row) {
  if (table.geometry != kWktGeometry) return {};
  for (std::size_t c = 0; c < table.columns.size() && c < row.size(); ++c)
    if (table.columns[c] == kGeometryWktColumn) return row[c].is_string() ? row[c].get<std::string>() : std::string();
  return {};
}

std::vector<std::pair<double, double>> wktLineVertices(const std::string& wkt) {
  std::vector<std::pair<double, double>> out;
  OGRGeometry* parsed = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &parsed) != OGRERR_NONE || !parsed) return out;
  const std::unique_ptr<OGRGeometry, decltype(&OGRGeometryFactory::destroyGeometry)> g(parsed,
                                                                                       &OGRGeometryFactory::destroyGeometry);
  auto add = [&out](const OGRLineString& line) {
    for (int i = 0; i < line.getNumPoints(); ++i) out.emplace_back(line.getX(i), line.getY(i));
  };
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbLineString) {
    add(*g->toLineString());
  } else if (type == wkbMultiLineString && g->toMultiLineString()->getNumGeometries() > 0) {
    add(*g->toMultiLineString()->getGeometryRef(0));
  }
  return out;
}

Json toJson(const ResultTable& table) {
  Json j = Json::object();
  j["name"] = table.name;
  j["columns"] = table.columns;
  j["key_columns"] = table.keyColumns;
  if (!table.geometry.empty()) j["geometry"] = table.geometry;
  Json rows = Json::array();
  for (const auto& r : table.rows) rows.push_back(Json(r));
  j["rows"] = std::move(rows);
  return j;
}

ResultTable resultTableFromJson(const Json& j) {
  ResultTable t;
  t.name = j.at("name").get<std::string>();
  t.columns = j.at("columns").get<std::vector<std::string>>();
  t.keyColumns = j.value("key_columns", 1);
  t.geometry = j.value("geometry", std::string());
  for (const auto& r : j.at("rows")) {
    std::vector<Json> row;
    for (const auto& v : r) row.push_back(v);
    t.rows.push_back(std::move(row));
  }
  return t;
}

Json toJson(const OpResult& result) {
  Json j = Json::object();
  j["summary"] = result.summary;
  Json tables = Json::array();
  for (const auto& t : result.tables) tables.push_back(toJson(t));
  j["tables"] = std::move(tables);
  j["outputs"] = result.outputs;
  j["warnings"] = result.warnings;
  return j;
}

OpResult opResultFromJson(const Json& j) {
  OpResult r;
  r.summary = j.value("summary", Json::object());
  for (const auto& t : j.value("tables", Json::array())) r.tables.push_back(resultTableFromJson(t));
  r.outputs = j.value("outputs", std::vector<std::string>{});
  r.warnings = j.value("warnings", std::vector<std::string>{});
  return r;
}

}  // namespace ekm::ops
