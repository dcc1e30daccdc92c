// QtTest (offscreen): the map export is one composition. The GUI's File > Export Map Image
// (MainWindow::exportMapImage on the canvas's view) and `ekimachi-cli export-map` given the
// same layers, extent, hour, size, title and language write the same PNG, pixel for pixel,
// and the same SVG, byte for byte; the export carries its decorations (title, period,
// legend, scale bar, north arrow, sources, the suppression note), found in the SVG's text
// and in the PNG's pixels at the boxes the CLI reports.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest/QtTest>
#include <algorithm>

#include "ekm/core/time.h"
#include "main/main_window.h"
#include "map/map_canvas.h"
#include "support/qt_cli.h"

using namespace ekm;

namespace {

const QString kTitle = QStringLiteral("Briefing 説明会");
const QSize kSize(1200, 800);

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every <text> element's content, in document order.
QStringList svgTexts(const QByteArray& svg) {
  QStringList texts;
  QXmlStreamReader xml(svg);
  while (!xml.atEnd())
    if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
      texts << xml.readElementText();
  return xml.hasError() ? QStringList{QStringLiteral("XML error: ") + xml.errorString()} : texts;
}

QRect rectOf(const QJsonValue& v) {
  const QJsonArray a = v.toArray();
  return QRectF(a[0].toDouble(), a[1].toDouble(), a[2].toDouble(), a[3].toDouble()).toAlignedRect();
}

// Pixels of `rect` within `tolerance` (per channel) of `colour`.
int countNear(const QImage& image, const QRect& rect, QColor colour, int tolerance = 12) {
  int n = 0;
  const QRect r = rect.intersected(image.rect());
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x) {
      const QColor c = image.pixelColor(x, y);
      if (std::abs(c.red() - colour.red()) <= tolerance && std::abs(c.green() - colour.green()) <= tolerance &&
          std::abs(c.blue() - colour.blue()) <= tolerance)
        ++n;
    }
  return n;
}

// "" when equal, else how many pixels differ and the first of them.
QString difference(const QImage& a, const QImage& b) {
  if (a.size() != b.size()) return QStringLiteral("sizes differ");
  int n = 0;
  QString first;
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x)
      if (a.pixel(x, y) != b.pixel(x, y) && n++ == 0)
        first = QStringLiteral("(%1, %2): %3 vs %4").arg(x).arg(y).arg(a.pixelColor(x, y).name(), b.pixelColor(x, y).name());
  return n ? QStringLiteral("%1 pixels differ, first at %2").arg(n).arg(first) : QString();
}

}  // namespace

class TestMapExport : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;
  QString m_cliPng, m_guiPng, m_cliSvg, m_guiSvg;
  QJsonObject m_info;  // what the CLI reports it drew

  // The GUI's export of the window's current view; true when it reports success.
  static bool guiExport(widgets::MainWindow& window, const QString& path) {
    QSignalSpy done(&window, &widgets::MainWindow::mapImageExported);
    window.exportMapImage(path, kSize, kTitle, true, render::LabelLanguage::Both);
    if (!QTest::qWaitFor([&] { return done.count() > 0; }, 60000)) return false;
    return done.front().at(1).toBool();
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    QString out;
    QCOMPARE(ekm_test::cli({QStringLiteral("sample"), QStringLiteral("--out"), m_dir.path(), QStringLiteral("--from"),
                  QStringLiteral("2025-03-25"), QStringLiteral("--to"), QStringLiteral("2025-03-28"),
                  QStringLiteral("--radius"), QStringLiteral("500"), QStringLiteral("--quiet")},
                 &out),
             0);
    m_project = m_dir.filePath(QStringLiteral("sample.gpkg"));
    QVERIFY2(QFile::exists(m_project), qPrintable(out));
    m_cliPng = m_dir.filePath(QStringLiteral("cli.png"));
    m_guiPng = m_dir.filePath(QStringLiteral("gui.png"));
    m_cliSvg = m_dir.filePath(QStringLiteral("cli.svg"));
    m_guiSvg = m_dir.filePath(QStringLiteral("gui.svg"));
  }

  void guiAndCliWriteTheSameMap() {
    // The GUI: its default layer stack at noon, exported as PNG and SVG.
    widgets::MainWindow window;
    window.setPersistLayout(false);
    window.setInitialHour(core::parseIsoDateTimeToHourKey("2025-03-27T12:00"));
    window.resize(1000, 700);
    window.show();
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    window.openProject(m_project);
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() > 0 && !window.canvas()->isRendering(); }, 60000));

    // The CLI, told the same layers, extent, hour, size, title and language. (The extent is
    // the canvas's at the moment of each export: the Tasks dock may resize the canvas.)
    QStringList ids;
    for (const auto& layer : window.canvas()->layers()) ids << layer->id();
    QVERIFY(ids.contains(QStringLiteral("mesh_population")));
    const QStringList common{QStringLiteral("export-map"), QStringLiteral("--quiet"), QStringLiteral("--project"), m_project,
                             QStringLiteral("--at"), QStringLiteral("2025-03-27T12:00"), QStringLiteral("--size"),
                             QStringLiteral("1200x800"), QStringLiteral("--title"), kTitle, QStringLiteral("--lang"),
                             QStringLiteral("both"), QStringLiteral("--layers"), ids.join(QLatin1Char(','))};
    const QString info = m_dir.filePath(QStringLiteral("cli.json"));
    for (const auto& [gui, fromCli] : {std::pair{m_guiPng, m_cliPng}, std::pair{m_guiSvg, m_cliSvg}}) {
      QVERIFY(QTest::qWaitFor([&] { return !window.canvas()->isRendering(); }, 20000));
      const render::Extent e = window.canvas()->visibleExtent();
      QVERIFY(guiExport(window, gui));
      const QString extent = QString::asprintf("--extent=%.17g,%.17g,%.17g,%.17g", e.xMin, e.yMin, e.xMax, e.yMax);
      QString out;
      // What the PNG shows (theExportCarriesItsDecorations reads it).
      const QStringList infoArgs = gui == m_guiPng ? QStringList{QStringLiteral("--info-json"), info} : QStringList{};
      QCOMPARE(ekm_test::cli(common + QStringList{extent, QStringLiteral("--out"), fromCli} + infoArgs, &out), 0);
    }
    m_info = QJsonDocument::fromJson(readAll(info)).object();
    QCOMPARE(m_info.value(QStringLiteral("layers")).toArray().size(), ids.size());

    // Pixel-identical PNGs, byte-identical SVGs.
    const QImage gui(m_guiPng), fromCli(m_cliPng);
    QCOMPARE(gui.size(), kSize);
    QCOMPARE(fromCli.size(), kSize);
    const QString diff = difference(gui.convertToFormat(QImage::Format_RGB32), fromCli.convertToFormat(QImage::Format_RGB32));
    if (!diff.isEmpty() && qEnvironmentVariableIsSet("EKM_MAP_EXPORT_KEEP")) {
      gui.save(qEnvironmentVariable("EKM_MAP_EXPORT_KEEP") + QStringLiteral("/gui.png"));
      fromCli.save(qEnvironmentVariable("EKM_MAP_EXPORT_KEEP") + QStringLiteral("/cli.png"));
    }
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const QByteArray guiSvg = readAll(m_guiSvg), cliSvg = readAll(m_cliSvg);
    QVERIFY(guiSvg.size() > 1000);
    QVERIFY(guiSvg == cliSvg);
  }

  void theExportCarriesItsDecorations() {
    QVERIFY2(!m_info.isEmpty(), "needs guiAndCliWriteTheSameMap");
    // As text in the SVG: title, period, legend, scale bar, north arrow, sources, note, CRS.
    const QStringList texts = svgTexts(readAll(m_guiSvg));
    for (const QString& expected :
         {kTitle, QStringLiteral("2025-03-27 (木) 12:00–13:00 JST"),
          QStringLiteral("滞在人口（人/メッシュ） Population (people per cell)"),
          QStringLiteral("データなし（秘匿・欠測） No data"), QStringLiteral("駅 Stations"), QStringLiteral("N"),
          QStringLiteral("0"), QStringLiteral("10未満の値は秘匿 Counts under 10 are suppressed"), QStringLiteral("EPSG:6677")})
      QVERIFY2(texts.contains(expected), qPrintable(expected + QStringLiteral(" not in: ") + texts.join(QLatin1Char('|'))));
    const double metres = m_info.value(QStringLiteral("scale_bar_m")).toDouble();
    QVERIFY(metres > 0);
    QVERIFY(std::any_of(texts.begin(), texts.end(), [](const QString& t) {
      return t.endsWith(QLatin1String(" m")) || t.endsWith(QLatin1String(" km"));  // the scale bar's length
    }));
    const QString sources = m_info.value(QStringLiteral("attribution")).toString();
    QVERIFY(sources.contains(QLatin1String("e-Stat")));
    QVERIFY(texts.contains(sources));

    // In the PNG's pixels, at the boxes the CLI reports.
    const QImage png = QImage(m_guiPng).convertToFormat(QImage::Format_RGB32);
    const QColor ink(0x1a, 0x1a, 0x1a), white(Qt::white);
    const QRect map = rectOf(m_info.value(QStringLiteral("map_rect")));
    const QRect legend = rectOf(m_info.value(QStringLiteral("legend_rect")));
    const QRect scaleBar = rectOf(m_info.value(QStringLiteral("scale_bar_rect")));
    const QRect arrow = rectOf(m_info.value(QStringLiteral("north_arrow_rect")));
    for (const QRect& box : {legend, scaleBar, arrow}) {
      QVERIFY(!box.isEmpty());
      QVERIFY(map.contains(box));
      QVERIFY(!box.intersects(legend) || box == legend);
    }
    QVERIFY2(countNear(png, legend, white, 30) > legend.width() * legend.height() / 3, "legend box");
    QVERIFY2(countNear(png, scaleBar, ink) > scaleBar.width(), "scale bar segments");
    QVERIFY2(countNear(png, arrow, ink) > arrow.width() * 2, "north arrow");
    QVERIFY2(countNear(png, arrow, white, 3) > arrow.width() * 2, "north arrow");
    for (const QJsonValue& item : m_info.value(QStringLiteral("legend")).toArray()) {
      const QRect swatch = rectOf(item.toObject().value(QStringLiteral("swatch")));
      QVERIFY(legend.contains(swatch));
      const QColor colour(item.toObject().value(QStringLiteral("colour")).toString());
      if (item.toObject().value(QStringLiteral("missing")).toBool()) {
        // Hatched (no data): the fill shows between grey hatch lines, wherever the centre falls.
        const int area = swatch.width() * swatch.height();
        QVERIFY2(countNear(png, swatch, colour, 4) > area / 4, "no-data swatch fill");
        // The hatch lines inside the frame (antialiased between #808080 and the fill).
        QVERIFY2(countNear(png, swatch.adjusted(2, 2, -2, -2), QColor(0x80, 0x80, 0x80), 48) > area / 20,
                 "no-data swatch hatch");
      } else {
        QCOMPARE(png.pixelColor(swatch.center()).name(), colour.name());
      }
    }
    const QRect title(0, 0, png.width(), map.top()), foot(0, map.bottom() + 1, png.width(), png.height() - map.bottom() - 1);
    QVERIFY2(countNear(png, title, ink, 40) > 200, "title");
    QVERIFY2(countNear(png, foot, QColor(0x55, 0x55, 0x55), 40) > 200, "sources and note");
  }
};

QTEST_MAIN(TestMapExport)
#include "test_map_export.moc"
