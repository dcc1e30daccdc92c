#include "ekm/geo/transformer.h"

#include <proj.h>

#include <cmath>
#include <tuple>

namespace ekm::geo {

struct Transformer::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
  ~Impl() {
    if (pj) proj_destroy(pj);
    if (ctx) proj_context_destroy(ctx);
  }
};

namespace {

std::string contextError(PJ_CONTEXT* ctx) {
  const int e = proj_context_errno(ctx);
  const char* s = e ? proj_context_errno_string(ctx, e) : nullptr;
  return s ? s : "unknown PROJ error";
}

}  // namespace

Transformer::Transformer(int targetEpsg) : Transformer("EPSG:4326", "EPSG:" + std::to_string(targetEpsg)) {}

Transformer::Transformer(const std::string& sourceCrs, const std::string& targetCrs)
    : m_impl(std::make_unique<Impl>()), m_source(sourceCrs), m_target(targetCrs) {
  m_impl->ctx = proj_context_create();
  if (!m_impl->ctx) throw ProjError("cannot create a PROJ context");
  proj_log_level(m_impl->ctx, PJ_LOG_NONE);
  PJ* raw = proj_create_crs_to_crs(m_impl->ctx, sourceCrs.c_str(), targetCrs.c_str(), nullptr);
  if (!raw) {
    core::ErrorContext c;
    c.expected = "two coordinate reference systems PROJ knows";
    c.found = sourceCrs + " -> " + targetCrs;
    throw ProjError("cannot create the transformation: " + contextError(m_impl->ctx), c);
  }
  m_impl->pj = proj_normalize_for_visualization(m_impl->ctx, raw);
  proj_destroy(raw);
  if (!m_impl->pj)
    throw ProjError("cannot normalise the axis order of " + sourceCrs + " -> " + targetCrs + ": " +
                    contextError(m_impl->ctx));
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

void Transformer::transform(bool fwd, double* x, double* y, std::size_t n) const {
  if (!m_impl) throw ProjError("use of a moved-from Transformer");
  if (n == 0) return;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
      throw ProjError("point " + std::to_string(i) + " has a non-finite coordinate (" + m_source + " -> " +
                      m_target + ")");
  proj_errno_reset(m_impl->pj);
  proj_trans_generic(m_impl->pj, fwd ? PJ_FWD : PJ_INV, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0, 0,
                     nullptr, 0, 0);
  const int err = proj_errno(m_impl->pj);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || x[i] == HUGE_VAL || y[i] == HUGE_VAL) {
      std::string why = err ? proj_context_errno_string(m_impl->ctx, err) : "the point is outside the CRS's domain";
      throw ProjError("cannot transform point " + std::to_string(i) + " (" + (fwd ? m_source + " -> " + m_target
                                                                               : m_target + " -> " + m_source) +
                      "): " + why);
    }
  }
}

std::pair<double, double> Transformer::forward(double x, double y) const {
  transform(true, &x, &y, 1);
  return {x, y};
}

std::pair<double, double> Transformer::inverse(double x, double y) const {
  transform(false, &x, &y, 1);
  return {x, y};
}

void Transformer::forwardInPlace(double* x, double* y, std::size_t n) const { transform(true, x, y, n); }
void Transformer::inverseInPlace(double* x, double* y, std::size_t n) const { transform(false, x, y, n); }

void Transformer::forwardInPlace(std::vector<double>& x, std::vector<double>& y) const {
  if (x.size() != y.size()) throw ProjError("x and y arrays differ in length");
  transform(true, x.data(), y.data(), x.size());
}

void Transformer::inverseInPlace(std::vector<double>& x, std::vector<double>& y) const {
  if (x.size() != y.size()) throw ProjError("x and y arrays differ in length");
  transform(false, x.data(), y.data(), x.size());
}

std::vector<std::pair<double, double>> Transformer::forward(const std::vector<std::pair<double, double>>& pts) const {
  std::vector<double> x(pts.size()), y(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) std::tie(x[i], y[i]) = pts[i];
  transform(true, x.data(), y.data(), x.size());
  std::vector<std::pair<double, double>> out(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) out[i] = {x[i], y[i]};
  return out;
}

std::vector<std::pair<double, double>> Transformer::inverse(const std::vector<std::pair<double, double>>& pts) const {
  std::vector<double> x(pts.size()), y(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) std::tie(x[i], y[i]) = pts[i];
  transform(false, x.data(), y.data(), x.size());
  std::vector<std::pair<double, double>> out(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) out[i] = {x[i], y[i]};
  return out;
}

}  // namespace ekm::geo
