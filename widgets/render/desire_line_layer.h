#pragma once
// Desire lines: straight lines between zone centroids, width proportional to the OD flow
// (points per 1,000, like the flow bands), only the N largest and/or those at or above a
// threshold; larger flows are drawn on top.
#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <memory>
#include <vector>

#include "render/map_layer.h"

namespace ekm::render {

struct DesireLineItem {
  QPointF from, to;  // display CRS (zone centroids)
  QString origin, destination;
  double volume = 0;  // both directions when the lines were combined
};

struct DesireLineStyle {
  double widthPer1000 = 4;  // points at 96 dpi per 1,000 trips
  int topN = 50;            // <= 0: no limit
  double minVolume = 0;     // lines below are not shown
  QColor colour{0x6a, 0x3d, 0x9a, 190};
  QString unit;  // e.g. "trips/h"
};

class DesireLineLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::DesireLineLayer)

 public:
  DesireLineLayer(QString id, QString name, std::vector<DesireLineItem> lines, DesireLineStyle style);

  const DesireLineStyle& style() const { return m_style; }
  // The lines shown (filtered by topN and minVolume), largest first.
  const std::vector<DesireLineItem>& lines() const { return *m_lines; }
  Extent extent() const override { return m_extent; }
  void render(RenderContext& context) const override;
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  std::vector<LegendGroup> legendGroups() const override;

 private:
  std::shared_ptr<const std::vector<DesireLineItem>> m_lines;
  DesireLineStyle m_style;
  Extent m_extent = Extent::empty();
};

}  // namespace ekm::render
