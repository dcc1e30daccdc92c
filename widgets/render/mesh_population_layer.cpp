#include "render/mesh_population_layer.h"

#include <QBrush>
#include <QPen>
#include <algorithm>
#include <cmath>

namespace ekm::render {

namespace {
// A quadrilateral whose edges are horizontal/vertical to within half a pixel (mesh cells in a
// plane rectangular zone are rotated by the meridian convergence only, a fraction of a pixel
// at city scales) is filled as the pixel rectangle between its rounded corners. Neighbouring
// cells share corner coordinates, so they still tile without gaps or overlaps.
bool axisAlignedWithinHalfPixel(const QPolygonF& q, QRect& rect) {
  if (q.size() != 4) return false;
  const double xs[] = {q[0].x(), q[1].x(), q[2].x(), q[3].x()};
  const double ys[] = {q[0].y(), q[1].y(), q[2].y(), q[3].y()};
  const auto [xMin, xMax] = std::minmax({xs[0], xs[1], xs[2], xs[3]});
  const auto [yMin, yMax] = std::minmax({ys[0], ys[1], ys[2], ys[3]});
  for (int k = 0; k < 4; ++k) {
    const bool onX = std::abs(xs[k] - xMin) < 0.5 || std::abs(xs[k] - xMax) < 0.5;
    const bool onY = std::abs(ys[k] - yMin) < 0.5 || std::abs(ys[k] - yMax) < 0.5;
    if (!onX || !onY) return false;
  }
  // Rounded from the corners in drawing order (SW, SE, NE, NW), so shared edges round alike.
  const int left = static_cast<int>(std::lround((xs[0] + xs[3]) / 2));
  const int right = static_cast<int>(std::lround((xs[1] + xs[2]) / 2));
  const int top = static_cast<int>(std::lround((ys[2] + ys[3]) / 2));
  const int bottom = static_cast<int>(std::lround((ys[0] + ys[1]) / 2));
  rect = QRect(QPoint(std::min(left, right), std::min(top, bottom)), QPoint(std::max(left, right) - 1, std::max(top, bottom) - 1));
  return rect.width() > 0 && rect.height() > 0;
}
}  // namespace

void MeshGeometry::add(std::int64_t fid, std::string code, QPolygonF polygon) {
  Extent b = Extent::empty();
  for (const QPointF& p : polygon) b.include(p.x(), p.y());
  indexOfFid[fid] = polygons.size();
  fids.push_back(fid);
  codes.push_back(std::move(code));
  polygons.push_back(std::move(polygon));
  bounds.push_back(b);
  extent.include(b);
}

void InMemoryMeshValues::setValues(core::HourKey hour, std::vector<double> values) {
  values.resize(m_cellCount, std::nan(""));
  std::lock_guard lock(m_mutex);
  m_values[hour] = std::make_shared<const std::vector<double>>(std::move(values));
}

std::shared_ptr<const std::vector<double>> InMemoryMeshValues::valuesAt(core::HourKey hour, core::Feedback&) const {
  std::lock_guard lock(m_mutex);
  auto it = m_values.find(hour);
  if (it != m_values.end()) return it->second;
  return std::make_shared<const std::vector<double>>(m_cellCount, std::nan(""));
}

MeshPopulationLayer::MeshPopulationLayer(QString id, QString name, std::shared_ptr<const MeshGeometry> geometry,
                                         std::shared_ptr<const MeshValueSource> values, GraduatedStyle style)
    : MapLayer(std::move(id), std::move(name)),
      m_geometry(std::move(geometry)),
      m_values(std::move(values)),
      m_style(std::move(style)) {
  setOpacity(m_style.opacity);
}

void MeshPopulationLayer::render(RenderContext& ctx) const {
  if (!m_geometry || !m_values) return;
  const MeshGeometry& g = *m_geometry;
  const auto valuesPtr = m_values->valuesAt(ctx.settings.hour(), ctx.feedback);
  if (!valuesPtr || ctx.feedback.isCancelled()) return;
  const std::vector<double>& values = *valuesPtr;

  const int n = m_style.classCount();
  std::vector<QBrush> classBrushes;
  for (int i = 0; i < n; ++i) classBrushes.emplace_back(m_style.classColour(i));
  const QBrush missingBrush(m_style.missingFill);
  QBrush hatchBrush(m_style.missingHatch, Qt::BDiagPattern);
  // Hatch spacing in device pixels grows with DPI.
  hatchBrush.setTransform(QTransform::fromScale(ctx.settings.pixelScale(), ctx.settings.pixelScale()));

  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, false);  // adjacent cells share edges exactly: no seams
  const double cellPixels = g.size() ? g.bounds.front().width() / ctx.mapToPixel.mapUnitsPerPixel() : 0;
  const bool outlines = cellPixels >= 14;
  p.setPen(outlines ? QPen(m_style.outline, 1) : QPen(Qt::NoPen));

  QPolygonF device;
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < g.size(); ++i) {
    if ((i & 511) == 0 && ctx.feedback.isCancelled()) return;
    if (!g.bounds[i].intersects(ctx.visibleExtent)) continue;
    const double v = i < values.size() ? values[i] : std::nan("");
    const int cls = m_style.breaks.classIndex(v);
    if (cls < 0) {
      missing.push_back(i);
      continue;
    }
    device.resize(g.polygons[i].size());
    for (qsizetype k = 0; k < device.size(); ++k) device[k] = ctx.mapToPixel.toPixel(g.polygons[i][k].x(), g.polygons[i][k].y());
    QRect rect;
    if (!outlines && axisAlignedWithinHalfPixel(device, rect)) {
      p.fillRect(rect, classBrushes[cls]);  // much cheaper than the polygon rasteriser
    } else {
      p.setBrush(classBrushes[cls]);
      p.drawPolygon(device);
    }
    ++ctx.featuresDrawn;
  }
  for (std::size_t i : missing) {
    if (ctx.feedback.isCancelled()) return;
    device.resize(g.polygons[i].size());
    for (qsizetype k = 0; k < device.size(); ++k) device[k] = ctx.mapToPixel.toPixel(g.polygons[i][k].x(), g.polygons[i][k].y());
    p.setBrush(missingBrush);
    p.drawPolygon(device);
    p.setBrush(hatchBrush);
    p.drawPolygon(device);
    ++ctx.featuresDrawn;
  }
}

}  // namespace ekm::render
