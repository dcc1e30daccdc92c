// Bus, building energy and corridor pages of the briefing pack (briefing_data_pages.h).
#include "render/briefing_data_pages.h"

#include <QLineF>
#include <algorithm>
#include <cmath>

#include "ekm/privacy/small_count.h"
#include "render/corridor_layer.h"
#include "render/energy_buildings_layer.h"
#include "render/transit_layers.h"

namespace ekm::render::briefing_pages {

namespace {

QString hourText(core::HourKey hour) {
  const int h = core::jstFromHourKey(hour).hour;
  return QStringLiteral("%1:00–%2:00").arg(h, 2, 10, QLatin1Char('0')).arg(h + 1, 2, 10, QLatin1Char('0'));
}

// Appends a street's line to a corridor's, turned to continue from the corridor's end (the
// first street is turned too when the second joins it at its start).
void extend(QPolygonF& line, int& pieces, QPolygonF piece) {
  if (piece.size() < 2) return;
  auto gap = [&](QPointF at) { return std::min(QLineF(at, piece.front()).length(), QLineF(at, piece.back()).length()); };
  if (pieces == 1 && gap(line.front()) < gap(line.back())) std::reverse(line.begin(), line.end());
  if (!line.isEmpty() && QLineF(line.back(), piece.back()).length() < QLineF(line.back(), piece.front()).length())
    std::reverse(piece.begin(), piece.end());
  for (const QPointF& p : piece)
    if (line.isEmpty() || line.back() != p) line << p;
  ++pieces;
}

// themeFirst without a note leaves an empty group.
void dropEmptyGroups(std::vector<LegendGroup>& legend) {
  legend.erase(std::remove_if(legend.begin(), legend.end(), [](const LegendGroup& g) { return g.title.isEmpty() && g.items.empty(); }),
               legend.end());
}

}  // namespace

bool transitPage(PackWriter& w, const briefing::BriefingSection& sec, core::HourKey hour) {
  const ProjectLayers& p = w.project();
  if (!p.results.transit || p.results.transit->stopIds.empty()) return false;
  const double y = w.page(sec.kind, w.t(q(sec.titleJa), q(sec.titleEn)),
                          w.t(QStringLiteral("時刻表の代表日 %1、%2").arg(q(sec.periodB), hourText(hour)),
                              QStringLiteral("Timetable's representative day %1, %2").arg(q(sec.periodB), hourText(hour))));
  LayerList layers = stackLayers(p, {"basemap", "road_segments", "rail"});
  layers.push_back(std::make_shared<TransitRoutesLayer>(QStringLiteral("bus_routes"), QStringLiteral("Bus routes"), p.results.transit));
  layers.push_back(std::make_shared<TransitStopsLayer>(QStringLiteral("bus_stops"), QStringLiteral("Bus stops"), p.results.transit));
  MapComposition c = w.composition(plainStationsOver(p, layers), hour, w.t(q(sec.titleJa), q(sec.titleEn)), {},
                                   w.t(QStringLiteral("代表日 %1 %2").arg(q(sec.periodB), hourText(hour)),
                                       QStringLiteral("Representative day %1, %2").arg(q(sec.periodB), hourText(hour))));
  // The themes first: the stops' departures, then the routes.
  const QString routes = w.t(QStringLiteral("バス路線"), QStringLiteral("Bus routes"));
  themeFirst(c.legend, routes, LegendGroup{});
  themeFirst(c.legend, w.t(QStringLiteral("バス停の発車回数（1時間）"), QStringLiteral("Bus departures in the hour")),
             LegendGroup{w.t(QStringLiteral("面積が発車回数に比例"), QStringLiteral("area proportional to departures")), {}});
  dropEmptyGroups(c.legend);
  std::vector<briefing::BriefingSentence> text = sec.sentences;  // the summary's, then how to read the map
  text.push_back({"地図の円の面積はその1時間の発車回数、線の色は路線を表します。",
                  "The circles' area is the departures in that hour; the lines' colour is the route."});
  w.mapAndColumn(y, std::move(c), text);
  return true;
}

bool buildingsPage(PackWriter& w, const briefing::BriefingSection& sec, core::HourKey hour) {
  const ProjectLayers& p = w.project();
  if (!p.results.energy || p.results.energy->ids.empty()) return false;
  const double y = w.page(sec.kind, w.t(q(sec.titleJa), q(sec.titleEn)), q(sec.periodB) + QStringLiteral(" ") + hourText(hour));
  // The colour ramp spans the day shown (the year's peak would leave a spring day pale).
  auto day = std::make_shared<EnergyBuildingsMap>(*p.results.energy);
  day->maxDemand = 0;
  const core::HourKey dayStart = core::hourKeyFromJst(core::jstFromHourKey(hour).date, 0);
  for (std::size_t b = 0; b < day->ids.size(); ++b)
    for (core::HourKey h = dayStart; h < dayStart + 24; ++h)
      if (const double v = day->demandAt(b, h); std::isfinite(v)) day->maxDemand = std::max(day->maxDemand, v);
  if (!(day->maxDemand > 0)) day->maxDemand = p.results.energy->maxDemand;
  LayerList layers = stackLayers(p, {"basemap", "road_segments", "rail"});
  layers.push_back(std::make_shared<EnergyBuildingsLayer>(QStringLiteral("building_energy"), QStringLiteral("DHC buildings"), day));
  MapComposition c = w.composition(plainStationsOver(p, layers), hour, w.t(QStringLiteral("建物の熱需要"), QStringLiteral("Building heat demand")), {},
                                   q(sec.periodB) + QStringLiteral(" ") + hourText(hour) + QStringLiteral(" JST"));
  // The buildings fill a few blocks: the map shows them with the streets around.
  const Extent e = p.results.energy->extent;
  if (e.isValid()) {
    const double side = std::max({e.width(), e.height(), 400.0 * p.mapUnitsPerMetre});
    c.extent = Extent{e.centre().x() - side * 0.75, e.centre().y() - side * 0.75, e.centre().x() + side * 0.75,
                      e.centre().y() + side * 0.75};
  }
  // Not a count of people: the note on small counts would mislead here, so it says so.
  c.suppressionNote = w.t(QStringLiteral("熱量（kWh）は人数ではないため秘匿しません"),
                          QStringLiteral("Heat (kWh) is not a count of people: not suppressed"));
  themeFirst(c.legend, w.t(QStringLiteral("地域冷暖房の建物の熱需要（冷房＋暖房）"), QStringLiteral("DHC buildings' heat demand (cooling + heating)")),
             LegendGroup{w.t(QStringLiteral("色の範囲はこの日の最大値まで"), QStringLiteral("colours span the day's largest value")), {}});
  std::vector<briefing::BriefingSentence> text = sec.sentences;
  text.push_back({"地図は最も多い時間帯の建物ごとの熱需要（冷房＋暖房、kWh）です。",
                  "The map shows each building's heat demand (cooling + heating, kWh) in the busiest hour."});
  w.mapAndColumn(y, std::move(c), text);
  return true;
}

bool corridorsPage(PackWriter& w, const briefing::BriefingSection& sec, const std::vector<store::RunStepRecord>& steps,
                   const std::unordered_map<std::string, std::size_t>& segments, core::HourKey hour) {
  const ProjectLayers& p = w.project();
  if (!p.roads || !p.roads->size()) return false;
  std::vector<ops::OpResult> keep;
  const ops::ResultTable* t = stepTable(steps, keep, sec.stepId, "corridors");
  if (!t) return false;
  const ops::ResultTable shown = privacy::suppressTable(*t, nullptr, false);
  auto col = [&](const char* name) {
    const auto it = std::find(shown.columns.begin(), shown.columns.end(), name);
    return it == shown.columns.end() ? std::size_t(-1) : static_cast<std::size_t>(it - shown.columns.begin());
  };
  const std::size_t iRank = col("rank"), iPeak = col("peak_volume"), iMean = col("mean_volume"), iLen = col("length_m"),
                    iLinks = col("links"), iIds = col("segment_ids");
  if (iIds == std::size_t(-1) || iPeak == std::size_t(-1)) return false;
  std::vector<CorridorItem> items;
  for (const auto& row : shown.rows) {
    if (!row[iPeak].is_number()) continue;  // suppressed: fewer than 10 walkers
    CorridorItem item;
    item.rank = row[iRank].is_number() ? row[iRank].get<int>() : static_cast<int>(items.size()) + 1;
    item.peakVolume = row[iPeak].get<double>();
    item.meanVolume = iMean != std::size_t(-1) && row[iMean].is_number() ? row[iMean].get<double>() : 0;
    item.lengthM = iLen != std::size_t(-1) && row[iLen].is_number() ? row[iLen].get<double>() : 0;
    item.links = iLinks != std::size_t(-1) && row[iLinks].is_number() ? row[iLinks].get<int>() : 0;
    const QStringList ids = q(row[iIds].is_string() ? row[iIds].get<std::string>() : std::string()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int pieces = 0;
    for (const QString& id : ids)
      if (const auto at = segments.find(id.toStdString()); at != segments.end()) extend(item.line, pieces, p.roads->lines[at->second]);
    if (item.line.size() >= 2) items.push_back(std::move(item));
  }
  if (items.empty()) return false;
  const QString title = w.t(q(sec.titleJa), q(sec.titleEn));
  const double y = w.page(sec.kind, title, w.t(QStringLiteral("ステップ %1"), QStringLiteral("step %1")).arg(q(sec.stepId)));
  CorridorStyle style;
  style.unit = w.t(QStringLiteral("人"), QStringLiteral("walkers"));
  LayerList layers = stackLayers(p, {"basemap", "road_segments", "rail"});
  layers.push_back(std::make_shared<CorridorLayer>(QStringLiteral("corridors"), QStringLiteral("Corridors"), std::move(items), style));
  MapComposition c = w.composition(plainStationsOver(p, layers), hour, title, {},
                                   w.t(QStringLiteral("ステップ %1 の配分結果"), QStringLiteral("assignment of step %1")).arg(q(sec.stepId)));
  themeFirst(c.legend, w.t(QStringLiteral("移動コース"), QStringLiteral("Corridors")), LegendGroup{});
  dropEmptyGroups(c.legend);
  w.mapAndColumn(y, std::move(c), sec.sentences);
  return true;
}

}  // namespace ekm::render::briefing_pages
