#include "render/legend.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QLocale>
#include <algorithm>
#include <QPen>
#include <cmath>

namespace ekm::render {

int Legend::decimalsFor(const ClassBreaks& breaks) {
  if (breaks.edges().empty()) return 0;
  const double span = breaks.edges().back() - breaks.edges().front();
  if (span >= 50) return 0;
  if (span >= 5) return 1;
  return 2;
}

QString Legend::rangeLabel(double lower, double upper, int decimals) {
  const QLocale locale;
  return QStringLiteral("%1 – %2").arg(locale.toString(lower, 'f', decimals), locale.toString(upper, 'f', decimals));
}

LegendGroup Legend::forGraduatedStyle(const QString& title, const GraduatedStyle& style) {
  LegendGroup group{title, {}};
  const int decimals = decimalsFor(style.breaks);
  for (int i = 0; i < style.classCount(); ++i) {
    LegendItem item;
    item.kind = LegendItem::Kind::Range;
    item.lower = style.breaks.lower(i);
    item.upper = style.breaks.upper(i);
    item.colour = style.classColour(i);
    item.label = rangeLabel(item.lower, item.upper, decimals);
    group.items.push_back(item);
  }
  LegendItem missing;
  missing.kind = LegendItem::Kind::Missing;
  missing.colour = style.missingFill;
  missing.label = tr("No data (suppressed or missing)");
  group.items.push_back(missing);
  return group;
}

LegendItem Legend::rampItem(const ColourRamp& ramp, double alpha, const QString& lowLabel, const QString& highLabel) {
  LegendItem item;
  item.kind = LegendItem::Kind::Ramp;
  item.label = QStringLiteral("%1 – %2").arg(lowLabel, highLabel);
  const int samples = 16;
  for (int i = 0; i <= samples; ++i) {
    const double t = static_cast<double>(i) / samples;
    QColor c = ramp.at(t);
    c.setAlphaF(std::clamp(alpha, 0.0, 1.0) * c.alphaF());
    item.gradient.emplace_back(t, c);
  }
  item.colour = item.gradient.back().second;
  return item;
}

LegendPainter::LegendPainter(double pixelScale, QFont font) : m_scale(pixelScale), m_font(std::move(font)) {
  m_titleFont = m_font;
  m_titleFont.setBold(true);
}

double LegendPainter::symbolWidth(const LegendItem& item) const {
  const double swatch = 18 * m_scale;
  switch (item.kind) {
    case LegendItem::Kind::Bubble: return std::max(swatch, 2 * item.radius * m_scale + 2);
    case LegendItem::Kind::Ramp: return 4 * swatch;
    default: return swatch;
  }
}

double LegendPainter::rowHeight(const LegendItem& item, double row) const {
  if (item.kind == LegendItem::Kind::Bubble) return std::max(row, 2 * item.radius * m_scale + 4 * m_scale);
  if (item.kind == LegendItem::Kind::Line || item.kind == LegendItem::Kind::Railway)
    return std::max(row, item.lineWidth * m_scale + 6 * m_scale);
  return row;
}

QSizeF LegendPainter::size(const std::vector<LegendGroup>& groups) const {
  const QFontMetricsF fm(m_font), ftm(m_titleFont);
  const double swatch = 18 * m_scale, gap = 6 * m_scale, row = std::max(swatch, fm.height()) + 3 * m_scale;
  double w = 0, h = 0;
  for (const LegendGroup& g : groups) {
    if (!g.title.isEmpty()) {
      w = std::max(w, ftm.horizontalAdvance(g.title));
      h += ftm.height() + gap;
    }
    for (const LegendItem& item : g.items) {
      w = std::max(w, symbolWidth(item) + gap + fm.horizontalAdvance(item.label));
      h += rowHeight(item, row);
    }
    h += gap * 2;
  }
  return {w + 2 * gap, h};
}

double LegendPainter::paint(QPainter& p, QPointF origin, const std::vector<LegendGroup>& groups) const {
  const QFontMetricsF fm(m_font), ftm(m_titleFont);
  const double swatch = 18 * m_scale, gap = 6 * m_scale, row = std::max(swatch, fm.height()) + 3 * m_scale;
  const QColor text = p.pen().color();
  double y = origin.y();
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  for (const LegendGroup& g : groups) {
    if (!g.title.isEmpty()) {
      p.setFont(m_titleFont);
      p.setPen(text);
      p.drawText(QPointF(origin.x(), y + ftm.ascent()), g.title);
      y += ftm.height() + gap;
    }
    p.setFont(m_font);
    for (const LegendItem& item : g.items) {
      const double itemRow = rowHeight(item, row);
      const QRectF box(origin.x(), y + (itemRow - swatch * 0.75) / 2, swatch, swatch * 0.75);
      switch (item.kind) {
        case LegendItem::Kind::Range:
          p.setPen(QPen(QColor(0, 0, 0, 60), 1));
          p.setBrush(item.colour);
          p.drawRect(box);
          break;
        case LegendItem::Kind::Missing: {
          p.setPen(QPen(QColor(0, 0, 0, 60), 1));
          p.setBrush(item.colour.isValid() ? item.colour : m_missingFill);
          p.drawRect(box);
          QBrush hatch(m_missingHatch, Qt::BDiagPattern);
          hatch.setTransform(QTransform::fromScale(m_scale, m_scale));
          p.setBrush(hatch);
          p.drawRect(box);
          break;
        }
        case LegendItem::Kind::Line:
          if (item.stroke.isValid()) {
            p.setPen(QPen(item.stroke, std::max(1.0, (item.lineWidth + kValueCasingExtra) * m_scale), Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()));
          }
          p.setPen(QPen(item.colour, std::max(1.0, item.lineWidth * m_scale), Qt::SolidLine, Qt::RoundCap));
          p.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()));
          break;
        case LegendItem::Kind::Point:
          p.setPen(QPen(QColor(0x20, 0x20, 0x20), 2 * m_scale));
          p.setBrush(item.colour);
          p.drawEllipse(box.center(), 5 * m_scale, 5 * m_scale);
          break;
        case LegendItem::Kind::Bubble: {
          const double r = item.radius * m_scale;
          const double cx = origin.x() + symbolWidth(item) / 2;
          p.setPen(item.stroke.isValid() ? QPen(item.stroke, m_scale) : QPen(Qt::NoPen));
          p.setBrush(item.colour);
          p.drawEllipse(QPointF(cx, y + itemRow / 2), r, r);
          break;
        }
        case LegendItem::Kind::Ramp: {
          const QRectF bar(origin.x(), box.top(), symbolWidth(item), box.height());
          QLinearGradient gradient(bar.topLeft(), bar.topRight());
          for (const auto& [t, c] : item.gradient) gradient.setColorAt(t, c);
          p.setPen(QPen(QColor(0, 0, 0, 60), 1));
          p.setBrush(gradient);
          p.drawRect(bar);
          break;
        }
        case LegendItem::Kind::Fill:
          p.setPen(item.stroke.isValid() ? QPen(item.stroke, m_scale) : QPen(Qt::NoPen));
          p.setBrush(item.colour);
          p.drawRect(box);
          break;
        case LegendItem::Kind::Railway: {
          const double lw = std::max(1.0, item.lineWidth * m_scale);
          const QLineF line(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()));
          p.setPen(QPen(item.colour, lw, Qt::SolidLine, Qt::FlatCap));
          p.drawLine(line);
          // As BasemapLayer draws railways: dashes 0.55 of the line wide, 3 line widths long.
          QPen dashes(item.stroke.isValid() ? item.stroke : QColor(Qt::white), lw * 0.55, Qt::CustomDashLine, Qt::FlatCap);
          dashes.setDashPattern({3 / 0.55, 3 / 0.55});
          p.setPen(dashes);
          p.drawLine(line);
          break;
        }
      }
      p.setPen(text);
      p.drawText(QPointF(origin.x() + symbolWidth(item) + gap, y + itemRow / 2 - fm.height() / 2 + fm.ascent()), item.label);
      y += itemRow;
    }
    y += gap * 2;
  }
  p.restore();
  return y - origin.y();
}

}  // namespace ekm::render
