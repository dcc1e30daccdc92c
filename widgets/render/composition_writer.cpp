#include "render/composition_writer.h"

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fstream>

#include "ekm/core/error.h"
#include "render/atomic_file.h"
#include "render/painter_canvas.h"
#include "render/svg_canvas.h"

namespace ekm::render {

namespace {

core::IoError writeError(const char* what, const std::string& path) {
  return core::IoError(std::string("cannot write the ") + what + " file", core::ErrorContext{path, {}, {}, "", "", ""});
}

QImage paintImage(const MapComposition& c, const CompositionLayout& layout, const MapPicture& picture,
                  CompositionResult& result) {
  QImage image(c.size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  const int dotsPerMetre = static_cast<int>(std::lround(c.dpi / 0.0254));
  image.setDotsPerMeterX(dotsPerMetre);
  image.setDotsPerMeterY(dotsPerMetre);
  QPainter p(&image);
  PainterCanvas canvas(p);
  result = paintComposition(canvas, c, layout, picture);
  p.end();
  return image.convertToFormat(QImage::Format_RGB32);
}

void writePdf(const MapComposition& c, const CompositionLayout& layout, const MapPicture& picture, const QString& tmp,
              const std::string& path, CompositionResult& result) {
  QPdfWriter writer(tmp);
  // One painter unit = one output pixel; the page is the output at its DPI.
  writer.setResolution(static_cast<int>(std::lround(c.dpi)));
  writer.setTitle(c.title);
  writer.setCreator(QStringLiteral("Ekimachi"));
  const double ptPerPx = 72.0 / c.dpi;
  writer.setPageLayout(QPageLayout(QPageSize(QSizeF(c.size.width() * ptPerPx, c.size.height() * ptPerPx), QPageSize::Point),
                                   QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
  QPainter p;
  if (!p.begin(&writer)) throw writeError("PDF", path);
  // QPdfWriter's resolution is an integer: scale the rest of a fractional DPI.
  p.scale(writer.resolution() / c.dpi, writer.resolution() / c.dpi);
  PainterCanvas canvas(p, /*vectorMap=*/true);
  result = paintComposition(canvas, c, layout, picture);
  if (!p.end()) throw writeError("PDF", path);
}

}  // namespace

QImage compositionImage(const MapComposition& c, core::Feedback& feedback, CompositionResult* result) {
  const CompositionLayout layout = layoutComposition(c);
  const MapPicture picture = renderMapPicture(c, layout, feedback);
  CompositionResult drawn;
  QImage image = paintImage(c, layout, picture, drawn);
  if (result) *result = std::move(drawn);
  return image;
}

CompositionResult writeComposition(const MapComposition& c, ExportFormat format, const std::string& path,
                                   core::Feedback& feedback) {
  const CompositionLayout layout = layoutComposition(c);
  AtomicFile file(path);  // fails early on an unwritable output
  core::MultiStepFeedback steps(feedback, 2);
  steps.setCurrentStep(0);
  const MapPicture picture = renderMapPicture(c, layout, steps);
  steps.setCurrentStep(1);
  CompositionResult result;
  const QString tmp = QString::fromStdString(file.tmp());
  switch (format) {
    case ExportFormat::Png: {
      const QImage image = paintImage(c, layout, picture, result);
      feedback.throwIfCancelled();
      if (!image.save(tmp, "PNG")) throw writeError("PNG", path);
      break;
    }
    case ExportFormat::Svg: {
      SvgCanvas canvas(c.size, c.title);
      result = paintComposition(canvas, c, layout, picture);
      const QByteArray bytes = canvas.finish();
      feedback.throwIfCancelled();
      std::ofstream f(file.tmp(), std::ios::binary | std::ios::trunc);
      f.write(bytes.constData(), bytes.size());
      f.close();
      if (!f) throw writeError("SVG", path);
      break;
    }
    case ExportFormat::Pdf: writePdf(c, layout, picture, tmp, path, result); break;
  }
  // Test hook: a Ctrl-C at the worst moment (the finished temporary file is on disk).
  if (std::getenv("EKM_TEST_SIGINT_BEFORE_RENAME")) std::raise(SIGINT);
  feedback.throwIfCancelled();
  file.commit();
  feedback.setProgress(100);
  return result;
}

}  // namespace ekm::render
