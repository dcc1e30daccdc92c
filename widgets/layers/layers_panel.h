#pragma once
// The Layers dock's content (QGIS's layer tree, flat): the layers top first, each with a
// visibility check box; reordering by drag and drop, Move up/down buttons and Ctrl+Up/Down;
// an opacity slider for the selected layer; Style… (button, double-click or Enter) opens the
// StyleDialog; Zoom to layer. Every change makes new layer snapshots and emits layersChanged();
// the window then gives visibleLayers() to the canvas and rebuilds the legend.
//
// Choices the user made (opacity, graduated style) are kept per layer id and applied again to
// new snapshots with that id (setLayers, replaceLayer, addLayer); saveState()/restoreState()
// keep them with the order and hidden layers per project.
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QVariantMap>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "ekm/core/time.h"
#include "layers/graduated_choice.h"
#include "layers/layer_stack.h"
#include "render/map_layer.h"
#include "tasks/task_manager.h"

class QAction;
class QLabel;
class QListWidgetItem;
class QSlider;
class QToolButton;

namespace ekm::widgets {

class LayerListWidget;
class StyleDialog;

class LayersPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LayersPanel(QWidget* parent = nullptr);

  // Replaces the stack (bottom first); keeps the selection by id. A state given to
  // restoreState() while the panel was empty is applied now (order, hidden layers).
  void setLayers(render::LayerList all, QSet<QString> hiddenIds = {});
  // Bottom first, hidden layers removed: ready for MapCanvas::setLayers.
  render::LayerList visibleLayers() const { return m_stack.visible(); }
  render::LayerList allLayers() const { return m_stack.all(); }
  std::shared_ptr<const render::MapLayer> layer(const QString& id) const { return m_stack.layer(id); }

  // A new snapshot of a layer already in the stack (same id): same place and visibility.
  void replaceLayer(std::shared_ptr<const render::MapLayer> layer);
  // On top of the stack (an existing id is replaced instead).
  void addLayer(std::shared_ptr<const render::MapLayer> layer, bool visible = true);
  // A dock's result layer: replaces the layer with its id (same place) or adds it on top, and
  // makes it visible either way.
  void showLayer(std::shared_ptr<const render::MapLayer> layer);
  void removeLayer(const QString& id);

  bool isLayerVisible(const QString& id) const;
  void setLayerVisible(const QString& id, bool visible);
  void moveLayerUp(const QString& id);    // towards the top (drawn later)
  void moveLayerDown(const QString& id);  // towards the bottom
  void moveLayerToTop(const QString& id);
  void moveLayerToBottom(const QString& id);
  // 0..1 (layers of types not known here are wrapped in an OpacityOverrideLayer).
  void setLayerOpacity(const QString& id, double opacity);

  QString selectedLayerId() const;
  void selectLayer(const QString& id);

  // The values a graduated layer's breaks are computed from (its values at the current hour
  // or a sample over the period); NaN = missing.
  void setSampleValues(const QString& id, std::vector<double> values);
  const std::vector<double>* sampleValues(const QString& id) const;
  // The window's TaskManager, which runs loadSampleValuesAt's reads.
  void setTaskManager(TaskManager* tasks) { m_tasks = tasks; }
  // Reads a mesh population layer's values at an hour in the background (a hidden task of
  // the TaskManager; the GUI never waits) and makes them its sample values, then emits
  // sampleValuesLoaded(id); a newer request for the layer replaces an older one, whose result
  // is dropped. Returns false when the layer has no per-hour values or there is no TaskManager.
  bool loadSampleValuesAt(const QString& id, core::HourKey hour);
  // Opens the style dialog of a layer (non-modal to the event loop: open(), not exec());
  // accepting it applies the style. Null when the id is unknown.
  StyleDialog* openStyleDialog(const QString& id);
  // Puts a styled snapshot (from StyleDialog::styledLayer) in place and remembers the choice.
  void applyStyledLayer(std::shared_ptr<const render::MapLayer> styled, std::optional<GraduatedChoice> choice);

  // {"version": 1, "order": ids top first, "hidden": ids, "layers": {id: {"opacity", "style"}}}
  QVariantMap saveState() const;
  void restoreState(const QVariantMap& state);

  LayerListWidget* list() const { return m_list; }
  QSlider* opacitySlider() const { return m_opacity; }

 signals:
  void layersChanged();
  void zoomToExtentRequested(const render::Extent& extent);
  void selectedLayerChanged(const QString& id);
  void sampleValuesLoaded(const QString& id);
  // Reading values for loadSampleValuesAt failed (the message names the file and hour).
  void sampleValuesFailed(const QString& id, const QString& message);

 private:
  struct LayerChoice {
    std::optional<double> opacity;
    std::optional<GraduatedChoice> style;
  };

  void createActions();
  std::shared_ptr<const render::MapLayer> withChoices(std::shared_ptr<const render::MapLayer> layer) const;
  void moveLayer(const QString& id, int to);
  void rebuildList();
  void updateControls();
  void onItemChanged(QListWidgetItem* item);
  void onItemsReordered();
  void showContextMenu(const QPoint& pos);
  void zoomToSelected();

  LayerStack m_stack;
  QPointer<TaskManager> m_tasks;
  QHash<QString, LayerChoice> m_choices;
  QHash<QString, std::vector<double>> m_sampleValues;
  QHash<QString, quint64> m_sampleRequests;  // newest request number per layer id
  std::optional<QStringList> m_pendingOrder;  // bottom first
  std::optional<QSet<QString>> m_pendingHidden;
  bool m_updating = false;

  LayerListWidget* m_list = nullptr;
  QSlider* m_opacity = nullptr;
  QLabel* m_opacityLabel = nullptr;
  QAction* m_moveUp = nullptr;
  QAction* m_moveDown = nullptr;
  QAction* m_moveTop = nullptr;
  QAction* m_moveBottom = nullptr;
  QAction* m_style = nullptr;
  QAction* m_zoom = nullptr;
};

}  // namespace ekm::widgets
