// HaloLabelCache: a label copied from its cached sprite looks like the label painted from its
// outline path, vector devices get the path (not a bitmap), and labels are laid out once.
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

// Mean and max absolute difference over all channels.
std::pair<double, int> difference(const QImage& a, const QImage& b) {
  double sum = 0;
  int worst = 0;
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x) {
      const QRgb pa = a.pixel(x, y), pb = b.pixel(x, y);
      for (int shift : {0, 8, 16, 24}) {
        const int d = std::abs(int((pa >> shift) & 0xff) - int((pb >> shift) & 0xff));
        sum += d;
        worst = std::max(worst, d);
      }
    }
  return {sum / (a.width() * a.height() * 4.0), worst};
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
  void spriteMatchesOutlinePath() {
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
    const auto [mean, worst] = difference(fromSprite, fromPath);
    QVERIFY2(mean < 1.0, qPrintable(QStringLiteral("mean difference %1").arg(mean)));
    QVERIFY2(worst < 96, qPrintable(QStringLiteral("max difference %1").arg(worst)));
  }

  void vectorDevicesGetOutlinesNotBitmaps() {
    // Replayed at 4x, a recorded path is sharp while a recorded 1x bitmap is blocky: compare
    // with the path painted directly at 4x (a scaled painter never uses the sprite).
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
    const auto [mean, worst] = difference(replayed, direct);
    QVERIFY2(mean < 0.2, qPrintable(QStringLiteral("mean difference %1 (max %2)").arg(mean).arg(worst)));
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
