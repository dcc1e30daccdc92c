#pragma once
// The DHC buildings (analysis: ekm/store/energy_store.h, energy_buildings) as a map layer
// coloured by their metered heat demand — cooling + heating delivered, kWh in the hour — at
// the map's hour, on a sequential ramp (YlOrRd) from 0 to the largest hourly demand of any
// building; a building without a reading in the hour is hatched grey. Each building carries
// its id as a label. The data are read once (loadEnergyBuildingsMap) and shared by snapshots.
#include <QCoreApplication>
#include <QPolygonF>
#include <QString>
#include <memory>
#include <vector>

#include "ekm/core/time.h"
#include "ekm/store/project.h"
#include "render/colour_ramp.h"
#include "render/halo_label.h"
#include "render/map_layer.h"

namespace ekm::render {

struct EnergyBuildingsMap {
  std::vector<QString> ids, namesJa, namesEn;
  std::vector<QPolygonF> outlines;  // display CRS
  core::HourKey start = 0;          // first hour of `demand`
  // demand[building][hour - start]: cooling + heating kWh in the hour; NaN when neither
  // meter has a reading (a missing kind counts as 0 when the other has one).
  std::vector<std::vector<double>> demand;
  double maxDemand = 0;  // the largest value (the ramp's top)
  Extent extent = Extent::empty();

  // NaN outside the stored hours.
  double demandAt(std::size_t building, core::HourKey hour) const;
};

// The project's buildings and their cooling and heating meters in the display CRS; nullptr
// when the project has no energy buildings.
std::shared_ptr<const EnergyBuildingsMap> loadEnergyBuildingsMap(const store::Project& project, int displayEpsg);

class EnergyBuildingsLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::EnergyBuildingsLayer)

 public:
  EnergyBuildingsLayer(QString id, QString name, std::shared_ptr<const EnergyBuildingsMap> map);
  bool dependsOnHour() const override { return true; }
  Extent extent() const override { return m_map ? m_map->extent : Extent(); }
  void render(RenderContext& context) const override;
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  std::vector<LegendGroup> legendGroups() const override;
  const std::shared_ptr<const EnergyBuildingsMap>& map() const { return m_map; }
  // The fill of a demand (NaN: no fill colour, the layer hatches it).
  QColor colourFor(double demandKwh) const;

 private:
  std::shared_ptr<const EnergyBuildingsMap> m_map;
  ColourRamp m_ramp = ColourRamp::ylOrRd();
  std::shared_ptr<HaloLabelCache> m_labels = std::make_shared<HaloLabelCache>(64);
};

}  // namespace ekm::render
