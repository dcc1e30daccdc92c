#pragma once
// Road segments: either as cased lines with width by road class (major roads wider), or
// styled by a value at the map's hour (pedestrian or vehicle counts): line width AND colour
// graduated by class, segments without a count thin grey.
#include <QColor>
#include <QCoreApplication>
#include <QPolygonF>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "render/classification.h"
#include "render/feature_values.h"
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
  std::vector<QString> names;        // street names ("" when unnamed)
  std::vector<QString> roadClasses;  // the store's road_class
  Extent extent = Extent::empty();

  std::size_t size() const { return lines.size(); }
  void add(std::int64_t fid, RoadRank rank, QPolygonF line);
  void add(std::int64_t fid, RoadRank rank, QPolygonF line, QString name, QString roadClass);
  // The index of the segment nearest to a map point within maxDistance (map units), or -1.
  std::ptrdiff_t nearest(QPointF mapPoint, double maxDistance) const;
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

// Graduated lines by value: class i of n has colour ramp.at(rampStart + (1 - rampStart) i/(n-1))
// (the pale start of sequential ramps is skipped so the lowest class shows on a light map)
// and width minWidth + (maxWidth - minWidth) i/(n-1); missing values thin grey.
struct SegmentValueStyle {
  ClassBreaks breaks;
  ColourRamp ramp = ColourRamp::ylOrRd();
  double rampStart = 0.25;
  double minWidth = 1.2;  // points at 96 dpi
  double maxWidth = 7.0;
  QColor missingColour{0xb0, 0xb0, 0xb0};
  double missingWidth = 0.7;
  QString valueTitle;  // legend title and identify label, e.g. "Pedestrians per hour"
  // Segments with a value outlined in this colour (1.5 points wider; invalid: none), so a
  // class near white (no change on a diverging ramp) still shows on a light map.
  QColor casing;

  int classCount() const { return breaks.classCount(); }
  QColor classColour(int i) const;
  double classWidth(int i) const;
  bool operator==(const SegmentValueStyle&) const = default;
};

class RoadSegmentsLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::RoadSegmentsLayer)

 public:
  RoadSegmentsLayer(QString id, QString name, std::shared_ptr<const RoadGeometry> geometry, RoadStyle style = {});
  // Styled by a value at the map's hour (values parallel to the geometry).
  RoadSegmentsLayer(QString id, QString name, std::shared_ptr<const RoadGeometry> geometry,
                    std::shared_ptr<const FeatureValueSource> values, SegmentValueStyle valueStyle);

  const RoadStyle& style() const { return m_style; }
  const std::shared_ptr<const RoadGeometry>& geometry() const { return m_geometry; }
  const std::shared_ptr<const FeatureValueSource>& values() const { return m_values; }
  const SegmentValueStyle& valueStyle() const { return m_valueStyle; }
  bool styledByValue() const { return m_values != nullptr; }

  bool dependsOnHour() const override { return styledByValue(); }
  Extent extent() const override { return m_geometry ? m_geometry->extent : Extent(); }
  void render(RenderContext& context) const override;
  // The nearest segment within 6 px (at 96 dpi): name, class, count at the hour.
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  std::vector<LegendGroup> legendGroups() const override;

 private:
  void renderByClass(RenderContext& context, const std::vector<QPolygonF>& device) const;
  void renderByValue(RenderContext& context, const std::vector<QPolygonF>& device) const;

  std::shared_ptr<const RoadGeometry> m_geometry;
  RoadStyle m_style;
  std::shared_ptr<const FeatureValueSource> m_values;
  SegmentValueStyle m_valueStyle;
};

// "1,234" with decimals only for small non-integers; "No data" for NaN.
QString formatValue(double value);

}  // namespace ekm::render
