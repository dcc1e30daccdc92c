// A drawn candidate as a candidate route file (drawn_candidate.h).
#include "mobility/drawn_candidate.h"

#include <QSaveFile>

namespace ekm::widgets {

ops::Json candidateGeoJson(const CandidateService& service, const std::vector<RouteStop>& stops) {
  ops::Json line = ops::Json::array();
  for (const RouteStop& s : stops) line.push_back({s.lon, s.lat});
  ops::Json properties = {{"route_id", service.routeId},
                          {"name", service.name.empty() ? service.routeId : service.name},
                          {"headway_min", service.headwayMin},
                          {"start", service.start},
                          {"end", service.end},
                          {"speed_kmh", service.speedKmh},
                          {"two_way", service.twoWay}};
  ops::Json features = ops::Json::array();
  features.push_back({{"type", "Feature"},
                      {"properties", properties},
                      {"geometry", {{"type", "LineString"}, {"coordinates", line}}}});
  for (std::size_t i = 0; i < stops.size(); ++i) {
    const RouteStop& s = stops[i];
    const std::string id = s.existing() ? s.stopId.toStdString() : service.routeId + "-" + std::to_string(i + 1);
    const std::string name = s.existing() && !s.name.isEmpty() ? s.name.toStdString() : id;
    features.push_back({{"type", "Feature"},
                        {"properties", {{"stop_id", id}, {"name", name}, {"existing", s.existing()}}},
                        {"geometry", {{"type", "Point"}, {"coordinates", {s.lon, s.lat}}}}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

bool writeCandidateFile(const QString& path, const ops::Json& candidate, QString* error) {
  QSaveFile file(path);
  const std::string text = candidate.dump(2) + "\n";
  if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0 ||
      !file.commit()) {
    if (error) *error = file.errorString();
    return false;
  }
  return true;
}

}  // namespace ekm::widgets
