#pragma once
// The citizens' briefing pack: a multi-page PDF (A4 or A3 landscape, vectors, fonts embedded)
// for a scenario run kept in the project, optionally compared with a second run — cover, the
// area, people flow on a day of the run's period, before/after maps side by side with the
// difference map, one page per result (streets, stations, walking flows and their corridors;
// forecast, mobility and energy pages when the run has such steps; the bus routes and stops
// when the project has a GTFS feed, the DHC buildings' heat when it has their meters:
// briefing_data_pages.h), the plain-language summary in Japanese
// with English alongside, and where every number comes from. Every figure passes the
// small-count rule (ekm/privacy/small_count.h); every map draws through it
// (small_count_layers.h). The numbers are ekm::briefing::summariseRuns's.
#include <array>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/export/briefing_summary.h"

namespace ekm::render {

struct BriefingPackRequest {
  std::string projectPath;
  std::string scenario;  // run id or name
  std::string compare;   // second run (id or name), optional
  std::string outPath;
  std::string language = "both";  // "ja", "en" or "both" (Japanese with English alongside)
  std::string paper = "A4";       // landscape pages
  double dpi = 150;
};

struct BriefingPage {
  // "cover", "area", "people", "before-after", "difference", a section's kind ("streets",
  // "transit", "buildings", "corridors", ...), "compare", "compare-difference", "summary", "sources"
  std::string kind;
  std::string title;  // as printed
  std::vector<std::array<double, 4>> mapRects;  // x, y, w, h in page pixels of the maps on the page
};

struct BriefingPackResult {
  std::string outPath;
  int widthPx = 0, heightPx = 0;
  double dpi = 0;
  std::vector<BriefingPage> pages;
  briefing::BriefingSummary summary;
};

// Throws core::Error: IoError (project, output), ValidationError (no such run), Usage (bad
// language or paper); core::CancelledError. Writes atomically.
BriefingPackResult writeBriefingPack(const BriefingPackRequest& request, core::Feedback& feedback);

}  // namespace ekm::render
