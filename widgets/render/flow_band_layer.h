#pragma once
// Assigned link volumes as flow bands: each directed link is a band beside its centre line,
// width proportional to its volume (a scale in points per 1,000 units, so a legend width and
// a map width of the same volume are equal to the pixel), coloured by volume/capacity (v/c)
// classes or by volume classes.
//
// Side convention: a link's band lies on the LEFT of its direction of travel by default
// (BandSide::Left), as traffic keeps left in Japan, so the two directions of a street lie side
// by side where each direction actually runs: with north up, an eastbound band is drawn north
// of the centre line and the westbound band south of it. BandSide::Right gives the
// keep-right picture.
//
// Also home of the helpers the other link layers (desire lines, link differences) share:
// polyline offsetting in pixels, distance to a polyline and round reference values for a
// width legend.
#include <QColor>
#include <QCoreApplication>
#include <QPolygonF>
#include <QString>
#include <memory>
#include <vector>

#include "render/classification.h"
#include "render/map_layer.h"

namespace ekm::render {

// `line` moved sideways by `distance` pixels, positive = to the left of its direction as seen
// on screen (pixel space, y down). Vertices move along the mitred normal (miter limited to
// 3 x distance, so sharp turns do not spike).
QPolygonF offsetPolyline(const QPolygonF& line, double distance);
// Shortest distance from `p` to the polyline (pixels or map units, as given).
double distanceToPolyline(QPointF p, const QPolygonF& line);
// Up to `count` round reference values (1, 2 or 5 x 10^k) for a width legend, largest first:
// the largest round value <= maxValue, then the next smaller round values spread below it
// (e.g. max 3,700 -> 2,000, 1,000, 500). Empty when maxValue <= 0 or not finite.
std::vector<double> widthLegendValues(double maxValue, int count = 3);
// A width in points at 96 dpi for `value` at `widthPer1000` points per 1,000.
inline double widthFor(double value, double widthPer1000) { return value / 1000.0 * widthPer1000; }
// "1,234 trips" (one decimal below 10; no unit when empty) and "45.0 s" / "3.2 min" ("–" when
// not finite), for identify results and legends.
QString formatVolume(double v, const QString& unit);
QString formatDuration(double seconds);
// ColourBrewer's YlOrRd (5 stops, light yellow -> dark red) for volume classes.
ColourRamp flowVolumeRamp();

struct FlowBand {
  QPolygonF line;     // display CRS, in the link's direction of travel
  QString segmentId;  // the road segment the link comes from ("" for connectors)
  int link = -1;      // network link index
  double volume = 0;
  double time_s = 0;    // travel time at the assigned volume
  double capacity = 0;  // per hour; <= 0 or huge (uncongested walking) -> no v/c
  // Volume / capacity, NaN when the capacity is unknown or effectively unlimited (>= 1e8).
  double volumeCapacityRatio() const;
};

struct FlowBandData {
  std::vector<FlowBand> bands;
  std::vector<Extent> bounds;  // per band
  Extent extent = Extent::empty();
  double maxVolume = 0;
  void add(FlowBand band);
};

enum class BandSide { Left, Right };
enum class BandColouring { VolumeCapacity, VolumeClasses };

struct FlowBandStyle {
  double widthPer1000 = 6;  // points at 96 dpi per 1,000 units of volume
  double minVolume = 0;     // bands at or below are not drawn
  double gap = 1;           // points between the two directions' bands
  BandSide side = BandSide::Left;
  BandColouring colouring = BandColouring::VolumeCapacity;
  ClassBreaks volumeBreaks;  // VolumeClasses: the classes (ramp below)
  ColourRamp volumeRamp = flowVolumeRamp();
  QString unit;  // "trips/h", shown in the legend and identify ("" = none)
};

class FlowBandLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::FlowBandLayer)

 public:
  FlowBandLayer(QString id, QString name, std::shared_ptr<const FlowBandData> data, FlowBandStyle style);

  const FlowBandStyle& style() const { return m_style; }
  const std::shared_ptr<const FlowBandData>& data() const { return m_data; }
  Extent extent() const override { return m_data ? m_data->extent : Extent(); }
  void render(RenderContext& context) const override;
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  std::vector<LegendGroup> legendGroups() const override;

  // v/c class edges (0.5, 0.75, 0.9, 1.0) and the colour of a band under the style.
  static const std::vector<double>& volumeCapacityEdges();
  static QColor volumeCapacityColour(double ratio);
  QColor colourFor(const FlowBand& band) const;
  // Width of a band in pixels at a pixel scale, and its centre's offset from the link line
  // (signed: positive = left of the direction on screen).
  double bandWidthPx(double volume, double pixelScale) const { return widthFor(volume, m_style.widthPer1000) * pixelScale; }
  double bandOffsetPx(double volume, double pixelScale) const;

 private:
  std::shared_ptr<const FlowBandData> m_data;
  FlowBandStyle m_style;
  std::vector<std::size_t> m_order;  // smallest volume first (large flows on top)
};

}  // namespace ekm::render
