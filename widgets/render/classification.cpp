#include "render/classification.h"

#include <algorithm>
#include <cmath>

namespace ekm::render {

ClassBreaks::ClassBreaks(std::vector<double> edges) {
  edges.erase(std::remove_if(edges.begin(), edges.end(), [](double v) { return !std::isfinite(v); }), edges.end());
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  m_edges = std::move(edges);
}

ClassBreaks ClassBreaks::compute(std::vector<double> values, int classes, ClassificationMethod method) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  if (values.empty() || classes < 1) return ClassBreaks();
  std::sort(values.begin(), values.end());
  const double lo = values.front(), hi = values.back();
  std::vector<double> edges{lo};
  for (int i = 1; i < classes; ++i) {
    const double p = static_cast<double>(i) / classes;
    double edge = 0;
    if (method == ClassificationMethod::Quantile) {
      const double h = (values.size() - 1) * p;
      const auto k = static_cast<std::size_t>(std::floor(h));
      const double f = h - static_cast<double>(k);
      edge = k + 1 < values.size() ? values[k] + f * (values[k + 1] - values[k]) : values[k];
    } else {
      edge = lo + (hi - lo) * p;
    }
    edges.push_back(edge);
  }
  edges.push_back(hi);
  return ClassBreaks(std::move(edges));
}

int ClassBreaks::classIndex(double value) const {
  if (std::isnan(value) || m_edges.empty()) return -1;
  if (m_edges.size() < 2) return 0;
  auto first = m_edges.begin() + 1, last = m_edges.end() - 1;
  return static_cast<int>(std::lower_bound(first, last, value) - first);
}

QColor GraduatedStyle::colourFor(double value) const {
  const int i = breaks.classIndex(value);
  return i < 0 ? QColor() : classColour(i);
}

}  // namespace ekm::render
