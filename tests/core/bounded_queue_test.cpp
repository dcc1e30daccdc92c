// BoundedQueue between two threads: every item arrives once and in order while the producer
// is held back by the bound; close() releases a blocked producer and a blocked consumer.
#include "ekm/core/bounded_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace {

using ekm::core::BoundedQueue;

TEST(BoundedQueue, DeliversEveryItemInOrderWithinTheBound) {
  BoundedQueue<int> q(3);
  std::atomic<int> pushed{0};
  std::thread producer([&] {
    for (int i = 0; i < 10000; ++i) {
      ASSERT_TRUE(q.push(i));
      ++pushed;
    }
    q.close();
  });
  int expected = 0;
  while (auto v = q.pop()) {
    // The producer is never more than the bound (+ the item it is pushing) ahead.
    EXPECT_LE(pushed.load() - expected, 4);
    ASSERT_EQ(*v, expected);
    ++expected;
  }
  producer.join();
  EXPECT_EQ(expected, 10000);
}

TEST(BoundedQueue, CloseReleasesBlockedProducerAndConsumer) {
  BoundedQueue<int> full(1);
  ASSERT_TRUE(full.push(1));
  EXPECT_FALSE(full.tryPush(2));
  std::thread producer([&] { EXPECT_FALSE(full.push(2)); });  // blocks: no room
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  full.close();
  producer.join();
  // What was queued before close() is still delivered, then nothing.
  EXPECT_EQ(full.pop(), std::optional<int>(1));
  EXPECT_EQ(full.pop(), std::nullopt);

  BoundedQueue<int> empty(2);
  std::thread consumer([&] { EXPECT_EQ(empty.pop(), std::nullopt); });  // blocks: nothing there
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  empty.close();
  consumer.join();
  EXPECT_EQ(empty.tryPop(), std::nullopt);
  EXPECT_FALSE(empty.push(3));
}

}  // namespace
