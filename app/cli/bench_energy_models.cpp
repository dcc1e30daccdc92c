// ekimachi-cli bench energy-models: the hourly demand model (ekm/energy/demand_model.h) on
// held-out periods of real meters — the ASHRAE G14 table per building and meter — and the
// fit + week-ahead forecast time for four buildings.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench_energy_models.h"
#include "bench_energy_limits.h"
#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"
#include "ekm/energy/demand_model.h"
#include "ekm/energy/meter_quality.h"
#include "op_args.h"

namespace ekm::cli {

const char* kBenchEnergyModelsUsage =
    "usage: ekimachi-cli bench energy-models [--data DIR] [--engine ridge|gbt] [--without LIST]\n"
    "                                         [--calendar england|plain]\n"
    "                                         [--lag-engine auto|ridge|ridge-hour|gbt] [--dump DIR]\n\n"
    "The hourly demand model on held-out periods of real meters (DIR default ../shared/data/real):\n"
    "  gepiii_building1298 (one building, 2016; electricity m0, chilled water m1): its weather is\n"
    "    on UTC and the meters on local time; the shift is found as the lag (-12..12 h) maximising\n"
    "    the correlation of the high-passed temperature and chilled-water load, and corrected;\n"
    "    every 4th week (weeks 4, 8, ...) is held out, the other weeks fit the model;\n"
    "  building_energy/cambridge_estates (7 buildings; gas heating and electricity; 2016-2019): fit\n"
    "    on 2017, held out 2018 (a whole year ahead; Bedford weather; UTC; England's bank holidays\n"
    "    and Christmas to New Year's Day as holidays, or --calendar plain: none). A meter change (ekm/energy/meter_quality.h: after a gap of 7 days or more the\n"
    "    level is off by a factor of 3 or more from the same weeks a year away) between 2017 and\n"
    "    2018 makes that row '(chg)', shown but not counted, and the latest pair of years on one\n"
    "    side of the change (2018 -> 2019, else 2016 -> 2017) is scored instead.\n"
    "Zero runs of 2 h or more in electricity and chilled water and of 7 days or more in gas are\n"
    "gaps (the publisher wrote missing readings as 0; missing, never zero); shorter gas zeros are\n"
    "kept (boilers off for a night or a weekend), unless they are logging outages: zero runs of\n"
    "23 h or more in a gas meter that never idles (zeros in shorter runs <= 0.1% of its hours), and\n"
    "zero runs of 23 h or more that share 12 h or more with an outage of another meter of the\n"
    "building or of the same kind of meter in 2 or more other buildings, are gaps too (reported per\n"
    "meter). Occupancy is not metered in these buildings:\n"
    "the calendar (hour x day type) stands in for it, and 'cal.gain' is how much the hour x\n"
    "day-type model lowers the held-out CV(RMSE) against an hour-of-day-only model.\n"
    "Then four synthetic buildings (one year, occupancy term) are fitted and forecast a week\n"
    "ahead, timed. Prints CV(RMSE) and NMBE (held out, p = 0; and in-sample with p), the\n"
    "balance points found, the 80%/95% interval coverage and, for the Cambridge rows, the held-out\n"
    "heating season (Oct-Apr) and summer (May-Sep) each on its own mean. Nothing is asserted.\n"
    "--without heating-profile,heating-season switches mechanisms of the model off (both off:\n"
    "the model before they came).\n"
    "A second table scores the same held-out hours as forecasts with the meter's actuals up to each\n"
    "origin (the lag stage of the demand model: day ahead, an origin every midnight; week ahead, an\n"
    "origin every 7 days), next to the seasonal-naive reference (same hour last week), with the lag\n"
    "stage's variant chosen per meter on the training window alone and the held-out coverage of its\n"
    "80%/95% intervals (--lag-engine NAME forces one variant for every meter, for comparison).\n"
    "A last table ('limits', an oracle bound, not a forecast) rescales the baseline's held-out forecast\n"
    "to each actual day's total: the CV(RMSE) left is the error within the day; and predicts each\n"
    "hour by the mean actual of its own week's same hour on days of its class (working or not).\n"
    "--dump DIR writes DIR/<building>_<meter>.csv: each scored hour (as the meter's file stamps it)\n"
    "with its actual, the lag-free baseline and the day-ahead and week-ahead forecasts.";

namespace {

using Clock = std::chrono::steady_clock;
using energy::HourlySeries;
using energy::kMissing;

// A small reader of the real CSVs: first column "YYYY-MM-DD HH:MM:SS" (read as UTC hours),
// the others numbers (blank = missing).
std::map<std::string, HourlySeries> readCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw core::IoError("cannot read", core::ErrorContext{path, {}, {}, {}, {}, {}});
  std::string line;
  std::getline(in, line);
  std::vector<std::string> names;
  {
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, ',')) names.push_back(c);
  }
  std::vector<std::pair<core::HourKey, std::vector<double>>> rows;
  std::size_t lineNo = 1;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::stringstream ss(line);
    std::string cell;
    std::getline(ss, cell, ',');
    const auto t = core::parseIsoDateTimeToHourKey(cell + "Z");
    if (!t) throw core::ParseError("bad datetime", core::ErrorContext{path, static_cast<std::int64_t>(lineNo), std::nullopt, names[0], "YYYY-MM-DD HH:MM:SS", cell});
    std::vector<double> v;
    while (std::getline(ss, cell, ',')) v.push_back(cell.empty() ? kMissing : std::stod(cell));
    v.resize(names.size() - 1, kMissing);
    rows.emplace_back(*t, std::move(v));
  }
  std::map<std::string, HourlySeries> out;
  if (rows.empty()) return out;
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const core::HourKey start = rows.front().first, end = rows.back().first + 1;
  for (std::size_t j = 1; j < names.size(); ++j) {
    HourlySeries s;
    s.start = start;
    s.values.assign(static_cast<std::size_t>(end - start), kMissing);
    for (const auto& [t, v] : rows) s.values[static_cast<std::size_t>(t - start)] = v[j - 1];
    out[names[j]] = std::move(s);
  }
  return out;
}

HourlySeries concat(const std::vector<HourlySeries>& parts) {
  HourlySeries out;
  if (parts.empty()) return out;
  out.start = parts.front().start;
  for (const auto& p : parts) {
    out.values.resize(static_cast<std::size_t>(p.end() - out.start), kMissing);
    for (std::size_t i = 0; i < p.size(); ++i) out.values[static_cast<std::size_t>(p.start - out.start) + i] = p.values[i];
  }
  return out;
}

// England's bank holidays 2016-2019 (gov.uk) and the days from Christmas to New Year's Day,
// when universities close: the Cambridge buildings' calendar (Sunday/holiday day type).
bool englandHoliday(const std::chrono::year_month_day& d) {
  static const int kBankHolidays[] = {20160101, 20160325, 20160328, 20160502, 20160530, 20160829, 20161226, 20161227,
                                      20170102, 20170414, 20170417, 20170501, 20170529, 20170828, 20171225, 20171226,
                                      20180101, 20180330, 20180402, 20180507, 20180528, 20180827, 20181225, 20181226,
                                      20190101, 20190419, 20190422, 20190506, 20190527, 20190826, 20191225, 20191226};
  const unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
  if ((m == 12 && day >= 25) || (m == 1 && day == 1)) return true;
  const int key = static_cast<int>(d.year()) * 10000 + static_cast<int>(m) * 100 + static_cast<int>(day);
  return std::find(std::begin(kBankHolidays), std::end(kBankHolidays), key) != std::end(kBankHolidays);
}

// Each value minus its centred 24-hour mean (NaN when fewer than 18 hours are present).
std::vector<double> highPass(const HourlySeries& s) {
  std::vector<double> out(s.size(), kMissing);
  for (std::size_t i = 12; i + 12 < s.size(); ++i) {
    double sum = 0;
    int n = 0;
    for (std::size_t k = i - 12; k < i + 12; ++k)
      if (!std::isnan(s.values[k])) {
        sum += s.values[k];
        ++n;
      }
    if (n >= 18 && !std::isnan(s.values[i])) out[i] = s.values[i] - sum / n;
  }
  return out;
}

// The shift (hours to add to the weather's timestamps) maximising corr(high-passed weather,
// high-passed load) over -12..12 h.
int weatherShift(const HourlySeries& temp, const HourlySeries& load, double* corrOut) {
  const std::vector<double> a = highPass(temp), b = highPass(load);
  int best = 0;
  double bestC = -2;
  for (int shift = -12; shift <= 12; ++shift) {
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    int n = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
      const core::HourKey t = load.start + static_cast<core::HourKey>(i);
      const core::HourKey tw = t - shift - temp.start;  // weather hour that lands on t after the shift
      if (tw < 0 || tw >= static_cast<core::HourKey>(a.size())) continue;
      const double x = a[static_cast<std::size_t>(tw)], y = b[i];
      if (std::isnan(x) || std::isnan(y)) continue;
      sa += x;
      sb += y;
      saa += x * x;
      sbb += y * y;
      sab += x * y;
      ++n;
    }
    if (n < 48) continue;
    const double c = (sab - sa * sb / n) / std::sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    if (c > bestC) {
      bestC = c;
      best = shift;
    }
  }
  if (corrOut) *corrOut = bestC;
  return best;
}

// The forecasts with lagged actuals on the same held-out hours (ekm/energy/demand_model.h:
// rolling origin; day ahead: an origin at every midnight, horizon 1 day; week ahead: an origin
// every 7 days, horizon 7 days) and the seasonal-naive reference (same hour last week).
struct LagScores {
  energy::G14Metrics dayAhead, weekAhead, naive;
  std::size_t dayFallback = 0, weekFallback = 0, hours = 0;
  std::string dayEngine, weekEngine;  // the variants chosen on the training window
  std::vector<energy::LagStage::Validation> dayValidation, weekValidation;
  std::vector<double> dayCoverage, weekCoverage;  // held-out coverage of the 80 %/95 % intervals
  // The scored hours (UTC) with their actuals and both forecasts, for --dump.
  std::vector<core::HourKey> scoredHours;
  std::vector<double> actual, dayForecast, weekForecast;
};

// Share of the hours with an actual and a forecast inside each interval.
void addCoverage(const energy::DemandPrediction& p, const HourlySeries& load, std::vector<int>& in, int& n) {
  in.resize(p.intervals.size(), 0);
  for (std::size_t i = 0; i < p.mean.size(); ++i) {
    const double y = load.at(p.mean.start + static_cast<core::HourKey>(i));
    if (std::isnan(y) || std::isnan(p.mean.values[i])) continue;
    ++n;
    for (std::size_t k = 0; k < p.intervals.size(); ++k)
      in[k] += y >= p.intervals[k].low[i] && y <= p.intervals[k].high[i];
  }
}

// Fit on `train` over [from, to) (held-out hours missing in it; nothing outside the window is
// read), forecast each held-out block [a, b) from the full `load` (only values before each
// origin are read).
LagScores lagScores(const HourlySeries& load, const HourlySeries& train, const energy::WeatherSeries& w,
                    core::HourKey from, core::HourKey to, const std::vector<std::pair<core::HourKey, core::HourKey>>& blocks,
                    const flow::LocalCalendar& cal, energy::DemandModelOptions o) {
  o.lagHorizonDays = 1;
  const energy::DemandModel day = energy::fitDemandModel(train, w, nullptr, from, to, cal, o);
  energy::DemandModel week = day;
  energy::fitLagStage(week, train, w, nullptr, from, to, 7, cal);
  std::vector<double> a, fd, fw, fn;
  LagScores s;
  s.dayEngine = day.lags.engine;
  s.weekEngine = week.lags.engine;
  s.dayValidation = day.lags.validation;
  s.weekValidation = week.lags.validation;
  std::vector<int> inDay, inWeek;
  int nDay = 0, nWeek = 0;
  for (const auto& [b0, b1] : blocks) {
    const energy::LagForecast d = energy::forecastWithLags(day, load, w, nullptr, b0, b1, 1, cal);
    const energy::LagForecast k = energy::forecastWithLags(week, load, w, nullptr, b0, b1, 7, cal);
    addCoverage(d.prediction, load, inDay, nDay);
    addCoverage(k.prediction, load, inWeek, nWeek);
    const HourlySeries n = energy::seasonalNaive(load, b0, b1);
    s.dayFallback += d.fallbackHours;
    s.weekFallback += k.fallbackHours;
    for (core::HourKey t = b0; t < b1; ++t) {
      const std::size_t i = static_cast<std::size_t>(t - b0);
      a.push_back(load.at(t));
      fd.push_back(d.prediction.mean.values[i]);
      fw.push_back(k.prediction.mean.values[i]);
      fn.push_back(n.values[i]);
      s.hours += !std::isnan(load.at(t));
    }
  }
  for (const auto& [b0, b1] : blocks)
    for (core::HourKey t = b0; t < b1; ++t) s.scoredHours.push_back(t);
  s.dayAhead = energy::g14Metrics(a, fd, 0);
  s.weekAhead = energy::g14Metrics(a, fw, 0);
  s.naive = energy::g14Metrics(a, fn, 0);
  s.actual = std::move(a);
  s.dayForecast = std::move(fd);
  s.weekForecast = std::move(fw);
  for (int in : inDay) s.dayCoverage.push_back(nDay ? static_cast<double>(in) / nDay : NAN);
  for (int in : inWeek) s.weekCoverage.push_back(nWeek ? static_cast<double>(in) / nWeek : NAN);
  return s;
}

struct Row {
  std::string building, meter, split;
  energy::HeldOutScore s;
  double calendarGain = 0;  // held-out CV(RMSE) of the hour-of-day model minus the full model's
  // Held-out G14 of the heating season (Oct-Apr) and the summer (May-Sep), each on its own mean.
  std::optional<energy::G14Metrics> season[2];
  bool counted = true;  // false: scored across a meter change (shown, not counted)
  LagScores lag;
};

const char* verdict(const energy::G14Metrics& g) { return g.meetsHourlyAim() ? "aim" : g.passesHourly() ? "pass" : "FAIL"; }

// "31.2/30.1/28.4": each variant's CV(RMSE) (ridge/ridge-hour/gbt) in the training window's inner validation.
std::string validationCell(const std::vector<energy::LagStage::Validation>& v) {
  std::string out;
  for (const auto& x : v) {
    char cell[32];
    std::snprintf(cell, sizeof cell, "%s%.1f", out.empty() ? "" : "/", 100 * x.cvRmse);
    out += cell;
  }
  return out.empty() ? "-" : out;
}

double at(const std::vector<double>& v, std::size_t i) { return i < v.size() ? v[i] : NAN; }

void printLagRow(const Row& r) {
  const LagScores& l = r.lag;
  std::printf("%-8s %-13s %-10s %7.1f%% %7.1f%% %-5s %7.1f%% %7.1f%% %-5s %8.1f%% %7.1f%% %7.1f%% %6zu/%-6zu"
              " %-10s %-10s %4.2f/%-4.2f %4.2f/%-4.2f %18s %18s\n",
              r.building.c_str(), r.meter.c_str(), r.split.c_str(), 100 * l.dayAhead.cvRmse, 100 * l.dayAhead.nmbe,
              verdict(l.dayAhead), 100 * l.weekAhead.cvRmse, 100 * l.weekAhead.nmbe, verdict(l.weekAhead),
              100 * l.naive.cvRmse, 100 * r.s.heldOut.cvRmse, 100 * r.s.heldOut.nmbe, l.dayFallback, l.weekFallback,
              l.dayEngine.c_str(), l.weekEngine.c_str(), at(l.dayCoverage, 0), at(l.dayCoverage, 1),
              at(l.weekCoverage, 0), at(l.weekCoverage, 1), validationCell(l.dayValidation).c_str(),
              validationCell(l.weekValidation).c_str());
}

std::string utcDay(core::HourKey t) {
  return core::formatDate(core::civilFromDays(core::utcDayOfHour(t)));
}

// G14 (p = 0) of the predicted hours split into Oct-Apr and May-Sep (UTC months).
void seasonScores(const HourlySeries& load, const HourlySeries& predicted,
                  std::optional<energy::G14Metrics> (&season)[2]) {
  std::vector<double> a[2], f[2];
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const core::HourKey t = predicted.start + static_cast<core::HourKey>(i);
    const unsigned month = static_cast<unsigned>(core::civilFromDays(t / 24).month());
    const int k = month >= 5 && month <= 9 ? 1 : 0;
    a[k].push_back(load.at(t));
    f[k].push_back(predicted.values[i]);
  }
  for (int k = 0; k < 2; ++k) {
    try {
      season[k] = energy::g14Metrics(a[k], f[k], 0);
    } catch (const core::Error&) {
      season[k].reset();  // no hours or a zero mean
    }
  }
}

// DIR/<building>_<meter>.csv: each scored hour's actual, lag-free baseline, day-ahead and
// week-ahead forecasts (empty = missing), to look at where the error is. Hours as the meter's
// file stamps them: UTC for the Cambridge meters, the local clock for 1298.
void dumpRow(const std::string& dir, const Row& r) {
  const std::string path = dir + "/" + r.building + "_" + (r.meter == "heating(gas)" ? "gas" : r.meter) + ".csv";
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) throw core::IoError("cannot write file", core::ErrorContext{path, {}, {}, {}, {}, {}});
  std::fprintf(f, "hour,actual,baseline,day_ahead,week_ahead\n");
  auto cell = [](double v) {
    char out[32] = "";
    if (!std::isnan(v)) std::snprintf(out, sizeof out, "%.3f", v);
    return std::string(out);
  };
  const LagScores& l = r.lag;
  for (std::size_t i = 0; i < l.scoredHours.size(); ++i) {
    const core::HourKey t = l.scoredHours[i];
    const core::HourKey b = t - r.s.predicted.start;
    const double base = b >= 0 && b < static_cast<core::HourKey>(r.s.predicted.size())
                            ? r.s.predicted.values[static_cast<std::size_t>(b)]
                            : NAN;
    std::fprintf(f, "%s %02d:00,%s,%s,%s,%s\n", utcDay(t).c_str(), static_cast<int>(((t % 24) + 24) % 24),
                 cell(l.actual[i]).c_str(), cell(base).c_str(), cell(l.dayForecast[i]).c_str(),
                 cell(l.weekForecast[i]).c_str());
  }
  if (std::fclose(f) != 0) throw core::IoError("cannot write file", core::ErrorContext{path, {}, {}, {}, {}, {}});
}

void printRow(const Row& r) {
  const bool pass = r.s.heldOut.passesHourly(), aim = r.s.heldOut.meetsHourlyAim();
  std::printf("%-8s %-13s %-10s %7.1f%% %7.1f%% %7.1f%% %7.1f%% %5.0f/%-4.0f %5.2f/%-5.2f %7.1f", r.building.c_str(),
              r.meter.c_str(), r.split.c_str(), 100 * r.s.heldOut.cvRmse, 100 * r.s.heldOut.nmbe, 100 * r.s.training.cvRmse,
              100 * r.s.training.nmbe, r.s.balance.heatingC, r.s.balance.coolingC,
              r.s.coverage.size() > 0 ? r.s.coverage[0] : NAN, r.s.coverage.size() > 1 ? r.s.coverage[1] : NAN,
              100 * r.calendarGain);
  for (const auto& g : r.season) {
    char cell[48] = "-";
    if (g) std::snprintf(cell, sizeof cell, "%.1f%%/%.1f%%", 100 * g->cvRmse, 100 * g->nmbe);
    std::printf(" %15s", cell);
  }
  std::printf(" %-5s", !r.counted ? "(chg)" : aim ? "aim" : pass ? "pass" : "FAIL");
  if (r.s.balance.seasonal()) std::printf(" Ts %.0f", r.s.balance.heatingSeasonC);
  std::printf("\n");
}

// Fit with the hold-out hours masked, score on them.
energy::HeldOutScore maskedScore(const HourlySeries& load, const energy::WeatherSeries& w, core::HourKey from,
                                 core::HourKey to, const std::vector<char>& test, const flow::LocalCalendar& cal,
                                 const energy::DemandModelOptions& o) {
  HourlySeries train = load;
  for (core::HourKey t = from; t < to; ++t)
    if (test[static_cast<std::size_t>(t - from)]) train.values[static_cast<std::size_t>(t - load.start)] = kMissing;
  const auto t0 = Clock::now();
  const energy::DemandModel m = energy::fitDemandModel(train, w, nullptr, from, to, cal, o);
  energy::HeldOutScore s;
  s.fitSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  s.training = m.training;
  s.balance = m.balance;
  const energy::DemandPrediction p = energy::predictDemand(m, w, nullptr, from, to, cal);
  std::vector<double> a, f;
  std::vector<std::vector<double>> lo(p.intervals.size()), hi(p.intervals.size());
  for (core::HourKey t = from; t < to; ++t) {
    const std::size_t i = static_cast<std::size_t>(t - from);
    if (!test[i]) continue;
    a.push_back(load.at(t));
    f.push_back(p.mean.values[i]);
    for (std::size_t k = 0; k < p.intervals.size(); ++k) {
      lo[k].push_back(p.intervals[k].low[i]);
      hi[k].push_back(p.intervals[k].high[i]);
    }
  }
  s.heldOut = energy::g14Metrics(a, f, 0);
  s.predicted = p.mean;  // the forecast on the held-out hours only (for the limits table)
  for (core::HourKey t = from; t < to; ++t)
    if (!test[static_cast<std::size_t>(t - from)]) s.predicted.values[static_cast<std::size_t>(t - from)] = kMissing;
  for (std::size_t k = 0; k < lo.size(); ++k) {
    int in = 0, n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (std::isnan(a[i]) || std::isnan(f[i])) continue;
      ++n;
      in += a[i] >= lo[k][i] && a[i] <= hi[k][i];
    }
    s.coverage.push_back(n ? static_cast<double>(in) / n : NAN);
  }
  return s;
}

// The bench's flags, read by the CLI's one typed flag layer (op_args.h).
struct BenchEnergyModelsArgs {
  std::string data;
  std::string engine = "ridge";
  std::string without;
  std::string calendar = "england";
  std::string lag_engine = energy::kLagEngineAuto;
  std::optional<std::string> dump;

  template <class V>
  void fields(V& v) {
    v("data", data, {.help = "the real data folder (default: ../shared/data/real)"});
    v("engine", engine, {.help = "demand model engine"});
    v("without", without, {.help = "mechanisms left out, comma-separated: heating-profile, heating-season"});
    v("calendar", calendar, {.help = "Cambridge estates' calendar", .choices = {"england", "plain"}});
    v("lag_engine", lag_engine, {.help = "lag variant (auto: chosen per meter on the training window)"});
    v("dump", dump, {.help = "folder for per-meter CSVs", .role = ops::Role::OutputDir});
  }
};

}  // namespace

int runBenchEnergyModels(const std::vector<std::string>& argv) {
  const auto args = parseArgsAs<BenchEnergyModelsArgs>(argv);
  const BenchEnergyModelsArgs& p = args.params;
  const std::string data = p.data.empty() ? ekm::core::sourceDir() + "/../shared/data/real" : p.data;
  energy::DemandModelOptions opt;
  opt.engine.engine = p.engine;
  // auto: the variant chosen per meter on the training window (the counted figures); a name
  // forces that variant everywhere (to show each variant's held-out score, not to choose).
  opt.lagEngine = p.lag_engine;
  const std::optional<std::string>& dump = p.dump;
  if (dump) {  // checked before the long fits, not after
    std::error_code ec;
    std::filesystem::create_directories(*dump, ec);
    if (ec || !std::filesystem::is_directory(*dump))
      throw core::IoError("cannot create output directory", core::ErrorContext{*dump, {}, {}, "--dump", "a writable folder", ec.message()});
  }
  {
    std::stringstream list(p.without);
    std::string item;
    while (std::getline(list, item, ',')) {
      if (item == "heating-profile")
        opt.features.heatingProfile = false;
      else if (item == "heating-season")
        opt.features.heatingSeason = false;
      else if (!item.empty())
        throw core::Error(core::ErrorCode::Usage, "unknown mechanism",
                          core::ErrorContext{{}, {}, {}, "--without", "heating-profile, heating-season", item});
    }
  }
  energy::DemandModelOptions hourOnly = opt;
  hourOnly.features.calendarHourOfWeek = false;
  const flow::LocalCalendar cal = flow::plainCalendar(0);
  std::vector<Row> rows;
  std::vector<LimitsRow> limits;  // the counted rows' actuals and forecasts, for the limits table
  std::printf("%-8s %-13s %-10s %8s %8s %8s %8s %10s %11s %7s %15s %15s %-5s\n", "building", "meter", "held out", "CV",
              "NMBE", "CVfit", "NMBEfit", "Tbh/Tbc", "cov80/95", "cal.gain", "Oct-Apr CV/NMBE", "May-Sep CV/NMBE",
              "G14");

  // GEPIII building 1298.
  const std::string gepiii = data + "/gepiii_building1298/building_1298.csv";
  if (std::filesystem::exists(gepiii)) {
    auto cols = readCsv(gepiii);
    energy::WeatherSeries w;
    w.dryBulbC = cols.at("air_temperature");
    w.dewPointC = cols.at("dew_temperature");
    HourlySeries chw = cols.at("m1"), elec = cols.at("m0");
    const std::size_t z1 = energy::zeroRunsToMissing(chw, 2), z0 = energy::zeroRunsToMissing(elec, 2);
    double corr = 0;
    const int shift = weatherShift(w.dryBulbC, chw, &corr);
    w.dryBulbC.start += shift;
    w.dewPointC.start += shift;
    std::printf("# gepiii 1298: weather shifted by %+d h (correlation %.3f of the high-passed temperature and chilled "
                "water); zero runs made missing: m1 %zu h, m0 %zu h\n",
                shift, corr, z1, z0);
    const core::HourKey from = chw.start + 24, to = chw.end() - std::max(0, shift);
    std::vector<char> test(static_cast<std::size_t>(to - from));
    for (std::size_t i = 0; i < test.size(); ++i) test[i] = (i / 168) % 4 == 3;
    for (auto [name, load] : {std::pair<const char*, HourlySeries*>{"chilled_water", &chw}, {"electricity", &elec}}) {
      Row r{"1298", name, "wk 4,8,..", maskedScore(*load, w, from, to, test, cal, opt), 0, {}, true, {}};
      r.calendarGain = maskedScore(*load, w, from, to, test, cal, hourOnly).heldOut.cvRmse - r.s.heldOut.cvRmse;
      HourlySeries train = *load;
      std::vector<std::pair<core::HourKey, core::HourKey>> weeks;
      for (core::HourKey t = from; t < to; ++t)
        if (test[static_cast<std::size_t>(t - from)]) {
          train.values[static_cast<std::size_t>(t - train.start)] = kMissing;
          if (weeks.empty() || weeks.back().second != t) weeks.emplace_back(t, t);
          weeks.back().second = t + 1;
        }
      r.lag = lagScores(*load, train, w, from, to, weeks, cal, opt);
      printRow(r);
      rows.push_back(r);
      limits.push_back({r.building, r.meter, r.split, *load, r.s.predicted, r.s.heldOut, cal});
    }
  } else {
    std::printf("# %s not found: skipped\n", gepiii.c_str());
  }

  // Cambridge estates.
  const std::string cam = data + "/building_energy/cambridge_estates";
  if (std::filesystem::exists(cam)) {
    const flow::LocalCalendar cal = p.calendar == "plain"
                                        ? flow::plainCalendar(0)
                                        : flow::LocalCalendar("england", 0, englandHoliday);
    const char* years[] = {"2016", "2017", "2018", "2019"};
    std::vector<HourlySeries> t, h, s;
    for (const char* y : years) {
      auto c = readCsv(cam + "/weather_bedford/" + y + ".csv");
      t.push_back(c.at("air_temperature [degC]"));
      h.push_back(c.at("rltv_hum [%]"));
      s.push_back(c.at("glbl_irad_amt [W/m2]"));
    }
    energy::WeatherSeries w;
    w.dryBulbC = concat(t);
    w.relHumidityPct = concat(h);
    w.solarWm2 = concat(s);
    // Year boundaries (UTC): yearStart[k] = 1 January of 2016 + k.
    std::vector<core::HourKey> yearStart{w.dryBulbC.start};
    for (const HourlySeries& y : t) yearStart.push_back(y.end());
    const char* buildings[] = {"b101", "b19", "b22", "b25", "b27", "b40", "b58"};
    // The quality rules (ekm/energy/meter_quality.h) on all meters of the site at once, before
    // any fit: the same rules on the fit and the held-out years.
    std::map<std::string, HourlySeries> meters;  // "b19/gas" -> the cleaned 2016-2019 series
    {
      std::vector<energy::SiteMeter> site;
      std::vector<std::string> keys;
      for (const char* b : buildings) {
        for (const char* kind : {"gas", "electricity"}) {
          std::vector<HourlySeries> parts;
          for (const char* y : years) {
            auto c = readCsv(cam + "/UCam_Building_" + b + "/" + kind + "/" + y + ".csv");
            parts.push_back(c.begin()->second);
          }
          HourlySeries& load = meters[std::string(b) + "/" + kind] = concat(parts);
          const bool gas = std::string(kind) == "gas";
          // The publisher wrote missing readings as 0. Electricity never stops: runs of 2 h are
          // gaps. Gas stops for a night or a weekend (boilers off), but not for a week in a
          // building that heats water with it: runs of 7 days are gaps; and a gas meter that
          // never reads zero for a night does not stop for whole days: its runs of 23 h or
          // more are gaps.
          const std::size_t zeroed = energy::zeroRunsToMissing(load, gas ? 168 : 2);
          if (gas && zeroed) std::printf("# %s gas: %zu h of zero runs >= 7 days made missing\n", b, zeroed);
          if (gas)
            if (const std::size_t steady = energy::steadyMeterZeroRunsToMissing(load))
              std::printf("# %s gas: %zu h of zero runs >= 23 h made missing (a meter that never idles: zeros in "
                          "shorter runs <= 0.1%% of its hours)\n",
                          b, steady);
          site.push_back({b, gas ? energy::MeterKind::Gas : energy::MeterKind::Electricity, &load});
          keys.push_back(std::string(b) + " " + kind);
        }
      }
      const std::vector<energy::OutageHours> outages = energy::crossMeterOutagesToMissing(site);
      for (std::size_t i = 0; i < outages.size(); ++i)
        if (outages[i].total())
          std::printf("# %s: %zu h of zero runs >= 23 h made missing (logging outage across meters: %zu h with another "
                      "meter of the building, %zu h with >= 2 other buildings' meters of the kind)\n",
                      keys[i].c_str(), outages[i].total(), outages[i].sameBuilding, outages[i].site);
    }
    for (const char* b : buildings) {
      for (const char* kind : {"gas", "electricity"}) {
        const HourlySeries& load = meters.at(std::string(b) + "/" + kind);
        const bool gas = std::string(kind) == "gas";
        const std::vector<energy::MeterChange> changes = energy::findMeterChanges(load);
        for (const energy::MeterChange& c : changes)
          std::printf("# %s %s: meter change after the gap %s .. %s: level x%.3f of the same weeks a year away\n", b,
                      kind, utcDay(c.gapFrom).c_str(), utcDay(c.gapTo).c_str(), c.ratio);
        auto changeIn = [&](core::HourKey from, core::HourKey to) {
          for (const energy::MeterChange& c : changes)
            if (c.gapTo > from && c.gapFrom < to) return true;
          return false;
        };
        // Fit on one calendar year, score the next: 2017 -> 2018, unless a meter change lies in
        // between; then that row is shown but not counted, and the latest pair of years on one
        // side of the change is scored instead.
        auto score = [&](int fitYear, const std::string& tag) {
          Row r{b, gas ? "heating(gas)" : "electricity", std::to_string(2016 + fitYear + 1) + tag, {}, 0, {}, true, {}};
          const core::HourKey f0 = yearStart[fitYear] + 24, f1 = yearStart[fitYear + 1], t1 = yearStart[fitYear + 2];
          r.s = energy::scoreHeldOut(load, w, nullptr, f0, f1, f1, t1, cal, opt);
          r.calendarGain =
              energy::scoreHeldOut(load, w, nullptr, f0, f1, f1, t1, cal, hourOnly).heldOut.cvRmse - r.s.heldOut.cvRmse;
          seasonScores(load, r.s.predicted, r.season);
          r.lag = lagScores(load, load, w, f0, f1, {{f1, t1}}, cal, opt);
          return r;
        };
        const bool across = changeIn(yearStart[1], yearStart[3]);
        try {
          Row r = score(1, across ? "*" : "");
          r.counted = !across;
          printRow(r);
          if (!across) {
            rows.push_back(r);
            limits.push_back({r.building, r.meter, r.split, load, r.s.predicted, r.s.heldOut, cal});
          }
          if (across) {
            for (int fitYear : {2, 0})
              if (!changeIn(yearStart[fitYear], yearStart[fitYear + 2])) {
                Row within = score(fitYear, "");
                printRow(within);
                rows.push_back(within);
                limits.push_back({within.building, within.meter, within.split, load, within.s.predicted,
                                  within.s.heldOut, cal});
                break;
              }
          }
        } catch (const core::Error& e) {
          std::printf("%-8s %-13s %s\n", b, gas ? "heating(gas)" : "electricity", e.what());
          continue;
        }
      }
    }
    std::printf("# '*': fitted and scored across a meter change (not counted; the next row scores a pair of years\n"
                "# on one side of it); Oct-Apr / May-Sep: CV(RMSE) and NMBE of the held-out year's heating season and\n"
                "# summer, each on its own mean\n");
  } else {
    std::printf("# %s not found: skipped\n", cam.c_str());
  }
  int pass = 0, aim = 0;
  std::string passing;
  for (const Row& r : rows) {
    pass += r.s.heldOut.passesHourly();
    aim += r.s.heldOut.meetsHourlyAim();
    if (r.s.heldOut.passesHourly()) passing += " " + r.building + "/" + (r.meter == "heating(gas)" ? "gas" : r.meter);
  }
  std::printf("# passing:%s\n", passing.c_str());
  std::printf("# %zu meters: %d pass G14 hourly (CV <= 30%%, |NMBE| <= 10%%), %d meet the aim (20%%, 5%%); CV/NMBE held "
              "out with p = 0, CVfit/NMBEfit in-sample with p = parameters\n",
              rows.size(), pass, aim);

  // The same held-out hours forecast with the meter's actuals up to each origin.
  std::printf("\n# Forecasts with lagged actuals (rolling origin): day ahead = an origin at every midnight of the\n"
              "# held-out hours, horizon 1 day; week ahead = an origin every 7 days, horizon 7 days; only actuals\n"
              "# before each origin are read; the lag coefficients are fitted on the training window alone. The\n"
              "# weather is the observed one (a perfect weather forecast). naive168 = same hour last week.\n"
              "# var DA/WA: the lag stage's variant chosen per meter on the training window alone (ridge: 5-term\n"
              "# level correction; ridge-hour: + hour x night-temperature x working-day terms; gbt: boosted trees\n"
              "# on 15 hour/weather/lag terms): each fitted on the window's\n"
              "# first ~75 %%, forecast over its last ~25 %% with a rolling origin of the same horizon (val CV\n"
              "# ridge/ridge-hour/gbt, %%); the simplest variant within one standard error (paired daily errors)\n"
              "# of the best is refitted on the whole window (one-SE rule). cov: held-out coverage of the\n"
              "# 80 %%/95 %% intervals (split conformal on that validation's rolling-origin errors).\n");
  std::printf("%-8s %-13s %-10s %8s %8s %-5s %8s %8s %-5s %9s %8s %8s %13s %-10s %-10s %9s %9s %18s %18s\n", "building",
              "meter", "held out", "DA CV", "DA NMBE", "G14", "WA CV", "WA NMBE", "G14", "naive168", "base CV",
              "base NMBE", "fallback h DA/WA", "varDA", "varWA", "covDA80/95", "covWA80/95", "val CV DA r/rh/g",
              "val CV WA r/rh/g");
  int passDa = 0, passWa = 0, beatDa = 0, beatWa = 0, richerDa = 0, richerWa = 0;
  std::string failDa, failWa;
  double covDa[2] = {0, 0}, covWa[2] = {0, 0};
  for (const Row& r : rows) {
    printLagRow(r);
    if (dump) dumpRow(*dump, r);
    richerDa += r.lag.dayEngine != energy::kLagEngineRidge;
    richerWa += r.lag.weekEngine != energy::kLagEngineRidge;
    for (std::size_t k = 0; k < 2; ++k) {
      covDa[k] += at(r.lag.dayCoverage, k) / static_cast<double>(rows.size());
      covWa[k] += at(r.lag.weekCoverage, k) / static_cast<double>(rows.size());
    }
    const std::string id = " " + r.building + "/" + (r.meter == "heating(gas)" ? "gas" : r.meter);
    passDa += r.lag.dayAhead.passesHourly();
    passWa += r.lag.weekAhead.passesHourly();
    beatDa += r.lag.dayAhead.cvRmse < r.lag.naive.cvRmse;
    beatWa += r.lag.weekAhead.cvRmse < r.lag.naive.cvRmse;
    if (!r.lag.dayAhead.passesHourly()) failDa += id;
    if (!r.lag.weekAhead.passesHourly()) failWa += id;
  }
  std::printf("# day ahead: %d of %zu meters pass G14 hourly, %d beat naive168 (CV); failing:%s\n", passDa, rows.size(),
              beatDa, failDa.c_str());
  std::printf("# week ahead: %d of %zu meters pass G14 hourly, %d beat naive168 (CV); failing:%s\n", passWa, rows.size(),
              beatWa, failWa.c_str());
  std::printf("# variant %s: other than the 5-term ridge for %d (day ahead) and %d (week ahead) of %zu meters; mean "
              "held-out coverage of the 80 %%/95 %% intervals: day ahead %.3f/%.3f, week ahead %.3f/%.3f\n",
              opt.lagEngine == energy::kLagEngineAuto ? "chosen on the training window"
                                                      : ("forced (--lag-engine " + opt.lagEngine + ")").c_str(),
              richerDa, richerWa, rows.size(), covDa[0], covDa[1], covWa[0], covWa[1]);

  printLimitsTable(limits);

  // Timing: four buildings, one year of hourly history each (synthetic, with occupancy),
  // fit + week-ahead forecast.
  {
    const flow::LocalCalendar& jp = flow::japanCalendar();
    const core::HourKey start = jp.hourKey(std::chrono::year{2025} / 1 / 1, 0);
    const std::size_t n = 365 * 24 + 168;
    std::vector<HourlySeries> loads(4), occs(4);
    energy::WeatherSeries w;
    w.dryBulbC.start = w.dewPointC.start = w.solarWm2.start = start;
    for (std::size_t i = 0; i < n; ++i) {
      const int hour = jp.localHour(start + static_cast<core::HourKey>(i));
      const double temp = 16 - 10 * std::cos(6.2832 * (i / 24.0 - 20) / 365) + 4 * std::sin(6.2832 * (hour - 9) / 24.0);
      w.dryBulbC.values.push_back(temp);
      w.dewPointC.values.push_back(temp - 5);
      w.solarWm2.values.push_back(std::max(0.0, 700 * std::sin(3.1416 * (hour - 6) / 12)));
    }
    for (int b = 0; b < 4; ++b) {
      loads[b].start = occs[b].start = start;
      for (std::size_t i = 0; i < n; ++i) {
        const core::HourKey t = start + static_cast<core::HourKey>(i);
        const int hour = jp.localHour(t);
        const bool work = jp.dayType(jp.localDay(t)) == core::DayType::Weekday;
        const double occ = (500.0 + 300 * b) * (hour >= 8 && hour < 20 ? (work ? 1.0 : 0.3) : 0.05) *
                           (1 + 0.2 * std::sin(0.37 * static_cast<double>(i / 24) + b));
        occs[b].values.push_back(occ);
        loads[b].values.push_back(30 + 8 * std::max(0.0, w.dryBulbC.values[i] - 18) + 0.1 * occ +
                                  5 * std::sin(1.3 * static_cast<double>(i)));
      }
    }
    const core::HourKey origin = start + 365 * 24;
    const auto t0 = Clock::now();
    const std::clock_t c0 = std::clock();
    for (int b = 0; b < 4; ++b) {
      const energy::DemandModel m = energy::fitDemandModel(loads[b], w, &occs[b], start + 24, origin, jp, opt);
      energy::predictDemand(m, w, &occs[b], origin, origin + 168, jp);
    }
    const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    std::printf("# timing: 4 buildings x (fit on 8,736 h with the balance-point search and conformal calibration + "
                "168 h forecast) = %.3f s wall, %.3f s CPU (target < 1 s; wall > CPU: the machine was busy), "
                "engine %s\n",
                sec, cpu, opt.engine.engine.c_str());
  }
  return 0;
}

}  // namespace ekm::cli
