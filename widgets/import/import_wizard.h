#pragma once
// File > Import…: a wizard over one project file (a path: every worker opens its own
// store::Project).
//  1. File: choose a CSV (optionally .gz) or a GDAL vector source; the kind is detected (CSV
//     header; geometry type and fields) and can be overridden.
//  2. Mapping: a combo box per target field (pre-selected as the importer would resolve it,
//     Japanese headers recognised), the preset, the encoding (detected UTF-8 or CP932,
//     overridable) and a live preview of the first 20 rows decoded with it.
//  3. Validation: a dry run in the background — the real importer, rolled back at the end —
//     reports rows read and rows that would be stored, or the first error with
//     file:line, column, expected and found.
//  4. Import in the background through the TaskManager (progress, Cancel). A failure opens
//     a dialog with the full context; the project is unchanged (one transaction).
#include <QMessageBox>
#include <QPointer>
#include <QWizard>
#include <map>
#include <optional>

#include "ekm/io/importers.h"
#include "import/import_job.h"
#include "import/source_preview.h"
#include "tasks/task_manager.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

class QProgressBar;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace ekm::widgets {

class WizardPage;

class ImportWizard : public QWizard {
  Q_OBJECT

 public:
  enum PageId { FilePage, MappingPage, ValidationPage, ImportPage };
  enum class RunState { Idle, Running, Succeeded, Failed, Cancelled };

  // `tasks` (the window's) shows the dry run and the import in the Tasks dock; without one the
  // wizard uses a private manager.
  explicit ImportWizard(const QString& projectPath, TaskManager* tasks = nullptr, QWidget* parent = nullptr);
  ~ImportWizard() override;

  const QString& projectPath() const { return m_projectPath; }

  // Page 1.
  void setFilePath(const QString& path);
  QString filePath() const;
  std::optional<io::ImportKind> detectedKind() const { return m_detectedKind; }
  void setKind(io::ImportKind kind);
  std::optional<io::ImportKind> kind() const;

  // Page 2.
  void setPreset(const QString& preset);
  QString preset() const;
  // Auto (the default) decodes with the detected encoding.
  void setEncoding(io::TextEncoding encoding);
  io::TextEncoding encoding() const;
  // "UTF-8", "CP932 (Shift_JIS)" or "ASCII (UTF-8)": what the preview was decoded with.
  QString detectedEncodingLabel() const;
  // The column mapped to a target field ("" = none). setColumn with "" unmaps.
  void setColumn(const QString& field, const QString& column);
  QString column(const QString& field) const;
  void setForce(bool force);
  const SourcePreview& preview() const { return m_preview; }
  QTableWidget* previewTable() const { return m_table; }
  // The request the current settings make (what validation and import run).
  ImportRequest request() const;

  // Page 3 and 4.
  RunState validationState() const { return m_validationState; }
  QString validationReport() const;
  const std::optional<ImportOutcome>& validationOutcome() const { return m_validation; }
  RunState importState() const { return m_importState; }
  const std::optional<ImportOutcome>& importOutcome() const { return m_imported; }
  const std::optional<TaskError>& lastError() const { return m_error; }
  // The error dialog of the last failed import (null when none is open).
  QMessageBox* errorDialog() const { return m_errorBox; }
  TaskManager* taskManager() const { return m_tasks; }

  // Where, column, expected and found of an error, one per line (translated labels).
  static QString describeError(const TaskError& error);

 public slots:
  // Runs the dry run / the import of the current settings (pages 3 and 4 call them).
  void validate();
  void importNow();
  void cancelRunning();
  void reject() override;

 signals:
  void validationFinished(ekm::widgets::ImportWizard::RunState state);
  void importFinished(ekm::widgets::ImportWizard::RunState state, const QString& message);
  // A successful import changed the project (reload its layers).
  void imported(const QString& projectPath, ekm::io::ImportKind kind, qint64 rowsStored);

 private:
  WizardPage* createFilePage();
  WizardPage* createMappingPage();
  WizardPage* createValidationPage();
  WizardPage* createImportPage();
  void chooseFile();
  void loadSource();
  void reloadPreview();
  void rebuildFieldCombos();
  void updatePreviewHeader();
  void updateMappingStatus();
  bool mappingComplete() const;
  void showValidation();
  void showImportFailure(const TaskError& error);
  TaskHandle startTask(const QString& title, bool dryRun, RunState* state, std::optional<ImportOutcome>* target,
                       QProgressBar* bar, std::function<void()> done);

  QString m_projectPath;
  QPointer<TaskManager> m_tasks;
  SourcePreview m_preview;
  std::optional<io::ImportKind> m_detectedKind;
  QString m_detectedPreset;
  std::map<QString, int> m_mapping;  // field -> column index in m_preview.header
  bool m_updating = false;

  RunState m_validationState = RunState::Idle;
  RunState m_importState = RunState::Idle;
  std::optional<ImportOutcome> m_validation;
  std::optional<ImportOutcome> m_imported;
  std::optional<TaskError> m_error;
  TaskHandle m_task;
  QProgressBar* m_activeBar = nullptr;  // shows m_task's progress
  QPointer<QMessageBox> m_errorBox;

  WizardPage* m_filePage = nullptr;
  WizardPage* m_mappingPage = nullptr;
  WizardPage* m_validationPage = nullptr;
  WizardPage* m_importPage = nullptr;
  QLineEdit* m_path = nullptr;
  QComboBox* m_kindBox = nullptr;
  QLabel* m_detected = nullptr;
  QLabel* m_sourceInfo = nullptr;
  QComboBox* m_presetBox = nullptr;
  QComboBox* m_encodingBox = nullptr;
  QLabel* m_encodingLabel = nullptr;
  QFormLayout* m_fieldForm = nullptr;
  std::map<QString, QComboBox*> m_fieldBoxes;
  QLabel* m_mappingStatus = nullptr;
  QCheckBox* m_force = nullptr;
  QTableWidget* m_table = nullptr;
  QProgressBar* m_validationBar = nullptr;
  QPushButton* m_validationCancel = nullptr;
  QTextBrowser* m_report = nullptr;
  QProgressBar* m_importBar = nullptr;
  QPushButton* m_importCancel = nullptr;
  QLabel* m_importStatus = nullptr;
};

}  // namespace ekm::widgets
