// layoutComposition(): where the bands, the map, the legend, the north arrow and the scale
// bar of a MapComposition go, and the map's extent fitted beside the legend.
#include <QString>
#include <algorithm>
#include <cmath>
#include <string>

#include "ekm/core/error.h"
#include "render/composition_style.h"
#include "render/ground_geometry.h"
#include "render/legend_box.h"
#include "render/map_composition.h"
#include "render/north_arrow.h"
#include "render/stations_layer.h"

namespace ekm::render {

using namespace composition_style;

namespace {

void validate(const MapComposition& c) {
  if (c.size.width() < 16 || c.size.height() < 16 || c.size.width() > 20000 || c.size.height() > 20000) {
    core::ErrorContext context;
    context.field = "size";
    context.expected = "16 x 16 to 20000 x 20000 pixels";
    context.found = std::to_string(c.size.width()) + " x " + std::to_string(c.size.height());
    throw core::ValidationError("map export size out of range", context);
  }
  if (!c.extent.isValid()) throw core::ValidationError("map export: no valid extent to show");
}

// The requested extent fitted (centred, whole) into the part of the map left of the
// legend; the map itself spans the map rectangle.
Extent fittedExtent(const Extent& data, QSizeF mapPx, double legendWidth) {
  const double dataW = std::max(mapPx.width() * 0.5, mapPx.width() - legendWidth);
  const double mupp = std::max(data.width() / dataW, data.height() / mapPx.height());
  const double left = data.centre().x() - dataW / 2 * mupp, top = data.centre().y() + mapPx.height() / 2 * mupp;
  return Extent{left, top - mapPx.height() * mupp, left + mapPx.width() * mupp, top};
}

// The labels' boxes of the map's station layers, output pixels.
std::vector<QRectF> labelBoxes(const MapComposition& c, const CompositionLayout& l) {
  std::vector<QRectF> out;
  for (const auto& layer : c.layers)
    if (const auto* stations = dynamic_cast<const StationsLayer*>(layer.get()))
      for (const QRectF& b : stations->labelBoxes(l.mapSettings)) out.push_back(b.translated(l.mapRect.topLeft()));
  return out;
}

// The north arrow above the legend (beside it when there is no room above), else at the top
// right; when a station's label is there, the first corner or side of the map free of labels
// and of the legend and scale bar (the least covered one when none is free).
QRectF placeNorthArrow(const MapComposition& c, const CompositionLayout& l) {
  const double u = l.u, margin = kMapMargin * u;
  const QRectF& m = l.mapRect;
  const QSizeF arrow = northArrowSize(u);
  QPointF preferred(m.right() - margin, m.top() + margin);  // top right corner of the box
  if (!l.legendRect.isEmpty()) {
    const double top = std::max(m.top() + margin, l.legendRect.top() - 112 * u);
    preferred = top + arrow.height() + 12 * u <= l.legendRect.top() ? QPointF(l.legendRect.right(), top)
                                                                      : QPointF(l.legendRect.left() - 12 * u, l.legendRect.top());
  }
  const double left = m.left() + margin + arrow.width(), right = m.right() - margin;
  const double top = m.top() + margin, middle = m.center().y() - arrow.height() / 2;
  const double bottom = (l.scaleBarRect.isEmpty() ? m.bottom() : l.scaleBarRect.top() - 8 * u) - margin - arrow.height();
  const double bottomRight = (l.legendRect.isEmpty() ? m.bottom() - margin : l.legendRect.top() - 12 * u) - arrow.height();
  const std::vector<QPointF> candidates{preferred,          QPointF(left, top),         QPointF(right, bottomRight),
                                        QPointF(right, middle), QPointF(left, middle),  QPointF(left, bottom),
                                        QPointF(m.center().x() + arrow.width() / 2, top)};
  std::vector<QRectF> obstacles = labelBoxes(c, l);
  if (!l.legendRect.isEmpty()) obstacles.push_back(l.legendRect);
  obstacles.push_back(l.scaleBarRect);
  QRectF best;
  double bestCovered = -1;
  for (const QPointF& topRight : candidates) {
    const QRectF box(topRight.x() - arrow.width(), topRight.y(), arrow.width(), arrow.height());
    if (!m.contains(box)) continue;
    double covered = 0;
    for (const QRectF& o : obstacles) {
      const QRectF common = o.intersected(box);
      covered += common.width() * common.height();
    }
    if (bestCovered < 0 || covered < bestCovered) {
      best = box;
      bestCovered = covered;
    }
    if (covered == 0) break;
  }
  return bestCovered < 0 ? QRectF(preferred.x() - arrow.width(), preferred.y(), arrow.width(), arrow.height()) : best;
}

}  // namespace

CompositionLayout layoutComposition(const MapComposition& c) {
  validate(c);
  CompositionLayout l;
  const double u = l.u = c.unit > 0 ? c.unit : std::max(c.size.width(), c.size.height()) / 1600.0;
  const double w = c.size.width(), h = c.size.height();

  // Title band: title and period on the first line, the period below when it does not fit.
  const bool titled = !c.title.isEmpty() || !c.subtitle.isEmpty() || !c.period.isEmpty();
  const double titleW = exportTextWidth(c.title, kTitlePx * u, true);
  const double periodW = exportTextWidth(c.period, kPeriodPx * u, false);
  l.periodBelowTitle = !c.period.isEmpty() && !c.title.isEmpty() && titleW + kGap * u + periodW > w - 2 * kMargin * u;
  const int titleLines = (c.subtitle.isEmpty() && !l.periodBelowTitle) ? 1 : 2;
  const double titleH = titled ? std::round((kTitleBand + (titleLines - 1) * kLineStep) * u) : 0;

  // Foot band: sources, then the note and the CRS at the right; the note on a second line
  // when they do not fit on one.
  const QString crs = QStringLiteral("EPSG:%1").arg(c.view.destinationEpsg());
  const double oneLine = exportTextWidth(c.sources, kFootPx * u, false) + exportTextWidth(c.suppressionNote, kFootPx * u, false) +
                         exportTextWidth(crs, kFootPx * u, false) + 2 * kGap * u;
  l.noteOnSecondLine = !c.suppressionNote.isEmpty() && oneLine > w - 2 * kMargin * u;
  const double footH = std::round((l.noteOnSecondLine ? 2 : 1) * kFootLine * u);

  l.titleBand = QRectF(0, 0, w, titleH);
  l.footBand = QRectF(0, h - footH, w, footH);
  l.mapRect = QRectF(0, titleH, w, h - titleH - footH);
  if (l.mapRect.height() < 8) throw core::ValidationError("map export: the page is too small for its texts");
  const QRectF& m = l.mapRect;

  // Legend box at the bottom right of the map, shrunk to fit its height.
  double legendSpace = 0;
  if (!c.legend.empty()) {
    l.legendUnit = u;
    QSizeF box = legendBoxSize(c.legend, u);
    const double room = m.height() - 2 * kMapMargin * u;
    if (box.height() > room && room > 0) {
      l.legendUnit = u * room / box.height();
      box = legendBoxSize(c.legend, l.legendUnit);
    }
    l.legendRect = QRectF(m.right() - kMapMargin * u - box.width(), m.bottom() - kMapMargin * u - box.height(),
                          box.width(), box.height());
    legendSpace = box.width() + 2 * kMapMargin * u;
  }

  // The map's settings: the extent fitted left of the legend, style units scaled with u.
  MapSettings& s = l.mapSettings;
  s = c.view;
  s.setOutputSize(m.size().toSize());
  s.setDpi(96 * u);
  s.setLabelLanguage(c.language);
  s.setExtent(fittedExtent(c.extent, m.size(), legendSpace));

  // Scale bar (a fifth of the map wide at most) and true north, from PROJ at the centre.
  const Extent visible = s.visibleExtent();
  const auto ground = groundGeometry(s.destinationEpsg(), visible);
  l.scaleBar = scaleBarFor(s.mapUnitsPerPixel() * (ground ? ground->metresPerMapUnit : 1.0), m.width() * 0.2);
  l.northAngleDeg = ground ? ground->northAngleDeg : 0.0;
  const QSizeF bar = scaleBarBoxSize(l.scaleBar, u);
  l.scaleBarRect = QRectF(m.left() + 14 * u, m.bottom() - 10 * u - bar.height(), bar.width(), bar.height());
  l.northArrowRect = placeNorthArrow(c, l);
  return l;
}

}  // namespace ekm::render
