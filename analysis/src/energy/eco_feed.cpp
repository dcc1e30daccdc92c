// The eco-behaviour feed's figures (ekm/energy/eco_feed.h): tables, the small-count rule,
// recommendations and the JSON form.
#include "ekm/energy/eco_feed.h"

#include <algorithm>
#include <cmath>

#include "ekm/privacy/small_count.h"

namespace ekm::energy {
namespace {

ops::Json rounded(const ops::Json& v, int decimals) {
  if (!v.is_number()) return v;
  const double s = std::pow(10.0, decimals);
  return std::round(v.get<double>() * s) / s;
}

// Applies the one audited rule and rounds the shown figures (after suppression, so a
// value just under 10 is never rounded up to a shown 10).
ops::ResultTable suppressAndRound(const ops::ResultTable& t, const std::vector<int>& decimals, std::int64_t& suppressed) {
  privacy::SuppressionStats stats;
  ops::ResultTable out = privacy::suppressTable(t, nullptr, false, &stats);
  suppressed += stats.suppressed;
  for (auto& row : out.rows)
    for (std::size_t i = 0; i < row.size() && i < decimals.size(); ++i)
      if (decimals[i] >= 0) row[i] = rounded(row[i], decimals[i]);
  return out;
}

// The `n` hours of [from, to) with the smallest value (ties: the earlier hour), ascending.
std::vector<int> lowestHours(const std::array<double, 24>& value, const std::array<bool, 24>& valid, int from, int to,
                             int n) {
  std::vector<int> hours;
  for (int h = std::max(0, from); h < std::min(24, to); ++h)
    if (valid[static_cast<std::size_t>(h)]) hours.push_back(h);
  std::stable_sort(hours.begin(), hours.end(),
                   [&](int a, int b) { return value[static_cast<std::size_t>(a)] < value[static_cast<std::size_t>(b)]; });
  if (static_cast<int>(hours.size()) > n) hours.resize(static_cast<std::size_t>(n));
  return hours;
}

ops::Json rowsAsObjects(const ops::ResultTable& t) {
  ops::Json out = ops::Json::array();
  for (const auto& row : t.rows) {
    ops::Json o = ops::Json::object();
    for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i) o[t.columns[i]] = row[i];
    out.push_back(std::move(o));
  }
  return out;
}

const char* kDayTypes[2] = {"weekday", "holiday"};

}  // namespace

EcoFeed buildEcoFeed(const EcoInputs& in, const EcoFactors& f, const std::string& generatedAt) {
  EcoFeed feed;
  feed.title = in.title;
  feed.from = in.from;
  feed.to = in.to;
  feed.hours = in.hours;
  feed.generatedAt = generatedAt;
  feed.factors = f;
  feed.warnings = in.warnings;

  // CO2 avoided.
  ops::ResultTable co2;
  co2.name = "co2_avoided";
  co2.columns = {"mode", "basis", "people", "person_km", "co2_avoided_kg"};
  co2.keyColumns = 2;
  const auto addMode = [&](const char* mode, const EcoModeTotal& m, double modeG) {
    if (!m.present) return;
    co2.rows.push_back({mode, m.basis, m.people, m.personKm, m.personKm * f.carShare * (f.carGPerPkm - modeG) / 1000.0});
  };
  addMode("walk", in.walk, f.walkGPerPkm);
  addMode("bus", in.bus, f.busGPerPkm);
  feed.co2 = suppressAndRound(co2, {-1, -1, 0, 1, 1}, feed.suppressedValues);
  double total = 0;
  bool any = false;
  for (const auto& row : feed.co2.rows)
    if (row[4].is_number()) {
      total += row[4].get<double>();
      any = true;
    }
  feed.co2TotalKg = any ? ops::Json(std::round(total * 10) / 10) : ops::Json(nullptr);
  if (!in.walk.present) feed.notes.push_back("no pedestrian counts in the period: walking is not counted");
  if (!in.bus.present) feed.notes.push_back("no bus ridership in the period: the bus is not counted");

  // Energy per visitor-hour.
  ops::ResultTable energy;
  energy.name = "energy_per_visitor";
  energy.columns = {"meter", "energy_kwh", "person_hours", "kwh_per_person_hour"};
  for (const EcoEnergyTotal& e : in.energy) {
    const double per = e.personHours > 0 ? e.energyKwh / e.personHours : std::nan("");
    energy.rows.push_back({e.meter, e.energyKwh, e.personHours,
                           std::isfinite(per) ? ops::Json(per) : ops::Json(nullptr)});
  }
  feed.energy = suppressAndRound(energy, {-1, 0, 0, 3}, feed.suppressedValues);

  // Crowding by hour of day.
  ops::ResultTable crowd;
  crowd.name = "crowding";
  crowd.columns = {"day_type", "hour", "people", "crowding_share"};
  std::array<std::array<double, 24>, 2> mean{};
  std::array<std::array<bool, 24>, 2> valid{};
  if (in.crowding.present) {
    for (int d = 0; d < 2; ++d) {
      double peak = 0;
      for (std::size_t h = 0; h < 24; ++h) {
        valid[d][h] = in.crowding.days[d][h] > 0;
        mean[d][h] = valid[d][h] ? in.crowding.sum[d][h] / in.crowding.days[d][h] : 0;
        if (valid[d][h]) peak = std::max(peak, mean[d][h]);
      }
      for (std::size_t h = 0; h < 24; ++h)
        if (valid[d][h])
          crowd.rows.push_back({kDayTypes[d], static_cast<int>(h), mean[d][h],
                                peak > 0 ? ops::Json(mean[d][h] / peak) : ops::Json(nullptr)});
    }
  }
  feed.crowding = suppressAndRound(crowd, {-1, -1, 0, 3}, feed.suppressedValues);
  feed.quietWeekday = lowestHours(mean[0], valid[0], in.openFrom, in.openTo, in.recommend);
  feed.quietHoliday = lowestHours(mean[1], valid[1], in.openFrom, in.openTo, in.recommend);

  // The plant's hours.
  ops::ResultTable plant;
  plant.name = "plant_hours";
  plant.columns = {"hour", "electricity_kwh", "delivered_kwh", "co2_kg", "co2_g_per_kwh"};
  std::array<double, 24> intensity{};
  std::array<bool, 24> heat{};
  if (in.plant.present) {
    feed.plantSource = in.plant.source;
    for (std::size_t h = 0; h < 24; ++h) {
      heat[h] = in.plant.deliveredKwh[h] > 0;
      intensity[h] = heat[h] ? 1000.0 * in.plant.co2Kg[h] / in.plant.deliveredKwh[h] : 0;
      plant.rows.push_back({static_cast<int>(h), in.plant.electricityKwh[h], in.plant.deliveredKwh[h], in.plant.co2Kg[h],
                            heat[h] ? ops::Json(intensity[h]) : ops::Json(nullptr)});
    }
  }
  feed.plant = suppressAndRound(plant, {-1, 1, 1, 1, 1}, feed.suppressedValues);
  feed.cleanHours = lowestHours(intensity, heat, 0, 24, in.recommend);
  if (!in.plant.present)
    feed.notes.push_back("no plant plan: give a stored energy-plan run (plan_run) or a plant file (plant)");
  return feed;
}

ops::Json ecoFeedJson(const EcoFeed& feed) {
  ops::Json j;
  j["schema"] = "ekimachi-eco-feed";
  j["version"] = 1;
  j["generated_at"] = feed.generatedAt;
  j["title"] = feed.title;
  j["period"] = {{"from", feed.from}, {"to", feed.to}, {"hours", feed.hours}};
  j["small_count_rule"] = {{"minimum", privacy::kMinimumCount},
                           {"suppressed_values", feed.suppressedValues},
                           {"note", "figures describing fewer than 10 people are null (suppressed), with the figures "
                                    "derived from them; totals add shown rows only"}};
  j["factors"] = {{"car_g_per_pkm", feed.factors.carGPerPkm},
                  {"bus_g_per_pkm", feed.factors.busGPerPkm},
                  {"walk_g_per_pkm", feed.factors.walkGPerPkm},
                  {"car_share", feed.factors.carShare},
                  {"car_share_source", feed.factors.carShareSource},
                  {"bus_ride_km", feed.factors.busRideKm},
                  {"source", feed.factors.source},
                  {"plant", feed.plantSource}};
  j["co2_avoided"] = rowsAsObjects(feed.co2);
  j["co2_avoided_total_kg"] = feed.co2TotalKg;
  j["energy_per_visitor"] = rowsAsObjects(feed.energy);
  j["crowding"] = rowsAsObjects(feed.crowding);
  j["plant_hours"] = rowsAsObjects(feed.plant);
  j["recommendations"] = {{"quiet_hours", {{"weekday", feed.quietWeekday}, {"holiday", feed.quietHoliday}}},
                          {"clean_hours", feed.cleanHours}};
  j["notes"] = feed.notes;
  j["warnings"] = feed.warnings;
  return j;
}

}  // namespace ekm::energy
