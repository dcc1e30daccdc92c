// GTFS / GTFS-JP reader and validator (gtfs_reader.h).
#include "ekm/io/gtfs_reader.h"

#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ekm/core/time.h"
#include "ekm/geo/length.h"
#include "ekm/io/domain_checks.h"
#include "ekm/io/text_input.h"

namespace ekm::io {

using store::GtfsFeed;
using Severity = GtfsProblem::Severity;

namespace {

core::ErrorContext contextOf(const GtfsProblem& p) {
  core::ErrorContext c;
  c.file = p.file;
  if (p.line > 0) c.line = p.line;
  c.field = p.field;
  c.expected = p.expected;
  c.found = p.found;
  return c;
}

std::string refusedSummary(std::int64_t fatalCount) {
  return "GTFS feed refused: " + std::to_string(fatalCount) + (fatalCount == 1 ? " fatal problem" : " fatal problems");
}

constexpr std::size_t kListedProblems = 20;

// The first fatal problems, each with its own context.
std::vector<core::ErrorDetail> refusedDetails(const std::vector<GtfsProblem>& problems) {
  std::vector<core::ErrorDetail> details;
  for (const auto& p : problems) {
    if (!p.fatal()) continue;
    if (details.size() == kListedProblems) break;
    details.push_back({p.message, contextOf(p)});
  }
  return details;
}

bool moreThanListed(const std::vector<GtfsProblem>& problems) {
  return static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(),
                                                [](const GtfsProblem& p) { return p.fatal(); })) > kListedProblems;
}

}  // namespace

std::string GtfsProblem::format() const { return core::Error::format(message, contextOf(*this)); }

GtfsFeedError::GtfsFeedError(std::vector<GtfsProblem> problems, std::int64_t fatalCount)
    : core::ValidationError(
          core::ErrorDetails::text(refusedSummary(fatalCount), refusedDetails(problems), moreThanListed(problems))),
      core::ErrorDetails(refusedSummary(fatalCount), refusedDetails(problems), moreThanListed(problems)),
      m_problems(std::move(problems)) {}

bool parseGtfsTime(std::string_view s, std::int32_t& seconds) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  const auto c1 = s.find(':');
  if (c1 == std::string_view::npos || c1 == 0 || c1 > 3 || s.size() != c1 + 6 || s[c1 + 3] != ':') return false;
  int parts[3] = {0, 0, 0};
  const std::string_view pieces[3] = {s.substr(0, c1), s.substr(c1 + 1, 2), s.substr(c1 + 4, 2)};
  for (int i = 0; i < 3; ++i) {
    for (char c : pieces[i])
      if (c < '0' || c > '9') return false;
    std::from_chars(pieces[i].data(), pieces[i].data() + pieces[i].size(), parts[i]);
  }
  if (parts[1] > 59 || parts[2] > 59) return false;
  seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
  return true;
}

bool parseGtfsDate(std::string_view s, std::string& iso) {
  if (s.size() != 8) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const unsigned m = unsigned((s[4] - '0') * 10 + (s[5] - '0'));
  const unsigned d = unsigned((s[6] - '0') * 10 + (s[7] - '0'));
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok() || y < domain::kDefaultLimits.minYear || y > domain::kDefaultLimits.maxYear) return false;
  iso = core::formatDate(ymd);
  return true;
}

namespace {

// ---------------------------------------------------------------- files and CSV

struct CsvTable {
  std::string file;  // "stops.txt"
  bool present = false;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> lines;
  int col(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  }
};

class Problems {
 public:
  explicit Problems(GtfsReadResult& r, const core::Feedback* feedback = nullptr) : m_r(r), m_feedback(feedback) {}
  // Every long loop (rows of a table, bytes of a file) calls this once per item.
  void cancelPoint(std::size_t i) const {
    if ((i & 8191) == 0 && m_feedback) m_feedback->throwIfCancelled();
  }
  void add(Severity s, const std::string& file, std::int64_t line, const std::string& field, std::string message,
           std::string expected = {}, std::string found = {}) {
    (s == Severity::Fatal ? m_r.fatalCount : m_r.warningCount)++;
    if (m_r.problems.size() < kMaxGtfsProblems)
      m_r.problems.push_back({s, file, line, field, std::move(message), std::move(expected), domain::quoteValue(found)});
  }
  void fatal(const std::string& file, std::int64_t line, const std::string& field, std::string message,
             std::string expected = {}, std::string found = {}) {
    add(Severity::Fatal, file, line, field, std::move(message), std::move(expected), std::move(found));
  }
  void warn(const std::string& file, std::int64_t line, const std::string& field, std::string message,
            std::string expected = {}, std::string found = {}) {
    add(Severity::Warning, file, line, field, std::move(message), std::move(expected), std::move(found));
  }

 private:
  GtfsReadResult& m_r;
  const core::Feedback* m_feedback;
};

// Parses RFC 4180 CSV text (quotes, "" escapes, CRLF/LF; a UTF-8 BOM is dropped).
void parseCsv(std::string_view text, CsvTable& t, Problems& problems) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::int64_t line = 1;
  std::size_t i = 0;
  std::vector<std::string> fields;
  bool first = true;
  while (i < text.size()) {
    problems.cancelPoint(static_cast<std::size_t>(line));
    const std::int64_t startLine = line;
    fields.clear();
    std::string field;
    bool quoted = false, inQuotes = false, endOfRecord = false;
    while (i < text.size() && !endOfRecord) {
      const char c = text[i];
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
          } else {
            inQuotes = false;
            ++i;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
      } else if (c == '"' && field.empty() && !quoted) {
        inQuotes = quoted = true;
        ++i;
      } else if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
        quoted = false;
        ++i;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        endOfRecord = true;
      } else {
        field += c;
        ++i;
      }
    }
    if (inQuotes) {
      problems.fatal(t.file, startLine, "", "unterminated quoted field", "a closing quote", "end of file");
      return;
    }
    fields.push_back(std::move(field));
    if (fields.size() == 1 && fields[0].empty()) continue;  // an empty line
    if (!quoted)
      for (auto& f : fields) {  // fields are trimmed of spaces (a common producer quirk)
        const auto b = f.find_first_not_of(' ');
        const auto e = f.find_last_not_of(' ');
        f = b == std::string::npos ? std::string() : f.substr(b, e - b + 1);
      }
    for (std::size_t k = 0; k < fields.size(); ++k)  // ids and names: no NUL or control characters
      if (std::any_of(fields[k].begin(), fields[k].end(), [](char ch) {
            const auto c = static_cast<unsigned char>(ch);
            return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
          })) {
        problems.fatal(t.file, startLine, first || k >= t.header.size() ? "" : t.header[k],
                       "control character in a field", "text without NUL or control characters", fields[k]);
        fields[k].clear();
      }
    if (first) {
      for (std::size_t k = 0; k < fields.size(); ++k)
        for (std::size_t j = 0; j < k; ++j)
          if (!fields[k].empty() && fields[k] == fields[j])
            problems.fatal(t.file, startLine, fields[k], "repeated header column", "each column name once",
                           "'" + fields[k] + "' in columns " + std::to_string(j + 1) + " and " + std::to_string(k + 1));
      t.header = fields;
      first = false;
      continue;
    }
    if (fields.size() != t.header.size()) {
      problems.fatal(t.file, startLine, "", fields.size() > t.header.size() ? "too many fields" : "too few fields",
                     std::to_string(t.header.size()) + " fields as in the header",
                     std::to_string(fields.size()) + " fields");
      continue;
    }
    t.rows.push_back(fields);
    t.lines.push_back(startLine);
  }
  if (first) problems.fatal(t.file, 1, "", "empty file", "a header row", "nothing");
}

struct FeedFiles {
  std::string base;  // VSI path of the folder holding agency.txt
  std::set<std::string> names;
  bool found() const { return names.count("agency.txt") || names.count("stops.txt"); }
};

FeedFiles locateFeed(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw core::IoError("GTFS feed not found", {path, std::nullopt, std::nullopt, "", "a .zip file or a folder", "nothing"});
  FeedFiles f;
  f.base = fs::is_directory(path, ec) ? path : "/vsizip/" + fs::absolute(path).string();
  for (int depth = 0; depth < 2; ++depth) {
    char** list = VSIReadDir(f.base.c_str());
    if (!list)
      throw core::IoError("cannot read the GTFS feed (not a zip file or folder?)",
                          {path, std::nullopt, std::nullopt, "", "a .zip file or a folder of .txt files", ""});
    std::vector<std::string> entries;
    for (char** p = list; *p; ++p) entries.emplace_back(*p);
    CSLDestroy(list);
    f.names.clear();
    for (const auto& e : entries)
      if (e.size() > 4 && e.compare(e.size() - 4, 4, ".txt") == 0) f.names.insert(e);
    if (f.found()) break;
    // one sub-folder (zips made of a folder)
    std::vector<std::string> dirs;
    for (const auto& e : entries) {
      VSIStatBufL st;
      if (e != "." && e != ".." && e != "__MACOSX" && VSIStatL((f.base + "/" + e).c_str(), &st) == 0 &&
          VSI_ISDIR(st.st_mode))
        dirs.push_back(e);
    }
    if (dirs.size() != 1) break;
    f.base += "/" + dirs.front();
  }
  return f;
}

std::string readAll(const std::string& vsiPath, const std::string& display) {
  VSILFILE* fp = VSIFOpenL(vsiPath.c_str(), "rb");
  if (!fp) throw core::IoError("cannot open", {display, std::nullopt, std::nullopt, "", "a readable file", ""});
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const std::size_t n = VSIFReadL(buf, 1, sizeof buf, fp);
    data.append(buf, n);
    if (n < sizeof buf) break;
  }
  VSIFCloseL(fp);
  return data;
}

// ---------------------------------------------------------------- row access

class Row {
 public:
  Row(const CsvTable& t, std::size_t r, Problems& p) : m_t(t), m_r(r), m_p(p) {}
  std::int64_t line() const { return m_t.lines[m_r]; }
  std::string str(std::string_view name) const {
    const int c = m_t.col(name);
    return c < 0 ? std::string() : m_t.rows[m_r][static_cast<std::size_t>(c)];
  }
  std::string required(std::string_view name) const {
    auto v = str(name);
    if (v.empty()) fatal(name, "required value missing", "a value", "an empty field");
    return v;
  }
  // An integer or number in [lo, hi]; empty gives nullopt (or a fatal problem when required).
  std::optional<int> integer(std::string_view name, int lo, int hi, bool required = false) const {
    return parsed<int>(name, lo, hi, required, "an integer");
  }
  std::optional<double> number(std::string_view name, double lo, double hi, bool required = false) const {
    return parsed<double>(name, lo, hi, required, "a number");
  }
  std::string date(std::string_view name, bool required) const {
    const auto v = str(name);
    std::string iso;
    if (v.empty()) {
      if (required) fatal(name, "required value missing", "a date YYYYMMDD", "an empty field");
    } else if (!parseGtfsDate(v, iso)) {
      fatal(name, "invalid date", "a date YYYYMMDD in the years 1900..2100", v);
    }
    return iso;
  }
  void fatal(std::string_view field, std::string message, std::string expected, std::string found) const {
    m_p.fatal(m_t.file, line(), std::string(field), std::move(message), std::move(expected), std::move(found));
  }
  void warn(std::string_view field, std::string message, std::string expected, std::string found) const {
    m_p.warn(m_t.file, line(), std::string(field), std::move(message), std::move(expected), std::move(found));
  }

 private:
  template <class T>
  std::optional<T> parsed(std::string_view name, T lo, T hi, bool required, const char* kind) const {
    const auto v = str(name);
    if (v.empty()) {
      if (required) fatal(name, "required value missing", kind, "an empty field");
      return std::nullopt;
    }
    T x{};
    const auto r = std::from_chars(v.data(), v.data() + v.size(), x);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !(x >= lo && x <= hi)) {
      fatal(name, "invalid value", std::string(kind) + " in " + fmt(lo) + ".." + fmt(hi), v);
      return std::nullopt;
    }
    return x;
  }
  static std::string fmt(double x) {
    char b[32];
    std::snprintf(b, sizeof b, "%.10g", x);
    return b;
  }
  const CsvTable& m_t;
  std::size_t m_r;
  Problems& m_p;
};

// Checks a table's required columns (each missing one is fatal, line 1).
bool requireColumns(const CsvTable& t, std::initializer_list<const char*> cols, Problems& p) {
  bool ok = true;
  for (const char* c : cols)
    if (t.col(c) < 0) {
      std::string found;
      for (const auto& h : t.header) found += (found.empty() ? "" : ",") + h;
      p.fatal(t.file, 1, c, "required column missing", std::string("a column '") + c + "'", found);
      ok = false;
    }
  return ok;
}

template <class Fn>
void forRows(const CsvTable& t, Problems& p, Fn&& fn) {
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    p.cancelPoint(r);
    fn(Row(t, r, p));
  }
}

bool isHexColor(const std::string& s) {
  return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

bool validRouteType(int t) { return (t >= 0 && t <= 7) || t == 11 || t == 12 || (t >= 100 && t <= 1702); }

// ---------------------------------------------------------------- the reader

class Reader {
 public:
  Reader(GtfsReadResult& r, core::Feedback& fb) : m_r(r), m_f(r.feed), m_p(r, &fb), m_fb(fb) {}

  void run(const std::string& path) {
    const auto files = locateFeed(path);
    m_r.files.assign(files.names.begin(), files.names.end());
    const char* names[] = {"agency.txt",     "agency_jp.txt",      "office_jp.txt", "stops.txt",
                           "routes.txt",     "routes_jp.txt",      "pattern_jp.txt", "trips.txt",
                           "stop_times.txt", "calendar.txt",       "calendar_dates.txt", "shapes.txt",
                           "fare_attributes.txt", "fare_rules.txt", "feed_info.txt", "translations.txt"};
    int k = 0;
    for (const char* n : names) {
      CsvTable& t = m_tables[n];
      t.file = n;
      if (files.names.count(n)) {
        t.present = true;
        const std::string text = readAll(files.base + "/" + n, path + ":" + n);
        const std::size_t bad = validateUtf8(text);
        if (bad != text.size()) {
          const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
          m_p.fatal(n, line, "", "not UTF-8 text (GTFS files are UTF-8)", "UTF-8", "an invalid byte sequence");
        }
        parseCsv(text, t, m_p);  // also when refused, to report the feed's other problems
        m_r.rowsRead += static_cast<std::int64_t>(t.rows.size());
      }
      progress(0.4 * ++k / 16);
    }
    for (const char* n : {"agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt"})
      if (!m_tables[n].present) m_p.fatal(n, 0, "", "required file missing", n, "no such file in the feed");
    if (!m_tables["calendar.txt"].present && !m_tables["calendar_dates.txt"].present)
      m_p.fatal("calendar.txt", 0, "", "required file missing", "calendar.txt or calendar_dates.txt", "neither");

    agencies();
    offices();
    stops();
    routes();
    patterns();
    calendar();
    shapes();
    progress(0.5);
    trips();
    stopTimes();
    progress(0.85);
    fares();
    feedInfo();
    translations();
    usage();
    routeShapes();
    progress(1.0);
  }

 private:
  CsvTable& table(const char* n) { return m_tables[n]; }
  void progress(double f) {
    if (m_fb.isCancelled()) throw core::CancelledError();
    m_fb.setProgress(f * 100.0);
  }

  void agencies() {
    auto& t = table("agency.txt");
    if (!t.present || !requireColumns(t, {"agency_name", "agency_url", "agency_timezone"}, m_p)) return;
    forRows(t, m_p, [&](const Row& r) {
      store::GtfsAgency a;
      a.agencyId = r.str("agency_id");
      if (a.agencyId.empty() && t.rows.size() > 1) r.fatal("agency_id", "required when a feed has several agencies", "an agency_id", "");
      a.name = r.required("agency_name");
      a.url = r.required("agency_url");
      a.timezone = r.required("agency_timezone");
      a.lang = r.str("agency_lang");
      a.phone = r.str("agency_phone");
      a.fareUrl = r.str("agency_fare_url");
      a.email = r.str("agency_email");
      if (!m_agencyIds.insert(a.agencyId).second) r.fatal("agency_id", "duplicate agency_id", "a unique id", a.agencyId);
      m_f.agencies.push_back(std::move(a));
    });
    auto& jp = table("agency_jp.txt");
    if (!jp.present || !requireColumns(jp, {"agency_id"}, m_p)) return;
    forRows(jp, m_p, [&](const Row& r) {
      const auto id = r.required("agency_id");
      auto it = std::find_if(m_f.agencies.begin(), m_f.agencies.end(), [&](auto& a) { return a.agencyId == id; });
      if (it == m_f.agencies.end()) return r.fatal("agency_id", "unknown agency", "an agency_id of agency.txt", id);
      it->officialName = r.str("agency_official_name");
      it->zipNumber = r.str("agency_zip_number");
      it->address = r.str("agency_address");
      it->presidentPos = r.str("agency_president_pos");
      it->presidentName = r.str("agency_president_name");
    });
  }

  void offices() {
    auto& t = table("office_jp.txt");
    if (!t.present || !requireColumns(t, {"office_id", "office_name"}, m_p)) return;
    forRows(t, m_p, [&](const Row& r) {
      store::GtfsOffice o{r.required("office_id"), r.required("office_name"), r.str("office_url"), r.str("office_phone")};
      if (!m_officeIds.insert(o.officeId).second) r.fatal("office_id", "duplicate office_id", "a unique id", o.officeId);
      m_f.offices.push_back(std::move(o));
    });
  }

  void stops() {
    auto& t = table("stops.txt");
    if (!t.present || !requireColumns(t, {"stop_id"}, m_p)) return;
    std::vector<std::int64_t> lines;
    forRows(t, m_p, [&](const Row& r) {
      store::GtfsStop s;
      s.stopId = r.required("stop_id");
      s.code = r.str("stop_code");
      s.name = r.str("stop_name");
      s.description = r.str("stop_desc");
      s.zoneId = r.str("zone_id");
      s.url = r.str("stop_url");
      s.locationType = r.integer("location_type", 0, 4).value_or(0);
      s.parentStation = r.str("parent_station");
      s.platformCode = r.str("platform_code");
      s.wheelchairBoarding = r.integer("wheelchair_boarding", 0, 2);
      const bool located = s.locationType <= 2;
      const auto lat = r.number("stop_lat", -90, 90, located);
      const auto lon = r.number("stop_lon", -180, 180, located);
      if (lat && lon) s.position = {*lon, *lat};
      if (located && s.name.empty()) r.fatal("stop_name", "required value missing", "a stop name", "an empty field");
      if (lat && lon && *lat == 0 && *lon == 0) r.warn("stop_lat", "stop at 0,0", "a real position", "0,0");
      if (s.stopId.empty()) return;
      if (!m_stopIndex.emplace(s.stopId, static_cast<int>(m_f.stops.size())).second)
        return r.fatal("stop_id", "duplicate stop_id", "a unique id", s.stopId);
      lines.push_back(r.line());
      m_f.stops.push_back(std::move(s));
    });
    for (std::size_t k = 0; k < m_f.stops.size(); ++k) {
      const auto& s = m_f.stops[k];
      auto fail = [&](std::string m, std::string e, std::string f) {
        m_p.fatal(t.file, lines[k], "parent_station", std::move(m), std::move(e), std::move(f));
      };
      if (s.parentStation.empty()) {
        if (s.locationType >= 2) fail("required for entrances, nodes and boarding areas", "a parent station", "");
        continue;
      }
      const auto it = m_stopIndex.find(s.parentStation);
      if (it == m_stopIndex.end()) {
        fail("unknown parent station", "a stop_id of stops.txt", s.parentStation);
        continue;
      }
      const int pt = m_f.stops[static_cast<std::size_t>(it->second)].locationType;
      if (s.locationType == 1) fail("a station cannot have a parent station", "no parent", s.parentStation);
      else if (s.locationType == 4 ? pt != 0 : pt != 1)
        fail("parent station of the wrong type", s.locationType == 4 ? "a stop (location_type 0)" : "a station (location_type 1)",
             s.parentStation + " (location_type " + std::to_string(pt) + ")");
    }
  }

  void routes() {
    auto& t = table("routes.txt");
    if (!t.present || !requireColumns(t, {"route_id", "route_type"}, m_p)) return;
    forRows(t, m_p, [&](const Row& r) {
      store::GtfsRoute x;
      x.routeId = r.required("route_id");
      x.agencyId = r.str("agency_id");
      if (x.agencyId.empty() && m_f.agencies.size() > 1)
        r.fatal("agency_id", "required when a feed has several agencies", "an agency_id", "");
      else if (!x.agencyId.empty() && !m_agencyIds.count(x.agencyId))
        r.fatal("agency_id", "unknown agency", "an agency_id of agency.txt", x.agencyId);
      x.shortName = r.str("route_short_name");
      x.longName = r.str("route_long_name");
      if (x.shortName.empty() && x.longName.empty())
        r.fatal("route_short_name", "a route needs a short or a long name", "route_short_name or route_long_name", "both empty");
      x.description = r.str("route_desc");
      if (const auto type = r.integer("route_type", 0, 1702, true)) {
        if (!validRouteType(*type)) r.fatal("route_type", "unknown route type", "0-7, 11, 12 or an extended type 100-1702", std::to_string(*type));
        x.routeType = *type;
      }
      x.url = r.str("route_url");
      x.color = r.str("route_color");
      x.textColor = r.str("route_text_color");
      for (auto [field, value] : {std::pair{"route_color", &x.color}, std::pair{"route_text_color", &x.textColor}})
        if (!value->empty() && !isHexColor(*value)) r.fatal(field, "invalid colour", "six hexadecimal digits", *value);
      x.jpParentRouteId = r.str("jp_parent_route_id");
      if (x.routeId.empty()) return;
      if (!m_routeIndex.emplace(x.routeId, static_cast<int>(m_f.routes.size())).second)
        return r.fatal("route_id", "duplicate route_id", "a unique id", x.routeId);
      m_f.routes.push_back(std::move(x));
    });
    auto& jp = table("routes_jp.txt");
    if (!jp.present || !requireColumns(jp, {"route_id"}, m_p)) return;
    forRows(jp, m_p, [&](const Row& r) {
      const auto id = r.required("route_id");
      const auto it = m_routeIndex.find(id);
      if (it == m_routeIndex.end()) return r.fatal("route_id", "unknown route", "a route_id of routes.txt", id);
      auto& x = m_f.routes[static_cast<std::size_t>(it->second)];
      x.jpUpdateDate = r.str("route_update_date");
      x.jpOriginStop = r.str("origin_stop");
      x.jpViaStop = r.str("via_stop");
      x.jpDestinationStop = r.str("destination_stop");
    });
  }

  void patterns() {
    auto& t = table("pattern_jp.txt");
    if (!t.present || !requireColumns(t, {"jp_pattern_id"}, m_p)) return;
    forRows(t, m_p, [&](const Row& r) {
      store::GtfsPattern p{r.required("jp_pattern_id"), r.str("route_id"),  r.str("route_update_date"),
                           r.str("origin_stop"),        r.str("via_stop"), r.str("destination_stop")};
      if (!p.routeId.empty() && !m_routeIndex.count(p.routeId))
        r.fatal("route_id", "unknown route", "a route_id of routes.txt", p.routeId);
      if (!m_patternIds.insert(p.patternId).second) r.fatal("jp_pattern_id", "duplicate jp_pattern_id", "a unique id", p.patternId);
      m_f.patterns.push_back(std::move(p));
    });
  }

  void calendar() {
    auto& t = table("calendar.txt");
    static const char* days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    if (t.present && requireColumns(t, {"service_id", "monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday", "start_date", "end_date"}, m_p)) {
      forRows(t, m_p, [&](const Row& r) {
        store::GtfsCalendar c;
        c.serviceId = r.required("service_id");
        for (int d = 0; d < 7; ++d) c.days[d] = r.integer(days[d], 0, 1, true).value_or(0) == 1;
        c.startDate = r.date("start_date", true);
        c.endDate = r.date("end_date", true);
        if (!c.startDate.empty() && !c.endDate.empty() && c.endDate < c.startDate)
          r.fatal("end_date", "service ends before it starts", "end_date >= start_date " + c.startDate, c.endDate);
        if (std::none_of(std::begin(c.days), std::end(c.days), [](bool b) { return b; }))
          r.warn("monday", "service runs on no day of the week (calendar_dates only)", "", c.serviceId);
        if (!m_serviceIds.insert(c.serviceId).second)
          return r.fatal("service_id", "duplicate service_id", "a unique id", c.serviceId);
        m_f.calendar.push_back(std::move(c));
      });
    }
    auto& d = table("calendar_dates.txt");
    if (!d.present || !requireColumns(d, {"service_id", "date", "exception_type"}, m_p)) return;
    std::set<std::pair<std::string, std::string>> seen;
    forRows(d, m_p, [&](const Row& r) {
      store::GtfsCalendarDate c;
      c.serviceId = r.required("service_id");
      c.date = r.date("date", true);
      c.exceptionType = r.integer("exception_type", 1, 2, true).value_or(1);
      if (!seen.insert({c.serviceId, c.date}).second)
        return r.fatal("date", "duplicate service date", "one row per service_id and date", c.serviceId + " " + c.date);
      m_serviceIds.insert(c.serviceId);
      m_f.calendarDates.push_back(std::move(c));
    });
  }

  void shapes() {
    auto& t = table("shapes.txt");
    if (!t.present || !requireColumns(t, {"shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"}, m_p)) return;
    forRows(t, m_p, [&](const Row& r) {
      const auto id = r.required("shape_id");
      const auto lat = r.number("shape_pt_lat", -90, 90, true);
      const auto lon = r.number("shape_pt_lon", -180, 180, true);
      const auto seq = r.integer("shape_pt_sequence", 0, 2147483647, true);
      if (id.empty() || !lat || !lon || !seq) return;
      auto& pts = m_shapes[id];
      if (!pts.emplace(*seq, store::LonLat{*lon, *lat}).second)
        r.fatal("shape_pt_sequence", "duplicate shape point sequence", "a unique sequence within the shape",
                id + " #" + std::to_string(*seq));
    });
  }

  void trips() {
    auto& t = table("trips.txt");
    if (!t.present || !requireColumns(t, {"route_id", "service_id", "trip_id"}, m_p)) return;
    const bool haveOffices = table("office_jp.txt").present;
    forRows(t, m_p, [&](const Row& r) {
      store::GtfsTrip x;
      x.tripId = r.required("trip_id");
      x.routeId = r.required("route_id");
      x.serviceId = r.required("service_id");
      if (!x.routeId.empty() && !m_routeIndex.count(x.routeId))
        r.fatal("route_id", "unknown route", "a route_id of routes.txt", x.routeId);
      if (!x.serviceId.empty() && !m_serviceIds.count(x.serviceId))
        r.fatal("service_id", "unknown service", "a service_id of calendar.txt or calendar_dates.txt", x.serviceId);
      x.headsign = r.str("trip_headsign");
      x.shortName = r.str("trip_short_name");
      x.directionId = r.integer("direction_id", 0, 1);
      x.blockId = r.str("block_id");
      x.shapeId = r.str("shape_id");
      if (!x.shapeId.empty() && !m_shapes.count(x.shapeId))
        r.fatal("shape_id", "unknown shape", "a shape_id of shapes.txt", x.shapeId);
      x.wheelchairAccessible = r.integer("wheelchair_accessible", 0, 2);
      x.bikesAllowed = r.integer("bikes_allowed", 0, 2);
      x.jpTripDesc = r.str("jp_trip_desc");
      x.jpTripDescSymbol = r.str("jp_trip_desc_symbol");
      x.jpOfficeId = r.str("jp_office_id");
      x.jpPatternId = r.str("jp_pattern_id");
      if (!x.jpOfficeId.empty() && !m_officeIds.count(x.jpOfficeId)) {
        // Refer to an office of office_jp.txt; without that (optional) file the reference is kept with a warning.
        if (haveOffices) r.fatal("jp_office_id", "unknown office", "an office_id of office_jp.txt", x.jpOfficeId);
        else if (m_warnedOffices.insert(x.jpOfficeId).second)
          r.warn("jp_office_id", "office reference without office_jp.txt (reported once per office id)",
                 "an office_id of office_jp.txt", x.jpOfficeId);
      }
      if (!x.jpPatternId.empty() && !m_patternIds.count(x.jpPatternId)) {
        if (table("pattern_jp.txt").present) r.fatal("jp_pattern_id", "unknown pattern", "a jp_pattern_id of pattern_jp.txt", x.jpPatternId);
        else if (m_warnedPatterns.insert(x.jpPatternId).second)
          r.warn("jp_pattern_id", "pattern reference without pattern_jp.txt (reported once per pattern id)",
                 "a jp_pattern_id of pattern_jp.txt", x.jpPatternId);
      }
      if (x.tripId.empty()) return;
      if (!m_tripIndex.emplace(x.tripId, static_cast<int>(m_f.trips.size())).second)
        return r.fatal("trip_id", "duplicate trip_id", "a unique id", x.tripId);
      m_tripLines.push_back(r.line());
      m_f.trips.push_back(std::move(x));
    });
  }

  struct RawStopTime {
    store::GtfsStopTime st;
    std::int64_t line = 0;
    bool hasArrival = false, hasDeparture = false;
  };

  void stopTimes() {
    auto& t = table("stop_times.txt");
    if (!t.present || !requireColumns(t, {"trip_id", "stop_id", "stop_sequence", "arrival_time", "departure_time"}, m_p))
      return;
    std::vector<std::vector<RawStopTime>> byTrip(m_f.trips.size());
    const int cTrip = t.col("trip_id"), cStop = t.col("stop_id"), cArr = t.col("arrival_time"),
              cDep = t.col("departure_time");
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      if ((i & 4095) == 0) progress(0.5 + 0.3 * static_cast<double>(i) / static_cast<double>(t.rows.size()));
      const Row r(t, i, m_p);
      const auto& row = t.rows[i];
      RawStopTime x;
      x.line = r.line();
      const std::string& tripId = row[static_cast<std::size_t>(cTrip)];
      const std::string& stopId = row[static_cast<std::size_t>(cStop)];
      const auto trip = m_tripIndex.find(tripId);
      const auto stop = m_stopIndex.find(stopId);
      bool ok = true;
      if (tripId.empty()) { r.fatal("trip_id", "required value missing", "a trip_id", "an empty field"); ok = false; }
      else if (trip == m_tripIndex.end()) { r.fatal("trip_id", "unknown trip", "a trip_id of trips.txt", tripId); ok = false; }
      if (stopId.empty()) { r.fatal("stop_id", "required value missing", "a stop_id", "an empty field"); ok = false; }
      else if (stop == m_stopIndex.end()) { r.fatal("stop_id", "unknown stop", "a stop_id of stops.txt", stopId); ok = false; }
      else if (m_f.stops[static_cast<std::size_t>(stop->second)].locationType != 0) {
        r.fatal("stop_id", "stop times must refer to stops or platforms", "a stop with location_type 0",
                stopId + " (location_type " + std::to_string(m_f.stops[static_cast<std::size_t>(stop->second)].locationType) + ")");
        ok = false;
      }
      const auto seq = r.integer("stop_sequence", 0, 2147483647, true);
      if (!seq) ok = false;
      std::int32_t a = 0, d = 0;
      const std::string& as = row[static_cast<std::size_t>(cArr)];
      const std::string& ds = row[static_cast<std::size_t>(cDep)];
      x.hasArrival = !as.empty();
      x.hasDeparture = !ds.empty();
      if (x.hasArrival && !parseGtfsTime(as, a)) { r.fatal("arrival_time", "invalid time", "H:MM:SS or HH:MM:SS (hours may pass 24)", as); ok = false; }
      if (x.hasDeparture && !parseGtfsTime(ds, d)) { r.fatal("departure_time", "invalid time", "H:MM:SS or HH:MM:SS (hours may pass 24)", ds); ok = false; }
      if (x.hasArrival != x.hasDeparture) {
        // one of the two given: the other equals it (common in GTFS-JP)
        if (!x.hasArrival) a = d; else d = a;
        x.hasArrival = x.hasDeparture = true;
      }
      if (ok && x.hasArrival && d < a)
        r.fatal("departure_time", "departure before arrival", "departure_time >= arrival_time " + as, ds);
      x.st.stopHeadsign = r.str("stop_headsign");
      x.st.pickupType = r.integer("pickup_type", 0, 3);
      x.st.dropOffType = r.integer("drop_off_type", 0, 3);
      x.st.shapeDistTraveled = r.number("shape_dist_traveled", 0, 1e12);
      if (const auto tp = r.integer("timepoint", 0, 1); tp && *tp == 1 && !x.hasArrival)
        r.fatal("arrival_time", "a timepoint needs its times", "arrival and departure times", "an empty field");
      if (!ok) continue;
      x.st.trip = trip->second;
      x.st.stop = stop->second;
      x.st.stopSequence = *seq;
      x.st.arrivalS = a;
      x.st.departureS = d;
      byTrip[static_cast<std::size_t>(trip->second)].push_back(std::move(x));
    }
    for (std::size_t k = 0; k < byTrip.size(); ++k) finishTrip(k, byTrip[k]);
  }

  void finishTrip(std::size_t k, std::vector<RawStopTime>& v) {
    const auto& trip = m_f.trips[k];
    if (v.size() < 2) {
      m_p.warn("trips.txt", m_tripLines[k], "trip_id",
               v.empty() ? "trip without stop times (never runs)" : "trip with a single stop time (carries nobody)",
               "two or more stop times", trip.tripId);
      if (v.empty()) return;
    }
    std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.st.stopSequence < b.st.stopSequence; });
    for (std::size_t i = 1; i < v.size(); ++i)
      if (v[i].st.stopSequence == v[i - 1].st.stopSequence)
        m_p.fatal("stop_times.txt", v[i].line, "stop_sequence", "duplicate stop_sequence in a trip",
                  "a unique sequence within trip " + trip.tripId, std::to_string(v[i].st.stopSequence));
    for (const std::size_t end : {std::size_t(0), v.size() - 1})
      if (!v[end].hasArrival)
        m_p.fatal("stop_times.txt", v[end].line, "arrival_time", "the first and last stop of a trip need times",
                  "a time", "an empty field");
    // Times never run backwards along the trip.
    std::int32_t last = -1;
    std::int64_t lastLine = 0;
    for (const auto& x : v) {
      if (!x.hasArrival) continue;
      if (x.st.arrivalS < last)
        m_p.fatal("stop_times.txt", x.line, "arrival_time", "time runs backwards along the trip",
                  "a time >= the previous departure (line " + std::to_string(lastLine) + ")", fmtTime(x.st.arrivalS));
      last = x.st.departureS;
      lastLine = x.line;
    }
    // Interpolate untimed stops by straight-line distance between the timed ones.
    for (std::size_t i = 0; i < v.size();) {
      if (v[i].hasArrival) { ++i; continue; }
      const std::size_t a = i - 1;  // first is timed (else a fatal problem above; then skip)
      std::size_t b = i;
      while (b < v.size() && !v[b].hasArrival) ++b;
      if (i == 0 || b == v.size()) break;
      std::vector<double> cum{0};
      for (std::size_t j = a + 1; j <= b; ++j) cum.push_back(cum.back() + distanceM(v[j - 1].st.stop, v[j].st.stop));
      const double t0 = v[a].st.departureS, t1 = v[b].st.arrivalS;
      for (std::size_t j = a + 1; j < b; ++j) {
        const double f = cum.back() > 0 ? cum[j - a] / cum.back() : double(j - a) / double(b - a);
        v[j].st.arrivalS = v[j].st.departureS = static_cast<std::int32_t>(std::lround(t0 + f * (t1 - t0)));
        v[j].st.timepoint = false;
      }
      i = b;
    }
    // Implausible speeds (a misplaced stop or a typo in a time): warning, once per trip.
    for (std::size_t i = 1; i < v.size(); ++i) {
      const double dt = v[i].st.arrivalS - v[i - 1].st.departureS;
      const double dm = distanceM(v[i - 1].st.stop, v[i].st.stop);
      constexpr double limitKmh = 150;
      if (dm > 2000 && (dt <= 0 || dm / dt * 3.6 > limitKmh)) {
        char b[64];
        std::snprintf(b, sizeof b, "%.0f m in %.0f s", dm, dt);
        m_p.warn("stop_times.txt", v[i].line, "arrival_time", "implausible speed between consecutive stops",
                 "at most " + std::to_string(static_cast<int>(limitKmh)) + " km/h", b);
        break;
      }
    }
    for (auto& x : v) m_f.stopTimes.push_back(std::move(x.st));
  }

  static std::string fmtTime(std::int32_t s) {
    char b[16];
    std::snprintf(b, sizeof b, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    return b;
  }
  double distanceM(int a, int b) const {
    const auto& p = m_f.stops[static_cast<std::size_t>(a)].position;
    const auto& q = m_f.stops[static_cast<std::size_t>(b)].position;
    return geo::geodesicDistanceM(p.lon, p.lat, q.lon, q.lat);
  }

  void fares() {
    auto& t = table("fare_attributes.txt");
    std::set<std::string> fareIds;
    if (t.present && requireColumns(t, {"fare_id", "price", "currency_type", "payment_method", "transfers"}, m_p)) {
      forRows(t, m_p, [&](const Row& r) {
        store::GtfsFareAttribute f;
        f.fareId = r.required("fare_id");
        f.price = r.number("price", 0, 1e12, true).value_or(0);
        f.currencyType = r.required("currency_type");
        f.paymentMethod = r.integer("payment_method", 0, 1, true);
        f.transfers = r.integer("transfers", 0, 2);  // empty = unlimited
        f.agencyId = r.str("agency_id");
        if (!f.agencyId.empty() && !m_agencyIds.count(f.agencyId))
          r.fatal("agency_id", "unknown agency", "an agency_id of agency.txt", f.agencyId);
        f.transferDurationS = r.integer("transfer_duration", 0, 2147483647);
        if (!fareIds.insert(f.fareId).second) return r.fatal("fare_id", "duplicate fare_id", "a unique id", f.fareId);
        m_f.fareAttributes.push_back(std::move(f));
      });
    }
    auto& rt = table("fare_rules.txt");
    if (!rt.present || !requireColumns(rt, {"fare_id"}, m_p)) return;
    std::set<std::string> zones;
    for (const auto& s : m_f.stops) zones.insert(s.zoneId);
    forRows(rt, m_p, [&](const Row& r) {
      store::GtfsFareRule f{r.required("fare_id"), r.str("route_id"), r.str("origin_id"), r.str("destination_id"),
                            r.str("contains_id")};
      if (!f.fareId.empty() && !fareIds.count(f.fareId))
        r.fatal("fare_id", "unknown fare", "a fare_id of fare_attributes.txt", f.fareId);
      if (!f.routeId.empty() && !m_routeIndex.count(f.routeId))
        r.fatal("route_id", "unknown route", "a route_id of routes.txt", f.routeId);
      for (auto [field, z] : {std::pair{"origin_id", &f.originId}, std::pair{"destination_id", &f.destinationId},
                              std::pair{"contains_id", &f.containsId}})
        if (!z->empty() && !zones.count(*z)) r.fatal(field, "unknown fare zone", "a zone_id of stops.txt", *z);
      m_f.fareRules.push_back(std::move(f));
    });
  }

  void feedInfo() {
    auto& t = table("feed_info.txt");
    auto& i = m_f.info;
    if (t.present && requireColumns(t, {"feed_publisher_name", "feed_publisher_url", "feed_lang"}, m_p)) {
      if (t.rows.size() > 1) m_p.fatal(t.file, t.lines[1], "", "feed_info.txt has more than one row", "one row",
                                       std::to_string(t.rows.size()) + " rows");
      if (!t.rows.empty()) {
        const Row r(t, 0, m_p);
        i.publisherName = r.required("feed_publisher_name");
        i.publisherUrl = r.required("feed_publisher_url");
        i.feedLang = r.required("feed_lang");
        i.startDate = r.date("feed_start_date", false);
        i.endDate = r.date("feed_end_date", false);
        i.feedVersion = r.str("feed_version");
        i.contactEmail = r.str("feed_contact_email");
        i.contactUrl = r.str("feed_contact_url");
        if (!i.startDate.empty() && !i.endDate.empty() && i.endDate < i.startDate)
          r.fatal("feed_end_date", "feed ends before it starts", "feed_end_date >= " + i.startDate, i.endDate);
      }
    }
    // Attribution: the publisher, else the agencies.
    i.attribution = i.publisherName;
    if (i.attribution.empty())
      for (const auto& a : m_f.agencies) i.attribution += (i.attribution.empty() ? "" : ", ") + a.name;
    if (!i.attribution.empty()) i.attribution += " (GTFS)";
  }

  void translations() {
    auto& t = table("translations.txt");
    if (!t.present) return;
    const bool v1 = t.col("trans_id") >= 0;
    if (v1 ? !requireColumns(t, {"trans_id", "lang", "translation"}, m_p)
           : !requireColumns(t, {"table_name", "field_name", "language", "translation"}, m_p))
      return;
    // name -> stops / routes with that name (for value-keyed rows)
    std::unordered_map<std::string, std::vector<int>> stopsByName, routesByName;
    for (std::size_t k = 0; k < m_f.stops.size(); ++k) stopsByName[m_f.stops[k].name].push_back(static_cast<int>(k));
    for (std::size_t k = 0; k < m_f.routes.size(); ++k) {
      const auto& r = m_f.routes[k];
      routesByName[r.shortName].push_back(static_cast<int>(k));
      if (r.longName != r.shortName) routesByName[r.longName].push_back(static_cast<int>(k));
    }
    auto apply = [&](const std::string& lang, const std::string& text, std::string& kana, std::string& en) {
      if (lang == "ja-Hrkt" || lang == "ja-hrkt" || lang == "ja_Hrkt") kana = text;
      else if (lang == "en" || lang.rfind("en-", 0) == 0) en = text;
    };
    // Route names: the long name's translation, else the short name's.
    auto applyRoute = [&](int k, const std::string& field, const std::string& lang, const std::string& text) {
      auto& r = m_f.routes[static_cast<std::size_t>(k)];
      std::string kana = r.nameKana, en = r.nameEn;
      apply(lang, text, kana, en);
      const bool isLong = field == "route_long_name" || (field.empty() && !r.longName.empty());
      if (kana != r.nameKana && (isLong || r.nameKana.empty())) r.nameKana = kana;
      if (en != r.nameEn && (isLong || r.nameEn.empty())) r.nameEn = en;
    };
    forRows(t, m_p, [&](const Row& r) {
      store::GtfsTranslation x;
      if (v1) {
        x.fieldValue = r.required("trans_id");
        x.language = r.required("lang");
        x.translation = r.required("translation");
        bool used = false;
        if (auto it = stopsByName.find(x.fieldValue); it != stopsByName.end() && !x.fieldValue.empty())
          for (int k : it->second) {
            auto& s = m_f.stops[static_cast<std::size_t>(k)];
            apply(x.language, x.translation, s.nameKana, s.nameEn);
            used = true;
          }
        if (auto it = routesByName.find(x.fieldValue); it != routesByName.end() && !x.fieldValue.empty())
          for (int k : it->second) {
            applyRoute(k, "", x.language, x.translation);
            used = true;
          }
        (void)used;  // v1 rows also translate headsigns and other texts
      } else {
        x.tableName = r.required("table_name");
        x.fieldName = r.required("field_name");
        x.language = r.required("language");
        x.translation = r.required("translation");
        x.recordId = r.str("record_id");
        x.recordSubId = r.str("record_sub_id");
        x.fieldValue = r.str("field_value");
        if (!x.recordId.empty() && !x.fieldValue.empty())
          r.fatal("field_value", "record_id and field_value are exclusive", "one of them", x.recordId + " / " + x.fieldValue);
        if (x.tableName == "stops" && x.fieldName == "stop_name") {
          if (!x.recordId.empty()) {
            const auto it = m_stopIndex.find(x.recordId);
            if (it == m_stopIndex.end()) r.warn("record_id", "translation of an unknown stop", "a stop_id of stops.txt", x.recordId);
            else apply(x.language, x.translation, m_f.stops[static_cast<std::size_t>(it->second)].nameKana,
                       m_f.stops[static_cast<std::size_t>(it->second)].nameEn);
          } else {
            const auto it = stopsByName.find(x.fieldValue);
            if (it == stopsByName.end()) r.warn("field_value", "translation of a stop name no stop has", "a stop_name of stops.txt", x.fieldValue);
            else for (int k : it->second) {
              auto& s = m_f.stops[static_cast<std::size_t>(k)];
              apply(x.language, x.translation, s.nameKana, s.nameEn);
            }
          }
        } else if (x.tableName == "routes" && (x.fieldName == "route_long_name" || x.fieldName == "route_short_name")) {
          if (!x.recordId.empty()) {
            const auto it = m_routeIndex.find(x.recordId);
            if (it == m_routeIndex.end()) r.warn("record_id", "translation of an unknown route", "a route_id of routes.txt", x.recordId);
            else applyRoute(it->second, x.fieldName, x.language, x.translation);
          } else {
            const auto it = routesByName.find(x.fieldValue);
            if (it == routesByName.end()) r.warn("field_value", "translation of a route name no route has", "a route name of routes.txt", x.fieldValue);
            else for (int k : it->second) applyRoute(k, x.fieldName, x.language, x.translation);
          }
        }
      }
      m_f.translations.push_back(std::move(x));
    });
  }

  // Unused stops and routes without trips: warnings.
  void usage() {
    std::vector<char> stopUsed(m_f.stops.size(), 0), routeUsed(m_f.routes.size(), 0);
    for (const auto& s : m_f.stopTimes) stopUsed[static_cast<std::size_t>(s.stop)] = 1;
    for (const auto& t : m_f.trips)
      if (auto it = m_routeIndex.find(t.routeId); it != m_routeIndex.end()) routeUsed[static_cast<std::size_t>(it->second)] = 1;
    int unused = 0;
    std::string first;
    for (std::size_t k = 0; k < m_f.stops.size(); ++k)
      if (!stopUsed[k] && m_f.stops[k].locationType == 0 && unused++ == 0) first = m_f.stops[k].stopId;
    if (unused)
      m_p.warn("stops.txt", 0, "stop_id", std::to_string(unused) + (unused > 1 ? " stops without stop times" : " stop without stop times"),
               "every stop served", "e.g. " + first);
    for (std::size_t k = 0; k < m_f.routes.size(); ++k)
      if (!routeUsed[k]) m_p.warn("routes.txt", 0, "route_id", "route without trips", "trips", m_f.routes[k].routeId);
  }

  void routeShapes() {
    // Shapes per route with their trip counts; stop patterns of trips without a shape.
    std::map<std::pair<std::string, std::string>, int> shapeTrips;
    std::map<std::string, std::map<std::vector<int>, std::pair<int, std::string>>> patterns;  // route -> stops -> (trips, first trip)
    std::vector<std::vector<int>> tripStops(m_f.trips.size());
    for (const auto& s : m_f.stopTimes) tripStops[static_cast<std::size_t>(s.trip)].push_back(s.stop);
    for (std::size_t k = 0; k < m_f.trips.size(); ++k) {
      const auto& t = m_f.trips[k];
      if (!m_routeIndex.count(t.routeId)) continue;
      if (!t.shapeId.empty() && m_shapes.count(t.shapeId)) {
        ++shapeTrips[{t.routeId, t.shapeId}];
      } else if (tripStops[k].size() >= 2) {
        auto& p = patterns[t.routeId][tripStops[k]];
        if (p.first++ == 0) p.second = t.tripId;
      }
    }
    auto lengthOf = [](const std::vector<store::LonLat>& pts) {
      double m = 0;
      for (std::size_t i = 1; i < pts.size(); ++i) m += geo::geodesicDistanceM(pts[i - 1].lon, pts[i - 1].lat, pts[i].lon, pts[i].lat);
      return m;
    };
    for (const auto& [key, n] : shapeTrips) {
      store::GtfsRouteShape r{key.first, key.second, "shape", n, 0, {}};
      for (const auto& [seq, p] : m_shapes.at(key.second)) r.points.push_back(p);
      r.lengthM = lengthOf(r.points);
      m_f.routeShapes.push_back(std::move(r));
    }
    for (const auto& [route, byStops] : patterns)
      for (const auto& [stops, tripsAndFirst] : byStops) {
        store::GtfsRouteShape r{route, "stops:" + tripsAndFirst.second, "stops", tripsAndFirst.first, 0, {}};
        for (int s : stops) r.points.push_back(m_f.stops[static_cast<std::size_t>(s)].position);
        r.lengthM = lengthOf(r.points);
        m_f.routeShapes.push_back(std::move(r));
      }
  }

  GtfsReadResult& m_r;
  GtfsFeed& m_f;
  Problems m_p;
  core::Feedback& m_fb;
  std::map<std::string, CsvTable> m_tables;
  std::unordered_set<std::string> m_agencyIds, m_officeIds, m_serviceIds, m_patternIds, m_warnedOffices, m_warnedPatterns;
  std::unordered_map<std::string, int> m_stopIndex, m_routeIndex, m_tripIndex;
  std::vector<std::int64_t> m_tripLines;
  std::unordered_map<std::string, std::map<int, store::LonLat>> m_shapes;
};

}  // namespace

GtfsReadResult readGtfs(const std::string& path, core::Feedback& feedback) {
  GtfsReadResult r;
  Reader(r, feedback).run(path);
  r.feed.info.sourcePath = path;
  for (const auto& p : r.problems)
    if (!p.fatal()) r.feed.info.warnings.push_back(p.format());
  return r;
}

std::string gtfsFeedIn(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec) || locateFeed(path).found()) return path;
  std::vector<std::string> zips;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    std::string ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (e.is_regular_file() && ext == ".zip") zips.push_back(e.path().string());
  }
  if (zips.size() == 1) return zips.front();
  if (zips.empty()) return path;  // refused by the reader: required file missing
  std::sort(zips.begin(), zips.end());
  std::string names;
  for (const auto& z : zips) names += (names.empty() ? "" : ", ") + fs::path(z).filename().string();
  throw core::IoError("the folder holds no GTFS feed files but several zips; give the one to import",
                      {path, std::nullopt, std::nullopt, "", "a folder of GTFS .txt files, or one .zip", names});
}

}  // namespace ekm::io
