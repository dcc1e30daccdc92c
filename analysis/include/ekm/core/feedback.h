#pragma once
// Progress, cancellation and log lines for long operations (Qt-free; modelled on
// QgsFeedback with an atomic cancel flag). Callable from any thread.
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace ekm::core {

enum class LogLevel { Info, Warning, Error };

class Feedback {
 public:
  using ProgressHandler = std::function<void(double percent)>;
  using LogHandler = std::function<void(LogLevel, const std::string&)>;

  Feedback() = default;
  virtual ~Feedback() = default;
  Feedback(const Feedback&) = delete;
  Feedback& operator=(const Feedback&) = delete;

  // Cancellation: any thread may cancel; workers poll isCancelled() in hot loops.
  void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
  bool isCancelled() const noexcept {
    return m_cancelled.load(std::memory_order_relaxed) || (m_linked && m_linked->isCancelled());
  }
  // Throws CancelledError when cancelled.
  void throwIfCancelled() const;

  // Progress in percent [0, 100]. Handlers are called at most every
  // throttleInterval, except for 0 and 100 which always pass.
  void setProgress(double percent);
  double progress() const noexcept { return m_progress.load(std::memory_order_relaxed); }

  void log(LogLevel level, const std::string& message);
  void info(const std::string& message) { log(LogLevel::Info, message); }
  void warning(const std::string& message) { log(LogLevel::Warning, message); }

  void setProgressHandler(ProgressHandler handler);
  void setLogHandler(LogHandler handler);
  void setThrottleInterval(std::chrono::milliseconds interval) { m_throttle = interval; }

  // Adapter for GDAL's GDALProgressFunc: pass &Feedback::gdalProgress and `this`.
  static int gdalProgress(double complete, const char* message, void* feedback);

 private:
  friend class MultiStepFeedback;
  const Feedback* m_linked = nullptr;  // a parent whose cancellation this one shares
  std::atomic<bool> m_cancelled{false};
  std::atomic<double> m_progress{0.0};
  std::mutex m_mutex;
  ProgressHandler m_progressHandler;
  LogHandler m_logHandler;
  std::chrono::milliseconds m_throttle{100};
  std::chrono::steady_clock::time_point m_lastEmit{};
};

// Splits a parent's progress into weighted steps: step i reports 0..100 locally,
// the parent sees its share. Shares cancellation with the parent.
class MultiStepFeedback : public Feedback {
 public:
  MultiStepFeedback(Feedback& parent, int stepCount);
  void setCurrentStep(int step);
  // Reports local progress of the current step to the parent.
  void setStepProgress(double percent);

 private:
  Feedback& m_parent;
  int m_stepCount;
  int m_currentStep = 0;
};

// A Feedback that discards everything; for callers that do not care.
Feedback& nullFeedback();

}  // namespace ekm::core
