#pragma once
// Legends built from the styles themselves (so they always match the map), and a painter
// that draws them onto any QPainter (a dock widget, an exported map, a PDF).
#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QPainter>
#include <QString>
#include <utility>
#include <vector>

#include "render/classification.h"

namespace ekm::render {

struct LegendItem {
  // Range: a filled box of a class; Missing: hatched grey box; Line: a line of lineWidth;
  // Point: a station symbol; Bubble: a circle of `radius` (fill colour, outline stroke);
  // Ramp: a continuous bar of `gradient` (t in [0, 1] -> colour, may be translucent), label
  // "low – high"; Fill: a polygon swatch (fill colour, outline stroke); Railway: the classic
  // railway line (dark casing with light dashes).
  enum class Kind { Range, Missing, Line, Point, Bubble, Ramp, Fill, Railway };
  Kind kind = Kind::Range;
  QString label;
  QColor colour;
  double lower = 0;  // Range (and Line, Bubble when they stand for values)
  double upper = 0;
  double lineWidth = 0;  // Line and Railway, points at 96 dpi
  double radius = 0;     // Bubble, points at 96 dpi
  QColor stroke;         // Bubble and Fill outline; Railway dash colour; Line casing (kValueCasingExtra wider)
  std::vector<std::pair<double, QColor>> gradient;  // Ramp
};

// Points a line's casing is wider than the line (a LegendItem Line's stroke, SegmentValueStyle::casing).
constexpr double kValueCasingExtra = 1.5;

struct LegendGroup {
  QString title;
  std::vector<LegendItem> items;
};

class Legend {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::Legend)

 public:
  // One Range item per class of the style (lowest first), then "No data" (hatched).
  static LegendGroup forGraduatedStyle(const QString& title, const GraduatedStyle& style);
  // "1,234 – 2,345" with decimals chosen from the magnitude of the breaks.
  static QString rangeLabel(double lower, double upper, int decimals);
  static int decimalsFor(const ClassBreaks& breaks);
  // A continuous ramp from `low` to `high` (labels at both ends), with an alpha applied.
  static LegendItem rampItem(const ColourRamp& ramp, double alpha, const QString& lowLabel, const QString& highLabel);
};

class LegendPainter {
 public:
  explicit LegendPainter(double pixelScale = 1.0, QFont font = QFont());
  QSizeF size(const std::vector<LegendGroup>& groups) const;
  // Draws with the top-left at `origin`; returns the height used.
  double paint(QPainter& painter, QPointF origin, const std::vector<LegendGroup>& groups) const;

 private:
  double symbolWidth(const LegendItem& item) const;
  double rowHeight(const LegendItem& item, double row) const;
  double m_scale;
  QFont m_font;
  QFont m_titleFont;
  QColor m_missingHatch{0x80, 0x80, 0x80};
  QColor m_missingFill{0xd2, 0xd2, 0xd2};
};

}  // namespace ekm::render
