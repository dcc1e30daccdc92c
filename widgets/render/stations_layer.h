#pragma once
// Stations as railway-map symbols with Japanese and/or English labels (with a halo; labels
// that would overlap an already placed one are skipped), and optionally ridership bubbles:
// circles whose AREA is proportional to boardings + alightings at the map's hour.
#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

#include "render/feature_values.h"
#include "render/halo_label.h"
#include "render/map_layer.h"

namespace ekm::render {

struct StationPoints {
  std::vector<std::int64_t> fids;
  std::vector<QPointF> positions;  // display CRS
  std::vector<QString> namesJa;
  std::vector<QString> namesEn;
  std::vector<QString> operators;
  std::vector<QString> lines;  // as stored ("JR Yamanote; JR Keihin-Tohoku")
  Extent extent = Extent::empty();

  std::size_t size() const { return positions.size(); }
  void add(std::int64_t fid, QPointF position, QString nameJa, QString nameEn);
  void add(std::int64_t fid, QPointF position, QString nameJa, QString nameEn, QString operatorName, QString lineNames);
};

struct StationStyle {
  QColor fill{Qt::white};
  QColor stroke{0x20, 0x20, 0x20};
  double radius = 5.5;        // points at 96 dpi
  double strokeWidth = 2.2;
  double fontPointSize = 10;  // points (1/72 inch) at the output DPI
  QString fontFamily = QStringLiteral("Noto Sans CJK JP");
  QColor text{0x10, 0x10, 0x10};
  QColor halo{255, 255, 255, 230};
  bool operator==(const StationStyle&) const = default;
};

// Bubble radius r(v) = referenceRadius * sqrt(v / referenceValue) (area proportional to v),
// in points at 96 dpi; the reference is fixed for the whole period so sizes compare across
// hours. Values <= 0 or missing: no bubble.
struct RidershipBubbleStyle {
  double referenceValue = 1000;  // people per hour drawn with referenceRadius
  double referenceRadius = 20;
  QColor fill{0xd9, 0x4f, 0x2b, 140};
  QColor stroke{0x99, 0x2a, 0x12, 230};
  double strokeWidth = 1.0;
  QString valueTitle;  // legend title, e.g. "Boardings + alightings per hour"

  double radiusFor(double value) const;
  // 2-3 round reference values for the legend (largest first), below or at referenceValue.
  std::vector<double> legendValues() const;
  bool operator==(const RidershipBubbleStyle&) const = default;
};

class StationsLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::StationsLayer)

 public:
  StationsLayer(QString id, QString name, std::shared_ptr<const StationPoints> points, StationStyle style = {});
  // With ridership bubbles (ridership parallel to points).
  StationsLayer(QString id, QString name, std::shared_ptr<const StationPoints> points,
                std::shared_ptr<const StationRidershipSource> ridership, RidershipBubbleStyle bubbles,
                StationStyle style = {});

  const StationStyle& style() const { return m_style; }
  const RidershipBubbleStyle& bubbleStyle() const { return m_bubbles; }
  const std::shared_ptr<const StationPoints>& points() const { return m_points; }
  const std::shared_ptr<const StationRidershipSource>& ridership() const { return m_ridership; }
  bool hasBubbles() const { return m_ridership != nullptr; }

  bool dependsOnHour() const override { return hasBubbles(); }
  Extent extent() const override { return m_points ? m_points->extent : Extent(); }
  void render(RenderContext& context) const override;
  // The station whose symbol or bubble contains the point (the nearest if several): names,
  // operator, lines, boardings and alightings at the hour.
  std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                         core::Feedback& feedback) const override;
  std::vector<LegendGroup> legendGroups() const override;
  // The label text of station i in a language ("高輪ゲートウェイ\nTakanawa Gateway" for Both).
  QString labelText(std::size_t i, LabelLanguage language) const;
  // The boxes of the labels render() draws with these settings, each with its station's
  // symbol (output pixels, halo included): what a layout keeps its north arrow off.
  std::vector<QRectF> labelBoxes(const MapSettings& settings) const;

 private:
  struct PlacedLabel {
    std::size_t index;  // the station
    QRectF box;         // the text's box, device pixels
    QString text;
  };
  HaloLabelStyle labelStyle(const MapSettings& settings) const;
  // The labels that do not overlap one placed before, in station order.
  std::vector<PlacedLabel> placeLabels(const MapSettings& settings, const MapToPixel& toPixel, const HaloLabelStyle& label) const;

  std::shared_ptr<const StationPoints> m_points;
  StationStyle m_style;
  std::shared_ptr<const StationRidershipSource> m_ridership;
  RidershipBubbleStyle m_bubbles;
  // Label outlines and sprites, kept across frames (shared by copies of the layer).
  std::shared_ptr<HaloLabelCache> m_labelCache = std::make_shared<HaloLabelCache>();
};

}  // namespace ekm::render
