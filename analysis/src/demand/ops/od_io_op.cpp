// The od-import and od-export operations.
#include "ekm/demand/ops/od_io_op.h"

#include <filesystem>

#include "ekm/core/error.h"
#include "ekm/demand/omx_file.h"
#include "ekm/demand/ops/result_tables.h"
#include "ekm/store/project.h"

namespace ekm::demand {

namespace {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

std::string formatOf(const std::optional<std::string>& given, const std::string& path, bool importing) {
  if (given) return *given;
  const auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".csv") return "csv";
  if (ext == ".omx" || ext == ".h5" || ext == ".hdf5") return "omx";
  if (importing && isHdf5File(path)) return "omx";
  return "omx-folder";
}

void matrixNotForCsv(const std::string& format, const std::optional<std::string>& matrix) {
  if (format == "csv" && matrix)
    throw Error(ErrorCode::Usage, "--matrix is for omx and omx-folder",
                ErrorContext{"", std::nullopt, std::nullopt, "matrix", "", format});
}

ops::OpResult odRecord(const std::string& period, const std::string& format, const NamedOdMatrix& od) {
  ops::OpResult out;
  out.summary = {{"period", period}, {"format", format}, {"zones", od.zoneIds.size()},
                 {"trips", jsonNumber(od.matrix.total())}};
  out.tables.push_back(odTable(od));
  return out;
}

}  // namespace

void storeOdPeriod(ops::Session& session, const std::string& period, const NamedOdMatrix& od) {
  saveOdMatrix(session.projectForWriting(), period, od);
}

OdImportOutcome OdImportOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const std::string path = session.resolve(params.in);
  OdImportOutcome out;
  out.period = params.period;
  out.format = formatOf(params.format, path, true);
  if (out.format != "omx" && params.lookup)
    throw Error(ErrorCode::Usage, "--lookup is for --format omx",
                ErrorContext{"", std::nullopt, std::nullopt, "lookup", "", out.format});
  matrixNotForCsv(out.format, params.matrix);
  if (out.format == "csv") {
    out.od = readOdCsv(path);
  } else if (out.format == "omx") {
    OmxReadOptions opt;
    opt.matrix = params.matrix.value_or("");
    opt.lookup = params.lookup.value_or("");
    out.od = readOmx(path, opt);
  } else {
    out.od = readOmxFolder(path, params.matrix.value_or("trips"));
  }
  session.recordInputFile(path);
  feedback.throwIfCancelled();
  storeOdPeriod(session, params.period, out.od);
  feedback.setProgress(100);
  return out;
}

ops::OpResult OdImportOp::record(const Result& r) { return odRecord(r.period, r.format, r.od); }

OdExportOutcome OdExportOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  OdExportOutcome out;
  session.recordTableRead("od_matrices");
  out.od = loadOdMatrix(session.project(), params.period);
  out.period = params.period;
  out.path = session.resolve(params.out);
  out.format = formatOf(params.format, out.path, false);
  matrixNotForCsv(out.format, params.matrix);
  const std::string matrix = params.matrix.value_or("trips");
  if (out.format == "csv")
    writeOdCsv(out.path, out.od);
  else if (out.format == "omx")
    writeOmx(out.path, out.od.zoneIds, {{matrix, out.od.matrix}}, {{"period", params.period}});
  else
    writeOmxFolder(out.path, out.od.zoneIds, {{matrix, out.od.matrix}}, {{"period", params.period}});
  feedback.setProgress(100);
  return out;
}

ops::OpResult OdExportOp::record(const Result& r) {
  auto out = odRecord(r.period, r.format, r.od);
  out.outputs.push_back(r.path);
  return out;
}

}  // namespace ekm::demand
