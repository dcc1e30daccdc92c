#pragma once
// The eco-behaviour feed (issue 11 part 6): what the district's residents and visitors can
// see on a signage screen or in an app. Built from aggregated project data only:
//   - CO2 avoided by trips made on foot or by bus instead of by car:
//       walk: person-km walked on the counted segments (pedestrian count x segment length),
//       bus:  passenger-km of the project's bus ridership (on-board load x stop-to-stop
//             distance where alightings are recorded, else boardings x an assumed ride);
//       avoided kg = person-km x car share x (car factor - mode factor) / 1000, where the car
//       share is the part of those trips that would otherwise have been made by car (not all
//       of them: most walkers and bus riders would otherwise take another mode);
//   - energy per visitor-hour: building meter energy / person-hours present in the mesh
//     cells the DHC buildings stand on (the people-flow stay population summed over hours);
//   - recommendations: the least crowded hours to visit (mean population by hour of day,
//     weekdays and Saturdays/Sundays/holidays, within opening hours) and the hours when the
//     plant's heat is cleanest (CO2 of the heat delivered per kWh, heat from the tanks carrying
//     the CO2 of its charging hours: ecoPlantHours).
// Every figure describing people goes through ekm/privacy/small_count.h (suppressTable):
// a count below 10 people is suppressed (JSON null, "*" on the page) together with the
// figures derived from it; totals add shown rows only, so no suppressed figure can be
// recovered by subtraction.
//
// JSON schema "ekimachi-eco-feed", version 1 (docs in README.md, "Eco-behaviour feed"):
//   {schema, version, generated_at, title, period{from,to,hours}, small_count_rule{minimum,
//    suppressed_values}, factors{car_g_per_pkm, bus_g_per_pkm, walk_g_per_pkm, car_share, bus_ride_km,
//    electricity_source, source}, co2_avoided[{mode, basis, people, person_km,
//    co2_avoided_kg}], co2_avoided_total_kg, energy_per_visitor[{meter, energy_kwh,
//    person_hours, kwh_per_person_hour}], crowding[{day_type, hour, people, crowding_share}],
//    plant_hours[{hour, electricity_kwh, delivered_kwh, co2_kg, co2_kg_per_kwh}],
//    recommendations{quiet_hours{weekday[], holiday[]}, clean_hours[]}, notes[], warnings[]}
#include <array>
#include <string>
#include <vector>

#include "ekm/ops/result.h"

namespace ekm::energy {

// Emission factors, g-CO2 per person-km. Defaults: MLIT (国土交通省) "運輸部門における二酸化
// 炭素排出量" (https://www.mlit.go.jp/sogoseisaku/environment/sosei_environment_tk_000007.html),
// passenger transport per unit of transport, FY2019 figures: private car 130, bus 57
// (the page's chart; re-check the current year before official use). Walking: 0.
struct EcoFactors {
  double carGPerPkm = 130;
  double busGPerPkm = 57;
  double walkGPerPkm = 0;
  // Share of the walked and bus person-km that would otherwise have gone by car. Default:
  // Tokyo's share of commuters travelling by private car only, 11.6 % (Statistics Bureau,
  // 2000 Population Census, https://www.stat.go.jp/data/kokusei/2000/jutsu1/00/04.html,
  // the lowest of all prefectures). A commuting figure for the whole prefecture: replace it
  // with the area's person-trip survey share (東京都市圏パーソントリップ調査) for real use.
  double carShare = 0.116;
  std::string carShareSource = "2000 Population Census: Tokyo commuters by private car only, 11.6 %";
  double busRideKm = 2.0;  // assumed ride where the ridership has no alightings
  std::string source =
      "MLIT 運輸部門における二酸化炭素排出量, passenger CO2 per person-km (FY2019): car 130 g, bus 57 g";
};

// What was read from the project, before any rounding or suppression.
struct EcoModeTotal {
  bool present = false;
  std::string basis;    // how the person-km were obtained
  double people = 0;    // counted pedestrians / bus boardings
  double personKm = 0;
};

struct EcoEnergyTotal {
  std::string meter;        // meter kind name
  double energyKwh = 0;     // over the hours used
  double personHours = 0;   // population of the buildings' cells over the same hours
  std::int64_t hours = 0;
};

// Hour-of-day aggregates. Index 0 = weekdays, 1 = Saturdays, Sundays and holidays.
struct EcoCrowding {
  bool present = false;
  std::array<std::array<double, 24>, 2> sum{};
  std::array<std::array<int, 24>, 2> days{};
};

struct EcoPlantHours {
  bool present = false;
  std::string source;  // "run 3 (energy-plan)" or "energy-plan on the project's meters, ..."
  // By hour of day: the plan's electricity, the heat delivered and the CO2 of that heat.
  std::array<double, 24> electricityKwh{}, deliveredKwh{}, co2Kg{};
};

// The plant's hours from an energy-plan result (its "hours" and "storage" tables), summed by
// hour of day. Heat drawn from the tanks carries the CO2 of the hours that charged them: the
// tanks are one pool whose content has the charge-weighted CO2 intensity of the heat made in
// its charging hours (the content at the start at the period's mean intensity); what the pool
// loses (efficiency, standing loss) is charged to the heat it delivers. The hours when the
// tanks discharge do not look as if they made heat for free, and the period's CO2 adds up.
EcoPlantHours ecoPlantHours(const ops::OpResult& plan, const std::string& source);

struct EcoInputs {
  std::string title;
  std::string from, to;  // ISO hours (JST) of the period
  std::int64_t hours = 0;
  EcoModeTotal walk, bus;
  std::vector<EcoEnergyTotal> energy;
  EcoCrowding crowding;
  EcoPlantHours plant;
  int openFrom = 10, openTo = 20;  // hours considered for visit recommendations [from, to)
  int recommend = 3;
  std::vector<std::string> warnings;
};

// The feed: tables with the small-count rule applied (JSON null = suppressed).
struct EcoFeed {
  std::string title, from, to, generatedAt;
  std::int64_t hours = 0;
  EcoFactors factors;
  std::string plantSource;
  ops::ResultTable co2, energy, crowding, plant;  // names: co2_avoided, energy_per_visitor, crowding, plant_hours
  ops::Json co2TotalKg;  // number or null
  std::vector<int> quietWeekday, quietHoliday, cleanHours;
  std::int64_t suppressedValues = 0;
  std::vector<std::string> notes, warnings;
};

// The feed from the inputs (pure: the numbers the tests check by hand).
EcoFeed buildEcoFeed(const EcoInputs& inputs, const EcoFactors& factors, const std::string& generatedAt);

// The feed as JSON (schema above) and as a self-contained bilingual HTML page (inline CSS,
// no external resources). Every figure of a table is written in an element carrying
// data-table and data-col attributes so a reader (or a test) can find it.
ops::Json ecoFeedJson(const EcoFeed& feed);
std::string ecoFeedHtml(const EcoFeed& feed);

}  // namespace ekm::energy
