#include "render/colour_ramp.h"

#include <algorithm>
#include <cmath>

namespace ekm::render {

namespace {

const QString kReversedSuffix = QStringLiteral(" (reversed)");

// Evenly spaced stops from hex colours.
ColourRamp evenlySpaced(const QString& name, std::initializer_list<const char*> hex) {
  std::vector<std::pair<double, QColor>> stops;
  const int n = static_cast<int>(hex.size());
  int i = 0;
  for (const char* h : hex) stops.emplace_back(n == 1 ? 0.0 : static_cast<double>(i++) / (n - 1), QColor(QLatin1String(h)));
  return ColourRamp(name, std::move(stops));
}

}  // namespace

ColourRamp::ColourRamp(QString name, std::vector<std::pair<double, QColor>> stops)
    : m_name(std::move(name)), m_stops(std::move(stops)) {
  std::stable_sort(m_stops.begin(), m_stops.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

ColourRamp ColourRamp::viridis() {
  return evenlySpaced(QStringLiteral("viridis"), {"#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89",
                                                  "#35b779", "#6ece58", "#b5de2b", "#fde725"});
}

ColourRamp ColourRamp::cividis() {
  return evenlySpaced(QStringLiteral("cividis"), {"#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8678",
                                                  "#a59c74", "#c3b369", "#e1cc55", "#fee838"});
}

ColourRamp ColourRamp::magma() {
  return evenlySpaced(QStringLiteral("magma"), {"#000004", "#180f3d", "#440f76", "#721f81", "#9e2f7f", "#cd4071",
                                                "#f1605d", "#fd9668", "#feca8d", "#fcfdbf"});
}

ColourRamp ColourRamp::plasma() {
  return evenlySpaced(QStringLiteral("plasma"), {"#0d0887", "#46039f", "#7201a8", "#9c179e", "#bd3786", "#d8576b",
                                                 "#ed7953", "#fb9f3a", "#fdca26", "#f0f921"});
}

ColourRamp ColourRamp::ylOrRd() {
  return evenlySpaced(QStringLiteral("YlOrRd"),
                      {"#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"});
}

ColourRamp ColourRamp::blues() {
  return evenlySpaced(QStringLiteral("Blues"),
                      {"#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"});
}

ColourRamp ColourRamp::greens() {
  return evenlySpaced(QStringLiteral("Greens"),
                      {"#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b"});
}

ColourRamp ColourRamp::greys() {
  return ColourRamp(QStringLiteral("greys"), {{0.0, QColor(0xf0, 0xf0, 0xf0)}, {1.0, QColor(0x25, 0x25, 0x25)}});
}

QStringList ColourRamp::names() {
  return {QStringLiteral("viridis"), QStringLiteral("cividis"), QStringLiteral("magma"),  QStringLiteral("plasma"),
          QStringLiteral("YlOrRd"),  QStringLiteral("Blues"),   QStringLiteral("Greens"), QStringLiteral("greys")};
}

ColourRamp ColourRamp::named(const QString& name) {
  if (name.endsWith(kReversedSuffix)) return named(name.left(name.size() - kReversedSuffix.size())).reversed();
  if (name == QLatin1String("cividis")) return cividis();
  if (name == QLatin1String("magma")) return magma();
  if (name == QLatin1String("plasma")) return plasma();
  if (name == QLatin1String("YlOrRd")) return ylOrRd();
  if (name == QLatin1String("Blues")) return blues();
  if (name == QLatin1String("Greens")) return greens();
  if (name == QLatin1String("greys")) return greys();
  return viridis();
}

ColourRamp ColourRamp::reversed() const {
  std::vector<std::pair<double, QColor>> stops;
  for (auto it = m_stops.rbegin(); it != m_stops.rend(); ++it) stops.emplace_back(1.0 - it->first, it->second);
  const QString name = m_name.endsWith(kReversedSuffix) ? m_name.left(m_name.size() - kReversedSuffix.size())
                                                        : m_name + kReversedSuffix;
  return ColourRamp(name, std::move(stops));
}

QColor ColourRamp::at(double t) const {
  if (m_stops.empty()) return QColor(Qt::gray);
  if (!std::isfinite(t)) t = 0;
  t = std::clamp(t, 0.0, 1.0);
  if (t <= m_stops.front().first) return m_stops.front().second;
  if (t >= m_stops.back().first) return m_stops.back().second;
  auto hi = std::upper_bound(m_stops.begin(), m_stops.end(), t,
                             [](double v, const auto& s) { return v < s.first; });
  auto lo = hi - 1;
  const double f = (t - lo->first) / (hi->first - lo->first);
  auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
  return QColor(mix(lo->second.red(), hi->second.red()), mix(lo->second.green(), hi->second.green()),
                mix(lo->second.blue(), hi->second.blue()));
}

QColor ColourRamp::classColour(int i, int n) const {
  if (n <= 1) return at(0.5);
  return at(static_cast<double>(i) / (n - 1));
}

}  // namespace ekm::render
