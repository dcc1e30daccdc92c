// HaloLabelCache: a label copied from its cached sprite looks like the label a vector device
// gets (text with a text halo, not a bitmap: sharp when replayed at 4x), and labels are laid
// out once. The sprite's halo is 90% opaque while the vector halo's overlapping copies add up
// to nearly opaque, so the two are compared by shape: the pixels the halo and the glyphs cover.
#include <QFont>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QGuiApplication>
#include <QPainter>
#include <QPicture>
#include <QtTest>

#include "render/halo_label.h"

using namespace ekm::render;

namespace {

HaloLabelStyle style() {
  HaloLabelStyle s;
  s.main = QFont(QStringLiteral("Noto Sans CJK JP"));
  s.main.setPixelSize(14);
  s.main.setWeight(QFont::DemiBold);
  s.second = s.main;
  s.second.setPixelSize(11);
  s.second.setWeight(QFont::Normal);
  s.text = QColor(0x10, 0x10, 0x10);
  s.halo = QColor(255, 255, 255, 230);
  s.haloWidth = 3;
  return s;
}

const QString kLabel = QStringLiteral("高輪ゲートウェイ\nTakanawa Gateway");

QImage blank(QSize size) {
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(QColor(0x80, 0xa0, 0xc0));
  return image;
}

// Intersection over union of two masks: the pixels that differ from the background by more
// than `inked` (halo and glyphs) or, with dark, the pixels darker than 80 (the glyphs).
double overlap(const QImage& a, const QImage& b, bool dark) {
  const QColor bg = blank(QSize(1, 1)).pixelColor(0, 0);
  auto on = [&](const QImage& im, int x, int y) {
    const QColor c = im.pixelColor(x, y);
    if (dark) return c.lightness() < 80;
    return std::abs(c.red() - bg.red()) + std::abs(c.green() - bg.green()) + std::abs(c.blue() - bg.blue()) > 60;
  };
  long both = 0, either = 0;
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x) {
      const bool p = on(a, x, y), q = on(b, x, y);
      both += p && q;
      either += p || q;
    }
  return either ? double(both) / either : 1.0;
}

// Number of pixels that differ from the background.
int inked(const QImage& image) {
  const QRgb background = blank(QSize(1, 1)).pixel(0, 0);
  int n = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) n += image.pixel(x, y) != background;
  return n;
}

}  // namespace

class TestHaloLabel : public QObject {
  Q_OBJECT

 private slots:
  void spriteMatchesVectorLabel() {
    const HaloLabelCache cache;
    const QSize size(260, 60);
    QImage fromSprite = blank(size);
    {
      QPainter p(&fromSprite);
      cache.draw(p, QPointF(20, 12), kLabel, style());
    }
    // The same label through a vector device (QPicture), which must record the path,
    // replayed onto an image of the same size.
    QPicture picture;
    {
      QPainter p(&picture);
      cache.draw(p, QPointF(20, 12), kLabel, style());
    }
    QImage fromPath = blank(size);
    {
      QPainter p(&fromPath);
      p.setRenderHint(QPainter::Antialiasing, true);
      picture.play(&p);
    }
    QVERIFY2(inked(fromSprite) > 400, "the label was not drawn");
    // (0.88 measured; at 1x the glyphs' own pixels depend on hinting: compared at 4x below.)
    const double halo = overlap(fromSprite, fromPath, false);
    QVERIFY2(halo > 0.8, qPrintable(QStringLiteral("halo and glyphs overlap %1").arg(halo)));
  }

  void vectorDevicesGetTextNotBitmaps() {
    // Replayed at 4x, recorded text is sharp while a recorded 1x bitmap is blocky: compare
    // with the outline path painted directly at 4x (a scaled painter never uses the sprite).
    const HaloLabelCache cache;
    QPicture picture;
    {
      QPainter p(&picture);
      cache.draw(p, QPointF(4, 4), kLabel, style());
    }
    const QSize size(4 * 200, 4 * 48);
    QImage replayed = blank(size), direct = blank(size);
    {
      QPainter p(&replayed);
      p.setRenderHint(QPainter::Antialiasing, true);
      p.scale(4, 4);
      picture.play(&p);
    }
    {
      // The reference: the label's outline built here from the fonts, painted at 4x.
      const HaloLabelStyle st = style();
      const QFontMetricsF fm(st.main), fm2(st.second);
      QPainterPath path;
      path.addText(QPointF(4, 4 + fm.ascent()), st.main, QStringLiteral("高輪ゲートウェイ"));
      path.addText(QPointF(4, 4 + fm.height() + fm2.ascent()), st.second, QStringLiteral("Takanawa Gateway"));
      QPainter p(&direct);
      p.setRenderHint(QPainter::Antialiasing, true);
      p.scale(4, 4);
      p.setPen(QPen(st.halo, st.haloWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      p.drawPath(path);
      p.setPen(Qt::NoPen);
      p.setBrush(st.text);
      p.drawPath(path);
    }
    QVERIFY(inked(direct) > 4000);
    // The 1x sprite scaled up 4x: what a recorded bitmap would look like.
    QImage sprite = blank(QSize(200, 48));
    {
      QPainter p(&sprite);
      cache.draw(p, QPointF(4, 4), kLabel, style());
    }
    const QImage blocky = sprite.scaled(size);
    const double text = overlap(replayed, direct, true), bitmap = overlap(blocky, direct, true);
    // Measured: text 0.76, a scaled bitmap 0.61, the halo 0.94.
    QVERIFY2(text > 0.7, qPrintable(QStringLiteral("glyphs overlap %1").arg(text)));
    QVERIFY2(text > bitmap + 0.1, qPrintable(QStringLiteral("text %1, a scaled bitmap %2").arg(text).arg(bitmap)));
    QVERIFY2(overlap(replayed, direct, false) > 0.9, "the halo is not where the outline's is");
  }

  void labelsAreLaidOutOnce() {
    const HaloLabelCache cache;
    QImage image = blank(QSize(300, 80));
    QPainter p(&image);
    const QSizeF first = cache.size(kLabel, style());
    for (int i = 0; i < 5; ++i) cache.draw(p, QPointF(10 + i, 10), kLabel, style());
    QCOMPARE(cache.count(), std::size_t(1));
    QCOMPARE(cache.size(kLabel, style()), first);
    // Two lines: the box is as wide as the wider line and as tall as both.
    const QSizeF jaOnly = cache.size(QStringLiteral("高輪ゲートウェイ"), style());
    QVERIFY(first.height() > jaOnly.height());
    QVERIFY(first.width() >= jaOnly.width());
    HaloLabelStyle bigger = style();
    bigger.main.setPixelSize(20);
    QVERIFY(cache.size(QStringLiteral("高輪ゲートウェイ"), bigger).width() > jaOnly.width());
    QCOMPARE(cache.count(), std::size_t(3));
  }
};

QTEST_MAIN(TestHaloLabel)
#include "test_halo_label.moc"
