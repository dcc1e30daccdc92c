#include "render/map_composition.h"

#include <algorithm>

#include "ekm/core/error.h"
#include "render/composition_style.h"
#include "render/legend_box.h"
#include "render/map_renderer.h"
#include "render/north_arrow.h"

namespace ekm::render {

using namespace composition_style;

MapPicture renderMapPicture(const MapComposition& c, const CompositionLayout& layout, core::Feedback& feedback) {
  RenderResult r = MapRenderer::render(layout.mapSettings, c.layers, feedback);
  if (r.cancelled || feedback.isCancelled()) throw core::CancelledError();
  if (!r.errors.isEmpty())
    throw core::Error(core::ErrorCode::Generic,
                      "map layers failed to render: " + r.errors.join(QStringLiteral("; ")).toStdString());
  return MapPicture{std::move(r.image), layout.mapSettings, c.layers};
}

namespace {

void paintTitleBand(ExportCanvas& canvas, const MapComposition& c, const CompositionLayout& l) {
  const QRectF& band = l.titleBand;
  if (band.isEmpty()) return;
  const double u = l.u, left = kMargin * u, right = band.width() - kMargin * u;
  const double line1 = band.top() + kTitleBaseline * u, line2 = line1 + kLineStep * u;
  canvas.rect(band, kPaper);
  canvas.line(band.bottomLeft(), band.bottomRight(), Stroke{kRule, std::max(1.0, u), false, {}});
  canvas.text(QPointF(left, line1), c.title, kTitlePx * u, true, kInk, TextAnchor::Start);
  if (!c.subtitle.isEmpty()) canvas.text(QPointF(left, line2), c.subtitle, kSubtitlePx * u, false, kGrey, TextAnchor::Start);
  if (!c.period.isEmpty())
    canvas.text(QPointF(right, l.periodBelowTitle ? line2 : line1), c.period, kPeriodPx * u, false, kGrey, TextAnchor::End);
}

void paintFootBand(ExportCanvas& canvas, const MapComposition& c, const CompositionLayout& l) {
  const QRectF& band = l.footBand;
  const double u = l.u, px = kFootPx * u, left = kMargin * u, right = band.width() - kMargin * u;
  const double line1 = band.top() + kFootBaseline * u, line2 = line1 + kFootLine * u;
  canvas.rect(band, kPaper);
  canvas.line(band.topLeft(), band.topRight(), Stroke{kRule, std::max(1.0, u), false, {}});
  const QString crs = QStringLiteral("EPSG:%1").arg(c.view.destinationEpsg());
  const double crsW = exportTextWidth(crs, px, false);
  canvas.text(QPointF(right, line1), crs, px, false, kGrey, TextAnchor::End);
  double sourcesRight = right - crsW - kGap * u;
  if (!c.suppressionNote.isEmpty()) {
    if (l.noteOnSecondLine) {
      canvas.text(QPointF(left, line2), c.suppressionNote, px, false, kGrey, TextAnchor::Start);
    } else {
      canvas.text(QPointF(sourcesRight, line1), c.suppressionNote, px, false, kGrey, TextAnchor::End);
      sourcesRight -= exportTextWidth(c.suppressionNote, px, false) + kGap * u;
    }
  }
  if (!c.sources.isEmpty())
    canvas.text(QPointF(left, line1), exportElided(c.sources, px, false, sourcesRight - left), px, false, kGrey,
                TextAnchor::Start);
}

}  // namespace

CompositionResult paintComposition(ExportCanvas& canvas, const MapComposition& c, const CompositionLayout& l,
                                   const MapPicture& picture) {
  CompositionResult result;
  result.layout = l;
  canvas.rect(QRectF(QPointF(0, 0), QSizeF(c.size)), c.view.backgroundColour());
  canvas.map(l.mapRect, picture);
  // The legend's strip at the right of the map is paper: the extent is fitted left of it
  // (layoutComposition), so no feature or label is ever hidden under the legend. A legend too
  // wide for a strip overlays the map as before.
  if (!c.legend.empty()) {
    const double left = l.legendRect.left() - kMapMargin * l.u;
    if (l.mapRect.right() - left <= l.mapRect.width() * 0.5) {
      const QRectF strip(left, l.mapRect.top(), l.mapRect.right() - left, l.mapRect.height());
      canvas.rect(strip, kPaper);
      canvas.line(strip.topLeft(), strip.bottomLeft(), Stroke{kRule, std::max(1.0, l.u), false, {}});
    }
  }
  paintTitleBand(canvas, c, l);
  paintFootBand(canvas, c, l);
  if (!c.legend.empty())
    for (const LegendSymbol& s : paintLegendBox(canvas, l.legendRect, c.legend, l.legendUnit))
      result.legend.push_back({c.legend[s.group].title, c.legend[s.group].items[s.item], s.rect});
  paintScaleBar(canvas, l.scaleBarRect.bottomLeft(), l.scaleBar, l.u);
  paintNorthArrow(canvas, l.northArrowRect.topRight(), l.northAngleDeg, l.u);
  return result;
}

}  // namespace ekm::render
