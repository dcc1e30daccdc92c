// ekimachi-cli bench flow-models: the people-flow forecasting models (seasonal naive, ridge
// regression, gradient-boosted trees) on rolling weekly origins over the City of Melbourne
// pedestrian sensors, with the sensors split into a design half and a held-out half.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_energy_models.h"
#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/series_csv.h"
#include "op_args.h"

namespace ekm::cli {

const char* kBenchFlowModelsUsage =
    "usage: ekimachi-cli bench flow-models [--csv FILE] [--half holdout|design|all] [--from DATE] [--to DATE]\n"
    "                                      [--step-days 7] [--horizon-days 7] [--models naive,regression,gbt]\n"
    "                                      [--threads 2] [--training-days N] [--lambda L]\n"
    "                                      [--half-life DAYS] [--robust N]\n\n"
    "Rolling-origin backtests of the people-flow models on the City of Melbourne pedestrian counts\n"
    "(default ../shared/data/real/pedestrian/melbourne_pedestrian_hourly_2012_2015.csv; Victorian\n"
    "calendar). Sensors are split deterministically by their numeric SensorID: odd IDs are the\n"
    "design half (the gbt model's features were chosen on them), even IDs the held-out half\n"
    "(default). Origins every --step-days at local midnight from --from (default 2013-01-07) to\n"
    "--to (default 2015-02-01), each sensor from 8 weeks after its first count. Prints per sensor\n"
    "and pooled WAPE, mean MASE, interval coverage and the WAPE reduction against the seasonal\n"
    "naive (same hour last week). --training-days: the models' history window (default 0 = the\n"
    "models' default, 364); --lambda, --half-life, --robust override the ridge's shrinkage, the\n"
    "recency half-life of its training rows and its Huber passes (ekm/flow/forecast.h; choose them\n"
    "on --half design). Timings are wall-clock; nothing is asserted.";

namespace {

using Clock = std::chrono::steady_clock;

// The bench's flags, read by the CLI's one typed flag layer (op_args.h).
struct BenchFlowModelsArgs {
  std::string csv;
  std::string half = "holdout";
  std::string from = "2013-01-07";
  std::string to = "2015-02-01";
  std::int64_t step_days = 7;
  std::int64_t horizon_days = 7;
  std::string models = "naive,regression,gbt";
  std::int64_t threads = 2;
  std::int64_t training_days = 0;
  std::optional<double> lambda;
  std::optional<double> half_life;
  std::optional<std::int64_t> robust;

  template <class V>
  void fields(V& v) {
    v("csv", csv, {.help = "the Melbourne pedestrian CSV (default: ../shared)", .role = ops::Role::InputFile});
    v("half", half, {.help = "sensors: odd ids (design), even ids (holdout) or all",
                     .choices = {"holdout", "design", "all"}});
    v("from", from, {.help = "first forecast origin, YYYY-MM-DD", .format = "date"});
    v("to", to, {.help = "last forecast origin, YYYY-MM-DD", .format = "date"});
    v("step_days", step_days, {.help = "days between forecast origins", .min = 1, .max = 365});
    v("horizon_days", horizon_days, {.help = "forecast horizon in days", .min = 1, .max = 14});
    v("models", models, {.help = "models, comma-separated (the seasonal naive reference is always run)"});
    v("threads", threads, {.help = "worker threads", .min = 1, .max = 64});
    v("training_days", training_days, {.help = "training window in days (0 = all history)", .min = 0, .max = 3650});
    v("lambda", lambda, {.help = "regression ridge penalty (default: the model's)", .min = 0});
    v("half_life", half_life, {.help = "recency half-life of the training rows in days (default: the model's)",
                               .min = 0});
    v("robust", robust, {.help = "Huber passes (default: the model's)", .min = 0, .max = 10});
  }
};

flow::HourKey dateArg(const std::string& text, const std::string& name, const flow::LocalCalendar& cal) {
  const auto d = core::parseDate(text);
  if (!d) {
    core::ErrorContext c;
    c.field = name;
    c.expected = "YYYY-MM-DD";
    c.found = text;
    throw core::Error(core::ErrorCode::Usage, "bad --" + name, c);
  }
  return cal.hourKey(*d, 0);
}

}  // namespace

int runBenchFlowModels(const std::vector<std::string>& argv) {
  const auto args = parseArgsAs<BenchFlowModelsArgs>(argv);
  const BenchFlowModelsArgs& p = args.params;
  const std::string csv =
      p.csv.empty() ? ekm::core::sourceDir() + "/../shared/data/real/pedestrian/melbourne_pedestrian_hourly_2012_2015.csv"
                    : p.csv;
  const std::string& half = p.half;
  const flow::LocalCalendar& cal = flow::victoriaCalendar();
  const flow::HourKey from = dateArg(p.from, "from", cal);
  const flow::HourKey to = dateArg(p.to, "to", cal);
  const int step = static_cast<int>(p.step_days);
  const int horizon = static_cast<int>(p.horizon_days);
  const int threads = static_cast<int>(p.threads);
  const int trainingDays = static_cast<int>(p.training_days);
  const double lambda = p.lambda.value_or(-1.0);
  const double halfLife = p.half_life.value_or(-1.0);
  const int robust = static_cast<int>(p.robust.value_or(-1));
  std::vector<flow::ForecastModel> models;
  {
    std::stringstream ss(p.models);
    std::string m;
    while (std::getline(ss, m, ',')) models.push_back(flow::forecastModelFromName(m));
    if (std::find(models.begin(), models.end(), flow::ForecastModel::SeasonalNaive) == models.end())
      models.insert(models.begin(), flow::ForecastModel::SeasonalNaive);  // the reference
  }

  const auto t0 = Clock::now();
  const flow::SeriesTable table = flow::readSeriesCsv(csv, cal, core::nullFeedback());
  const double readS = std::chrono::duration<double>(Clock::now() - t0).count();
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < table.series.size(); ++i) {
    int id = -1;
    try {
      id = std::stoi(table.series[i].first);
    } catch (...) {
      continue;
    }
    const bool design = id % 2 == 1;
    if (half == "all" || (half == "design") == design) chosen.push_back(i);
  }
  std::cout << "flow-models: " << csv << " (" << table.series.size() << " sensors read in " << std::fixed;
  std::cout.precision(1);
  std::cout << readS << " s); half " << half << ": " << chosen.size() << " sensors; horizon " << horizon
            << " days, origins every " << step << " days\n";

  // One job per (model, sensor); results[model][sensor].
  std::vector<std::vector<flow::BacktestResult>> results(models.size(), std::vector<flow::BacktestResult>(chosen.size()));
  std::vector<double> seconds(models.size(), 0.0);
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  const std::size_t jobs = models.size() * chosen.size();
  auto work = [&] {
    for (;;) {
      const std::size_t j = next.fetch_add(1);
      if (j >= jobs) return;
      const std::size_t mi = j / chosen.size(), si = j % chosen.size();
      const auto& [name, s] = table.series[chosen[si]];
      flow::ForecastOptions fo;
      fo.model = models[mi];
      fo.horizonHours = horizon * 24;
      fo.trainingDays = trainingDays;
      if (lambda >= 0) fo.ridgeLambda = lambda;
      if (halfLife >= 0) fo.recencyHalfLifeDays = halfLife;
      if (robust >= 0) fo.robustIterations = robust;
      flow::BacktestOptions bo;
      bo.stepHours = step * 24;
      // Monday-aligned origins: the first at or after max(from, start + 8 weeks) on from's weekday.
      flow::HourKey first = from;
      while (first < s.start + 56 * 24) first += 7 * 24;
      bo.firstOrigin = first;
      bo.lastOrigin = std::min<flow::HourKey>(to, s.end() - fo.horizonHours);
      const auto a = Clock::now();
      flow::BacktestResult r = flow::backtest(name, s, cal, fo, bo, {}, core::nullFeedback());
      const double sec = std::chrono::duration<double>(Clock::now() - a).count();
      std::lock_guard<std::mutex> lock(mutex);
      results[mi][si] = std::move(r);
      seconds[mi] += sec;
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();

  std::printf("%-6s %-30s %7s", "sensor", "name", "hours");
  for (auto m : models) std::printf(" %10s", (std::string(flow::forecastModelName(m)) + ".W").c_str());
  std::printf("\n");
  for (std::size_t si = 0; si < chosen.size(); ++si) {
    const std::string& n = table.series[chosen[si]].first;
    std::string label = table.labels.count(n) ? table.labels.at(n) : "";
    if (label.size() > 30) label.resize(30);
    std::printf("%-6s %-30s %7lld", n.c_str(), label.c_str(), static_cast<long long>(results[0][si].accuracy.n));
    for (std::size_t mi = 0; mi < models.size(); ++mi) std::printf(" %10.4f", results[mi][si].accuracy.wape());
    std::printf("\n");
  }
  const flow::BacktestTotal naive = flow::backtestTotal(results[0]);
  std::printf("\n%-12s %8s %8s %10s %8s %8s %8s %9s %8s\n", "model", "origins", "WAPE", "vs naive", "MASE", "cov80",
              "cov95", "hours", "CPU s");
  for (std::size_t mi = 0; mi < models.size(); ++mi) {
    const flow::BacktestTotal t = flow::backtestTotal(results[mi]);
    int origins = 0;
    for (const auto& r : results[mi]) origins += r.origins;
    std::printf("%-12s %8d %8.4f %9.2f%% %8.4f %8.3f %8.3f %9lld %8.1f\n", flow::forecastModelName(models[mi]), origins,
                t.pooled.wape(), 100.0 * (1.0 - t.pooled.wape() / naive.pooled.wape()), t.meanMase,
                t.pooled.coverage(0), t.pooled.coverage(1), static_cast<long long>(t.pooled.n), seconds[mi]);
  }
  std::printf("(WAPE pooled over sensors and hours; 'vs naive' = WAPE reduction against same hour last week;\n"
              " sensors with an odd SensorID were used to design the gbt features, even IDs are held out)\n");
  return 0;
}

}  // namespace ekm::cli
