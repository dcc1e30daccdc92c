#pragma once
// Feedback for the terminal: a redrawn progress bar on a TTY (plain percentage lines
// otherwise) on stderr; Ctrl-C (SIGINT) cancels the running operation.
#include <string>

#include "ekm/core/feedback.h"

namespace ekm::cli {

class TerminalFeedback : public core::Feedback {
 public:
  explicit TerminalFeedback(std::string label, bool quiet = false);
  ~TerminalFeedback() override;
  // Ends the progress line (call before printing results).
  void finish();

 private:
  void draw(double percent);
  std::string m_label;
  bool m_tty;
  bool m_quiet;
  bool m_lineOpen = false;
  int m_lastPlainPercent = -1;
};

}  // namespace ekm::cli
