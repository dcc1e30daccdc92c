#pragma once
// File > Export Map Image…: where to save the PNG, its size in pixels, the title and whether
// the legend is drawn.
#include <QDialog>

class QCheckBox;
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

 private:
  void browse();
  void updateOk();
  QLineEdit* m_path = nullptr;
  QSpinBox* m_width = nullptr;
  QSpinBox* m_height = nullptr;
  QLineEdit* m_title = nullptr;
  QCheckBox* m_legend = nullptr;
  class QPushButton* m_ok = nullptr;
};

}  // namespace ekm::widgets
