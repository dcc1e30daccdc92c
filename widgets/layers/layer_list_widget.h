#pragma once
// The list of the Layers dock: flat, top layer first, reordered by internal drag and drop
// (items accept no drops themselves, so a layer is never dropped "into" another).
#include <QListWidget>

namespace ekm::widgets {

class LayerListWidget : public QListWidget {
  Q_OBJECT

 public:
  explicit LayerListWidget(QWidget* parent = nullptr);
  // Ids (Qt::UserRole) of the items, top first.
  QStringList idsTopFirst() const;

 signals:
  // After a drag and drop changed the order of the items.
  void itemsReordered();

 protected:
  void dropEvent(QDropEvent* event) override;
};

}  // namespace ekm::widgets
