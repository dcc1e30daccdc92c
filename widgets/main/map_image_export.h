#pragma once
// "Export map image": the current view rendered off the GUI thread at a chosen size with
// render::MapRenderer, then a title, the legend (render::LegendPainter), a scale bar and a
// true-north arrow (MapDecorations, as on the canvas) and the attribution drawn over it.
#include <QCoreApplication>
#include <QImage>
#include <QSize>
#include <QString>
#include <vector>

#include "ekm/core/feedback.h"
#include "render/legend.h"
#include "render/map_layer.h"

namespace ekm::widgets {

struct MapImageRequest {
  render::MapSettings settings;  // extent, hour, CRS, labels of the view (size is replaced)
  render::LayerList layers;      // bottom first
  std::vector<render::LegendGroup> legend;
  QSize size{1920, 1080};
  QString title;
  QString attribution;
  bool showLegend = true;
};

struct MapImageResult {
  QImage image;
  double scaleBarMetres = 0;
  QRectF legendRect;  // output pixels (empty without legend)
};

class MapImageExport {
  Q_DECLARE_TR_FUNCTIONS(ekm::widgets::MapImageExport)

 public:
  // Any thread. Throws core::CancelledError when cancelled, core::Error when nothing could
  // be drawn (every layer failed).
  static MapImageResult render(const MapImageRequest& request, core::Feedback& feedback);
  // The attribution stored in a project (meta "attribution"), or a default naming the file.
  static QString attributionFor(const QString& projectPath);
};

}  // namespace ekm::widgets
