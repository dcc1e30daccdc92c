#include "layers/layer_list_widget.h"

#include <QDropEvent>

namespace ekm::widgets {

LayerListWidget::LayerListWidget(QWidget* parent) : QListWidget(parent) {
  setSelectionMode(QAbstractItemView::SingleSelection);
  setDragEnabled(true);
  setAcceptDrops(true);
  setDropIndicatorShown(true);
  setDragDropMode(QAbstractItemView::InternalMove);
  setDefaultDropAction(Qt::MoveAction);
  setUniformItemSizes(true);
}

QStringList LayerListWidget::idsTopFirst() const {
  QStringList ids;
  for (int i = 0; i < count(); ++i) ids.append(item(i)->data(Qt::UserRole).toString());
  return ids;
}

void LayerListWidget::dropEvent(QDropEvent* event) {
  const QStringList before = idsTopFirst();
  QListWidget::dropEvent(event);
  if (idsTopFirst() != before) emit itemsReordered();
}

}  // namespace ekm::widgets
