#pragma once
// Identify (QGIS's "Identify features"): which feature is at a map point. The layer list is
// the canvas's (bottom first, as drawn); the top-most layer with a feature at the point wins.
// identify() runs MapLayer::identify in a background thread (layers may read the store); a
// newer request cancels the older one, whose result is dropped. Results arrive as signals on
// the GUI thread.
//
// Hover tooltips: toolTipAt() never blocks. It answers from the last hover result when the
// point is within a few pixels of it (same hour, same layers); otherwise it starts a
// background identify and returns an empty text. When that finishes, toolTipReady is emitted
// and, if a tooltip widget is set and the cursor still rests there, the tooltip is shown.
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>
#include <QThreadPool>
#include <memory>
#include <optional>

#include "ekm/core/feedback.h"
#include "render/map_layer.h"
#include "render/map_settings.h"

class QWidget;

namespace ekm::widgets {

class MapCanvas;

class Identifier : public QObject {
  Q_OBJECT

 public:
  explicit Identifier(QObject* parent = nullptr);
  ~Identifier() override;

  // The synchronous core (any thread): layers bottom first; the top-most hit wins. Layers
  // with zero opacity are skipped. A layer that throws does not hide the layers below it; its
  // error is thrown (std::runtime_error, "layer: message") only if no other layer answers.
  static std::optional<render::IdentifyResult> identifyAt(const render::LayerList& layers, QPointF mapPoint,
                                                          const render::MapSettings& settings,
                                                          core::Feedback& feedback);
  // "Title\nLayer: value" (empty for nullopt).
  static QString toolTipText(const std::optional<render::IdentifyResult>& result);

  // Background identify of a click; emits identified or nothingIdentified (or identifyFailed).
  void identify(QPointF mapPoint, render::LayerList layers, const render::MapSettings& settings);
  // For MapCanvas::setToolTipProvider: cached text or "" (and a background request).
  QString toolTipAt(QPointF mapPoint, const render::LayerList& layers, const render::MapSettings& settings);

  // Wires a canvas: its clicks identify, its tooltip provider is toolTipAt, tooltips that
  // arrive later are shown on it.
  void attachTo(MapCanvas* canvas);
  // The widget on which late tooltips are shown (the canvas); nullptr: only toolTipReady.
  void setToolTipWidget(QWidget* widget) { m_toolTipWidget = widget; }

  bool isBusy() const { return m_pending > 0; }
  int requestsStarted() const { return m_requestsStarted; }

 signals:
  void identified(const ekm::render::IdentifyResult& result, QPointF mapPoint);
  void nothingIdentified(QPointF mapPoint);
  void identifyFailed(const QString& message);
  // A hover request finished: the tooltip text for the point (may be empty).
  void toolTipReady(QPointF mapPoint, const QString& text);

 private:
  struct Request {
    std::uint64_t generation = 0;
    std::shared_ptr<core::Feedback> feedback;
  };
  struct HoverCache {
    bool valid = false;
    QPointF point;
    core::HourKey hour = 0;
    std::vector<std::uint64_t> revisions;
    QString text;
  };
  void start(QPointF mapPoint, render::LayerList layers, const render::MapSettings& settings, bool hover);
  void showLateToolTip(QPointF mapPoint, const QString& text, render::MapSettings settings);
  static std::vector<std::uint64_t> revisionsOf(const render::LayerList& layers);

  QThreadPool m_pool;
  Request m_click;
  Request m_hover;
  std::uint64_t m_generation = 0;
  HoverCache m_hoverCache;
  std::optional<QPointF> m_hoverPending;
  QPointer<QWidget> m_toolTipWidget;
  int m_pending = 0;
  int m_requestsStarted = 0;
};

}  // namespace ekm::widgets
