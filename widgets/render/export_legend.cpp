#include "render/export_legend.h"

#include <QCoreApplication>
#include <cmath>

#include "render/export_texts.h"

namespace ekm::render {

namespace {

struct Term {
  const char* id;  // layer id (a group title) or tr() context (an item label)
  const char* source;
  const char* ja;
  const char* en;
};

// Titles of the default stack's layers, by layer id.
constexpr Term kLayerTitles[] = {
    {"basemap", nullptr, "背景地図", "Basemap"},
    {"mesh_population", nullptr, "滞在人口（人/メッシュ）", "Population (people per cell)"},
    {"population_heatmap", nullptr, "人口ヒートマップ", "Population heatmap"},
    {"ridership_heatmap", nullptr, "乗降人員ヒートマップ", "Ridership heatmap"},
    {"road_segments", nullptr, "道路", "Roads"},
    {"pedestrian_counts", nullptr, "歩行者通行量", "Pedestrian counts"},
    {"vehicle_counts", nullptr, "車両通行量", "Vehicle counts"},
    {"rail", nullptr, "鉄道", "Railways"},
    {"stations", nullptr, "駅", "Stations"},
    {"bus_routes", nullptr, "バス路線", "Bus routes"},
    {"bus_stops", nullptr, "バス停の発車回数（1時間）", "Bus departures in the hour"},
    {"building_energy", nullptr, "地域冷暖房の建物の熱需要（冷房＋暖房）", "DHC buildings' heat demand (cooling + heating)"},
    {"corridors", nullptr, "移動コース", "Corridors"},
    {"stop_reach", nullptr, "最寄りバス停までの徒歩距離", "Walk to the nearest bus stop"},
    {"coverage_gaps", nullptr, "交通空白（この時間にバスを使えない滞在人口）", "Coverage gaps: people without a bus in the hour"},
    {"gap_reasons", nullptr, "交通空白の理由", "Coverage gaps by reason"},
};

// Terms of the layers' legends (tr() context and source text, as the layers write them).
constexpr Term kTerms[] = {
    {"ekm::render::Legend", "No data (suppressed or missing)", "データなし（秘匿・欠測）", "No data"},
    {"ekm::render::RoadSegmentsLayer", "Main road", "幹線道路", "Main road"},
    {"ekm::render::RoadSegmentsLayer", "Street", "街路", "Street"},
    {"ekm::render::RoadSegmentsLayer", "No count", "通行量データなし", "No count"},
    {"ekm::render::StationsLayer", "Station", "駅", "Station"},
    {"ekm::render::StationsLayer", "Boardings + alightings per hour", "1 時間あたりの乗降人員",
     "Boardings + alightings per hour"},
    {"ekm::render::BasemapLayer", "Water", "水域", "Water"},
    {"ekm::render::BasemapLayer", "Park", "公園", "Park"},
    {"ekm::render::BasemapLayer", "Building", "建物", "Building"},
    {"ekm::render::BasemapLayer", "Street", "街路", "Street"},
    {"ekm::render::BasemapLayer", "Railway", "鉄道", "Railway"},
    {"ekm::render::TransitStopsLayer", "no departure", "発車なし", "no departure"},
    {"ekm::render::StopReachLayer", "No bus stop within reach", "徒歩圏にバス停なし", "No bus stop within reach"},
    {"ekm::render::GapReasonsLayer", "No bus stop within reach", "徒歩圏にバス停なし", "No bus stop within reach"},
    {"ekm::render::GapReasonsLayer", "No departure in the hour", "この時間に発車なし", "No departure in the hour"},
    {"ekm::render::EnergyBuildingsLayer", "No reading in the hour", "この時間の計測なし", "No reading in the hour"},
    {"ekm::render::CorridorLayer", "Corridor (number = rank by peak volume)", "移動コース（数字は最大流量の順位）",
     "Corridor (number = rank by peak volume)"},
};

QString inLanguage(const Term& t, LabelLanguage language) {
  return bilingual(language, QString::fromUtf8(t.ja), QString::fromUtf8(t.en));
}

// A term as the layer wrote it (in the UI language) -> the export language.
QString relabel(const QString& text, LabelLanguage language) {
  for (const Term& t : kTerms)
    if (text == QCoreApplication::translate(t.id, t.source)) return inLanguage(t, language);
  return text;
}

// The unit the layer's name states right after its English title ("Walk to the nearest bus
// stop (m) (run ...)" -> " (m)"), kept with the export's title; "" when there is none.
QString unitSuffix(const QString& layerName, const Term& t) {
  const QString open = QString::fromUtf8(t.en) + QStringLiteral(" (");
  if (!layerName.startsWith(open)) return {};
  const qsizetype close = layerName.indexOf(QLatin1Char(')'), open.size());
  const QString unit = close > open.size() ? layerName.mid(open.size(), close - open.size()) : QString();
  return unit.size() <= 4 ? QStringLiteral(" (%1)").arg(unit) : QString();  // a unit, not the run's name
}

// A translucent colour drawn at `opacity` over `background`, as an opaque colour.
QColor composed(QColor c, QColor background, double opacity) {
  const double a = opacity * c.alphaF();
  auto mix = [&](int fg, int bg) { return static_cast<int>(std::lround(a * fg + (1 - a) * bg)); };
  return QColor(mix(c.red(), background.red()), mix(c.green(), background.green()), mix(c.blue(), background.blue()));
}

}  // namespace

std::vector<LegendGroup> exportLegend(const LayerList& layers, LabelLanguage language, QColor background,
                                      const LegendExtras& extra) {
  return collectLegend(layers, extra, [&](const MapLayer& layer, std::vector<LegendGroup>& groups) {
    for (std::size_t g = 0; g < groups.size(); ++g) {
      LegendGroup& group = groups[g];
      group.title = relabel(group.title, language);
      if (g == 0)
        for (const Term& t : kLayerTitles)
          if (layer.id() == QLatin1String(t.id)) group.title = inLanguage(t, language) + unitSuffix(layer.name(), t);
      for (LegendItem& item : group.items) {
        item.label = relabel(item.label, language);
        if (item.kind == LegendItem::Kind::Range || item.kind == LegendItem::Kind::Fill)
          item.colour = composed(item.colour, background, layer.opacity());
      }
    }
  });
}

}  // namespace ekm::render
