#include "render/colour_ramp.h"

#include <algorithm>
#include <cmath>

namespace ekm::render {

ColourRamp::ColourRamp(QString name, std::vector<std::pair<double, QColor>> stops)
    : m_name(std::move(name)), m_stops(std::move(stops)) {
  std::sort(m_stops.begin(), m_stops.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

ColourRamp ColourRamp::viridis() {
  static const char* const hex[] = {"#440154", "#482878", "#3e4989", "#31688e", "#26828e",
                                    "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"};
  std::vector<std::pair<double, QColor>> stops;
  for (int i = 0; i < 10; ++i) stops.emplace_back(i / 9.0, QColor(QLatin1String(hex[i])));
  return ColourRamp(QStringLiteral("viridis"), std::move(stops));
}

ColourRamp ColourRamp::greys() {
  return ColourRamp(QStringLiteral("greys"), {{0.0, QColor(0xf0, 0xf0, 0xf0)}, {1.0, QColor(0x25, 0x25, 0x25)}});
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

namespace ekm::render {

ColourRamp ColourRamp::cividis() {
  static const char* hex[] = {"#00224e", "#123570", "#3b496c", "#575d6d", "#707173",
                              "#8a8678", "#a59c74", "#c3b369", "#e1cc55", "#fee838"};
  std::vector<std::pair<double, QColor>> stops;
  for (int i = 0; i < 10; ++i) stops.emplace_back(i / 9.0, QColor(QString::fromLatin1(hex[i])));
  return ColourRamp(QStringLiteral("cividis"), std::move(stops));
}

QStringList ColourRamp::names() { return {QStringLiteral("viridis"), QStringLiteral("cividis"), QStringLiteral("greys")}; }

ColourRamp ColourRamp::named(const QString& name) {
  if (name == QLatin1String("cividis")) return cividis();
  if (name == QLatin1String("greys")) return greys();
  return viridis();
}

ColourRamp ColourRamp::reversed() const {
  std::vector<std::pair<double, QColor>> stops;
  for (auto it = m_stops.rbegin(); it != m_stops.rend(); ++it) stops.emplace_back(1.0 - it->first, it->second);
  return ColourRamp(m_name + QStringLiteral(" (reversed)"), std::move(stops));
}

}  // namespace ekm::render
