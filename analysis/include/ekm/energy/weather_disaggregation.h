#pragma once
// Daily weather -> hourly weather, by documented, deterministic methods (no random terms):
//
// - Dry-bulb temperature: the day's minimum in the hour from `minHourJst` (05:00, about
//   sunrise in Tokyo) and maximum in the hour from `maxHourJst` (14:00), joined by
//   half-cosine segments (minimum -> maximum of the same day, maximum -> next day's minimum);
//   each hour's value is taken at its middle (t + 30 min), so the hours 05 and 14 carry the
//   minimum and maximum exactly. The day's hourly mean differs
//   from the reported daily mean by the asymmetry of the real curve (Tokyo 2013-2023:
//   mean absolute difference 0.49 degC, bias +0.39 degC). A missing min or max leaves the
//   hours that depend on it missing.
// - Humidity: the dew point is constant over the day, from the daily mean vapour pressure
//   (or, without it, from the mean relative humidity at the mean temperature); hourly
//   relative humidity = e / e_s(T_hour), at most 100 %. Magnus formula (Alduchov &
//   Eskridge 1996): e_s = 6.1094 exp(17.625 T / (T + 243.04)) hPa.
// - Global horizontal irradiance: the daily total is shared among the hours in proportion
//   to the extraterrestrial horizontal irradiance of each hour (the mean of sin(solar
//   elevation) over the hour, Spencer 1971 declination and equation of time), so the hourly
//   values add up to the daily total exactly and are zero at night.
#include <chrono>
#include <vector>

#include "ekm/energy/hourly_series.h"

namespace ekm::energy {

struct DailyWeather {
  std::chrono::year_month_day date;  // JST civil date
  double tMinC = kMissing, tMaxC = kMissing, tMeanC = kMissing;
  double rhMeanPct = kMissing;
  double vapourHpa = kMissing;       // mean vapour pressure
  double solarMjM2 = kMissing;       // global horizontal, day total
};

struct DisaggregationOptions {
  double minHourJst = 5.0;
  double maxHourJst = 14.0;
  double latDeg = 35.6917;   // JMA Tokyo (Kitanomaru), 47662
  double lonDeg = 139.7500;
  std::string site = "tokyo";
};

// Hourly weather over the days given (consecutive or not; days absent are missing hours),
// from the first day's 00:00 JST to the last day's 24:00 JST.
WeatherSeries disaggregateDaily(const std::vector<DailyWeather>& days, const DisaggregationOptions& options = {});

// Psychrometrics (Magnus over water).
double saturationVapourHpa(double tempC);
double dewPointFromVapourC(double vapourHpa);
// Relative humidity (%) of air at tempC with dew point dewC, at most 100.
double relativeHumidityPct(double tempC, double dewC);

// Mean of max(0, sin(solar elevation)) over the hour [t, t+1) (UTC hour key), at lat/lon.
double meanSinElevation(core::HourKey t, double latDeg, double lonDeg);

}  // namespace ekm::energy
