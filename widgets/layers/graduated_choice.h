#pragma once
// What the user chose for a graduated style (method, classes, breaks, ramp, opacity), kept
// per layer id so that the choice survives new snapshots and is saved with the project's
// window state (as a QVariantMap in QSettings).
#include <QString>
#include <QVariant>
#include <optional>
#include <vector>

#include "render/classification.h"

namespace ekm::widgets {

struct GraduatedChoice {
  render::ClassificationMethod method = render::ClassificationMethod::Quantile;
  int classes = 7;                // requested classes (computed methods)
  std::vector<double> edges;      // the breaks in use: computed ones, or the user's fixed breaks
  QString rampName = QStringLiteral("viridis");  // a ColourRamp::names() entry
  bool reversed = false;
  double opacity = 0.85;

  // Breaks from sample values for computed methods (the stored edges when there are no values
  // or the method is Fixed).
  render::ClassBreaks breaksFor(const std::vector<double>& sampleValues) const;
  render::ColourRamp ramp() const;
  // `base` with this choice's breaks (from sampleValues as breaksFor), ramp and opacity.
  render::GraduatedStyle applyTo(render::GraduatedStyle base, const std::vector<double>& sampleValues) const;

  QVariantMap toVariant() const;
  // nullopt when the map is not a valid choice (unknown method, non-numeric or unsorted edges).
  static std::optional<GraduatedChoice> fromVariant(const QVariant& value);
  bool operator==(const GraduatedChoice&) const = default;
};

// Stable keys for saved state: "quantile", "equal_interval", "natural_breaks", "fixed".
QString methodKey(render::ClassificationMethod method);
std::optional<render::ClassificationMethod> methodFromKey(const QString& key);

// A ramp's base name and whether it is reversed, from ColourRamp::name() ("viridis (reversed)").
std::pair<QString, bool> splitRampName(const QString& rampName);

}  // namespace ekm::widgets
