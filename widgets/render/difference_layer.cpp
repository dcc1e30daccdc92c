#include "render/difference_layer.h"

#include <QBrush>
#include <QPen>
#include <cmath>

namespace ekm::render {

DifferenceLayer::DifferenceLayer(QString id, QString name, std::shared_ptr<const MeshGeometry> geometry,
                                 std::shared_ptr<const std::vector<double>> values, DivergingRamp ramp)
    : MapLayer(std::move(id), std::move(name)),
      m_geometry(std::move(geometry)),
      m_values(std::move(values)),
      m_ramp(std::move(ramp)) {
  setOpacity(m_ramp.style().opacity);
}

void DifferenceLayer::render(RenderContext& ctx) const {
  if (!m_geometry || !m_values) return;
  const MeshGeometry& g = *m_geometry;
  const std::vector<double>& values = *m_values;
  const GraduatedStyle style = m_ramp.style();
  std::vector<QBrush> brushes;
  for (int i = 0; i < m_ramp.classCount(); ++i) brushes.emplace_back(m_ramp.classColour(i));
  const QBrush missingBrush(style.missingFill);
  QBrush hatchBrush(style.missingHatch, Qt::BDiagPattern);
  hatchBrush.setTransform(QTransform::fromScale(ctx.settings.pixelScale(), ctx.settings.pixelScale()));

  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, false);  // cells share edges exactly: no seams
  const double cellPixels = g.size() ? g.bounds.front().width() / ctx.mapToPixel.mapUnitsPerPixel() : 0;
  p.setPen(cellPixels >= 14 ? QPen(style.outline, 1) : QPen(Qt::NoPen));
  QPolygonF device;
  for (std::size_t i = 0; i < g.size(); ++i) {
    if ((i & 511) == 0 && ctx.feedback.isCancelled()) return;
    if (!g.bounds[i].intersects(ctx.visibleExtent)) continue;
    device.resize(g.polygons[i].size());
    for (qsizetype k = 0; k < device.size(); ++k)
      device[k] = ctx.mapToPixel.toPixel(g.polygons[i][k].x(), g.polygons[i][k].y());
    const double v = i < values.size() ? values[i] : std::nan("");
    const int cls = m_ramp.breaks().classIndex(v);
    if (cls < 0) {
      p.setBrush(missingBrush);
      p.drawPolygon(device);
      p.setBrush(hatchBrush);
    } else {
      p.setBrush(brushes[cls]);
    }
    p.drawPolygon(device);
    ++ctx.featuresDrawn;
  }
}

}  // namespace ekm::render
