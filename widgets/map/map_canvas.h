#pragma once
// The map canvas: shows the image of the last finished render and starts a background render
// job (QThreadPool) for every change of extent, size, hour or layers. Requests are coalesced;
// a newer request cancels the running job without waiting for it (its result is dropped), as
// QGIS's canvas does. While a job runs, the previous image is shown moved/scaled to the
// current extent, so panning and zooming respond at once. The GUI thread never renders.
// Over the image: a scale bar (bottom left) and a north arrow pointing to true north (top
// right, grid north corrected for the meridian convergence at the view centre), drawn as the
// map exports draw them (render/scale_bar.h, render/north_arrow.h). A cursor
// resting ~400 ms asks the tooltip provider for a text; a click without drag emits mapClicked,
// or, while a map tool is set (map_tool.h: drawing a candidate route), goes to the tool.
#include <QElapsedTimer>
#include <QImage>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

#include "ekm/core/feedback.h"
#include "ekm/geo/transformer.h"
#include "map/map_tool.h"
#include "render/ground_geometry.h"
#include "render/map_renderer.h"
#include "render/scale_bar.h"

namespace ekm::widgets {

class MapCanvas : public QWidget {
  Q_OBJECT

 public:
  explicit MapCanvas(QWidget* parent = nullptr);
  ~MapCanvas() override;

  void setLayers(render::LayerList layers);
  const render::LayerList& layers() const { return m_layers; }
  // The display CRS (EPSG code); resets the coordinate transform for the status bar.
  void setDestinationEpsg(int epsg);
  int destinationEpsg() const { return m_settings.destinationEpsg(); }
  void setExtent(const render::Extent& extent);
  void setFullExtent(const render::Extent& extent) { m_fullExtent = extent; }
  const render::Extent& fullExtent() const { return m_fullExtent; }
  // The extent visible in the widget now (the requested one grown to the widget's aspect).
  render::Extent visibleExtent() const;
  void setHour(core::HourKey hour);
  void setLabelLanguage(render::LabelLanguage language);
  const render::MapSettings& mapSettings() const { return m_settings; }

  // Last finished image (for tests and screenshots) and whether a job is running.
  const QImage& renderedImage() const { return m_image; }
  const render::MapSettings& renderedSettings() const { return m_renderedSettings; }
  bool isRendering() const { return m_activeJob != nullptr; }
  int jobsStarted() const { return m_jobsStarted; }
  int jobsCancelled() const { return m_jobsCancelled; }

  // Hover tooltip: called on the GUI thread with the map point under a resting cursor; the
  // text (empty: no tooltip) is shown as a tooltip. Keep it cheap (cached values only).
  void setToolTipProvider(std::function<QString(QPointF mapPoint)> provider) { m_toolTipProvider = std::move(provider); }
  static constexpr int kToolTipDelayMs = 400;

  // Decorations: the scale bar for the current view (widget pixels) and the ground geometry
  // (metres per map unit, true north angle) at the view centre.
  render::ScaleBar scaleBar() const;
  std::optional<render::GroundGeometry> groundGeometry() const;
  void setDecorationsVisible(bool visible);
  bool decorationsVisible() const { return m_decorations; }

  // The selected feature drawn on top of the map (an outline of `bounds`; a ring when the
  // bounds are a point); an empty extent clears it. Segments get a dashed box.
  void setHighlight(const render::Extent& bounds, bool dashed = false);
  const render::Extent& highlight() const { return m_highlight; }

  // Map point (display CRS) under a widget pixel, and as lon/lat (nullopt if PROJ fails).
  QPointF toMap(QPointF widgetPos) const;
  std::optional<QPointF> toLonLat(QPointF mapPoint) const;
  // Map point (display CRS) of a lon/lat (nullopt if PROJ fails).
  std::optional<QPointF> fromLonLat(double lon, double lat) const;
  // Widget pixel of a map point in the current view.
  QPointF toWidget(QPointF mapPoint) const;

  // The map tool taking clicks and keys (map_tool.h); nullptr: clicks identify. Not owned.
  void setMapTool(MapTool* tool);
  MapTool* mapTool() const { return m_tool; }

 public slots:
  // Schedules a render (coalesced with other requests in the same event-loop turn).
  void refresh();
  void zoomIn();
  void zoomOut();
  void zoomToFullExtent();
  // Zooms to an extent (a layer's, a selection's) with a small margin.
  void zoomToExtent(const render::Extent& extent);

 signals:
  void renderStarted();
  void mapRendered(double elapsedMs);
  void renderFailed(const QString& message);
  // Cursor over the map: display-CRS coordinates and lon/lat (NaN when unavailable).
  void cursorMoved(QPointF mapPoint, double lon, double lat);
  void extentChanged();
  // A click (press and release without dragging) at a map point: identify / select.
  void mapClicked(QPointF mapPoint);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  struct Job;
  void startJob();
  void jobFinished(std::shared_ptr<Job> job);
  void zoomAt(double factor, QPointF pos);
  void panBy(QPointF pixelDelta);
  void showToolTip();
  void paintDecorations(QPainter& painter);
  void paintHighlight(QPainter& painter, const render::MapToPixel& mapToPixel, QPointF offset);

  render::LayerList m_layers;
  render::MapSettings m_settings;
  render::Extent m_fullExtent;
  QImage m_image;
  render::Extent m_highlight = render::Extent::empty();
  bool m_highlightDashed = false;
  render::MapSettings m_renderedSettings;
  std::shared_ptr<render::LayerImageCache> m_cache;
  std::shared_ptr<Job> m_activeJob;
  QThreadPool m_pool;
  QTimer m_refreshTimer;
  bool m_dragging = false;
  QPointF m_dragStart;
  QPointF m_dragOffset;
  render::MapSettings m_dragStartSettings;
  std::unique_ptr<geo::Transformer> m_toLonLat;
  std::function<QString(QPointF)> m_toolTipProvider;
  QPointer<MapTool> m_tool;
  QTimer m_toolTipTimer;
  QPointF m_toolTipPos;
  bool m_decorations = true;
  mutable std::optional<std::pair<render::Extent, std::optional<render::GroundGeometry>>> m_groundCache;
  int m_jobsStarted = 0;
  int m_jobsCancelled = 0;
};

}  // namespace ekm::widgets
