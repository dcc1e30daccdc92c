#include "render/heatmap_layer.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_map>

#include "render/legend.h"

namespace ekm::render {

void HeatmapPoints::add(QPointF p) {
  positions.push_back(p);
  extent.include(p.x(), p.y());
}

QColor HeatmapStyle::colourAt(double t) const {
  if (!(t > 0)) return QColor(0, 0, 0, 0);
  t = std::min(t, 1.0);
  QColor c = ramp.at(t);
  const double fade = fadeBelow > 0 ? std::min(1.0, t / fadeBelow) : 1.0;
  c.setAlphaF(std::clamp(opacity * fade, 0.0, 1.0));
  return c;
}

HeatmapStyle HeatmapStyle::withRadius(double radiusMetres) const {
  HeatmapStyle s = *this;
  if (!(radiusMetres > 0)) return s;
  if (sparsePoints && maxDensityPerKm2 > 0 && radiusM > 0)
    s.maxDensityPerKm2 = maxDensityPerKm2 * (radiusM / radiusMetres) * (radiusM / radiusMetres);
  s.radiusM = radiusMetres;
  return s;
}

HeatmapLayer::HeatmapLayer(QString id, QString name, std::shared_ptr<const HeatmapPoints> points,
                           std::shared_ptr<const FeatureValueSource> weights, HeatmapStyle style)
    : MapLayer(std::move(id), std::move(name)),
      m_points(std::move(points)),
      m_weights(std::move(weights)),
      m_style(std::move(style)) {}

namespace {

// Kernel normalisation for weights per km^2: 3 / (pi r^2) with r in metres, times 1e6.
double kernelScale(const HeatmapStyle& style) {
  return 3.0 / (std::numbers::pi * style.radiusM * style.radiusM) * 1e6;
}

}  // namespace

std::vector<double> HeatmapLayer::densityAt(const std::vector<QPointF>& queries, const HeatmapPoints& points,
                                            const std::vector<double>* weights, const HeatmapStyle& style) {
  std::vector<double> out(queries.size(), 0.0);
  const double r = style.radiusM * style.mapUnitsPerMetre;
  if (!(r > 0)) return out;
  // Buckets of size r: a query only sees points in its own and the 8 neighbouring buckets.
  auto key = [r](double x, double y) {
    return (static_cast<std::int64_t>(std::floor(x / r)) << 32) ^ (static_cast<std::int64_t>(std::floor(y / r)) & 0xffffffff);
  };
  std::unordered_map<std::int64_t, std::vector<std::size_t>> buckets;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double w = weights ? (i < weights->size() ? (*weights)[i] : std::nan("")) : 1.0;
    if (!std::isfinite(w) || w == 0) continue;
    buckets[key(points.positions[i].x(), points.positions[i].y())].push_back(i);
  }
  const double r2 = r * r, scale = kernelScale(style);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    double sum = 0;
    for (int dx = -1; dx <= 1; ++dx) {
      for (int dy = -1; dy <= 1; ++dy) {
        auto it = buckets.find(key(queries[q].x() + dx * r, queries[q].y() + dy * r));
        if (it == buckets.end()) continue;
        for (std::size_t i : it->second) {
          const double ddx = points.positions[i].x() - queries[q].x(), ddy = points.positions[i].y() - queries[q].y();
          const double u2 = (ddx * ddx + ddy * ddy) / r2;
          if (u2 < 1) sum += (weights ? (*weights)[i] : 1.0) * (1 - u2) * (1 - u2);
        }
      }
    }
    out[q] = sum * scale;
  }
  return out;
}

HeatmapLayer::Grid HeatmapLayer::densityGrid(const MapSettings& settings, const HeatmapPoints& points,
                                             const std::vector<double>* weights, const HeatmapStyle& style,
                                             core::Feedback& feedback) {
  Grid grid;
  const MapToPixel m2p = settings.mapToPixel();
  const double radiusPx = style.radiusM * style.mapUnitsPerMetre / m2p.mapUnitsPerPixel();
  if (!(radiusPx > 0)) return grid;
  grid.step = std::clamp(static_cast<int>(std::lround(radiusPx / 10)), 1, 16);
  const int s = grid.step;
  const QSize size = settings.outputSize();
  grid.width = (size.width() + s - 1) / s;
  grid.height = (size.height() + s - 1) / s;
  grid.density.assign(static_cast<std::size_t>(grid.width) * grid.height, 0.0f);
  const double r2 = radiusPx * radiusPx, scale = kernelScale(style);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if ((i & 255) == 0 && feedback.isCancelled()) return grid;
    const double w = weights ? (i < weights->size() ? (*weights)[i] : std::nan("")) : 1.0;
    if (!std::isfinite(w) || w == 0) continue;
    const QPointF p = m2p.toPixel(points.positions[i].x(), points.positions[i].y());
    // Grid nodes within the radius: node g is at pixel (g + 0.5) s.
    const int gx0 = std::max(0, static_cast<int>(std::ceil((p.x() - radiusPx) / s - 0.5)));
    const int gx1 = std::min(grid.width - 1, static_cast<int>(std::floor((p.x() + radiusPx) / s - 0.5)));
    const int gy0 = std::max(0, static_cast<int>(std::ceil((p.y() - radiusPx) / s - 0.5)));
    const int gy1 = std::min(grid.height - 1, static_cast<int>(std::floor((p.y() + radiusPx) / s - 0.5)));
    const float ws = static_cast<float>(w * scale);
    for (int gy = gy0; gy <= gy1; ++gy) {
      const double dy = (gy + 0.5) * s - p.y();
      float* row = grid.density.data() + static_cast<std::size_t>(gy) * grid.width;
      for (int gx = gx0; gx <= gx1; ++gx) {
        const double dx = (gx + 0.5) * s - p.x();
        const double u2 = (dx * dx + dy * dy) / r2;
        if (u2 < 1) row[gx] += ws * static_cast<float>((1 - u2) * (1 - u2));
      }
    }
  }
  for (float d : grid.density) grid.maxDensity = std::max(grid.maxDensity, static_cast<double>(d));
  return grid;
}

void HeatmapLayer::render(RenderContext& ctx) const {
  if (!m_points || !m_points->size()) return;
  std::shared_ptr<const std::vector<double>> weights;
  if (m_weights) {
    weights = m_weights->valuesAt(ctx.settings.hour(), ctx.feedback);
    if (!weights) return;
  }
  const Grid grid = densityGrid(ctx.settings, *m_points, weights.get(), m_style, ctx.feedback);
  if (ctx.feedback.isCancelled() || grid.width == 0) return;
  const double top = m_style.maxDensityPerKm2 > 0 ? m_style.maxDensityPerKm2 : grid.maxDensity;
  if (!(top > 0)) return;
  // 256-entry colour table (premultiplied ARGB), indexed by t = density / top.
  QRgb table[256];
  for (int k = 0; k < 256; ++k) table[k] = qPremultiply(m_style.colourAt(k / 255.0).rgba());
  QImage image(grid.width, grid.height, QImage::Format_ARGB32_Premultiplied);
  const float toIndex = static_cast<float>(255.0 / top);
  for (int gy = 0; gy < grid.height; ++gy) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(gy));
    const float* row = grid.density.data() + static_cast<std::size_t>(gy) * grid.width;
    for (int gx = 0; gx < grid.width; ++gx) {
      const float d = row[gx];
      // Round up so any positive density is at least index 1 (t > 0) and 0 stays transparent.
      line[gx] = d > 0 ? table[std::min(255, std::max(1, static_cast<int>(d * toIndex + 0.5f)))] : 0u;
    }
  }
  QPainter& p = ctx.painter;
  p.save();
  p.setRenderHint(QPainter::SmoothPixmapTransform, grid.step > 1);
  p.drawImage(QRectF(0, 0, grid.width * grid.step, grid.height * grid.step), image);
  p.restore();
  ctx.featuresDrawn += static_cast<std::int64_t>(m_points->size());
}

std::vector<LegendGroup> HeatmapLayer::legendGroups() const {
  LegendGroup group{m_style.valueTitle.isEmpty() ? name() : m_style.valueTitle, {}};
  LegendItem item;
  item.kind = LegendItem::Kind::Ramp;
  const int samples = 32;
  for (int k = 0; k <= samples; ++k) item.gradient.emplace_back(k / double(samples), m_style.colourAt(k / double(samples)));
  item.colour = m_style.colourAt(1.0);
  const QLocale locale;
  if (m_style.maxDensityPerKm2 > 0) {
    item.lower = 0;
    item.upper = m_style.maxDensityPerKm2;
    item.label = tr("0 – %1 per km² (radius %2 m)").arg(locale.toString(m_style.maxDensityPerKm2, 'f', 0), locale.toString(m_style.radiusM, 'f', 0));
  } else {
    item.label = tr("Low – high (radius %1 m)").arg(locale.toString(m_style.radiusM, 'f', 0));
  }
  group.items.push_back(item);
  return {group};
}

}  // namespace ekm::render
