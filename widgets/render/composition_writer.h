#pragma once
// Writes a MapComposition as PNG (QImage), SVG (SvgCanvas: text as text, the map raster
// embedded) or PDF (QPdfWriter: the layers and the decorations as vectors, fonts embedded),
// atomically. Any thread; needs a QGuiApplication (fonts).
#include <QImage>
#include <string>

#include "ekm/core/feedback.h"
#include "render/export_format.h"
#include "render/map_composition.h"

namespace ekm::render {

// Renders the layers and writes the file (a temporary file renamed at the end). Throws
// core::IoError (unwritable output), core::ValidationError (bad size or extent),
// core::Error (a layer failed) or core::CancelledError; nothing is left behind then.
CompositionResult writeComposition(const MapComposition& composition, ExportFormat format, const std::string& path,
                                   core::Feedback& feedback);
// The composition as an image (what the PNG holds).
QImage compositionImage(const MapComposition& composition, core::Feedback& feedback,
                        CompositionResult* result = nullptr);

}  // namespace ekm::render
