#pragma once
// Internal to the briefing summary (analysis/src/export): the figure builder every section
// uses, so that each printed number is recorded with its source and passes the small-count
// rule in one place (privacy::suppressFigure), and the sections made from the project's own
// data rather than a run's steps (the GTFS feed, the DHC buildings) and from an assignment's
// corridors.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ekm/export/briefing_summary.h"
#include "ekm/ops/result.h"
#include "ekm/privacy/small_count.h"

namespace ekm::briefing::detail {

class Builder {
 public:
  Builder(BriefingSummary& s, std::string runLabel) : m_s(s), m_run(std::move(runLabel)) {}

  // A figure of the given role: only People figures are suppressed (privacy::suppressFigure);
  // returns its printed text. `source` is appended to the run's label unless `ownSource`.
  std::string add(const std::string& id, double value, privacy::ColumnRole role, const std::string& source, int decimals = 0,
                  bool ownSource = false);
  // A change in percent of two people figures: suppressed with either of them.
  std::string addPercent(const std::string& id, double a, double b, const std::string& source);

 private:
  BriefingSummary& m_s;
  std::string m_run;
};

// "ja" / "en" with {key} replaced.
std::string fillTemplate(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

// The bus service of the project's GTFS feed on the map hour's day type, in the district
// (section kind "transit"); nullopt without a feed.
std::optional<BriefingSection> transitSection(store::Project& project, core::HourKey hour, Builder& b);
// The DHC buildings' metered cooling + heating on the day of the map hour, else on the last
// day with readings (kind "buildings"); sets summary.energyHour; nullopt without buildings.
std::optional<BriefingSection> buildingsSection(store::Project& project, core::HourKey hour, BriefingSummary& summary, Builder& b);
// The corridors table of an assign step (kind "corridors"); nullopt without one.
std::optional<BriefingSection> corridorsSection(const store::RunStepRecord& step, const ops::OpResult& result, Builder& b);

}  // namespace ekm::briefing::detail
