#pragma once
// Kernel density ("heatmap") of weighted points: mesh cell centroids weighted by the cell's
// value at the map's hour, or stations weighted by ridership. Quartic (biweight) kernel, as
// QGIS's heatmap: K(d) = 3 / (pi r^2) (1 - d^2 / r^2)^2 for d < r, 0 beyond, with the radius
// r in METRES; density = sum of w_i K(d_i), reported per km^2.
//
// Rendering evaluates the density on a grid of step s = clamp(round(r_px / 10), 1, 16)
// output pixels (a point touches ~300 grid nodes whatever the zoom), colours it through a
// 256-entry table, and draws the grid image scaled up with bilinear filtering: smooth output,
// a few ms per frame on a district, so the time slider can scrub.
#include <QCoreApplication>
#include <QImage>
#include <QPointF>
#include <memory>
#include <vector>

#include "render/colour_ramp.h"
#include "render/feature_values.h"
#include "render/map_layer.h"

namespace ekm::render {

struct HeatmapPoints {
  std::vector<QPointF> positions;  // display CRS
  Extent extent = Extent::empty();
  void add(QPointF p);
  std::size_t size() const { return positions.size(); }
};

struct HeatmapStyle {
  double radiusM = 250;
  double mapUnitsPerMetre = 1.0;  // 1 for plane rectangular zones; 1 / cos(latitude) in Web Mercator
  ColourRamp ramp = ColourRamp::magma().reversed();
  // Density (per km^2) shown with the top colour; <= 0: the maximum of each frame (relative).
  double maxDensityPerKm2 = 0;
  double opacity = 0.85;    // alpha at high densities
  double fadeBelow = 0.15;  // alpha ramps from 0 at t = 0 up to `opacity` at t = fadeBelow
  QString valueTitle;       // legend title, e.g. "Population density (heatmap)"
  // How maxDensityPerKm2 follows a new radius: points much sparser than the radius (stations)
  // give peaks ~ 1 / r^2; a dense field (mesh centroids) keeps its density scale.
  bool sparsePoints = false;

  // This style with another radius (metres), the fixed colour scale adjusted as above.
  HeatmapStyle withRadius(double radiusMetres) const;

  // Colour at t = density / max in [0, 1] (t <= 0 fully transparent).
  QColor colourAt(double t) const;
  bool operator==(const HeatmapStyle&) const = default;
};

class HeatmapLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::HeatmapLayer)

 public:
  // weights parallel to points; nullptr: every point weighs 1 (and the layer is static).
  HeatmapLayer(QString id, QString name, std::shared_ptr<const HeatmapPoints> points,
               std::shared_ptr<const FeatureValueSource> weights, HeatmapStyle style);

  const HeatmapStyle& style() const { return m_style; }
  void setStyle(HeatmapStyle style) { m_style = std::move(style); }
  bool dependsOnHour() const override { return m_weights != nullptr; }
  Extent extent() const override { return m_points ? m_points->extent : Extent(); }
  void render(RenderContext& context) const override;
  std::vector<LegendGroup> legendGroups() const override;

  // Exact density (per km^2) at map points; weights may be null (all 1), NaN weights skipped.
  static std::vector<double> densityAt(const std::vector<QPointF>& queries, const HeatmapPoints& points,
                                       const std::vector<double>* weights, const HeatmapStyle& style);
  // The density grid of a render: node (gx, gy) at output pixel ((gx + .5) s, (gy + .5) s).
  struct Grid {
    int step = 1;
    int width = 0, height = 0;
    std::vector<float> density;  // per km^2, row-major
    double maxDensity = 0;
  };
  static Grid densityGrid(const MapSettings& settings, const HeatmapPoints& points, const std::vector<double>* weights,
                          const HeatmapStyle& style, core::Feedback& feedback);

 private:
  std::shared_ptr<const HeatmapPoints> m_points;
  std::shared_ptr<const FeatureValueSource> m_weights;
  HeatmapStyle m_style;
};

}  // namespace ekm::render
