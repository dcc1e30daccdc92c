#include "session/project_session.h"

#include <QFile>
#include <map>
#include <mutex>
#include <thread>

namespace ekm::widgets {

// One connection per thread that asked. A thread uses only its own; the map is locked only
// to find or add it. Closing them all in the destructor is safe: nobody holds the session,
// so no thread is using one.
struct ProjectSession::Connections {
  std::mutex mutex;
  std::map<std::thread::id, std::unique_ptr<store::Project>> byThread;
};

ProjectSession::ProjectSession(const QString& path, std::shared_ptr<const render::ProjectLayers> layers,
                               TaskManager* tasks)
    : m_path(path),
      m_file(QFile::encodeName(path).toStdString()),
      m_layers(std::move(layers)),
      m_tasks(tasks),
      m_connections(std::make_unique<Connections>()) {}

ProjectSession::~ProjectSession() = default;

std::shared_ptr<const render::MeshGeometry> ProjectSession::mesh() const { return m_layers ? m_layers->mesh : nullptr; }

std::shared_ptr<const render::MeshValueSource> ProjectSession::meshValues() const {
  return m_layers ? m_layers->meshValues : nullptr;
}

std::optional<store::TimeRange> ProjectSession::timeRange() const {
  return m_layers ? m_layers->meshTimeRange : std::nullopt;
}

int ProjectSession::displayEpsg() const { return m_layers ? m_layers->displayEpsg : 0; }

store::Project& ProjectSession::store() const {
  const auto thread = std::this_thread::get_id();
  {
    const std::lock_guard lock(m_connections->mutex);
    const auto it = m_connections->byThread.find(thread);
    if (it != m_connections->byThread.end()) return *it->second;
  }
  // Opened outside the lock (it reads the file); only this thread adds its own entry.
  auto project = std::make_unique<store::Project>(store::Project::open(m_file, store::OpenMode::ReadOnly));
  const std::lock_guard lock(m_connections->mutex);
  return *m_connections->byThread.emplace(thread, std::move(project)).first->second;
}

}  // namespace ekm::widgets
