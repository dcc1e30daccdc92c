#pragma once
// Background tasks of one window: each task runs a function of a core::Feedback on a worker
// thread (the manager's own QThreadPool), with its own Feedback (atomic cancel, progress, log).
// Progress and log lines reach the GUI thread through queued invocations; exceptions are caught
// in the worker and never cross threads: core::CancelledError (or a cancel observed when the
// work returns) is the Cancelled status, core::Error becomes a TaskError with its context,
// anything else a TaskError with its what(). Results and callbacks are delivered on the GUI
// thread. A task started with a replace key cancels the running tasks with the same key (a
// newer forecast cancels the older one).
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"

namespace ekm::widgets {

class TaskManager;

// Why a task failed: the full message (with file, line, field, expected, found) and, for a
// core::Error, its code and structured context. Converts to its message, so an error callback
// may take a `const QString&`.
struct TaskError {
  QString message;
  core::ErrorCode code = core::ErrorCode::Generic;
  std::optional<core::ErrorContext> context;
  operator const QString&() const { return message; }  // NOLINT: callbacks may take the text only
};

// A started task as seen by its owner; cheap to copy. Empty (id 0) when nothing was started.
class TaskHandle {
 public:
  TaskHandle() = default;
  TaskHandle(TaskManager* manager, quint64 id) : m_manager(manager), m_id(id) {}
  quint64 id() const { return m_id; }
  bool isValid() const { return m_id != 0 && m_manager; }
  bool isRunning() const;
  void cancel() const;

 private:
  QPointer<TaskManager> m_manager;
  quint64 m_id = 0;
};

struct TaskOptions {
  // A newer task with the same non-empty key cancels the running older ones.
  QString replaceKey;
  // Callbacks are dropped (and the task cancelled) once this object is destroyed.
  QObject* context = nullptr;
  // Called on the GUI thread when the task ends as Cancelled.
  std::function<void()> onCancelled;
};

class TaskManager : public QObject {
  Q_OBJECT

 public:
  enum class Status { Running, Completed, Cancelled, Failed };
  Q_ENUM(Status)

  struct TaskInfo {
    quint64 id = 0;
    QString title;
    QString replaceKey;
    Status status = Status::Running;
    double progress = 0;  // percent
    QString message;      // the error message when Failed
    QStringList log;
    qint64 elapsedMs = 0;  // so far while running, the total when finished
  };

  explicit TaskManager(QObject* parent = nullptr);
  // Cancels every running task and waits for the workers (they return at their next cancel
  // check); callbacks of those tasks are not called.
  ~TaskManager() override;

  // Runs `work(feedback)` on a worker thread. `onSuccess(result)` (or `onSuccess()` for void
  // work) and `onError(error)` run on the GUI thread.
  template <typename Work, typename Success>
  TaskHandle run(const QString& title, Work work, Success onSuccess,
                 std::function<void(const TaskError&)> onError = {}, TaskOptions options = {});

  bool isRunning(quint64 id) const;
  int runningCount() const;
  std::optional<TaskInfo> info(quint64 id) const;
  // Ids of the known tasks (running and finished, not cleared), oldest first.
  QList<quint64> taskIds() const;
  // Blocks until every worker has returned and delivered its result (tests, shutdown).
  bool waitForAll(int timeoutMs = -1);
  QThreadPool* pool() { return &m_pool; }

 public slots:
  void cancel(quint64 id);
  void cancelAll();
  // Forgets finished tasks (taskRemoved for each).
  void clearFinished();

 signals:
  void taskAdded(quint64 id);
  void taskProgress(quint64 id, double percent);
  void taskLog(quint64 id, const QString& line);
  void taskFinished(quint64 id, ekm::widgets::TaskManager::Status status);
  void taskRemoved(quint64 id);

 private:
  struct Outcome {
    Status status = Status::Completed;
    TaskError error;
  };
  // The type-erased task: `work` runs on the worker and keeps its result inside the closure;
  // `deliver` runs on the GUI thread after a successful `work`.
  struct Task {
    TaskInfo info;
    std::shared_ptr<core::Feedback> feedback;
    QElapsedTimer clock;
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void()> deliver;
    std::function<void(const TaskError&)> onError;
    std::function<void()> onCancelled;
  };
  TaskHandle start(const QString& title, std::function<void(core::Feedback&)> work, std::function<void()> deliver,
                   std::function<void(const TaskError&)> onError, TaskOptions options);
  void finish(quint64 id, Outcome outcome);
  static Outcome runGuarded(const std::function<void(core::Feedback&)>& work, core::Feedback& feedback);

  QThreadPool m_pool;
  std::map<quint64, Task> m_tasks;
  quint64 m_nextId = 1;
  int m_pending = 0;  // workers whose outcome was not yet delivered
};

template <typename Work, typename Success>
TaskHandle TaskManager::run(const QString& title, Work work, Success onSuccess,
                            std::function<void(const TaskError&)> onError, TaskOptions options) {
  using Result = std::invoke_result_t<Work&, core::Feedback&>;
  if constexpr (std::is_void_v<Result>) {
    return start(
        title, [work = std::move(work)](core::Feedback& f) mutable { work(f); },
        [onSuccess = std::move(onSuccess)]() mutable { onSuccess(); }, std::move(onError), std::move(options));
  } else {
    // Written by the worker before it posts its outcome, read on the GUI thread after: the
    // queued invocation orders the two.
    auto result = std::make_shared<std::optional<Result>>();
    return start(
        title, [work = std::move(work), result](core::Feedback& f) mutable { result->emplace(work(f)); },
        [onSuccess = std::move(onSuccess), result]() mutable { onSuccess(std::move(**result)); }, std::move(onError),
        std::move(options));
  }
}

}  // namespace ekm::widgets
