#pragma once
// Bridges a Qt-free core::Feedback to a progress bar: the worker thread's progress handler
// posts a queued call to the GUI thread (the bar is only touched there; a bar destroyed in the
// meantime is skipped through a QPointer).
#include <QMetaObject>
#include <QPointer>
#include <QProgressBar>
#include <cmath>

#include "ekm/core/feedback.h"

namespace ekm::widgets {

inline void bridgeProgress(core::Feedback& feedback, QProgressBar* bar) {
  QPointer<QProgressBar> target(bar);
  feedback.setProgressHandler([target](double percent) {
    const int value = static_cast<int>(std::lround(percent));
    QMetaObject::invokeMethod(
        target.data(),
        [target, value] {
          if (target) target->setValue(value);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace ekm::widgets
