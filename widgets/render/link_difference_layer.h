#pragma once
// Scenario minus base link volumes: bands beside each link like the flow bands (same side
// convention, see flow_band_layer.h), width proportional to |difference| and coloured by a
// diverging ramp centred on zero (blue = less traffic in the scenario, red = more). Closed
// links (the scenario removed them) are drawn dashed.
#include <QCoreApplication>
#include <QPolygonF>
#include <memory>
#include <vector>

#include "render/diverging_ramp.h"
#include "render/flow_band_layer.h"

namespace ekm::render {

struct LinkVolumeDifference {
  QPolygonF line;  // display CRS, link direction
  QString segmentId;
  double baseVolume = 0;
  double scenarioVolume = 0;
  bool closed = false;  // not in the scenario
  bool added = false;   // only in the scenario
  double difference() const { return scenarioVolume - baseVolume; }
};

struct LinkDifferenceStyle {
  double widthPer1000 = 6;  // points at 96 dpi per 1,000 units of |difference|
  double minAbsDifference = 0;  // links with |difference| at or below are not drawn
  double gap = 1;
  BandSide side = BandSide::Left;
  QString unit;
};

class LinkDifferenceLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::LinkDifferenceLayer)

 public:
  // ramp: e.g. DivergingRamp(DivergingRamp::niceMaxAbs(differences)).
  LinkDifferenceLayer(QString id, QString name, std::vector<LinkVolumeDifference> links, DivergingRamp ramp,
                      LinkDifferenceStyle style);

  const std::vector<LinkVolumeDifference>& links() const { return *m_links; }
  const DivergingRamp& ramp() const { return m_ramp; }
  const LinkDifferenceStyle& style() const { return m_style; }
  Extent extent() const override { return m_extent; }
  void render(RenderContext& context) const override;
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  std::vector<LegendGroup> legendGroups() const override;

 private:
  double offsetPx(double absDifference, double pixelScale) const;
  std::shared_ptr<const std::vector<LinkVolumeDifference>> m_links;
  std::vector<Extent> m_bounds;
  std::vector<std::size_t> m_order;  // smallest |difference| first
  DivergingRamp m_ramp;
  LinkDifferenceStyle m_style;
  Extent m_extent = Extent::empty();
  double m_maxAbs = 0;
};

}  // namespace ekm::render
