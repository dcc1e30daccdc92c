#pragma once
// Continuous colour ramps sampled at t in [0, 1], linear interpolation in sRGB between stops.
#include <QColor>
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace ekm::render {

class ColourRamp {
 public:
  ColourRamp() = default;
  ColourRamp(QString name, std::vector<std::pair<double, QColor>> stops);

  // viridis (matplotlib, van der Walt & Smith; perceptually uniform, colour-blind safe),
  // from its 10 standard samples at t = 0, 1/9, ..., 1.
  static ColourRamp viridis();
  // cividis (Nuñez, Anderton & Renslow 2018; optimised for colour-vision deficiency).
  static ColourRamp cividis();
  // Light grey to dark grey; a neutral fallback.
  static ColourRamp greys();
  // The built-in ramps by name ("viridis", "cividis", "magma", "YlOrRd", "Blues", "greys"...);
  // an unknown name gives viridis. names() lists them in menu order.
  static ColourRamp named(const QString& name);
  static QStringList names();
  // The same ramp reversed (name gets a " (reversed)" suffix).
  ColourRamp reversed() const;

  const QString& name() const { return m_name; }
  QColor at(double t) const;
  // Colour of class i of n classes: the ends of the ramp for the first and last class.
  QColor classColour(int i, int n) const;
  bool operator==(const ColourRamp&) const = default;

 private:
  QString m_name;
  std::vector<std::pair<double, QColor>> m_stops;
};

}  // namespace ekm::render
