#pragma once
// Text labels with a halo (one or two lines: the second in a smaller font), laid out once
// and drawn many times. The outline path of a label is built once per text and style; on a
// raster device (a QImage without transform) the label is also painted once into a sprite
// that later frames copy, so a layer that redraws every hour (station ridership bubbles
// while the time slider moves) does not rebuild CJK glyph outlines each frame. Vector
// devices (PDF, SVG exports) get text: the halo as the text drawn around the label in the
// halo colour, then the text (glyph outlines of 30 station names, halo and fill, were half a
// megabyte of path operators on every map of a PDF; text is a few bytes a glyph and stays
// searchable).
#include <QColor>
#include <QFont>
#include <QImage>
#include <QPainterPath>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

class QPainter;

namespace ekm::render {

struct HaloLabelStyle {
  QFont main;
  QFont second;  // the font of a second line
  QColor text;
  QColor halo;
  double haloWidth = 3;  // device pixels
};

// Thread-safe: render jobs on several threads may share one cache.
class HaloLabelCache {
 public:
  explicit HaloLabelCache(std::size_t capacity = 4096) : m_capacity(capacity) {}
  // The label's box in device pixels (text only, without the halo) for "line1" or "line1\nline2".
  QSizeF size(const QString& text, const HaloLabelStyle& style) const;
  // Draws the label with its box's top-left corner at topLeft (device pixels).
  void draw(QPainter& painter, QPointF topLeft, const QString& text, const HaloLabelStyle& style) const;
  std::size_t count() const;  // labels held

 private:
  struct Label {
    QPainterPath path;  // box top-left at (0, 0)
    QStringList lines;
    std::vector<QPointF> baselines;  // of the lines, from the box's top-left
    QSizeF box;
    QImage sprite;      // built on first raster use; margin() pixels of halo around the box
    int margin = 0;
  };
  std::shared_ptr<Label> label(const QString& text, const HaloLabelStyle& style) const;
  static QString keyOf(const QString& text, const HaloLabelStyle& style);
  std::size_t m_capacity;
  mutable std::mutex m_mutex;
  mutable std::unordered_map<QString, std::shared_ptr<Label>> m_labels;
};

}  // namespace ekm::render
