#include "ekm/sample/random.h"

#include <cmath>

namespace ekm::sample {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::uint64_t deriveSeed(std::uint64_t seed, std::initializer_list<std::int64_t> keys) {
  std::uint64_t h = mix64(seed);
  for (std::int64_t k : keys) h = mix64(h ^ static_cast<std::uint64_t>(k));
  return h;
}

double Rng::uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }

double Rng::normal() {
  if (m_haveSpare) {
    m_haveSpare = false;
    return m_spare;
  }
  double u1 = uniform();
  while (u1 <= 0.0) u1 = uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double a = 2.0 * M_PI * u2;
  m_spare = r * std::sin(a);
  m_haveSpare = true;
  return r * std::cos(a);
}

double Rng::exponential(double mean) {
  double u = uniform();
  return -mean * std::log1p(-u);
}

std::int64_t Rng::count(double mean) {
  if (!(mean > 0)) return 0;
  if (mean > 30) {
    const double v = std::round(mean + std::sqrt(mean) * normal());
    return v < 0 ? 0 : static_cast<std::int64_t>(v);
  }
  const double limit = std::exp(-mean);
  std::int64_t k = 0;
  double p = uniform();
  while (p > limit) {
    ++k;
    p *= uniform();
  }
  return k;
}

}  // namespace ekm::sample
