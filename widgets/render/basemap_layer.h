#pragma once
// The project's own vector basemap (no network): water, parks and buildings as muted
// polygons, streets as thin light lines, railways as the classic railway line (dark casing
// with light dashes). One layer draws a chosen set of kinds, so the stack can put polygons
// under the data and the railway above it.
#include <QColor>
#include <QCoreApplication>
#include <QPolygonF>
#include <QString>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "render/map_layer.h"

namespace ekm::render {

enum class BasemapKind { Water, Park, Building, Street, Rail, Other };
// From the store's kind ("water", "park", "building", "street", "rail"); unknown -> Other.
BasemapKind basemapKindFromString(const std::string& kind);

struct BasemapGeometry {
  struct Feature {
    std::int64_t fid = 0;
    BasemapKind kind = BasemapKind::Other;
    QString name;
    bool polygon = false;
    std::vector<QPolygonF> parts;  // display CRS; polygons: rings (holes by even-odd fill)
    Extent bounds = Extent::empty();
  };
  std::vector<Feature> features;
  Extent extent = Extent::empty();

  std::size_t size() const { return features.size(); }
  void add(std::int64_t fid, BasemapKind kind, QString name, bool polygon, std::vector<QPolygonF> parts);
  bool has(BasemapKind kind) const;
};

struct BasemapStyle {
  QColor water{0xb3, 0xd1, 0xe0};
  QColor waterOutline{0x8f, 0xb4, 0xc8};
  QColor park{0xd4, 0xe6, 0xc8};
  QColor building{0xdd, 0xd6, 0xce};
  QColor buildingOutline{0xc7, 0xbc, 0xb0};
  QColor street{0xff, 0xff, 0xff};
  QColor streetCasing{0xcf, 0xcb, 0xc4};
  double streetWidth = 1.6;  // points at 96 dpi
  QColor railCasing{0x3a, 0x3a, 0x3a};
  QColor railDash{0xff, 0xff, 0xff};
  double railWidth = 3.0;
  double railDashLength = 3.0;  // in line widths
  bool operator==(const BasemapStyle&) const = default;
};

class BasemapLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::BasemapLayer)

 public:
  BasemapLayer(QString id, QString name, std::shared_ptr<const BasemapGeometry> geometry, std::set<BasemapKind> kinds,
               BasemapStyle style = {});
  const BasemapStyle& style() const { return m_style; }
  const std::set<BasemapKind>& kinds() const { return m_kinds; }
  Extent extent() const override { return m_geometry ? m_geometry->extent : Extent(); }
  void render(RenderContext& context) const override;
  std::vector<LegendGroup> legendGroups() const override;

  // The kinds drawn as the bottom of the stack (water, parks, buildings, streets) and on top (rail).
  static std::set<BasemapKind> groundKinds() {
    return {BasemapKind::Water, BasemapKind::Park, BasemapKind::Building, BasemapKind::Street, BasemapKind::Other};
  }
  static std::set<BasemapKind> railKinds() { return {BasemapKind::Rail}; }

 private:
  std::shared_ptr<const BasemapGeometry> m_geometry;
  std::set<BasemapKind> m_kinds;
  BasemapStyle m_style;
};

}  // namespace ekm::render
