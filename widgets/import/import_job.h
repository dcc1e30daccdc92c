#pragma once
// What the import wizard runs on a worker thread: the `import` operation (io::ImportOp, the one
// the CLI and scenario files run) on one file, and its dry run. The dry run is the real import as a
// rehearsal (io::ImportOptions::rehearsal): every check runs — mapping, parsing, unknown ids,
// duplicate keys, duplicate file — and its transaction is rolled back, so the project (a
// GeoPackage or a PostgreSQL schema) is never changed. Both open their own store connection.
#include <cstdint>
#include <map>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/io/importers.h"

namespace ekm::widgets {

struct ImportRequest {
  std::string projectPath;
  std::string file;
  io::ImportKind kind = io::ImportKind::MeshPopulation;
  io::ImportOptions options;  // mappingFile, preset, encoding, idField, force: the operation's params
  // Canonical field -> column name: the operation's "columns" parameter.
  std::map<std::string, std::string> columns;
  char delimiter = ',';
};

struct ImportOutcome {
  io::ImportResult result;
  // Rows of the kind's table before and after (as it would be, for a dry run).
  std::int64_t tableRowsBefore = 0;
  std::int64_t tableRowsAfter = 0;
  std::string table;
};

// The JSON mapping for a request ("preset", "encoding", "delimiter", "columns").
std::string mappingJson(const ImportRequest& request);

// Imports into the project (one transaction; on error or cancel the project is unchanged).
ImportOutcome runImport(const ImportRequest& request, core::Feedback& feedback);

// The import as a rehearsal: everything checked and written, then rolled back.
ImportOutcome dryRunImport(const ImportRequest& request, core::Feedback& feedback);

}  // namespace ekm::widgets
