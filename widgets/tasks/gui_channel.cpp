#include "tasks/gui_channel.h"

#include <QMetaObject>

namespace ekm::widgets {

void GuiChannel::post(std::function<void()> call) {
  // Posting under the lock: close() cannot complete (and the receiver cannot be destroyed)
  // between the check and the post.
  const std::lock_guard lock(m_mutex);
  if (!m_receiver) return;
  QMetaObject::invokeMethod(m_receiver, std::move(call), Qt::QueuedConnection);
}

void GuiChannel::close() {
  const std::lock_guard lock(m_mutex);
  m_receiver = nullptr;
}

bool GuiChannel::isOpen() const {
  const std::lock_guard lock(m_mutex);
  return m_receiver != nullptr;
}

}  // namespace ekm::widgets
