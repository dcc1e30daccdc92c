#pragma once
// Classification of values into classes for graduated styles, and the style itself.
//
// Breaks are n + 1 ascending edges e0 < e1 < ... < en. Class 0 is [e0, e1], class i > 0 is
// (ei, ei+1] (upper bound inclusive, as QGIS's graduated renderer). Values below e0 fall in
// class 0 and values above en in the last class. NaN (missing) is in no class: index -1.
#include <QColor>
#include <vector>

#include "render/colour_ramp.h"

namespace ekm::render {

// Quantile, equal interval, natural breaks (Jenks: minimises within-class variance), or
// fixed breaks given by the user (ClassBreaks(edges)); compute() rejects Fixed.
enum class ClassificationMethod { Quantile, EqualInterval, NaturalBreaks, Fixed };

class ClassBreaks {
 public:
  ClassBreaks() = default;
  // Edges must be ascending; equal neighbours are merged.
  explicit ClassBreaks(std::vector<double> edges);

  // Quantile classes (edges at the p = i/n quantiles, type 7 / linear interpolation as
  // numpy's default) or equal intervals between min and max. NaNs are ignored; classes with
  // equal edges (many equal values) are merged, so there may be fewer than `classes`.
  static ClassBreaks compute(std::vector<double> values, int classes, ClassificationMethod method);

  const std::vector<double>& edges() const { return m_edges; }
  int classCount() const { return m_edges.size() < 2 ? (m_edges.empty() ? 0 : 1) : static_cast<int>(m_edges.size()) - 1; }
  double lower(int i) const { return m_edges.at(i); }
  double upper(int i) const { return m_edges.size() < 2 ? m_edges.at(0) : m_edges.at(i + 1); }
  int classIndex(double value) const;
  bool operator==(const ClassBreaks&) const = default;

 private:
  std::vector<double> m_edges;
};

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
