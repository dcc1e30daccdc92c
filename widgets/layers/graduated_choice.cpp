#include "layers/graduated_choice.h"

#include <QVariantList>
#include <algorithm>
#include <cmath>

namespace ekm::widgets {

using render::ClassificationMethod;

namespace {
const QString kReversedSuffix = QStringLiteral(" (reversed)");
}

QString methodKey(ClassificationMethod method) {
  switch (method) {
    case ClassificationMethod::Quantile: return QStringLiteral("quantile");
    case ClassificationMethod::EqualInterval: return QStringLiteral("equal_interval");
    case ClassificationMethod::NaturalBreaks: return QStringLiteral("natural_breaks");
    case ClassificationMethod::Fixed: return QStringLiteral("fixed");
  }
  return QStringLiteral("quantile");
}

std::optional<ClassificationMethod> methodFromKey(const QString& key) {
  for (ClassificationMethod m : {ClassificationMethod::Quantile, ClassificationMethod::EqualInterval,
                                 ClassificationMethod::NaturalBreaks, ClassificationMethod::Fixed})
    if (methodKey(m) == key) return m;
  return std::nullopt;
}

std::pair<QString, bool> splitRampName(const QString& rampName) {
  if (rampName.endsWith(kReversedSuffix)) return {rampName.chopped(kReversedSuffix.size()), true};
  return {rampName, false};
}

render::ClassBreaks GraduatedChoice::breaksFor(const std::vector<double>& sampleValues) const {
  if (method != ClassificationMethod::Fixed) {
    const bool anyValue = std::any_of(sampleValues.begin(), sampleValues.end(), [](double v) { return std::isfinite(v); });
    if (anyValue) return render::ClassBreaks::compute(sampleValues, classes, method);
  }
  return render::ClassBreaks(edges);
}

render::ColourRamp GraduatedChoice::ramp() const {
  render::ColourRamp ramp = render::ColourRamp::named(rampName);
  return reversed ? ramp.reversed() : ramp;
}

render::GraduatedStyle GraduatedChoice::applyTo(render::GraduatedStyle base, const std::vector<double>& sampleValues) const {
  base.breaks = breaksFor(sampleValues);
  base.ramp = ramp();
  base.opacity = std::clamp(opacity, 0.0, 1.0);
  return base;
}

QVariantMap GraduatedChoice::toVariant() const {
  QVariantList edgeList;
  for (double e : edges) edgeList.append(e);
  return {{QStringLiteral("method"), methodKey(method)},
          {QStringLiteral("classes"), classes},
          {QStringLiteral("edges"), edgeList},
          {QStringLiteral("ramp"), rampName},
          {QStringLiteral("reversed"), reversed},
          {QStringLiteral("opacity"), opacity}};
}

std::optional<GraduatedChoice> GraduatedChoice::fromVariant(const QVariant& value) {
  const QVariantMap map = value.toMap();
  GraduatedChoice c;
  const auto method = methodFromKey(map.value(QStringLiteral("method")).toString());
  if (!method) return std::nullopt;
  c.method = *method;
  bool ok = false;
  c.classes = map.value(QStringLiteral("classes")).toInt(&ok);
  if (!ok || c.classes < 1) return std::nullopt;
  for (const QVariant& e : map.value(QStringLiteral("edges")).toList()) {
    const double v = e.toDouble(&ok);
    if (!ok || !std::isfinite(v) || (!c.edges.empty() && v <= c.edges.back())) return std::nullopt;
    c.edges.push_back(v);
  }
  c.rampName = map.value(QStringLiteral("ramp")).toString();
  if (c.rampName.isEmpty()) return std::nullopt;
  c.reversed = map.value(QStringLiteral("reversed")).toBool();
  c.opacity = map.value(QStringLiteral("opacity")).toDouble(&ok);
  if (!ok || !(c.opacity >= 0 && c.opacity <= 1)) return std::nullopt;
  return c;
}

}  // namespace ekm::widgets
