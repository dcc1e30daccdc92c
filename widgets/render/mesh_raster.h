#pragma once
// Fast painting of mesh cells (the population layer, and any layer that gives every cell one
// colour class). Most of the work of a frame does not depend on the hour: where each cell
// lands in the image. That "pixel layout" is computed once per map-to-pixel transform and
// output size and kept with the geometry; a frame then only looks up each cell's class colour
// and writes the cells' pixel rectangles straight into the image's scanlines, split into row
// bands over the cores.
//
// Tiling: a cell whose device polygon is an axis-aligned rectangle to within half a pixel
// (mesh cells in a plane rectangular zone are rotated only by the meridian convergence, a
// fraction of a pixel at city scales) covers the pixels between its rounded corners.
// Neighbours share corner coordinates, so they round alike: no gaps, no overlaps. A pixel
// therefore shows the cell under its centre, also when cells are smaller than a pixel (the
// sub-pixel cells are sampled at pixel centres, the cheapest honest aggregation: every pixel
// shows a real cell's class, never a blend that no cell has). Other cells (rotated or
// irregular) go through the QPainter polygon rasteriser, which follows the same
// pixel-centre rule. Painting through a device that is not a plain ARGB32_Premultiplied
// QImage (PDF, SVG, a transformed or clipped painter), or with translucent colours, uses
// QPainter for every cell and draws the same picture.
#include <QColor>
#include <QSize>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "ekm/core/feedback.h"
#include "render/map_settings.h"

namespace ekm::render {

struct MeshGeometry;
struct RenderContext;

// Where the visible cells of a mesh land in an image, for one transform and size.
struct MeshPixelLayout {
  // Sides of a rectangle that the image's border cut off (outlines are not drawn there).
  enum Clipped : std::uint8_t { ClippedLeft = 1, ClippedTop = 2, ClippedRight = 4, ClippedBottom = 8 };
  struct Rect {
    std::uint32_t cell;          // index into MeshGeometry
    std::int32_t left, top;      // first pixel column / row
    std::int32_t right, bottom;  // one past the last; clipped to the image, never empty
    std::uint8_t clipped;        // Clipped flags
  };
  std::vector<Rect> rects;                  // sorted by top, then left
  std::vector<std::uint32_t> polygonCells;  // visible cells that are not pixel rectangles
  std::vector<std::uint32_t> visibleCells;  // every cell whose bounds meet the visible extent
  double cellPixels = 0;                    // width of the first cell in pixels
};

// Computes the layout; nullptr when cancelled.
std::shared_ptr<const MeshPixelLayout> computeMeshPixelLayout(const MeshGeometry& geometry, const MapToPixel& mapToPixel,
                                                              QSize imageSize, const Extent& visibleExtent,
                                                              core::Feedback& feedback);

// The cell containing a map point: a uniform grid of buckets over the mesh's extent, each
// listing the cells whose bounds meet it; candidates are tested with point-in-polygon.
class MeshCellIndex {
 public:
  explicit MeshCellIndex(const MeshGeometry& geometry);
  // Index of the cell containing (x, y) (display CRS), or nullopt. A point on an edge
  // shared by two cells gives the one to its north / east (as JIS X 0410 cells are
  // half-open), by testing the point nudged by a millionth of a cell.
  std::optional<std::size_t> cellAt(const MeshGeometry& geometry, double x, double y) const;

 private:
  Extent m_extent;
  int m_columns = 0, m_rows = 0;
  double m_bucketWidth = 1, m_bucketHeight = 1;
  std::vector<std::uint32_t> m_bucketStart;  // m_columns * m_rows + 1 offsets into m_cells
  std::vector<std::uint32_t> m_cells;
};

// Data derived from a MeshGeometry on demand (pixel layouts of recent transforms, the cell
// index), kept with it and shared by every snapshot and thread. Thread-safe. A copy of the
// geometry starts with nothing derived; MeshGeometry::add() clears it.
class MeshDerivedData {
 public:
  MeshDerivedData() = default;
  MeshDerivedData(const MeshDerivedData&) {}
  MeshDerivedData& operator=(const MeshDerivedData&) {
    clear();
    return *this;
  }
  void clear();

  // The layout for this transform and size, computed on first use (nullptr if cancelled).
  std::shared_ptr<const MeshPixelLayout> pixelLayout(const MeshGeometry& geometry, const MapToPixel& mapToPixel,
                                                     QSize imageSize, const Extent& visibleExtent,
                                                     core::Feedback& feedback) const;
  const MeshCellIndex& cellIndex(const MeshGeometry& geometry) const;

 private:
  struct LayoutKey {
    double mapUnitsPerPixel, left, top;
    QSize size;
    bool operator==(const LayoutKey&) const = default;
  };
  static constexpr std::size_t kLayouts = 4;  // pan/zoom history worth keeping
  mutable std::mutex m_mutex;
  mutable std::deque<std::pair<LayoutKey, std::shared_ptr<const MeshPixelLayout>>> m_layouts;
  mutable std::shared_ptr<const MeshCellIndex> m_cellIndex;
};

// The look of a classed mesh.
struct MeshPaintStyle {
  std::vector<QColor> classColours;
  QColor missingFill;
  QColor missingHatch;  // Qt::BDiagPattern over missingFill, spacing scaled by the DPI
  // A one-pixel line around every cell when cells are at least outlineMinPixels wide; an
  // edge shared by two cells is one line (drawn once), so the grid looks even.
  QColor outline;
  double outlineMinPixels = 14;
};

// Paints every visible cell: classes[i] is cell i's index into style.classColours, or -1
// for a missing value (hatched grey). Cells beyond classes.size() are missing. Polls the
// feedback's cancel flag; adds the visible cells to context.featuresDrawn.
void paintMeshCells(RenderContext& context, const MeshGeometry& geometry, const std::vector<std::int16_t>& classes,
                    const MeshPaintStyle& style);

}  // namespace ekm::render
