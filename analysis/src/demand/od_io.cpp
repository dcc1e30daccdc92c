#include "ekm/demand/od_io.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"
#include "ekm/store/od_store.h"
#include "ekm/store/project.h"

namespace ekm::demand {

using core::ErrorContext;

int NamedOdMatrix::indexOf(const std::string& zoneId) const {
  const auto it = std::find(zoneIds.begin(), zoneIds.end(), zoneId);
  return it == zoneIds.end() ? -1 : static_cast<int>(it - zoneIds.begin());
}

namespace {

ErrorContext at(const std::string& file, std::int64_t line, const std::string& field, const std::string& expected,
                const std::string& found) {
  return ErrorContext{file, line, std::nullopt, field, expected, found};
}

double parseNumber(std::string_view s, const std::string& file, std::int64_t line, const std::string& field) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s == "inf" || s == "Infinity" || s == "+inf") return std::numeric_limits<double>::infinity();
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
    throw core::ParseError("not a number", at(file, line, field, "a number", std::string(s)));
  return v;
}

bool allNumeric(const std::vector<std::string>& ids) {
  for (const auto& s : ids) {
    if (s.empty()) return false;
    for (char c : s)
      if (c < '0' || c > '9') return false;
  }
  return true;
}

void sortZones(std::vector<std::string>& ids) {
  if (allNumeric(ids))
    std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
  else
    std::sort(ids.begin(), ids.end());
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

struct LongRow {
  std::string o, d;
  double v;
  std::int64_t line;
};

NamedOdMatrix readLong(const std::string& path, const std::string& valueColumn, const std::vector<std::string>& zones,
                       bool cost) {
  io::TextInput input(path);
  io::CsvReader csv(input);
  if (!csv.next()) throw core::ParseError("empty file", at(path, 1, "", "a header origin,destination," + valueColumn, ""));
  int co = -1, cd = -1, cv = -1;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto h = trim(csv[i]);
    if (h == "origin") co = static_cast<int>(i);
    if (h == "destination") cd = static_cast<int>(i);
    if (h == valueColumn) cv = static_cast<int>(i);
  }
  if (co < 0 || cd < 0 || cv < 0)
    throw core::ParseError("missing column", at(path, 1, co < 0 ? "origin" : cd < 0 ? "destination" : valueColumn,
                                                "columns origin, destination and " + valueColumn, ""));
  std::vector<LongRow> rows;
  std::set<std::string> seen;
  const auto need = static_cast<std::size_t>(std::max({co, cd, cv}) + 1);
  while (csv.next()) {
    if (csv.size() < need)
      throw core::ParseError("too few fields", at(path, csv.line(), "", std::to_string(need), std::to_string(csv.size())));
    LongRow r{trim(csv[co]), trim(csv[cd]), 0, csv.line()};
    r.v = parseNumber(csv[cv], path, csv.line(), valueColumn);
    if (std::isnan(r.v) || r.v < 0 || (!cost && !std::isfinite(r.v)))
      throw core::ValidationError("value must be finite and >= 0",
                                  at(path, csv.line(), valueColumn, cost ? ">= 0" : "finite, >= 0", std::string(csv[cv])));
    if (r.o.empty() || r.d.empty())
      throw core::ParseError("empty zone id", at(path, csv.line(), r.o.empty() ? "origin" : "destination", "a zone id", ""));
    seen.insert(r.o), seen.insert(r.d);
    rows.push_back(std::move(r));
  }
  NamedOdMatrix out;
  if (zones.empty()) {
    out.zoneIds.assign(seen.begin(), seen.end());
    sortZones(out.zoneIds);
  } else {
    out.zoneIds = zones;
  }
  std::unordered_map<std::string, int> index;
  for (std::size_t i = 0; i < out.zoneIds.size(); ++i) index.emplace(out.zoneIds[i], static_cast<int>(i));
  const int n = static_cast<int>(out.zoneIds.size());
  out.matrix = OdMatrix(n, cost ? std::numeric_limits<double>::infinity() : 0.0);
  std::vector<char> filled(static_cast<std::size_t>(n) * n, 0);
  for (const auto& r : rows) {
    const auto io = index.find(r.o), id = index.find(r.d);
    if (io == index.end() || id == index.end())
      throw core::ValidationError("unknown zone", at(path, r.line, io == index.end() ? "origin" : "destination",
                                                     "a zone of the zone list", io == index.end() ? r.o : r.d));
    auto& f = filled[static_cast<std::size_t>(io->second) * n + id->second];
    if (f) throw core::ValidationError("duplicate OD pair", at(path, r.line, "origin,destination", "each pair once", r.o + "," + r.d));
    f = 1;
    out.matrix(io->second, id->second) = r.v;
  }
  return out;
}

std::ofstream openOut(const std::string& path) {
  std::ofstream out(path);
  if (!out) throw core::IoError("cannot write", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  out.precision(17);
  return out;
}

}  // namespace

NamedOdMatrix readOdCsv(const std::string& path, const std::string& valueColumn, const std::vector<std::string>& zones) {
  return readLong(path, valueColumn, zones, false);
}

NamedOdMatrix readCostCsv(const std::string& path, const std::string& valueColumn, const std::vector<std::string>& zones) {
  return readLong(path, valueColumn, zones, true);
}

void writeOdCsv(const std::string& path, const NamedOdMatrix& od, bool writeZeros, const std::string& valueColumn) {
  auto f = openOut(path);
  f << "origin,destination," << valueColumn << '\n';
  const int n = od.matrix.zoneCount();
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (writeZeros || od.matrix(i, j) != 0)
        f << od.zoneIds[i] << ',' << od.zoneIds[j] << ',' << od.matrix(i, j) << '\n';
  if (!f) throw core::IoError("write failed", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
}

TripEndTable readTripEndsCsv(const std::string& path) {
  io::TextInput input(path);
  io::CsvReader csv(input);
  if (!csv.next()) throw core::ParseError("empty file", at(path, 1, "", "zone,production,attraction", ""));
  int cz = -1, cp = -1, ca = -1;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto h = trim(csv[i]);
    if (h == "zone") cz = static_cast<int>(i);
    if (h == "production") cp = static_cast<int>(i);
    if (h == "attraction") ca = static_cast<int>(i);
  }
  if (cz < 0 || cp < 0 || ca < 0)
    throw core::ParseError("missing column", at(path, 1, cz < 0 ? "zone" : cp < 0 ? "production" : "attraction",
                                                "columns zone, production, attraction", ""));
  TripEndTable t;
  std::set<std::string> seen;
  const auto need = static_cast<std::size_t>(std::max({cz, cp, ca}) + 1);
  while (csv.next()) {
    if (csv.size() < need)
      throw core::ParseError("too few fields", at(path, csv.line(), "", std::to_string(need), std::to_string(csv.size())));
    const auto z = trim(csv[cz]);
    if (!seen.insert(z).second) throw core::ValidationError("duplicate zone", at(path, csv.line(), "zone", "each zone once", z));
    const double p = parseNumber(csv[cp], path, csv.line(), "production");
    const double a = parseNumber(csv[ca], path, csv.line(), "attraction");
    for (double v : {p, a})
      if (!std::isfinite(v) || v < 0)
        throw core::ValidationError("trip ends must be finite and >= 0", at(path, csv.line(), v == p ? "production" : "attraction", ">= 0", std::to_string(v)));
    t.zoneIds.push_back(z);
    t.productions.push_back(p);
    t.attractions.push_back(a);
  }
  return t;
}

void writeTripEndsCsv(const std::string& path, const TripEndTable& ends) {
  auto f = openOut(path);
  f << "zone,production,attraction\n";
  for (std::size_t i = 0; i < ends.zoneIds.size(); ++i)
    f << ends.zoneIds[i] << ',' << ends.productions[i] << ',' << ends.attractions[i] << '\n';
}

TripEndTable alignTripEnds(const TripEndTable& ends, const std::vector<std::string>& zones) {
  TripEndTable out;
  out.zoneIds = zones;
  out.productions.assign(zones.size(), 0.0);
  out.attractions.assign(zones.size(), 0.0);
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < zones.size(); ++i) index.emplace(zones[i], i);
  for (std::size_t k = 0; k < ends.zoneIds.size(); ++k) {
    const auto it = index.find(ends.zoneIds[k]);
    if (it == index.end())
      throw core::ValidationError("trip ends name a zone that the matrix does not have",
                                  ErrorContext{"", std::nullopt, std::nullopt, "zone", "a zone of the matrix", ends.zoneIds[k]});
    out.productions[it->second] = ends.productions[k];
    out.attractions[it->second] = ends.attractions[k];
  }
  return out;
}

void writeOmxFolder(const std::string& dir, const std::vector<std::string>& zoneIds,
                    const std::map<std::string, OdMatrix>& matrices, const std::map<std::string, std::string>& attributes) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw core::IoError("cannot create folder: " + ec.message(), ErrorContext{dir, std::nullopt, std::nullopt, "", "", ""});
  const auto n = zoneIds.size();
  nlohmann::json meta;
  meta["format"] = "ekimachi-omx-folder";
  meta["version"] = 1;
  meta["shape"] = {n, n};
  meta["zone_mapping"] = "zones.csv";
  meta["matrices"] = nlohmann::json::array();
  meta["attributes"] = nlohmann::json::object();
  for (const auto& [k, v] : attributes) meta["attributes"][k] = v;
  {
    auto f = openOut(dir + "/zones.csv");
    f << "index,zone_id\n";
    for (std::size_t i = 0; i < n; ++i) f << i << ',' << zoneIds[i] << '\n';
  }
  for (const auto& [name, m] : matrices) {
    if (static_cast<std::size_t>(m.zoneCount()) != n)
      throw core::ValidationError("matrix size differs from the zone list",
                                  ErrorContext{dir, std::nullopt, std::nullopt, name, std::to_string(n), std::to_string(m.zoneCount())});
    if (name.empty() || name.find_first_of("/\\.") != std::string::npos)
      throw core::Error(core::ErrorCode::Usage, "bad matrix name", ErrorContext{"", std::nullopt, std::nullopt, "matrix", "a plain name", name});
    meta["matrices"].push_back(name);
    auto f = openOut(dir + "/" + name + ".csv");
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        if (j) f << ',';
        const double v = m(static_cast<int>(i), static_cast<int>(j));
        if (std::isinf(v)) f << "inf"; else f << v;
      }
      f << '\n';
    }
  }
  auto f = openOut(dir + "/metadata.json");
  f << meta.dump(2) << '\n';
}

NamedOdMatrix readOmxFolder(const std::string& dir, const std::string& matrixName) {
  const std::string metaPath = dir + "/metadata.json";
  std::ifstream mf(metaPath);
  if (!mf) throw core::IoError("cannot read OMX-style folder metadata", ErrorContext{metaPath, std::nullopt, std::nullopt, "", "", ""});
  nlohmann::json meta;
  try {
    mf >> meta;
  } catch (const std::exception& e) {
    throw core::ParseError(std::string("bad JSON: ") + e.what(), ErrorContext{metaPath, std::nullopt, std::nullopt, "", "", ""});
  }
  if (meta.value("format", "") != "ekimachi-omx-folder")
    throw core::ParseError("not an OMX-style folder", ErrorContext{metaPath, std::nullopt, std::nullopt, "format", "ekimachi-omx-folder", meta.value("format", "")});
  const auto matrices = meta.value("matrices", nlohmann::json::array());
  if (std::find(matrices.begin(), matrices.end(), matrixName) == matrices.end())
    throw core::ValidationError("no such matrix in the folder", ErrorContext{metaPath, std::nullopt, std::nullopt, "matrices", matrixName, matrices.dump()});
  NamedOdMatrix out;
  {
    const std::string zp = dir + "/" + meta.value("zone_mapping", std::string("zones.csv"));
    io::TextInput input(zp);
    io::CsvReader csv(input);
    csv.next();
    while (csv.next()) {
      if (csv.size() < 2) throw core::ParseError("too few fields", at(zp, csv.line(), "", "index,zone_id", ""));
      const double idx = parseNumber(csv[0], zp, csv.line(), "index");
      if (idx != static_cast<double>(out.zoneIds.size()))
        throw core::ValidationError("zone indexes must be 0..n-1 in order", at(zp, csv.line(), "index", std::to_string(out.zoneIds.size()), std::string(csv[0])));
      out.zoneIds.push_back(trim(csv[1]));
    }
  }
  const int n = static_cast<int>(out.zoneIds.size());
  const auto shape = meta.value("shape", nlohmann::json::array());
  if (shape.size() != 2 || shape[0] != n || shape[1] != n)
    throw core::ValidationError("shape differs from the zone mapping", ErrorContext{metaPath, std::nullopt, std::nullopt, "shape", std::to_string(n) + " x " + std::to_string(n), shape.dump()});
  out.matrix = OdMatrix(n);
  const std::string mp = dir + "/" + matrixName + ".csv";
  io::TextInput input(mp);
  io::CsvReader csv(input);
  int row = 0;
  while (csv.next()) {
    if (row >= n) throw core::ValidationError("too many rows", at(mp, csv.line(), "", std::to_string(n), std::to_string(row + 1)));
    if (static_cast<int>(csv.size()) != n)
      throw core::ValidationError("wrong number of columns", at(mp, csv.line(), "", std::to_string(n), std::to_string(csv.size())));
    for (int j = 0; j < n; ++j) out.matrix(row, j) = parseNumber(csv[j], mp, csv.line(), "column " + std::to_string(j));
    ++row;
  }
  if (row != n) throw core::ValidationError("too few rows", ErrorContext{mp, std::nullopt, std::nullopt, "", std::to_string(n), std::to_string(row)});
  return out;
}

void saveOdMatrix(store::Project& project, const std::string& period, const NamedOdMatrix& od) {
  if (period.empty()) throw core::Error(core::ErrorCode::Usage, "an OD matrix needs a period name");
  const int n = od.matrix.zoneCount();
  if (static_cast<int>(od.zoneIds.size()) != n)
    throw core::ValidationError("zone list and matrix differ in size", ErrorContext{"", std::nullopt, std::nullopt, "zones", std::to_string(n), std::to_string(od.zoneIds.size())});
  for (double v : od.matrix.values())
    if (!std::isfinite(v) || v < 0) throw core::ValidationError("OD trips must be finite and >= 0", ErrorContext{"", std::nullopt, std::nullopt, "trips", ">= 0", std::to_string(v)});
  // Diagonal first (every zone, in order: the zone list), then the non-zero off-diagonal cells.
  std::vector<store::OdRow> rows;
  for (int i = 0; i < n; ++i) rows.push_back({od.zoneIds[i], od.zoneIds[i], od.matrix(i, i)});
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (i != j && od.matrix(i, j) != 0) rows.push_back({od.zoneIds[i], od.zoneIds[j], od.matrix(i, j)});
  store::saveOdRows(project, period, rows);
}

NamedOdMatrix loadOdMatrix(const store::Project& project, const std::string& period) {
  const auto rows = store::odRows(project, period);
  NamedOdMatrix out;
  std::unordered_map<std::string, int> index;
  for (const auto& r : rows)
    if (r.origin == r.destination && index.emplace(r.origin, static_cast<int>(out.zoneIds.size())).second)
      out.zoneIds.push_back(r.origin);
  if (out.zoneIds.empty())
    throw core::ValidationError("no OD matrix for this period in the project",
                                ErrorContext{project.path(), std::nullopt, std::nullopt, "period", "one of the saved periods", period});
  out.matrix = OdMatrix(static_cast<int>(out.zoneIds.size()));
  for (const auto& r : rows) {
    const auto io = index.find(r.origin), id = index.find(r.destination);
    if (io == index.end() || id == index.end())
      throw core::StoreError("od_matrices names a zone without its diagonal row",
                             ErrorContext{project.path(), std::nullopt, std::nullopt, "origin/destination", "a listed zone",
                                          r.origin + "," + r.destination});
    out.matrix(io->second, id->second) = r.trips;
  }
  return out;
}

std::vector<std::string> odPeriods(const store::Project& project) { return store::odPeriods(project); }

void deleteOdMatrix(store::Project& project, const std::string& period) { store::deleteOdPeriod(project, period); }

}  // namespace ekm::demand
