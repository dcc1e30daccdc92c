#pragma once
// What to render: a copyable value taken on the GUI thread and handed to a render job
// (QGIS's QgsMapSettings is the model). Map coordinates are in the display CRS (x = easting,
// y = northing, metres for the plane rectangular zones), y grows upwards; pixels have y down.
#include <QColor>
#include <QPointF>
#include <QSize>

#include "ekm/core/time.h"

namespace ekm::render {

struct Extent {
  double xMin = 0, yMin = 0, xMax = 0, yMax = 0;

  double width() const { return xMax - xMin; }
  double height() const { return yMax - yMin; }
  QPointF centre() const { return {(xMin + xMax) / 2, (yMin + yMax) / 2}; }
  bool isValid() const { return xMax > xMin && yMax > yMin; }
  bool intersects(const Extent& o) const { return xMin <= o.xMax && o.xMin <= xMax && yMin <= o.yMax && o.yMin <= yMax; }
  bool contains(double x, double y) const { return x >= xMin && x <= xMax && y >= yMin && y <= yMax; }
  // Grows this extent to include a point / another extent (an invalid extent is empty).
  void include(double x, double y);
  void include(const Extent& o);
  // Scaled around its centre by factor (> 1 grows).
  Extent scaled(double factor) const;
  static Extent empty();
  bool operator==(const Extent&) const = default;
};

enum class LabelLanguage { Japanese, English, Both };

// Map <-> pixel transform: pixel (0, 0) is the top-left of the output image.
class MapToPixel {
 public:
  MapToPixel() = default;
  MapToPixel(double mapUnitsPerPixel, double left, double top)
      : m_mupp(mapUnitsPerPixel), m_left(left), m_top(top) {}
  QPointF toPixel(double x, double y) const { return {(x - m_left) / m_mupp, (m_top - y) / m_mupp}; }
  QPointF toMap(QPointF pixel) const { return {m_left + pixel.x() * m_mupp, m_top - pixel.y() * m_mupp}; }
  double mapUnitsPerPixel() const { return m_mupp; }

 private:
  double m_mupp = 1;
  double m_left = 0;
  double m_top = 0;
};

class MapSettings {
 public:
  // The requested extent; the visible extent is this grown to the output's aspect ratio,
  // about the same centre, so all of it is shown.
  const Extent& extent() const { return m_extent; }
  void setExtent(const Extent& extent) { m_extent = extent; }
  QSize outputSize() const { return m_outputSize; }
  void setOutputSize(QSize size) { m_outputSize = size; }
  double dpi() const { return m_dpi; }
  void setDpi(double dpi) { m_dpi = dpi; }
  core::HourKey hour() const { return m_hour; }
  void setHour(core::HourKey hour) { m_hour = hour; }
  int destinationEpsg() const { return m_epsg; }
  void setDestinationEpsg(int epsg) { m_epsg = epsg; }
  QColor backgroundColour() const { return m_background; }
  void setBackgroundColour(QColor colour) { m_background = colour; }
  LabelLanguage labelLanguage() const { return m_labelLanguage; }
  void setLabelLanguage(LabelLanguage language) { m_labelLanguage = language; }

  bool hasValidSettings() const { return m_extent.isValid() && m_outputSize.width() > 0 && m_outputSize.height() > 0; }
  double mapUnitsPerPixel() const;
  Extent visibleExtent() const;
  MapToPixel mapToPixel() const;
  // Scale denominator (1:N) for the output DPI, assuming metre map units.
  double scaleDenominator() const;
  // Sizes given in "points at 96 dpi" (style units) to output pixels.
  double pixelScale() const { return m_dpi / 96.0; }

  // Extent after zooming by `factor` (> 1 zooms in) keeping the map point under `pixel` fixed.
  Extent zoomedExtent(double factor, QPointF pixel) const;
  // Extent after dragging the map by `pixelDelta` (the content moves with the cursor).
  Extent pannedExtent(QPointF pixelDelta) const;

  bool operator==(const MapSettings&) const = default;

 private:
  Extent m_extent;
  QSize m_outputSize;
  double m_dpi = 96;
  core::HourKey m_hour = 0;
  int m_epsg = 6677;
  QColor m_background{0xf4, 0xf3, 0xef};
  LabelLanguage m_labelLanguage = LabelLanguage::Both;
};

}  // namespace ekm::render
