#pragma once
// The bus operator's monthly report: a multi-page PDF (A4 or A3 landscape, vectors, fonts
// embedded) in Japanese (English, or both, on request) built from the project's GTFS feed and
// ridership records with the ridership KPIs (ekm/mobility/ridership.h) — cover with the key
// figures, the KPI table against the target, the monthly trend and the 12-month total with its
// projection, riders per route (chart and table), the hourly load profile, the busiest stops,
// a map of the routes with the stops sized by riders, and notes: definitions, method of the
// projection, the feed's attribution. Every count of people below 10 is printed as "*" and
// not drawn (ekm/privacy/small_count.h).
#include <array>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/mobility/ridership.h"

namespace ekm::render {

struct MobilityReportRequest {
  std::string projectPath;
  std::string outPath;
  std::string month;              // "YYYY-MM": the month reported
  std::string language = "ja";    // "ja", "en" or "both"
  std::string paper = "A4";       // landscape pages
  double dpi = 150;
  mobility::KpiOptions options;   // target, baseline, year start (month and topStops are set here)
  int topStops = 15;              // rows of the busiest-stops table
};

struct MobilityReportPage {
  std::string kind;   // "cover", "kpi", "trend", "routes", "hourly", "stops", "map", "notes"
  std::string title;  // as printed
  std::vector<std::array<double, 4>> chartRects;  // x, y, w, h in page pixels (plot areas)
  std::vector<std::array<double, 4>> mapRects;
  std::vector<std::array<double, 4>> tableRects;
};

struct MobilityReportFigure {
  std::string id, label, text;  // e.g. "month_riders", "当月の利用者数", "301,234"
};

struct MobilityReportResult {
  std::string outPath;
  int widthPx = 0, heightPx = 0;
  double dpi = 0;
  std::vector<MobilityReportPage> pages;
  std::vector<MobilityReportFigure> figures;  // the KPI table as printed
  int suppressed = 0;                         // figures printed as "*" or not drawn
  bool synthetic = false;                     // the project is the sample (synthetic ridership)
};

// Throws core::Error: IoError (project, output), ValidationError (no feed, no ridership, no
// records in the month), Usage (bad month, language or paper); core::CancelledError. Writes
// atomically.
MobilityReportResult writeMobilityReport(const MobilityReportRequest& request, core::Feedback& feedback);

}  // namespace ekm::render
