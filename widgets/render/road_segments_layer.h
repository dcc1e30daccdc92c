#pragma once
// Road segments as cased lines, width by road class (major roads wider).
#include <QColor>
#include <QPolygonF>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "render/map_layer.h"

namespace ekm::render {

enum class RoadRank { Major = 0, Secondary = 1, Minor = 2, Path = 3 };
// From the store's road_class ("primary", "trunk", "secondary", "residential", "pedestrian"...).
RoadRank roadRankFromClass(const std::string& roadClass);

struct RoadGeometry {
  std::vector<std::int64_t> fids;
  std::vector<QPolygonF> lines;  // display CRS
  std::vector<RoadRank> ranks;
  std::vector<Extent> bounds;
  Extent extent = Extent::empty();

  std::size_t size() const { return lines.size(); }
  void add(std::int64_t fid, RoadRank rank, QPolygonF line);
};

struct RoadStyle {
  QColor casing{0x6b, 0x6b, 0x6b};
  QColor major{0xff, 0xff, 0xff};
  QColor minor{0xfa, 0xfa, 0xfa};
  double widthMajor = 3.6;  // points at 96 dpi
  double widthSecondary = 2.6;
  double widthMinor = 1.3;
  double widthPath = 0.9;
  double casingExtra = 1.2;
  int minorCasingAlpha = 120;
  bool operator==(const RoadStyle&) const = default;
};

class RoadSegmentsLayer : public MapLayer {
 public:
  RoadSegmentsLayer(QString id, QString name, std::shared_ptr<const RoadGeometry> geometry, RoadStyle style = {});
  const RoadStyle& style() const { return m_style; }
  Extent extent() const override { return m_geometry ? m_geometry->extent : Extent(); }
  void render(RenderContext& context) const override;

 private:
  std::shared_ptr<const RoadGeometry> m_geometry;
  RoadStyle m_style;
};

}  // namespace ekm::render
