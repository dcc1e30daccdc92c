#pragma once
// One background job with progress, log lines and Cancel: the single place where the Demand
// dock touches threads (QtConcurrent today; switch this file to the TaskManager when it
// lands). `work` runs on the thread pool with a fresh core::Feedback; progress and log lines
// come back as signals (queued to the GUI thread); core::CancelledError (or a cancel request)
// ends as Cancelled, any other exception as Failed with its message. Exceptions never leave
// the worker.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

#include "ekm/core/feedback.h"

namespace ekm::widgets {

class BackgroundJob : public QObject {
  Q_OBJECT

 public:
  enum class Status { Completed, Cancelled, Failed };
  Q_ENUM(Status)
  using Work = std::function<void(core::Feedback&)>;

  explicit BackgroundJob(QObject* parent = nullptr);
  ~BackgroundJob() override;  // cancels and waits

  // False (and nothing starts) while a job is running.
  bool start(Work work);
  void cancel();
  bool isRunning() const;
  void waitForFinished();

 signals:
  void progressChanged(int percent);
  void logLine(const QString& line);
  void finished(ekm::widgets::BackgroundJob::Status status, const QString& message);

 private:
  struct Outcome {
    Status status = Status::Completed;
    QString message;
  };
  std::shared_ptr<core::Feedback> m_feedback;
  QFutureWatcher<Outcome> m_watcher;
};

}  // namespace ekm::widgets
