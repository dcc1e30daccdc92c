#include "demand/demand_layers.h"

#include <algorithm>
#include <cmath>

#include "ekm/geo/transformer.h"

namespace ekm::widgets {

namespace {

QPolygonF project(const geo::Transformer& t, const std::vector<demand::GeoPoint>& points) {
  QPolygonF line;
  line.reserve(static_cast<qsizetype>(points.size()));
  for (const auto& p : points) {
    const auto [x, y] = t.forward(p.lon, p.lat);
    line << QPointF(x, y);
  }
  return line;
}

bool hasCapacities(const DemandRun& run) {
  const auto& net = run.network().network;
  for (int a = 0; a < net.linkCount(); ++a)
    if (run.network().linkSegment[static_cast<std::size_t>(a)] >= 0 && net.link(a).capacity > 0 &&
        net.link(a).capacity < 1e8)
      return true;
  return false;
}

}  // namespace

double DemandLayers::automaticWidthPer1000(double maxVolume, double targetPoints) {
  if (!(maxVolume > 0)) return 6;
  const double raw = targetPoints / (maxVolume / 1000.0);
  const double e = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * e >= raw * 0.999) return m * e;
  return 10 * e;
}

QString DemandLayers::unit() { return tr("trips"); }

std::shared_ptr<const render::FlowBandData> DemandLayers::flowBands(const DemandRun& run, int displayEpsg) {
  const geo::Transformer t(displayEpsg);
  auto data = std::make_shared<render::FlowBandData>();
  const auto& b = run.network();
  for (int a = 0; a < b.network.linkCount(); ++a) {
    const auto i = static_cast<std::size_t>(a);
    if (b.linkSegment[i] < 0) continue;  // centroid connectors are not streets
    render::FlowBand band;
    band.line = project(t, b.linkGeometry[i]);
    band.segmentId = QString::fromStdString(b.linkSegmentId[i]);
    band.link = a;
    band.volume = run.assignment().volume[i];
    band.time_s = run.assignment().time[i];
    band.capacity = b.network.link(a).capacity;
    data->add(std::move(band));
  }
  return data;
}

std::shared_ptr<render::FlowBandLayer> DemandLayers::flowBandLayer(const DemandRun& run, int displayEpsg,
                                                                   const DemandLayerOptions& options) {
  auto data = flowBands(run, displayEpsg);
  render::FlowBandStyle style;
  style.widthPer1000 =
      options.bandWidthPer1000 > 0 ? options.bandWidthPer1000 : automaticWidthPer1000(data->maxVolume);
  style.unit = unit();
  style.minVolume = 0;
  if (options.colourByVolumeCapacity && hasCapacities(run)) {
    style.colouring = render::BandColouring::VolumeCapacity;
  } else {
    style.colouring = render::BandColouring::VolumeClasses;
    std::vector<double> volumes;
    for (const auto& band : data->bands)
      if (band.volume > 0) volumes.push_back(band.volume);
    style.volumeBreaks = render::ClassBreaks::compute(volumes, 5, render::ClassificationMethod::NaturalBreaks);
  }
  return std::make_shared<render::FlowBandLayer>(QStringLiteral("demand_flow_bands"), tr("Assigned flows"), data,
                                                 style);
}

std::shared_ptr<render::DesireLineLayer> DemandLayers::desireLineLayer(const DemandRun& run, int displayEpsg,
                                                                       const DemandLayerOptions& options) {
  const geo::Transformer t(displayEpsg);
  std::vector<render::DesireLineItem> items;
  double maxVolume = 0;
  for (const auto& l : run.outcome.desireLines) {
    render::DesireLineItem item;
    const auto [x0, y0] = t.forward(l.from.lon, l.from.lat);
    const auto [x1, y1] = t.forward(l.to.lon, l.to.lat);
    item.from = {x0, y0};
    item.to = {x1, y1};
    item.origin = QString::fromStdString(run.zones().zones[static_cast<std::size_t>(l.origin)].id);
    item.destination = QString::fromStdString(run.zones().zones[static_cast<std::size_t>(l.destination)].id);
    item.volume = l.volume;
    maxVolume = std::max(maxVolume, l.volume);
    items.push_back(std::move(item));
  }
  render::DesireLineStyle style;
  style.widthPer1000 = options.bandWidthPer1000 > 0 ? options.bandWidthPer1000 : automaticWidthPer1000(maxVolume, 12);
  style.topN = options.desireTopN;
  style.minVolume = options.desireMinVolume;
  style.unit = unit();
  return std::make_shared<render::DesireLineLayer>(QStringLiteral("demand_desire_lines"), tr("Desire lines"),
                                                   std::move(items), style);
}

std::shared_ptr<render::CorridorLayer> DemandLayers::corridorLayer(const DemandRun& run, int displayEpsg) {
  const geo::Transformer t(displayEpsg);
  const auto& b = run.network();
  const auto& corridors = run.outcome.corridors;
  std::vector<render::CorridorItem> items;
  for (std::size_t k = 0; k < corridors.size(); ++k) {
    const auto& c = corridors[k];
    render::CorridorItem item;
    item.rank = static_cast<int>(k) + 1;  // as in the dock's table
    item.peakVolume = c.peakVolume;
    item.meanVolume = c.meanVolume;
    for (int a : c.links) {
      const auto i = static_cast<std::size_t>(a);
      if (b.linkSegment[i] < 0) continue;  // a zone connector is not a street
      const QPolygonF piece = project(t, b.linkGeometry[i]);
      for (const QPointF& p : piece)
        if (item.line.isEmpty() || item.line.back() != p) item.line << p;
      item.lengthM += b.network.link(a).length;
      ++item.links;
    }
    if (item.line.size() >= 2) items.push_back(std::move(item));
  }
  if (items.empty()) return nullptr;
  render::CorridorStyle style;
  style.unit = unit();
  return std::make_shared<render::CorridorLayer>(QStringLiteral("demand_corridors"), tr("Corridors"), std::move(items),
                                                 style);
}

std::shared_ptr<render::LinkDifferenceLayer> DemandLayers::differenceLayer(const ScenarioRun& scenario, int displayEpsg,
                                                                           const DemandLayerOptions& options) {
  const geo::Transformer t(displayEpsg);
  const auto& b = scenario.outcome.project.network.network.zoned;  // the base network
  const auto& scenarioNet = scenario.result().network.network;
  const bool time = options.differenceQuantity == render::DifferenceQuantity::TravelTime;
  std::vector<render::LinkVolumeDifference> links;
  std::vector<double> values;
  double maxAbs = 0, maxAbsVolume = 0;
  std::size_t added = 0;
  for (const auto& d : scenario.result().links) {
    render::LinkVolumeDifference l;
    if (d.baseLink >= 0) {
      const auto i = static_cast<std::size_t>(d.baseLink);
      if (b.linkSegment[i] < 0) continue;  // connectors
      l.line = project(t, b.linkGeometry[i]);
      l.segmentId = QString::fromStdString(b.linkSegmentId[i]);
      l.baseVolume = d.baseVolume;
    } else {
      const std::size_t k = added++;
      const auto& a = scenarioNet.link(d.scenarioLink);
      l.line = project(t, {b.nodes[static_cast<std::size_t>(a.from)], b.nodes[static_cast<std::size_t>(a.to)]});
      l.segmentId = k < scenario.addedNames().size() ? QString::fromStdString(scenario.addedNames()[k]) : QString();
      l.added = true;
    }
    l.closed = d.scenarioLink < 0;
    l.scenarioVolume = l.closed ? 0 : d.scenarioVolume;
    l.baseTime_s = d.baseTime;  // NaN where the link does not exist
    l.scenarioTime_s = d.scenarioTime;
    const double v = time ? l.timeDifference() : l.difference();
    if (std::isfinite(v)) {
      values.push_back(v);
      maxAbs = std::max(maxAbs, std::abs(v));
    }
    maxAbsVolume = std::max(maxAbsVolume, std::abs(l.difference()));
    links.push_back(std::move(l));
  }
  render::LinkDifferenceStyle style;
  style.quantity = options.differenceQuantity;
  style.widthPer1000 =
      options.bandWidthPer1000 > 0 ? options.bandWidthPer1000 : automaticWidthPer1000(maxAbsVolume);
  style.unit = time ? tr("s") : unit();
  // Differences below 0.05 % of the largest are numerical noise of the equilibrium, not change.
  style.minAbsDifference = maxAbs * 5e-4;
  return std::make_shared<render::LinkDifferenceLayer>(
      QStringLiteral("demand_scenario_difference"), time ? tr("Scenario − base travel times") : tr("Scenario − base flows"),
      std::move(links), render::DivergingRamp(render::DivergingRamp::niceMaxAbs(values)), style);
}

}  // namespace ekm::widgets
