#pragma once
// File > Export Map Image…: where to save the map (PNG, SVG or PDF by the file's extension),
// its size in pixels, the title, whether the legend is drawn and the language of the map's
// texts and labels.
#include <QDialog>

#include "render/map_settings.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace ekm::widgets {

class ExportImageDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ExportImageDialog(QWidget* parent = nullptr);
  void setValues(const QString& path, QSize size, const QString& title, bool legend);
  QString path() const;
  QSize imageSize() const;
  QString title() const;
  bool legend() const;
  void setLanguage(render::LabelLanguage language);
  render::LabelLanguage language() const;

 private:
  void browse();
  void updateOk();
  QLineEdit* m_path = nullptr;
  QSpinBox* m_width = nullptr;
  QSpinBox* m_height = nullptr;
  QLineEdit* m_title = nullptr;
  QCheckBox* m_legend = nullptr;
  QComboBox* m_language = nullptr;
  class QPushButton* m_ok = nullptr;
};

}  // namespace ekm::widgets
