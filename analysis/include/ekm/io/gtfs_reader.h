#pragma once
// GTFS / GTFS-JP feed reader and validator: a zip file or a folder of .txt files into a
// store::GtfsFeed, with every problem found (file, line, field, expected, found).
//
// Read: agency, stops (parent stations), routes, trips, stop_times, calendar,
// calendar_dates, shapes, fare_attributes, fare_rules, feed_info; the GTFS-JP extras
// agency_jp, office_jp, routes_jp, pattern_jp and the jp_* columns; translations.txt in
// both layouts (GTFS-JP v1 "trans_id,lang,translation" and the current GTFS
// "table_name,field_name,language,translation,record_id,record_sub_id,field_value") give
// stop and route names in kana (ja-Hrkt) and English. Times past midnight ("25:10:00")
// and one-digit hours ("6:28:00") are valid; stop times without a time between two timed
// ones are interpolated by distance (timepoint = false).
//
// Problems are Fatal (the feed is refused: a broken reference, a duplicate key, an
// unparsable value, times running backwards, a missing required file, column or value)
// or Warning (kept: a reference to an absent optional GTFS-JP file such as office_jp, an
// unused stop, a route without trips, an implausible speed, a translation of nothing).
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/core/error_details.h"
#include "ekm/core/feedback.h"
#include "ekm/store/transit_store.h"

namespace ekm::io {

struct GtfsProblem {
  enum class Severity { Warning, Fatal };
  Severity severity = Severity::Fatal;
  std::string file;       // e.g. "stop_times.txt"
  std::int64_t line = 0;  // 1-based physical line; 0 = the file as a whole
  std::string field;
  std::string message;
  std::string expected;
  std::string found;
  bool fatal() const { return severity == Severity::Fatal; }
  // "stop_times.txt:12: column 'stop_id': unknown stop (expected a stop_id of stops.txt, found X)"
  // (the severity is not part of the text)
  std::string format() const;
};

struct GtfsReadResult {
  store::GtfsFeed feed;
  std::vector<GtfsProblem> problems;  // in file order; at most kMaxGtfsProblems kept
  std::int64_t fatalCount = 0;        // all fatal problems, also those not kept
  std::int64_t warningCount = 0;
  std::int64_t rowsRead = 0;          // data rows of every file
  std::vector<std::string> files;     // the .txt files found
};

inline constexpr std::size_t kMaxGtfsProblems = 1000;

// A feed refused for its fatal problems: the message counts them and lists the first
// ones (each "file:line: column 'f': ..."; also as details(), for rendering in the user's
// language); problems() has them all (as kept). Code Validation (exit 5).
class GtfsFeedError : public core::ValidationError, public core::ErrorDetails {
 public:
  explicit GtfsFeedError(std::vector<GtfsProblem> problems, std::int64_t fatalCount);
  const std::vector<GtfsProblem>& problems() const { return m_problems; }

 private:
  std::vector<GtfsProblem> m_problems;
};

// Reads and validates a feed (a .zip, or a folder with agency.txt ...; a zip whose files
// sit in one sub-folder is fine). Content problems go into the result; IoError when the
// path cannot be read; CancelledError when cancelled.
GtfsReadResult readGtfs(const std::string& path, core::Feedback& feedback);

// The feed a path names: the path itself, or, for a folder in which readGtfs finds no feed
// (no agency.txt or stops.txt, nor in its one sub-folder) but which holds exactly one .zip (as
// data/samples/gtfs_chiibus: the zip and its SOURCE.txt), that zip. Throws core::IoError naming
// the zips when there are several. importGtfs imports what it returns and says so.
std::string gtfsFeedIn(const std::string& path);

// "HH:MM:SS" / "H:MM:SS" (hours may pass 24) -> seconds; false when malformed.
bool parseGtfsTime(std::string_view text, std::int32_t& seconds);
// "YYYYMMDD" -> "YYYY-MM-DD"; false when not a valid date in the years 1900..2100.
bool parseGtfsDate(std::string_view text, std::string& iso);

}  // namespace ekm::io
