#pragma once
// The one runner of background work in the GUI (DESIGN.md section 4, Threads): the main
// window owns one TaskManager and hands it to every dock (through the ProjectSession). A task
// runs a function of a core::Feedback on a worker of the manager's own thread pool, with its
// own Feedback (atomic cancel flag, throttled progress, log lines), and its typed result is
// delivered on the GUI thread:
//
//   TaskOptions options;
//   options.replaceKey = QStringLiteral("forecast");  // a newer "forecast" task cancels this one
//   options.context = this;                           // callbacks are dropped once it is gone
//   options.onProgress = [this](double percent) { m_bar->setValue(int(percent)); };
//   m_task = tasks->run(tr("Forecast of %1").arg(id),
//       [session, params](core::Feedback& f) { return forecast(session->store(), params, f); },
//       [this](flow::Forecast result) { show(std::move(result)); },  // GUI thread
//       [this](const TaskError& error) { report(error); }, options);
//
// Rules:
//  - Work runs on a worker: it takes its inputs by value or shared_ptr (a ProjectSession
//    for the store: one read-only connection per thread) and returns its result by value;
//    it never touches widgets or a QObject's `this`. Intermediate values for the GUI go
//    through a GuiChannel owned by the receiver.
//  - Progress, log lines and the outcome reach the GUI thread as queued calls. Exceptions are
//    caught in the worker and never cross threads: core::CancelledError (or a cancel observed
//    when the work returns, or before its outcome is delivered) is the Cancelled status and
//    the result is dropped; core::Error becomes a TaskError with its context, anything else a
//    TaskError with its what().
//  - Replace: a task started with a replace key cancels the running tasks with that key; the
//    older task's result is dropped even if its work had already returned.
//  - The GUI thread never waits for a worker. Destroying the manager cancels every task and
//    drops every outcome still to come; cancelled workers return at their next check while
//    the pool is kept by the application object (QCoreApplication reaps it at exit).
//  - An operation of the operations layer (ekm/ops/operation.h: run(ops::Session&, Params,
//    Feedback&) -> Result) is submitted as it is, with its ops::Session made on the worker
//    (one per thread) for the open project's file:
//      tasks->run(title, [op, params, file = session->file()](core::Feedback& f) {
//            ops::Session opSession(file);
//            return op->run(opSession, params, f);
//          }, onResult, onError, options);
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"

class QThreadPool;

namespace ekm::widgets {

class GuiChannel;

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
  TaskOptions() = default;
  TaskOptions(QString key, QObject* owner, std::function<void()> cancelled = {})
      : replaceKey(std::move(key)), context(owner), onCancelled(std::move(cancelled)) {}
  // A short read for `owner` that is not listed (see `hidden`); a newer one with the key
  // replaces it.
  static TaskOptions hiddenRead(QString key, QObject* owner) {
    TaskOptions options(std::move(key), owner);
    options.hidden = true;
    return options;
  }

  // A newer task with the same non-empty key cancels the running older ones.
  QString replaceKey;
  // Callbacks are dropped (and the task cancelled) once this object is destroyed.
  QObject* context = nullptr;
  // Called on the GUI thread when the task ends as Cancelled.
  std::function<void()> onCancelled;
  // The task's progress in percent, on the GUI thread.
  std::function<void(double)> onProgress;
  // Not listed: no taskAdded/taskProgress/taskLog/taskFinished signals, not in taskIds() or
  // runningCount() (so not in the Tasks dock), forgotten once finished. For short reads whose
  // dock shows its own state (inspector series, id lists).
  bool hidden = false;
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
  // Cancels every running task without waiting; callbacks of those tasks are not called.
  ~TaskManager() override;

  // Runs `work(feedback)` on a worker thread. `onSuccess(result)` (or `onSuccess()` for void
  // work) and `onError(error)` run on the GUI thread.
  template <typename Work, typename Success>
  TaskHandle run(const QString& title, Work work, Success onSuccess,
                 std::function<void(const TaskError&)> onError = {}, TaskOptions options = {});

  bool isRunning(quint64 id) const;
  // Listed tasks still running.
  int runningCount() const;
  std::optional<TaskInfo> info(quint64 id) const;
  // Ids of the listed tasks (running and finished, not cleared), oldest first.
  QList<quint64> taskIds() const;

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
    bool hidden = false;
    QMetaObject::Connection contextConnection;
    std::function<void()> deliver;
    std::function<void(const TaskError&)> onError;
    std::function<void()> onCancelled;
    std::function<void(double)> onProgress;
  };
  TaskHandle start(const QString& title, std::function<void(core::Feedback&)> work, std::function<void()> deliver,
                   std::function<void(const TaskError&)> onError, TaskOptions options);
  void progressed(quint64 id, double percent);
  void logged(quint64 id, const QString& line);
  void finish(quint64 id, Outcome outcome);
  static Outcome runGuarded(const std::function<void(core::Feedback&)>& work, core::Feedback& feedback);

  QThreadPool* m_pool = nullptr;              // handed to the application if busy at destruction
  std::shared_ptr<GuiChannel> m_channel;      // workers -> this object, closed by the destructor
  std::map<quint64, Task> m_tasks;
  quint64 m_nextId = 1;
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
