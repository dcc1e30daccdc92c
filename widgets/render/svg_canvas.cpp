#include "render/svg_canvas.h"

#include <QBuffer>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace ekm::render {

namespace {

QString num(double v) { return QString::number(v, 'f', 2); }

QString paint(const char* attr, QColor c) {
  if (!c.isValid() || c.alpha() == 0) return QStringLiteral(" %1=\"none\"").arg(QLatin1String(attr));
  QString s = QStringLiteral(" %1=\"%2\"").arg(QLatin1String(attr), c.name(QColor::HexRgb));
  if (c.alpha() < 255) s += QStringLiteral(" %1-opacity=\"%2\"").arg(QLatin1String(attr), num(c.alphaF()));
  return s;
}

QString strokeAttributes(const Stroke& s) {
  if (!s.colour.isValid() || s.colour.alpha() == 0 || !(s.width > 0)) return QStringLiteral(" stroke=\"none\"");
  QString out = paint("stroke", s.colour) + QStringLiteral(" stroke-width=\"%1\"").arg(num(s.width));
  out += s.roundCap ? QStringLiteral(" stroke-linecap=\"round\" stroke-linejoin=\"round\"")
                    : QStringLiteral(" stroke-linejoin=\"round\"");
  if (!s.dashes.empty()) {
    QStringList d;
    for (double v : s.dashes) d << num(v * s.width);
    out += QStringLiteral(" stroke-dasharray=\"%1\"").arg(d.join(QLatin1Char(' ')));
  }
  return out;
}

QString rectElement(const QRectF& r, const QString& fillAttributes, const Stroke& stroke) {
  return QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\"")
             .arg(num(r.x()), num(r.y()), num(r.width()), num(r.height())) +
         fillAttributes + strokeAttributes(stroke) + QStringLiteral("/>\n");
}

}  // namespace

SvgCanvas::SvgCanvas(QSize size, const QString& title) {
  m_out = QStringLiteral(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
              "width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\">\n")
              .arg(size.width())
              .arg(size.height());
  if (!title.isEmpty()) m_out += QStringLiteral("<title>%1</title>\n").arg(title.toHtmlEscaped());
}

void SvgCanvas::map(const QRectF& r, const MapPicture& picture) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  picture.image.save(&buffer, "PNG");
  m_out += QStringLiteral("<image x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" xlink:href=\"data:image/png;base64,")
               .arg(num(r.x()), num(r.y()), num(r.width()), num(r.height()));
  m_out += QString::fromLatin1(bytes.toBase64());
  m_out += QStringLiteral("\"/>\n");
}

void SvgCanvas::rect(const QRectF& r, QColor fill, const Stroke& stroke) { m_out += rectElement(r, paint("fill", fill), stroke); }

void SvgCanvas::hatchedRect(const QRectF& r, QColor fill, QColor hatch, const Stroke& stroke) {
  const QString id = QStringLiteral("hatch%1").arg(++m_ids);
  const double step = std::max(3.0, r.height() / 3);
  m_out += QStringLiteral(
               "<defs><pattern id=\"%1\" patternUnits=\"userSpaceOnUse\" width=\"%2\" height=\"%2\" "
               "patternTransform=\"rotate(45)\"><rect width=\"%2\" height=\"%2\" fill=\"%3\"/>"
               "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"%2\" stroke=\"%4\" stroke-width=\"%5\"/></pattern></defs>\n")
               .arg(id, num(step * 0.7071), fill.name(QColor::HexRgb), hatch.name(QColor::HexRgb),
                    num(std::max(1.0, r.height() / 12)));
  m_out += rectElement(r, QStringLiteral(" fill=\"url(#%1)\"").arg(id), stroke);
}

void SvgCanvas::gradientRect(const QRectF& r, const std::vector<std::pair<double, QColor>>& stops,
                             const Stroke& stroke) {
  const QString id = QStringLiteral("ramp%1").arg(++m_ids);
  m_out += QStringLiteral("<defs><linearGradient id=\"%1\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">").arg(id);
  for (const auto& [t, c] : stops)
    m_out += QStringLiteral("<stop offset=\"%1\" stop-color=\"%2\" stop-opacity=\"%3\"/>")
                 .arg(num(t), c.name(QColor::HexRgb), num(c.alphaF()));
  m_out += QStringLiteral("</linearGradient></defs>\n");
  m_out += rectElement(r, QStringLiteral(" fill=\"url(#%1)\"").arg(id), stroke);
}

void SvgCanvas::line(QPointF a, QPointF b, const Stroke& stroke) {
  m_out += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\"")
               .arg(num(a.x()), num(a.y()), num(b.x()), num(b.y())) +
           strokeAttributes(stroke) + QStringLiteral("/>\n");
}

void SvgCanvas::polygon(const QPolygonF& poly, QColor fill, const Stroke& stroke) {
  QStringList pts;
  for (const QPointF& p : poly) pts << num(p.x()) + QLatin1Char(',') + num(p.y());
  m_out += QStringLiteral("<polygon points=\"%1\"").arg(pts.join(QLatin1Char(' '))) + paint("fill", fill) +
           strokeAttributes(stroke) + QStringLiteral("/>\n");
}

void SvgCanvas::text(QPointF baseline, const QString& t, double px, bool bold, QColor colour, TextAnchor anchor) {
  const char* a = anchor == TextAnchor::Start ? "start" : anchor == TextAnchor::Middle ? "middle" : "end";
  m_out += QStringLiteral(
               "<text x=\"%1\" y=\"%2\" font-family=\"%3, sans-serif\" font-size=\"%4\" font-weight=\"%5\" "
               "text-anchor=\"%6\"")
               .arg(num(baseline.x()), num(baseline.y()), exportFont(px, bold).family(),
                    QString::number(exportFont(px, bold).pixelSize()),
                    bold ? QStringLiteral("bold") : QStringLiteral("normal"), QLatin1String(a));
  m_out += paint("fill", colour) + QLatin1Char('>') + t.toHtmlEscaped() + QStringLiteral("</text>\n");
}

QByteArray SvgCanvas::finish() { return (m_out + QStringLiteral("</svg>\n")).toUtf8(); }

}  // namespace ekm::render
