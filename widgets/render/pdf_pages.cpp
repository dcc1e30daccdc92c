// Shared parts of the render library's PDF documents (pdf_pages.h).
#include "render/pdf_pages.h"

#include <QPageLayout>
#include <QPageSize>
#include <cmath>
#include <cstring>

#include "render/painter_canvas.h"
#include "render/paper_size.h"

namespace ekm::render {

core::Error usageError(const std::string& what, const std::string& field, const std::string& expected,
                       const std::string& found) {
  return core::Error(core::ErrorCode::Usage, what, core::ErrorContext{"", std::nullopt, std::nullopt, field, expected, found});
}

LabelLanguage documentLanguage(const std::string& name) {
  if (name == "ja") return LabelLanguage::Japanese;
  if (name == "en") return LabelLanguage::English;
  if (name == "both") return LabelLanguage::Both;
  throw usageError("bad language", "lang", "ja, en or both", name);
}

QSize landscapePagePixels(const std::string& paper, double dpi) {
  if (!(dpi >= 36 && dpi <= 600)) throw usageError("bad DPI", "dpi", "36 to 600", std::to_string(dpi));
  std::string name = paper;
  for (const char* suffix : {"-landscape", "-portrait"})
    if (name.size() > std::strlen(suffix) && name.ends_with(suffix)) name.resize(name.size() - std::strlen(suffix));
  const auto size = paperPixels(name + "-landscape", dpi);
  if (!size) throw usageError("bad paper", "paper", "A4, A3, JisB4, Letter, ...", paper);
  return *size;
}

void beginPdfPages(QPainter& painter, QPdfWriter& writer, QSize page, double dpi, const QString& title,
                   const std::string& outPath) {
  writer.setResolution(static_cast<int>(std::lround(dpi)));
  writer.setTitle(title);
  writer.setCreator(QStringLiteral("Ekimachi"));
  const double ptPerPx = 72.0 / dpi;
  writer.setPageLayout(QPageLayout(QPageSize(QSizeF(page.width() * ptPerPx, page.height() * ptPerPx), QPageSize::Point),
                                   QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
  if (!painter.begin(&writer))
    throw core::IoError("cannot write the PDF", core::ErrorContext{outPath, std::nullopt, std::nullopt, "", "", ""});
  painter.scale(writer.resolution() / dpi, writer.resolution() / dpi);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::TextAntialiasing);
}

void paintMapInto(QPainter& painter, const QRectF& rect, MapComposition c, double dpi, core::Feedback& feedback) {
  c.size = rect.size().toSize();
  c.dpi = dpi;
  const CompositionLayout layout = layoutComposition(c);
  const MapPicture picture = renderMapPicture(c, layout, feedback);
  painter.save();
  painter.translate(rect.topLeft());
  painter.setClipRect(QRectF(QPointF(0, 0), rect.size()));
  PainterCanvas canvas(painter, /*vectorMap=*/true);
  paintComposition(canvas, c, layout, picture);
  painter.restore();
}

}  // namespace ekm::render
