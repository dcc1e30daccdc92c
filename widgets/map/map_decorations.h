#pragma once
// Map decorations drawn over a rendered map: a scale bar (ground length chosen as 1, 2 or 5
// times a power of ten) and a north arrow pointing to true north (grid north corrected for
// the meridian convergence at the view centre). Used by the canvas and by the window's map
// image export; QtGui only, safe on any thread.
#include <QCoreApplication>
#include <QPainter>
#include <QString>
#include <optional>

#include "ekm/geo/transformer.h"
#include "render/map_settings.h"

namespace ekm::widgets {

struct ScaleBar {
  double metres = 0;  // ground length the bar stands for
  double pixels = 0;  // its length in output pixels
  QString label;      // "500 m", "1 km"
};

// How the display CRS relates to the ground at the view centre, from PROJ.
struct GroundGeometry {
  double metresPerMapUnit = 1;   // ground metres per display-CRS unit (1 for plane zones)
  double northAngleDeg = 0;      // true north, clockwise from the map's up direction
};

class MapDecorations {
  Q_DECLARE_TR_FUNCTIONS(ekm::widgets::MapDecorations)

 public:
  // The largest 1/2/5 x 10^n ground length whose bar is at most maxPixels long.
  static ScaleBar scaleBarFor(double groundMetresPerPixel, double maxPixels);
  static QString lengthLabel(double metres);
  // Ground geometry at the centre of an extent, given the display CRS -> EPSG:4326 transform
  // (nullopt if PROJ fails). Distances on the GRS80 ellipsoid (local radii of curvature).
  static std::optional<GroundGeometry> groundGeometry(const geo::Transformer& toLonLat, const render::Extent& extent);

  // Draws the bar with its bottom-left corner at `bottomLeft`; u = pixels per style unit.
  static void paintScaleBar(QPainter& painter, QPointF bottomLeft, const ScaleBar& bar, double u);
  // Draws the arrow in a box whose top-right corner is `topRight`.
  static void paintNorthArrow(QPainter& painter, QPointF topRight, double angleDeg, double u);
  static QSizeF northArrowSize(double u) { return {44 * u, 70 * u}; }
};

}  // namespace ekm::widgets
