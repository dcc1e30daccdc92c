// ekimachi-cli forecast: hourly forecasts 1-14 days ahead and rolling-origin backtests (the
// operations `forecast` and `backtest`, flow/forecast_op.h: the flags are their Params), the
// City of Melbourne converter and the forecasting benchmark (the command's own tools).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <initializer_list>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/forecast_op.h"
#include "ekm/flow/format.h"
#include "ekm/flow/series_csv.h"
#include "op_args.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;
using namespace ekm::flow;

const char* kUsage =
    "usage: ekimachi-cli forecast --project FILE (--cell CODE|--segment ID|--station ID)\n"
    "                             [--model naive|profile|regression|all] [--horizon DAYS] [--backtest] ...\n"
    "       ekimachi-cli forecast --csv FILE [--series NAME] [--model ...] [--horizon DAYS] [--backtest] "
    "...\n"
    "       ekimachi-cli forecast --convert-melbourne COUNTS.csv --out-counts OUT.csv\n"
    "                             [--locations SENSORS.csv --out-segments OUT.geojson]\n"
    "       ekimachi-cli forecast --bench [--cells 2000] [--days 365] [--threads N]\n\n"
    "Forecasts the hours after the end of the history (or, with --backtest, scores the model on\n"
    "rolling origins: every --step-days (7) from --min-training-days (28) after the start).\n"
    "Models: naive (same hour last week), profile (weekday/hour profile of the last weeks with a\n"
    "trend), regression (ridge on calendar, holiday, bridge-day, same-hour-last-day/week lags, and\n"
    "optional weather and events), or all three. --horizon 1..14 days (default 7).\n"
    "Options: --calendar japan|victoria|none|none+H (default japan; victoria for Melbourne files),\n"
    "  --training-days N (default 364), --mode pedestrian|bicycle|vehicle (segments),\n"
    "  --measure total|boardings|alightings (stations), --events FILE (CSV label,from,to with local\n"
    "  dates, inclusive), --weather FILE (CSV datetime or date+hour, temperature_c, rain_mm; or daily:\n"
    "  date, temp_mean_c, rain_mm spread evenly over the day); with --project the project's own\n"
    "  weather.csv and events.csv beside the project file are used when present (the sample has one),\n"
    "  --format csv|json (default csv), --quiet. Zones: --cell A,B,C or a coarser mesh code sums\n"
    "  the members (see 'ekimachi-cli profile --help'). --every cell|segment|station forecasts every\n"
    "  feature of the kind from their common end (--threads N; series with too little history stay\n"
    "  missing, with a warning); --origins N backtests only the latest N origins.\n"
    "These are the operations 'forecast' and 'backtest' (--backtest): 'ekimachi-cli ops schema forecast'.\n"
    "--csv FILE reads hourly counts without a project: a long CSV (series, datetime or date+hour,\n"
    "value) or the City of Melbourne export (Date,Day_of_week,Hour,SensorID,SensorName,\n"
    "PedestrianCount; 'NaN' = missing). Missing hours are skipped in fitting and scoring.\n"
    "--convert-melbourne writes that export as a segment-counts CSV (segment_id mel-<SensorID>,\n"
    "datetime +10:00) and, with --locations, a segments GeoJSON, for 'ekimachi-cli import'.\n"
    "Forecast output: series, model, datetime, forecast, lo80, hi80, lo95, hi95. Backtest output:\n"
    "series, name, model, origins, hours, mae, rmse, wape, mase, coverage80, coverage95 and a\n"
    "total row per model (pooled WAPE/MAE/RMSE, mean of per-series MASE).\n"
    "Exit codes: 0 ok, 2 usage, 3 file, 4 parse, 5 unknown feature, 6 store, 12 model, 130 cancelled.";

Error usage(const std::string& message, const std::string& field = {}, const std::string& expected = {},
            const std::string& found = {}) {
  core::ErrorContext c;
  c.field = field;
  c.expected = expected;
  c.found = found;
  return Error(ErrorCode::Usage, message, c);
}

nlohmann::ordered_json jnum(double v) {
  if (std::isnan(v)) return nullptr;
  return v;
}

double round3(double v) { return std::isnan(v) ? v : std::round(v * 1000.0) / 1000.0; }

// The command's own tools' options, besides the operations' fields.
const CliExtras kExtras{.flags = {"backtest", "bench"},
                        .options = {"format", "convert-melbourne", "out-counts", "locations", "out-segments",
                                    "cells", "days"}};

int runConvert(const OpArgs& args) {
  const std::string in = args.options.at("convert-melbourne");
  if (!args.options.count("out-counts")) throw usage("missing required option --out-counts");
  const std::string out = args.option("out-counts", "");
  const std::string loc = args.option("locations", "");
  const std::string seg = args.option("out-segments", "");
  if (loc.empty() != seg.empty()) throw usage("--locations and --out-segments go together");
  TerminalFeedback fb("converting", args.quiet);
  const MelbourneConversion c = convertMelbourneToSegmentCounts(in, loc, out, seg, fb);
  fb.finish();
  std::cout << "wrote " << c.rows << " rows for " << c.sensors << " sensors to " << out << " ("
            << c.missingValues << " missing hours left blank, " << c.skippedRows
            << " rows without sensor skipped, " << c.duplicateHours << " duplicated hours dropped)";
  if (!seg.empty()) std::cout << "; segments: " << seg;
  std::cout << "\n";
  return 0;
}

// The bench's size, read by the same typed reader as an operation's flags.
struct BenchParams {
  std::int64_t cells = 2000;
  std::int64_t days = 365;
  std::int64_t threads = std::max(1u, std::thread::hardware_concurrency());
  template <class V>
  void fields(V& v) {
    v("cells", cells, {.help = "synthetic cells", .min = 1, .max = 1000000});
    v("days", days, {.help = "days of hourly history", .min = 28, .max = 3660});
    v("threads", threads, {.help = "worker threads", .min = 1, .max = 256});
  }
};

int runBench(const OpArgs& args) {
  ops::Json raw = ops::Json::object();
  for (const char* name : {"cells", "days"})
    if (args.options.count(name)) raw[name] = args.options.at(name);
  if (args.params.contains("threads")) raw["threads"] = args.params["threads"];
  ops::ParamSource src;
  src.cliFlags = true;
  const auto bench = ops::fromJson<BenchParams>(raw, src);
  const int cells = static_cast<int>(bench.cells), days = static_cast<int>(bench.days),
            threads = static_cast<int>(bench.threads);
  // One feedback for the whole run, so Ctrl-C cancels generation and fitting alike (exit 130).
  TerminalFeedback fb("bench", args.quiet);
  core::MultiStepFeedback steps(fb, 4);
  const LocalCalendar& cal = japanCalendar();
  const auto first = std::chrono::year{2024} / 4 / 1;
  const HourKey start = cal.hourKey(first, 0);
  std::vector<HourlySeries> series(static_cast<std::size_t>(cells));
  std::vector<double> dayLevel(static_cast<std::size_t>(days));
  for (int d = 0; d < days; ++d) {
    const DayType t = cal.dayType(core::daysFromCivil(first) + d);
    dayLevel[static_cast<std::size_t>(d)] = t == DayType::Weekday ? 1.0 : t == DayType::Saturday ? 0.75 : 0.6;
  }
  std::uint64_t state = 2025;
  auto rnd = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  for (int c = 0; c < cells; ++c) {
    if (c % 64 == 0) {
      steps.throwIfCancelled();
      steps.setStepProgress(100.0 * c / cells);
    }
    HourlySeries& s = series[static_cast<std::size_t>(c)];
    s.start = start;
    s.values.resize(static_cast<std::size_t>(days) * 24);
    const double scale = 50 + 950 * rnd(), peak = 8 + 4 * rnd();
    for (int d = 0; d < days; ++d)
      for (int h = 0; h < 24; ++h) {
        const double base = 0.2 + std::exp(-0.5 * std::pow((h - peak) / 3.0, 2));
        double v = scale * dayLevel[static_cast<std::size_t>(d)] * base * (0.9 + 0.2 * rnd());
        if (rnd() < 0.01) v = std::numeric_limits<double>::quiet_NaN();  // 1% missing hours
        s.values[static_cast<std::size_t>(d) * 24 + h] = v;
      }
  }
  ForecastOptions o;
  o.model = ForecastModel::Regression;
  o.horizonHours = 7 * 24;
  o.trainingDays = days;
  std::cout << "forecast bench: " << cells << " synthetic cells x " << days << " days hourly ("
            << static_cast<long long>(cells) * days * 24 << " values), fit + 7-day forecast, " << threads
            << " thread(s)\n";
  std::vector<std::string> lines;
  int step = 1;
  for (ForecastModel m :
       {ForecastModel::SeasonalNaive, ForecastModel::SeasonalProfile, ForecastModel::Regression}) {
    o.model = m;
    steps.setCurrentStep(step++);
    const auto t0 = std::chrono::steady_clock::now();
    const auto out = forecastMany(series, cal, o, threads, steps);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::size_t bad = 0;
    for (const Forecast& f : out)
      for (double v : f.mean.values) bad += std::isfinite(v) ? 0 : 1;
    char line[160];
    std::snprintf(line, sizeof line, "  %-10s %8.3f s  (%.2f ms per cell, %zu non-finite forecast values)\n",
                  forecastModelName(m), s, 1000.0 * s / cells, bad);
    lines.push_back(line);
  }
  fb.finish();
  for (const std::string& l : lines) std::cout << l;
  return 0;
}

// --- forecast / backtest: flags -> Params -> operation -> print -------------------------------

nlohmann::ordered_json jsonHeader(const LocalCalendar& cal) {
  nlohmann::ordered_json json;
  json["calendar"] = cal.name();
  json["utc_offset_hours"] = cal.utcOffsetHours();
  return json;
}

std::string csvQuoted(const std::string& text) {
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string e = "\"";
  for (char c : text) e += c == '"' ? std::string("\"\"") : std::string(1, c);
  return e + "\"";
}

void printBacktestsCsv(const std::vector<ModelBacktests>& backtests, const ForecastOutcome& input) {
  auto label = [&](const std::string& n) {
    return input.labels.count(n) ? input.labels.at(n) : std::string();
  };
  std::cout << "series,name,model,origins,hours,mae,rmse,wape,mase,coverage80,coverage95\n";
  auto row = [](const std::string& series, const std::string& name, const std::string& model, int origins,
                const Accuracy& a, double mase) {
    std::cout << series << ',' << csvQuoted(name) << ',' << model << ',' << origins << ',' << a.n << ','
              << formatNumber(a.mae(), 3) << ',' << formatNumber(a.rmse(), 3) << ','
              << formatNumber(a.wape(), 5) << ',' << formatNumber(mase, 5) << ','
              << formatNumber(a.coverage(0), 4) << ',' << formatNumber(a.coverage(1), 4) << '\n';
  };
  for (const ModelBacktests& m : backtests) {
    for (const BacktestResult& r : m.series)
      row(r.series, label(r.series), r.model, r.origins, r.accuracy, r.accuracy.mase());
    row("total", "", forecastModelName(m.model), m.origins, m.total.pooled, m.total.meanMase);
  }
}

nlohmann::ordered_json accuracyJson(const Accuracy& a, double mase) {
  nlohmann::ordered_json j;
  j["hours"] = a.n;
  j["mae"] = jnum(round3(a.mae()));
  j["rmse"] = jnum(round3(a.rmse()));
  j["wape"] = jnum(a.wape());
  j["mase"] = jnum(mase);
  j["coverage80"] = jnum(a.coverage(0));
  j["coverage95"] = jnum(a.coverage(1));
  return j;
}

void printBacktestsJson(const std::vector<ModelBacktests>& backtests, const ForecastOutcome& input,
                        const ForecastRunParams& run) {
  nlohmann::ordered_json json = jsonHeader(input.calendar);
  json["horizon_days"] = run.options.horizonHours / 24;
  json["step_days"] = run.backtest->stepHours / 24;
  for (const ModelBacktests& m : backtests) {
    nlohmann::ordered_json jm;
    jm["model"] = forecastModelName(m.model);
    for (const BacktestResult& r : m.series) {
      nlohmann::ordered_json j = accuracyJson(r.accuracy, r.accuracy.mase());
      j["series"] = r.series;
      if (input.labels.count(r.series) && !input.labels.at(r.series).empty())
        j["name"] = input.labels.at(r.series);
      j["origins"] = r.origins;
      jm["series"].push_back(j);
    }
    jm["total"] = accuracyJson(m.total.pooled, m.total.meanMase);
    json["backtests"].push_back(jm);
  }
  std::cout << json.dump(1) << "\n";
}

void printForecastsCsv(const std::vector<SeriesForecast>& forecasts, const ForecastOutcome& input,
                       const ForecastOptions& options) {
  std::cout << "series,model,datetime,forecast";
  for (double l : options.intervalLevels) {
    const int pct = static_cast<int>(std::lround(l * 100));
    std::cout << ",lo" << pct << ",hi" << pct;
  }
  std::cout << '\n';
  for (const SeriesForecast& sf : forecasts) {
    const Forecast& f = sf.forecast;
    for (std::size_t i = 0; i < f.mean.size(); ++i) {
      std::cout << sf.series << ',' << forecastModelName(sf.model) << ','
                << formatLocalHour(f.mean.start + static_cast<HourKey>(i), input.calendar) << ','
                << formatNumber(f.mean.values[i], 2);
      for (const PredictionInterval& pi : f.intervals)
        std::cout << ',' << formatNumber(pi.low[i], 2) << ',' << formatNumber(pi.high[i], 2);
      std::cout << '\n';
    }
  }
}

void printForecastsJson(const std::vector<SeriesForecast>& forecasts, const ForecastOutcome& input) {
  nlohmann::ordered_json json = jsonHeader(input.calendar);
  for (const SeriesForecast& sf : forecasts) {
    const Forecast& f = sf.forecast;
    nlohmann::ordered_json j;
    j["series"] = sf.series;
    j["model"] = forecastModelName(sf.model);
    j["training_hours"] = f.trainingHours;
    for (std::size_t i = 0; i < f.mean.size(); ++i) {
      nlohmann::ordered_json h;
      h["datetime"] = formatLocalHour(f.mean.start + static_cast<HourKey>(i), input.calendar);
      h["forecast"] = jnum(std::round(f.mean.values[i] * 100) / 100);
      for (const PredictionInterval& pi : f.intervals) {
        const std::string pct = std::to_string(static_cast<int>(std::lround(pi.level * 100)));
        h["lo" + pct] = jnum(std::round(pi.low[i] * 100) / 100);
        h["hi" + pct] = jnum(std::round(pi.high[i] * 100) / 100);
      }
      j["hours"].push_back(h);
    }
    json["forecasts"].push_back(j);
  }
  std::cout << json.dump(1) << "\n";
}

void printResult(const ForecastOutcome& r, const std::string& format) {
  const bool csv = format == "csv";
  if (r.run.backtest)
    csv ? printBacktestsCsv(r.result.backtests, r) : printBacktestsJson(r.result.backtests, r, r.run);
  else
    csv ? printForecastsCsv(r.result.forecasts, r, r.run.options) : printForecastsJson(r.result.forecasts, r);
}

// The operation's Params from the command's raw flag values (without --backtest the backtest's
// own flags are ignored, as they always were).
template <class P>
P readParams(ops::Json raw) {
  if constexpr (std::is_same_v<P, ForecastParams>)
    for (const char* name : {"step_days", "min_training_days", "origins"}) raw.erase(name);
  ops::ParamSource src;
  src.cliFlags = true;
  return ops::fromJson<P>(raw, src);
}

template <class Op>
ForecastOutcome runOp(OpArgs& args) {
  const auto params = readParams<typename Op::Params>(args.params);
  TerminalFeedback fb(Op::name, args.quiet);
  ForecastOutcome r = ops::run<Op>(args.session, params, fb);
  fb.finish();
  return r;
}

int runForecast(const std::vector<std::string>& argv) {
  OpArgs args = parseOpArgs(ops::fieldsOf<BacktestParams>(), argv, kExtras);
  if (args.options.count("convert-melbourne")) return runConvert(args);
  if (args.flags.count("bench")) return runBench(args);
  const std::string format = args.option("format", "csv");
  if (format != "csv" && format != "json") throw usage("bad --format", "format", "csv or json", format);
  if (args.session.hasProject() && args.params.contains("csv")) throw usage("give either --project or --csv");
  const ForecastOutcome r = args.flags.count("backtest") ? runOp<BacktestOp>(args) : runOp<ForecastOp>(args);
  if (r.coverage < 1.0 && !args.quiet)
    std::cerr << "note: " << formatNumber(100.0 * r.coverage, 1)
              << "% of the (member-)hours are present; missing hours are skipped, never read as 0\n";
  printResult(r, format);
  return 0;
}

const CommandRegistrar kRegistrar{Command{
    "forecast", "hourly forecasts (naive, profile, ridge regression), backtests, Melbourne converter, bench",
    kUsage, runForecast}};

}  // namespace
}  // namespace ekm::cli
