#pragma once
// An ExportCanvas that writes SVG 1.1 by hand: each text as one <text> element with the
// whole string (QSvgGenerator splits strings into per-script runs and sizes the page in
// millimetres), patterns for hatching, the map raster embedded as one PNG <image>.
#include <QByteArray>
#include <QSize>

#include "render/export_canvas.h"

namespace ekm::render {

class SvgCanvas : public ExportCanvas {
 public:
  // size: the width, height and viewBox in pixels; title: the document's <title>.
  SvgCanvas(QSize size, const QString& title);
  void map(const QRectF& rect, const MapPicture& picture) override;
  void rect(const QRectF& rect, QColor fill, const Stroke& stroke = {}) override;
  void hatchedRect(const QRectF& rect, QColor fill, QColor hatch, const Stroke& stroke) override;
  void gradientRect(const QRectF& rect, const std::vector<std::pair<double, QColor>>& stops,
                    const Stroke& stroke) override;
  void line(QPointF a, QPointF b, const Stroke& stroke) override;
  void polygon(const QPolygonF& polygon, QColor fill, const Stroke& stroke) override;
  void text(QPointF baseline, const QString& text, double pixelSize, bool bold, QColor colour,
            TextAnchor anchor) override;
  // The document (closes it; call once at the end).
  QByteArray finish();

 private:
  QString m_out;
  int m_ids = 0;
};

}  // namespace ekm::render
