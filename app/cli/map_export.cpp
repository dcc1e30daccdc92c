#ifdef EKM_WITH_RENDER
#include "map_export.h"

#include <unistd.h>

#include <QBuffer>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "render/legend.h"
#include "render/map_renderer.h"
#include "render/project_layers.h"

namespace ekm::cli {
namespace {

namespace fs = std::filesystem;
using core::ErrorContext;

const QString kFontFamily = QStringLiteral("Noto Sans CJK JP");

QString pick(ExportLanguage language, const QString& ja, const QString& en) {
  switch (language) {
    case ExportLanguage::Japanese: return ja;
    case ExportLanguage::English: return en;
    case ExportLanguage::Both: break;
  }
  return ja + QLatin1Char(' ') + en;
}

// ---- Drawing surfaces: the overlay is drawn once through this interface, onto a QPainter
// (PNG, PDF) or as SVG elements, so all three formats show the same composition.
enum class Anchor { Start, Middle, End };

class Canvas {
 public:
  virtual ~Canvas() = default;
  virtual void image(const QRectF& rect, const QImage& image) = 0;
  virtual void rect(const QRectF& rect, QColor fill, QColor stroke = QColor(), double strokeWidth = 0) = 0;
  virtual void hatchedRect(const QRectF& rect, QColor fill, QColor hatch, QColor stroke) = 0;
  virtual void line(QPointF a, QPointF b, QColor colour, double width) = 0;
  virtual void polygon(const QPolygonF& polygon, QColor fill, QColor stroke, double strokeWidth) = 0;
  virtual void text(QPointF baseline, const QString& text, double pixelSize, bool bold, QColor colour, Anchor anchor) = 0;
};

QFont fontFor(double pixelSize, bool bold) {
  QFont f(kFontFamily);
  f.setStyleHint(QFont::SansSerif);
  f.setPixelSize(std::max(4, static_cast<int>(std::lround(pixelSize))));
  f.setWeight(bold ? QFont::Bold : QFont::Normal);
  return f;
}

double textWidth(const QString& text, double pixelSize, bool bold) {
  return QFontMetricsF(fontFor(pixelSize, bold)).horizontalAdvance(text);
}

class PainterCanvas : public Canvas {
 public:
  explicit PainterCanvas(QPainter& p) : m_p(p) { m_p.setRenderHint(QPainter::Antialiasing); m_p.setRenderHint(QPainter::TextAntialiasing); }
  void image(const QRectF& r, const QImage& img) override { m_p.drawImage(r, img); }
  void rect(const QRectF& r, QColor fill, QColor stroke = QColor(), double w = 0) override {
    m_p.setPen(stroke.isValid() && w > 0 ? QPen(stroke, w) : QPen(Qt::NoPen));
    m_p.setBrush(fill.isValid() ? QBrush(fill) : QBrush(Qt::NoBrush));
    m_p.drawRect(r);
  }
  void hatchedRect(const QRectF& r, QColor fill, QColor hatch, QColor stroke) override {
    rect(r, fill);
    m_p.save();
    m_p.setClipRect(r);
    m_p.setPen(QPen(hatch, std::max(1.0, r.height() / 12)));
    const double step = std::max(3.0, r.height() / 3);
    for (double x = r.left() - r.height(); x < r.right(); x += step)
      m_p.drawLine(QPointF(x, r.bottom()), QPointF(x + r.height(), r.top()));
    m_p.restore();
    rect(r, QColor(), stroke, 1);
  }
  void line(QPointF a, QPointF b, QColor c, double w) override {
    m_p.setPen(QPen(c, w, Qt::SolidLine, Qt::RoundCap));
    m_p.drawLine(a, b);
  }
  void polygon(const QPolygonF& poly, QColor fill, QColor stroke, double w) override {
    m_p.setPen(stroke.isValid() && w > 0 ? QPen(stroke, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin) : QPen(Qt::NoPen));
    m_p.setBrush(fill.isValid() ? QBrush(fill) : QBrush(Qt::NoBrush));
    m_p.drawPolygon(poly);
  }
  void text(QPointF baseline, const QString& t, double px, bool bold, QColor c, Anchor anchor) override {
    const QFont f = fontFor(px, bold);
    const double w = QFontMetricsF(f).horizontalAdvance(t);
    const double dx = anchor == Anchor::Start ? 0 : anchor == Anchor::Middle ? -w / 2 : -w;
    m_p.setFont(f);
    m_p.setPen(c);
    m_p.drawText(QPointF(baseline.x() + dx, baseline.y()), t);
  }

 private:
  QPainter& m_p;
};

QString xmlEscape(const QString& s) { return s.toHtmlEscaped(); }
QString num(double v) { return QString::number(v, 'f', 2); }
QString rgb(QColor c) { return c.name(QColor::HexRgb); }
QString paint(const char* attr, QColor c) {
  if (!c.isValid() || c.alpha() == 0) return QStringLiteral(" %1=\"none\"").arg(QLatin1String(attr));
  QString s = QStringLiteral(" %1=\"%2\"").arg(QLatin1String(attr), rgb(c));
  if (c.alpha() < 255) s += QStringLiteral(" %1-opacity=\"%2\"").arg(QLatin1String(attr), num(c.alphaF()));
  return s;
}

class SvgCanvas : public Canvas {
 public:
  explicit SvgCanvas(QSize size) {
    m_out = QStringLiteral(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                "width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\">\n")
                .arg(size.width())
                .arg(size.height());
  }
  void image(const QRectF& r, const QImage& img) override {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    m_out += QStringLiteral("<image x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" xlink:href=\"data:image/png;base64,")
                 .arg(num(r.x()), num(r.y()), num(r.width()), num(r.height()));
    m_out += QString::fromLatin1(bytes.toBase64());
    m_out += QStringLiteral("\"/>\n");
  }
  void rect(const QRectF& r, QColor fill, QColor stroke = QColor(), double w = 0) override {
    m_out += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\"").arg(num(r.x()), num(r.y()), num(r.width()), num(r.height()));
    m_out += paint("fill", fill);
    if (stroke.isValid() && w > 0) m_out += paint("stroke", stroke) + QStringLiteral(" stroke-width=\"%1\"").arg(num(w));
    m_out += QStringLiteral("/>\n");
  }
  void hatchedRect(const QRectF& r, QColor fill, QColor hatch, QColor stroke) override {
    const QString id = QStringLiteral("hatch%1").arg(++m_patterns);
    const double step = std::max(3.0, r.height() / 3);
    m_out += QStringLiteral(
                 "<defs><pattern id=\"%1\" patternUnits=\"userSpaceOnUse\" width=\"%2\" height=\"%2\" "
                 "patternTransform=\"rotate(45)\"><rect width=\"%2\" height=\"%2\" fill=\"%3\"/>"
                 "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"%2\" stroke=\"%4\" stroke-width=\"%5\"/></pattern></defs>\n")
                 .arg(id, num(step * 0.7071), rgb(fill), rgb(hatch), num(std::max(1.0, r.height() / 12)));
    m_out += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"url(#%5)\"")
                 .arg(num(r.x()), num(r.y()), num(r.width()), num(r.height()), id);
    m_out += paint("stroke", stroke) + QStringLiteral(" stroke-width=\"1\"/>\n");
  }
  void line(QPointF a, QPointF b, QColor c, double w) override {
    m_out += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" stroke-width=\"%5\" stroke-linecap=\"round\"")
                 .arg(num(a.x()), num(a.y()), num(b.x()), num(b.y()), num(w));
    m_out += paint("stroke", c) + QStringLiteral("/>\n");
  }
  void polygon(const QPolygonF& poly, QColor fill, QColor stroke, double w) override {
    QStringList pts;
    for (const QPointF& p : poly) pts << num(p.x()) + QLatin1Char(',') + num(p.y());
    m_out += QStringLiteral("<polygon points=\"%1\"").arg(pts.join(QLatin1Char(' ')));
    m_out += paint("fill", fill);
    if (stroke.isValid() && w > 0)
      m_out += paint("stroke", stroke) + QStringLiteral(" stroke-width=\"%1\" stroke-linejoin=\"round\"").arg(num(w));
    m_out += QStringLiteral("/>\n");
  }
  void text(QPointF baseline, const QString& t, double px, bool bold, QColor c, Anchor anchor) override {
    const char* a = anchor == Anchor::Start ? "start" : anchor == Anchor::Middle ? "middle" : "end";
    m_out += QStringLiteral(
                 "<text x=\"%1\" y=\"%2\" font-family=\"%3, sans-serif\" font-size=\"%4\" font-weight=\"%5\" "
                 "text-anchor=\"%6\"")
                 .arg(num(baseline.x()), num(baseline.y()), kFontFamily, num(std::lround(px)),
                      bold ? QStringLiteral("bold") : QStringLiteral("normal"), QLatin1String(a));
    m_out += paint("fill", c) + QLatin1Char('>') + xmlEscape(t) + QStringLiteral("</text>\n");
  }
  QByteArray finish() { return (m_out + QStringLiteral("</svg>\n")).toUtf8(); }

 private:
  QString m_out;
  int m_patterns = 0;
};

// ---- Layout of the overlay.
struct Layout {
  QSize size;
  double u = 1;  // design unit: 1 at 1600 px on the longer side
  QRectF titleBand, mapRect, footBand;
};

Layout layoutFor(QSize size) {
  Layout l;
  l.size = size;
  l.u = std::max(size.width(), size.height()) / 1600.0;
  const double titleH = 64 * l.u, footH = 28 * l.u;
  l.titleBand = QRectF(0, 0, size.width(), titleH);
  l.footBand = QRectF(0, size.height() - footH, size.width(), footH);
  l.mapRect = QRectF(0, titleH, size.width(), size.height() - titleH - footH);
  return l;
}

double niceLength(double maxMetres) {
  const double p = std::pow(10.0, std::floor(std::log10(maxMetres)));
  for (double m : {5.0, 2.0, 1.0})
    if (m * p <= maxMetres) return m * p;
  return p;
}

QString metresLabel(double m) {
  return m >= 1000 ? QString::number(m / 1000.0, 'g', 3) + QStringLiteral(" km") : QString::number(m, 'f', 0) + QStringLiteral(" m");
}

QColor composed(QColor c, QColor background, double opacity) {
  auto mix = [&](int a, int b) { return static_cast<int>(std::lround(opacity * a + (1 - opacity) * b)); };
  return QColor(mix(c.red(), background.red()), mix(c.green(), background.green()), mix(c.blue(), background.blue()));
}

constexpr double kLegendMargin = 18;

struct LegendSpec {
  double fs, titleFs, row, sw, sh, pad;
  render::LegendGroup mesh;
  QString noData, roadsTitle, mainRoad, street, station;
  QSizeF box;
};

LegendSpec legendSpec(const render::GraduatedStyle& meshStyle, ExportLanguage lang, double u) {
  LegendSpec s{15 * u, 16 * u, 24 * u, 30 * u, 16 * u, 14 * u, {}, {}, {}, {}, {}, {}, {}};
  s.mesh = render::Legend::forGraduatedStyle(
      pick(lang, QStringLiteral("滞在人口（人/メッシュ）"), QStringLiteral("Population (people per cell)")), meshStyle);
  s.noData = pick(lang, QStringLiteral("データなし（秘匿・欠測）"), QStringLiteral("No data"));
  s.roadsTitle = pick(lang, QStringLiteral("道路"), QStringLiteral("Roads"));
  s.mainRoad = pick(lang, QStringLiteral("幹線道路"), QStringLiteral("Main road"));
  s.street = pick(lang, QStringLiteral("街路"), QStringLiteral("Street"));
  s.station = pick(lang, QStringLiteral("駅"), QStringLiteral("Station"));
  double textW = std::max(textWidth(s.mesh.title, s.titleFs, true), textWidth(s.roadsTitle, s.titleFs, true));
  for (const auto& item : s.mesh.items)
    textW = std::max(textW, s.sw + 10 * u + textWidth(item.kind == render::LegendItem::Kind::Missing ? s.noData : item.label, s.fs, false));
  for (const QString& t : {s.mainRoad, s.street, s.station}) textW = std::max(textW, s.sw + 10 * u + textWidth(t, s.fs, false));
  const int rows = static_cast<int>(s.mesh.items.size()) + 5;  // + roads title, 2 roads, station, title
  s.box = QSizeF(textW + 2 * s.pad, rows * s.row + 2 * s.pad + 10 * u);
  return s;
}

void drawOverlay(Canvas& canvas, const Layout& l, const QImage& mapImage, const render::MapSettings& settings,
                 const render::GraduatedStyle& meshStyle, const render::RoadStyle& roadStyle, ExportLanguage lang,
                 MapExportResult& result) {
  const double u = l.u;
  const QColor ink(0x1a, 0x1a, 0x1a), grey(0x55, 0x55, 0x55), paper(Qt::white), frame(0x99, 0x99, 0x99);
  canvas.rect(QRectF(QPointF(0, 0), QSizeF(l.size)), settings.backgroundColour());
  canvas.image(l.mapRect, mapImage);

  // Title band.
  canvas.rect(l.titleBand, paper);
  canvas.line(l.titleBand.bottomLeft(), l.titleBand.bottomRight(), frame, std::max(1.0, u));
  canvas.text(QPointF(24 * u, l.titleBand.top() + 43 * u), result.title, 30 * u, true, ink, Anchor::Start);

  // Foot band: attribution.
  canvas.rect(l.footBand, paper);
  canvas.line(l.footBand.topLeft(), l.footBand.topRight(), frame, std::max(1.0, u));
  canvas.text(QPointF(24 * u, l.footBand.top() + 19 * u), result.attribution, 13 * u, false, grey, Anchor::Start);
  canvas.text(QPointF(l.size.width() - 24 * u, l.footBand.top() + 19 * u),
              QStringLiteral("EPSG:%1").arg(settings.destinationEpsg()), 13 * u, false, grey, Anchor::End);

  // Legend box (bottom right of the map).
  const LegendSpec spec = legendSpec(meshStyle, lang, u);
  const double fs = spec.fs, titleFs = spec.titleFs, row = spec.row, sw = spec.sw, sh = spec.sh, pad = spec.pad;
  const render::LegendGroup& mesh = spec.mesh;
  const QString &noData = spec.noData, &roadsTitle = spec.roadsTitle, &mainRoad = spec.mainRoad, &street = spec.street,
                &station = spec.station;
  const QSizeF box = spec.box;
  const QRectF legendRect(l.mapRect.right() - box.width() - kLegendMargin * u, l.mapRect.bottom() - box.height() - kLegendMargin * u,
                          box.width(), box.height());
  canvas.rect(legendRect, QColor(255, 255, 255, 235), frame, std::max(1.0, u));
  double y = legendRect.top() + pad;
  const double x = legendRect.left() + pad;
  auto baselineFor = [&](double rowTop) { return rowTop + row / 2 + fs * 0.36; };
  canvas.text(QPointF(x, baselineFor(y)), mesh.title, titleFs, true, ink, Anchor::Start);
  y += row;
  for (const auto& item : mesh.items) {
    const QRectF swatch(x, y + (row - sh) / 2, sw, sh);
    ExportedLegendClass c;
    c.swatch = swatch;
    if (item.kind == render::LegendItem::Kind::Missing) {
      canvas.hatchedRect(swatch, meshStyle.missingFill, meshStyle.missingHatch, frame);
      c.label = noData;
      c.missing = true;
      c.colour = meshStyle.missingFill;
    } else {
      c.colour = composed(item.colour, settings.backgroundColour(), meshStyle.opacity);
      canvas.rect(swatch, c.colour, frame, 1);
      c.label = item.label;
      c.lower = item.lower;
      c.upper = item.upper;
    }
    canvas.text(QPointF(x + sw + 10 * u, baselineFor(y)), c.label, fs, false, ink, Anchor::Start);
    result.legend.push_back(c);
    y += row;
  }
  y += 10 * u;
  canvas.text(QPointF(x, baselineFor(y)), roadsTitle, titleFs, true, ink, Anchor::Start);
  y += row;
  const double ps = settings.pixelScale();
  for (const auto& [label, width, fill] : {std::tuple{mainRoad, roadStyle.widthMajor, roadStyle.major},
                                           std::tuple{street, roadStyle.widthMinor, roadStyle.minor}}) {
    const double cy = y + row / 2;
    canvas.line(QPointF(x + 2 * u, cy), QPointF(x + sw - 2 * u, cy), roadStyle.casing, (width + roadStyle.casingExtra) * ps);
    canvas.line(QPointF(x + 2 * u, cy), QPointF(x + sw - 2 * u, cy), fill, width * ps);
    canvas.text(QPointF(x + sw + 10 * u, baselineFor(y)), label, fs, false, ink, Anchor::Start);
    y += row;
  }
  {
    const double cy = y + row / 2, r = 5.5 * ps;
    QPolygonF circle;
    for (int i = 0; i < 32; ++i) circle << QPointF(x + sw / 2 + r * std::cos(i * M_PI / 16), cy + r * std::sin(i * M_PI / 16));
    canvas.polygon(circle, Qt::white, QColor(0x20, 0x20, 0x20), 2.2 * ps);
    canvas.text(QPointF(x + sw + 10 * u, baselineFor(y)), station, fs, false, ink, Anchor::Start);
  }

  // Scale bar (bottom left of the map): about a fifth of the map width, 4 segments.
  const double mupp = settings.mapUnitsPerPixel();
  const double metres = niceLength(l.mapRect.width() * 0.2 * mupp);
  result.scaleBarMetres = metres;
  const double barW = metres / mupp, barH = 8 * u;
  const double bx = l.mapRect.left() + 24 * u, by = l.mapRect.bottom() - 30 * u;
  canvas.rect(QRectF(bx - 10 * u, by - 30 * u, barW + 20 * u + textWidth(metresLabel(metres), 13 * u, false) / 2, 50 * u),
              QColor(255, 255, 255, 210));
  for (int i = 0; i < 4; ++i)
    canvas.rect(QRectF(bx + i * barW / 4, by, barW / 4, barH), i % 2 ? Qt::white : ink, ink, std::max(1.0, u));
  canvas.text(QPointF(bx, by - 6 * u), QStringLiteral("0"), 13 * u, false, ink, Anchor::Middle);
  canvas.text(QPointF(bx + barW / 2, by - 6 * u), metresLabel(metres / 2).remove(QStringLiteral(" m")).remove(QStringLiteral(" km")), 13 * u,
              false, ink, Anchor::Middle);
  canvas.text(QPointF(bx + barW, by - 6 * u), metresLabel(metres), 13 * u, false, ink, Anchor::Middle);

  // North arrow (above the legend). Grid north of the plane rectangular zone; the
  // meridian convergence within a district is a fraction of a degree.
  const double nx = legendRect.right() - 24 * u, ny = std::max(l.mapRect.top() + 30 * u, legendRect.top() - 100 * u);
  canvas.rect(QRectF(nx - 24 * u, ny - 12 * u, 48 * u, 82 * u), QColor(255, 255, 255, 210));
  canvas.polygon(QPolygonF({QPointF(nx, ny + 20 * u), QPointF(nx - 13 * u, ny + 64 * u), QPointF(nx, ny + 54 * u)}), ink, ink, u);
  canvas.polygon(QPolygonF({QPointF(nx, ny + 20 * u), QPointF(nx + 13 * u, ny + 64 * u), QPointF(nx, ny + 54 * u)}), Qt::white, ink, u);
  canvas.text(QPointF(nx, ny + 14 * u), QStringLiteral("N"), 18 * u, true, ink, Anchor::Middle);
}

QString attributionFor(const store::Project& project, const std::string& path) {
  if (const auto a = project.meta("attribution"); a && !a->empty()) return QString::fromStdString(*a);
  if (project.meta("sample"))
    return QStringLiteral(
        "Synthetic people flow (Ekimachi sample) on real geography: e-Stat census mesh, PLATEAU (MLIT), "
        "Mini Tokyo 3D / ODPT");
  return QStringLiteral("Data: %1 — map: Ekimachi").arg(QString::fromStdString(fs::path(path).filename().string()));
}

// A temporary file next to the output, removed unless committed (renamed over the output).
class TempOutput {
 public:
  explicit TempOutput(const std::string& out) : m_out(out) {
    const fs::path p(out);
    m_tmp = (p.parent_path().empty() ? fs::path(".") : p.parent_path()) /
            ("." + p.filename().string() + ".part-" + std::to_string(::getpid()));
    std::ofstream probe(m_tmp, std::ios::binary | std::ios::trunc);
    if (!probe)
      throw core::IoError("cannot write the output file", ErrorContext{out, std::nullopt, std::nullopt, "", "a writable folder", "not writable or missing"});
  }
  ~TempOutput() {
    if (!m_committed) {
      std::error_code ec;
      fs::remove(m_tmp, ec);
    }
  }
  std::string tmp() const { return m_tmp.string(); }
  void commit() {
    std::error_code ec;
    fs::rename(m_tmp, m_out, ec);
    if (ec) throw core::IoError("cannot rename the finished file into place: " + ec.message(), ErrorContext{m_out, {}, {}, "", "", ""});
    m_committed = true;
  }

 private:
  std::string m_out;
  fs::path m_tmp;
  bool m_committed = false;
};

}  // namespace

ExportFormat formatFromPath(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".svg") return ExportFormat::Svg;
  if (ext == ".pdf") return ExportFormat::Pdf;
  return ExportFormat::Png;
}

const char* formatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::Png: return "png";
    case ExportFormat::Svg: return "svg";
    case ExportFormat::Pdf: return "pdf";
  }
  return "png";
}

QString defaultTitle(core::HourKey hour, ExportLanguage language) {
  const core::JstDateTime t = core::jstFromHourKey(hour);
  const int dow = core::dayOfWeek(t.date);
  static const char* const kJa[] = {"日", "月", "火", "水", "木", "金", "土"};
  static const char* const kEn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const QString date = QString::fromStdString(core::formatDate(t.date));
  const QString time = QStringLiteral("%1:00 JST").arg(t.hour, 2, 10, QLatin1Char('0'));
  switch (language) {
    case ExportLanguage::Japanese:
      return QStringLiteral("滞在人口 %1 (%2) %3").arg(date, QString::fromUtf8(kJa[dow]), time);
    case ExportLanguage::English:
      return QStringLiteral("Stay population %1 (%2) %3").arg(date, QLatin1String(kEn[dow]), time);
    case ExportLanguage::Both: break;
  }
  return QStringLiteral("滞在人口 Stay population %1 (%2) %3").arg(date, QString::fromUtf8(kJa[dow]), time);
}

MapExportResult exportMap(const MapExportOptions& o, core::Feedback& feedback) {
  if (!fs::exists(o.projectPath))
    throw core::IoError("project file not found", ErrorContext{o.projectPath, {}, {}, "", "an Ekimachi project (.gpkg)", "no such file"});
  if (o.size.width() < 200 || o.size.height() < 150 || o.size.width() > 20000 || o.size.height() > 20000)
    throw core::Error(core::ErrorCode::Usage, "bad --size",
                      ErrorContext{"", {}, {}, "size", "WxH between 200x150 and 20000x20000",
                                   std::to_string(o.size.width()) + "x" + std::to_string(o.size.height())});
  MapExportResult result;
  {
    const store::Project project = store::Project::open(o.projectPath, store::OpenMode::ReadOnly);
    const auto range = project.timeRange("mesh_population");
    if (!range) throw core::ValidationError("the project has no mesh population to map", ErrorContext{o.projectPath, {}, {}, "mesh_population", "rows", "none"});
    if (o.hour < range->first || o.hour > range->last)
      throw core::ValidationError("the hour --at is outside the project's mesh population data",
                                  ErrorContext{o.projectPath, {}, {}, "",
                                               core::formatHourKeyJst(range->first) + " .. " + core::formatHourKeyJst(range->last),
                                               core::formatHourKeyJst(o.hour)});
    result.attribution = attributionFor(project, o.projectPath);
  }
  TempOutput temp(o.outPath);  // fails early on an unwritable output

  // Progress in three steps: read the project, render the layers, write the file.
  core::MultiStepFeedback steps(feedback, 3);
  steps.setCurrentStep(0);
  render::ProjectLoadOptions loadOptions;
  loadOptions.rasterBasemapPath = o.rasterBasemapPath;
  const render::ProjectLayers project = render::loadProjectLayers(o.projectPath, steps, loadOptions);
  if (!project.rasterBasemapError.isEmpty()) throw core::GdalError(project.rasterBasemapError.toStdString());
  feedback.throwIfCancelled();
  result.displayEpsg = project.displayEpsg;
  result.title = o.title.isEmpty() ? defaultTitle(o.hour, o.language) : o.title;

  const Layout layout = layoutFor(o.size);
  render::MapSettings settings;
  settings.setOutputSize(layout.mapRect.size().toSize());
  settings.setDpi(96 * layout.u);
  settings.setHour(o.hour);
  settings.setDestinationEpsg(project.displayEpsg);
  settings.setLabelLanguage(o.language == ExportLanguage::Japanese ? render::LabelLanguage::Japanese
                            : o.language == ExportLanguage::English ? render::LabelLanguage::English
                                                                     : render::LabelLanguage::Both);
  render::LayerList layers = project.makeLayers(QStringLiteral("Population"), QStringLiteral("Roads"), QStringLiteral("Stations"));
  if (project.rasterBasemap) layers.insert(layers.begin(), project.rasterBasemap);
  render::GraduatedStyle meshStyle;
  meshStyle.breaks = project.meshBreaks;
  render::RoadStyle roadStyle;
  for (const auto& layer : layers) {
    if (auto m = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(layer)) meshStyle = m->style();
    if (auto r = std::dynamic_pointer_cast<const render::RoadSegmentsLayer>(layer)) roadStyle = r->style();
  }
  // The data fill the map left of the legend, centred; the map itself spans the whole width.
  const render::Extent data = (project.mesh && project.mesh->size() ? project.mesh->extent : project.fullExtent).scaled(1.04);
  const double legendW = legendSpec(meshStyle, o.language, layout.u).box.width() + 2 * kLegendMargin * layout.u;
  const QSizeF mapPx = layout.mapRect.size();
  const double dataW = std::max(mapPx.width() * 0.5, mapPx.width() - legendW);
  const double mupp = std::max(data.width() / dataW, data.height() / mapPx.height());
  const double left = data.centre().x() - dataW / 2 * mupp, top = data.centre().y() + mapPx.height() / 2 * mupp;
  settings.setExtent(render::Extent{left, top - mapPx.height() * mupp, left + mapPx.width() * mupp, top});
  steps.setCurrentStep(1);
  const render::RenderResult rendered = render::MapRenderer::render(settings, layers, steps);
  steps.setCurrentStep(2);
  if (rendered.cancelled || feedback.isCancelled()) throw core::CancelledError();
  if (!rendered.errors.isEmpty())
    throw core::Error(core::ErrorCode::Generic, "map layers failed to render: " + rendered.errors.join(QStringLiteral("; ")).toStdString());
  const render::Extent visible = settings.visibleExtent();
  result.extent[0] = visible.xMin;
  result.extent[1] = visible.yMin;
  result.extent[2] = visible.xMax;
  result.extent[3] = visible.yMax;
  result.mapRect = layout.mapRect;

  const QString tmp = QString::fromStdString(temp.tmp());
  switch (o.format) {
    case ExportFormat::Png: {
      QImage image(o.size, QImage::Format_ARGB32_Premultiplied);
      image.fill(Qt::white);
      {
        QPainter p(&image);
        PainterCanvas canvas(p);
        drawOverlay(canvas, layout, rendered.image, settings, meshStyle, roadStyle, o.language, result);
      }
      feedback.throwIfCancelled();
      if (!image.convertToFormat(QImage::Format_RGB32).save(tmp, "PNG"))
        throw core::IoError("cannot write the PNG file", ErrorContext{o.outPath, {}, {}, "", "", ""});
      break;
    }
    case ExportFormat::Svg: {
      SvgCanvas canvas(o.size);
      drawOverlay(canvas, layout, rendered.image, settings, meshStyle, roadStyle, o.language, result);
      const QByteArray bytes = canvas.finish();
      feedback.throwIfCancelled();
      std::ofstream f(temp.tmp(), std::ios::binary | std::ios::trunc);
      f.write(bytes.constData(), bytes.size());
      f.close();
      if (!f) throw core::IoError("cannot write the SVG file", ErrorContext{o.outPath, {}, {}, "", "", ""});
      break;
    }
    case ExportFormat::Pdf: {
      QPdfWriter writer(tmp);
      writer.setResolution(96);
      writer.setTitle(result.title);
      writer.setCreator(QStringLiteral("ekimachi-cli export-map"));
      writer.setPageLayout(QPageLayout(QPageSize(QSizeF(o.size.width() * 0.75, o.size.height() * 0.75), QPageSize::Point),
                                       QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
      QPainter p;
      if (!p.begin(&writer)) throw core::IoError("cannot write the PDF file", ErrorContext{o.outPath, {}, {}, "", "", ""});
      PainterCanvas canvas(p);
      drawOverlay(canvas, layout, rendered.image, settings, meshStyle, roadStyle, o.language, result);
      if (!p.end()) throw core::IoError("cannot write the PDF file", ErrorContext{o.outPath, {}, {}, "", "", ""});
      feedback.throwIfCancelled();
      break;
    }
  }
  // Test hook: a Ctrl-C at the worst moment (the finished temporary file is on disk).
  if (std::getenv("EKM_TEST_SIGINT_BEFORE_RENAME")) std::raise(SIGINT);
  feedback.throwIfCancelled();
  temp.commit();
  feedback.setProgress(100);
  return result;
}

}  // namespace ekm::cli
#endif
