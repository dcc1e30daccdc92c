#include "ekm/io/importers.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "ekm/io/sha256.h"
#include "ekm/store/series.h"
#include "import_common.h"

namespace ekm::io {

using core::Error;
using core::ErrorCode;
using core::ParseError;
using core::ValidationError;

const char* importKindName(ImportKind kind) {
  switch (kind) {
    case ImportKind::MeshPopulation: return "mesh-population";
    case ImportKind::Segments: return "segments";
    case ImportKind::SegmentCounts: return "segment-counts";
    case ImportKind::Stations: return "stations";
    case ImportKind::StationRidership: return "station-ridership";
  }
  return "?";
}

const char* importTable(ImportKind kind) {
  switch (kind) {
    case ImportKind::MeshPopulation: return store::seriesKindTable(store::SeriesKind::MeshPopulation);
    case ImportKind::Segments: return "road_segments";
    case ImportKind::SegmentCounts: return store::seriesKindTable(store::SeriesKind::SegmentCounts);
    case ImportKind::Stations: return "stations";
    case ImportKind::StationRidership: return store::seriesKindTable(store::SeriesKind::StationRidership);
  }
  return "";
}

ImportKind importKindFromName(const std::string& name) {
  for (auto k : {ImportKind::MeshPopulation, ImportKind::Segments, ImportKind::SegmentCounts, ImportKind::Stations,
                 ImportKind::StationRidership})
    if (name == importKindName(k)) return k;
  throw Error(ErrorCode::Usage, "unknown import kind",
              ctx("", std::nullopt, std::nullopt, "KIND",
                  "mesh-population, segments, segment-counts, stations or station-ridership", name));
}

namespace detail {

Session::Session(store::Project& p, ImportKind k, std::string file, const ImportOptions& o, core::Feedback& f)
    : project(p), path(std::move(file)), kind(k), options(o), feedback(f) {}

Session::~Session() {
  hashStop.store(true);
  if (hashFuture.valid()) hashFuture.wait();
}

void Session::finishHash() {
  if (!hashFuture.valid()) return;
  result.sha256 = hashFuture.get();
  if (!options.force && store::isImported(project, result.sha256))
    throw Error(ErrorCode::Duplicate, "this file was already imported into the project (use --force to import it again)",
                ctx(path, std::nullopt, std::nullopt, "", "a file not in the import log", "SHA-256 " + result.sha256));
  hashChecked = true;
}

void Session::poll(double fraction) {
  if (feedback.isCancelled()) throw core::CancelledError();
  feedback.setProgress(std::clamp(fraction, 0.0, 1.0) * 100.0);
  if (!hashChecked && hashFuture.valid() &&
      hashFuture.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    finishHash();
}

// ---------------------------------------------------------------- CsvSource

CsvSource::CsvSource(Session& s) : input(s.path, s.encoding), reader(input, s.mapping.delimiter) {
  std::vector<std::string> header;
  if (s.mapping.header) {
    if (!reader.next())
      throw ParseError("empty file", ctx(s.path, 1, std::nullopt, "", "a header row", "nothing"));
    for (auto f : reader.fields()) header.emplace_back(trim(f));
  } else {
    header = s.mapping.names;
    firstRowPending = reader.next();
  }
  domain::checkHeader(header, s.path);
  columns.emplace(s.mapping, std::move(header), s.path);
}

bool CsvSource::next() {
  if (firstRowPending) {
    firstRowPending = false;
  } else if (!reader.next()) {
    return false;
  }
  if (reader.size() != columns->columnCount()) {
    throw ParseError(reader.size() > columns->columnCount() ? "too many fields" : "too few fields",
                     ctx(reader.path(), reader.line(), std::nullopt, "",
                         std::to_string(columns->columnCount()) + " fields as in the header",
                         std::to_string(reader.size()) + " fields"));
  }
  return true;
}

// ---------------------------------------------------------------- parsers

bool parseInt(std::string_view s, std::int64_t& out) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool parseDouble(std::string_view s, double& out) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  // Plain counts (up to 15 digits: exact in a double) without from_chars.
  if (s.size() <= 15) {
    std::uint64_t v = 0;
    std::size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
    if (i == s.size()) {
      out = static_cast<double>(v);
      return true;
    }
  }
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

bool parseDateDays(std::string_view s, std::int64_t& days) {
  s = trim(s);
  if (s.find('/') != std::string_view::npos) {  // YYYY/M/D
    int parts[3] = {0, 0, 0};
    int idx = 0, digits = 0;
    for (char c : s) {
      if (c == '/') {
        if (digits == 0 || ++idx > 2) return false;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        parts[idx] = parts[idx] * 10 + (c - '0');
        if (++digits > 4) return false;
      } else {
        return false;
      }
    }
    if (idx != 2 || digits == 0) return false;
    const std::chrono::year_month_day d{std::chrono::year(parts[0]), std::chrono::month(unsigned(parts[1])),
                                        std::chrono::day(unsigned(parts[2]))};
    if (!d.ok() || parts[0] < 1000) return false;
    days = core::daysFromCivil(d);
    return true;
  }
  const auto d = core::parseDate(s);
  if (!d) return false;
  days = core::daysFromCivil(*d);
  return true;
}

bool parseDateTime(std::string_view s, core::HourKey& key) {
  s = trim(s);
  if (s.size() >= 10 && s.size() < 64 && s[4] == '/' ) {
    // "YYYY/MM/DD HH:MM" -> ISO form
    char buf[64];
    std::copy(s.begin(), s.end(), buf);
    for (std::size_t i = 0; i < 10; ++i)
      if (buf[i] == '/') buf[i] = '-';
    s = std::string_view(buf, s.size());
    const auto k = core::parseIsoDateTimeToHourKey(s);
    if (!k) return false;
    key = *k;
    return true;
  }
  const auto k = core::parseIsoDateTimeToHourKey(s);
  if (!k) return false;
  key = *k;
  return true;
}

void TimeColumns::resolve(ColumnResolver& columns, const std::string& file) {
  m_datetime = columns.find("datetime", {"timestamp", "time", "date_time"});
  if (m_datetime) {
    m_datetimeName = columns.header()[*m_datetime];
    return;
  }
  m_date = columns.find("date", {"day"});
  m_hour = columns.find("hour", {"hh"});
  if (!m_date || !m_hour) {
    std::string found;
    for (const auto& h : columns.header()) found += (found.empty() ? "" : ",") + h;
    throw ParseError("missing column", ctx(file, 1, std::nullopt, m_date ? "hour" : "date",
                                           "either a 'datetime' (or 'timestamp') column or 'date' and 'hour' columns",
                                           found));
  }
  m_dateName = columns.header()[*m_date];
  m_hourName = columns.header()[*m_hour];
}

core::HourKey TimeColumns::parse(const CsvReader& row, const std::string& file) {
  if (m_datetime) {
    const std::string_view text = row[*m_datetime];
    if (text == m_lastDatetimeText && !text.empty()) return m_lastKey;
    core::HourKey key = 0;
    if (!parseDateTime(text, key))
      throw ParseError("bad timestamp", ctx(file, row.line(), std::nullopt, m_datetimeName,
                                            "an ISO 8601 date-time on the hour such as 2025-03-27T10:00 (JST unless "
                                            "an offset like Z or +09:00 is given)",
                                            std::string(text)));
    domain::checkDateDays(key >= 0 ? key / 24 : (key - 23) / 24,
                          domain::Where{file, row.line(), std::nullopt, m_datetimeName});
    m_lastDatetimeText.assign(text);
    m_lastKey = key;
    return key;
  }
  const std::string_view dateText = row[*m_date];
  if (dateText != m_lastDateText || m_lastDateText.empty()) {
    std::int64_t days = 0;
    if (!parseDateDays(dateText, days))
      throw ParseError("bad date", ctx(file, row.line(), std::nullopt, m_dateName, "a date YYYY-MM-DD",
                                       std::string(dateText)));
    domain::checkDateDays(days, domain::Where{file, row.line(), std::nullopt, m_dateName});
    m_lastDateText.assign(dateText);
    m_lastDays = days;
  }
  std::int64_t hour = -1;
  if (!parseInt(row[*m_hour], hour) || hour < 0 || hour > 23)
    throw ParseError("bad hour", ctx(file, row.line(), std::nullopt, m_hourName, "an hour 0-23 (JST)",
                                     std::string(row[*m_hour])));
  return m_lastDays * 24 + hour - core::kJstOffsetHours;
}

std::optional<double> parseCount(Session& s, const CsvReader& row, std::size_t column, const std::string& columnName,
                                 const char* what) {
  return parseCount(s, s.result.missingValues, row, column, columnName, what);
}

std::optional<double> parseCount(const Session& s, std::int64_t& missing, const CsvReader& row, std::size_t column,
                                 const std::string& columnName, const char* what) {
  const std::string_view raw = row[column];
  const std::string_view v = trim(raw);
  if (v.empty() || isMissingToken(s.mapping, v)) {
    ++missing;
    return std::nullopt;
  }
  double value = 0;
  if (!parseDouble(v, value))
    throw ParseError(std::string("bad ") + what, ctx(s.path, row.line(), std::nullopt, columnName,
                                                     "a number (or a missing-value token such as '*', '-' or blank)",
                                                     std::string(raw)));
  if (value < 0)
    throw ValidationError(std::string("negative ") + what,
                          ctx(s.path, row.line(), std::nullopt, columnName, "a value >= 0", std::string(raw)));
  // The context (two string copies) only for a value that fails (it was 5 % of a parse).
  if (!(std::isfinite(value) && value >= 0 && value <= s.limits.maxCount))
    domain::checkCount(value, domain::Where{s.path, row.line(), std::nullopt, columnName}, s.limits);
  return value;
}

std::string_view translate(const ColumnMapping& mapping, const std::string& field, std::string_view value) {
  const auto it = mapping.values.find(field);
  if (it == mapping.values.end()) return value;
  const auto v = it->second.find(std::string(value));
  return v == it->second.end() ? value : std::string_view(v->second);
}

void writeImportLog(Session& s) {
  nlohmann::json opts;
  if (!s.options.mappingFile.empty()) opts["mapping"] = s.options.mappingFile;
  if (!s.options.inlineMapping.empty()) opts["inline_mapping"] = nlohmann::json::parse(s.options.inlineMapping);
  opts["preset"] = s.mapping.preset;
  opts["encoding"] = textEncodingName(s.encoding);
  if (!s.options.idField.empty()) opts["id_field"] = s.options.idField;
  if (s.options.force) opts["force"] = true;
  opts["missing_values"] = s.result.missingValues;
  opts["features_created"] = s.result.featuresCreated;
  std::string abs = s.path;
  std::error_code ec;
  const auto a = std::filesystem::absolute(s.path, ec);
  if (!ec) abs = a.string();
  store::logImport(s.project, abs, s.result.sha256, importKindName(s.kind), s.result.rowsStored, opts.dump());
}

namespace {

bool isCsvPath(const std::string& path) {
  std::string p;
  for (char c : path) p += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](const char* suffix) {
    const std::string s(suffix);
    return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0;
  };
  return ends(".csv") || ends(".csv.gz") || ends(".txt") || ends(".tsv") || ends(".txt.gz") || ends(".tsv.gz");
}

void runKind(Session& s, ImportKind kind, const std::string& path) {
  switch (kind) {
    case ImportKind::MeshPopulation: importMeshPopulation(s); break;
    case ImportKind::SegmentCounts: importSegmentCounts(s); break;
    case ImportKind::StationRidership: importStationRidership(s); break;
    case ImportKind::Segments:
      if (isCsvPath(path))
        throw Error(ErrorCode::Usage, "segments need a vector source with line geometry",
                    ctx(path, std::nullopt, std::nullopt, "", "GeoJSON, Shapefile or GeoPackage", "a CSV file"));
      importSegments(s);
      break;
    case ImportKind::Stations: importStations(s); break;
  }
}

// SHA-256 of the raw source: the file's bytes (as `sha256sum` prints it). For sources
// made of several files (a Shapefile with its .dbf/.shx/.prj, or a directory), the
// concatenation of the member files' bytes in name order.
std::string hashSource(const std::string& path, const std::atomic<bool>* stop) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec))
      if (e.is_regular_file()) files.push_back(e.path());
  } else {
    fs::path p(path);
    std::string ext = p.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".shp") return sha256File(path, stop);
    files.push_back(p);
    for (const char* side : {".dbf", ".shx", ".prj", ".cpg", ".DBF", ".SHX", ".PRJ", ".CPG"}) {
      fs::path q = p;
      q.replace_extension(side);
      if (fs::exists(q, ec)) files.push_back(q);
    }
  }
  std::sort(files.begin(), files.end());
  Sha256 sha;
  std::vector<char> buf(1 << 20);
  for (const auto& f : files) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> fp(std::fopen(f.c_str(), "rb"), &std::fclose);
    if (!fp) throw core::IoError("cannot open file for reading", ctx(f.string()));
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), fp.get())) > 0) {
      if (stop && stop->load()) return {};
      sha.update(buf.data(), n);
    }
  }
  return sha.hexDigest();
}

}  // namespace
}  // namespace detail

ImportResult importFile(store::Project& project, ImportKind kind, const std::string& path,
                        const ImportOptions& options, core::Feedback& feedback) {
  using namespace detail;
  const auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw core::IoError("file not found", ctx(path));
  if (std::filesystem::is_directory(path, ec) && kind != ImportKind::Segments && kind != ImportKind::Stations)
    throw core::IoError("is a directory, expected a file", ctx(path));

  Session s(project, kind, path, options, feedback);
  s.mapping = presetMapping(options.preset);
  if (!options.mappingFile.empty()) s.mapping = loadColumnMapping(options.mappingFile, s.mapping);
  if (!options.inlineMapping.empty())
    s.mapping = columnMappingFromJson(options.inlineMapping, options.inlineMappingSource, s.mapping);
  if (s.mapping.meshLayout != MeshLayout::Hourly && kind != ImportKind::MeshPopulation)
    throw Error(ErrorCode::Usage, "preset only applies to mesh-population imports",
                ctx("", std::nullopt, std::nullopt, "preset", "default", s.mapping.preset));
  s.encoding = textEncodingFromName(!options.encoding.empty() ? options.encoding : s.mapping.encoding);
  if (options.maxCount) s.limits.maxCount = *options.maxCount;
  else if (s.mapping.maxCount) s.limits.maxCount = *s.mapping.maxCount;

  s.hashFuture = std::async(std::launch::async, [&s] { return hashSource(s.path, &s.hashStop); });

  feedback.setProgress(0);
  {
    store::BulkLoad bulk(s.project);
    store::Transaction tx(s.project);
    // Small files: know the hash before reading rows, so that a re-import is refused as
    // such (and not as a duplicate key). Big files are checked as soon as the background
    // hash is ready, and on any error (a row error in a re-imported file means "already
    // imported").
    std::error_code sizeEc;
    const auto size = std::filesystem::is_regular_file(path, sizeEc) ? std::filesystem::file_size(path, sizeEc) : 0;
    if (size < (std::uintmax_t{64} << 20)) s.finishHash();
    try {
      runKind(s, kind, path);
    } catch (const core::CancelledError&) {
      throw;
    } catch (const Error& e) {
      if (!s.hashChecked && !options.force && e.code() != ErrorCode::Io) s.finishHash();
      throw;
    }
    if (feedback.isCancelled()) throw core::CancelledError();
    s.finishHash();
    writeImportLog(s);
    if (feedback.isCancelled()) throw core::CancelledError();
    if (options.rehearsal)
      options.rehearsal(s.project);  // and tx rolls back
    else
      tx.commit();
  }
  feedback.setProgress(100);
  s.result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return s.result;
}

}  // namespace ekm::io
