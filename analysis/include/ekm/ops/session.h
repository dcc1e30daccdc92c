#pragma once
// The context an operation runs in: the project (opened lazily, per session: use one
// Session per thread, as SQLite connections are per thread), the folder relative paths
// resolve against, and the provenance of a run (input files with their SHA-256, the
// project tables read). The CLI makes one from --project, a dock from the open project,
// the scenario runner one per scenario.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ekm/store/project.h"

namespace ekm::ops {

struct InputFileRecord {
  std::string path;
  std::string sha256;
  std::int64_t bytes = 0;
};

// A file path of Params as a file to open. "project:NAME" is NAME in the folder of the
// project file (e.g. "project:basemap_rail.geojson": a file that `ekimachi-cli sample --out DIR`
// writes beside DIR/sample.gpkg, on whichever copy of the sample is opened); a relative path is
// relative to baseDir (empty: the current directory); "", "-" and absolute paths stay as they
// are. Throws ParamError for "project:" without a project file (none, or PostgreSQL).
inline constexpr const char* kProjectDirPrefix = "project:";
std::string resolveParamPath(const std::string& path, const std::string& baseDir, const std::string& projectPath);

class Session {
 public:
  Session();
  explicit Session(std::string projectPath);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  bool hasProject() const { return !m_projectPath.empty(); }
  // Throws ParamError ("needs a project") when the session has none.
  const std::string& projectPath() const;
  void setProjectPath(std::string path);

  // The project opened read-only (shared by all reads of this session).
  store::Project& project();
  // The project opened for writing (imports, stored matrices). Closes the read handle
  // first so reads after the write see the new data.
  store::Project& projectForWriting();
  void closeProject();

  // Relative paths in Params resolve against this folder (a scenario file's folder);
  // empty = the current directory. "project:NAME" against the project's folder
  // (resolveParamPath).
  void setBaseDir(std::string dir) { m_baseDir = std::move(dir); }
  std::string resolve(const std::string& path) const;

  // Provenance: operations call these for what they read.
  void recordInputFile(const std::string& path);
  void recordTableRead(const std::string& table);
  const std::vector<InputFileRecord>& inputFiles() const { return m_inputs; }
  const std::set<std::string>& tablesRead() const { return m_tablesRead; }
  void clearProvenance();

 private:
  std::string m_projectPath;
  std::string m_baseDir;
  std::unique_ptr<store::Project> m_read;
  std::unique_ptr<store::Project> m_write;
  std::vector<InputFileRecord> m_inputs;
  std::set<std::string> m_tablesRead;
};

}  // namespace ekm::ops
