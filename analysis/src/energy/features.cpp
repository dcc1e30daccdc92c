#include "ekm/energy/features.h"

#include <cmath>
#include <limits>

namespace ekm::energy {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPressurePa = 101325.0;

double saturationPressurePa(double tC) { return 610.94 * std::exp(17.625 * tC / (tC + 243.04)); }  // Magnus (Alduchov-Eskridge)
double ratioFromVapourPressure(double pv) { return 0.621945 * pv / (kPressurePa - pv); }
float f(double v) { return static_cast<float>(v); }

}  // namespace

double humidityRatioFromDewPoint(double dewPointC) {
  return std::isnan(dewPointC) ? kNaN : ratioFromVapourPressure(saturationPressurePa(dewPointC));
}
double humidityRatioFromRelHumidity(double tempC, double rh) {
  return std::isnan(tempC) || std::isnan(rh) ? kNaN : ratioFromVapourPressure(rh / 100.0 * saturationPressurePa(tempC));
}
double moistAirEnthalpy(double tempC, double w) { return 1.006 * tempC + w * (2501.0 + 1.86 * tempC); }

DemandDrivers demandDrivers(const WeatherSeries& weather, const HourlySeries* occupancy, core::HourKey from,
                            core::HourKey to) {
  DemandDrivers d;
  d.from = from;
  const auto n = static_cast<std::size_t>(std::max<core::HourKey>(0, to - from));
  d.tempC.resize(n);
  d.temp24C.resize(n);
  d.temp168C.resize(n);
  d.enthalpy.resize(n);
  d.solar.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const core::HourKey t = from + static_cast<core::HourKey>(i);
    const double temp = weather.dryBulbC.at(t);
    d.tempC[i] = temp;
    // Means of the last 24 and the last 168 hours (the first 24 of them shared).
    double sum = 0;
    int cnt = 0;
    for (int k = 0; k < 168; ++k) {
      if (k == 24) d.temp24C[i] = cnt >= 12 ? sum / cnt : kNaN;
      const double v = weather.dryBulbC.at(t - k);
      if (!std::isnan(v)) {
        sum += v;
        ++cnt;
      }
    }
    d.temp168C[i] = cnt >= 24 ? sum / cnt : kNaN;
    double w = humidityRatioFromDewPoint(weather.dewPointC.at(t));
    if (std::isnan(w)) w = humidityRatioFromRelHumidity(temp, weather.relHumidityPct.at(t));
    d.enthalpy[i] = std::isnan(w) || std::isnan(temp) ? kNaN : moistAirEnthalpy(temp, w);
    d.solar[i] = weather.solarWm2.at(t);
  }
  if (occupancy && occupancy->size()) {
    d.occupancy.resize(n);
    for (std::size_t i = 0; i < n; ++i) d.occupancy[i] = occupancy->at(from + static_cast<core::HourKey>(i));
  }
  return d;
}

DemandFeatures::DemandFeatures(const flow::LocalCalendar& calendar, FeatureSwitches sw, BalancePoints bp,
                               bool withOccupancy, double occupancyMean)
    : m_cal(calendar), m_sw(sw), m_bp(bp), m_occ(withOccupancy && sw.occupancy), m_occMean(occupancyMean) {
  static const char* kTypes[] = {"weekday", "saturday", "sunday_holiday"};
  if (m_sw.calendarHourOfWeek) {
    for (const char* type : kTypes)
      for (int h = 0; h < 24; ++h) m_names.push_back(std::string(type) + "_h" + std::to_string(h));
  } else {
    for (int h = 0; h < 24; ++h) m_names.push_back("h" + std::to_string(h));
  }
  m_calendarColumns = static_cast<int>(m_names.size());
  if (m_sw.heating) {
    m_names.insert(m_names.end(), {"hdh", "hdh_occupied", "hdd24"});
    // Without day types (the hour-of-day-only model) one profile for all days.
    if (m_sw.heatingProfile)
      for (const char* type : m_sw.calendarHourOfWeek ? std::vector<const char*>{"workday_", "otherday_"}
                                                      : std::vector<const char*>{""})
        for (int h = 0; h < 24; ++h) m_names.push_back(std::string("hdd24_") + type + "h" + std::to_string(h));
    if (m_bp.seasonal()) m_names.insert(m_names.end(), {"heating_on", "heating_on_occupied"});
  }
  if (m_sw.cooling) m_names.insert(m_names.end(), {"cdh", "cdh_occupied", "cdd24"});
  if (m_sw.enthalpy) m_names.insert(m_names.end(), {"enthalpy_excess", "enthalpy_excess_occupied"});
  if (m_sw.solar) m_names.insert(m_names.end(), {"solar", "solar_occupied"});
  if (m_occ) m_names.insert(m_names.end(), {"occupancy", "occupancy_cdh", "occupancy_hdh"});
}

int DemandFeatures::group(core::HourKey t) const {
  const int h = m_cal.localHour(t);
  if (!m_sw.calendarHourOfWeek) return h;
  return static_cast<int>(m_cal.dayType(m_cal.localDay(t))) * 24 + h;
}

bool DemandFeatures::occupied(core::HourKey t) const {
  const int h = m_cal.localHour(t);
  return m_cal.dayType(m_cal.localDay(t)) == core::DayType::Weekday && h >= 7 && h < 20;
}

void DemandFeatures::row(const DemandDrivers& d, std::size_t i, std::vector<float>& out) const {
  const core::HourKey t = d.from + static_cast<core::HourKey>(i);
  out.assign(m_names.size(), 0.f);
  out[static_cast<std::size_t>(group(t))] = 1.f;
  std::size_t c = static_cast<std::size_t>(m_calendarColumns);
  const double occ = occupied(t) ? 1.0 : 0.0;
  const double temp = d.tempC[i], t24 = d.temp24C[i];
  const double hdh = std::isnan(temp) ? kNaN : std::max(0.0, m_bp.heatingC - temp);
  const double cdh = std::isnan(temp) ? kNaN : std::max(0.0, temp - m_bp.coolingC);
  if (m_sw.heating) {
    // The heating season's state: 1 enabled, 0 off for the summer (NaN: unknown).
    const double on = !m_bp.seasonal() ? 1.0 : std::isnan(d.temp168C[i]) ? kNaN : d.temp168C[i] < m_bp.heatingSeasonC;
    const double hdd24 = std::isnan(t24) ? kNaN : std::max(0.0, m_bp.heatingC - t24);
    out[c++] = f(on * hdh);
    out[c++] = f(on * hdh * occ);
    out[c++] = f(on * hdd24);
    if (m_sw.heatingProfile) {
      const bool other = m_sw.calendarHourOfWeek && m_cal.dayType(m_cal.localDay(t)) != core::DayType::Weekday;
      const std::size_t first = c + (other ? 24 : 0);
      c += m_sw.calendarHourOfWeek ? 48 : 24;
      out[first + static_cast<std::size_t>(m_cal.localHour(t))] = f(on * hdd24);
    }
    if (m_bp.seasonal()) {
      out[c++] = f(on);
      out[c++] = f(on * occ);
    }
  }
  if (m_sw.cooling) {
    out[c++] = f(cdh);
    out[c++] = f(cdh * occ);
    out[c++] = f(std::isnan(t24) ? kNaN : std::max(0.0, t24 - m_bp.coolingC));
  }
  if (m_sw.enthalpy) {
    const double e = std::isnan(d.enthalpy[i]) ? kNaN : std::max(0.0, d.enthalpy[i] - kIndoorEnthalpyRef);
    out[c++] = f(e);
    out[c++] = f(e * occ);
  }
  if (m_sw.solar) {
    const double s = d.solar.empty() ? kNaN : d.solar[i] / 100.0;
    out[c++] = f(s);
    out[c++] = f(s * occ);
  }
  if (m_occ) {
    const double o = d.occupancy.empty() || !(m_occMean > 0) ? kNaN : d.occupancy[i] / m_occMean;
    out[c++] = f(o);
    out[c++] = f(o * cdh);
    out[c++] = f(o * hdh);
  }
}

}  // namespace ekm::energy
