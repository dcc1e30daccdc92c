#include "ekm/flow/model_engine.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/flow/conformal.h"
#include "gbt_regressor.h"

namespace ekm::flow {
namespace {

core::Error modelError(const std::string& message, const std::string& found = {}) {
  core::ErrorContext c;
  c.found = found;
  return core::Error(core::ErrorCode::Model, message, c);
}

class RidgeRegressor final : public Regressor {
 public:
  explicit RidgeRegressor(const RegressorOptions& o) : m_o(o) {}

  void fit(const FeatureTable& d) override {
    const std::size_t n = d.rows();
    const int p = d.cols;
    if (n < static_cast<std::size_t>(p) + 2 || d.y.size() != n)
      throw modelError("too few rows for the ridge regression", std::to_string(n) + " rows, " + std::to_string(p) + " columns");
    // Column means and scales over present values (weighted).
    m_mean.assign(p, 0.0);
    m_scale.assign(p, 1.0);
    std::vector<double> wsum(p, 0.0), sq(p, 0.0);
    auto w = [&](std::size_t i) { return d.weight.empty() ? 1.0 : static_cast<double>(d.weight[i]); };
    for (std::size_t i = 0; i < n; ++i)
      for (int j = 0; j < p; ++j) {
        const float v = d.x[i * p + j];
        if (std::isnan(v)) continue;
        m_mean[j] += w(i) * v;
        wsum[j] += w(i);
      }
    for (int j = 0; j < p; ++j) m_mean[j] = wsum[j] > 0 ? m_mean[j] / wsum[j] : 0.0;
    for (std::size_t i = 0; i < n; ++i)
      for (int j = 0; j < p; ++j) {
        const float v = d.x[i * p + j];
        if (!std::isnan(v)) sq[j] += w(i) * (v - m_mean[j]) * (v - m_mean[j]);
      }
    for (int j = 0; j < p; ++j) {
      const double sd = wsum[j] > 0 ? std::sqrt(sq[j] / wsum[j]) : 0.0;
      m_scale[j] = sd > 1e-12 ? sd : 1.0;
    }
    // Normal equations with an intercept column (index p), unpenalised.
    // Accumulated over blocks of rows (a rank-k update per block: blocked, vectorised).
    Eigen::MatrixXd xtx = Eigen::MatrixXd::Zero(p + 1, p + 1);
    Eigen::VectorXd xty = Eigen::VectorXd::Zero(p + 1);
    constexpr std::size_t kBlock = 512;
    Eigen::MatrixXd zb(p + 1, static_cast<Eigen::Index>(std::min(n, kBlock)));
    Eigen::VectorXd z(p + 1), yb(zb.cols());
    double sw = 0;
    for (std::size_t b0 = 0; b0 < n; b0 += kBlock) {
      const std::size_t rows = std::min(kBlock, n - b0);
      for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t i = b0 + r;
        standardise(d.row(i), z);
        const double wi = w(i), sq = std::sqrt(wi);
        zb.col(static_cast<Eigen::Index>(r)) = sq * z;
        yb(static_cast<Eigen::Index>(r)) = sq * static_cast<double>(d.y[i]);
        sw += wi;
      }
      const auto zr = zb.leftCols(static_cast<Eigen::Index>(rows));
      xtx.selfadjointView<Eigen::Lower>().rankUpdate(zr);
      xty.noalias() += zr * yb.head(static_cast<Eigen::Index>(rows));
    }
    xtx = xtx.selfadjointView<Eigen::Lower>();
    for (int j = 0; j < p; ++j) xtx(j, j) += m_o.ridgeLambda * sw + 1e-9;
    m_beta = xtx.ldlt().solve(xty);
    if (!m_beta.allFinite()) throw modelError("ridge regression did not give finite coefficients");
  }

  std::vector<double> predict(const FeatureTable& d) const override {
    std::vector<double> out(d.rows());
    Eigen::VectorXd z(d.cols + 1);
    for (std::size_t i = 0; i < d.rows(); ++i) {
      standardise(d.row(i), z);
      out[i] = z.dot(m_beta);
    }
    return out;
  }
  std::string name() const override { return "ridge"; }
  int parameterCount() const override { return static_cast<int>(m_mean.size()) + 1; }

 private:
  void standardise(std::span<const float> row, Eigen::VectorXd& z) const {
    const std::size_t p = m_mean.size();
    for (std::size_t j = 0; j < p; ++j) z(j) = std::isnan(row[j]) ? 0.0 : (row[j] - m_mean[j]) / m_scale[j];
    z(static_cast<Eigen::Index>(p)) = 1.0;
  }
  RegressorOptions m_o;
  std::vector<double> m_mean, m_scale;
  Eigen::VectorXd m_beta;
};

}  // namespace

void FeatureTable::add(std::span<const float> features, double target) {
  addFeatures(features);
  y.push_back(static_cast<float>(target));
}

void FeatureTable::addFeatures(std::span<const float> features) {
  if (static_cast<int>(features.size()) != cols)
    throw modelError("feature row of the wrong width", std::to_string(features.size()) + " values for " + std::to_string(cols) + " columns");
  x.insert(x.end(), features.begin(), features.end());
}

std::unique_ptr<Regressor> makeRegressor(const RegressorOptions& options) {
  if (options.engine == "ridge") return std::make_unique<RidgeRegressor>(options);
  if (options.engine == "gbt") return makeGbtRegressor(options);
  core::ErrorContext c;
  c.field = "engine";
  c.expected = "ridge or gbt";
  c.found = options.engine;
  throw core::Error(core::ErrorCode::Usage, "unknown forecasting engine", c);
}

std::vector<std::string> regressorEngines() { return {"ridge", "gbt"}; }

ConformalQuantiles conformalQuantiles(std::span<const double> scores, std::span<const double> levels) {
  ConformalQuantiles out;
  std::vector<double> s;
  s.reserve(scores.size());
  for (double v : scores)
    if (!std::isnan(v)) s.push_back(v);
  std::sort(s.begin(), s.end());
  out.n = s.size();
  for (double a : levels) {
    out.levels.push_back(a);
    const double k = std::ceil((static_cast<double>(s.size()) + 1.0) * a);  // 1-based rank
    out.q.push_back(k > static_cast<double>(s.size()) || s.empty() ? std::numeric_limits<double>::infinity()
                                                                    : s[static_cast<std::size_t>(k) - 1]);
  }
  return out;
}

}  // namespace ekm::flow
