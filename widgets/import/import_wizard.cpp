// The import wizard: construction, page 1 (file and kind) and page 2 (mapping and preview).
// The background runs (pages 3 and 4) are in import_wizard_run.cpp.
#include "import/import_wizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QProgressBar>
#include <cmath>

#include "import/import_fields.h"
#include "import/wizard_page.h"

namespace ekm::widgets {

namespace {
constexpr io::ImportKind kKinds[] = {io::ImportKind::MeshPopulation, io::ImportKind::SegmentCounts,
                                     io::ImportKind::StationRidership, io::ImportKind::Segments,
                                     io::ImportKind::Stations};
}  // namespace

ImportWizard::ImportWizard(const QString& projectPath, TaskManager* tasks, QWidget* parent)
    : QWizard(parent), m_projectPath(projectPath), m_tasks(tasks) {
  setObjectName(QStringLiteral("ImportWizard"));
  setWindowTitle(tr("Import data"));
  setWizardStyle(QWizard::ClassicStyle);
  if (!m_tasks) m_tasks = new TaskManager(this);
  m_filePage = createFilePage();
  m_mappingPage = createMappingPage();
  m_validationPage = createValidationPage();
  m_importPage = createImportPage();
  setPage(FilePage, m_filePage);
  setPage(MappingPage, m_mappingPage);
  setPage(ValidationPage, m_validationPage);
  setPage(ImportPage, m_importPage);
  setStartId(FilePage);
  connect(m_tasks, &TaskManager::taskProgress, this, [this](quint64 id, double percent) {
    if (id == m_task.id() && m_activeBar) m_activeBar->setValue(static_cast<int>(std::lround(percent)));
  });
  resize(820, 620);
}

// Running tasks have this wizard as their context: they are cancelled with it.
ImportWizard::~ImportWizard() { m_task.cancel(); }

// ---------------------------------------------------------------- page 1: file and kind

WizardPage* ImportWizard::createFilePage() {
  auto* page = new WizardPage(this);
  page->setTitle(tr("Choose a file"));
  page->setSubTitle(tr("CSV files (also .csv.gz) with people-flow data, or vector files (GeoJSON, GeoPackage, "
                       "Shapefile) with road segments or stations."));
  auto* layout = new QVBoxLayout(page);
  auto* fileRow = new QHBoxLayout();
  m_path = new QLineEdit(page);
  m_path->setPlaceholderText(tr("Path of the file to import"));
  auto* browse = new QPushButton(tr("Browse…"), page);
  fileRow->addWidget(m_path, 1);
  fileRow->addWidget(browse);
  layout->addLayout(fileRow);
  auto* form = new QFormLayout();
  m_sourceInfo = new QLabel(page);
  m_sourceInfo->setWordWrap(true);
  form->addRow(tr("Source:"), m_sourceInfo);
  m_detected = new QLabel(page);
  form->addRow(tr("Detected:"), m_detected);
  m_kindBox = new QComboBox(page);
  m_kindBox->addItem(tr("(choose the kind of data)"), -1);
  for (io::ImportKind k : kKinds) m_kindBox->addItem(ImportFields::kindLabel(k), static_cast<int>(k));
  form->addRow(tr("Import as:"), m_kindBox);
  layout->addLayout(form);
  layout->addStretch(1);

  connect(browse, &QPushButton::clicked, this, &ImportWizard::chooseFile);
  connect(m_path, &QLineEdit::editingFinished, this, &ImportWizard::loadSource);
  connect(m_kindBox, &QComboBox::currentIndexChanged, this, [this, page] {
    rebuildFieldCombos();
    page->changed();
  });
  page->complete = [this] { return m_preview.ok() && !m_preview.path.isEmpty() && kind().has_value(); };
  return page;
}

void ImportWizard::chooseFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Import data"), QFileInfo(m_path->text()).absolutePath(),
      tr("Data files (*.csv *.csv.gz *.txt *.tsv *.geojson *.json *.gpkg *.shp);;All files (*)"));
  if (!path.isEmpty()) setFilePath(path);
}

void ImportWizard::setFilePath(const QString& path) {
  m_path->setText(path);
  loadSource();
}

QString ImportWizard::filePath() const { return m_path->text().trimmed(); }

void ImportWizard::loadSource() {
  const QString path = filePath();
  if (path == m_preview.path && m_preview.ok()) return;
  m_detectedKind.reset();
  m_detectedPreset = QStringLiteral("default");
  if (path.isEmpty() || !QFileInfo::exists(path)) {
    m_preview = SourcePreview{};
    m_preview.path = path;
    m_preview.error = path.isEmpty() ? QString() : tr("File not found: %1").arg(path);
    m_sourceInfo->setText(m_preview.error);
    m_detected->clear();
    m_filePage->changed();
    return;
  }
  m_preview = SourcePreviewReader::read(path);
  if (!m_preview.ok()) {
    m_sourceInfo->setText(tr("Cannot read the file: %1").arg(m_preview.error));
  } else if (m_preview.text) {
    m_sourceInfo->setText(tr("Text file%1, %2, %n column(s)", nullptr, static_cast<int>(m_preview.header.size()))
                              .arg(m_preview.gzipped ? tr(" (gzip)") : QString(),
                                   SourcePreviewReader::encodingLabel(m_preview.encoding)));
  } else {
    m_sourceInfo->setText(tr("Layer '%1': %2, %n feature(s)", nullptr, static_cast<int>(m_preview.featureCount))
                              .arg(m_preview.layerName, m_preview.geometryType));
  }
  m_detectedKind = m_preview.ok() ? SourcePreviewReader::detectKind(m_preview, &m_detectedPreset) : std::nullopt;
  m_detected->setText(m_detectedKind ? ImportFields::kindLabel(*m_detectedKind)
                                     : tr("unknown: choose the kind below"));
  m_updating = true;
  m_presetBox->setCurrentIndex(std::max(0, m_presetBox->findData(m_detectedPreset)));
  m_encodingBox->setCurrentIndex(0);
  m_kindBox->setCurrentIndex(m_detectedKind ? m_kindBox->findData(static_cast<int>(*m_detectedKind)) : 0);
  m_updating = false;
  rebuildFieldCombos();
  m_filePage->changed();
}

void ImportWizard::setKind(io::ImportKind kind) { m_kindBox->setCurrentIndex(m_kindBox->findData(static_cast<int>(kind))); }

std::optional<io::ImportKind> ImportWizard::kind() const {
  const int k = m_kindBox->currentData().toInt();
  if (k < 0) return std::nullopt;
  return static_cast<io::ImportKind>(k);
}

// ---------------------------------------------------------------- page 2: mapping and preview

WizardPage* ImportWizard::createMappingPage() {
  auto* page = new WizardPage(this);
  page->setTitle(tr("Map the columns"));
  page->setSubTitle(tr("Choose the column of the file for each field. The preview shows the first rows as they "
                       "will be read."));
  auto* layout = new QVBoxLayout(page);
  auto* top = new QFormLayout();
  m_presetBox = new QComboBox(page);
  m_presetBox->addItem(tr("Standard layout"), QStringLiteral("default"));
  m_presetBox->addItem(tr("MLIT 1 km open data (monthly)"), QStringLiteral("jp-1km-open-data"));
  top->addRow(tr("Layout:"), m_presetBox);
  auto* encodingRow = new QHBoxLayout();
  m_encodingBox = new QComboBox(page);
  m_encodingBox->addItem(tr("Automatic"), static_cast<int>(io::TextEncoding::Auto));
  m_encodingBox->addItem(tr("UTF-8"), static_cast<int>(io::TextEncoding::Utf8));
  m_encodingBox->addItem(tr("CP932 (Shift_JIS)"), static_cast<int>(io::TextEncoding::Cp932));
  m_encodingLabel = new QLabel(page);
  encodingRow->addWidget(m_encodingBox);
  encodingRow->addWidget(m_encodingLabel, 1);
  top->addRow(tr("Encoding:"), encodingRow);
  layout->addLayout(top);
  m_fieldForm = new QFormLayout();
  layout->addLayout(m_fieldForm);
  m_mappingStatus = new QLabel(page);
  m_mappingStatus->setWordWrap(true);
  layout->addWidget(m_mappingStatus);
  m_force = new QCheckBox(tr("Import even if this file was imported before"), page);
  layout->addWidget(m_force);
  m_table = new QTableWidget(page);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  layout->addWidget(m_table, 1);

  connect(m_presetBox, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_updating) rebuildFieldCombos();
  });
  connect(m_encodingBox, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_updating) reloadPreview();
  });
  page->complete = [this] { return mappingComplete(); };
  page->enter = [this] { updatePreviewHeader(); };
  return page;
}

void ImportWizard::reloadPreview() {
  if (!m_preview.text || m_preview.path.isEmpty()) return;
  m_preview = SourcePreviewReader::read(m_preview.path, encoding());
  rebuildFieldCombos();
}

void ImportWizard::setPreset(const QString& preset) { m_presetBox->setCurrentIndex(m_presetBox->findData(preset)); }
QString ImportWizard::preset() const { return m_presetBox->currentData().toString(); }

void ImportWizard::setEncoding(io::TextEncoding encoding) {
  m_encodingBox->setCurrentIndex(m_encodingBox->findData(static_cast<int>(encoding)));
}
io::TextEncoding ImportWizard::encoding() const {
  return static_cast<io::TextEncoding>(m_encodingBox->currentData().toInt());
}
QString ImportWizard::detectedEncodingLabel() const { return SourcePreviewReader::encodingLabel(m_preview.encoding); }

void ImportWizard::setForce(bool force) { m_force->setChecked(force); }

void ImportWizard::rebuildFieldCombos() {
  while (m_fieldForm->rowCount() > 0) m_fieldForm->removeRow(0);
  m_fieldBoxes.clear();
  m_mapping.clear();
  const bool mesh = kind() == io::ImportKind::MeshPopulation;
  m_presetBox->setEnabled(mesh && m_preview.text);
  m_encodingBox->setEnabled(m_preview.text);
  if (m_preview.text)
    m_encodingLabel->setText(m_preview.ok() ? tr("read as %1").arg(detectedEncodingLabel())
                                            : tr("cannot be read: %1").arg(m_preview.error));
  else
    m_encodingLabel->setText(tr("vector files are read by GDAL"));
  if (kind() && m_preview.ok()) {
    const auto fields = ImportFields::forKind(*kind(), mesh ? preset() : QStringLiteral("default"), !m_preview.text);
    m_mapping = ImportFields::autoMatch(fields, m_preview.header);
    for (const auto& f : fields) {
      auto* box = new QComboBox(m_mappingPage);
      box->setObjectName(QStringLiteral("field_") + f.name);
      box->addItem(f.required ? tr("(choose a column)") : tr("(not in the file)"), -1);
      for (int i = 0; i < m_preview.header.size(); ++i) box->addItem(m_preview.header[i], i);
      const auto it = m_mapping.find(f.name);
      box->setCurrentIndex(it == m_mapping.end() ? 0 : box->findData(it->second));
      box->setToolTip(f.description);
      const QString field = f.name;
      connect(box, &QComboBox::currentIndexChanged, this, [this, box, field] {
        const int column = box->currentData().toInt();
        if (column < 0) m_mapping.erase(field);
        else m_mapping[field] = column;
        updatePreviewHeader();
        updateMappingStatus();
      });
      m_fieldBoxes[f.name] = box;
      m_fieldForm->addRow(QStringLiteral("%1%2 — %3").arg(f.name, f.required ? QStringLiteral(" *") : QString(),
                                                          f.description),
                          box);
    }
  }
  m_table->clear();
  m_table->setColumnCount(static_cast<int>(m_preview.header.size()));
  m_table->setRowCount(static_cast<int>(m_preview.rows.size()));
  for (int r = 0; r < m_preview.rows.size(); ++r)
    for (int c = 0; c < m_preview.rows[r].size() && c < m_table->columnCount(); ++c)
      m_table->setItem(r, c, new QTableWidgetItem(m_preview.rows[r][c]));
  updatePreviewHeader();
  updateMappingStatus();
}

void ImportWizard::updatePreviewHeader() {
  for (int c = 0; c < m_preview.header.size() && c < m_table->columnCount(); ++c) {
    QString label = m_preview.header[c];
    for (const auto& [field, column] : m_mapping)
      if (column == c) label += QStringLiteral("\n→ ") + field;
    m_table->setHorizontalHeaderItem(c, new QTableWidgetItem(label));
  }
}

void ImportWizard::updateMappingStatus() {
  if (!kind() || !m_preview.ok()) {
    m_mappingStatus->setText(m_preview.ok() ? tr("Choose the kind of data on the first page.") : m_preview.error);
    m_mappingPage->changed();
    return;
  }
  const bool mesh = *kind() == io::ImportKind::MeshPopulation;
  const QStringList missing = ImportFields::missingFields(*kind(), mesh ? preset() : QStringLiteral("default"),
                                                          !m_preview.text, m_mapping);
  QString text;
  if (!missing.isEmpty()) {
    text = tr("Missing: %1").arg(missing.join(QStringLiteral(", ")));
  } else if (mesh && preset() == QLatin1String("default")) {
    QStringList other;
    for (int c = 0; c < m_preview.header.size(); ++c) {
      bool used = false;
      for (const auto& [field, column] : m_mapping) used = used || column == c;
      if (!used) other << m_preview.header[c];
    }
    text = other.isEmpty() ? tr("All columns are mapped.")
                           : tr("The other columns become breakdowns: %1").arg(other.join(QStringLiteral(", ")));
  } else {
    text = tr("All required fields are mapped.");
  }
  m_mappingStatus->setText(text);
  m_mappingPage->changed();
}

bool ImportWizard::mappingComplete() const {
  if (!kind() || !m_preview.ok()) return false;
  const bool mesh = *kind() == io::ImportKind::MeshPopulation;
  return ImportFields::missingFields(*kind(), mesh ? preset() : QStringLiteral("default"), !m_preview.text, m_mapping)
      .isEmpty();
}

void ImportWizard::setColumn(const QString& field, const QString& column) {
  const auto it = m_fieldBoxes.find(field);
  if (it == m_fieldBoxes.end()) return;
  const int index = column.isEmpty() ? 0 : it->second->findText(column);
  if (index >= 0) it->second->setCurrentIndex(index);
}

QString ImportWizard::column(const QString& field) const {
  const auto it = m_mapping.find(field);
  return it == m_mapping.end() ? QString() : m_preview.header.value(it->second);
}

ImportRequest ImportWizard::request() const {
  ImportRequest r;
  r.projectPath = QFile::encodeName(m_projectPath).toStdString();
  r.file = QFile::encodeName(filePath()).toStdString();
  if (kind()) r.kind = *kind();
  r.options.force = m_force->isChecked();
  if (!m_preview.text) {
    // Vector sources: only the id attribute is chosen.
    const QString id = column(r.kind == io::ImportKind::Segments ? QStringLiteral("segment_id")
                                                                 : QStringLiteral("station_id"));
    r.options.idField = id.toStdString();
    return r;
  }
  r.options.preset = r.kind == io::ImportKind::MeshPopulation ? preset().toStdString() : std::string("default");
  switch (encoding()) {
    case io::TextEncoding::Auto: break;
    case io::TextEncoding::Utf8: r.options.encoding = "utf-8"; break;
    case io::TextEncoding::Cp932: r.options.encoding = "cp932"; break;
  }
  r.delimiter = m_preview.delimiter;
  for (const auto& [field, index] : m_mapping) r.columns[field.toStdString()] = m_preview.header.value(index).toStdString();
  return r;
}

}  // namespace ekm::widgets
