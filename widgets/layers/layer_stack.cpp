#include "layers/layer_stack.h"

#include <algorithm>

namespace ekm::widgets {

void LayerStack::setLayers(const render::LayerList& bottomFirst, const QSet<QString>& hiddenIds) {
  m_entries.clear();
  for (const auto& layer : bottomFirst) {
    if (!layer || indexOf(layer->id()) >= 0) continue;
    m_entries.push_back({layer, !hiddenIds.contains(layer->id())});
  }
}

render::LayerList LayerStack::all() const {
  render::LayerList out;
  for (const Entry& e : m_entries) out.push_back(e.layer);
  return out;
}

render::LayerList LayerStack::visible() const {
  render::LayerList out;
  for (const Entry& e : m_entries)
    if (e.visible) out.push_back(e.layer);
  return out;
}

QSet<QString> LayerStack::hiddenIds() const {
  QSet<QString> out;
  for (const Entry& e : m_entries)
    if (!e.visible) out.insert(e.layer->id());
  return out;
}

QStringList LayerStack::ids() const {
  QStringList out;
  for (const Entry& e : m_entries) out.append(e.layer->id());
  return out;
}

int LayerStack::indexOf(const QString& id) const {
  for (std::size_t i = 0; i < m_entries.size(); ++i)
    if (m_entries[i].layer->id() == id) return static_cast<int>(i);
  return -1;
}

std::shared_ptr<const render::MapLayer> LayerStack::layer(const QString& id) const {
  const int i = indexOf(id);
  return i < 0 ? nullptr : m_entries[i].layer;
}

bool LayerStack::replace(std::shared_ptr<const render::MapLayer> layer) {
  if (!layer) return false;
  const int i = indexOf(layer->id());
  if (i < 0 || m_entries[i].layer == layer) return false;
  m_entries[i].layer = std::move(layer);
  return true;
}

bool LayerStack::add(std::shared_ptr<const render::MapLayer> layer, bool visible) {
  if (!layer || indexOf(layer->id()) >= 0) return false;
  m_entries.push_back({std::move(layer), visible});
  return true;
}

bool LayerStack::remove(const QString& id) {
  const int i = indexOf(id);
  if (i < 0) return false;
  m_entries.erase(m_entries.begin() + i);
  return true;
}

bool LayerStack::setVisible(const QString& id, bool visible) {
  const int i = indexOf(id);
  if (i < 0 || m_entries[i].visible == visible) return false;
  m_entries[i].visible = visible;
  return true;
}

bool LayerStack::move(int from, int to) {
  if (from < 0 || from >= size() || to < 0 || to >= size() || from == to) return false;
  Entry e = std::move(m_entries[from]);
  m_entries.erase(m_entries.begin() + from);
  m_entries.insert(m_entries.begin() + to, std::move(e));
  return true;
}

bool LayerStack::setOrder(const QStringList& bottomFirst) {
  std::vector<int> places;  // places of the named layers, ascending
  std::vector<Entry> named;
  for (const QString& id : bottomFirst) {
    const int i = indexOf(id);
    if (i < 0 || std::find(places.begin(), places.end(), i) != places.end()) continue;
    places.push_back(i);
    named.push_back(m_entries[i]);
  }
  std::sort(places.begin(), places.end());
  bool changed = false;
  for (std::size_t k = 0; k < places.size(); ++k) {
    Entry& place = m_entries[places[k]];
    if (place.layer->id() != named[k].layer->id()) changed = true;
    place = named[k];
  }
  return changed;
}

}  // namespace ekm::widgets
