#include "main/export_image_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

namespace ekm::widgets {

ExportImageDialog::ExportImageDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Export Map Image"));
  auto* form = new QFormLayout(this);
  m_path = new QLineEdit(this);
  auto* browseButton = new QToolButton(this);
  browseButton->setText(tr("Browse…"));
  connect(browseButton, &QToolButton::clicked, this, &ExportImageDialog::browse);
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(m_path, 1);
  pathRow->addWidget(browseButton);
  form->addRow(tr("File:"), pathRow);
  m_width = new QSpinBox(this);
  m_height = new QSpinBox(this);
  for (QSpinBox* box : {m_width, m_height}) {
    box->setRange(64, 8000);
    box->setSuffix(tr(" px"));
  }
  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(m_width);
  sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
  sizeRow->addWidget(m_height);
  sizeRow->addStretch(1);
  form->addRow(tr("Size:"), sizeRow);
  m_title = new QLineEdit(this);
  form->addRow(tr("Title:"), m_title);
  m_legend = new QCheckBox(tr("Draw the legend"), this);
  form->addRow(QString(), m_legend);
  m_language = new QComboBox(this);
  m_language->addItem(tr("Japanese"), static_cast<int>(render::LabelLanguage::Japanese));
  m_language->addItem(tr("English"), static_cast<int>(render::LabelLanguage::English));
  m_language->addItem(tr("Japanese and English"), static_cast<int>(render::LabelLanguage::Both));
  m_language->setCurrentIndex(2);
  form->addRow(tr("Map language:"), m_language);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  m_ok = buttons->button(QDialogButtonBox::Save);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_path, &QLineEdit::textChanged, this, &ExportImageDialog::updateOk);
  form->addRow(buttons);
  setMinimumWidth(520);
  updateOk();
}

void ExportImageDialog::setValues(const QString& path, QSize size, const QString& title, bool legend) {
  m_path->setText(path);
  m_width->setValue(size.width());
  m_height->setValue(size.height());
  m_title->setText(title);
  m_legend->setChecked(legend);
}

QString ExportImageDialog::path() const {
  QString p = m_path->text().trimmed();
  const bool known = p.endsWith(QLatin1String(".png"), Qt::CaseInsensitive) ||
                     p.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ||
                     p.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
  if (!p.isEmpty() && !known) p += QStringLiteral(".png");
  return p;
}
QSize ExportImageDialog::imageSize() const { return {m_width->value(), m_height->value()}; }
QString ExportImageDialog::title() const { return m_title->text(); }
bool ExportImageDialog::legend() const { return m_legend->isChecked(); }
void ExportImageDialog::setLanguage(render::LabelLanguage language) {
  m_language->setCurrentIndex(m_language->findData(static_cast<int>(language)));
}
render::LabelLanguage ExportImageDialog::language() const {
  return static_cast<render::LabelLanguage>(m_language->currentData().toInt());
}

void ExportImageDialog::browse() {
  const QString p = QFileDialog::getSaveFileName(this, tr("Export Map Image"), m_path->text(),
                                                 tr("PNG images (*.png);;SVG drawings (*.svg);;PDF documents (*.pdf)"));
  if (!p.isEmpty()) m_path->setText(p);
}

void ExportImageDialog::updateOk() { m_ok->setEnabled(!m_path->text().trimmed().isEmpty()); }

}  // namespace ekm::widgets
