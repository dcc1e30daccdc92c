#pragma once
// Bus stops sized by their riders (boardings + alightings per day of a period, from the
// ridership KPIs): circles whose AREA is proportional to the value. A stop with fewer than 10
// riders a day is a small hollow ring with no size information (the small-count rule,
// ekm/privacy/small_count.h); a stop without records is not drawn.
#include <QCoreApplication>
#include <memory>
#include <vector>

#include "render/map_layer.h"
#include "render/transit_layers.h"

namespace ekm::render {

class StopRidershipLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::StopRidershipLayer)

 public:
  // values: riders per day parallel to map->stopIds (NaN: no records). A stop with
  // `reference` riders is drawn with `referenceRadius` (points at 96 dpi).
  StopRidershipLayer(QString id, QString name, std::shared_ptr<const TransitMap> map, std::vector<double> values,
                     double reference, double referenceRadius = 16);
  Extent extent() const override { return m_map ? m_map->extent : Extent(); }
  void render(RenderContext& context) const override;
  std::vector<LegendGroup> legendGroups() const override;
  double radiusFor(double value) const;  // points; 0 for suppressed or missing
  int suppressedStops() const;

 private:
  std::shared_ptr<const TransitMap> m_map;
  std::vector<double> m_values;
  double m_reference, m_radius;
};

}  // namespace ekm::render
