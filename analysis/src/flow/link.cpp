#include "ekm/flow/link.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/flow/statistics.h"
#include "ekm/geo/length.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::flow {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double pearson(const double* x, const double* y, int n) {
  double sx = 0, sy = 0;
  for (int i = 0; i < n; ++i) {
    sx += x[i];
    sy += y[i];
  }
  const double mx = sx / n, my = sy / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (int i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return (sxx > 0 && syy > 0) ? sxy / std::sqrt(sxx * syy) : kNaN;
}
}  // namespace

std::vector<LagCorrelation> crossCorrelation(const HourlySeries& x, const HourlySeries& y, int maxLag) {
  std::vector<LagCorrelation> out;
  std::vector<double> a, b;
  for (int lag = -maxLag; lag <= maxLag; ++lag) {
    a.clear();
    b.clear();
    for (HourKey t = x.start; t < x.end(); ++t) {
      const double xv = x.values[static_cast<std::size_t>(t - x.start)];
      const double yv = y.at(t + lag);
      if (std::isnan(xv) || std::isnan(yv)) continue;
      a.push_back(xv);
      b.push_back(yv);
    }
    LagCorrelation c;
    c.lag = lag;
    c.pairs = static_cast<int>(a.size());
    c.r = c.pairs >= 3 ? pearson(a.data(), b.data(), c.pairs) : kNaN;
    out.push_back(c);
  }
  return out;
}

LagCorrelation bestLag(const std::vector<LagCorrelation>& correlations) {
  LagCorrelation best;
  best.r = kNaN;
  for (const LagCorrelation& c : correlations) {
    if (std::isnan(c.r)) continue;
    if (std::isnan(best.r) || c.r > best.r + 1e-12 ||
        (std::fabs(c.r - best.r) <= 1e-12 && std::abs(c.lag) < std::abs(best.lag)))
      best = c;
  }
  return best;
}

std::vector<CatchmentMember> catchment(double lon, double lat, double radiusM,
                                       const std::vector<CatchmentCandidate>& candidates) {
  std::vector<CatchmentMember> out;
  for (const CatchmentCandidate& c : candidates) {
    const double d = geo::geodesicDistanceM(lon, lat, c.lon, c.lat);
    if (d <= radiusM) out.push_back({c.id, d});
  }
  std::sort(out.begin(), out.end(), [](const CatchmentMember& p, const CatchmentMember& q) {
    return p.distanceM != q.distanceM ? p.distanceM < q.distanceM : p.id < q.id;
  });
  return out;
}

std::vector<CatchmentMember> meshCatchment(double lon, double lat, double radiusM,
                                           const std::string& levelName) {
  const mesh::MeshLevel level = mesh::levelFromName(levelName);
  // Degrees per metre (generous: the box only preselects; the geodesic test decides).
  const double dLat = radiusM / 110000.0 * 1.05;
  const double dLon = radiusM / (111320.0 * std::cos(lat * M_PI / 180.0)) * 1.05;
  std::vector<CatchmentCandidate> cands;
  for (const std::string& code :
       mesh::cellsCoveringBBox(lat - dLat, lon - dLon, lat + dLat, lon + dLon, level)) {
    const mesh::MeshCell c = mesh::decode(code);
    cands.push_back({code, c.centerLon(), c.centerLat()});
  }
  return catchment(lon, lat, radiusM, cands);
}

std::vector<AgreementResult> agreementCheck(const std::vector<std::pair<std::string, HourlySeries>>& features,
                                            const LocalCalendar& calendar, double minR, double maxDistance) {
  std::vector<AgreementResult> out;
  for (const auto& [name, s] : features) {
    AgreementResult r;
    r.feature = name;
    r.pattern.fill(0.0);
    if (!s.empty()) {
      const std::int64_t d0 = calendar.localDay(s.start), d1 = calendar.localDay(s.end() - 1);
      for (std::int64_t d = d0; d <= d1; ++d) {
        std::array<double, 24> v{};
        double total = 0;
        bool ok = true;
        for (int h = 0; h < 24 && ok; ++h) {
          v[h] = s.at(calendar.hourKey(d, h));
          ok = !std::isnan(v[h]);
          total += ok ? v[h] : 0;
        }
        if (!ok || !(total > 0)) continue;
        for (int h = 0; h < 24; ++h) r.pattern[h] += v[h] / total;
        ++r.days;
      }
      if (r.days)
        for (double& p : r.pattern) p /= r.days;
    }
    out.push_back(r);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    AgreementResult& r = out[i];
    if (r.days == 0) {
      r.correlation = r.distance = kNaN;
      r.flagged = true;
      continue;
    }
    std::array<double, 24> ref{};
    std::vector<double> col;
    for (int h = 0; h < 24; ++h) {
      col.clear();
      for (std::size_t j = 0; j < out.size(); ++j)
        if (j != i && out[j].days > 0) col.push_back(out[j].pattern[h]);
      ref[h] = quantile(col, 0.5);
    }
    if (std::isnan(ref[0])) {  // nobody to compare with
      r.correlation = r.distance = kNaN;
      continue;
    }
    double refSum = 0;
    for (double v : ref) refSum += v;
    double l1 = 0;
    for (int h = 0; h < 24; ++h) l1 += std::fabs(r.pattern[h] - ref[h] / refSum);
    r.distance = 0.5 * l1;
    r.correlation = pearson(r.pattern.data(), ref.data(), 24);
    r.flagged = std::isnan(r.correlation) || r.correlation < minR || r.distance > maxDistance;
  }
  return out;
}

}  // namespace ekm::flow
