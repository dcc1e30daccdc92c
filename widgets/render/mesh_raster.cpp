#include "render/mesh_raster.h"

#include <QBrush>
#include <QImage>
#include <QPainter>
#include <QPen>
#include <algorithm>
#include <cmath>
#include <thread>

#include "render/map_layer.h"
#include "render/mesh_population_layer.h"

namespace ekm::render {

namespace {

// A device quadrilateral whose edges are horizontal/vertical to within half a pixel, as the
// pixel rectangle between its rounded corners, clipped to the image (maybe empty). Rounded
// from the corners in drawing order (SW, SE, NE, NW) so that shared edges round alike.
bool pixelRectOf(const QPointF* q, int width, int height, MeshPixelLayout::Rect& rect) {
  const double xs[] = {q[0].x(), q[1].x(), q[2].x(), q[3].x()};
  const double ys[] = {q[0].y(), q[1].y(), q[2].y(), q[3].y()};
  const auto [xMin, xMax] = std::minmax({xs[0], xs[1], xs[2], xs[3]});
  const auto [yMin, yMax] = std::minmax({ys[0], ys[1], ys[2], ys[3]});
  for (int k = 0; k < 4; ++k) {
    const bool onX = std::abs(xs[k] - xMin) < 0.5 || std::abs(xs[k] - xMax) < 0.5;
    const bool onY = std::abs(ys[k] - yMin) < 0.5 || std::abs(ys[k] - yMax) < 0.5;
    if (!onX || !onY) return false;
  }
  // Clamping before rounding keeps far-off corners (deep zoom) in int range; it is the same
  // monotonic operation for both cells of a shared edge, so they still round alike.
  auto edge = [](double a, double b, int limit) {
    return static_cast<std::int32_t>(std::lround(std::clamp((a + b) / 2, -1.0, limit + 1.0)));
  };
  const std::int32_t left = edge(xs[0], xs[3], width), right = edge(xs[1], xs[2], width);
  const std::int32_t top = edge(ys[2], ys[3], height), bottom = edge(ys[0], ys[1], height);
  const std::int32_t x0 = std::min(left, right), x1 = std::max(left, right);
  const std::int32_t y0 = std::min(top, bottom), y1 = std::max(top, bottom);
  rect.left = std::clamp(x0, 0, width);
  rect.right = std::clamp(x1, 0, width);
  rect.top = std::clamp(y0, 0, height);
  rect.bottom = std::clamp(y1, 0, height);
  rect.clipped = (x0 < 0 ? MeshPixelLayout::ClippedLeft : 0) | (y0 < 0 ? MeshPixelLayout::ClippedTop : 0) |
                 (x1 > width ? MeshPixelLayout::ClippedRight : 0) | (y1 > height ? MeshPixelLayout::ClippedBottom : 0);
  return true;
}

QPolygonF devicePolygon(const QPolygonF& polygon, const MapToPixel& m2p) {
  QPolygonF device(polygon.size());
  for (qsizetype k = 0; k < polygon.size(); ++k) device[k] = m2p.toPixel(polygon[k].x(), polygon[k].y());
  return device;
}

// The image a painter paints on when its pixels may be written directly: a plain
// ARGB32_Premultiplied QImage, not shared, no transform, clip, opacity or composition mode.
QImage* directlyWritableImage(QPainter& p) {
  auto* image = dynamic_cast<QImage*>(p.device());
  if (!image || image->format() != QImage::Format_ARGB32_Premultiplied || !image->isDetached()) return nullptr;
  if (image->devicePixelRatio() != 1.0 || !p.deviceTransform().isIdentity() || p.hasClipping()) return nullptr;
  if (p.opacity() != 1.0 || p.compositionMode() != QPainter::CompositionMode_SourceOver) return nullptr;
  return image;
}

QBrush hatchBrushFor(const MeshPaintStyle& style, double pixelScale) {
  QBrush hatch(style.missingHatch, Qt::BDiagPattern);
  hatch.setTransform(QTransform::fromScale(pixelScale, pixelScale));  // spacing grows with DPI
  return hatch;
}

// The missing-value pattern (fill + hatch) as one period of device pixels, painted by QPainter
// with the very brushes of the polygon path; nullopt when the period is not a whole number
// of pixels or the colours are translucent (then QPainter hatches the cells).
struct HatchTile {
  int period = 0;
  std::vector<quint32> pixels;  // period x period, premultiplied
};
std::optional<HatchTile> hatchTileFor(const MeshPaintStyle& style, double pixelScale) {
  const double period = 8 * pixelScale;  // Qt's brush patterns are 8 x 8
  if (!(period >= 1 && period <= 256) || std::abs(period - std::round(period)) > 1e-9) return std::nullopt;
  if (style.missingFill.alpha() != 255 || style.missingHatch.alpha() != 255) return std::nullopt;
  HatchTile tile;
  tile.period = static_cast<int>(std::lround(period));
  QImage image(tile.period, tile.period, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  {
    QPainter p(&image);
    p.fillRect(image.rect(), QBrush(style.missingFill));
    p.fillRect(image.rect(), hatchBrushFor(style, pixelScale));
  }
  tile.pixels.resize(std::size_t(tile.period) * tile.period);
  for (int y = 0; y < tile.period; ++y)
    std::copy_n(reinterpret_cast<const quint32*>(image.constScanLine(y)), tile.period,
                tile.pixels.begin() + std::ptrdiff_t(y) * tile.period);
  return tile;
}

struct DirectFill {
  const MeshPixelLayout& layout;
  const std::vector<std::int16_t>& classes;
  const std::vector<quint32>& colours;  // premultiplied, per class
  const HatchTile& hatch;
  uchar* bits;
  qsizetype bytesPerLine;
  core::Feedback& feedback;

  // Rows [y0, y1): every rectangle clipped to the band. Returns false when cancelled.
  bool band(std::int32_t y0, std::int32_t y1) const {
    const std::size_t classCount = classes.size();
    std::size_t k = 0;
    for (const MeshPixelLayout::Rect& r : layout.rects) {
      if (r.top >= y1) break;  // sorted by top
      if ((++k & 4095) == 0 && feedback.isCancelled()) return false;
      if (r.bottom <= y0) continue;
      const std::int32_t top = std::max(r.top, y0), bottom = std::min(r.bottom, y1);
      const int cls = r.cell < classCount ? classes[r.cell] : -1;
      const std::size_t width = std::size_t(r.right - r.left);
      if (cls >= 0) {
        const quint32 colour = colours[cls];
        for (std::int32_t y = top; y < bottom; ++y)
          std::fill_n(reinterpret_cast<quint32*>(bits + y * bytesPerLine) + r.left, width, colour);
      } else {
        const int period = hatch.period;
        for (std::int32_t y = top; y < bottom; ++y) {
          quint32* row = reinterpret_cast<quint32*>(bits + y * bytesPerLine);
          const quint32* pattern = hatch.pixels.data() + std::size_t(y % period) * period;
          int phase = r.left % period;
          for (std::int32_t x = r.left; x < r.right; ++x) {
            row[x] = pattern[phase];
            if (++phase == period) phase = 0;
          }
        }
      }
    }
    return true;
  }
};

// Premultiplied source over destination: s + d * (255 - alpha(s)) / 255 on all four
// channels at once (two channels per 32-bit lane, rounded as x * a / 255 rounds).
inline quint32 blendOver(quint32 s, quint32 d) {
  const quint32 inverse = 255 - qAlpha(s);
  quint32 rb = (d & 0x00ff00ffu) * inverse;
  rb = ((rb + ((rb >> 8) & 0x00ff00ffu) + 0x00800080u) >> 8) & 0x00ff00ffu;
  quint32 ag = ((d >> 8) & 0x00ff00ffu) * inverse;
  ag = (ag + ((ag >> 8) & 0x00ff00ffu) + 0x00800080u) & 0xff00ff00u;
  return s + (rb | ag);
}

// Outlines straight into the image, after every cell is filled: each cell's top row and left
// column, and its bottom row / right column where no cell follows (the pixel beyond is still
// transparent), so a shared edge is one line. Sides cut by the image border get none.
bool outlineDirect(const MeshPixelLayout& layout, quint32 colour, uchar* bits, qsizetype bytesPerLine, int width,
                   int height, core::Feedback& feedback) {
  auto pixel = [&](std::int32_t x, std::int32_t y) -> quint32& {
    return reinterpret_cast<quint32*>(bits + y * bytesPerLine)[x];
  };
  std::size_t k = 0;
  for (const MeshPixelLayout::Rect& r : layout.rects) {
    if ((++k & 4095) == 0 && feedback.isCancelled()) return false;
    const bool top = !(r.clipped & MeshPixelLayout::ClippedTop);
    const bool left = !(r.clipped & MeshPixelLayout::ClippedLeft);
    const bool right = !(r.clipped & MeshPixelLayout::ClippedRight) && r.right - r.left > 1;
    const bool bottom = !(r.clipped & MeshPixelLayout::ClippedBottom) && r.bottom - r.top > 1;
    if (top)
      for (std::int32_t x = r.left; x < r.right; ++x) pixel(x, r.top) = blendOver(colour, pixel(x, r.top));
    for (std::int32_t y = r.top + (top ? 1 : 0); y < r.bottom; ++y) {
      if (left) pixel(r.left, y) = blendOver(colour, pixel(r.left, y));
      if (right && (r.right >= width || qAlpha(pixel(r.right, y)) == 0))
        pixel(r.right - 1, y) = blendOver(colour, pixel(r.right - 1, y));
    }
    if (bottom) {
      const std::int32_t y = r.bottom - 1;
      for (std::int32_t x = r.left + (left ? 1 : 0); x < r.right - (right ? 1 : 0); ++x)
        if (r.bottom >= height || qAlpha(pixel(x, r.bottom)) == 0) pixel(x, y) = blendOver(colour, pixel(x, y));
    }
  }
  return true;
}

// Row bands over the cores; small images or few cells stay on the calling thread.
bool fillDirect(const DirectFill& fill, int height) {
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const int bands = fill.layout.rects.size() < 4096 || height < 64 ? 1 : static_cast<int>(std::min(hardware, 4u));
  if (bands == 1) return fill.band(0, height);
  std::vector<std::thread> workers;
  std::vector<char> ok(bands, 1);
  for (int b = 1; b < bands; ++b)
    workers.emplace_back([&, b] { ok[b] = fill.band(height * b / bands, height * (b + 1) / bands); });
  ok[0] = fill.band(0, height / bands);
  for (std::thread& t : workers) t.join();
  return std::all_of(ok.begin(), ok.end(), [](char c) { return c != 0; });
}

}  // namespace

std::shared_ptr<const MeshPixelLayout> computeMeshPixelLayout(const MeshGeometry& g, const MapToPixel& m2p,
                                                              QSize size, const Extent& visible,
                                                              core::Feedback& feedback) {
  auto layout = std::make_shared<MeshPixelLayout>();
  layout->cellPixels = g.size() ? g.bounds.front().width() / m2p.mapUnitsPerPixel() : 0;
  layout->rects.reserve(g.size());
  QPointF quad[4];
  for (std::size_t i = 0; i < g.size(); ++i) {
    if ((i & 4095) == 0 && feedback.isCancelled()) return nullptr;
    if (!g.bounds[i].intersects(visible)) continue;
    const auto cell = static_cast<std::uint32_t>(i);
    layout->visibleCells.push_back(cell);
    const QPolygonF& poly = g.polygons[i];
    MeshPixelLayout::Rect rect{cell, 0, 0, 0, 0, 0};
    bool isRect = poly.size() == 4;
    if (isRect) {
      for (int k = 0; k < 4; ++k) quad[k] = m2p.toPixel(poly[k].x(), poly[k].y());
      isRect = pixelRectOf(quad, size.width(), size.height(), rect);
    }
    if (!isRect) {
      layout->polygonCells.push_back(cell);
    } else if (rect.right > rect.left && rect.bottom > rect.top) {
      layout->rects.push_back(rect);
    }
  }
  std::sort(layout->rects.begin(), layout->rects.end(), [](const auto& a, const auto& b) {
    return a.top != b.top ? a.top < b.top : a.left < b.left;
  });
  layout->rects.shrink_to_fit();
  return layout;
}

void MeshDerivedData::clear() {
  std::lock_guard lock(m_mutex);
  m_layouts.clear();
  m_cellIndex.reset();
}

std::shared_ptr<const MeshPixelLayout> MeshDerivedData::pixelLayout(const MeshGeometry& geometry, const MapToPixel& m2p,
                                                                    QSize size, const Extent& visible,
                                                                    core::Feedback& feedback) const {
  const QPointF origin = m2p.toMap(QPointF(0, 0));
  const LayoutKey key{m2p.mapUnitsPerPixel(), origin.x(), origin.y(), size};
  {
    std::lock_guard lock(m_mutex);
    for (auto it = m_layouts.begin(); it != m_layouts.end(); ++it) {
      if (it->first == key) {
        auto found = *it;
        m_layouts.erase(it);
        m_layouts.push_front(found);
        return found.second;
      }
    }
  }
  // Computed outside the lock: two jobs may compute the same layout, never wait for each other.
  auto layout = computeMeshPixelLayout(geometry, m2p, size, visible, feedback);
  if (!layout) return nullptr;
  std::lock_guard lock(m_mutex);
  m_layouts.emplace_front(key, layout);
  while (m_layouts.size() > kLayouts) m_layouts.pop_back();
  return layout;
}

const MeshCellIndex& MeshDerivedData::cellIndex(const MeshGeometry& geometry) const {
  std::lock_guard lock(m_mutex);
  if (!m_cellIndex) m_cellIndex = std::make_shared<const MeshCellIndex>(geometry);
  return *m_cellIndex;
}

void paintMeshCells(RenderContext& ctx, const MeshGeometry& g, const std::vector<std::int16_t>& classes,
                    const MeshPaintStyle& style) {
  const QSize size = ctx.settings.outputSize();
  const auto layout = g.derived.pixelLayout(g, ctx.mapToPixel, size, ctx.visibleExtent, ctx.feedback);
  if (!layout || ctx.feedback.isCancelled()) return;
  const double pixelScale = ctx.settings.pixelScale();
  const bool outlines = layout->cellPixels >= style.outlineMinPixels;
  auto classOf = [&](std::uint32_t cell) { return cell < classes.size() ? classes[cell] : std::int16_t(-1); };

  QPainter& p = ctx.painter;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, false);  // adjacent cells share edges exactly: no seams
  p.setPen(Qt::NoPen);
  std::vector<QBrush> classBrushes;
  for (const QColor& c : style.classColours) classBrushes.emplace_back(c);
  const QBrush missingBrush(style.missingFill);
  const QBrush hatchBrush = hatchBrushFor(style, pixelScale);

  const bool opaque = std::all_of(style.classColours.begin(), style.classColours.end(),
                                  [](const QColor& c) { return c.alpha() == 255; });
  const std::optional<HatchTile> tile = opaque ? hatchTileFor(style, pixelScale) : std::nullopt;
  QImage* image = tile ? directlyWritableImage(p) : nullptr;
  if (image && image->size() != size) image = nullptr;

  bool cancelled = false;
  auto pollCancel = [&](std::size_t& k) {
    if ((++k & 511) == 0 && ctx.feedback.isCancelled()) cancelled = true;
    return cancelled;
  };
  std::vector<quint32> colours;
  if (image) {
    for (const QColor& c : style.classColours) colours.push_back(qPremultiply(c.rgba()));
    const DirectFill fill{*layout, classes, colours, *tile, image->bits(), image->bytesPerLine(), ctx.feedback};
    cancelled = !fillDirect(fill, size.height());
  } else {
    std::size_t k = 0;
    for (const MeshPixelLayout::Rect& r : layout->rects) {
      if (pollCancel(k)) break;
      const QRect rect(r.left, r.top, r.right - r.left, r.bottom - r.top);
      const int cls = classOf(r.cell);
      if (cls >= 0) {
        p.fillRect(rect, classBrushes[cls]);
      } else {
        p.fillRect(rect, missingBrush);
        p.fillRect(rect, hatchBrush);
      }
    }
  }
  // Cells that are not pixel rectangles: the polygon rasteriser (same pixel-centre rule).
  std::size_t k = 0;
  for (std::uint32_t cell : layout->polygonCells) {
    if (cancelled || pollCancel(k)) break;
    const QPolygonF device = devicePolygon(g.polygons[cell], ctx.mapToPixel);
    const int cls = classOf(cell);
    if (cls >= 0) {
      p.setBrush(classBrushes[cls]);
    } else {
      p.setBrush(missingBrush);
      p.drawPolygon(device);
      p.setBrush(hatchBrush);
    }
    p.drawPolygon(device);
  }
  if (outlines && !cancelled) {
    if (image)
      cancelled = !outlineDirect(*layout, qPremultiply(style.outline.rgba()), image->bits(), image->bytesPerLine(),
                                 size.width(), size.height(), ctx.feedback);
    // QPainter outlines every cell it filled (the polygon cells; all of them without an image).
    p.setPen(QPen(style.outline, 1));
    p.setBrush(Qt::NoBrush);
    for (std::uint32_t cell : image ? layout->polygonCells : layout->visibleCells) {
      if (cancelled || pollCancel(k)) break;
      p.drawPolygon(devicePolygon(g.polygons[cell], ctx.mapToPixel));
    }
  }
  p.restore();
  if (!cancelled) ctx.featuresDrawn += static_cast<std::int64_t>(layout->visibleCells.size());
}

}  // namespace ekm::render
