#pragma once
// Helpers of the demand CLI end-to-end tests: tiny street networks drawn in the
// plane-rectangular CRS (EPSG:6677, metres) as project road_segments, CSV rows by key; running
// ekimachi-cli and temporary folders come from tests/support.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/geo/transformer.h"
#include "ekm/io/importers.h"
#include "ekm/store/project.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace ekm_demand_test {

namespace fs = std::filesystem;

// The shared runner and temporary folders (tests/support), by their names in these tests.
using ekm_test::cli;
using ekm_test::CliRun;
using ekm_test::run;
using ekm_test::TempDir;
inline void write(const fs::path& path, const std::string& text) { ekm_test::writeFile(path, text); }

// Plane coordinates (metres from an origin near Takanawa Gateway, EPSG:6677) -> lon/lat.
class Sketch {
 public:
  Sketch() : m_tr(6677) { std::tie(m_x0, m_y0) = m_tr.forward(139.74, 35.63); }
  std::string lonLat(double x, double y) const {
    const auto [lon, lat] = m_tr.inverse(m_x0 + x, m_y0 + y);
    char buf[96];
    std::snprintf(buf, sizeof buf, "[%.12f,%.12f]", lon, lat);
    return buf;
  }
  std::pair<double, double> point(double x, double y) const { return m_tr.inverse(m_x0 + x, m_y0 + y); }
  // A street: id, crossing flag, plane vertices.
  void street(const std::string& id, bool crossing, const std::vector<std::pair<double, double>>& xy) {
    std::string c;
    for (const auto& [x, y] : xy) c += (c.empty() ? "" : ",") + lonLat(x, y);
    m_features.push_back(
        "{\"type\":\"Feature\",\"properties\":{\"segment_id\":\"" + id +
        "\",\"road_class\":\"residential\",\"oneway\":0,\"crossing\":" + (crossing ? "1" : "0") +
        "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[" + c + "]}}");
  }
  std::string geojson() const {
    std::string s = "{\"type\":\"FeatureCollection\",\"features\":[\n";
    for (std::size_t i = 0; i < m_features.size(); ++i) s += (i ? ",\n" : "") + m_features[i];
    return s + "\n]}\n";
  }
  std::string zonesCsv(const std::vector<std::tuple<std::string, double, double>>& zones) const {
    std::string s = "zone,lon,lat\n";
    char buf[128];
    for (const auto& [id, x, y] : zones) {
      const auto [lon, lat] = point(x, y);
      std::snprintf(buf, sizeof buf, "%s,%.12f,%.12f\n", id.c_str(), lon, lat);
      s += buf;
    }
    return s;
  }

 private:
  ekm::geo::Transformer m_tr;
  double m_x0 = 0, m_y0 = 0;
  std::vector<std::string> m_features;
};

// A project with the sketch's streets as road_segments.
inline void makeProject(const std::string& gpkg, const std::string& segmentsGeojson) {
  fs::remove(gpkg);
  auto project = ekm::store::Project::create(gpkg);
  ekm::core::Feedback fb;
  ekm::io::importFile(project, ekm::io::ImportKind::Segments, segmentsGeojson, {}, fb);
}

// CSV rows keyed by "segment_id from-to" (volumes of the link difference file).
inline std::map<std::string, std::map<std::string, std::string>> readCsvBy(
    const std::string& path, const std::vector<std::string>& keyColumns) {
  std::ifstream f(path);
  std::string line;
  std::getline(f, line);
  std::vector<std::string> header;
  std::stringstream hs(line);
  for (std::string h; std::getline(hs, h, ',');) header.push_back(h);
  std::map<std::string, std::map<std::string, std::string>> rows;
  while (std::getline(f, line)) {
    std::stringstream ls(line);
    std::map<std::string, std::string> row;
    std::size_t i = 0;
    for (std::string v; std::getline(ls, v, ',');) row[header.at(i++)] = v;
    std::string key;
    for (const auto& k : keyColumns) key += (key.empty() ? "" : " ") + row[k];
    rows[key] = row;
  }
  return rows;
}

inline double num(const std::map<std::string, std::string>& row, const std::string& column) {
  return std::stod(row.at(column));
}

}  // namespace ekm_demand_test
