#pragma once
// Operations `od-import` (writes the project) and `od-export`: OD matrices between the
// project's od_matrices (by period) and files: CSV (origin,destination,trips),
// OpenMatrix 0.2 (HDF5) and the older OMX-style folder. The format defaults from the
// path: *.csv csv, *.omx/*.h5/*.hdf5 omx, on import any other HDF5 file omx, else
// omx-folder.
#include <optional>
#include <string>

#include "ekm/demand/od_io.h"
#include "ekm/ops/operation.h"

namespace ekm::demand {

struct OdImportParams {
  std::string period;
  std::string in;
  std::optional<std::string> format;
  std::optional<std::string> matrix;
  std::optional<std::string> lookup;

  template <class V>
  void fields(V& v) {
    v("period", period, {.help = "period to store the matrix as (replaces one of that name)", .required = true});
    v("in", in, {.help = "OD file or OMX folder", .required = true, .role = ops::Role::InputFile});
    v("format", format, {.help = "file format (default from the path)", .choices = {"csv", "omx", "omx-folder"}});
    v("matrix", matrix, {.help = "omx, omx-folder: the matrix to read (default trips, or the only one)"});
    v("lookup", lookup, {.help = "omx: the zone lookup (default the only one, or zone_id/zone/zones/taz)"});
  }
};

struct OdImportOutcome {
  std::string period;
  std::string format;
  NamedOdMatrix od;
};

struct OdImportOp {
  static constexpr const char* name = "od-import";
  static constexpr const char* summary = "store an OD matrix file (CSV, OMX, OMX folder) in the project by period";
  static constexpr bool writesProject = true;
  using Params = OdImportParams;
  using Result = OdImportOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

struct OdExportParams {
  std::string period;
  std::string out;
  std::optional<std::string> format;
  std::optional<std::string> matrix;

  template <class V>
  void fields(V& v) {
    v("period", period, {.help = "stored period to export", .required = true});
    v("out", out, {.help = "OD file or OMX folder", .required = true, .role = ops::Role::OutputFile});
    v("format", format, {.help = "file format (default from the path)", .choices = {"csv", "omx", "omx-folder"}});
    v("matrix", matrix, {.help = "omx, omx-folder: the matrix name (default trips)"});
  }
};

struct OdExportOutcome {
  std::string period;
  std::string format;
  std::string path;
  NamedOdMatrix od;
};

struct OdExportOp {
  static constexpr const char* name = "od-export";
  static constexpr const char* summary = "write a stored OD matrix to a file (CSV, OMX, OMX folder)";
  static constexpr bool writesProject = false;
  using Params = OdExportParams;
  using Result = OdExportOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

// Stores `od` as `period` in the session's project (replacing one of that name): what
// od-import does, for the commands that store the matrix they made (--period).
void storeOdPeriod(ops::Session& session, const std::string& period, const NamedOdMatrix& od);

}  // namespace ekm::demand
