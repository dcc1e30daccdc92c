#include "ekm/flow/forecast_run.h"

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
                                        const ForecastRunParams& params, core::Feedback& feedback) {
  std::vector<SeriesForecast> out;
  const std::size_t total = params.models.size() * series.size();
  ForecastOptions options = params.options;
  for (const ForecastModel model : params.models)
    for (const auto& [name, s] : series) {
      feedback.throwIfCancelled();
      options.model = model;
      out.push_back({name, model, forecast(s, s.end(), calendar, options, params.inputs)});
      feedback.setProgress(100.0 * out.size() / total);
    }
  return out;
}

}  // namespace

ForecastRunResult runForecasts(const std::vector<NamedSeries>& series, const LocalCalendar& calendar,
                               const ForecastRunParams& params, core::Feedback& feedback) {
  ForecastRunResult result;
  if (params.backtest)
    result.backtests = backtestAll(series, calendar, params, feedback);
  else
    result.forecasts = forecastAll(series, calendar, params, feedback);
  return result;
}

}  // namespace ekm::flow
