#pragma once
// Pages of the briefing pack drawn from result tables keyed by mesh cell or road segment:
// a map of a step's own result (a forecast's totals per cell, assigned walking flows per
// street, the with/without differences of a scenario) and scenario A vs B — the two runs'
// maps of one column side by side and the map of B − A. Every value passes the small-count
// rule (privacy::suppressTable) before it is drawn.
#include <string>
#include <unordered_map>
#include <vector>

#include "ekm/export/briefing_summary.h"
#include "ekm/store/run_store.h"
#include "render/briefing_writer.h"

namespace ekm::render::briefing_pages {

// Road segment ids and mesh codes of the project -> index in the pack's layer geometry.
struct FeatureIndex {
  std::unordered_map<std::string, std::size_t> cells, segments;
};
FeatureIndex featureIndex(const ProjectLayers& project, const std::unordered_map<std::string, std::int64_t>& segmentFid);

// A map page for the section's step when its result has a table keyed by mesh cell or road
// segment (and no page drew it yet: not a period comparison). Returns whether it drew one.
bool resultMapPage(PackWriter& w, const briefing::BriefingSection& section, const std::vector<store::RunStepRecord>& steps,
                   const FeatureIndex& index, core::HourKey hour);

// Scenario A vs B: for every table keyed by mesh cell or road segment in a step of both runs,
// the column that differs most between them, run A's map beside run B's, then B − A.
// `sentences`: the comparison section's (briefing::summariseRuns). Returns the pages drawn.
int comparePages(PackWriter& w, const std::vector<store::RunStepRecord>& a, const std::vector<store::RunStepRecord>& b,
                 const std::string& nameA, const std::string& nameB, const std::vector<briefing::BriefingSentence>& sentences,
                 const FeatureIndex& index, core::HourKey hour);

}  // namespace ekm::render::briefing_pages
