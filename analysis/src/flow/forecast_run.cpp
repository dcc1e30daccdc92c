#include "ekm/flow/forecast_run.h"

#include <set>

namespace ekm::flow {

namespace {

std::vector<ModelBacktests> backtestAll(const std::vector<NamedSeries>& series, const LocalCalendar& calendar,
                                        const ForecastRunParams& params, core::Feedback& feedback) {
  std::vector<ModelBacktests> out;
  core::MultiStepFeedback steps(feedback, static_cast<int>(params.models.size() * series.size()));
  int step = 0;
  ForecastOptions options = params.options;
  for (const ForecastModel model : params.models) {
    ModelBacktests m;
    m.model = model;
    options.model = model;
    for (const auto& [name, s] : series) {
      steps.setCurrentStep(step++);
      m.series.push_back(backtest(name, s, calendar, options, *params.backtest, params.inputs, steps));
      m.origins += m.series.back().origins;
    }
    m.total = backtestTotal(m.series);
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<SeriesForecast> forecastAll(const std::vector<NamedSeries>& series, const LocalCalendar& calendar,
                                        const ForecastRunParams& params, core::Feedback& feedback,
                                        std::vector<std::string>& unforecastable) {
  std::vector<SeriesForecast> out;
  std::vector<const HourlySeries*> pointers;
  for (const auto& [name, s] : series) pointers.push_back(&s);
  core::MultiStepFeedback steps(feedback, static_cast<int>(params.models.size()));
  std::set<std::size_t> skipped;
  ForecastOptions options = params.options;
  int step = 0;
  for (const ForecastModel model : params.models) {
    steps.setCurrentStep(step++);
    options.model = model;
    std::vector<std::size_t> none;
    auto forecasts = forecastMany(pointers, calendar, options, params.threads, steps, params.inputs,
                                  params.skipUnforecastable ? &none : nullptr);
    skipped.insert(none.begin(), none.end());
    for (std::size_t i = 0; i < series.size(); ++i) out.push_back({series[i].first, model, std::move(forecasts[i])});
  }
  for (std::size_t i : skipped) unforecastable.push_back(series[i].first);
  return out;
}

}  // namespace

ForecastRunResult runForecasts(const std::vector<NamedSeries>& series, const LocalCalendar& calendar,
                               const ForecastRunParams& params, core::Feedback& feedback) {
  ForecastRunResult result;
  if (params.backtest)
    result.backtests = backtestAll(series, calendar, params, feedback);
  else
    result.forecasts = forecastAll(series, calendar, params, feedback, result.unforecastable);
  return result;
}

}  // namespace ekm::flow
