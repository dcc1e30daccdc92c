// The context of an operation: project handles, path resolution, provenance.
#include "ekm/ops/session.h"

#include <algorithm>
#include <filesystem>

#include "ekm/io/sha256.h"
#include "ekm/ops/params.h"
#include "ekm/store/project_copy.h"

namespace ekm::ops {

Session::Session() = default;
Session::Session(std::string projectPath) : m_projectPath(std::move(projectPath)) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const std::string& Session::projectPath() const {
  if (m_projectPath.empty())
    throw ParamError("this operation needs a project",
                     core::ErrorContext{"", std::nullopt, std::nullopt, "project", "a project file (.gpkg)",
                                        "none"});
  return m_projectPath;
}

void Session::setProjectPath(std::string path) {
  closeProject();
  m_projectPath = std::move(path);
}

store::Project& Session::project() {
  if (m_write) return *m_write;
  if (!m_read)
    m_read = std::make_unique<store::Project>(store::Project::open(projectPath(), store::OpenMode::ReadOnly));
  return *m_read;
}

store::Project& Session::projectForWriting() {
  m_read.reset();
  if (!m_write)
    m_write = std::make_unique<store::Project>(store::Project::open(projectPath(), store::OpenMode::ReadWrite));
  return *m_write;
}

void Session::closeProject() {
  m_read.reset();
  m_write.reset();
}

std::string resolveParamPath(const std::string& path, const std::string& baseDir, const std::string& projectPath) {
  const std::string_view prefix = kProjectDirPrefix;
  if (path.compare(0, prefix.size(), prefix) == 0) {
    if (projectPath.empty() || store::isPostgresLocation(projectPath))
      throw ParamError("a 'project:' path names a file beside the project file, and there is none",
                       core::ErrorContext{"", std::nullopt, std::nullopt, "", "a project file (.gpkg)",
                                          projectPath.empty() ? "none" : projectPath});
    const std::filesystem::path name(path.substr(prefix.size()));
    return (std::filesystem::path(projectPath).parent_path() / name).lexically_normal().string();
  }
  if (path.empty() || baseDir.empty() || path == "-") return path;
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(baseDir) / p).lexically_normal().string();
}

std::string Session::resolve(const std::string& path) const { return resolveParamPath(path, m_baseDir, m_projectPath); }

void Session::recordInputFile(const std::string& path) {
  const auto same = [&](const InputFileRecord& r) { return r.path == path; };
  if (std::any_of(m_inputs.begin(), m_inputs.end(), same)) return;
  InputFileRecord r;
  r.path = path;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    // A folder input (a GTFS feed, an OMX folder): hash of its files' hashes in name order.
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(path))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    io::Sha256 h;
    for (const auto& f : files) {
      const std::string rel = std::filesystem::relative(f, path).string();
      const std::string fileHash = io::sha256File(f.string());
      h.update(rel.data(), rel.size());
      h.update(fileHash.data(), fileHash.size());
      r.bytes += static_cast<std::int64_t>(std::filesystem::file_size(f));
    }
    r.sha256 = h.hexDigest();
  } else {
    r.sha256 = io::sha256File(path);
    r.bytes = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
  }
  m_inputs.push_back(std::move(r));
}

void Session::recordTableRead(const std::string& table) { m_tablesRead.insert(table); }

void Session::clearProvenance() {
  m_inputs.clear();
  m_tablesRead.clear();
}

}  // namespace ekm::ops
