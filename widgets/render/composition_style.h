#pragma once
// Sizes (style units, times CompositionLayout::u) and colours of the map composition, shared
// by its layout and its painting.
#include <QColor>

namespace ekm::render::composition_style {

constexpr double kMargin = 24;       // text inset from the page edges
constexpr double kMapMargin = 18;    // boxes' inset from the map's edges
constexpr double kTitlePx = 30, kSubtitlePx = 17, kPeriodPx = 18, kFootPx = 13;
constexpr double kTitleBaseline = 43, kLineStep = 28;  // first baseline; each further line
constexpr double kTitleBand = 64, kFootLine = 28, kFootBaseline = 19;
constexpr double kGap = 24;          // between texts on one line

inline const QColor kInk{0x1a, 0x1a, 0x1a};
inline const QColor kGrey{0x55, 0x55, 0x55};
inline const QColor kPaper{Qt::white};
inline const QColor kRule{0x99, 0x99, 0x99};

}  // namespace ekm::render::composition_style
