// MeshCellIndex: which mesh cell contains a map point (identify, hover tooltips).
#include <algorithm>
#include <cmath>

#include "render/mesh_population_layer.h"
#include "render/mesh_raster.h"

namespace ekm::render {

MeshCellIndex::MeshCellIndex(const MeshGeometry& g) : m_extent(g.extent) {
  const std::size_t n = g.size();
  if (n == 0 || !(m_extent.xMin <= m_extent.xMax) || !(m_extent.yMin <= m_extent.yMax)) return;
  // About one cell per bucket for a regular mesh.
  const double w = std::max(m_extent.width(), 1e-9), h = std::max(m_extent.height(), 1e-9);
  m_columns = std::clamp(static_cast<int>(std::ceil(std::sqrt(n * w / h))), 1, 4096);
  m_rows = std::clamp(static_cast<int>(std::ceil(static_cast<double>(n) / m_columns)), 1, 4096);
  m_bucketWidth = w / m_columns;
  m_bucketHeight = h / m_rows;
  auto range = [&](const Extent& b, int& c0, int& c1, int& r0, int& r1) {
    c0 = std::clamp(static_cast<int>(std::floor((b.xMin - m_extent.xMin) / m_bucketWidth)), 0, m_columns - 1);
    c1 = std::clamp(static_cast<int>(std::floor((b.xMax - m_extent.xMin) / m_bucketWidth)), 0, m_columns - 1);
    r0 = std::clamp(static_cast<int>(std::floor((b.yMin - m_extent.yMin) / m_bucketHeight)), 0, m_rows - 1);
    r1 = std::clamp(static_cast<int>(std::floor((b.yMax - m_extent.yMin) / m_bucketHeight)), 0, m_rows - 1);
  };
  // Two passes (count, then fill): one flat array of cell indices, bucket by bucket.
  std::vector<std::uint32_t> counts(std::size_t(m_columns) * m_rows + 1, 0);
  int c0, c1, r0, r1;
  for (std::size_t i = 0; i < n; ++i) {
    range(g.bounds[i], c0, c1, r0, r1);
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c) ++counts[std::size_t(r) * m_columns + c + 1];
  }
  for (std::size_t k = 1; k < counts.size(); ++k) counts[k] += counts[k - 1];
  m_bucketStart = counts;
  m_cells.resize(counts.back());
  for (std::size_t i = 0; i < n; ++i) {
    range(g.bounds[i], c0, c1, r0, r1);
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c) m_cells[counts[std::size_t(r) * m_columns + c]++] = static_cast<std::uint32_t>(i);
  }
}

std::optional<std::size_t> MeshCellIndex::cellAt(const MeshGeometry& g, double x, double y) const {
  if (m_columns == 0 || !std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
  auto lookup = [&](double px, double py) -> std::optional<std::size_t> {
    if (!m_extent.contains(px, py)) return std::nullopt;
    const int c = std::clamp(static_cast<int>(std::floor((px - m_extent.xMin) / m_bucketWidth)), 0, m_columns - 1);
    const int r = std::clamp(static_cast<int>(std::floor((py - m_extent.yMin) / m_bucketHeight)), 0, m_rows - 1);
    const std::size_t bucket = std::size_t(r) * m_columns + c;
    for (std::uint32_t k = m_bucketStart[bucket]; k < m_bucketStart[bucket + 1]; ++k) {
      const std::uint32_t i = m_cells[k];
      if (g.bounds[i].contains(px, py) && g.polygons[i].containsPoint(QPointF(px, py), Qt::OddEvenFill)) return i;
    }
    return std::nullopt;
  };
  // Nudged north-east first, so that a point on a shared edge belongs to the cell to its
  // north / east; the point itself for the outer north and east edges of the mesh.
  const double nudge = 1e-6 * std::max(m_bucketWidth, m_bucketHeight);
  if (auto cell = lookup(x + nudge, y + nudge)) return cell;
  return lookup(x, y);
}

}  // namespace ekm::render
