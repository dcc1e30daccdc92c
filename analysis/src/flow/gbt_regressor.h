#pragma once
// Gradient-boosted trees through XGBoost's C API (private to the analysis library).
#include <memory>

#include "ekm/flow/model_engine.h"

namespace ekm::flow {
std::unique_ptr<Regressor> makeGbtRegressor(const RegressorOptions& options);
}
