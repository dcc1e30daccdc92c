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

  // matplotlib's perceptually uniform ramps (van der Walt & Smith), each from its 10 samples
  // cmap(linspace(0, 1, 10)) (entries int(t * 256) of matplotlib's 256-entry tables):
  // viridis, magma, plasma; and cividis (Nuñez, Anderton & Renslow 2018, optimised for
  // colour-vision deficiency). viridis and cividis are the colour-blind-safe defaults.
  static ColourRamp viridis();
  static ColourRamp cividis();
  static ColourRamp magma();
  static ColourRamp plasma();
  // ColorBrewer sequential schemes (Brewer & Harrower), from their 9-class colours:
  // YlOrRd (yellow-orange-red), Blues, Greens.
  static ColourRamp ylOrRd();
  static ColourRamp blues();
  static ColourRamp greens();
  // Light grey to dark grey (ColorBrewer Greys' ends); a neutral fallback.
  static ColourRamp greys();
  // The built-in ramps by name ("viridis", "cividis", "magma", "plasma", "YlOrRd", "Blues",
  // "Greens", "greys"; a " (reversed)" suffix gives the reversed ramp); an unknown name gives
  // viridis. names() lists the names in menu order.
  static ColourRamp named(const QString& name);
  static QStringList names();
  // The same ramp reversed (name gets a " (reversed)" suffix; reversing twice restores it).
  ColourRamp reversed() const;

  const QString& name() const { return m_name; }
  const std::vector<std::pair<double, QColor>>& stops() const { return m_stops; }
  QColor at(double t) const;
  // Colour of class i of n classes: the ends of the ramp for the first and last class.
  QColor classColour(int i, int n) const;
  bool operator==(const ColourRamp&) const = default;

 private:
  QString m_name;
  std::vector<std::pair<double, QColor>> m_stops;
};

}  // namespace ekm::render
