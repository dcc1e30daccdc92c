#pragma once
// Pages of the briefing pack for the project's own data and an assignment's corridors
// (sections "transit", "buildings" and "corridors" of briefing::summariseRuns): the bus
// routes and stops of the GTFS feed with the departures in the map's hour, the DHC buildings'
// heat demand in their busiest hour, and the ranked walking corridors along the streets.
// Each returns false (and draws nothing) when the project lacks what the page shows.
#include <string>
#include <unordered_map>
#include <vector>

#include "ekm/export/briefing_summary.h"
#include "ekm/store/run_store.h"
#include "render/briefing_writer.h"

namespace ekm::render::briefing_pages {

bool transitPage(PackWriter& w, const briefing::BriefingSection& section, core::HourKey hour);
bool buildingsPage(PackWriter& w, const briefing::BriefingSection& section, core::HourKey hour);
// `segments`: road segment id -> index in the pack's road geometry.
bool corridorsPage(PackWriter& w, const briefing::BriefingSection& section, const std::vector<store::RunStepRecord>& steps,
                   const std::unordered_map<std::string, std::size_t>& segments, core::HourKey hour);

}  // namespace ekm::render::briefing_pages
