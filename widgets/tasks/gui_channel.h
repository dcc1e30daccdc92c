#pragma once
// A one-way channel from worker threads to a receiver QObject's thread (the GUI thread): a
// worker posts a function, the receiver's event loop runs it. Once closed, posts are dropped.
// Workers keep the channel by shared_ptr and never touch the receiver themselves; the
// receiver owns the other end and closes it in its destructor, so a function posted by a late
// worker never runs against a destroyed receiver (Qt also discards events queued to an object
// that is deleted). Thread-safe.
#include <QObject>
#include <functional>
#include <mutex>

namespace ekm::widgets {

class GuiChannel {
 public:
  // The receiver must call close() before it is destroyed (in its destructor).
  explicit GuiChannel(QObject* receiver) : m_receiver(receiver) {}
  GuiChannel(const GuiChannel&) = delete;
  GuiChannel& operator=(const GuiChannel&) = delete;

  // Any thread: queues `call` to run on the receiver's thread, unless the channel is closed.
  void post(std::function<void()> call);
  // The receiver's thread: later posts are dropped.
  void close();
  bool isOpen() const;

 private:
  mutable std::mutex m_mutex;
  QObject* m_receiver;
};

}  // namespace ekm::widgets
