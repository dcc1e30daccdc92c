// FlatU64Map against std::unordered_map as the reference: the same random inserts, overwrites,
// lookups of present and absent keys, growth past many rehashes and clear().
#include "ekm/core/flat_u64_map.h"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

namespace {

TEST(FlatU64Map, AgreesWithUnorderedMapOverRandomOperations) {
  ekm::core::FlatU64Map<std::int64_t> flat;
  std::unordered_map<std::uint64_t, std::int64_t> reference;
  std::mt19937_64 rng(42);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 200000; ++i) {
      // Keys from a small range collide and repeat; keys with only high bits set test the hash's mixing.
      const std::uint64_t key = (i % 3 == 0) ? (rng() % 5000) : (rng() % 5000) << 40;
      const auto value = static_cast<std::int64_t>(rng());
      if (rng() % 2) {
        flat.insertOrAssign(key, value);
        reference[key] = value;
      }
      const std::int64_t* found = flat.find(key);
      const auto it = reference.find(key);
      ASSERT_EQ(found != nullptr, it != reference.end()) << "key " << key;
      if (found) {
        ASSERT_EQ(*found, it->second) << "key " << key;
      }
    }
    ASSERT_EQ(flat.size(), reference.size());
    for (const auto& [k, v] : reference) {
      const std::int64_t* found = flat.find(k);
      ASSERT_NE(found, nullptr) << "key " << k;
      EXPECT_EQ(*found, v);
    }
    flat.clear();
    reference.clear();
    EXPECT_EQ(flat.find(0), nullptr);
    EXPECT_EQ(flat.size(), 0u);
  }
}

TEST(FlatU64Map, ZeroAndMaximumKeysAreOrdinaryKeys) {
  ekm::core::FlatU64Map<std::uint32_t> flat;
  flat.reserve(4);
  EXPECT_EQ(flat.find(0), nullptr);
  flat.insertOrAssign(0, 7);
  flat.insertOrAssign(~std::uint64_t{0}, 9);
  ASSERT_NE(flat.find(0), nullptr);
  EXPECT_EQ(*flat.find(0), 7u);
  ASSERT_NE(flat.find(~std::uint64_t{0}), nullptr);
  EXPECT_EQ(*flat.find(~std::uint64_t{0}), 9u);
  EXPECT_EQ(flat.find(1), nullptr);
}

}  // namespace
