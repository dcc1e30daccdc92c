#pragma once
// Movement corridors (移動コース): the ranked connected high-flow paths of an assignment
// (ekm/demand/corridors.h) as wide translucent bands along the streets, centred on the links
// (both directions of a street share one band), with the rank in a disc at the middle of
// each corridor (by length). Rank 1 (highest peak volume) is drawn on top.
#include <QColor>
#include <QCoreApplication>
#include <QPolygonF>
#include <QString>
#include <memory>
#include <vector>

#include "render/map_layer.h"

namespace ekm::render {

struct CorridorItem {
  QPolygonF line;  // display CRS, in travel order
  int rank = 0;    // 1 = highest peak volume
  double peakVolume = 0;
  double meanVolume = 0;
  double lengthM = 0;
  int links = 0;
};

struct CorridorStyle {
  double width = 14;                         // band width, points at 96 dpi
  QColor colour{0x80, 0x3c, 0xa0, 90};       // translucent, so the flows show through
  QColor labelColour{0x54, 0x27, 0x88};      // rank disc (opaque)
  QColor labelTextColour{0xff, 0xff, 0xff};  // rank number
  double labelRadius = 9;                    // points at 96 dpi
  QString unit;                              // of the volumes ("trips")
};

class CorridorLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::CorridorLayer)

 public:
  CorridorLayer(QString id, QString name, std::vector<CorridorItem> corridors, CorridorStyle style);

  const std::vector<CorridorItem>& corridors() const { return *m_corridors; }
  const CorridorStyle& style() const { return m_style; }
  Extent extent() const override { return m_extent; }
  void render(RenderContext& context) const override;
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  std::vector<LegendGroup> legendGroups() const override;

  // The point halfway along a polyline (by length); its first point when it has no length.
  static QPointF midpoint(const QPolygonF& line);

 private:
  std::shared_ptr<const std::vector<CorridorItem>> m_corridors;  // highest rank (largest number) first
  std::vector<Extent> m_bounds;
  CorridorStyle m_style;
  Extent m_extent = Extent::empty();
};

}  // namespace ekm::render
