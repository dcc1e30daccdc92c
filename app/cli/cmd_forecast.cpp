// ekimachi-cli forecast: hourly forecasts 1-14 days ahead, rolling-origin backtests, the
// City of Melbourne converter and the forecasting benchmark.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/format.h"
#include "ekm/flow/series_csv.h"
#include "ekm/flow/store_series.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"
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
    "  date, temp_mean_c, rain_mm spread evenly over the day),\n"
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

std::string lowerTrim(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\r' && c != '\t')
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

std::vector<UserEvent> readEvents(const std::string& path, const LocalCalendar& cal) {
  io::TextInput in(path);
  io::CsvReader r(in);
  std::vector<UserEvent> out;
  if (!r.next()) return out;
  int cl = -1, cf = -1, ct = -1;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const std::string h = lowerTrim(r[i]);
    if (h == "label" || h == "event" || h == "name") cl = static_cast<int>(i);
    if (h == "from" || h == "start") cf = static_cast<int>(i);
    if (h == "to" || h == "end") ct = static_cast<int>(i);
  }
  if (cl < 0 || cf < 0 || ct < 0) {
    core::ErrorContext c;
    c.file = path;
    c.line = 1;
    c.expected = "columns label, from, to";
    throw core::ParseError("bad events file", c);
  }
  while (r.next()) {
    const auto from = core::parseDate(lowerTrim(r[static_cast<std::size_t>(cf)]));
    const auto to = core::parseDate(lowerTrim(r[static_cast<std::size_t>(ct)]));
    if (!from || !to) {
      core::ErrorContext c;
      c.file = path;
      c.line = r.line();
      c.field = "from/to";
      c.expected = "YYYY-MM-DD";
      throw core::ParseError("bad event date", c);
    }
    out.push_back({cal.hourKey(*from, 0), cal.hourKey(core::daysFromCivil(*to) + 1, 0),
                   std::string(r[static_cast<std::size_t>(cl)])});
  }
  return out;
}

void readWeather(const std::string& path, const LocalCalendar& cal, ExogenousInputs& in) {
  io::TextInput input(path);
  io::CsvReader r(input);
  if (!r.next()) return;
  int cdt = -1, cd = -1, ch = -1, ctemp = -1, crain = -1;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const std::string h = lowerTrim(r[i]);
    const int k = static_cast<int>(i);
    if (h == "datetime" || h == "timestamp") cdt = k;
    if (h == "date") cd = k;
    if (h == "hour") ch = k;
    if (h == "temperature_c" || h == "temp_c" || h == "temperature" || h == "temp_mean_c") ctemp = k;
    if (h == "rain_mm" || h == "rain" || h == "precipitation_mm") crain = k;
  }
  if ((cdt < 0 && cd < 0) || (ctemp < 0 && crain < 0)) {
    core::ErrorContext c;
    c.file = path;
    c.line = 1;
    c.expected = "datetime (or date [+ hour]) and temperature_c (temp_mean_c) and/or rain_mm";
    throw core::ParseError("bad weather file", c);
  }
  std::vector<std::pair<HourKey, double>> temp, rain;
  auto num = [&](int col) {
    const std::string s = lowerTrim(r[static_cast<std::size_t>(col)]);
    if (s.empty() || s == "nan" || s == "-") return std::numeric_limits<double>::quiet_NaN();
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (*end != '\0') {
      core::ErrorContext c;
      c.file = path;
      c.line = r.line();
      c.expected = "a number";
      c.found = s;
      throw core::ParseError("bad weather value", c);
    }
    return v;
  };
  const int offsetFromJst = cal.utcOffsetHours() - core::kJstOffsetHours;
  while (r.next()) {
    HourKey t = 0;
    std::optional<HourKey> key;
    if (cdt >= 0) {
      const std::string s(r[static_cast<std::size_t>(cdt)]);
      key = core::parseIsoDateTimeToHourKey(s);
      const bool offset = s.find_first_of("Z+") != std::string::npos || s.rfind('-') > 10;
      if (key) t = offset ? *key : *key - offsetFromJst;
    } else if (ch < 0) {  // daily values (e.g. the sample's weather.csv): the same for all 24 hours
      const auto d = core::parseDate(lowerTrim(r[static_cast<std::size_t>(cd)]));
      if (d) {
        const double tv = ctemp >= 0 ? num(ctemp) : 0.0, rv = crain >= 0 ? num(crain) / 24.0 : 0.0;
        for (int h = 0; h < 24; ++h) {
          if (ctemp >= 0) temp.emplace_back(cal.hourKey(*d, h), tv);
          if (crain >= 0) rain.emplace_back(cal.hourKey(*d, h), rv);
        }
        continue;
      }
    } else {
      const auto d = core::parseDate(lowerTrim(r[static_cast<std::size_t>(cd)]));
      const double h = num(ch);
      if (d && h >= 0 && h <= 23) key = t = cal.hourKey(*d, static_cast<int>(h));
    }
    if (!key) {
      core::ErrorContext c;
      c.file = path;
      c.line = r.line();
      c.expected = "an hour";
      throw core::ParseError("bad weather time", c);
    }
    if (ctemp >= 0) temp.emplace_back(t, num(ctemp));
    if (crain >= 0) rain.emplace_back(t, num(crain));
  }
  if (!temp.empty()) in.temperatureC = seriesFromPoints(temp);
  if (!rain.empty()) in.rainMm = seriesFromPoints(rain);
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

struct Input {
  std::vector<std::pair<std::string, HourlySeries>> series;
  std::map<std::string, std::string> labels;
};

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
  const bool quiet = args.flag("quiet");
  const std::string format = args.value("format").value_or("csv");
  if (format != "csv" && format != "json") throw usage("bad --format", "format", "csv or json", format);
  const std::vector<ForecastModel> models = modelsOption(args);
  ForecastOptions fo;
  fo.horizonHours = 24 * intOption(args, "horizon", 7, 1, 14);
  fo.trainingDays = intOption(args, "training-days", 0, 7, 3660);
  LocalCalendar cal = calendarFromName(args.value("calendar").value_or("japan"));

  Input input;
  const auto csv = args.value("csv");
  const auto project = args.value("project");
  if (csv.has_value() == project.has_value()) throw usage("give either --project or --csv");
  if (csv) {
    SeriesTable t;
    {
      TerminalFeedback fb("reading " + *csv, quiet);
      t = readSeriesCsv(*csv, cal, fb);
      if (t.layout == "melbourne" && !args.value("calendar")) {
        cal = victoriaCalendar();
        t = readSeriesCsv(*csv, cal, fb);
      }
      fb.finish();
    }
    input.labels = t.labels;
    for (auto& [name, s] : t.series)
      if (!args.value("series") || *args.value("series") == name)
        input.series.emplace_back(name, std::move(s));
    if (input.series.empty())
      throw usage("no such series in the file", "series", "", args.value("series").value_or(""));
  } else {
    int given = 0;
    FeatureKind kind = FeatureKind::Cell;
    std::string id;
    for (const auto& [opt, k] : {std::pair{"cell", FeatureKind::Cell},
                                 {"segment", FeatureKind::Segment},
                                 {"station", FeatureKind::Station}})
      if (const auto v = args.value(opt)) {
        ++given;
        kind = k;
        id = *v;
      }
    if (given != 1) throw usage("give exactly one of --cell, --segment, --station");
    SeriesQuery q;
    if (const auto m = args.value("mode")) {
      if (*m == "pedestrian")
        q.mode = store::TravelMode::Pedestrian;
      else if (*m == "bicycle")
        q.mode = store::TravelMode::Bicycle;
      else if (*m == "vehicle")
        q.mode = store::TravelMode::Vehicle;
      else
        throw usage("bad --mode", "mode", "pedestrian, bicycle or vehicle", *m);
    }
    if (const auto m = args.value("measure")) {
      if (*m == "total")
        q.station = StationMeasure::Total;
      else if (*m == "boardings")
        q.station = StationMeasure::Boardings;
      else if (*m == "alightings")
        q.station = StationMeasure::Alightings;
      else
        throw usage("bad --measure", "measure", "total, boardings or alightings", *m);
    }
    const store::Project p = store::Project::open(*project, store::OpenMode::ReadOnly);
    double coverage = 1.0;
    input.series.emplace_back(id, loadSeries(p, kind, id, q, &coverage));
    if (coverage < 1.0 && !quiet)
      std::cerr << "note: " << formatNumber(100.0 * coverage, 1)
                << "% of the (member-)hours are present; missing hours are skipped, never read as 0\n";
  }
  ExogenousInputs exo;
  if (const auto e = args.value("events")) exo.events = readEvents(*e, cal);
  if (const auto w = args.value("weather")) readWeather(*w, cal, exo);

  nlohmann::ordered_json json;
  json["calendar"] = cal.name();
  json["utc_offset_hours"] = cal.utcOffsetHours();
  if (args.flag("backtest")) {
    BacktestOptions bo;
    bo.stepHours = 24 * intOption(args, "step-days", 7, 1, 365);
    bo.minTrainingDays = intOption(args, "min-training-days", 28, 7, 3660);
    std::vector<std::vector<BacktestResult>> all(models.size());
    {
      TerminalFeedback fb("backtest", quiet);
      core::MultiStepFeedback steps(fb, static_cast<int>(models.size() * input.series.size()));
      int step = 0;
      for (std::size_t m = 0; m < models.size(); ++m)
        for (const auto& [name, s] : input.series) {
          steps.setCurrentStep(step++);
          fo.model = models[m];
          all[m].push_back(backtest(name, s, cal, fo, bo, exo, steps));
        }
      fb.finish();
    }
    auto label = [&](const std::string& n) {
      return input.labels.count(n) ? input.labels.at(n) : std::string();
    };
    if (format == "csv") {
      std::cout << "series,name,model,origins,hours,mae,rmse,wape,mase,coverage80,coverage95\n";
      auto row = [](const std::string& series, const std::string& name, const std::string& model, int origins,
                    const Accuracy& a, double mase) {
        std::string q = name;
        if (q.find_first_of(",\"") != std::string::npos) {
          std::string e = "\"";
          for (char c : q) e += c == '"' ? std::string("\"\"") : std::string(1, c);
          q = e + "\"";
        }
        std::cout << series << ',' << q << ',' << model << ',' << origins << ',' << a.n << ','
                  << formatNumber(a.mae(), 3) << ',' << formatNumber(a.rmse(), 3) << ','
                  << formatNumber(a.wape(), 5) << ',' << formatNumber(mase, 5) << ','
                  << formatNumber(a.coverage(0), 4) << ',' << formatNumber(a.coverage(1), 4) << '\n';
      };
      for (std::size_t m = 0; m < models.size(); ++m) {
        for (const BacktestResult& r : all[m])
          row(r.series, label(r.series), r.model, r.origins, r.accuracy, r.accuracy.mase());
        const BacktestTotal t = backtestTotal(all[m]);
        int origins = 0;
        for (const BacktestResult& r : all[m]) origins += r.origins;
        row("total", "", forecastModelName(models[m]), origins, t.pooled, t.meanMase);
      }
    } else {
      json["horizon_days"] = fo.horizonHours / 24;
      json["step_days"] = bo.stepHours / 24;
      for (std::size_t m = 0; m < models.size(); ++m) {
        auto acc = [](const Accuracy& a, double mase) {
          nlohmann::ordered_json j;
          j["hours"] = a.n;
          j["mae"] = jnum(round3(a.mae()));
          j["rmse"] = jnum(round3(a.rmse()));
          j["wape"] = jnum(a.wape());
          j["mase"] = jnum(mase);
          j["coverage80"] = jnum(a.coverage(0));
          j["coverage95"] = jnum(a.coverage(1));
          return j;
        };
        nlohmann::ordered_json jm;
        jm["model"] = forecastModelName(models[m]);
        for (const BacktestResult& r : all[m]) {
          nlohmann::ordered_json j = acc(r.accuracy, r.accuracy.mase());
          j["series"] = r.series;
          if (!label(r.series).empty()) j["name"] = label(r.series);
          j["origins"] = r.origins;
          jm["series"].push_back(j);
        }
        const BacktestTotal t = backtestTotal(all[m]);
        jm["total"] = acc(t.pooled, t.meanMase);
        json["backtests"].push_back(jm);
      }
      std::cout << json.dump(1) << "\n";
    }
    return 0;
  }

  std::vector<std::pair<std::string, std::pair<ForecastModel, Forecast>>> results;
  {
    TerminalFeedback fb("forecast", quiet);
    std::size_t k = 0;
    for (ForecastModel m : models)
      for (const auto& [name, s] : input.series) {
        fb.throwIfCancelled();
        fo.model = m;
        results.push_back({name, {m, forecast(s, s.end(), cal, fo, exo)}});
        fb.setProgress(100.0 * ++k / (models.size() * input.series.size()));
      }
    fb.finish();
  }
  if (format == "csv") {
    std::cout << "series,model,datetime,forecast";
    for (double l : fo.intervalLevels) {
      const int pct = static_cast<int>(std::lround(l * 100));
      std::cout << ",lo" << pct << ",hi" << pct;
    }
    std::cout << '\n';
    for (const auto& [name, mf] : results) {
      const Forecast& f = mf.second;
      for (std::size_t i = 0; i < f.mean.size(); ++i) {
        std::cout << name << ',' << forecastModelName(mf.first) << ','
                  << formatLocalHour(f.mean.start + static_cast<HourKey>(i), cal) << ','
                  << formatNumber(f.mean.values[i], 2);
        for (const PredictionInterval& pi : f.intervals)
          std::cout << ',' << formatNumber(pi.low[i], 2) << ',' << formatNumber(pi.high[i], 2);
        std::cout << '\n';
      }
    }
  } else {
    for (const auto& [name, mf] : results) {
      const Forecast& f = mf.second;
      nlohmann::ordered_json j;
      j["series"] = name;
      j["model"] = forecastModelName(mf.first);
      j["training_hours"] = f.trainingHours;
      for (std::size_t i = 0; i < f.mean.size(); ++i) {
        nlohmann::ordered_json h;
        h["datetime"] = formatLocalHour(f.mean.start + static_cast<HourKey>(i), cal);
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
  return 0;
}

const CommandRegistrar kRegistrar{Command{
    "forecast", "hourly forecasts (naive, profile, ridge regression), backtests, Melbourne converter, bench",
    kUsage, runForecast}};

}  // namespace
}  // namespace ekm::cli
