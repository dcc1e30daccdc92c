#include "render/composition_defaults.h"

#include <algorithm>
#include <cmath>

#include "render/export_legend.h"
#include "render/export_texts.h"
#include "render/difference_layer.h"
#include "render/mesh_population_layer.h"
#include "render/road_segments_layer.h"
#include "render/small_count_layers.h"

namespace ekm::render {

namespace {

constexpr double kStreetOpacityOverAreas = 0.4;
constexpr int kHourClasses = 5;

// Rounded to two significant digits (down for the lowest edge, up for the highest, to the
// nearest otherwise), so the legend reads "1,200 – 1,800" rather than "1,187 – 1,823".
std::vector<double> roundedEdges(const std::vector<double>& edges) {
  std::vector<double> out;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const double e = edges[i];
    if (!(std::fabs(e) >= 10)) {
      out.push_back(i == 0 ? std::floor(e) : i + 1 == edges.size() ? std::ceil(e) : std::round(e));
      continue;
    }
    const double step = std::pow(10.0, std::floor(std::log10(std::fabs(e))) - 1);
    const double v = e / step;
    out.push_back(step * (i == 0 ? std::floor(v) : i + 1 == edges.size() ? std::ceil(v) : std::round(v)));
  }
  return out;
}

// The population layers with the project's default classes (over sampled hours of the whole
// period, so that colours compare while the time bar plays), classified again on the hour
// the map shows: 5 natural-breaks (Jenks) classes of that hour's cells (after the small-count
// rule), so a static map uses its whole ramp instead of a few classes of the whole period's
// range. Not quantiles: at 125 m neighbouring cells differ by a factor of two, and equal-count
// classes put 60% of neighbours in different classes (a patchwork that reads as noise on the
// sample at noon); natural breaks group the bulk and keep the peaks (43%). A user's own
// classes (the style dialog) are kept.
LayerList classifiedOnTheHourShown(const LayerList& layers, core::HourKey hour, const ClassBreaks* projectBreaks) {
  LayerList out;
  for (const auto& layer : layers) {
    const auto* mesh = dynamic_cast<const MeshPopulationLayer*>(layer.get());
    if (!mesh || !mesh->values() || !projectBreaks || mesh->style().breaks != *projectBreaks) {
      out.push_back(layer);
      continue;
    }
    const auto values = mesh->values()->valuesAt(hour, core::nullFeedback());
    const bool any = values && std::any_of(values->begin(), values->end(), [](double v) { return std::isfinite(v); });
    if (!any) {
      out.push_back(layer);
      continue;
    }
    GraduatedStyle style = mesh->style();
    std::vector<double> counted = suppressSmallCounts(*values);
    counted.erase(std::remove_if(counted.begin(), counted.end(), [](double v) { return !std::isfinite(v); }), counted.end());
    const ClassBreaks natural = ClassBreaks::compute(std::move(counted), kHourClasses, ClassificationMethod::NaturalBreaks);
    style.breaks = ClassBreaks(roundedEdges(natural.edges()));
    auto copy = std::make_shared<MeshPopulationLayer>(mesh->id(), mesh->name(), mesh->geometry(), mesh->values(), style);
    copy->setOpacity(layer->opacity());
    out.push_back(copy);
  }
  return out;
}

// Plain streets over a choropleth (population, a difference) recede: at full strength their
// white lines cut the cells into a pattern of tilted squares at A4 and hide the theme.
LayerList streetsRecedeOverAreas(const LayerList& layers) {
  LayerList out;
  bool areaBelow = false;
  for (const auto& layer : layers) {
    const auto* roads = dynamic_cast<const RoadSegmentsLayer*>(layer.get());
    if (roads && !roads->styledByValue() && areaBelow && layer->opacity() > kStreetOpacityOverAreas) {
      auto copy = std::make_shared<RoadSegmentsLayer>(roads->id(), roads->name(), roads->geometry(), roads->style());
      copy->setOpacity(kStreetOpacityOverAreas);
      out.push_back(copy);
      continue;
    }
    areaBelow = areaBelow || dynamic_cast<const MeshPopulationLayer*>(layer.get()) ||
                dynamic_cast<const DifferenceLayer*>(layer.get());
    out.push_back(layer);
  }
  return out;
}

}  // namespace

void completeComposition(MapComposition& c, const std::string& projectPath, bool legend,
                         const LegendExtras& extraLegends, const ClassBreaks* projectPopulationBreaks) {
  // Exports never show a count under 10 (ekm/privacy/small_count.h): such cells and streets
  // are drawn as "no data".
  const LayerList before = withSmallCountsSuppressed(c.layers);
  c.layers = streetsRecedeOverAreas(classifiedOnTheHourShown(before, c.view.hour(), projectPopulationBreaks));
  const bool timed = std::any_of(c.layers.begin(), c.layers.end(), [](const auto& l) { return l && l->dependsOnHour(); });
  c.legend = legend ? exportLegend(c.layers, c.language, c.view.backgroundColour(), extraLegends) : std::vector<LegendGroup>{};
  // The legend says how the classes of a reclassified layer were made (a note under its group).
  for (std::size_t i = 0; i < c.layers.size() && legend; ++i) {
    if (c.layers[i] == before[i] || !dynamic_cast<const MeshPopulationLayer*>(c.layers[i].get())) continue;
    const auto own = exportLegend({c.layers[i]}, c.language, c.view.backgroundColour(), {});
    const auto at = own.empty() ? c.legend.end() : std::find_if(c.legend.begin(), c.legend.end(), [&](const LegendGroup& g) {
      return g.title == own.front().title;
    });
    if (at == c.legend.end()) continue;
    const int n = static_cast<const MeshPopulationLayer*>(c.layers[i].get())->style().classCount();
    c.legend.insert(at + 1, LegendGroup{bilingual(c.language, QStringLiteral("この時刻の自然分類（Jenks）で%1階級").arg(n),
                                                  QStringLiteral("%1 natural-breaks (Jenks) classes of this hour").arg(n)),
                                        {}});
  }
  c.period = timed ? periodShown(c.view.hour(), c.language) : QString();
  c.suppressionNote = timed ? suppressionNote(c.language) : QString();
  c.sources = projectPath.empty() ? QString() : projectAttribution(projectPath, c.language);
}

}  // namespace ekm::render
