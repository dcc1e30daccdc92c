#include "demand/background_job.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>

#include "ekm/core/error.h"

namespace ekm::widgets {

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {
  connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome outcome = m_watcher.result();
    emit finished(outcome.status, outcome.message);
  });
}

BackgroundJob::~BackgroundJob() {
  cancel();
  m_watcher.waitForFinished();
}

bool BackgroundJob::start(Work work) {
  if (isRunning()) return false;
  m_feedback = std::make_shared<core::Feedback>();
  // Signals emitted on the worker reach GUI-thread receivers queued; a job deleted meanwhile
  // is skipped through the QPointer.
  QPointer<BackgroundJob> self(this);
  m_feedback->setProgressHandler([self](double percent) {
    const int value = static_cast<int>(std::lround(percent));
    QMetaObject::invokeMethod(
        self.data(), [self, value] { if (self) emit self->progressChanged(value); }, Qt::QueuedConnection);
  });
  m_feedback->setLogHandler([self](core::LogLevel, const std::string& line) {
    const QString text = QString::fromStdString(line);
    QMetaObject::invokeMethod(
        self.data(), [self, text] { if (self) emit self->logLine(text); }, Qt::QueuedConnection);
  });
  auto feedback = m_feedback;
  m_watcher.setFuture(QtConcurrent::run([feedback, work = std::move(work)]() -> Outcome {
    Outcome outcome;
    try {
      work(*feedback);
      if (feedback->isCancelled()) outcome.status = Status::Cancelled;
    } catch (const core::CancelledError&) {
      outcome.status = Status::Cancelled;
    } catch (const std::exception& e) {
      outcome.status = feedback->isCancelled() ? Status::Cancelled : Status::Failed;
      outcome.message = QString::fromUtf8(e.what());
    }
    return outcome;
  }));
  return true;
}

void BackgroundJob::cancel() {
  if (m_feedback) m_feedback->cancel();
}

bool BackgroundJob::isRunning() const { return m_watcher.isRunning(); }

void BackgroundJob::waitForFinished() { m_watcher.waitForFinished(); }

}  // namespace ekm::widgets
