#include "ekm/core/feedback.h"

#include <algorithm>

#include "ekm/core/error.h"

namespace ekm::core {

void Feedback::throwIfCancelled() const {
  if (isCancelled()) throw CancelledError();
}

void Feedback::setProgress(double percent) {
  percent = std::clamp(percent, 0.0, 100.0);
  m_progress.store(percent, std::memory_order_relaxed);
  ProgressHandler handler;
  {
    std::lock_guard lock(m_mutex);
    if (!m_progressHandler) return;
    const auto now = std::chrono::steady_clock::now();
    const bool edge = percent <= 0.0 || percent >= 100.0;
    if (!edge && now - m_lastEmit < m_throttle) return;
    m_lastEmit = now;
    handler = m_progressHandler;
  }
  handler(percent);
}

void Feedback::log(LogLevel level, const std::string& message) {
  LogHandler handler;
  {
    std::lock_guard lock(m_mutex);
    handler = m_logHandler;
  }
  if (handler) handler(level, message);
}

void Feedback::setProgressHandler(ProgressHandler handler) {
  std::lock_guard lock(m_mutex);
  m_progressHandler = std::move(handler);
}

void Feedback::setLogHandler(LogHandler handler) {
  std::lock_guard lock(m_mutex);
  m_logHandler = std::move(handler);
}

int Feedback::gdalProgress(double complete, const char*, void* feedback) {
  auto* self = static_cast<Feedback*>(feedback);
  if (!self) return 1;
  self->setProgress(complete * 100.0);
  return self->isCancelled() ? 0 : 1;
}

MultiStepFeedback::MultiStepFeedback(Feedback& parent, int stepCount)
    : m_parent(parent), m_stepCount(std::max(1, stepCount)) {
  m_linked = &parent;
  setProgressHandler([this](double p) { setStepProgress(p); });
  setThrottleInterval(std::chrono::milliseconds(0));
  setLogHandler([this](LogLevel level, const std::string& m) { m_parent.log(level, m); });
}

void MultiStepFeedback::setCurrentStep(int step) {
  m_currentStep = std::clamp(step, 0, m_stepCount - 1);
  m_parent.setProgress(100.0 * m_currentStep / m_stepCount);
}

void MultiStepFeedback::setStepProgress(double percent) {
  m_parent.setProgress(100.0 * (m_currentStep + percent / 100.0) / m_stepCount);
}

Feedback& nullFeedback() {
  thread_local Feedback feedback;
  return feedback;
}

}  // namespace ekm::core
