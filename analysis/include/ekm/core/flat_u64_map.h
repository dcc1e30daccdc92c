#pragma once
// An open-addressing hash map from 64-bit keys to small values, for the importers' hot paths
// (one lookup per imported value): one flat array probed linearly, no node per entry, so a
// lookup costs one or two cache lines where std::unordered_map costs a pointer chase.
// Only insert, find and clear: entries are never erased one by one.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ekm::core {

template <class V>
class FlatU64Map {
 public:
  FlatU64Map() { rehash(16); }

  // Room for n entries without growing.
  void reserve(std::size_t n) {
    if (n * 2 > m_slots.size()) rehash(n * 2);
  }

  // The value stored for `key`, or nullptr.
  V* find(std::uint64_t key) {
    for (std::size_t i = slotOf(key);; i = (i + 1) & m_mask) {
      Slot& s = m_slots[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.value;
    }
  }

  // Stores `value` for `key`, replacing a value already stored.
  void insertOrAssign(std::uint64_t key, V value) {
    if ((m_size + 1) * 2 > m_slots.size()) rehash(m_slots.size() * 2);
    for (std::size_t i = slotOf(key);; i = (i + 1) & m_mask) {
      Slot& s = m_slots[i];
      if (!s.used) {
        s = Slot{key, value, true};
        ++m_size;
        return;
      }
      if (s.key == key) {
        s.value = value;
        return;
      }
    }
  }

  void clear() {
    for (auto& s : m_slots) s.used = false;
    m_size = 0;
  }

  std::size_t size() const { return m_size; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    V value{};
    bool used = false;
  };

  // Fibonacci hashing: the key's bits mixed by the golden-ratio multiplier, the top bits kept.
  std::size_t slotOf(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> m_shift);
  }

  void rehash(std::size_t minSlots) {
    std::size_t n = 16;
    int bits = 4;
    while (n < minSlots) {
      n <<= 1;
      ++bits;
    }
    std::vector<Slot> old;
    old.swap(m_slots);
    m_slots.assign(n, Slot{});
    m_mask = n - 1;
    m_shift = 64 - bits;
    m_size = 0;
    for (const auto& s : old)
      if (s.used) insertOrAssign(s.key, s.value);
  }

  std::vector<Slot> m_slots;
  std::size_t m_mask = 0;
  int m_shift = 60;
  std::size_t m_size = 0;
};

}  // namespace ekm::core
