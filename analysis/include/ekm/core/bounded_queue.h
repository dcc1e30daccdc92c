#pragma once
// A blocking first-in first-out queue of at most `capacity` items between threads (a
// producer stage and a consumer stage of a pipeline). close() wakes both sides for good:
// push() then refuses items and pop() drains what is left, then returns nothing, so
// either stage can stop the other without a deadlock.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace ekm::core {

template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity ? capacity : 1) {}
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Waits for room; false (the item dropped) once the queue is closed.
  bool push(T item) {
    std::unique_lock lock(m_mutex);
    m_notFull.wait(lock, [&] { return m_closed || m_items.size() < m_capacity; });
    if (m_closed) return false;
    m_items.push_back(std::move(item));
    m_notEmpty.notify_one();
    return true;
  }

  // Adds the item only if there is room now (and the queue is open).
  bool tryPush(T item) {
    std::lock_guard lock(m_mutex);
    if (m_closed || m_items.size() >= m_capacity) return false;
    m_items.push_back(std::move(item));
    m_notEmpty.notify_one();
    return true;
  }

  // Waits for an item; nothing once the queue is closed and empty.
  std::optional<T> pop() {
    std::unique_lock lock(m_mutex);
    m_notEmpty.wait(lock, [&] { return m_closed || !m_items.empty(); });
    return takeLocked();
  }

  // An item if one is ready, without waiting.
  std::optional<T> tryPop() {
    std::lock_guard lock(m_mutex);
    return takeLocked();
  }

  void close() {
    {
      std::lock_guard lock(m_mutex);
      m_closed = true;
    }
    m_notFull.notify_all();
    m_notEmpty.notify_all();
  }

 private:
  std::optional<T> takeLocked() {
    if (m_items.empty()) return std::nullopt;
    std::optional<T> out(std::move(m_items.front()));
    m_items.pop_front();
    m_notFull.notify_one();
    return out;
  }

  const std::size_t m_capacity;
  std::mutex m_mutex;
  std::condition_variable m_notFull, m_notEmpty;
  std::deque<T> m_items;
  bool m_closed = false;
};

}  // namespace ekm::core
