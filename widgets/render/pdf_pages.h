#pragma once
// What the multi-page PDF documents of the render library share (the citizens' briefing pack,
// the operator's ridership report): the language and landscape paper of a request (Usage
// errors naming the field), a PDF writer whose pages are page pixels at a DPI, and a map
// composition painted into a rectangle of a page (as vectors).
#include <QPainter>
#include <QPdfWriter>
#include <QRectF>
#include <QSize>
#include <string>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "render/map_composition.h"

namespace ekm::render {

core::Error usageError(const std::string& what, const std::string& field, const std::string& expected,
                       const std::string& found);
// "ja", "en" or "both" (field "lang").
LabelLanguage documentLanguage(const std::string& name);
// Landscape pages of a paper ("A4", "A3", "JisB4", ...; "-landscape"/"-portrait" ignored) in
// pixels at `dpi` (36..600).
QSize landscapePagePixels(const std::string& paper, double dpi);
// Sets the writer's resolution, title and page size (no margins) and begins `painter` on it,
// scaled so that one unit is one page pixel. IoError naming `outPath` when it cannot.
void beginPdfPages(QPainter& painter, QPdfWriter& writer, QSize pagePixels, double dpi, const QString& title,
                   const std::string& outPath);
// Lays out, renders and paints the composition into `rect` of the page (clipped; vectors).
// The composition's size and DPI are set from the rectangle.
void paintMapInto(QPainter& painter, const QRectF& rect, MapComposition composition, double dpi,
                  core::Feedback& feedback);

}  // namespace ekm::render
