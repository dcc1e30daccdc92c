#pragma once
// The fixed texts of a map export in the export's own language (Japanese, English or both,
// "日本語 English"), independent of the UI language, so the GUI and the CLI write the same
// words for the same request. User-facing GUI strings stay in tr(); these are the map's.
#include <QString>
#include <string>
#include <vector>

#include "ekm/core/time.h"
#include "render/map_settings.h"

namespace ekm::render {

// Japanese, English, or "Japanese English".
QString bilingual(LabelLanguage language, const QString& ja, const QString& en);

// The default title of a map of these layers (ids of the stack, bottom first; empty: the
// default stack, population): its themes, topmost first (at most two, reference layers such
// as the basemap, roads, railways only when nothing else is shown), then the hour when a
// layer changes with it — "滞在人口 Stay population 2025-03-27 (木) 12:00 JST",
// "バス停の発車回数・バス路線 Bus departures & bus routes 2025-03-27 (木) 12:00 JST",
// "歩行者の流れ Walking flows" (the language picks the parts).
QString defaultExportTitle(const std::vector<std::string>& layerIds, core::HourKey hour, LabelLanguage language);
// The hour shown: "2025-03-27 (木) 12:00–13:00 JST".
QString periodShown(core::HourKey hour, LabelLanguage language);
// "10未満の値は秘匿" / "Counts under 10 are suppressed".
QString suppressionNote(LabelLanguage language);
// The project's attribution (ekm_meta 'attribution'), else the sample's sources line, else a
// line naming the file. Never throws: an unreadable project gives the file-name line.
QString projectAttribution(const std::string& projectPath, LabelLanguage language);

}  // namespace ekm::render
