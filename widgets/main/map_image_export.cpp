#include "main/map_image_export.h"

#include <QFileInfo>
#include <QPainter>
#include <algorithm>
#include <memory>

#include "ekm/core/error.h"
#include "ekm/geo/transformer.h"
#include "map/map_decorations.h"
#include "render/map_renderer.h"
#include "render/project_layers.h"

namespace ekm::widgets {

MapImageResult MapImageExport::render(const MapImageRequest& request, core::Feedback& feedback) {
  MapImageResult out;
  if (request.size.width() < 16 || request.size.height() < 16) {
    core::ErrorContext context;
    context.field = "size";
    context.expected = "at least 16 x 16 pixels";
    context.found = std::to_string(request.size.width()) + " x " + std::to_string(request.size.height());
    throw core::ValidationError("map image size too small", context);
  }
  // Style units scale with the output so that a large export looks like the screen, bigger.
  const double u = std::clamp(request.size.width() / 1280.0, 1.0, 4.0);
  render::MapSettings settings = request.settings;
  settings.setOutputSize(request.size);
  settings.setDpi(96 * u);
  if (!settings.hasValidSettings())
    throw core::ValidationError("map image: the view has no valid extent");
  render::RenderResult r = render::MapRenderer::render(settings, request.layers, feedback);
  if (r.cancelled || feedback.isCancelled()) throw core::CancelledError();
  if (r.image.isNull()) throw core::Error(core::ErrorCode::Generic, "map image: nothing could be drawn");
  if (!r.errors.isEmpty() && static_cast<std::size_t>(r.errors.size()) >= request.layers.size() && !request.layers.empty())
    throw core::Error(core::ErrorCode::Generic, "map image: " + r.errors.join(QStringLiteral("; ")).toStdString());

  QImage image = r.image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setRenderHint(QPainter::TextAntialiasing, true);
  const QColor ink(0x20, 0x20, 0x20);
  const double margin = 14 * u;

  // Title (top left).
  if (!request.title.isEmpty()) {
    QFont f = p.font();
    f.setPixelSize(static_cast<int>(20 * u));
    f.setBold(true);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const QRectF box(margin, margin, fm.horizontalAdvance(request.title) + 20 * u, fm.height() + 12 * u);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(box, 3 * u, 3 * u);
    p.setPen(ink);
    p.drawText(box, Qt::AlignCenter, request.title);
  }

  // Attribution (bottom right, small).
  QFont small = p.font();
  small.setBold(false);
  small.setPixelSize(static_cast<int>(11 * u));
  const QFontMetricsF sfm(small);
  double bottom = image.height() - margin;
  if (!request.attribution.isEmpty()) {
    p.setFont(small);
    const QString text = sfm.elidedText(request.attribution, Qt::ElideRight, image.width() * 0.6);
    const QRectF box(image.width() - margin - sfm.horizontalAdvance(text) - 12 * u, bottom - sfm.height() - 6 * u,
                     sfm.horizontalAdvance(text) + 12 * u, sfm.height() + 6 * u);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 215));
    p.drawRect(box);
    p.setPen(QColor(0x50, 0x50, 0x50));
    p.drawText(box, Qt::AlignCenter, text);
    bottom = box.top() - 6 * u;
  }

  // Legend (bottom right, above the attribution).
  if (request.showLegend && !request.legend.empty()) {
    QFont lf = p.font();
    lf.setPixelSize(static_cast<int>(12 * u));
    const render::LegendPainter painter(u, lf);
    const QSizeF size = painter.size(request.legend);
    const QRectF box(image.width() - margin - size.width() - 20 * u, bottom - size.height() - 16 * u,
                     size.width() + 20 * u, size.height() + 16 * u);
    p.setPen(QPen(QColor(0xa0, 0xa0, 0xa0), std::max(1.0, u)));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRect(box);
    p.setPen(ink);
    painter.paint(p, box.topLeft() + QPointF(10 * u, 8 * u), request.legend);
    out.legendRect = box;
  }

  // Scale bar (bottom left) and north arrow (top right), from the display CRS at the centre.
  std::optional<GroundGeometry> ground;
  try {
    const geo::Transformer toLonLat("EPSG:" + std::to_string(settings.destinationEpsg()), "EPSG:4326");
    ground = MapDecorations::groundGeometry(toLonLat, settings.visibleExtent());
  } catch (const core::Error&) {
    ground.reset();
  }
  const double metresPerPixel = settings.mapUnitsPerPixel() * (ground ? ground->metresPerMapUnit : 1.0);
  const ScaleBar bar = MapDecorations::scaleBarFor(metresPerPixel, image.width() * 0.2);
  out.scaleBarMetres = bar.metres;
  MapDecorations::paintScaleBar(p, QPointF(margin, image.height() - margin), bar, u);
  MapDecorations::paintNorthArrow(p, QPointF(image.width() - margin, margin), ground ? ground->northAngleDeg : 0.0, u);
  p.end();
  out.image = std::move(image);
  return out;
}

QString MapImageExport::attributionFor(const QString& projectPath) {
  const QString file = QFileInfo(projectPath).fileName();
  try {
    auto project = store::Project::open(QFile::encodeName(projectPath).toStdString(), store::OpenMode::ReadOnly);
    if (const auto a = project.meta("attribution"); a && !a->empty()) return QString::fromStdString(*a);
    if (project.meta("sample")) return tr("Synthetic people flow (Ekimachi sample) on real geography");
  } catch (const core::Error&) {
    // Unreadable metadata: the file name will do.
  }
  return tr("Data: %1 — map: Ekimachi").arg(file);
}

}  // namespace ekm::widgets
