#include "main/layout_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ekm/store/layout_templates.h"
#include "render/export_map_op.h"
#include "render/layout_template.h"
#include "render/map_export_composition.h"
#include "tasks/operation_task.h"

namespace ekm::widgets {

namespace {

constexpr int kPreviewLongSide = 900;  // pixels of the preview image's longer side

std::string encoded(const QString& path) { return QFile::encodeName(path).toStdString(); }

// "A3-portrait" -> ("A3", true).
std::pair<QString, bool> splitPaper(const std::string& paper) {
  QString name = QString::fromStdString(paper);
  const bool portrait = name.endsWith(QStringLiteral("-portrait"), Qt::CaseInsensitive);
  name = name.section(QLatin1Char('-'), 0, 0);
  return {name, portrait};
}

void selectData(QComboBox* box, const QVariant& value) {
  const int i = box->findData(value);
  if (i >= 0) box->setCurrentIndex(i);
}

}  // namespace

LayoutDialog::LayoutDialog(TaskManager* tasks, std::shared_ptr<const render::ProjectLayers> project,
                           const QHash<QString, QString>& names, const QStringList& visibleIds, QWidget* parent)
    : QDialog(parent), m_tasks(tasks), m_project(std::move(project)) {
  setWindowTitle(tr("Export Map"));
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(createForm());
  auto* right = new QVBoxLayout;
  m_previewLabel = new QLabel(this);
  m_previewLabel->setObjectName(QStringLiteral("layoutPreview"));
  m_previewLabel->setMinimumSize(560, 400);
  m_previewLabel->setAlignment(Qt::AlignCenter);
  m_previewLabel->setFrameShape(QFrame::StyledPanel);
  m_previewLabel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  right->addWidget(m_previewLabel, 1);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  right->addWidget(m_status);
  layout->addLayout(right, 1);

  // The project's layer stack, bottom first; ticked: the canvas's visible layers.
  if (m_project) {
    render::LayerNames stackNames;
    std::vector<render::StackedLayer> stack = m_project->makeLayerStack(stackNames);
    for (render::StackedLayer& r : render::makeResultLayers(*m_project)) stack.push_back(std::move(r));  // flows, bus routes, ...
    for (const render::StackedLayer& s : stack) {
      const QString id = s.layer->id();
      if (s.layer == m_project->rasterBasemap) continue;  // always under the map when loaded
      auto* item = new QListWidgetItem(names.value(id, s.layer->name()), m_layers);
      item->setData(Qt::UserRole, id);
      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
      item->setCheckState(visibleIds.contains(id) ? Qt::Checked : Qt::Unchecked);
    }
  }
  connect(m_layers, &QListWidget::itemChanged, this, &LayoutDialog::schedulePreview);

  m_previewTimer = new QTimer(this);
  m_previewTimer->setSingleShot(true);
  m_previewTimer->setInterval(150);  // coalesces a burst of edits into one preview
  connect(m_previewTimer, &QTimer::timeout, this, &LayoutDialog::startPreview);
  updateFormatFields();
  refreshTemplates();
  resize(1180, 680);
}

QWidget* LayoutDialog::createForm() {
  auto* panel = new QWidget(this);
  auto* column = new QVBoxLayout(panel);
  column->setContentsMargins(0, 0, 0, 0);

  auto* page = new QGroupBox(tr("Page"), panel);
  auto* pageForm = new QFormLayout(page);
  m_title = new QLineEdit(page);
  m_title->setPlaceholderText(tr("Default: what the layers show (and the hour)"));
  pageForm->addRow(tr("Title:"), m_title);
  m_subtitle = new QLineEdit(page);
  pageForm->addRow(tr("Subtitle:"), m_subtitle);
  m_paper = new QComboBox(page);
  m_paper->addItem(QStringLiteral("A4"), QStringLiteral("A4"));
  m_paper->addItem(QStringLiteral("A3"), QStringLiteral("A3"));
  m_orientation = new QComboBox(page);
  m_orientation->addItem(tr("Landscape"), false);
  m_orientation->addItem(tr("Portrait"), true);
  auto* paperRow = new QHBoxLayout;
  paperRow->addWidget(m_paper);
  paperRow->addWidget(m_orientation, 1);
  pageForm->addRow(tr("Paper:"), paperRow);
  m_format = new QComboBox(page);
  m_format->addItem(tr("PDF (vector, fonts embedded)"), QStringLiteral("pdf"));
  m_format->addItem(tr("SVG (text stays text)"), QStringLiteral("svg"));
  m_format->addItem(tr("PNG image"), QStringLiteral("png"));
  m_dpi = new QSpinBox(page);
  m_dpi->setRange(72, 600);
  m_dpi->setValue(150);
  m_dpi->setSuffix(tr(" dpi"));
  auto* formatRow = new QHBoxLayout;
  formatRow->addWidget(m_format, 1);
  formatRow->addWidget(m_dpi);
  pageForm->addRow(tr("Format:"), formatRow);
  m_language = new QComboBox(page);
  m_language->addItem(tr("Japanese"), QStringLiteral("ja"));
  m_language->addItem(tr("English"), QStringLiteral("en"));
  m_language->addItem(tr("Japanese and English"), QStringLiteral("both"));
  m_language->setCurrentIndex(2);
  pageForm->addRow(tr("Language:"), m_language);
  m_legend = new QCheckBox(tr("Draw the legend"), page);
  m_legend->setChecked(true);
  pageForm->addRow(QString(), m_legend);
  column->addWidget(page);

  auto* map = new QGroupBox(tr("Map"), panel);
  auto* mapForm = new QFormLayout(map);
  m_area = new QComboBox(map);
  m_area->addItem(tr("The map's current view"), true);
  m_area->addItem(tr("The whole district"), false);
  mapForm->addRow(tr("Area:"), m_area);
  m_layers = new QListWidget(map);
  m_layers->setObjectName(QStringLiteral("layoutLayers"));
  m_layers->setMaximumHeight(170);
  mapForm->addRow(tr("Layers:"), m_layers);
  column->addWidget(map);

  auto* templates = new QGroupBox(tr("Templates in the project"), panel);
  auto* templateForm = new QFormLayout(templates);
  m_templates = new QComboBox(templates);
  m_applyTemplate = new QPushButton(tr("Apply"), templates);
  auto* applyRow = new QHBoxLayout;
  applyRow->addWidget(m_templates, 1);
  applyRow->addWidget(m_applyTemplate);
  templateForm->addRow(tr("Saved:"), applyRow);
  m_templateName = new QLineEdit(templates);
  m_templateName->setPlaceholderText(tr("e.g. briefing-a4"));
  m_saveTemplate = new QPushButton(tr("Save"), templates);
  auto* saveRow = new QHBoxLayout;
  saveRow->addWidget(m_templateName, 1);
  saveRow->addWidget(m_saveTemplate);
  templateForm->addRow(tr("Save as:"), saveRow);
  column->addWidget(templates);
  connect(m_applyTemplate, &QPushButton::clicked, this, [this] { applyTemplate(m_templates->currentText()); });
  connect(m_saveTemplate, &QPushButton::clicked, this, [this] { saveTemplate(m_templateName->text().trimmed()); });
  connect(m_templateName, &QLineEdit::textChanged, this,
          [this](const QString& t) { m_saveTemplate->setEnabled(!t.trimmed().isEmpty()); });
  m_saveTemplate->setEnabled(false);

  auto* fileForm = new QFormLayout;
  m_path = new QLineEdit(panel);
  auto* browseButton = new QToolButton(panel);
  browseButton->setText(tr("Browse…"));
  connect(browseButton, &QToolButton::clicked, this, &LayoutDialog::browse);
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(m_path, 1);
  pathRow->addWidget(browseButton);
  fileForm->addRow(tr("File:"), pathRow);
  column->addLayout(fileForm);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, panel);
  m_export = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
  connect(m_export, &QPushButton::clicked, this, &LayoutDialog::exportNow);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  column->addWidget(buttons);
  column->addStretch(1);

  for (QLineEdit* edit : {m_title, m_subtitle}) connect(edit, &QLineEdit::textChanged, this, &LayoutDialog::schedulePreview);
  for (QComboBox* box : {m_paper, m_orientation, m_language, m_area})
    connect(box, &QComboBox::currentIndexChanged, this, &LayoutDialog::schedulePreview);
  connect(m_format, &QComboBox::currentIndexChanged, this, &LayoutDialog::updateFormatFields);
  connect(m_legend, &QCheckBox::toggled, this, &LayoutDialog::schedulePreview);
  connect(m_path, &QLineEdit::textChanged, this, [this](const QString& t) { m_export->setEnabled(!t.trimmed().isEmpty()); });
  m_export->setEnabled(false);
  panel->setMaximumWidth(470);
  return panel;
}

void LayoutDialog::setHour(core::HourKey hour) {
  m_hour = hour;
  schedulePreview();
}

void LayoutDialog::setCurrentView(const render::Extent& extent) {
  m_view = extent;
  schedulePreview();
}

void LayoutDialog::setOutputPath(const QString& path) { m_path->setText(path); }
QString LayoutDialog::outputPath() const { return m_path->text().trimmed(); }

render::MapExportRequest LayoutDialog::request() const {
  render::MapExportRequest r;
  if (m_project) r.projectPath = m_project->path;
  r.hour = m_hour;
  r.outPath = encoded(outputPath());
  r.format = m_format->currentData().toString().toStdString();
  r.paper = m_paper->currentData().toString().toStdString() + (m_orientation->currentData().toBool() ? "-portrait" : "");
  r.dpi = m_dpi->value();
  r.language = m_language->currentData().toString().toStdString();
  r.title = m_title->text().trimmed().toStdString();
  r.subtitle = m_subtitle->text().trimmed().toStdString();
  r.legend = m_legend->isChecked();
  for (int i = 0; i < m_layers->count(); ++i)
    if (m_layers->item(i)->checkState() == Qt::Checked)
      r.layers.push_back(m_layers->item(i)->data(Qt::UserRole).toString().toStdString());
  if (m_area->currentData().toBool() && m_view.isValid()) r.extent = std::array{m_view.xMin, m_view.yMin, m_view.xMax, m_view.yMax};
  if (m_project && m_project->displayEpsg == 3857) r.displayEpsg = 3857;
  return r;
}

void LayoutDialog::setRequest(const render::MapExportRequest& r) {
  m_filling = true;
  m_title->setText(QString::fromStdString(r.title));
  m_subtitle->setText(QString::fromStdString(r.subtitle));
  if (!r.paper.empty()) {
    const auto [name, portrait] = splitPaper(r.paper);
    if (m_paper->findData(name.toUpper()) < 0) m_paper->addItem(name, name);
    selectData(m_paper, m_paper->findData(name.toUpper()) >= 0 ? name.toUpper() : name);
    selectData(m_orientation, portrait);
  }
  if (!r.format.empty()) selectData(m_format, QString::fromStdString(r.format));
  m_dpi->setValue(static_cast<int>(std::lround(r.dpi)));
  selectData(m_language, QString::fromStdString(r.language));
  m_legend->setChecked(r.legend);
  if (!r.layers.empty()) {
    const QSignalBlocker block(m_layers);
    for (int i = 0; i < m_layers->count(); ++i) {
      const std::string id = m_layers->item(i)->data(Qt::UserRole).toString().toStdString();
      m_layers->item(i)->setCheckState(std::find(r.layers.begin(), r.layers.end(), id) != r.layers.end() ? Qt::Checked
                                                                                                         : Qt::Unchecked);
    }
  }
  if (r.extent) m_view = render::Extent{(*r.extent)[0], (*r.extent)[1], (*r.extent)[2], (*r.extent)[3]};
  m_area->setCurrentIndex(r.extent ? 0 : 1);
  m_filling = false;
  updateFormatFields();
}

void LayoutDialog::updateFormatFields() {
  // SVG embeds the map as an image at the DPI, PDF draws it as vectors (the DPI sets the page
  // grid and rasters), PNG is the DPI: the field stays for all three.
  const QString format = m_format->currentData().toString();
  QString path = outputPath();
  if (!path.isEmpty()) {
    const QFileInfo info(path);
    const QString wanted = info.path() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('.') + format;
    if (info.suffix().toLower() != format) m_path->setText(QDir::cleanPath(wanted));
  }
  schedulePreview();
}

void LayoutDialog::browse() {
  const QString format = m_format->currentData().toString();
  const QString filter = format == QStringLiteral("pdf")   ? tr("PDF (*.pdf)")
                         : format == QStringLiteral("svg") ? tr("SVG (*.svg)")
                                                           : tr("PNG image (*.png)");
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Map"), outputPath(), filter);
  if (!path.isEmpty()) m_path->setText(path);
}

void LayoutDialog::schedulePreview() {
  if (!m_filling) m_previewTimer->start();
}

void LayoutDialog::startPreview() {
  if (!m_project || !m_tasks) return;
  setStatus(tr("Drawing the preview…"));
  const auto project = m_project;
  const render::MapExportRequest r = request();
  m_tasks->run(
      tr("Layout preview"),
      [project, r](core::Feedback& feedback) { return render::mapExportPreview(*project, r, kPreviewLongSide, feedback); },
      [this](QImage image) {
        m_preview = std::move(image);
        ++m_previewCount;
        showPreview();
        setStatus(tr("Preview: %1 × %2 px shown; the export is drawn at full resolution.")
                      .arg(m_preview.width())
                      .arg(m_preview.height()));
        emit previewUpdated();
      },
      [this](const TaskError& error) {
        setStatus(tr("The layout cannot be drawn: %1").arg(error.message));
        emit previewFailed(error.message);
      },
      TaskOptions::hiddenRead(QStringLiteral("layout-preview"), this));
}

void LayoutDialog::showPreview() {
  if (m_preview.isNull()) return;
  const QSize room = m_previewLabel->contentsRect().size() - QSize(8, 8);
  m_previewLabel->setPixmap(QPixmap::fromImage(m_preview.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void LayoutDialog::resizeEvent(QResizeEvent* event) {
  QDialog::resizeEvent(event);
  showPreview();
}

void LayoutDialog::setStatus(const QString& text) { m_status->setText(text); }

void LayoutDialog::setTemplateNames(const QStringList& names) {
  m_templateNames = names;
  const QString current = m_templates->currentText();
  m_templates->clear();
  m_templates->addItems(names);
  if (names.contains(current)) m_templates->setCurrentText(current);
  m_applyTemplate->setEnabled(!names.isEmpty());
  emit templatesChanged();
}

void LayoutDialog::refreshTemplates() {
  if (!m_project || !m_tasks) return;
  const std::string path = m_project->path;
  m_tasks->run(
      tr("Layout templates"),
      [path](core::Feedback&) {
        const store::Project project = store::Project::open(path, store::OpenMode::ReadOnly);
        QStringList names;
        for (const std::string& n : store::layoutTemplateNames(project)) names << QString::fromStdString(n);
        return names;
      },
      [this](QStringList names) { setTemplateNames(names); },
      [this](const TaskError& error) { setStatus(tr("The templates cannot be read: %1").arg(error.message)); },
      TaskOptions::hiddenRead(QStringLiteral("layout-templates"), this));
}

void LayoutDialog::saveTemplate(const QString& name) {
  if (!m_project || !m_tasks || name.isEmpty()) return;
  render::MapExportRequest r = request();
  const std::string json = render::layoutTemplateJson(r);
  const std::string path = m_project->path;
  const std::string key = name.toStdString();
  m_tasks->run(
      tr("Save layout template %1").arg(name),
      [path, key, json](core::Feedback&) {
        store::Project project = store::Project::open(path, store::OpenMode::ReadWrite);
        store::saveLayoutTemplate(project, key, json);
        QStringList names;
        for (const std::string& n : store::layoutTemplateNames(project)) names << QString::fromStdString(n);
        return names;
      },
      [this, name](QStringList names) {
        setTemplateNames(names);
        m_templates->setCurrentText(name);
        setStatus(tr("Layout saved in the project as “%1” (ekimachi-cli export-map --template %1).").arg(name));
      },
      [this](const TaskError& error) { setStatus(tr("The template cannot be saved: %1").arg(error.message)); },
      TaskOptions{{}, this});
}

void LayoutDialog::applyTemplate(const QString& name) {
  if (!m_project || !m_tasks || name.isEmpty()) return;
  const std::string path = m_project->path;
  const std::string key = name.toStdString();
  render::MapExportRequest base = request();
  base.extent.reset();  // a template without an extent shows the whole district, as in the CLI
  m_tasks->run(
      tr("Read layout template %1").arg(name),
      [path, key, base](core::Feedback&) mutable {
        render::applyLayoutTemplate(base, render::loadLayoutTemplate(path, key), key);
        return base;
      },
      [this, name](render::MapExportRequest r) {
        setRequest(r);
        schedulePreview();
        setStatus(tr("Template “%1” applied.").arg(name));
        emit templateApplied(name);
      },
      [this](const TaskError& error) { setStatus(tr("The template cannot be applied: %1").arg(error.message)); },
      TaskOptions::hiddenRead(QStringLiteral("layout-template"), this));
}

void LayoutDialog::exportNow() {
  if (!m_project || !m_tasks || outputPath().isEmpty()) return;
  const render::MapExportRequest r = request();
  const render::ExportMapParams params = render::exportMapParams(r);
  const std::string file = m_project->path;
  const QString path = outputPath();
  setStatus(tr("Exporting %1…").arg(QFileInfo(path).fileName()));
  submitOperation<render::ExportMapOp>(
      *m_tasks, tr("Export map %1").arg(QFileInfo(path).fileName()), file, params,
      [this, path](const auto&) {
        setStatus(tr("Map saved to %1").arg(path));
        emit exported(path, true, {});
      },
      [this, path](const TaskError& error) {
        setStatus(tr("The map could not be written: %1").arg(error.message));
        emit exported(path, false, error.message);
      },
      TaskOptions{{}, this, [this, path] { emit exported(path, false, tr("Cancelled")); }});
}

}  // namespace ekm::widgets
