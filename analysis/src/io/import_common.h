#pragma once
// Private plumbing shared by the importers: the per-import session (mapping, progress,
// cancel, background hashing) and fast field parsers. The store writes through its typed
// writers (ekm/store/import_writer.h, ekm/store/series.h).
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/io/column_mapping.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/domain_checks.h"
#include "ekm/io/importers.h"
#include "ekm/store/import_writer.h"
#include "ekm/store/project.h"
#include "io_util.h"

namespace ekm::io::detail {

struct Session {
  store::Project& project;
  std::string path;
  ImportKind kind;
  const ImportOptions& options;
  core::Feedback& feedback;
  ColumnMapping mapping;
  TextEncoding encoding = TextEncoding::Auto;
  domain::DomainLimits limits;  // options.maxCount, else the mapping's max_count, else the default
  ImportResult result;

  // Background SHA-256 of the raw file; checked against the import log as soon as it
  // is ready (so a duplicate big file is refused early) and before commit.
  std::future<std::string> hashFuture;
  std::atomic<bool> hashStop{false};
  bool hashChecked = false;

  Session(store::Project& p, ImportKind k, std::string file, const ImportOptions& o, core::Feedback& f);
  ~Session();

  // Called every few thousand rows: progress, cancel check, early duplicate check.
  void poll(double fraction);
  // Waits for the hash and checks it (throws Error(Duplicate) unless force).
  void finishHash();
};

// Reads the header (or the mapping's names) and returns the resolver. Leaves the reader
// positioned before the first data row. For header-less mappings, `firstRowPending` is
// set and the reader already holds the first data row.
struct CsvSource {
  TextInput input;
  CsvReader reader;
  std::optional<ColumnResolver> columns;
  bool firstRowPending = false;
  CsvSource(Session& s);
  // Next data row; checks the field count. False at the end.
  bool next();
  std::int64_t line() const { return reader.line(); }
};

// --- fast parsers (return false on malformed input) ---
bool parseInt(std::string_view s, std::int64_t& out);
bool parseDouble(std::string_view s, double& out);

// Parses a date "YYYY-MM-DD" or "YYYY/MM/DD" (also without zero padding for M/D when
// slashed); returns days since epoch.
bool parseDateDays(std::string_view s, std::int64_t& days);
// ISO 8601 date-time (JST unless an offset is given); also accepts slashed dates.
bool parseDateTime(std::string_view s, core::HourKey& key);

// Time columns: either one date-time column or a date column and an hour column.
class TimeColumns {
 public:
  // Resolves "datetime"/"timestamp" or "date"+"hour" in the header; throws ParseError
  // if neither is present.
  void resolve(ColumnResolver& columns, const std::string& file);
  // Parses the row's time; throws ParseError with file/line/column on bad input.
  core::HourKey parse(const CsvReader& row, const std::string& file);

 private:
  std::optional<std::size_t> m_datetime, m_date, m_hour;
  std::string m_datetimeName, m_dateName, m_hourName;
  std::string m_lastDateText;
  std::int64_t m_lastDays = 0;
  std::string m_lastDatetimeText;
  core::HourKey m_lastKey = 0;
};

// Value of a numeric column that may be missing. Returns nullopt for missing tokens
// (counted in the session's result), throws for malformed or negative values.
std::optional<double> parseCount(Session& s, const CsvReader& row, std::size_t column, const std::string& columnName,
                                 const char* what);
// The same, counting missing values in `missing` and otherwise only reading the session
// (callable from a parser thread while another thread writes the store).
std::optional<double> parseCount(const Session& s, std::int64_t& missing, const CsvReader& row, std::size_t column,
                                 const std::string& columnName, const char* what);

// Applies the mapping's value translation for `field`, if any.
std::string_view translate(const ColumnMapping& mapping, const std::string& field, std::string_view value);

// Writes the import log row.
void writeImportLog(Session& s);

// The kind-specific importers (one transaction is already open).
void importMeshPopulation(Session& s);
void importSegmentCounts(Session& s);
void importStationRidership(Session& s);
void importSegments(Session& s);
void importStations(Session& s);

inline constexpr std::int64_t kPollEvery = 4096;

}  // namespace ekm::io::detail
