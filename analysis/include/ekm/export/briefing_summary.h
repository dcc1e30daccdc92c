#pragma once
// The plain-language summary of a citizens' briefing pack: templated sentences (Japanese
// with English alongside) whose every number is a BriefingFigure computed from a run's
// stored results (ekm/store/run_store.h) and traceable to them (run, step, table, column,
// how it was aggregated). Figures about people pass through the small-count rule
// (ekm/privacy/small_count.h): under 10 they print as "*". No Qt: the pack's pages
// (widgets/render/briefing_pack.h) only lay these out.
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/time.h"
#include "ekm/store/project.h"
#include "ekm/store/run_store.h"

namespace ekm::briefing {

struct BriefingFigure {
  std::string id;        // "cells.total_b"
  double value = 0;      // as computed from the stored results (NaN: none)
  bool people = false;   // a count of people: the small-count rule applies (a change in percent is
                         // suppressed with either of its counts instead)
  bool suppressed = false;
  std::string text;      // as printed: "12,345", "+4.2%", "*" (privacy::suppressFigure decides)
  std::string source;    // where it comes from: run, step, table, column, aggregation
};

struct BriefingSentence {
  std::string ja, en;
};

struct BriefingSection {
  std::string stepId;
  std::string op;
  // From a run's steps: "cells", "streets", "stations", "flows", "differences", "corridors"
  // (an assignment's corridors table), "forecast", "mobility", "energy", "compare", "other";
  // from the project's data: "transit" (the GTFS feed's service in the district) and
  // "buildings" (the DHC buildings' metered heat).
  std::string kind;
  std::string titleJa, titleEn;
  std::string periodA, periodB;  // compare-periods: the periods (local dates FROM..TO); transit, buildings: the day
  std::vector<BriefingSentence> sentences;
};

struct BriefingSummary {
  store::RunRecord run;
  std::optional<store::RunRecord> compare;
  std::string descriptionJa, descriptionEn;  // from the scenario's description
  // The hour the pack's maps of one hour show: noon of period B's first day of the first
  // period comparison, else (or outside the mesh population's hours) noon of the data's last day.
  core::HourKey mapHour = 0;
  // The busiest hour of the DHC buildings on their day (the "buildings" section), if any.
  std::optional<core::HourKey> energyHour;
  std::vector<BriefingSection> sections;
  std::vector<BriefingFigure> figures;
  const BriefingFigure* figure(const std::string& id) const;
};

// Reads the runs' steps and the project's feature names (streets, stations).
BriefingSummary summariseRuns(store::Project& project, const store::RunRecord& run,
                              const std::optional<store::RunRecord>& compare = std::nullopt);

// "12,345" (thousands separators), rounded to `decimals`.
std::string groupedNumber(double value, int decimals = 0);

}  // namespace ekm::briefing
