// Timestamp-shift detection (see ekm/energy/meter_alignment.h).
#include "ekm/energy/meter_alignment.h"

#include <cmath>

namespace ekm::energy {
namespace {

// Value minus the centred 24-hour mean (NaN unless all 25 values of the window exist;
// the two half-weight ends make the window symmetric).
std::vector<double> highPass(const HourlySeries& s) {
  const auto& v = s.values;
  std::vector<double> out(v.size(), kMissing);
  for (std::size_t i = 12; i + 12 < v.size(); ++i) {
    double sum = 0.5 * (v[i - 12] + v[i + 12]);
    for (std::size_t j = i - 11; j <= i + 11; ++j) sum += v[j];
    if (!std::isnan(sum)) out[i] = v[i] - sum / 24.0;
  }
  return out;
}

}  // namespace

int temperatureSign(MeterKind kind) {
  return kind == MeterKind::Cooling || kind == MeterKind::Electricity ? 1 : -1;
}

LagEstimate detectWeatherShift(const HourlySeries& temperature, const HourlySeries& load, int sign,
                               int maxShiftHours) {
  const auto t = highPass(temperature);
  const auto y = highPass(load);
  LagEstimate best;
  bool found = false;
  for (int shift = -maxShiftHours; shift <= maxShiftHours; ++shift) {
    // The weather moved by `shift`: its value at load hour h is the one labelled h - shift.
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
      const core::HourKey h = load.start + static_cast<core::HourKey>(i) - shift - temperature.start;
      if (h < 0 || h >= static_cast<core::HourKey>(t.size())) continue;
      const double x = t[static_cast<std::size_t>(h)];
      if (std::isnan(x) || std::isnan(y[i])) continue;
      n += 1;
      sx += x;
      sy += y[i];
      sxx += x * x;
      syy += y[i] * y[i];
      sxy += x * y[i];
    }
    if (n < 48) continue;
    const double cov = sxy - sx * sy / n;
    const double den = std::sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    const double r = den > 0 ? sign * cov / den : 0;
    if (shift == 0) best.correlationAtZero = r;
    if (!found || r > best.correlation) {
      found = true;
      best.shiftHours = shift;
      best.correlation = r;
      best.pairs = static_cast<std::int64_t>(n);
    }
  }
  return best;
}

}  // namespace ekm::energy
