#pragma once
// Hourly features of a building's demand (ekm/energy/demand_model.h), from weather, the
// local calendar and occupancy:
//   calendar   one indicator per local hour x day type (weekday, Saturday, Sunday/holiday:
//              Japanese holidays through the LocalCalendar) = 72 columns;
//              `occupied` = weekday 07-20 h (the schedule the HVAC follows)
//   heating    HDH = max(0, Tbh - T), HDH * occupied, HDD24 = max(0, Tbh - T24) with T24 the
//              mean of the last 24 hours' temperature (thermal mass); the heating profile
//              HDD24 x hour of day, on working days and on the other days (48 columns; 24
//              in the hour-of-day-only model): the heating a building's schedule spreads over
//              the day, so the model is the daily-then-hourly one
//              y = a(hour, day type) + b(hour, working day) * HDD24;
//              and the heating season: every heating column times S, where S = 1 while the
//              mean temperature of the last 7 days (T168) is below Ts (the boilers are
//              enabled) and 0 above it (the heating switched off for the summer), plus S and
//              S * occupied (the standing load of an enabled plant). Ts is searched with the
//              balance points (ekm/energy/demand_model.h); Ts = infinity: always enabled
//   cooling    CDH = max(0, T - Tbc), CDH * occupied, CDD24 = max(0, T24 - Tbc)
//   enthalpy   max(0, h - h_ref) of the outdoor air, h = 1.006 T + W (2501 + 1.86 T) kJ/kg with
//              the humidity ratio W from the dew point (or relative humidity) at 101.325 kPa and
//              h_ref = 48 kJ/kg (indoor air at 24 C, 50% RH): the latent + sensible load of
//              outdoor air above the indoor state; and the same * occupied
//   solar      global horizontal irradiance / 100 (W/m2), and * occupied
//   occupancy  O = occupancy / its training mean (people in the building's mesh cells), O * CDH,
//              O * HDH (internal gains and ventilation scale with people)
// Missing weather or occupancy makes the row's feature NaN (the ridge engine reads it as the
// column mean, so it is the training mean's effect); rows with missing load are left out.
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ekm/energy/hourly_series.h"
#include "ekm/flow/model_engine.h"
#include "ekm/flow/series.h"

namespace ekm::energy {

struct BalancePoints {
  double heatingC = 15;
  double coolingC = 20;
  // Heating enabled while T168 < heatingSeasonC; infinity: always.
  double heatingSeasonC = std::numeric_limits<double>::infinity();
  bool seasonal() const { return std::isfinite(heatingSeasonC); }
};

struct FeatureSwitches {
  bool calendarHourOfWeek = true;  // false: hour-of-day only (no day types) — the "no occupancy proxy" model
  bool heating = true, cooling = true;
  bool heatingProfile = true;       // HDD24 x hour of day (working day / other day)
  bool heatingSeason = true;        // search the heating season's switch temperature Ts
  bool enthalpy = true;
  bool solar = true;
  bool occupancy = true;            // used only when an occupancy series is given
};

// Psychrometrics (101.325 kPa).
double humidityRatioFromDewPoint(double dewPointC);                 // kg/kg
double humidityRatioFromRelHumidity(double tempC, double relHumidityPct);  // kg/kg
double moistAirEnthalpy(double tempC, double humidityRatio);        // kJ/kg dry air
inline constexpr double kIndoorEnthalpyRef = 48.0;                  // kJ/kg, 24 C / 50% RH

// Weather and occupancy aligned to hours [from, to) (NaN = missing).
struct DemandDrivers {
  core::HourKey from = 0;
  std::vector<double> tempC, temp24C, temp168C, enthalpy, solar, occupancy;  // occupancy empty = none
  std::size_t size() const { return tempC.size(); }
};
// occupancyMean: the training mean to normalise by (0: the mean over these hours).
DemandDrivers demandDrivers(const WeatherSeries& weather, const HourlySeries* occupancy, core::HourKey from,
                            core::HourKey to);

class DemandFeatures {
 public:
  DemandFeatures(const flow::LocalCalendar& calendar, FeatureSwitches switches, BalancePoints balance,
                 bool withOccupancy, double occupancyMean);
  int columns() const { return static_cast<int>(m_names.size()); }
  const std::vector<std::string>& names() const { return m_names; }
  // Appends the row of hour index i of `d` (hour d.from + i).
  void row(const DemandDrivers& d, std::size_t i, std::vector<float>& out) const;
  // Calendar group of an hour (0..71, or 0..23 without day types) and the occupied flag.
  int group(core::HourKey t) const;
  bool occupied(core::HourKey t) const;
  int weatherColumns() const { return columns() - m_calendarColumns; }  // columns after the calendar block
  int calendarColumns() const { return m_calendarColumns; }

 private:
  const flow::LocalCalendar& m_cal;
  FeatureSwitches m_sw;
  BalancePoints m_bp;
  bool m_occ;
  double m_occMean;
  int m_calendarColumns = 0;
  std::vector<std::string> m_names;
};

}  // namespace ekm::energy
