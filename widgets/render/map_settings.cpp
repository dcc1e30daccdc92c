#include "render/map_settings.h"

#include <algorithm>
#include <limits>

namespace ekm::render {

void Extent::include(double x, double y) {
  xMin = std::min(xMin, x);
  yMin = std::min(yMin, y);
  xMax = std::max(xMax, x);
  yMax = std::max(yMax, y);
}

void Extent::include(const Extent& o) {
  if (o.xMin > o.xMax || o.yMin > o.yMax) return;
  include(o.xMin, o.yMin);
  include(o.xMax, o.yMax);
}

Extent Extent::scaled(double factor) const {
  const QPointF c = centre();
  const double hw = width() / 2 * factor, hh = height() / 2 * factor;
  return {c.x() - hw, c.y() - hh, c.x() + hw, c.y() + hh};
}

Extent Extent::empty() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  return {inf, inf, -inf, -inf};
}

double MapSettings::mapUnitsPerPixel() const {
  if (!hasValidSettings()) return 1;
  return std::max(m_extent.width() / m_outputSize.width(), m_extent.height() / m_outputSize.height());
}

Extent MapSettings::visibleExtent() const {
  if (!hasValidSettings()) return m_extent;
  const double mupp = mapUnitsPerPixel();
  const QPointF c = m_extent.centre();
  const double hw = mupp * m_outputSize.width() / 2, hh = mupp * m_outputSize.height() / 2;
  return {c.x() - hw, c.y() - hh, c.x() + hw, c.y() + hh};
}

MapToPixel MapSettings::mapToPixel() const {
  const Extent v = visibleExtent();
  return MapToPixel(mapUnitsPerPixel(), v.xMin, v.yMax);
}

double MapSettings::scaleDenominator() const {
  constexpr double metresPerInch = 0.0254;
  return mapUnitsPerPixel() * m_dpi / metresPerInch;
}

Extent MapSettings::zoomedExtent(double factor, QPointF pixel) const {
  if (!hasValidSettings() || factor <= 0) return m_extent;
  const MapToPixel m2p = mapToPixel();
  const QPointF anchor = m2p.toMap(pixel);
  const Extent v = visibleExtent();
  // The anchor keeps its relative position in the visible extent.
  const double nw = v.width() / factor, nh = v.height() / factor;
  const double fx = (anchor.x() - v.xMin) / v.width(), fy = (anchor.y() - v.yMin) / v.height();
  const double xMin = anchor.x() - fx * nw, yMin = anchor.y() - fy * nh;
  return {xMin, yMin, xMin + nw, yMin + nh};
}

Extent MapSettings::pannedExtent(QPointF pixelDelta) const {
  const Extent v = visibleExtent();
  const double mupp = mapUnitsPerPixel();
  const double dx = -pixelDelta.x() * mupp, dy = pixelDelta.y() * mupp;
  return {v.xMin + dx, v.yMin + dy, v.xMax + dx, v.yMax + dy};
}

}  // namespace ekm::render
