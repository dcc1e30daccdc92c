#pragma once
// Classification of values into classes for graduated styles, and the style itself.
//
// Breaks are n + 1 ascending edges e0 < e1 < ... < en. Class 0 is [e0, e1], class i > 0 is
// (ei, ei+1] (upper bound inclusive, as QGIS's graduated renderer). Values below e0 fall in
// class 0 and values above en in the last class. NaN (missing) is in no class: index -1.
#include <QColor>
#include <cstddef>
#include <vector>

#include "render/colour_ramp.h"

namespace ekm::render {

// Quantile, equal interval, natural breaks (Jenks: minimises within-class variance), or
// fixed breaks given by the user (ClassBreaks(edges)); compute() rejects Fixed.
enum class ClassificationMethod { Quantile, EqualInterval, NaturalBreaks, Fixed };

class ClassBreaks {
 public:
  ClassBreaks() = default;
  // Fixed breaks. Edges must be finite and ascending (equal neighbours are merged); throws
  // core::ValidationError naming the offending edge otherwise, or when there is no edge.
  explicit ClassBreaks(std::vector<double> edges);

  // Breaks computed from data; NaNs are ignored; classes with equal edges (many equal
  // values) are merged, so there may be fewer than `classes`. Throws core::ValidationError
  // for ClassificationMethod::Fixed (use the constructor) or classes < 1.
  //  - Quantile: edges at the p = i/n quantiles (type 7 / linear interpolation, numpy's
  //    default).
  //  - EqualInterval: n equal intervals between min and max.
  //  - NaturalBreaks: Jenks–Fisher optimal classes (Fisher 1958; the exact dynamic programme
  //    minimising the sum of squared deviations from the class means). Edges are the minimum
  //    and each class's largest value, as jenkspy and R's classInt ("fisher"/"jenks") give.
  //    With more than kNaturalBreaksSampleSize finite values the optimum is computed on a
  //    deterministic sample: kNaturalBreaksSampleSize evenly spaced order statistics of the
  //    sorted values (always including the minimum and the maximum), so the same data always
  //    give the same breaks. Cost O(classes x sample^2).
  static ClassBreaks compute(std::vector<double> values, int classes, ClassificationMethod method);
  static constexpr std::size_t kNaturalBreaksSampleSize = 3000;

  const std::vector<double>& edges() const { return m_edges; }
  int classCount() const { return m_edges.size() < 2 ? (m_edges.empty() ? 0 : 1) : static_cast<int>(m_edges.size()) - 1; }
  double lower(int i) const { return m_edges.at(i); }
  double upper(int i) const { return m_edges.size() < 2 ? m_edges.at(0) : m_edges.at(i + 1); }
  int classIndex(double value) const;
  bool operator==(const ClassBreaks&) const = default;

 private:
  struct Trusted {};
  ClassBreaks(Trusted, std::vector<double> sortedFiniteEdges);
  std::vector<double> m_edges;
};

// The Jenks–Fisher optimum on ascending values: the start index of each class after the
// first (classes - 1 indices, ascending). Exposed for tests. values.size() >= classes >= 1.
std::vector<std::size_t> naturalBreakStarts(const std::vector<double>& sortedValues, int classes);

// Graduated colours: class i gets ramp.classColour(i, n); missing values a separate,
// hatched grey so they are never mistaken for the lowest class.
struct GraduatedStyle {
  ClassBreaks breaks;
  ColourRamp ramp = ColourRamp::viridis();
  QColor missingFill{0xd2, 0xd2, 0xd2};
  QColor missingHatch{0x80, 0x80, 0x80};
  QColor outline{255, 255, 255, 90};  // cell outline, drawn when cells are large enough on screen
  double opacity = 0.85;              // layer opacity in composition

  int classCount() const { return breaks.classCount(); }
  QColor classColour(int i) const { return ramp.classColour(i, breaks.classCount()); }
  // Colour of a value; invalid QColor for missing (NaN).
  QColor colourFor(double value) const;
  bool operator==(const GraduatedStyle&) const = default;
};

}  // namespace ekm::render
