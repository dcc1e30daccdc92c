#include "tasks/task_manager.h"

#include <QCoreApplication>
#include <QEvent>
#include <QMetaObject>
#include <exception>

namespace ekm::widgets {

bool TaskHandle::isRunning() const { return m_manager && m_manager->isRunning(m_id); }

void TaskHandle::cancel() const {
  if (m_manager) m_manager->cancel(m_id);
}

TaskManager::TaskManager(QObject* parent) : QObject(parent) {}

TaskManager::~TaskManager() {
  for (auto& [id, task] : m_tasks)
    if (task.info.status == Status::Running) task.feedback->cancel();
  m_pool.waitForDone();  // the queued outcomes addressed to this object die with it
}

TaskHandle TaskManager::start(const QString& title, std::function<void(core::Feedback&)> work,
                              std::function<void()> deliver, std::function<void(const TaskError&)> onError,
                              TaskOptions options) {
  if (!options.replaceKey.isEmpty())
    for (auto& [id, task] : m_tasks)
      if (task.info.status == Status::Running && task.info.replaceKey == options.replaceKey) task.feedback->cancel();

  const quint64 id = m_nextId++;
  Task& task = m_tasks[id];
  task.info.id = id;
  task.info.title = title;
  task.info.replaceKey = options.replaceKey;
  task.feedback = std::make_shared<core::Feedback>();
  task.clock.start();
  task.context = options.context;
  task.hasContext = options.context != nullptr;
  task.deliver = std::move(deliver);
  task.onError = std::move(onError);
  task.onCancelled = std::move(options.onCancelled);
  if (options.context)
    connect(options.context, &QObject::destroyed, this, [this, id] { cancel(id); });

  // The handlers run on the worker thread: they only post to this object. The manager outlives
  // its workers (its destructor waits for the pool), so `this` is valid when they run.
  task.feedback->setProgressHandler([this, id](double percent) {
    QMetaObject::invokeMethod(
        this,
        [this, id, percent] {
          const auto it = m_tasks.find(id);
          if (it == m_tasks.end() || it->second.info.status != Status::Running) return;
          it->second.info.progress = percent;
          emit taskProgress(id, percent);
        },
        Qt::QueuedConnection);
  });
  task.feedback->setLogHandler([this, id](core::LogLevel level, const std::string& message) {
    QString line = QString::fromStdString(message);
    if (level == core::LogLevel::Warning) line = tr("Warning: %1").arg(line);
    if (level == core::LogLevel::Error) line = tr("Error: %1").arg(line);
    QMetaObject::invokeMethod(
        this,
        [this, id, line] {
          const auto it = m_tasks.find(id);
          if (it == m_tasks.end()) return;
          it->second.info.log << line;
          emit taskLog(id, line);
        },
        Qt::QueuedConnection);
  });

  ++m_pending;
  auto feedback = task.feedback;
  m_pool.start([this, id, feedback, work = std::move(work)] {
    Outcome outcome = runGuarded(work, *feedback);
    QMetaObject::invokeMethod(
        this, [this, id, outcome = std::move(outcome)]() mutable { finish(id, std::move(outcome)); },
        Qt::QueuedConnection);
  });
  emit taskAdded(id);
  return TaskHandle(this, id);
}

TaskManager::Outcome TaskManager::runGuarded(const std::function<void(core::Feedback&)>& work,
                                             core::Feedback& feedback) {
  Outcome outcome;
  try {
    work(feedback);
    // A result that arrives after Cancel was pressed is stale: the user asked to stop.
    if (feedback.isCancelled()) outcome.status = Status::Cancelled;
  } catch (const core::CancelledError&) {
    outcome.status = Status::Cancelled;
  } catch (const core::Error& e) {
    outcome.status = Status::Failed;
    outcome.error.message = QString::fromUtf8(e.what());
    outcome.error.code = e.code();
    outcome.error.context = e.context();
  } catch (const std::exception& e) {
    outcome.status = Status::Failed;
    outcome.error.message = QString::fromUtf8(e.what());
  } catch (...) {
    outcome.status = Status::Failed;
    outcome.error.message = tr("unknown error");
  }
  return outcome;
}

void TaskManager::finish(quint64 id, Outcome outcome) {
  --m_pending;
  const auto it = m_tasks.find(id);
  if (it == m_tasks.end()) return;
  Task& task = it->second;
  task.info.elapsedMs = task.clock.elapsed();
  // Callbacks of an owner that is gone are dropped.
  const bool deliverable = !task.hasContext || task.context;
  if (outcome.status == Status::Completed && deliverable && task.deliver) {
    // A callback that throws must not unwind into Qt's event loop: it fails the task instead.
    try {
      task.deliver();
    } catch (const std::exception& e) {
      outcome.status = Status::Failed;
      outcome.error.message = QString::fromUtf8(e.what());
    }
  }
  task.info.status = outcome.status;
  if (outcome.status == Status::Completed) task.info.progress = 100;
  if (outcome.status == Status::Failed) {
    task.info.message = outcome.error.message;
    if (deliverable && task.onError) task.onError(outcome.error);
  }
  if (outcome.status == Status::Cancelled && deliverable && task.onCancelled) task.onCancelled();
  // Release the closures (and what they hold) now; the record stays for the panel.
  task.deliver = nullptr;
  task.onError = nullptr;
  task.onCancelled = nullptr;
  emit taskFinished(id, outcome.status);
}

bool TaskManager::isRunning(quint64 id) const {
  const auto it = m_tasks.find(id);
  return it != m_tasks.end() && it->second.info.status == Status::Running;
}

int TaskManager::runningCount() const {
  int n = 0;
  for (const auto& [id, task] : m_tasks) n += task.info.status == Status::Running ? 1 : 0;
  return n;
}

std::optional<TaskManager::TaskInfo> TaskManager::info(quint64 id) const {
  const auto it = m_tasks.find(id);
  if (it == m_tasks.end()) return std::nullopt;
  TaskInfo info = it->second.info;
  if (info.status == Status::Running) info.elapsedMs = it->second.clock.elapsed();
  return info;
}

QList<quint64> TaskManager::taskIds() const {
  QList<quint64> ids;
  for (const auto& [id, task] : m_tasks) ids << id;
  return ids;
}

bool TaskManager::waitForAll(int timeoutMs) {
  if (!m_pool.waitForDone(timeoutMs)) return false;
  // The workers have posted their outcomes; deliver them now.
  QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
  return m_pending == 0;
}

void TaskManager::cancel(quint64 id) {
  const auto it = m_tasks.find(id);
  if (it != m_tasks.end() && it->second.info.status == Status::Running) it->second.feedback->cancel();
}

void TaskManager::cancelAll() {
  for (auto& [id, task] : m_tasks)
    if (task.info.status == Status::Running) task.feedback->cancel();
}

void TaskManager::clearFinished() {
  for (auto it = m_tasks.begin(); it != m_tasks.end();) {
    if (it->second.info.status == Status::Running) {
      ++it;
      continue;
    }
    const quint64 id = it->first;
    it = m_tasks.erase(it);
    emit taskRemoved(id);
  }
}

}  // namespace ekm::widgets
