#pragma once
// Importers: files -> project store. Each import is one transaction: on any error, on
// cancel, or if the process dies, the store is exactly as before. A file whose SHA-256
// is already in ekm_import_log is refused (ErrorCode::Duplicate) unless force is set.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/store/project.h"

namespace ekm::io {

enum class ImportKind { MeshPopulation, Segments, SegmentCounts, Stations, StationRidership };

// "mesh-population", "segments", "segment-counts", "stations", "station-ridership"
const char* importKindName(ImportKind kind);
ImportKind importKindFromName(const std::string& name);  // throws Error(Usage) on unknown
// The project table an import of `kind` writes.
const char* importTable(ImportKind kind);

struct ImportOptions {
  std::string mappingFile;  // optional JSON column mapping (see docs/import-mapping.md)
  // Optional mapping JSON text applied on top of the file's (the import operation's
  // "delimiter" and "columns" parameters); errors name `inlineMappingSource`.
  std::string inlineMapping;
  std::string inlineMappingSource = "parameters";
  std::string preset;       // optional preset name ("default", "jp-1km-open-data", ...)
  std::string encoding;     // "" = auto (UTF-8, else CP932), "utf-8", "cp932"
  std::string idField;      // vector sources: the id attribute (default: "id" / "segment_id" / "station_id")
  bool force = false;       // re-import a file already imported
  // Largest plausible count / population / boardings per row (ekm/io/domain_checks.h;
  // default 1e7); overrides the column mapping's "max_count".
  std::optional<double> maxCount;
  // A rehearsal (the import wizard's dry run): when set, the import does all its reading,
  // checks and writes, calls this with the project as it would be, and rolls back instead of
  // committing. Works the same on both backends, without copying the project.
  std::function<void(const store::Project&)> rehearsal;
};

struct ImportResult {
  std::int64_t rowsRead = 0;
  std::int64_t rowsStored = 0;
  std::int64_t missingValues = 0;   // suppressed/blank values stored as NULL
  std::int64_t featuresCreated = 0; // e.g. new mesh cells
  std::string sha256;
  double seconds = 0;
};

// Dispatches on kind. Throws ekm::core::Error (with file/line/field context) or
// CancelledError; in both cases (and after a rehearsal) the project is unchanged.
ImportResult importFile(store::Project& project, ImportKind kind, const std::string& path,
                        const ImportOptions& options, core::Feedback& feedback);

}  // namespace ekm::io
