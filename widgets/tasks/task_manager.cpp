#include "tasks/task_manager.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>
#include <algorithm>
#include <exception>

#include "tasks/error_text.h"
#include "tasks/gui_channel.h"

namespace ekm::widgets {

bool TaskHandle::isRunning() const { return m_manager && m_manager->isRunning(m_id); }

void TaskHandle::cancel() const {
  if (m_manager) m_manager->cancel(m_id);
}

TaskManager::TaskManager(QObject* parent)
    : QObject(parent), m_pool(new QThreadPool), m_channel(std::make_shared<GuiChannel>(this)) {
  // Long runs (an assignment, a forecast map) must not hold up the short reads behind them.
  m_pool->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
}

TaskManager::~TaskManager() {
  m_channel->close();  // outcomes and progress still to come are dropped
  cancelAll();
  m_pool->clear();  // tasks not started yet never start
  if (m_pool->activeThreadCount() == 0) {
    delete m_pool;  // idle: its threads exit at once
  } else if (auto* app = QCoreApplication::instance()) {
    // Cancelled workers return at their next check; the application reaps the pool at exit.
    m_pool->setParent(app);
  }
  // Without an application object the busy pool is left to the end of the process.
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
  task.hidden = options.hidden;
  task.deliver = std::move(deliver);
  task.onError = std::move(onError);
  task.onCancelled = std::move(options.onCancelled);
  task.onProgress = std::move(options.onProgress);
  if (options.context)
    task.contextConnection = connect(options.context, &QObject::destroyed, this, [this, id] { cancel(id); });

  // The handlers run on the worker thread and only post to this object through the channel;
  // the posted calls run on the GUI thread while this object lives.
  task.feedback->setProgressHandler([this, id, channel = m_channel](double percent) {
    channel->post([this, id, percent] { progressed(id, percent); });
  });
  task.feedback->setLogHandler([this, id, channel = m_channel](core::LogLevel level, const std::string& message) {
    QString line = QString::fromStdString(message);
    if (level == core::LogLevel::Warning) line = tr("Warning: %1").arg(line);
    if (level == core::LogLevel::Error) line = tr("Error: %1").arg(line);
    channel->post([this, id, line] { logged(id, line); });
  });

  m_pool->start([this, id, channel = m_channel, feedback = task.feedback, work = std::move(work)] {
    Outcome outcome = runGuarded(work, *feedback);
    channel->post([this, id, outcome = std::move(outcome)]() mutable { finish(id, std::move(outcome)); });
  });
  if (!task.hidden) emit taskAdded(id);
  return TaskHandle(this, id);
}

void TaskManager::progressed(quint64 id, double percent) {
  const auto it = m_tasks.find(id);
  if (it == m_tasks.end() || it->second.info.status != Status::Running) return;
  Task& task = it->second;
  task.info.progress = percent;
  if (task.onProgress && (!task.hasContext || task.context)) task.onProgress(percent);
  if (!task.hidden) emit taskProgress(id, percent);
}

void TaskManager::logged(quint64 id, const QString& line) {
  const auto it = m_tasks.find(id);
  if (it == m_tasks.end()) return;
  it->second.info.log << line;
  if (!it->second.hidden) emit taskLog(id, line);
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
    outcome.error.message = errorText(e);  // the catalogue's wording, in the UI's language
    outcome.error.code = e.code();
    outcome.error.context = e.context();
  } catch (const std::exception& e) {
    outcome.status = Status::Failed;
    outcome.error.message = errorText(e);  // a core::Error in the UI's language
  } catch (...) {
    outcome.status = Status::Failed;
    outcome.error.message = tr("unknown error");
  }
  return outcome;
}

void TaskManager::finish(quint64 id, Outcome outcome) {
  auto it = m_tasks.find(id);
  if (it == m_tasks.end()) return;
  Task& task = it->second;
  task.info.elapsedMs = task.clock.elapsed();
  disconnect(task.contextConnection);
  // Cancelled (or replaced by a newer task) after the work returned: the result is stale.
  if (outcome.status == Status::Completed && task.feedback->isCancelled()) outcome.status = Status::Cancelled;
  // Callbacks of an owner that is gone are dropped. The callbacks may start or cancel tasks
  // (std::map keeps `task` valid); this one still counts as running while they run.
  const bool deliverable = !task.hasContext || task.context;
  if (outcome.status == Status::Completed && deliverable && task.deliver) {
    // A callback that throws must not unwind into Qt's event loop: it fails the task instead.
    try {
      task.deliver();
    } catch (const std::exception& e) {
      outcome.status = Status::Failed;
      outcome.error.message = errorText(e);  // a core::Error in the UI's language
    }
  }
  task.info.status = outcome.status;
  if (outcome.status == Status::Completed) task.info.progress = 100;
  if (outcome.status == Status::Failed) {
    task.info.message = outcome.error.message;
    if (deliverable && task.onError) task.onError(outcome.error);
  }
  if (outcome.status == Status::Cancelled && deliverable && task.onCancelled) task.onCancelled();
  it = m_tasks.find(id);  // a callback may have cleared finished tasks (not this one: it ran)
  if (it == m_tasks.end()) return;
  if (it->second.hidden) {
    m_tasks.erase(it);
    return;
  }
  // Release the closures (and what they hold) now; the record stays for the panel.
  it->second.deliver = nullptr;
  it->second.onError = nullptr;
  it->second.onCancelled = nullptr;
  it->second.onProgress = nullptr;
  emit taskFinished(id, outcome.status);
}

bool TaskManager::isRunning(quint64 id) const {
  const auto it = m_tasks.find(id);
  return it != m_tasks.end() && it->second.info.status == Status::Running;
}

int TaskManager::runningCount() const {
  int n = 0;
  for (const auto& [id, task] : m_tasks) n += !task.hidden && task.info.status == Status::Running ? 1 : 0;
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
  for (const auto& [id, task] : m_tasks)
    if (!task.hidden) ids << id;
  return ids;
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
    if (it->second.info.status == Status::Running || it->second.hidden) {
      ++it;
      continue;
    }
    const quint64 id = it->first;
    it = m_tasks.erase(it);
    emit taskRemoved(id);
  }
}

}  // namespace ekm::widgets
