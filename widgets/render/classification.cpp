#include "render/classification.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "ekm/core/error.h"

namespace ekm::render {

namespace {

std::string numberText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+inf" : "-inf";
  std::string s = std::to_string(v);
  return s;
}

std::vector<double> mergedEqualNeighbours(std::vector<double> edges) {
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  return edges;
}

}  // namespace

ClassBreaks::ClassBreaks(std::vector<double> edges) {
  if (edges.empty()) {
    core::ErrorContext context;
    context.field = "class breaks";
    context.expected = "at least one edge";
    context.found = "none";
    throw core::ValidationError("fixed class breaks need edges", context);
  }
  for (std::size_t i = 0; i < edges.size(); ++i) {
    core::ErrorContext context;
    context.field = "class break " + std::to_string(i + 1);
    if (!std::isfinite(edges[i])) {
      context.expected = "a finite number";
      context.found = numberText(edges[i]);
      throw core::ValidationError("class breaks must be finite numbers", context);
    }
    if (i > 0 && edges[i] < edges[i - 1]) {
      context.expected = "a value >= " + numberText(edges[i - 1]) + " (breaks in ascending order)";
      context.found = numberText(edges[i]);
      throw core::ValidationError("class breaks must be in ascending order", context);
    }
  }
  m_edges = mergedEqualNeighbours(std::move(edges));
}

ClassBreaks::ClassBreaks(Trusted, std::vector<double> sortedFiniteEdges)
    : m_edges(mergedEqualNeighbours(std::move(sortedFiniteEdges))) {}

std::vector<std::size_t> naturalBreakStarts(const std::vector<double>& x, int classes) {
  const std::size_t n = x.size();
  const std::size_t k = static_cast<std::size_t>(std::max(1, classes));
  if (k <= 1 || n <= 1) return {};
  if (k >= n) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 1; i < n; ++i) starts.push_back(i);
    return starts;
  }
  // Prefix sums of the values shifted by their mean (keeps the squared sums well conditioned).
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(n);
  std::vector<double> s1(n + 1, 0.0), s2(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double d = x[i] - mean;
    s1[i + 1] = s1[i] + d;
    s2[i + 1] = s2[i] + d * d;
  }
  // Sum of squared deviations of x[a..b] (inclusive) from their mean.
  auto ssd = [&](std::size_t a, std::size_t b) {
    const double m = static_cast<double>(b - a + 1);
    const double sum = s1[b + 1] - s1[a];
    return std::max(0.0, (s2[b + 1] - s2[a]) - sum * sum / m);
  };
  // cost[j][i]: minimal SSD of x[0..i] in j + 1 classes; start[j][i]: first index of the last class.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> cost(k, std::vector<double>(n, inf));
  std::vector<std::vector<std::size_t>> start(k, std::vector<std::size_t>(n, 0));
  for (std::size_t i = 0; i < n; ++i) cost[0][i] = ssd(0, i);
  for (std::size_t j = 1; j < k; ++j) {
    for (std::size_t i = j; i < n; ++i) {
      double best = inf;
      std::size_t bestStart = i;
      // The last class is x[m..i]; the first j classes hold x[0..m-1] (at least j values).
      for (std::size_t m = i + 1; m-- > j;) {
        const double c = cost[j - 1][m - 1] + ssd(m, i);
        if (c < best) {
          best = c;
          bestStart = m;
        }
      }
      cost[j][i] = best;
      start[j][i] = bestStart;
    }
  }
  std::vector<std::size_t> starts(k - 1);
  std::size_t end = n - 1;
  for (std::size_t j = k - 1; j >= 1; --j) {
    starts[j - 1] = start[j][end];
    end = starts[j - 1] - 1;
  }
  return starts;
}

ClassBreaks ClassBreaks::compute(std::vector<double> values, int classes, ClassificationMethod method) {
  if (method == ClassificationMethod::Fixed) {
    core::ErrorContext context;
    context.field = "classification method";
    context.expected = "quantile, equal interval or natural breaks";
    context.found = "fixed";
    throw core::ValidationError("fixed breaks are given by the user, not computed: use ClassBreaks(edges)", context);
  }
  if (classes < 1) {
    core::ErrorContext context;
    context.field = "classes";
    context.expected = ">= 1";
    context.found = std::to_string(classes);
    throw core::ValidationError("the number of classes must be at least 1", context);
  }
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  if (values.empty()) return ClassBreaks();
  std::sort(values.begin(), values.end());
  const double lo = values.front(), hi = values.back();
  std::vector<double> edges{lo};
  if (method == ClassificationMethod::NaturalBreaks) {
    std::vector<double> sample;
    if (values.size() > kNaturalBreaksSampleSize) {
      sample.reserve(kNaturalBreaksSampleSize);
      const double step = static_cast<double>(values.size() - 1) / (kNaturalBreaksSampleSize - 1);
      for (std::size_t i = 0; i < kNaturalBreaksSampleSize; ++i)
        sample.push_back(values[static_cast<std::size_t>(std::llround(i * step))]);
    } else {
      sample = values;
    }
    for (std::size_t s : naturalBreakStarts(sample, classes)) edges.push_back(sample[s - 1]);  // upper of the class before
    edges.push_back(hi);
    return ClassBreaks(Trusted{}, std::move(edges));
  }
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
  return ClassBreaks(Trusted{}, std::move(edges));
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
