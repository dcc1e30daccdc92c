#include "render/diverging_ramp.h"

#include <algorithm>
#include <cmath>

namespace ekm::render {

namespace {
// The smallest 1, 2, 2.5 or 5 times a power of ten that is >= x (> 0).
double niceCeil(double x) {
  const double p = std::pow(10.0, std::floor(std::log10(x)));
  for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (x <= f * p * (1 + 1e-12)) return f * p;
  return 10 * p;
}
}  // namespace

DivergingRamp::DivergingRamp(double maxAbs, int classes) : m_ramp(blueWhiteRed()) {
  if (!(maxAbs > 0) || !std::isfinite(maxAbs)) maxAbs = 1.0;
  classes = std::max(3, classes);
  if (classes % 2 == 0) ++classes;
  // Classes of a round width w: the middle one is [-w/2, w/2], the outer ones reach at least
  // maxAbs; so the legend reads "-500 – 500", "500 – 1,500", ...
  const double w = niceCeil(2.0 * maxAbs / classes);
  const int k = classes / 2;
  std::vector<double> edges;
  edges.reserve(classes + 1);
  for (int j = k; j >= 0; --j) edges.push_back(-(w / 2 + j * w));
  for (int j = 0; j <= k; ++j) edges.push_back(w / 2 + j * w);
  m_breaks = ClassBreaks(std::move(edges));
}

ColourRamp DivergingRamp::blueWhiteRed() {
  // ColorBrewer RdBu (9 classes), reversed so that blue is low.
  return ColourRamp(QStringLiteral("RdBu"), {{0.0, QColor(0x21, 0x66, 0xac)},
                                             {0.125, QColor(0x43, 0x93, 0xc3)},
                                             {0.25, QColor(0x92, 0xc5, 0xde)},
                                             {0.375, QColor(0xd1, 0xe5, 0xf0)},
                                             {0.5, centreColour()},
                                             {0.625, QColor(0xfd, 0xdb, 0xc7)},
                                             {0.75, QColor(0xf4, 0xa5, 0x82)},
                                             {0.875, QColor(0xd6, 0x60, 0x4d)},
                                             {1.0, QColor(0xb2, 0x18, 0x2b)}});
}

QColor DivergingRamp::centreColour() { return QColor(0xf7, 0xf7, 0xf7); }

double DivergingRamp::niceMaxAbs(const std::vector<double>& values, double quantile) {
  std::vector<double> a;
  a.reserve(values.size());
  for (double v : values)
    if (std::isfinite(v)) a.push_back(std::abs(v));
  if (a.empty()) return 1.0;
  std::sort(a.begin(), a.end());
  const double q = std::clamp(quantile, 0.0, 1.0);
  double m = a[static_cast<std::size_t>(std::lround(q * static_cast<double>(a.size() - 1)))];
  if (!(m > 0)) m = a.back();
  if (!(m > 0)) return 1.0;
  return niceCeil(m);
}

QColor DivergingRamp::colourFor(double value) const {
  const int i = m_breaks.classIndex(value);
  return i < 0 ? QColor() : classColour(i);
}

GraduatedStyle DivergingRamp::style() const {
  GraduatedStyle s;
  s.breaks = m_breaks;
  s.ramp = m_ramp;
  s.opacity = 0.9;
  return s;
}

}  // namespace ekm::render
