#pragma once
// Deterministic random numbers for the sample generator. The engine is std::mt19937_64,
// whose output sequence is fixed by the C++ standard; the distributions are our own code
// (std:: distributions differ between standard libraries), so a seed gives the same
// numbers with every compiler.
#include <cstdint>
#include <initializer_list>
#include <random>

namespace ekm::sample {

// SplitMix64 finaliser: a well-mixed 64-bit hash of x.
std::uint64_t mix64(std::uint64_t x);
// A seed derived from a base seed and a list of keys (e.g. cell index, day number), so that
// each (cell, day) has its own independent stream whatever the generated period.
std::uint64_t deriveSeed(std::uint64_t seed, std::initializer_list<std::int64_t> keys);

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_engine(seed) {}
  // Uniform in [0, 1) with 53 random bits.
  double uniform();
  // Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal (Box-Muller; the second value of each pair is kept for the next call).
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }
  // Exponential with the given mean.
  double exponential(double mean);
  // A count with mean `mean`: Poisson by multiplication for small means, rounded normal
  // approximation (variance = mean) above 30. Never negative.
  std::int64_t count(double mean);

 private:
  std::mt19937_64 m_engine;
  bool m_haveSpare = false;
  double m_spare = 0;
};

}  // namespace ekm::sample
