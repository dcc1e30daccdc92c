#include "import/import_job.h"

#include <unistd.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>

#include "ekm/core/error.h"
#include "ekm/store/series.h"
#include "ekm/store/project.h"

namespace ekm::widgets {

namespace {

namespace fs = std::filesystem;

core::ErrorContext fileContext(const std::string& file) {
  core::ErrorContext context;
  context.file = file;
  return context;
}

// A unique path in the system's temporary directory, removed (with SQLite's side files) on
// destruction.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& suffix) {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    m_path = (fs::temp_directory_path() / ("ekimachi-import-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(counter++) + "-" + std::to_string(random()) + suffix))
                 .string();
  }
  ~TemporaryFile() {
    std::error_code ec;
    for (const char* side : {"", "-wal", "-shm", "-journal"}) fs::remove(m_path + side, ec);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

ImportOutcome importInto(const std::string& projectPath, const ImportRequest& request, bool rehearse,
                         core::Feedback& feedback) {
  ImportOutcome outcome;
  outcome.table = importTable(request.kind);
  io::ImportOptions options = request.options;
  std::unique_ptr<TemporaryFile> mapping;
  if (!request.columns.empty() || request.delimiter != ',') {
    mapping = std::make_unique<TemporaryFile>(".json");
    std::ofstream out(mapping->path());
    out << mappingJson(request);
    if (!out.flush()) throw core::IoError("cannot write the column mapping", fileContext(mapping->path()));
    options.mappingFile = mapping->path();
  }
  store::Project project = store::Project::open(projectPath, store::OpenMode::ReadWrite);
  outcome.tableRowsBefore = project.rowCount(outcome.table);
  if (rehearse)
    options.rehearsal = [&outcome](const store::Project& p) { outcome.tableRowsAfter = p.rowCount(outcome.table); };
  outcome.result = io::importFile(project, request.kind, request.file, options, feedback);
  if (!rehearse) outcome.tableRowsAfter = project.rowCount(outcome.table);
  return outcome;
}

}  // namespace

const char* importTable(io::ImportKind kind) {
  switch (kind) {
    case io::ImportKind::MeshPopulation: return store::seriesKindTable(store::SeriesKind::MeshPopulation);
    case io::ImportKind::Segments: return "road_segments";
    case io::ImportKind::SegmentCounts: return store::seriesKindTable(store::SeriesKind::SegmentCounts);
    case io::ImportKind::Stations: return "stations";
    case io::ImportKind::StationRidership: return store::seriesKindTable(store::SeriesKind::StationRidership);
  }
  return "";
}

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
  return importInto(request.projectPath, request, false, feedback);
}

ImportOutcome dryRunImport(const ImportRequest& request, core::Feedback& feedback) {
  return importInto(request.projectPath, request, true, feedback);
}

}  // namespace ekm::widgets
