#pragma once
// Map layers of a demand run, in the project's display CRS: flow bands (assigned link
// volumes), desire lines (OD flows between zone centroids), the ranked corridors and, for a
// scenario, the link volume or travel-time differences (scenario - base).
#include <QCoreApplication>
#include <QString>
#include <vector>

#include "demand/demand_pipeline.h"
#include "render/corridor_layer.h"
#include "render/desire_line_layer.h"
#include "render/flow_band_layer.h"
#include "render/link_difference_layer.h"

namespace ekm::widgets {

struct DemandLayerOptions {
  double bandWidthPer1000 = 0;  // points per 1,000 trips; 0 = automatic (largest volume ~ 14 pt)
  int desireTopN = 50;
  double desireMinVolume = 0;
  bool colourByVolumeCapacity = true;  // false (or no capacities): volume classes
  bool showCorridors = true;
  render::DifferenceQuantity differenceQuantity = render::DifferenceQuantity::Volume;
};

class DemandLayers {
  Q_DECLARE_TR_FUNCTIONS(ekm::widgets::DemandLayers)

 public:
  // A round scale (1, 2, 2.5 or 5 x 10^k points per 1,000) that draws maxVolume about
  // targetPoints wide.
  static double automaticWidthPer1000(double maxVolume, double targetPoints = 14);
  static QString unit();  // "trips"

  static std::shared_ptr<const render::FlowBandData> flowBands(const DemandRun& run, int displayEpsg);
  static std::shared_ptr<render::FlowBandLayer> flowBandLayer(const DemandRun& run, int displayEpsg,
                                                              const DemandLayerOptions& options);
  static std::shared_ptr<render::DesireLineLayer> desireLineLayer(const DemandRun& run, int displayEpsg,
                                                                  const DemandLayerOptions& options);
  // Corridors in rank order along their street links (zone connectors left out); nullptr when
  // the run has none.
  static std::shared_ptr<render::CorridorLayer> corridorLayer(const DemandRun& run, int displayEpsg);
  // Scenario minus base volumes or travel times (options.differenceQuantity), street links in
  // base order, then the scenario's added links (straight between their nodes), on the
  // scenario run's base network.
  static std::shared_ptr<render::LinkDifferenceLayer> differenceLayer(const ScenarioRun& scenario, int displayEpsg,
                                                                      const DemandLayerOptions& options);
};

}  // namespace ekm::widgets
