#pragma once
// Map layers of the project's GTFS feed (analysis: ekm/store/transit_store.h, ekm/mobility):
//  - TransitRoutesLayer: route lines (GTFS shapes, or the stop sequence of trips without one)
//    coloured by route (route_color, else a fixed qualitative palette by route order);
//  - TransitStopsLayer: bus stops as circles whose AREA is proportional to the departures in
//    the map's hour (JST) on the map date's day type (weekday / Saturday / Sunday-holiday;
//    the feed's representative day of that type, mobility/service.h); stops without a
//    departure in that hour are small hollow rings.
// The data are read once (loadTransitMap) and shared by layer snapshots.
#include <QColor>
#include <QCoreApplication>
#include <QPolygonF>
#include <QString>
#include <array>
#include <memory>
#include <vector>

#include "ekm/mobility/service.h"
#include "ekm/store/project.h"
#include "render/map_layer.h"

namespace ekm::render {

struct TransitMap {
  struct RouteLine {
    int route = 0;  // index into routes
    QPolygonF line; // display CRS
  };
  std::vector<QString> routeIds, routeNames;
  std::vector<QColor> routeColours;
  std::vector<RouteLine> lines;
  std::vector<QString> stopIds, stopNames, stopNamesEn;
  std::vector<QPointF> stopPositions;  // display CRS (location_type 0 only)
  // departures[day type][stop][hour] (core::DayType order), and the day used for each type
  std::array<std::vector<mobility::HourCounts>, 3> departures;
  std::array<QString, 3> days;
  QString attribution;
  Extent extent = Extent::empty();
};

// The project's feed in the display CRS; nullptr when the project has no feed.
std::shared_ptr<const TransitMap> loadTransitMap(const store::Project& project, int displayEpsg);
// route_color when given, else the palette colour of the route's index.
QColor transitRouteColour(const QString& routeColor, int index);

class TransitRoutesLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::TransitRoutesLayer)

 public:
  TransitRoutesLayer(QString id, QString name, std::shared_ptr<const TransitMap> map, double widthPt = 3.0);
  Extent extent() const override { return m_map ? m_map->extent : Extent(); }
  void render(RenderContext& context) const override;
  std::vector<LegendGroup> legendGroups() const override;
  const std::shared_ptr<const TransitMap>& map() const { return m_map; }

 private:
  std::shared_ptr<const TransitMap> m_map;
  double m_width;
};

class TransitStopsLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::TransitStopsLayer)

 public:
  // A stop with `referenceDepartures` in the hour is drawn with `referenceRadius` (points).
  TransitStopsLayer(QString id, QString name, std::shared_ptr<const TransitMap> map, double referenceDepartures = 12,
                    double referenceRadius = 9);
  bool dependsOnHour() const override { return true; }
  Extent extent() const override { return m_map ? m_map->extent : Extent(); }
  void render(RenderContext& context) const override;
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  std::vector<LegendGroup> legendGroups() const override;
  // Departures of each stop in the hour of `hour` on its day type.
  const std::vector<mobility::HourCounts>& departuresFor(core::HourKey hour, int& hourOfDay) const;
  double radiusFor(int departures) const;  // points at 96 dpi; 0 for none

 private:
  std::shared_ptr<const TransitMap> m_map;
  double m_refDepartures, m_refRadius;
};

}  // namespace ekm::render
