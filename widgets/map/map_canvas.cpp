#include "map/map_canvas.h"

#include <QKeyEvent>
#include <QMetaObject>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <limits>

#include "map/map_tool.h"
#include "render/north_arrow.h"
#include "render/painter_canvas.h"

namespace ekm::widgets {

struct MapCanvas::Job {
  render::MapSettings settings;
  render::LayerList layers;
  core::Feedback feedback;
  render::RenderResult result;
};

MapCanvas::MapCanvas(QWidget* parent) : QWidget(parent), m_cache(std::make_shared<render::LayerImageCache>(8)) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(200, 150);
  setAttribute(Qt::WA_OpaquePaintEvent);
  // Two workers: a cancelled job still unwinding never delays the newest one by much.
  m_pool.setMaxThreadCount(2);
  m_refreshTimer.setSingleShot(true);
  m_refreshTimer.setInterval(0);
  connect(&m_refreshTimer, &QTimer::timeout, this, &MapCanvas::startJob);
  m_toolTipTimer.setSingleShot(true);
  m_toolTipTimer.setInterval(kToolTipDelayMs);
  connect(&m_toolTipTimer, &QTimer::timeout, this, &MapCanvas::showToolTip);
  setDestinationEpsg(m_settings.destinationEpsg());
}

MapCanvas::~MapCanvas() {
  if (m_activeJob) m_activeJob->feedback.cancel();
  m_pool.waitForDone();  // jobs hold only shared data, but they post back to this object
}

void MapCanvas::setLayers(render::LayerList layers) {
  m_layers = std::move(layers);
  refresh();
}

void MapCanvas::setDestinationEpsg(int epsg) {
  m_settings.setDestinationEpsg(epsg);
  try {
    m_toLonLat = std::make_unique<geo::Transformer>("EPSG:" + std::to_string(epsg), "EPSG:4326");
  } catch (const core::Error&) {
    m_toLonLat.reset();
  }
  m_groundCache.reset();
  m_cache->clear();
  refresh();
}

void MapCanvas::setExtent(const render::Extent& extent) {
  if (!extent.isValid()) return;
  m_settings.setExtent(extent);
  emit extentChanged();
  refresh();
}

void MapCanvas::zoomToFullExtent() {
  if (m_fullExtent.isValid()) setExtent(m_fullExtent.scaled(1.05));
}

void MapCanvas::zoomToExtent(const render::Extent& extent) {
  if (!(extent.xMax >= extent.xMin && extent.yMax >= extent.yMin)) return;  // empty
  // A point-like extent (one station) still gets a readable neighbourhood (200 m).
  render::Extent e = extent;
  const QPointF c = e.centre();
  const double minSide = 200;
  if (e.width() < minSide) e.xMin = c.x() - minSide / 2, e.xMax = c.x() + minSide / 2;
  if (e.height() < minSide) e.yMin = c.y() - minSide / 2, e.yMax = c.y() + minSide / 2;
  setExtent(e.scaled(1.1));
}

void MapCanvas::zoomIn() { zoomAt(1.5, rect().center()); }
void MapCanvas::zoomOut() { zoomAt(1 / 1.5, rect().center()); }

render::Extent MapCanvas::visibleExtent() const {
  render::MapSettings s = m_settings;
  s.setOutputSize(size());
  return s.hasValidSettings() ? s.visibleExtent() : m_settings.extent();
}

std::optional<render::GroundGeometry> MapCanvas::groundGeometry() const {
  if (!m_toLonLat) return std::nullopt;
  const render::Extent e = visibleExtent();
  if (!m_groundCache || !(m_groundCache->first == e))
    m_groundCache.emplace(e, render::groundGeometry(*m_toLonLat, e));
  return m_groundCache->second;
}

render::ScaleBar MapCanvas::scaleBar() const {
  render::MapSettings s = m_settings;
  s.setOutputSize(size());
  if (!s.hasValidSettings()) return {};
  const auto ground = groundGeometry();
  const double metresPerPixel = s.mapUnitsPerPixel() * (ground ? ground->metresPerMapUnit : 1.0);
  return render::scaleBarFor(metresPerPixel, std::clamp(width() * 0.25, 60.0, 240.0));
}

void MapCanvas::setDecorationsVisible(bool visible) {
  m_decorations = visible;
  update();
}

void MapCanvas::paintDecorations(QPainter& p) {
  if (!m_decorations || !m_settings.extent().isValid()) return;
  p.save();
  render::PainterCanvas canvas(p);
  render::paintScaleBar(canvas, QPointF(10, height() - 10), scaleBar(), 1.0);
  const auto ground = groundGeometry();
  render::paintNorthArrow(canvas, QPointF(width() - 10, 10), ground ? ground->northAngleDeg : 0.0, 1.0);
  p.restore();
}

void MapCanvas::showToolTip() {
  if (!m_toolTipProvider || m_dragging || !underMouse()) return;
  const QString text = m_toolTipProvider(toMap(m_toolTipPos));
  if (text.isEmpty()) {
    QToolTip::hideText();
    return;
  }
  QToolTip::showText(mapToGlobal(m_toolTipPos.toPoint()), text, this);
}

void MapCanvas::leaveEvent(QEvent* event) {
  m_toolTipTimer.stop();
  QWidget::leaveEvent(event);
}

void MapCanvas::setHour(core::HourKey hour) {
  if (hour == m_settings.hour()) return;
  m_settings.setHour(hour);
  refresh();
}

void MapCanvas::setLabelLanguage(render::LabelLanguage language) {
  m_settings.setLabelLanguage(language);
  refresh();
}

void MapCanvas::refresh() {
  if (!m_refreshTimer.isActive()) m_refreshTimer.start();
}

void MapCanvas::startJob() {
  m_settings.setOutputSize(size() * devicePixelRatioF());
  m_settings.setDpi(96.0 * devicePixelRatioF());
  if (!m_settings.hasValidSettings()) return;
  if (m_activeJob) {
    // Cancel without waiting: the old job notices the flag and its result is dropped.
    m_activeJob->feedback.cancel();
    ++m_jobsCancelled;
  }
  auto job = std::make_shared<Job>();
  job->settings = m_settings;
  job->layers = m_layers;
  m_activeJob = job;
  ++m_jobsStarted;
  emit renderStarted();
  QPointer<MapCanvas> self(this);
  auto cache = m_cache;
  m_pool.start([job, cache, self] {
    job->result = render::MapRenderer::render(job->settings, job->layers, job->feedback, cache.get());
    if (self)
      QMetaObject::invokeMethod(self.data(), [self, job] {
        if (self) self->jobFinished(job);
      }, Qt::QueuedConnection);
  });
}

void MapCanvas::jobFinished(std::shared_ptr<Job> job) {
  if (job != m_activeJob) return;  // superseded
  m_activeJob.reset();
  if (job->result.cancelled) return;
  if (!job->result.image.isNull()) {
    m_image = job->result.image;
    m_image.setDevicePixelRatio(devicePixelRatioF());
    m_renderedSettings = job->settings;
  }
  update();
  if (!job->result.errors.isEmpty()) emit renderFailed(job->result.errors.join(QLatin1Char('\n')));
  emit mapRendered(job->result.elapsedMs);
}

QPointF MapCanvas::toMap(QPointF widgetPos) const {
  render::MapSettings s = m_settings;
  s.setOutputSize(size());
  return s.mapToPixel().toMap(widgetPos);
}

std::optional<QPointF> MapCanvas::toLonLat(QPointF mapPoint) const {
  if (!m_toLonLat) return std::nullopt;
  try {
    const auto [lon, lat] = m_toLonLat->forward(mapPoint.x(), mapPoint.y());
    return QPointF(lon, lat);
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

std::optional<QPointF> MapCanvas::fromLonLat(double lon, double lat) const {
  if (!m_toLonLat) return std::nullopt;
  try {
    const auto [x, y] = m_toLonLat->inverse(lon, lat);
    return QPointF(x, y);
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

QPointF MapCanvas::toWidget(QPointF mapPoint) const {
  render::MapSettings s = m_settings;
  s.setOutputSize(size());
  return s.mapToPixel().toPixel(mapPoint.x(), mapPoint.y());
}

void MapCanvas::setMapTool(MapTool* tool) {
  if (tool == m_tool) return;
  MapTool* old = m_tool;
  m_tool = tool;
  if (old) old->deactivated();
  if (tool) {
    tool->activated();
    setCursor(Qt::CrossCursor);
    setFocus(Qt::OtherFocusReason);
  } else {
    unsetCursor();
  }
  update();
}

void MapCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), m_settings.backgroundColour());
  if (m_image.isNull()) return;
  if (m_dragging) {
    p.drawImage(m_dragOffset, m_image);
    paintHighlight(p, m_renderedSettings.mapToPixel(), m_dragOffset);
    if (m_tool) m_tool->paint(p, m_renderedSettings.mapToPixel(), m_dragOffset);
    paintDecorations(p);
    return;
  }
  // Show the last image where its extent lies in the current view (preview while rendering).
  render::MapSettings now = m_settings;
  now.setOutputSize(size());
  const render::Extent e = m_renderedSettings.visibleExtent();
  const render::MapToPixel m2p = now.mapToPixel();
  const QRectF target(m2p.toPixel(e.xMin, e.yMax), m2p.toPixel(e.xMax, e.yMin));
  p.setRenderHint(QPainter::SmoothPixmapTransform, true);
  p.drawImage(target, m_image);
  paintHighlight(p, m2p, QPointF());
  if (m_tool) m_tool->paint(p, m2p, QPointF());
  paintDecorations(p);
}

void MapCanvas::setHighlight(const render::Extent& bounds, bool dashed) {
  m_highlight = bounds;
  m_highlightDashed = dashed;
  update();
}

void MapCanvas::paintHighlight(QPainter& p, const render::MapToPixel& m2p, QPointF offset) {
  if (!(m_highlight.xMax >= m_highlight.xMin) || !(m_highlight.yMax >= m_highlight.yMin)) return;
  const QRectF box = QRectF(m2p.toPixel(m_highlight.xMin, m_highlight.yMax), m2p.toPixel(m_highlight.xMax, m_highlight.yMin))
                         .normalized()
                         .translated(offset);
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setBrush(Qt::NoBrush);
  const bool point = box.width() < 3 && box.height() < 3;
  const QRectF shape = point ? QRectF(box.center() - QPointF(12, 12), QSizeF(24, 24)) : box;
  // A white halo under a strong cyan line reads on light and dark styles alike.
  p.setPen(QPen(QColor(255, 255, 255, 230), 5));
  point ? p.drawEllipse(shape) : p.drawRect(shape);
  QPen line(QColor(0x00, 0xa0, 0xe0), 2.5);
  if (m_highlightDashed) line.setStyle(Qt::DashLine);
  p.setPen(line);
  point ? p.drawEllipse(shape) : p.drawRect(shape);
  p.restore();
}

void MapCanvas::resizeEvent(QResizeEvent*) {
  if (!m_settings.extent().isValid()) return;
  refresh();
}

void MapCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    m_dragging = true;
    m_dragStart = event->position();
    m_dragOffset = QPointF();
    m_dragStartSettings = m_settings;
    m_dragStartSettings.setOutputSize(size());
    setCursor(Qt::ClosedHandCursor);
  }
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event) {
  const QPointF mapPoint = toMap(event->position());
  const auto ll = toLonLat(mapPoint);
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  emit cursorMoved(mapPoint, ll ? ll->x() : nan, ll ? ll->y() : nan);
  if (m_dragging) {
    m_dragOffset = event->position() - m_dragStart;
    update();
    return;
  }
  if (m_tool) {
    m_tool->moved(event->position());
    return;
  }
  if (m_toolTipProvider) {
    if (QToolTip::isVisible() && (event->position() - m_toolTipPos).manhattanLength() > 4) QToolTip::hideText();
    m_toolTipPos = event->position();
    m_toolTipTimer.start();
  }
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !m_dragging) return;
  m_dragging = false;
  if (m_tool) setCursor(Qt::CrossCursor);
  else unsetCursor();
  const QPointF delta = event->position() - m_dragStart;
  if (delta.manhattanLength() < 3) {
    // A click, not a drag: the tool's, else identify / select at the press position.
    m_dragOffset = QPointF();
    update();
    if (m_tool) m_tool->clicked(m_dragStart);
    else emit mapClicked(toMap(m_dragStart));
    return;
  }
  setExtent(m_dragStartSettings.pannedExtent(delta));
}

// A tool gets the double click (its first click came before); without one it is a press.
void MapCanvas::mouseDoubleClickEvent(QMouseEvent* event) {
  if (m_tool && event->button() == Qt::LeftButton) {
    m_dragging = false;
    m_tool->doubleClicked(event->position());
    event->accept();
    return;
  }
  mousePressEvent(event);
}

// The wheel zooms about the cursor, with or without Ctrl (Ctrl+wheel is what other GIS use).
void MapCanvas::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0) return;
  zoomAt(std::pow(1.25, steps), event->position());
  event->accept();
}

void MapCanvas::keyPressEvent(QKeyEvent* event) {
  if (m_tool && m_tool->keyPressed(event)) {
    event->accept();
    return;
  }
  const double step = std::min(width(), height()) / 4.0;
  switch (event->key()) {
    case Qt::Key_Left: panBy({step, 0}); break;
    case Qt::Key_Right: panBy({-step, 0}); break;
    case Qt::Key_Up: panBy({0, step}); break;
    case Qt::Key_Down: panBy({0, -step}); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAt(1.5, rect().center()); break;
    case Qt::Key_Minus: zoomAt(1 / 1.5, rect().center()); break;
    case Qt::Key_Home: zoomToFullExtent(); break;
    default: QWidget::keyPressEvent(event); return;
  }
  event->accept();
}

void MapCanvas::zoomAt(double factor, QPointF pos) {
  render::MapSettings s = m_settings;
  s.setOutputSize(size());
  if (!s.hasValidSettings()) return;
  setExtent(s.zoomedExtent(factor, pos));
}

void MapCanvas::panBy(QPointF pixelDelta) {
  render::MapSettings s = m_settings;
  s.setOutputSize(size());
  if (!s.hasValidSettings()) return;
  setExtent(s.pannedExtent(pixelDelta));
}

}  // namespace ekm::widgets
