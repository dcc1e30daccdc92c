#pragma once
// Linking people, town and railway data: lagged cross-correlation between two hourly
// series, station catchments (cells near a station) and an agreement check between sources.
#include <array>
#include <string>
#include <vector>

#include "ekm/flow/series.h"

namespace ekm::flow {

struct LagCorrelation {
  int lag = 0;   // hours; r(lag) = corr(x(t), y(t + lag)): positive lag = y follows x
  double r = 0;  // Pearson correlation over the hours where both are present (NaN if < 3)
  int pairs = 0;
};
// For lags -maxLag..maxLag. Missing hours are skipped pairwise.
std::vector<LagCorrelation> crossCorrelation(const HourlySeries& x, const HourlySeries& y, int maxLag);
// The lag with the largest r (ties: smallest |lag|); lag 0 / r NaN if none defined.
LagCorrelation bestLag(const std::vector<LagCorrelation>& correlations);

struct CatchmentCandidate {
  std::string id;           // e.g. a mesh code
  double lon = 0, lat = 0;  // its centroid
};
struct CatchmentMember {
  std::string id;
  double distanceM = 0;
};
// Candidates whose centroid lies within radiusM of (lon, lat), by geodesic distance on GRS80,
// sorted by distance.
std::vector<CatchmentMember> catchment(double lon, double lat, double radiusM,
                                       const std::vector<CatchmentCandidate>& candidates);
// Convenience: the existing mesh cells (codes) around a point: all codes of `level` covering
// the radius' bounding box whose centre is within radiusM.
std::vector<CatchmentMember> meshCatchment(double lon, double lat, double radiusM,
                                           const std::string& levelName);

struct AgreementResult {
  std::string feature;
  std::array<double, 24> pattern{};  // mean share of the daily total per local hour (sums to 1)
  double correlation = 0;            // Pearson r with the median pattern of the others
  double distance = 0;               // half the L1 distance to that pattern (0..1)
  int days = 0;                      // complete days used
  bool flagged = false;
};
// Normalised mean daily pattern of each feature (complete days only) compared with the
// element-wise median pattern of the other features. A feature is flagged when r < minR or
// distance > maxDistance, or when it has no complete day.
std::vector<AgreementResult> agreementCheck(const std::vector<std::pair<std::string, HourlySeries>>& features,
                                            const LocalCalendar& calendar, double minR = 0.8,
                                            double maxDistance = 0.25);

}  // namespace ekm::flow
