#pragma once
// Scenario minus base, per link: either the assigned volumes or the travel times.
//  - Volume: bands beside each link like the flow bands (same side convention, see
//    flow_band_layer.h), width proportional to |difference|, coloured by a diverging ramp
//    centred on zero (blue = less traffic in the scenario, red = more).
//  - Travel time: bands of one width beside each link, coloured by the diverging ramp of the
//    time differences in seconds (blue = faster in the scenario, red = slower). Closed and
//    added links have no time difference and are drawn in a neutral dark grey.
// Closed links (the scenario removed them) are drawn dashed.
#include <QCoreApplication>
#include <QPolygonF>
#include <cmath>
#include <limits>
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
  double baseTime_s = std::numeric_limits<double>::quiet_NaN();  // NaN where the link is absent
  double scenarioTime_s = std::numeric_limits<double>::quiet_NaN();
  bool closed = false;  // not in the scenario
  bool added = false;   // only in the scenario
  double difference() const { return scenarioVolume - baseVolume; }
  double timeDifference() const { return scenarioTime_s - baseTime_s; }  // NaN for closed/added links
};

enum class DifferenceQuantity { Volume, TravelTime };

struct LinkDifferenceStyle {
  DifferenceQuantity quantity = DifferenceQuantity::Volume;
  double widthPer1000 = 6;      // Volume: points at 96 dpi per 1,000 units of |difference|
  double timeWidth = 4;         // TravelTime: points at 96 dpi
  double minAbsDifference = 0;  // links with |difference| at or below are not drawn
  double gap = 1;
  BandSide side = BandSide::Left;
  QString unit;  // of the quantity: "trips", "s"
  QColor absentColour{0x59, 0x59, 0x59};  // TravelTime: closed and added links
};

class LinkDifferenceLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::LinkDifferenceLayer)

 public:
  // ramp: e.g. DivergingRamp(DivergingRamp::niceMaxAbs(differences)) of the style's quantity.
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

  // The link's difference in the style's quantity (NaN: none, a closed or added link's time).
  double value(const LinkVolumeDifference& link) const;
  // Whether the link is drawn, and in which colour and width (points at 96 dpi).
  bool isDrawn(const LinkVolumeDifference& link) const;
  QColor colourFor(const LinkVolumeDifference& link) const;
  double widthPt(const LinkVolumeDifference& link) const;

 private:
  double offsetPx(double widthPt, double pixelScale) const;
  std::shared_ptr<const std::vector<LinkVolumeDifference>> m_links;
  std::vector<Extent> m_bounds;
  std::vector<std::size_t> m_order;  // smallest |value| first (links without a value first)
  DivergingRamp m_ramp;
  LinkDifferenceStyle m_style;
  Extent m_extent = Extent::empty();
  double m_maxAbs = 0;      // of the values
  double m_maxWidthPt = 0;  // of the drawn links
  bool m_hasClosed = false, m_hasAdded = false;
};

}  // namespace ekm::render
