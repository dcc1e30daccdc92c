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

QString defaultExportTitle(core::HourKey hour, LabelLanguage language) {
  const core::JstDateTime t = core::jstFromHourKey(hour);
  const QString when = QStringLiteral("%1 (%2) %3 JST")
                           .arg(QString::fromStdString(core::formatDate(t.date)), weekday(t, language), hhmm(t.hour));
  return bilingual(language, QStringLiteral("滞在人口"), QStringLiteral("Stay population")) + QLatin1Char(' ') + when;
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
