#pragma once
// Mesh population: JIS mesh cells filled with graduated colours of their population at the
// map's hour. Missing values (vendor-suppressed, blank, or no row) are drawn hatched grey,
// never as the lowest class.
#include <QPointF>
#include <QPolygonF>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/classification.h"
#include "render/map_layer.h"
#include "render/mesh_raster.h"

namespace ekm::render {

// Cell polygons in the display CRS, shared (immutable) by all snapshots of a layer.
struct MeshGeometry {
  std::vector<std::int64_t> fids;    // store feature ids (mesh_cells.fid)
  std::vector<std::string> codes;    // JIS mesh codes
  std::vector<QPolygonF> polygons;   // display CRS
  std::vector<Extent> bounds;        // per cell, display CRS
  Extent extent = Extent::empty();
  std::unordered_map<std::int64_t, std::size_t> indexOfFid;
  // Pixel layouts and the cell index, derived on demand (thread-safe; cleared by add()).
  MeshDerivedData derived;

  std::size_t size() const { return polygons.size(); }
  void add(std::int64_t fid, std::string code, QPolygonF polygon);
  // Index of the cell containing a map point (display CRS), or nullopt.
  std::optional<std::size_t> cellAt(QPointF mapPoint) const;
};

// Values of every cell (parallel to MeshGeometry) at an hour. Thread-safe: called from
// render jobs. NaN = missing.
class MeshValueSource {
 public:
  virtual ~MeshValueSource() = default;
  virtual std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const = 0;
};

// Values held in memory, hour by hour; an hour without values is all missing.
class InMemoryMeshValues : public MeshValueSource {
 public:
  explicit InMemoryMeshValues(std::size_t cellCount) : m_cellCount(cellCount) {}
  void setValues(core::HourKey hour, std::vector<double> values);
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const override;

 private:
  std::size_t m_cellCount;
  mutable std::mutex m_mutex;
  std::map<core::HourKey, std::shared_ptr<const std::vector<double>>> m_values;
};

class MeshPopulationLayer : public MapLayer {
 public:
  MeshPopulationLayer(QString id, QString name, std::shared_ptr<const MeshGeometry> geometry,
                      std::shared_ptr<const MeshValueSource> values, GraduatedStyle style);

  const std::shared_ptr<const MeshGeometry>& geometry() const { return m_geometry; }
  const std::shared_ptr<const MeshValueSource>& values() const { return m_values; }
  const GraduatedStyle& style() const { return m_style; }
  void setStyle(GraduatedStyle style) { m_style = std::move(style); }

  bool dependsOnHour() const override { return true; }
  Extent extent() const override { return m_geometry ? m_geometry->extent : Extent(); }
  // Fills the cells' pixel rectangles straight into the layer image (see mesh_raster.h).
  void render(RenderContext& context) const override;
  // The cell under the point: its mesh code, level and value at the settings' hour.
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  // One group: the layer's name over its classes and "No data".
  std::vector<LegendGroup> legendGroups() const override;
  // Class index per cell (-1: missing) of the values, by this layer's breaks.
  std::vector<std::int16_t> classesOf(const std::vector<double>& values) const;

 private:
  std::shared_ptr<const MeshGeometry> m_geometry;
  std::shared_ptr<const MeshValueSource> m_values;
  GraduatedStyle m_style;
};

}  // namespace ekm::render
