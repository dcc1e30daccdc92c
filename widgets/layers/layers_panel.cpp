#include "layers/layers_panel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtGlobal>
#include <algorithm>
#include <cmath>

#include "layers/layer_icons.h"
#include "layers/layer_list_widget.h"
#include "layers/layer_styling.h"
#include "layers/style_dialog.h"
#include "render/mesh_population_layer.h"
#include "tasks/task_manager.h"

namespace ekm::widgets {

namespace {

constexpr int kStateVersion = 1;

QToolButton* toolButton(QAction* action, QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setDefaultAction(action);
  button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  button->setAutoRaise(true);
  return button;
}

QStringList reversedList(QStringList list) {
  std::reverse(list.begin(), list.end());
  return list;
}

}  // namespace

LayersPanel::LayersPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("LayersPanel"));
  m_list = new LayerListWidget(this);
  m_list->setObjectName(QStringLiteral("layerList"));
  m_list->setIconSize(QSize(28, 14));
  m_list->setContextMenuPolicy(Qt::CustomContextMenu);
  m_list->setToolTip(tr("Drag layers to change their order; the top layer is drawn last."));
  createActions();

  auto* buttons = new QHBoxLayout;
  buttons->setContentsMargins(0, 0, 0, 0);
  buttons->setSpacing(2);
  buttons->addWidget(toolButton(m_moveUp, this));
  buttons->addWidget(toolButton(m_moveDown, this));
  buttons->addStretch(1);
  buttons->addWidget(toolButton(m_zoom, this));
  buttons->addWidget(toolButton(m_style, this));

  m_opacity = new QSlider(Qt::Horizontal, this);
  m_opacity->setObjectName(QStringLiteral("opacity"));
  m_opacity->setRange(0, 100);
  m_opacity->setToolTip(tr("Opacity of the selected layer"));
  m_opacityLabel = new QLabel(this);
  m_opacityLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("100 %")) + 4);
  auto* opacityRow = new QHBoxLayout;
  opacityRow->setContentsMargins(0, 0, 0, 0);
  opacityRow->addWidget(new QLabel(tr("Opacity:"), this));
  opacityRow->addWidget(m_opacity, 1);
  opacityRow->addWidget(m_opacityLabel);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_list, 1);
  layout->addLayout(buttons);
  layout->addLayout(opacityRow);

  connect(m_list, &QListWidget::itemChanged, this, &LayersPanel::onItemChanged);
  connect(m_list, &LayerListWidget::itemsReordered, this, &LayersPanel::onItemsReordered);
  connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    openStyleDialog(item->data(Qt::UserRole).toString());
  });
  connect(m_list, &QListWidget::currentItemChanged, this, [this] {
    if (m_updating) return;
    updateControls();
    emit selectedLayerChanged(selectedLayerId());
  });
  connect(m_list, &QWidget::customContextMenuRequested, this, &LayersPanel::showContextMenu);
  connect(m_opacity, &QSlider::valueChanged, this, [this](int value) {
    m_opacityLabel->setText(tr("%1 %").arg(value));
    if (!m_updating) setLayerOpacity(selectedLayerId(), value / 100.0);
  });
  updateControls();
}

void LayersPanel::createActions() {
  auto make = [this](const QString& text, QStyle::StandardPixmap icon, const QKeySequence& key, auto slot) {
    auto* action = new QAction(text, this);
    if (icon != QStyle::SP_CustomBase) action->setIcon(style()->standardIcon(icon));
    if (!key.isEmpty()) {
      action->setShortcut(key);
      action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    connect(action, &QAction::triggered, this, slot);
    addAction(action);
    return action;
  };
  m_moveUp = make(tr("Move up"), QStyle::SP_ArrowUp, QKeySequence(Qt::CTRL | Qt::Key_Up),
                  [this] { moveLayerUp(selectedLayerId()); });
  m_moveDown = make(tr("Move down"), QStyle::SP_ArrowDown, QKeySequence(Qt::CTRL | Qt::Key_Down),
                    [this] { moveLayerDown(selectedLayerId()); });
  m_moveTop = make(tr("Move to top"), QStyle::SP_CustomBase, QKeySequence(Qt::CTRL | Qt::Key_Home),
                   [this] { moveLayerToTop(selectedLayerId()); });
  m_moveBottom = make(tr("Move to bottom"), QStyle::SP_CustomBase, QKeySequence(Qt::CTRL | Qt::Key_End),
                      [this] { moveLayerToBottom(selectedLayerId()); });
  m_style = make(tr("Style…"), QStyle::SP_CustomBase, QKeySequence(), [this] { openStyleDialog(selectedLayerId()); });
  m_zoom = make(tr("Zoom to layer"), QStyle::SP_CustomBase, QKeySequence(), [this] { zoomToSelected(); });
  m_moveUp->setToolTip(tr("Move the selected layer up (Ctrl+Up)"));
  m_moveDown->setToolTip(tr("Move the selected layer down (Ctrl+Down)"));
  m_style->setToolTip(tr("Classes, colours and opacity of the selected layer (double-click a layer)"));
  m_zoom->setToolTip(tr("Show the whole selected layer on the map"));
}

std::shared_ptr<const render::MapLayer> LayersPanel::withChoices(std::shared_ptr<const render::MapLayer> layer) const {
  if (!layer) return layer;
  const auto found = m_choices.constFind(layer->id());
  if (found == m_choices.cend()) return layer;
  if (found->style) {
    if (const auto style = graduatedStyleOf(*layer)) {
      const std::vector<double> samples = m_sampleValues.value(layer->id());
      if (auto styled = withGraduatedStyle(*layer, found->style->applyTo(*style, samples))) return styled;
    }
  }
  if (found->opacity && std::abs(*found->opacity - layer->opacity()) > 1e-9) {
    if (auto copy = withOpacity(layer, *found->opacity)) return copy;
  }
  return layer;
}

void LayersPanel::setLayers(render::LayerList all, QSet<QString> hiddenIds) {
  const QString selected = selectedLayerId();
  for (auto& layer : all) layer = withChoices(layer);
  if (m_pendingHidden) hiddenIds.unite(*m_pendingHidden);
  m_stack.setLayers(all, hiddenIds);
  if (m_pendingOrder) m_stack.setOrder(*m_pendingOrder);
  m_pendingOrder.reset();
  m_pendingHidden.reset();
  rebuildList();
  selectLayer(m_stack.indexOf(selected) >= 0 || m_stack.isEmpty() ? selected : m_stack.at(m_stack.size() - 1).layer->id());
  emit layersChanged();
}

void LayersPanel::replaceLayer(std::shared_ptr<const render::MapLayer> layer) {
  if (!layer || !m_stack.replace(withChoices(layer))) return;
  rebuildList();
  emit layersChanged();
}

void LayersPanel::addLayer(std::shared_ptr<const render::MapLayer> layer, bool visible) {
  if (!layer) return;
  if (m_stack.indexOf(layer->id()) >= 0) return replaceLayer(std::move(layer));
  m_stack.add(withChoices(layer), visible);
  rebuildList();
  emit layersChanged();
}

void LayersPanel::showLayer(std::shared_ptr<const render::MapLayer> layer) {
  if (!layer) return;
  const QString id = layer->id();
  if (m_stack.indexOf(id) < 0) return addLayer(std::move(layer), true);
  replaceLayer(std::move(layer));
  setLayerVisible(id, true);
}

void LayersPanel::removeLayer(const QString& id) {
  if (!m_stack.remove(id)) return;
  rebuildList();
  emit layersChanged();
}

bool LayersPanel::isLayerVisible(const QString& id) const {
  const int i = m_stack.indexOf(id);
  return i >= 0 && m_stack.at(i).visible;
}

void LayersPanel::setLayerVisible(const QString& id, bool visible) {
  if (!m_stack.setVisible(id, visible)) return;
  rebuildList();
  emit layersChanged();
}

void LayersPanel::moveLayer(const QString& id, int to) {
  const int from = m_stack.indexOf(id);
  if (from < 0 || !m_stack.move(from, std::clamp(to, 0, m_stack.size() - 1))) return;
  rebuildList();
  emit layersChanged();
}

void LayersPanel::moveLayerUp(const QString& id) { moveLayer(id, m_stack.indexOf(id) + 1); }
void LayersPanel::moveLayerDown(const QString& id) {
  if (m_stack.indexOf(id) > 0) moveLayer(id, m_stack.indexOf(id) - 1);
}
void LayersPanel::moveLayerToTop(const QString& id) { moveLayer(id, m_stack.size() - 1); }
void LayersPanel::moveLayerToBottom(const QString& id) { moveLayer(id, 0); }

void LayersPanel::setLayerOpacity(const QString& id, double opacity) {
  const auto layer = m_stack.layer(id);
  if (!layer) return;
  opacity = std::clamp(opacity, 0.0, 1.0);
  if (std::abs(layer->opacity() - opacity) < 1e-9) return;
  auto copy = withOpacity(layer, opacity);
  if (!copy) return;
  LayerChoice& choice = m_choices[id];
  choice.opacity = opacity;
  if (choice.style) choice.style->opacity = opacity;
  m_stack.replace(std::move(copy));
  rebuildList();
  emit layersChanged();
}

QString LayersPanel::selectedLayerId() const {
  const QListWidgetItem* item = m_list->currentItem();
  return item ? item->data(Qt::UserRole).toString() : QString();
}

void LayersPanel::selectLayer(const QString& id) {
  for (int i = 0; i < m_list->count(); ++i) {
    if (m_list->item(i)->data(Qt::UserRole).toString() == id) {
      m_list->setCurrentRow(i);
      return;
    }
  }
}

void LayersPanel::setSampleValues(const QString& id, std::vector<double> values) {
  m_sampleValues.insert(id, std::move(values));
}

const std::vector<double>* LayersPanel::sampleValues(const QString& id) const {
  const auto found = m_sampleValues.constFind(id);
  return found == m_sampleValues.cend() ? nullptr : &found.value();
}

bool LayersPanel::loadSampleValuesAt(const QString& id, core::HourKey hour) {
  const auto* mesh = dynamic_cast<const render::MeshPopulationLayer*>(m_stack.layer(id).get());
  if (!mesh || !mesh->values() || !m_tasks) return false;
  const quint64 request = ++m_sampleRequests[id];
  m_tasks->run(
      tr("Layer values"),
      [source = mesh->values(), hour](core::Feedback& feedback) {
        const auto values = source->valuesAt(hour, feedback);
        return values ? *values : std::vector<double>{};
      },
      [this, id, request](std::vector<double> values) {
        if (m_sampleRequests.value(id) != request) return;  // a newer request is on its way
        m_sampleValues.insert(id, std::move(values));
        emit sampleValuesLoaded(id);
      },
      [this, id, request](const TaskError& error) {
        if (m_sampleRequests.value(id) != request) return;
        emit sampleValuesFailed(id, error.message);
      },
      TaskOptions::hiddenRead(QStringLiteral("sample-values:") + id, this));
  return true;
}

StyleDialog* LayersPanel::openStyleDialog(const QString& id) {
  const auto layer = m_stack.layer(id);
  if (!layer) return nullptr;
  const auto found = m_choices.constFind(id);
  std::optional<GraduatedChoice> initial;
  if (found != m_choices.cend() && found->style) initial = found->style;
  auto* dialog = new StyleDialog(layer, m_sampleValues.value(id), initial, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this,
          [this, dialog] { applyStyledLayer(dialog->styledLayer(), dialog->choice()); });
  dialog->open();
  return dialog;
}

void LayersPanel::applyStyledLayer(std::shared_ptr<const render::MapLayer> styled, std::optional<GraduatedChoice> choice) {
  if (!styled || m_stack.indexOf(styled->id()) < 0) return;
  LayerChoice& remembered = m_choices[styled->id()];
  remembered.opacity = styled->opacity();
  if (choice) remembered.style = std::move(choice);
  m_stack.replace(std::move(styled));
  rebuildList();
  emit layersChanged();
}

void LayersPanel::rebuildList() {
  const QString selected = selectedLayerId();
  m_updating = true;
  m_list->clear();
  for (int i = m_stack.size() - 1; i >= 0; --i) {
    const LayerStack::Entry& entry = m_stack.at(i);
    auto* item = new QListWidgetItem(layerIcon(*entry.layer), entry.layer->name());
    item->setData(Qt::UserRole, entry.layer->id());
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
    item->setCheckState(entry.visible ? Qt::Checked : Qt::Unchecked);
    item->setToolTip(tr("%1 — opacity %2 %").arg(entry.layer->name()).arg(std::lround(entry.layer->opacity() * 100)));
    m_list->addItem(item);
  }
  for (int i = 0; i < m_list->count(); ++i)
    if (m_list->item(i)->data(Qt::UserRole).toString() == selected) m_list->setCurrentRow(i);
  m_updating = false;
  updateControls();
  if (selectedLayerId() != selected) emit selectedLayerChanged(selectedLayerId());
}

void LayersPanel::updateControls() {
  const QString id = selectedLayerId();
  const int index = m_stack.indexOf(id);
  const auto layer = m_stack.layer(id);
  m_moveUp->setEnabled(index >= 0 && index < m_stack.size() - 1);
  m_moveTop->setEnabled(m_moveUp->isEnabled());
  m_moveDown->setEnabled(index > 0);
  m_moveBottom->setEnabled(m_moveDown->isEnabled());
  m_style->setEnabled(layer != nullptr);
  m_zoom->setEnabled(layer && layer->extent().isValid());
  m_opacity->setEnabled(layer != nullptr);
  const bool wasUpdating = m_updating;
  m_updating = true;
  m_opacity->setValue(layer ? static_cast<int>(std::lround(layer->opacity() * 100)) : 100);
  m_opacityLabel->setText(tr("%1 %").arg(m_opacity->value()));
  m_updating = wasUpdating;
}

void LayersPanel::onItemChanged(QListWidgetItem* item) {
  if (m_updating || !item) return;
  const QString id = item->data(Qt::UserRole).toString();
  if (m_stack.setVisible(id, item->checkState() == Qt::Checked)) emit layersChanged();
}

void LayersPanel::onItemsReordered() {
  const bool changed = m_stack.setOrder(reversedList(m_list->idsTopFirst()));
  rebuildList();
  if (changed) emit layersChanged();
}

void LayersPanel::showContextMenu(const QPoint& pos) {
  QListWidgetItem* item = m_list->itemAt(pos);
  if (!item) return;
  m_list->setCurrentItem(item);
  const QString id = item->data(Qt::UserRole).toString();
  QMenu menu(this);
  QAction* visible = menu.addAction(tr("Visible"));
  visible->setCheckable(true);
  visible->setChecked(isLayerVisible(id));
  connect(visible, &QAction::toggled, this, [this, id](bool on) { setLayerVisible(id, on); });
  menu.addSeparator();
  menu.addAction(m_moveTop);
  menu.addAction(m_moveUp);
  menu.addAction(m_moveDown);
  menu.addAction(m_moveBottom);
  menu.addSeparator();
  menu.addAction(m_zoom);
  menu.addAction(m_style);
  menu.exec(m_list->viewport()->mapToGlobal(pos));
}

void LayersPanel::zoomToSelected() {
  const auto layer = m_stack.layer(selectedLayerId());
  if (layer && layer->extent().isValid()) emit zoomToExtentRequested(layer->extent());
}

QVariantMap LayersPanel::saveState() const {
  QVariantMap layers;
  for (const QString& id : m_stack.ids()) {
    const auto found = m_choices.constFind(id);
    if (found == m_choices.cend()) continue;
    QVariantMap entry;
    if (found->opacity) entry.insert(QStringLiteral("opacity"), *found->opacity);
    if (found->style) entry.insert(QStringLiteral("style"), found->style->toVariant());
    layers.insert(id, entry);
  }
  return {{QStringLiteral("version"), kStateVersion},
          {QStringLiteral("order"), reversedList(m_stack.ids())},
          {QStringLiteral("hidden"), QStringList(m_stack.hiddenIds().begin(), m_stack.hiddenIds().end())},
          {QStringLiteral("layers"), layers}};
}

void LayersPanel::restoreState(const QVariantMap& state) {
  if (state.value(QStringLiteral("version")).toInt() != kStateVersion) {
    if (!state.isEmpty())
      qWarning("Layers dock: ignoring a saved state of version %d (expected %d)",
               state.value(QStringLiteral("version")).toInt(), kStateVersion);
    return;
  }
  m_choices.clear();
  const QVariantMap layers = state.value(QStringLiteral("layers")).toMap();
  for (auto it = layers.cbegin(); it != layers.cend(); ++it) {
    const QVariantMap entry = it.value().toMap();
    LayerChoice choice;
    bool ok = false;
    const double opacity = entry.value(QStringLiteral("opacity")).toDouble(&ok);
    if (ok && opacity >= 0 && opacity <= 1) choice.opacity = opacity;
    if (entry.contains(QStringLiteral("style"))) {
      choice.style = GraduatedChoice::fromVariant(entry.value(QStringLiteral("style")));
      if (!choice.style) qWarning("Layers dock: ignoring an invalid saved style of layer %s", qPrintable(it.key()));
    }
    if (choice.opacity || choice.style) m_choices.insert(it.key(), choice);
  }
  const QStringList orderBottomFirst = reversedList(state.value(QStringLiteral("order")).toStringList());
  const QStringList hiddenList = state.value(QStringLiteral("hidden")).toStringList();
  const QSet<QString> hidden(hiddenList.begin(), hiddenList.end());
  if (m_stack.isEmpty()) {
    m_pendingOrder = orderBottomFirst;
    m_pendingHidden = hidden;
    return;
  }
  m_stack.setOrder(orderBottomFirst);
  for (const QString& id : m_stack.ids()) {
    if (orderBottomFirst.contains(id) || hidden.contains(id)) m_stack.setVisible(id, !hidden.contains(id));
    if (const auto layer = m_stack.layer(id)) m_stack.replace(withChoices(layer));
  }
  rebuildList();
  emit layersChanged();
}

}  // namespace ekm::widgets
