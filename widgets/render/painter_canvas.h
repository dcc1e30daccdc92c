#pragma once
// An ExportCanvas on a QPainter, i.e. on any QPaintDevice: a QImage (PNG), a QPdfWriter
// (PDF), a widget (the canvas's on-screen scale bar and north arrow).
#include <QPainter>

#include "render/export_canvas.h"

namespace ekm::render {

class PainterCanvas : public ExportCanvas {
 public:
  // vectorMap: paint the map's layers themselves (vectors where the layers draw vectors)
  // instead of its rendered image; for PDF.
  explicit PainterCanvas(QPainter& painter, bool vectorMap = false);
  void map(const QRectF& rect, const MapPicture& picture) override;
  void rect(const QRectF& rect, QColor fill, const Stroke& stroke = {}) override;
  void hatchedRect(const QRectF& rect, QColor fill, QColor hatch, const Stroke& stroke) override;
  void gradientRect(const QRectF& rect, const std::vector<std::pair<double, QColor>>& stops,
                    const Stroke& stroke) override;
  void line(QPointF a, QPointF b, const Stroke& stroke) override;
  void polygon(const QPolygonF& polygon, QColor fill, const Stroke& stroke) override;
  void text(QPointF baseline, const QString& text, double pixelSize, bool bold, QColor colour,
            TextAnchor anchor) override;

 private:
  QPen pen(const Stroke& stroke) const;
  QPainter& m_p;
  bool m_vectorMap;
};

}  // namespace ekm::render
