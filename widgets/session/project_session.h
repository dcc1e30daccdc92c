#pragma once
// What every dock needs about the open project, in one shared value: the main window makes
// a ProjectSession when a project has loaded and hands the same shared_ptr to every dock
// (setSession); a new project (or closing it) gives them a new one (or nullptr).
//  - path(), file(): the GeoPackage file.
//  - layers(): what the main window loaded (mesh geometry in the display CRS, the mesh
//    population source, time ranges, roads, stations); mesh(), meshValues(), timeRange()
//    and displayEpsg() are shortcuts. Immutable and shareable with workers.
//  - store(): the calling thread's own read-only connection to the project (a SQLite
//    connection is never shared between threads); opened on first use on that thread and
//    closed with the session. Call it on workers, never on the GUI thread.
//  - tasks(): the window's one TaskManager (GUI thread only; null once it is destroyed).
// Workers hold the session by shared_ptr for as long as they use store(); the session, and
// its connections, go when the last holder lets go.
#include <QPointer>
#include <QString>
#include <memory>
#include <optional>
#include <string>

#include "ekm/store/project.h"
#include "render/project_layers.h"
#include "tasks/task_manager.h"

namespace ekm::widgets {

class ProjectSession {
 public:
  // `layers` may be null (a session on a bare project file, e.g. in tests).
  ProjectSession(const QString& path, std::shared_ptr<const render::ProjectLayers> layers, TaskManager* tasks);
  ~ProjectSession();
  ProjectSession(const ProjectSession&) = delete;
  ProjectSession& operator=(const ProjectSession&) = delete;

  const QString& path() const { return m_path; }
  const std::string& file() const { return m_file; }  // path() encoded for the analysis library
  const std::shared_ptr<const render::ProjectLayers>& layers() const { return m_layers; }
  std::shared_ptr<const render::MeshGeometry> mesh() const;
  std::shared_ptr<const render::MeshValueSource> meshValues() const;
  // The mesh population's time range (what the time bar shows); nullopt without data.
  std::optional<store::TimeRange> timeRange() const;
  int displayEpsg() const;

  // Any thread: that thread's read-only connection.
  store::Project& store() const;

  TaskManager* tasks() const { return m_tasks; }

 private:
  struct Connections;
  QString m_path;
  std::string m_file;
  std::shared_ptr<const render::ProjectLayers> m_layers;
  QPointer<TaskManager> m_tasks;
  std::unique_ptr<Connections> m_connections;
};

using SessionPtr = std::shared_ptr<const ProjectSession>;

}  // namespace ekm::widgets
