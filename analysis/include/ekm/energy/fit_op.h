#pragma once
// Operations energy-fit, energy-forecast and energy-verify (the demand model of
// ekm/energy/demand_model.h on a project's meters and weather, read through
// store/energy_store.h). Occupancy: the stay population of the stored mesh cells that hold
// the building's polygon (its vertices and centroid), summed (flow::loadSeries); for a
// forecast, the flow regression's forecast of that series from the origin.
#include <optional>
#include <string>
#include <vector>

#include "ekm/energy/demand_model.h"
#include "ekm/ops/operation.h"

namespace ekm::energy {

// The fields every energy model operation shares.
struct DemandModelParams {
  std::string building;
  std::string meter = "cooling";
  std::string site;        // weather site ("" = the only one)
  std::string from, to;    // training window, local days inclusive (default: the meter's data)
  std::string occupancy = "cells";
  std::string engine = "ridge";
  std::string calendar = "japan";

  template <class V>
  void fields(V& v) {
    v("building", building, {.help = "building id (energy_buildings)", .required = true});
    v("meter", meter, {.help = "meter kind", .choices = {"cooling", "heating", "electricity", "gas", "steam", "hot_water"}});
    v("site", site, {.help = "weather site (default: the project's only site)"});
    v("from", from, {.help = "first local day of the training window, YYYY-MM-DD (default: the meter's first)", .format = "date"});
    v("to", to, {.help = "last local day of the training window, inclusive (default: the meter's last)", .format = "date"});
    v("occupancy", occupancy, {.help = "occupancy term: the building's mesh cells' population, or none",
                               .choices = {"cells", "none"}});
    v("engine", engine, {.help = "forecasting engine", .choices = {"ridge", "gbt"}});
    v("calendar", calendar, {.help = "day types: japan (Japanese holidays), none or none+H"});
  }
  void validate() const;
};

// A demand model fitted on a project's data, and what was read for it.
struct ProjectDemandModel {
  DemandModel model;
  HourlySeries load;
  WeatherSeries weather;         // over [from - 7 days, to)
  HourlySeries occupancy;        // empty without the occupancy term
  std::string occupancyCells;    // the cells summed, comma-separated
  core::HourKey from = 0, to = 0;
  std::vector<std::string> warnings;
};
// Reads and fits (fitTo: the window's end instead of `to`; lagHorizonDays > 0: with the lag
// stage for forecasts that many days ahead).
ProjectDemandModel fitProjectDemandModel(ops::Session& session, const DemandModelParams& p, core::Feedback& feedback,
                                         std::optional<core::HourKey> fitTo = std::nullopt, int lagHorizonDays = 0);

struct EnergyFitResult {
  std::string building, meter, engine;
  BalancePoints balance;
  G14Metrics training;
  int parameters = 0;
  bool occupancy = false;
  std::string occupancyCells;
  std::string from, to;  // hours fitted (ISO)
  std::vector<double> intervalLevels, intervalHalfWidthsKwh;
  std::vector<std::string> warnings;
};

struct EnergyFitOp {
  static constexpr const char* name = "energy-fit";
  static constexpr const char* summary =
      "fit a building meter's hourly demand model (degree-hours, enthalpy, solar, calendar, occupancy); G14 metrics";
  static constexpr bool writesProject = false;
  using Params = DemandModelParams;
  using Result = EnergyFitResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::energy
