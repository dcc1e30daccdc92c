#pragma once
// Operation energy-feed (CLI: `ekimachi-cli energy feed --project P [--from D --to D]
// --out feed.json [--html signage.html]`): the eco-behaviour feed of ekm/energy/eco_feed.h
// from the project's people flow (mesh population of the DHC buildings' cells), pedestrian
// counts on road segments, bus ridership (with the GTFS feed's stop order and positions),
// building meters and the plant's plan (a stored energy-plan run, or energy-plan run here on
// the project's metered demand with a plant file).
#include <cstdint>
#include <string>

#include "ekm/energy/eco_feed.h"
#include "ekm/ops/operation.h"

namespace ekm::energy {

struct EnergyFeedParams {
  std::string from, to;
  std::string out;
  std::string html;
  std::string title = "駅まち Ekimachi";
  double car_g_per_pkm = 130;
  double bus_g_per_pkm = 57;
  double car_share = 0.116;
  double bus_ride_km = 2.0;
  std::int64_t open_from = 10, open_to = 20;
  std::int64_t recommend = 3;
  std::string plan_run;
  std::string plant;
  std::int64_t plan_days = 1;

  template <class V>
  void fields(V& v) {
    v("from", from, {.help = "first local day of the period, YYYY-MM-DD (default: the people flow's first)", .format = "date"});
    v("to", to, {.help = "last local day of the period, inclusive (default: the people flow's last)", .format = "date"});
    v("out", out, {.help = "the feed as JSON (schema ekimachi-eco-feed, version 1)", .required = true,
                   .role = ops::Role::OutputFile});
    v("html", html, {.help = "also a self-contained signage page (Japanese and English)", .role = ops::Role::OutputFile});
    v("title", title, {.help = "title on the page"});
    v("car_g_per_pkm", car_g_per_pkm, {.help = "car CO2 per person-km, g (MLIT FY2019: 130)", .min = 0, .max = 1000});
    v("bus_g_per_pkm", bus_g_per_pkm, {.help = "bus CO2 per person-km, g (MLIT FY2019: 57)", .min = 0, .max = 1000});
    v("car_share", car_share, {.help = "share of the walked and bus person-km that would otherwise go by car (default: "
                                     "Tokyo commuters by car only, 2000 Census, 0.116)", .min = 0, .max = 1});
    v("bus_ride_km", bus_ride_km, {.help = "assumed bus ride where the ridership has no alightings, km", .min = 0.1, .max = 100});
    v("open_from", open_from, {.help = "first hour considered for visit recommendations", .min = 0, .max = 23});
    v("open_to", open_to, {.help = "hour after the last one considered for visit recommendations", .min = 1, .max = 24});
    v("recommend", recommend, {.help = "hours recommended per list", .min = 1, .max = 12});
    v("plan_run", plan_run, {.help = "stored run (id or name) with an energy-plan step: the plant's hours"});
    v("plant", plant, {.help = "or: a plant file; energy-plan is run on the project's meters (the period's last days)",
                       .role = ops::Role::InputFile});
    v("plan_days", plan_days, {.help = "days planned with --plant", .min = 1, .max = 7});
  }
  void validate() const;
};

struct EnergyFeedResult {
  EcoFeed feed;
  std::string out, html;
};

struct EnergyFeedOp {
  static constexpr const char* name = "energy-feed";
  static constexpr const char* summary =
      "eco-behaviour feed: CO2 avoided by walking and bus, energy per visitor, quiet and clean hours (JSON + signage HTML)";
  static constexpr bool writesProject = false;
  using Params = EnergyFeedParams;
  using Result = EnergyFeedResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::energy
