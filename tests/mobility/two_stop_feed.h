#pragma once
// A GTFS feed for catchment tests: one weekday trip of route R (service WK, Monday to Friday
// in 2026) leaving stop `first` at 08:10 and ending at stop `last` at 08:15 — so `first` has
// one departure, in hour 8, and `last` (only alighted at) none.
#include <string>

#include "ekm/store/transit_store.h"

namespace ekm_test {

inline ekm::store::GtfsFeed twoStopFeed(const std::string& first, ekm::store::LonLat firstAt, const std::string& last,
                                        ekm::store::LonLat lastAt) {
  ekm::store::GtfsFeed feed;
  feed.stops = {{0, first, "", first, "", "", "", "", "", 0, "", "", std::nullopt, firstAt},
                {0, last, "", last, "", "", "", "", "", 0, "", "", std::nullopt, lastAt}};
  feed.routes.emplace_back().routeId = "R";
  auto& t = feed.trips.emplace_back();
  t.tripId = "T";
  t.routeId = "R";
  t.serviceId = "WK";
  feed.stopTimes = {{0, 0, 1, 8 * 3600 + 600, 8 * 3600 + 600, true, "", std::nullopt, std::nullopt, std::nullopt},
                    {0, 1, 2, 8 * 3600 + 900, 8 * 3600 + 900, true, "", std::nullopt, std::nullopt, std::nullopt}};
  auto& c = feed.calendar.emplace_back();
  c.serviceId = "WK";
  for (int d = 0; d < 5; ++d) c.days[d] = true;
  c.startDate = "2026-01-01";
  c.endDate = "2026-12-31";
  return feed;
}

}  // namespace ekm_test
