#include "import/import_job.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "ekm/io/import_op.h"
#include "ekm/ops/operation.h"
#include "ekm/ops/session.h"

namespace ekm::widgets {

namespace {

// The request as the import operation's parameters: the wizard's column choices and
// delimiter become its inline mapping ("columns", "delimiter").
io::ImportParams importParams(const ImportRequest& request, bool dryRun) {
  io::ImportParams p;
  p.kind = io::importKindName(request.kind);
  p.file = request.file;
  p.mapping = request.options.mappingFile;
  p.preset = request.options.preset;
  p.encoding = request.options.encoding;
  p.id_field = request.options.idField;
  p.force = request.options.force;
  if (request.delimiter != ',') p.delimiter = request.delimiter == '\t' ? "tab" : std::string(1, request.delimiter);
  for (const auto& [field, column] : request.columns) p.columns[field] = column;
  p.dry_run = dryRun;
  return p;
}

ImportOutcome importInto(const ImportRequest& request, bool dryRun, core::Feedback& feedback) {
  ops::Session session(request.projectPath);  // this worker's own connection
  const io::ImportOpResult r = ops::run<io::ImportOp>(session, importParams(request, dryRun), feedback);
  ImportOutcome outcome;
  outcome.result = r;
  outcome.table = r.table;
  outcome.tableRowsBefore = r.tableRowsBefore;
  outcome.tableRowsAfter = r.tableRowsAfter;
  return outcome;
}

}  // namespace

std::string mappingJson(const ImportRequest& request) {
  QJsonObject json;
  json[QStringLiteral("comment")] = QStringLiteral("written by the Ekimachi import wizard");
  if (!request.options.preset.empty()) json[QStringLiteral("preset")] = QString::fromStdString(request.options.preset);
  if (!request.options.encoding.empty())
    json[QStringLiteral("encoding")] = QString::fromStdString(request.options.encoding);
  json[QStringLiteral("delimiter")] =
      request.delimiter == '\t' ? QStringLiteral("tab") : QString(QLatin1Char(request.delimiter));
  QJsonObject columns;
  for (const auto& [field, column] : request.columns)
    columns[QString::fromStdString(field)] = QString::fromStdString(column);
  json[QStringLiteral("columns")] = columns;
  return QJsonDocument(json).toJson().toStdString();
}

ImportOutcome runImport(const ImportRequest& request, core::Feedback& feedback) {
  return importInto(request, false, feedback);
}

ImportOutcome dryRunImport(const ImportRequest& request, core::Feedback& feedback) {
  return importInto(request, true, feedback);
}

}  // namespace ekm::widgets
