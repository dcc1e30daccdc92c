#include "gbt_regressor.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "ekm/core/error.h"

namespace ekm::flow {
namespace {

// Parameters as text in the C locale (std::to_string follows the process locale, and a GUI
// under a locale with a decimal comma would hand XGBoost "0,05").
std::string number(double v) {
  char b[32];
  const auto r = std::to_chars(b, b + sizeof b, v);
  return std::string(b, r.ptr);
}

void check(int rc, const char* what) {
  if (rc == 0) return;
  core::ErrorContext c;
  c.found = XGBGetLastError();
  throw core::Error(core::ErrorCode::Model, std::string("XGBoost: ") + what + " failed", c);
}

// XGBoost 1.7 draws max(1, floor(fraction x columns)) columns for each tree. On a narrow
// table that silently drops whole features: with two columns, 0.8 keeps one, so every tree
// splits on a single feature and the ensemble is additive (it cannot learn an interaction
// such as step(x0) * x1^2). The wrapper means "about this fraction, rounded up": the
// fraction handed to XGBoost gives ceil(fraction x columns) columns.
std::string columnFraction(double fraction, int columns) {
  if (!(fraction < 1.0) || columns <= 0) return "1";
  const double keep = std::ceil(std::max(0.0, fraction) * columns - 1e-9);
  if (keep >= columns) return "1";
  // (keep + 0.5) / columns: XGBoost's float product floors to exactly `keep`.
  return number((std::max(1.0, keep) + 0.5) / columns);
}

struct Matrix {
  DMatrixHandle h = nullptr;
  explicit Matrix(const FeatureTable& d) {
    check(XGDMatrixCreateFromMat(d.x.data(), d.rows(), static_cast<bst_ulong>(d.cols),
                                 std::numeric_limits<float>::quiet_NaN(), &h),
          "XGDMatrixCreateFromMat");
  }
  ~Matrix() {
    if (h) XGDMatrixFree(h);
  }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
};

class GbtRegressor final : public Regressor {
 public:
  explicit GbtRegressor(const RegressorOptions& o) : m_o(o) {}
  ~GbtRegressor() override {
    if (m_booster) XGBoosterFree(m_booster);
  }

  void fit(const FeatureTable& d) override {
    if (d.rows() < 10 || d.y.size() != d.rows()) {
      core::ErrorContext c;
      c.found = std::to_string(d.rows()) + " rows";
      throw core::Error(core::ErrorCode::Model, "too few rows for gradient-boosted trees", c);
    }
    if (m_booster) {
      XGBoosterFree(m_booster);
      m_booster = nullptr;
    }
    Matrix m(d);
    check(XGDMatrixSetFloatInfo(m.h, "label", d.y.data(), d.rows()), "set label");
    if (!d.weight.empty()) check(XGDMatrixSetFloatInfo(m.h, "weight", d.weight.data(), d.rows()), "set weight");
    check(XGBoosterCreate(&m.h, 1, &m_booster), "XGBoosterCreate");
    auto set = [&](const char* k, const std::string& v) { check(XGBoosterSetParam(m_booster, k, v.c_str()), k); };
    set("verbosity", "0");
    set("objective", "reg:squarederror");
    set("tree_method", "hist");
    set("max_depth", std::to_string(m_o.maxDepth));
    set("eta", number(m_o.eta));
    set("subsample", number(m_o.subsample));
    set("colsample_bytree", columnFraction(m_o.colsampleByTree, d.cols));
    set("min_child_weight", number(m_o.minChildWeight));
    set("lambda", number(m_o.lambda));
    set("max_bin", std::to_string(m_o.maxBin));
    set("nthread", std::to_string(std::max(1, m_o.threads)));
    set("seed", std::to_string(m_o.seed));
    for (int i = 0; i < m_o.rounds; ++i) check(XGBoosterUpdateOneIter(m_booster, i, m.h), "XGBoosterUpdateOneIter");
    m_cols = d.cols;
  }

  std::vector<double> predict(const FeatureTable& d) const override {
    if (!m_booster) throw core::Error(core::ErrorCode::Model, "gradient-boosted trees used before fitting");
    if (d.rows() == 0) return {};
    Matrix m(d);
    bst_ulong len = 0;
    const float* out = nullptr;
    check(XGBoosterPredict(m_booster, m.h, 0, 0, 0, &len, &out), "XGBoosterPredict");
    return std::vector<double>(out, out + len);
  }
  std::string name() const override { return "gbt"; }
  // Not a regression with a parameter count in G14's sense: its metrics use N (p = 0).
  int parameterCount() const override { return 0; }

 private:
  RegressorOptions m_o;
  BoosterHandle m_booster = nullptr;
  int m_cols = 0;
};

}  // namespace

std::unique_ptr<Regressor> makeGbtRegressor(const RegressorOptions& options) {
  return std::make_unique<GbtRegressor>(options);
}

}  // namespace ekm::flow
