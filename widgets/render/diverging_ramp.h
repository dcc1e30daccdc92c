#pragma once
// A diverging classification centred on zero, for differences (period B - period A, or a
// forecast minus a baseline): an odd number of symmetric classes of a round width w (1, 2, 2.5
// or 5 x 10^k) with the middle class [-w/2, w/2] holding zero and the outer edges at or just
// beyond +-maxAbs; blue for decreases, red for increases, neutral light grey in the middle. Colours follow ColorBrewer's RdBu (Brewer & Harrower, colour-blind safe).
#include <QColor>
#include <vector>

#include "render/classification.h"
#include "render/colour_ramp.h"

namespace ekm::render {

class DivergingRamp {
 public:
  // classes is made odd (at least 3); maxAbs <= 0 or NaN gives maxAbs = 1. maxAbs() is then
  // the outer edge (>= the requested maxAbs).
  DivergingRamp(double maxAbs = 1.0, int classes = 7);

  // RdBu from blue (t = 0) through the centre colour (t = 0.5) to red (t = 1).
  static ColourRamp blueWhiteRed();
  static QColor centreColour();

  // A "nice" symmetric bound from the largest |value| (or a high quantile of them, so one
  // outlier does not wash out the map). NaNs ignored; 1 when there is nothing.
  static double niceMaxAbs(const std::vector<double>& values, double quantile = 0.98);

  double maxAbs() const { return m_breaks.edges().empty() ? 1.0 : m_breaks.edges().back(); }
  int classCount() const { return m_breaks.classCount(); }
  const ClassBreaks& breaks() const { return m_breaks; }
  QColor classColour(int i) const { return m_ramp.classColour(i, classCount()); }
  // The colour of a value (values beyond +-maxAbs take the end classes); invalid for NaN.
  QColor colourFor(double value) const;
  // The style equivalent (for legends and anyone drawing graduated classes).
  GraduatedStyle style() const;
  bool operator==(const DivergingRamp&) const = default;

 private:
  ClassBreaks m_breaks;
  ColourRamp m_ramp;
};

}  // namespace ekm::render
