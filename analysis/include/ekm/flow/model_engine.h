#pragma once
// The one forecasting engine of people flow and energy: a tabular regressor chosen by name
// behind one interface, and a feature table both domains fill.
//   "ridge" — ridge regression on standardised columns with an unpenalised intercept (Eigen,
//             LDLT of the normal equations); a missing feature (NaN) reads as the column mean.
//   "gbt"   — gradient-boosted trees through XGBoost's C API (tree_method hist, squared error);
//             NaN features go down the learned default branch.
// Prediction intervals are the caller's (split conformal: ekm/flow/conformal.h), so both
// engines get calibrated intervals the same way.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace ekm::flow {

// Row-major float table (what XGBoost reads). NaN = missing.
struct FeatureTable {
  int cols = 0;
  std::vector<float> x;       // rows() * cols
  std::vector<float> y;       // target, one per row (empty for a prediction table)
  std::vector<float> weight;  // optional, one per row

  explicit FeatureTable(int columns = 0) : cols(columns) {}
  std::size_t rows() const { return cols ? x.size() / static_cast<std::size_t>(cols) : 0; }
  // Appends a row; `features` must hold `cols` values.
  void add(std::span<const float> features, double target);
  void addFeatures(std::span<const float> features);
  std::span<const float> row(std::size_t i) const { return {x.data() + i * cols, static_cast<std::size_t>(cols)}; }
};

struct RegressorOptions {
  std::string engine = "ridge";  // "ridge" | "gbt"
  // ridge
  double ridgeLambda = 1e-3;     // times the number of rows (on standardised columns)
  // gbt
  int rounds = 300;
  int maxDepth = 6;
  double eta = 0.05;
  double subsample = 0.8;
  double colsampleByTree = 0.8;
  double minChildWeight = 5;
  double lambda = 1.0;            // L2 on leaf weights
  int maxBin = 256;
  int threads = 1;                // XGBoost's nthread; forecastMany already runs series in parallel
  int seed = 7;
};

class Regressor {
 public:
  virtual ~Regressor() = default;
  // Throws core::Error(Model) on too few rows or a failed fit.
  virtual void fit(const FeatureTable& data) = 0;
  virtual std::vector<double> predict(const FeatureTable& data) const = 0;
  virtual std::string name() const = 0;
  // Effective number of parameters (ridge: columns + 1; gbt: leaves), for the G14 p.
  virtual int parameterCount() const = 0;
};

// Throws core::Error(Usage) naming the field "engine" for an unknown name, and
// core::Error(Model) when the engine is not built in.
std::unique_ptr<Regressor> makeRegressor(const RegressorOptions& options);
std::vector<std::string> regressorEngines();  // {"ridge", "gbt"}

}  // namespace ekm::flow
