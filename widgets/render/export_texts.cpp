#include "render/export_texts.h"

#include <filesystem>

#include "ekm/core/error.h"
#include "ekm/store/project.h"

namespace ekm::render {

namespace {

QString weekday(const core::JstDateTime& t, LabelLanguage language) {
  static const char* const kJa[] = {"日", "月", "火", "水", "木", "金", "土"};
  static const char* const kEn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const int dow = core::dayOfWeek(t.date);
  return language == LabelLanguage::English ? QLatin1String(kEn[dow]) : QString::fromUtf8(kJa[dow]);
}

QString hhmm(int hour) { return QStringLiteral("%1:00").arg(hour, 2, 10, QLatin1Char('0')); }

}  // namespace

QString bilingual(LabelLanguage language, const QString& ja, const QString& en) {
  switch (language) {
    case LabelLanguage::Japanese: return ja;
    case LabelLanguage::English: return en;
    case LabelLanguage::Both: break;
  }
  return ja + QLatin1Char(' ') + en;
}

QString defaultExportTitle(const std::vector<std::string>& layerIds, core::HourKey hour, LabelLanguage language) {
  struct Theme {
    const char* id;
    const char* ja;
    const char* en;
    bool hourly;     // its values change with the map's hour
    bool reference;  // drawn under or around a theme (named only when alone)
  };
  static constexpr Theme kThemes[] = {
      {"mesh_population", "滞在人口", "Stay population", true, false},
      {"population_heatmap", "人口ヒートマップ", "Population heatmap", true, false},
      {"ridership_heatmap", "乗降人員ヒートマップ", "Ridership heatmap", true, false},
      {"pedestrian_counts", "歩行者通行量", "Pedestrian counts", true, false},
      {"vehicle_counts", "車両通行量", "Vehicle counts", true, false},
      {"flows", "歩行者の流れ", "Walking flows", false, false},
      {"scenario_differences", "変更前後の歩行者数の差", "Walkers with and without the change", false, false},
      {"desire_lines", "希望線（OD）", "Desire lines (OD)", false, false},
      {"bus_routes", "バス路線", "Bus routes", false, false},
      {"bus_stops", "バス停の発車回数", "Bus departures", true, false},
      {"building_energy", "建物の熱需要", "Building heat demand", true, false},
      {"stop_reach", "バス停までの徒歩距離", "Walk to the nearest bus stop", false, false},
      {"coverage_gaps", "交通空白", "Coverage gaps", true, false},
      {"gap_reasons", "交通空白の理由", "Coverage gaps by reason", true, false},
      {"basemap", "対象地区", "The district", false, true},
      {"road_segments", "道路", "Roads", false, true},
      {"rail", "鉄道", "Railways", false, true},
      {"stations", "駅", "Stations", false, true},
  };
  const std::vector<std::string> ids = layerIds.empty() ? std::vector<std::string>{"mesh_population"} : layerIds;
  std::vector<const Theme*> themes, references;
  for (auto id = ids.rbegin(); id != ids.rend(); ++id)  // topmost first
    for (const Theme& t : kThemes)
      if (*id == t.id) (t.reference ? references : themes).push_back(&t);
  if (themes.empty() && !references.empty()) themes = {references.back()};  // the bottom one: "the district" over "roads"
  if (themes.size() > 2) themes.resize(2);
  QString ja, en;
  bool hourly = false;
  for (const Theme* t : themes) {
    ja += (ja.isEmpty() ? QString() : QStringLiteral("・")) + QString::fromUtf8(t->ja);
    en += (en.isEmpty() ? QString() : QStringLiteral(" & ")) + (en.isEmpty() ? QString::fromUtf8(t->en) : QString::fromUtf8(t->en).toLower());
    hourly |= t->hourly;
  }
  if (themes.empty()) {
    ja = QStringLiteral("地図");
    en = QStringLiteral("Map");
  }
  const QString title = bilingual(language, ja, en);
  if (!hourly) return title;
  const core::JstDateTime t = core::jstFromHourKey(hour);
  return title + QLatin1Char(' ') +
         QStringLiteral("%1 (%2) %3 JST").arg(QString::fromStdString(core::formatDate(t.date)), weekday(t, language), hhmm(t.hour));
}

QString periodShown(core::HourKey hour, LabelLanguage language) {
  const core::JstDateTime t = core::jstFromHourKey(hour);
  return QStringLiteral("%1 (%2) %3–%4 JST")
      .arg(QString::fromStdString(core::formatDate(t.date)), weekday(t, language), hhmm(t.hour), hhmm(t.hour + 1));
}

QString suppressionNote(LabelLanguage language) {
  return bilingual(language, QStringLiteral("10未満の値は秘匿"), QStringLiteral("Counts under 10 are suppressed"));
}

QString projectAttribution(const std::string& projectPath, LabelLanguage language) {
  try {
    const store::Project project = store::Project::open(projectPath, store::OpenMode::ReadOnly);
    if (const auto a = project.meta("attribution"); a && !a->empty()) return QString::fromStdString(*a);
    // The sample's sources are proper names: one language is enough (English unless ja).
    if (project.meta("sample"))
      return language == LabelLanguage::Japanese
                 ? QStringLiteral("合成人流（Ekimachi サンプル）・実在の地理: e-Stat 国勢調査メッシュ、"
                                  "PLATEAU（国土交通省）、Mini Tokyo 3D / ODPT")
                 : QStringLiteral("Synthetic people flow (Ekimachi sample) on real geography: e-Stat census "
                                      "mesh, PLATEAU (MLIT), Mini Tokyo 3D / ODPT");
  } catch (const core::Error&) {
    // Unreadable metadata: the file name will do.
  }
  const QString file = QString::fromStdString(std::filesystem::path(projectPath).filename().string());
  return bilingual(language, QStringLiteral("データ: %1 — 地図: Ekimachi").arg(file),
                   QStringLiteral("Data: %1 — map: Ekimachi").arg(file));
}

}  // namespace ekm::render
