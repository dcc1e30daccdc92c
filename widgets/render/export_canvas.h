#pragma once
// The drawing surface of a map composition: a handful of primitives that the composition is
// drawn with once, then either painted with a QPainter (PainterCanvas: any QPaintDevice, e.g.
// a QImage for PNG or a QPdfWriter) or written as SVG elements (SvgCanvas: whole strings as
// <text>, sizes in pixels), so every format shows the same composition.
#include <QColor>
#include <QFont>
#include <QImage>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <utility>
#include <vector>

#include "render/map_layer.h"

namespace ekm::render {

enum class TextAnchor { Start, Middle, End };

struct Stroke {
  QColor colour;  // invalid or transparent: no stroke
  double width = 1;
  bool roundCap = true;
  std::vector<double> dashes;  // in stroke widths (QPen's convention); empty: solid
};

// The map part of a composition: its rendered image and what it was rendered from, so a
// vector surface (PDF) may paint the layers themselves instead of the image.
struct MapPicture {
  QImage image;          // the layers rendered at the map rectangle's size
  MapSettings settings;  // output size = the map rectangle's size
  LayerList layers;
};

class ExportCanvas {
 public:
  virtual ~ExportCanvas() = default;
  virtual void map(const QRectF& rect, const MapPicture& picture) = 0;
  virtual void rect(const QRectF& rect, QColor fill, const Stroke& stroke = {}) = 0;
  // A box of `fill` with diagonal lines of `hatch` (the "no data" symbol).
  virtual void hatchedRect(const QRectF& rect, QColor fill, QColor hatch, const Stroke& stroke) = 0;
  // A box filled with a left-to-right gradient (t in [0, 1] -> colour).
  virtual void gradientRect(const QRectF& rect, const std::vector<std::pair<double, QColor>>& stops,
                            const Stroke& stroke) = 0;
  virtual void line(QPointF a, QPointF b, const Stroke& stroke) = 0;
  virtual void polygon(const QPolygonF& polygon, QColor fill, const Stroke& stroke) = 0;
  virtual void text(QPointF baseline, const QString& text, double pixelSize, bool bold, QColor colour,
                    TextAnchor anchor) = 0;
};

// The composition's typeface (Japanese and Latin in one font) at a pixel size.
QFont exportFont(double pixelSize, bool bold);
double exportTextWidth(const QString& text, double pixelSize, bool bold);
// The text elided at the right to fit maxWidth (unchanged when it fits).
QString exportElided(const QString& text, double pixelSize, bool bold, double maxWidth);
// A circle as a polygon (the same on every surface).
QPolygonF circlePolygon(QPointF centre, double radius, int segments = 32);

}  // namespace ekm::render
