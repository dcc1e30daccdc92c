// The forecast and backtest operations: read the series (a project feature, every feature of a
// kind, or a CSV file) and the exogenous inputs, then flow::runForecasts.
#include "ekm/flow/forecast_op.h"

#include <algorithm>
#include <cmath>

#include "ekm/flow/exogenous_csv.h"
#include "ekm/flow/format.h"
#include "ekm/flow/series_csv.h"
#include "ekm/flow/store_series.h"

namespace ekm::flow {
namespace {

core::ErrorContext at(const char* field, std::string expected, std::string found) {
  return core::ErrorContext{"", std::nullopt, std::nullopt, field, std::move(expected), std::move(found)};
}

ops::Json num(double v) { return std::isfinite(v) ? ops::Json(v) : ops::Json(nullptr); }

FeatureKind everyKind(const std::string& every) {
  return every == "segment" ? FeatureKind::Segment : every == "station" ? FeatureKind::Station : FeatureKind::Cell;
}

const char* kindName(FeatureKind k) {
  return k == FeatureKind::Segment ? "segment" : k == FeatureKind::Station ? "station" : "cell";
}

// The series of a CSV file; a Melbourne export switches to the Victoria calendar unless a
// calendar was given.
void loadCsv(ops::Session& session, const ForecastParams& p, ForecastOutcome& out, core::Feedback& feedback) {
  const std::string path = session.resolve(*p.csv);
  SeriesTable t = readSeriesCsv(path, out.calendar, feedback);
  if (t.layout == "melbourne" && !p.calendar) {
    out.calendar = victoriaCalendar();
    t = readSeriesCsv(path, out.calendar, feedback);
  }
  session.recordInputFile(path);
  out.kind = "csv";
  out.labels = t.labels;
  for (auto& [name, s] : t.series)
    if (!p.series || *p.series == name) out.series.emplace_back(name, std::move(s));
  if (out.series.empty())
    throw ops::ParamError("no such series in the file", at("series", "a series of " + path, p.series.value_or("")));
}

void loadProject(ops::Session& session, const ForecastParams& p, ForecastOutcome& out, core::Feedback& feedback) {
  SeriesQuery query;
  p.measure.apply(query);
  const FeatureKind kind = p.every ? everyKind(*p.every) : p.feature.kind();
  out.kind = kindName(kind);
  session.recordTableRead(featureKindTable(kind));
  const store::Project& project = session.project();
  if (!p.every) {
    out.series.emplace_back(p.feature.id(), loadSeries(project, kind, p.feature.id(), query, &out.coverage));
    return;
  }
  out.series = loadAllSeries(project, kind, query, feedback);
  // Every series forecasts from the common end (padded with missing hours if shorter).
  HourKey end = 0;
  for (const auto& [id, s] : out.series) end = std::max(end, s.end());
  for (auto& [id, s] : out.series)
    if (!s.empty() && s.end() < end) s = s.slice(s.start, end);
}

// Weather and events: the files given, else (for a project feature) the project's own.
ExogenousInputs loadInputs(ops::Session& session, const ForecastParams& p, const LocalCalendar& calendar) {
  ExogenousFiles files;
  if (!p.csv && p.project_inputs) files = projectExogenousFiles(session.projectPath());
  if (p.weather) files.weather = session.resolve(*p.weather);
  if (p.events) files.events = session.resolve(*p.events);
  ExogenousInputs inputs = readExogenousInputs(files, calendar);
  for (const auto& f : {files.weather, files.events})
    if (f) session.recordInputFile(*f);
  return inputs;
}

// The series and the exogenous inputs; the model work is left to run().
ForecastOutcome load(ops::Session& session, const ForecastParams& p, core::Feedback& feedback) {
  ForecastOutcome out;
  if (p.calendar) out.calendar = calendarParam(*p.calendar, "calendar");
  if (p.csv)
    loadCsv(session, p, out, feedback);
  else
    loadProject(session, p, out, feedback);
  feedback.throwIfCancelled();
  out.run.models = p.models();
  out.run.options = p.options();
  out.run.inputs = loadInputs(session, p, out.calendar);
  out.run.threads = static_cast<int>(p.threads);
  out.run.skipUnforecastable = p.every.has_value();
  return out;
}

void runModels(ForecastOutcome& out, core::Feedback& feedback) {
  out.result = runForecasts(out.series, out.calendar, out.run, feedback);
  out.unforecastable = out.result.unforecastable;
}

// The first column's name: what the series are.
std::string keyName(const ForecastOutcome& r) { return r.kind == "csv" ? "series" : r.kind; }
std::string geometryOf(const ForecastOutcome& r) { return r.kind == "cell" || r.kind == "segment" ? r.kind : ""; }

// The model is a key column only when several models ran: runs of one model each (naive in
// one, regression in the other) then compare feature by feature and hour by hour.
bool modelKeyed(const ForecastOutcome& r) { return r.run.models.size() > 1; }

std::string pct(double level) { return std::to_string(static_cast<int>(std::lround(level * 100))); }

ops::OpResult recordCommon(const ForecastOutcome& r) {
  ops::OpResult out;
  ops::Json models = ops::Json::array();
  for (ForecastModel m : r.run.models) models.push_back(forecastModelName(m));
  out.summary = {{"kind", r.kind},       {"calendar", r.calendar.name()},
                 {"series", r.series.size()}, {"models", models},
                 {"horizon_days", r.run.options.horizonHours / 24}};
  if (r.coverage < 1.0)
    out.warnings.push_back(formatNumber(100.0 * r.coverage, 1) +
                           "% of the (member-)hours are present; missing hours are skipped, never read as 0");
  if (!r.unforecastable.empty()) {
    std::string ids;
    for (std::size_t i = 0; i < r.unforecastable.size() && i < 10; ++i) ids += (i ? ", " : "") + r.unforecastable[i];
    if (r.unforecastable.size() > 10) ids += ", ...";
    out.warnings.push_back(std::to_string(r.unforecastable.size()) +
                           " series have too little history to forecast and are left missing: " + ids);
    out.summary["unforecastable"] = r.unforecastable.size();
  }
  return out;
}

std::vector<ops::Json> accuracyRow(const Accuracy& a, double mase) {
  return {a.n, num(a.mae()), num(a.rmse()), num(a.wape()), num(mase), num(a.coverage(0)), num(a.coverage(1))};
}

}  // namespace

void ForecastParams::validate() const {
  const int given = (csv ? 1 : 0) + (every ? 1 : 0) + (feature.given() > 0 ? 1 : 0);
  if (given != 1)
    throw ops::ParamError("give exactly one of a feature (cell, segment, station), every or csv",
                          at(given == 0 ? "cell/segment/station" : every ? "every" : "csv",
                             "one source of series", std::to_string(given) + " given"));
  if (feature.given() > 0) feature.validate();
  if (series && !csv) throw ops::ParamError("series goes with csv", at("series", "csv", "no csv"));
  if (calendar) calendarParam(*calendar, "calendar");
}

std::vector<ForecastModel> ForecastParams::models() const {
  if (model == "all") return {ForecastModel::SeasonalNaive, ForecastModel::SeasonalProfile, ForecastModel::Regression};
  return {forecastModelFromName(model)};
}

ForecastOptions ForecastParams::options() const {
  ForecastOptions o;
  o.model = models().front();
  o.horizonHours = static_cast<int>(24 * horizon);
  o.trainingDays = static_cast<int>(training_days.value_or(0));
  return o;
}

BacktestOptions BacktestParams::options() const {
  BacktestOptions o;
  o.stepHours = static_cast<int>(24 * step_days);
  o.minTrainingDays = static_cast<int>(min_training_days);
  return o;
}

ForecastOutcome ForecastOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  core::MultiStepFeedback steps(feedback, 2);
  ForecastOutcome out = load(session, params, steps);
  steps.setCurrentStep(1);
  runModels(out, steps);
  return out;
}

ForecastOutcome BacktestOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  core::MultiStepFeedback steps(feedback, 2);
  ForecastOutcome out = load(session, params.forecast, steps);
  BacktestOptions bo = params.options();
  if (params.origins && !out.series.empty()) {
    // Only the latest origins: the first moves up to (origins - 1) steps before the last
    // (from the latest end), never before min_training_days after the earliest start.
    HourKey start = out.series.front().second.start, end = out.series.front().second.end();
    for (const auto& [id, s] : out.series) {
      start = std::min(start, s.start);
      end = std::max(end, s.end());
    }
    const HourKey last = end - out.run.options.horizonHours;
    const HourKey first = out.calendar.hourKey(out.calendar.localDay(start) + bo.minTrainingDays, 0);
    bo.firstOrigin = std::max(first, last - (*params.origins - 1) * bo.stepHours);
  }
  out.run.backtest = bo;
  steps.setCurrentStep(1);
  runModels(out, steps);
  return out;
}

ops::OpResult ForecastOp::record(const Result& r) {
  ops::OpResult out = recordCommon(r);
  const std::string geometry = geometryOf(r);
  ops::ResultTable t;
  t.name = "forecast";
  t.columns = {keyName(r), "datetime", "model", "forecast"};
  for (double l : r.run.options.intervalLevels) {
    t.columns.push_back("lo" + pct(l));
    t.columns.push_back("hi" + pct(l));
  }
  t.keyColumns = modelKeyed(r) ? 3 : 2;
  t.geometry = geometry;
  ops::ResultTable totals;
  totals.name = "forecast_totals";
  totals.columns = {keyName(r), "model", "hours", "total", "peak_hour_mean", "training_hours"};
  totals.keyColumns = modelKeyed(r) ? 2 : 1;
  totals.geometry = geometry;
  for (const SeriesForecast& sf : r.result.forecasts) {
    const Forecast& f = sf.forecast;
    const char* model = forecastModelName(sf.model);
    double total = 0, peak = std::nan("");
    std::size_t hours = 0;
    for (std::size_t i = 0; i < f.mean.size(); ++i) {
      const double v = f.mean.values[i];
      std::vector<ops::Json> row = {sf.series, formatLocalHour(f.mean.start + static_cast<HourKey>(i), r.calendar),
                                    model, num(v)};
      for (const PredictionInterval& pi : f.intervals) {
        row.push_back(num(pi.low[i]));
        row.push_back(num(pi.high[i]));
      }
      t.rows.push_back(std::move(row));
      if (std::isfinite(v)) {
        total += v;
        ++hours;
        peak = std::isnan(peak) ? v : std::max(peak, v);
      }
    }
    totals.rows.push_back({sf.series, model, hours, hours ? num(total) : ops::Json(nullptr), num(peak), f.trainingHours});
  }
  out.tables.push_back(std::move(t));
  out.tables.push_back(std::move(totals));
  return out;
}

ops::OpResult BacktestOp::record(const Result& r) {
  ops::OpResult out = recordCommon(r);
  if (r.run.backtest) out.summary["step_days"] = r.run.backtest->stepHours / 24;
  const std::vector<std::string> measures = {"hours", "mae", "rmse", "wape", "mase", "coverage80", "coverage95"};
  ops::ResultTable t;
  t.name = "backtest";
  t.columns = {keyName(r), "model", "origins"};
  t.columns.insert(t.columns.end(), measures.begin(), measures.end());
  t.keyColumns = modelKeyed(r) ? 2 : 1;
  t.geometry = geometryOf(r);
  ops::ResultTable totals;
  totals.name = "backtest_total";
  totals.columns = {"model", "origins"};
  totals.columns.insert(totals.columns.end(), measures.begin(), measures.end());
  for (const ModelBacktests& m : r.result.backtests) {
    for (const BacktestResult& b : m.series) {
      std::vector<ops::Json> row = {b.series, b.model, b.origins};
      for (auto& v : accuracyRow(b.accuracy, b.accuracy.mase())) row.push_back(std::move(v));
      t.rows.push_back(std::move(row));
    }
    std::vector<ops::Json> row = {forecastModelName(m.model), m.origins};
    for (auto& v : accuracyRow(m.total.pooled, m.total.meanMase)) row.push_back(std::move(v));
    totals.rows.push_back(std::move(row));
  }
  out.tables.push_back(std::move(t));
  out.tables.push_back(std::move(totals));
  return out;
}

}  // namespace ekm::flow
