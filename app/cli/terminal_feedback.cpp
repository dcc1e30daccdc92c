#include "terminal_feedback.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace ekm::cli {

namespace {
std::atomic<core::Feedback*> g_active{nullptr};

extern "C" void onSigint(int) {
  if (auto* f = g_active.load()) f->cancel();
}
}  // namespace

TerminalFeedback::TerminalFeedback(std::string label, bool quiet)
    : m_label(std::move(label)), m_tty(isatty(STDERR_FILENO) != 0), m_quiet(quiet) {
  g_active.store(this);
  struct sigaction sa {};
  sa.sa_handler = onSigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  setProgressHandler([this](double p) { draw(p); });
  setLogHandler([this](core::LogLevel level, const std::string& m) {
    if (m_quiet && level == core::LogLevel::Info) return;
    if (m_lineOpen) std::fputs("\n", stderr), m_lineOpen = false;
    const char* prefix = level == core::LogLevel::Warning ? "warning: " : level == core::LogLevel::Error ? "error: " : "";
    std::fprintf(stderr, "%s%s\n", prefix, m.c_str());
  });
}

TerminalFeedback::~TerminalFeedback() {
  finish();
  g_active.store(nullptr);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

void TerminalFeedback::draw(double percent) {
  if (m_quiet) return;
  if (m_tty) {
    const int width = 30;
    const int filled = static_cast<int>(percent / 100.0 * width + 0.5);
    std::string bar(filled, '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r%s [%s] %5.1f%%", m_label.c_str(), bar.c_str(), percent);
    std::fflush(stderr);
    m_lineOpen = true;
  } else {
    const int step = static_cast<int>(percent) / 10 * 10;
    if (step == m_lastPlainPercent) return;
    // Every 10 % step passed gets its line, also one the throttled progress (at most every
    // 100 ms) jumped over on a fast import.
    const int from = step > m_lastPlainPercent && m_lastPlainPercent >= 0 ? m_lastPlainPercent + 10 : step;
    for (int p = from; p <= step; p += 10) std::fprintf(stderr, "%s: %d%%\n", m_label.c_str(), p);
    m_lastPlainPercent = step;
  }
}

void TerminalFeedback::finish() {
  if (m_lineOpen) {
    std::fputs("\n", stderr);
    m_lineOpen = false;
  }
}

}  // namespace ekm::cli
