#include "render/legend_box.h"

#include <algorithm>

namespace ekm::render {

namespace {

// Style units (times u): text and title sizes, row height, swatch, padding, gaps.
constexpr double kText = 15, kTitle = 16, kRow = 24, kSwatchW = 30, kSwatchH = 16, kPad = 14, kGap = 10;
constexpr double kNote = 13, kNoteRow = 20;  // the group's note (how the classes were made)
const QColor kInk(0x1a, 0x1a, 0x1a);
const QColor kNoteInk(0x55, 0x55, 0x55);
const QColor kFrame(0x99, 0x99, 0x99);
const QColor kMissingFill(0xd2, 0xd2, 0xd2);
const QColor kMissingHatch(0x80, 0x80, 0x80);

// A group with a title and no items is a note on the group above it (how its classes were
// made): one line of smaller grey text right under it.
bool isNote(const LegendGroup& group) { return group.items.empty() && !group.title.isEmpty(); }

double symbolWidth(const LegendItem& item, double u) {
  switch (item.kind) {
    case LegendItem::Kind::Bubble: return std::max(kSwatchW * u, 2 * item.radius * u + 2 * u);
    case LegendItem::Kind::Ramp: return 3 * kSwatchW * u;
    default: return kSwatchW * u;
  }
}

double rowHeight(const LegendItem& item, double u) {
  if (item.kind == LegendItem::Kind::Bubble) return std::max(kRow * u, 2 * item.radius * u + 4 * u);
  if (item.kind == LegendItem::Kind::Line || item.kind == LegendItem::Kind::Railway)
    return std::max(kRow * u, item.lineWidth * u + 6 * u);
  return kRow * u;
}

double baseline(double rowTop, double rowH, double u) { return rowTop + rowH / 2 + kText * u * 0.36; }

// Draws one item's symbol in the row starting at (x, top); returns the symbol's rect.
QRectF paintSymbol(ExportCanvas& c, const LegendItem& item, double x, double top, double u) {
  const double rowH = rowHeight(item, u), w = symbolWidth(item, u);
  const QRectF swatch(x, top + (rowH - kSwatchH * u) / 2, w, kSwatchH * u);
  const Stroke frame{kFrame, 1, false, {}};
  const QPointF mid(x + w / 2, top + rowH / 2);
  switch (item.kind) {
    case LegendItem::Kind::Range: c.rect(swatch, item.colour, frame); return swatch;
    case LegendItem::Kind::Missing:
      c.hatchedRect(swatch, item.colour.isValid() ? item.colour : kMissingFill, kMissingHatch, frame);
      return swatch;
    case LegendItem::Kind::Fill: c.rect(swatch, item.colour, Stroke{item.stroke, u, false, {}}); return swatch;
    case LegendItem::Kind::Ramp: c.gradientRect(swatch, item.gradient, frame); return swatch;
    case LegendItem::Kind::Line: {
      if (item.stroke.isValid())
        c.line(QPointF(x + 2 * u, mid.y()), QPointF(x + w - 2 * u, mid.y()),
               Stroke{item.stroke, std::max(1.0, (item.lineWidth + kValueCasingExtra) * u), true, {}});
      c.line(QPointF(x + 2 * u, mid.y()), QPointF(x + w - 2 * u, mid.y()),
             Stroke{item.colour, std::max(1.0, item.lineWidth * u), true, {}});
      return QRectF(x, mid.y() - item.lineWidth * u / 2, w, item.lineWidth * u);
    }
    case LegendItem::Kind::Railway: {
      const double lw = std::max(1.0, item.lineWidth * u);
      const QPointF a(x, mid.y()), b(x + w, mid.y());
      c.line(a, b, Stroke{item.colour, lw, false, {}});
      // As BasemapLayer draws railways: dashes 0.55 of the line wide, 3 line widths long.
      c.line(a, b, Stroke{item.stroke.isValid() ? item.stroke : QColor(Qt::white), lw * 0.55, false, {3 / 0.55, 3 / 0.55}});
      return QRectF(x, mid.y() - lw / 2, w, lw);
    }
    case LegendItem::Kind::Point: {
      const double r = 5.5 * u;
      c.polygon(circlePolygon(mid, r), item.colour.isValid() ? item.colour : QColor(Qt::white),
                Stroke{QColor(0x20, 0x20, 0x20), 2.2 * u, true, {}});
      return QRectF(mid.x() - r, mid.y() - r, 2 * r, 2 * r);
    }
    case LegendItem::Kind::Bubble: {
      const double r = item.radius * u;
      c.polygon(circlePolygon(mid, r), item.colour, Stroke{item.stroke, u, true, {}});
      return QRectF(mid.x() - r, mid.y() - r, 2 * r, 2 * r);
    }
  }
  return swatch;
}

}  // namespace

QSizeF legendBoxSize(const std::vector<LegendGroup>& groups, double u) {
  double w = 0, h = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (isNote(groups[g])) {
      w = std::max(w, exportTextWidth(groups[g].title, kNote * u, false));
      h += kNoteRow * u;
      continue;
    }
    if (g > 0) h += kGap * u;
    if (!groups[g].title.isEmpty()) {
      w = std::max(w, exportTextWidth(groups[g].title, kTitle * u, true));
      h += kRow * u;
    }
    for (const LegendItem& item : groups[g].items) {
      w = std::max(w, symbolWidth(item, u) + kGap * u + exportTextWidth(item.label, kText * u, false));
      h += rowHeight(item, u);
    }
  }
  return {w + 2 * kPad * u, h + 2 * kPad * u};
}

std::vector<LegendSymbol> paintLegendBox(ExportCanvas& canvas, const QRectF& box, const std::vector<LegendGroup>& groups,
                                         double u) {
  std::vector<LegendSymbol> symbols;
  canvas.rect(box, QColor(255, 255, 255, 235), Stroke{kFrame, std::max(1.0, u), false, {}});
  const double x = box.left() + kPad * u;
  double y = box.top() + kPad * u;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (isNote(groups[g])) {
      canvas.text(QPointF(x, y + kNoteRow * u * 0.62), groups[g].title, kNote * u, false, kNoteInk, TextAnchor::Start);
      y += kNoteRow * u;
      continue;
    }
    if (g > 0) y += kGap * u;
    if (!groups[g].title.isEmpty()) {
      canvas.text(QPointF(x, baseline(y, kRow * u, u)), groups[g].title, kTitle * u, true, kInk, TextAnchor::Start);
      y += kRow * u;
    }
    for (std::size_t i = 0; i < groups[g].items.size(); ++i) {
      const LegendItem& item = groups[g].items[i];
      const double rowH = rowHeight(item, u);
      symbols.push_back({g, i, paintSymbol(canvas, item, x, y, u)});
      canvas.text(QPointF(x + symbolWidth(item, u) + kGap * u, baseline(y, rowH, u)), item.label, kText * u, false, kInk,
                  TextAnchor::Start);
      y += rowH;
    }
  }
  return symbols;
}

}  // namespace ekm::render
