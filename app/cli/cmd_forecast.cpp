// ekimachi-cli forecast: hourly forecasts 1-14 days ahead, rolling-origin backtests, the
// City of Melbourne converter and the forecasting benchmark.
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

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/flow/exogenous_csv.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/forecast_run.h"
#include "ekm/flow/format.h"
#include "ekm/flow/series_csv.h"
#include "ekm/flow/store_series.h"
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
    "  the members (see 'ekimachi-cli profile --help').\n"
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

int intOption(const Args& args, const std::string& name, int fallback, int lo, int hi) {
  const auto v = args.value(name);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    const int x = std::stoi(*v, &used);
    if (used == v->size() && x >= lo && x <= hi) return x;
  } catch (...) {
  }
  throw usage("bad --" + name, name, "an integer " + std::to_string(lo) + ".." + std::to_string(hi), *v);
}

std::vector<ForecastModel> modelsOption(const Args& args) {
  const std::string m = args.value("model").value_or("regression");
  if (m == "all")
    return {ForecastModel::SeasonalNaive, ForecastModel::SeasonalProfile, ForecastModel::Regression};
  return {forecastModelFromName(m)};
}

nlohmann::ordered_json jnum(double v) {
  if (std::isnan(v)) return nullptr;
  return v;
}

double round3(double v) { return std::isnan(v) ? v : std::round(v * 1000.0) / 1000.0; }

int runConvert(const Args& args) {
  const std::string in = *args.value("convert-melbourne");
  const std::string out = args.required("out-counts");
  const std::string loc = args.value("locations").value_or("");
  const std::string seg = args.value("out-segments").value_or("");
  if (loc.empty() != seg.empty()) throw usage("--locations and --out-segments go together");
  TerminalFeedback fb("converting", args.flag("quiet"));
  const MelbourneConversion c = convertMelbourneToSegmentCounts(in, loc, out, seg, fb);
  fb.finish();
  std::cout << "wrote " << c.rows << " rows for " << c.sensors << " sensors to " << out << " ("
            << c.missingValues << " missing hours left blank, " << c.skippedRows
            << " rows without sensor skipped, " << c.duplicateHours << " duplicated hours dropped)";
  if (!seg.empty()) std::cout << "; segments: " << seg;
  std::cout << "\n";
  return 0;
}

int runBench(const Args& args) {
  const int cells = intOption(args, "cells", 2000, 1, 1000000);
  const int days = intOption(args, "days", 365, 28, 3660);
  const int threads =
      intOption(args, "threads", static_cast<int>(std::max(1u, std::thread::hardware_concurrency())), 1, 256);
  // One feedback for the whole run, so Ctrl-C cancels generation and fitting alike (exit 130).
  TerminalFeedback fb("bench", args.flag("quiet"));
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

// --- forecast / backtest: parse -> load -> model work -> print --------------------------------

// The forecast or backtest asked for on the command line.
struct Request {
  std::optional<std::string> csv, seriesName;  // --csv FILE [--series NAME]
  std::optional<std::string> project;          // --project FILE with one feature:
  FeatureKind kind = FeatureKind::Cell;
  std::string id;
  SeriesQuery query;
  LocalCalendar calendar = japanCalendar();
  bool calendarGiven = false;
  ExogenousFiles exogenous;  // --weather / --events (a project's own files otherwise)
  ForecastRunParams run;
  std::string format = "csv";
  bool quiet = false;
};

// The series to forecast and what goes with them.
struct Input {
  LocalCalendar calendar = japanCalendar();  // Victoria for a Melbourne export without --calendar
  std::vector<NamedSeries> series;
  std::map<std::string, std::string> labels;  // series name -> sensor name (Melbourne)
  ExogenousInputs exogenous;
};

template <class T>
T choice(const Args& args, const std::string& name, T fallback,
         std::initializer_list<std::pair<const char*, T>> choices, const std::string& expected) {
  const auto v = args.value(name);
  if (!v) return fallback;
  for (const auto& [text, value] : choices)
    if (*v == text) return value;
  throw usage("bad --" + name, name, expected, *v);
}

// The feature option of a project forecast: exactly one of --cell, --segment, --station.
void parseFeature(const Args& args, Request& rq) {
  int given = 0;
  for (const auto& [opt, k] : {std::pair{"cell", FeatureKind::Cell},
                               {"segment", FeatureKind::Segment},
                               {"station", FeatureKind::Station}})
    if (const auto v = args.value(opt)) {
      ++given;
      rq.kind = k;
      rq.id = *v;
    }
  if (given != 1) throw usage("give exactly one of --cell, --segment, --station");
  rq.query.mode = choice(args, "mode", store::TravelMode::Pedestrian,
                         {{"pedestrian", store::TravelMode::Pedestrian},
                          {"bicycle", store::TravelMode::Bicycle},
                          {"vehicle", store::TravelMode::Vehicle}},
                         "pedestrian, bicycle or vehicle");
  rq.query.station = choice(args, "measure", StationMeasure::Total,
                            {{"total", StationMeasure::Total},
                             {"boardings", StationMeasure::Boardings},
                             {"alightings", StationMeasure::Alightings}},
                            "total, boardings or alightings");
}

Request parseRequest(const Args& args) {
  Request rq;
  rq.quiet = args.flag("quiet");
  rq.format = args.value("format").value_or("csv");
  if (rq.format != "csv" && rq.format != "json")
    throw usage("bad --format", "format", "csv or json", rq.format);
  rq.run.models = modelsOption(args);
  rq.run.options.horizonHours = 24 * intOption(args, "horizon", 7, 1, 14);
  rq.run.options.trainingDays = intOption(args, "training-days", 0, 7, 3660);
  rq.calendar = calendarFromName(args.value("calendar").value_or("japan"));
  rq.calendarGiven = args.value("calendar").has_value();
  rq.csv = args.value("csv");
  rq.seriesName = args.value("series");
  rq.project = args.value("project");
  if (rq.csv.has_value() == rq.project.has_value()) throw usage("give either --project or --csv");
  if (rq.project) {
    parseFeature(args, rq);
    rq.exogenous = projectExogenousFiles(*rq.project);
  }
  if (const auto w = args.value("weather")) rq.exogenous.weather = *w;
  if (const auto e = args.value("events")) rq.exogenous.events = *e;
  if (args.flag("backtest")) {
    BacktestOptions bo;
    bo.stepHours = 24 * intOption(args, "step-days", 7, 1, 365);
    bo.minTrainingDays = intOption(args, "min-training-days", 28, 7, 3660);
    rq.run.backtest = bo;
  }
  return rq;
}

// The series of a CSV file (a Melbourne export switches to the Victoria calendar unless
// --calendar was given).
void loadCsv(const Request& rq, Input& input) {
  SeriesTable t;
  {
    TerminalFeedback fb("reading " + *rq.csv, rq.quiet);
    t = readSeriesCsv(*rq.csv, input.calendar, fb);
    if (t.layout == "melbourne" && !rq.calendarGiven) {
      input.calendar = victoriaCalendar();
      t = readSeriesCsv(*rq.csv, input.calendar, fb);
    }
    fb.finish();
  }
  input.labels = t.labels;
  for (auto& [name, s] : t.series)
    if (!rq.seriesName || *rq.seriesName == name) input.series.emplace_back(name, std::move(s));
  if (input.series.empty())
    throw usage("no such series in the file", "series", "", rq.seriesName.value_or(""));
}

void loadProjectFeature(const Request& rq, Input& input) {
  const store::Project p = store::Project::open(*rq.project, store::OpenMode::ReadOnly);
  double coverage = 1.0;
  input.series.emplace_back(rq.id, loadSeries(p, rq.kind, rq.id, rq.query, &coverage));
  if (coverage < 1.0 && !rq.quiet)
    std::cerr << "note: " << formatNumber(100.0 * coverage, 1)
              << "% of the (member-)hours are present; missing hours are skipped, never read as 0\n";
}

Input loadInput(const Request& rq) {
  Input input;
  input.calendar = rq.calendar;
  if (rq.csv)
    loadCsv(rq, input);
  else
    loadProjectFeature(rq, input);
  input.exogenous = readExogenousInputs(rq.exogenous, input.calendar);
  return input;
}

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

void printBacktestsCsv(const std::vector<ModelBacktests>& backtests, const Input& input) {
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

void printBacktestsJson(const std::vector<ModelBacktests>& backtests, const Input& input,
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

void printForecastsCsv(const std::vector<SeriesForecast>& forecasts, const Input& input,
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

void printForecastsJson(const std::vector<SeriesForecast>& forecasts, const Input& input) {
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

void printResult(const ForecastRunResult& result, const Input& input, const Request& rq) {
  const bool csv = rq.format == "csv";
  if (rq.run.backtest)
    csv ? printBacktestsCsv(result.backtests, input) : printBacktestsJson(result.backtests, input, rq.run);
  else
    csv ? printForecastsCsv(result.forecasts, input, rq.run.options)
        : printForecastsJson(result.forecasts, input);
}

int runForecast(const std::vector<std::string>& argv) {
  const Args args(argv, {"backtest", "bench", "quiet"});
  args.checkKnown({"project",
                   "cell",
                   "segment",
                   "station",
                   "csv",
                   "series",
                   "model",
                   "horizon",
                   "backtest",
                   "format",
                   "calendar",
                   "training-days",
                   "step-days",
                   "min-training-days",
                   "mode",
                   "measure",
                   "events",
                   "weather",
                   "convert-melbourne",
                   "out-counts",
                   "locations",
                   "out-segments",
                   "bench",
                   "cells",
                   "days",
                   "threads",
                   "quiet"});
  if (!args.positionals().empty()) throw usage("unexpected argument '" + args.positionals()[0] + "'");
  if (args.value("convert-melbourne")) return runConvert(args);
  if (args.flag("bench")) return runBench(args);
  const Request rq = parseRequest(args);
  Input input = loadInput(rq);
  ForecastRunParams run = rq.run;
  run.inputs = std::move(input.exogenous);
  ForecastRunResult result;
  {
    TerminalFeedback fb(rq.run.backtest ? "backtest" : "forecast", rq.quiet);
    result = runForecasts(input.series, input.calendar, run, fb);
    fb.finish();
  }
  printResult(result, input, rq);
  return 0;
}

const CommandRegistrar kRegistrar{Command{
    "forecast", "hourly forecasts (naive, profile, ridge regression), backtests, Melbourne converter, bench",
    kUsage, runForecast}};

}  // namespace
}  // namespace ekm::cli
