#include "layers/layers_dock.h"

#include "layers/layers_panel.h"

namespace ekm::widgets {

LayersDock::LayersDock(QWidget* parent) : QDockWidget(tr("Layers"), parent) {
  setObjectName(QStringLiteral("LayersDock"));
  m_panel = new LayersPanel(this);
  setWidget(m_panel);
}

}  // namespace ekm::widgets
