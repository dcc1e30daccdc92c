#pragma once
// PROJ coordinate transformations.
//
// A Transformer owns its own PJ_CONTEXT, so it is safe to use one Transformer per thread
// (a single instance must not be used from two threads at once). Input and output are in
// GIS axis order (proj_normalize_for_visualization): longitude/latitude in degrees, and
// easting/northing in metres for projected CRSs — note that the Japanese survey convention
// calls the northing "X"; here x is always the easting.
// Every PROJ failure becomes core::Error with ErrorCode::Proj.
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ekm/core/error.h"

namespace ekm::geo {

class ProjError : public core::Error {
 public:
  explicit ProjError(std::string message, core::ErrorContext context = {})
      : core::Error(core::ErrorCode::Proj, std::move(message), std::move(context)) {}
};

class Transformer {
 public:
  // From EPSG:4326 (lon, lat) to EPSG:targetEpsg.
  explicit Transformer(int targetEpsg);
  // Between any two CRS definitions PROJ accepts ("EPSG:4326", "EPSG:6677", WKT, PROJJSON).
  Transformer(const std::string& sourceCrs, const std::string& targetCrs);
  ~Transformer();
  Transformer(Transformer&&) noexcept;
  Transformer& operator=(Transformer&&) noexcept;
  Transformer(const Transformer&) = delete;
  Transformer& operator=(const Transformer&) = delete;

  const std::string& sourceCrs() const { return m_source; }
  const std::string& targetCrs() const { return m_target; }

  // Single points: (x, y) -> (x', y'). Throws ProjError if the point cannot be transformed.
  std::pair<double, double> forward(double x, double y) const;
  std::pair<double, double> inverse(double x, double y) const;
  // Batches, in place; x and y must have the same length. Throws ProjError naming the
  // index of the first point that failed (the arrays are then partly transformed).
  void forwardInPlace(std::vector<double>& x, std::vector<double>& y) const;
  void inverseInPlace(std::vector<double>& x, std::vector<double>& y) const;
  void forwardInPlace(double* x, double* y, std::size_t n) const;
  void inverseInPlace(double* x, double* y, std::size_t n) const;
  std::vector<std::pair<double, double>> forward(const std::vector<std::pair<double, double>>& points) const;
  std::vector<std::pair<double, double>> inverse(const std::vector<std::pair<double, double>>& points) const;

 private:
  void transform(bool forwardDirection, double* x, double* y, std::size_t n) const;
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::string m_source;
  std::string m_target;
};

}  // namespace ekm::geo
