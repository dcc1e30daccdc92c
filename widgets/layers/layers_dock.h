#pragma once
// The Layers dock: a QDockWidget holding a LayersPanel (all the behaviour is in the panel).
#include <QDockWidget>

namespace ekm::widgets {

class LayersPanel;

class LayersDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit LayersDock(QWidget* parent = nullptr);
  LayersPanel* panel() const { return m_panel; }

 private:
  LayersPanel* m_panel = nullptr;
};

}  // namespace ekm::widgets
