#pragma once
// Split-conformal prediction intervals (Vovk et al.; Lei et al. 2018): residual scores of a
// model on calibration rows it was not fitted on give, for a level a, the
// ceil((n + 1) a)-th smallest score q_a; the interval yhat +- q_a * scale then covers a new
// value with probability >= a when calibration and new rows are exchangeable. Scores are
// normalised by a caller-chosen scale (e.g. the hour's typical level), so quiet hours get
// narrow intervals and busy hours wide ones.
#include <span>
#include <vector>

namespace ekm::flow {

struct ConformalQuantiles {
  std::vector<double> levels;  // e.g. 0.8, 0.95
  std::vector<double> q;       // score quantile per level (+inf when n is too small for the level)
  std::size_t n = 0;           // calibration scores
};

// scores: |y - yhat| / scale per calibration row (NaN skipped).
ConformalQuantiles conformalQuantiles(std::span<const double> scores, std::span<const double> levels);

}  // namespace ekm::flow
