#include "inspect/identifier.h"

#include <QCursor>
#include <QMetaObject>
#include <QToolTip>
#include <QWidget>
#include <cmath>
#include <exception>
#include <stdexcept>

#include "ekm/core/error.h"
#include "map/map_canvas.h"
#include "tasks/error_text.h"

namespace ekm::widgets {

namespace {
constexpr double kToolTipTolerancePx = 3.0;

double tolerance(const render::MapSettings& settings) {
  return settings.hasValidSettings() ? kToolTipTolerancePx * settings.mapUnitsPerPixel() : 0.0;
}
bool near(QPointF a, QPointF b, double tol) { return std::abs(a.x() - b.x()) <= tol && std::abs(a.y() - b.y()) <= tol; }
}  // namespace

Identifier::Identifier(QObject* parent) : QObject(parent) { m_pool.setMaxThreadCount(2); }

Identifier::~Identifier() {
  if (m_click.feedback) m_click.feedback->cancel();
  if (m_hover.feedback) m_hover.feedback->cancel();
  m_pool.waitForDone();
}

std::optional<render::IdentifyResult> Identifier::identifyAt(const render::LayerList& layers, QPointF mapPoint,
                                                             const render::MapSettings& settings,
                                                             core::Feedback& feedback) {
  std::exception_ptr firstError;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {  // top-most first
    const auto& layer = *it;
    if (!layer || layer->opacity() <= 0) continue;
    feedback.throwIfCancelled();
    try {
      if (auto result = layer->identify(mapPoint, settings, feedback)) {
        if (result->layerId.isEmpty()) result->layerId = layer->id();
        if (result->layerName.isEmpty()) result->layerName = layer->name();
        return result;
      }
    } catch (const core::CancelledError&) {
      throw;
    } catch (const core::Error& e) {
      // A failing layer does not hide the layers below it; the error is reported if nothing
      // else answers, named by its layer and with its code and fields kept (so the GUI shows
      // it in the UI's language).
      if (!firstError)
        firstError = std::make_exception_ptr(
            core::Error(e.code(), layer->name().toStdString() + ": " + e.message(), e.context()));
    } catch (const std::exception& e) {
      if (!firstError) firstError = std::make_exception_ptr(std::runtime_error(layer->name().toStdString() + ": " + e.what()));
    }
  }
  if (firstError) std::rethrow_exception(firstError);
  return std::nullopt;
}

QString Identifier::toolTipText(const std::optional<render::IdentifyResult>& result) {
  if (!result) return {};
  const QString valueLine = result->valueText.isEmpty()
                                ? result->layerName
                                : tr("%1: %2").arg(result->layerName, result->valueText);
  return result->title.isEmpty() ? valueLine : result->title + QLatin1Char('\n') + valueLine;
}

std::vector<std::uint64_t> Identifier::revisionsOf(const render::LayerList& layers) {
  std::vector<std::uint64_t> revisions;
  revisions.reserve(layers.size());
  for (const auto& layer : layers) revisions.push_back(layer ? layer->revision() : 0);
  return revisions;
}

void Identifier::identify(QPointF mapPoint, render::LayerList layers, const render::MapSettings& settings) {
  start(mapPoint, std::move(layers), settings, false);
}

QString Identifier::toolTipAt(QPointF mapPoint, const render::LayerList& layers,
                              const render::MapSettings& settings) {
  const double tol = tolerance(settings);
  if (m_hoverCache.valid && near(m_hoverCache.point, mapPoint, tol) && m_hoverCache.hour == settings.hour() &&
      m_hoverCache.revisions == revisionsOf(layers))
    return m_hoverCache.text;
  if (m_hover.feedback && m_hoverPending && near(*m_hoverPending, mapPoint, tol)) return {};  // on its way
  m_hoverPending = mapPoint;
  start(mapPoint, layers, settings, true);
  return {};
}

void Identifier::attachTo(MapCanvas* canvas) {
  setToolTipWidget(canvas);
  QPointer<MapCanvas> target(canvas);
  QPointer<Identifier> self(this);
  canvas->setToolTipProvider([self, target](QPointF mapPoint) {
    if (!self || !target) return QString();
    return self->toolTipAt(mapPoint, target->layers(), target->mapSettings());
  });
  connect(canvas, &MapCanvas::mapClicked, this, [this, target](QPointF mapPoint) {
    if (target) identify(mapPoint, target->layers(), target->mapSettings());
  });
}

void Identifier::start(QPointF mapPoint, render::LayerList layers, const render::MapSettings& settings, bool hover) {
  Request& slot = hover ? m_hover : m_click;
  if (slot.feedback) slot.feedback->cancel();  // the older request's result will be dropped
  slot.generation = ++m_generation;
  slot.feedback = std::make_shared<core::Feedback>();
  ++m_pending;
  ++m_requestsStarted;
  HoverCache key;
  key.point = mapPoint;
  key.hour = settings.hour();
  key.revisions = revisionsOf(layers);
  auto feedback = slot.feedback;
  const std::uint64_t generation = slot.generation;
  m_pool.start([this, feedback, generation, mapPoint, layers = std::move(layers), settings, hover,
                key = std::move(key)]() mutable {
    std::optional<render::IdentifyResult> result;
    QString error;
    bool cancelled = false;
    try {
      result = identifyAt(layers, mapPoint, settings, *feedback);
    } catch (const core::CancelledError&) {
      cancelled = true;
    } catch (const std::exception& e) {
      error = errorText(e);
    }
    // The destructor waits for the pool, so `this` outlives the call; a posted call to a
    // deleted object would be discarded anyway.
    QMetaObject::invokeMethod(
        this,
        [this, feedback, generation, mapPoint, settings, hover, result = std::move(result), error, cancelled,
         key = std::move(key)]() mutable {
          --m_pending;
          Request& slot = hover ? m_hover : m_click;
          if (slot.generation != generation) return;  // superseded by a newer request
          slot.feedback.reset();
          if (cancelled || feedback->isCancelled()) return;
          if (hover) {
            m_hoverPending.reset();
            key.valid = true;
            key.text = error.isEmpty() ? toolTipText(result) : QString();
            m_hoverCache = key;
            emit toolTipReady(mapPoint, m_hoverCache.text);
            showLateToolTip(mapPoint, m_hoverCache.text, settings);
            return;
          }
          if (!error.isEmpty()) {
            emit identifyFailed(error);
            return;
          }
          if (result)
            emit identified(*result, mapPoint);
          else
            emit nothingIdentified(mapPoint);
        },
        Qt::QueuedConnection);
  });
}

void Identifier::showLateToolTip(QPointF mapPoint, const QString& text, render::MapSettings settings) {
  QWidget* widget = m_toolTipWidget.data();
  if (!widget || text.isEmpty() || !widget->isVisible() || !settings.hasValidSettings()) return;
  const QPoint cursor = widget->mapFromGlobal(QCursor::pos());
  if (!widget->rect().contains(cursor)) return;
  const QPointF requested = settings.mapToPixel().toPixel(mapPoint.x(), mapPoint.y());
  if (!near(QPointF(cursor), requested, kToolTipTolerancePx)) return;  // the cursor has moved on
  QToolTip::showText(QCursor::pos(), text, widget);
}

}  // namespace ekm::widgets
