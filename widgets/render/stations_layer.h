#pragma once
// Stations as railway-map symbols with Japanese and/or English labels (with a halo; labels
// that would overlap an already placed one are skipped).
#include <QColor>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

#include "render/map_layer.h"

namespace ekm::render {

struct StationPoints {
  std::vector<std::int64_t> fids;
  std::vector<QPointF> positions;  // display CRS
  std::vector<QString> namesJa;
  std::vector<QString> namesEn;
  Extent extent = Extent::empty();

  std::size_t size() const { return positions.size(); }
  void add(std::int64_t fid, QPointF position, QString nameJa, QString nameEn);
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

class StationsLayer : public MapLayer {
 public:
  StationsLayer(QString id, QString name, std::shared_ptr<const StationPoints> points, StationStyle style = {});
  const StationStyle& style() const { return m_style; }
  Extent extent() const override { return m_points ? m_points->extent : Extent(); }
  void render(RenderContext& context) const override;
  // The label text of station i in a language ("高輪ゲートウェイ\nTakanawa Gateway" for Both).
  QString labelText(std::size_t i, LabelLanguage language) const;

 private:
  std::shared_ptr<const StationPoints> m_points;
  StationStyle m_style;
};

}  // namespace ekm::render
