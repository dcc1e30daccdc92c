#pragma once
// The layer stack behind the Layers dock, without widgets: the layers bottom first (as
// render::LayerList and MapCanvas::setLayers) with a visibility flag each. Ids are unique.
#include <QSet>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "render/map_layer.h"

namespace ekm::widgets {

class LayerStack {
 public:
  struct Entry {
    std::shared_ptr<const render::MapLayer> layer;
    bool visible = true;
  };

  // Replaces the stack (null layers and repeated ids are dropped: the first one wins).
  void setLayers(const render::LayerList& bottomFirst, const QSet<QString>& hiddenIds = {});
  render::LayerList all() const;
  render::LayerList visible() const;
  QSet<QString> hiddenIds() const;
  // Ids bottom first.
  QStringList ids() const;

  int size() const { return static_cast<int>(m_entries.size()); }
  bool isEmpty() const { return m_entries.empty(); }
  const Entry& at(int index) const { return m_entries.at(index); }
  int indexOf(const QString& id) const;  // -1 when absent
  std::shared_ptr<const render::MapLayer> layer(const QString& id) const;

  // Each returns whether the stack changed.
  bool replace(std::shared_ptr<const render::MapLayer> layer);     // same id, same place and visibility
  bool add(std::shared_ptr<const render::MapLayer> layer, bool visible = true);  // on top; false if the id exists
  bool remove(const QString& id);
  bool setVisible(const QString& id, bool visible);
  bool move(int from, int to);  // indices bottom first
  // Reorders the layers named in `bottomFirst` among the places they occupy now (unknown ids
  // are ignored, layers not named keep their places): [A,B,C,D] with {D,B} gives [A,D,C,B].
  bool setOrder(const QStringList& bottomFirst);

 private:
  std::vector<Entry> m_entries;
};

}  // namespace ekm::widgets
