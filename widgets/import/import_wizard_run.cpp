// The import wizard's background runs: page 3 (dry run and its report) and page 4 (the
// import, with the error dialog).
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <cmath>

#include "import/import_fields.h"
#include "import/import_wizard.h"
#include "import/wizard_page.h"
#include "tasks/error_text.h"

namespace ekm::widgets {

namespace {

QProgressBar* makeBar(QWidget* parent) {
  auto* bar = new QProgressBar(parent);
  bar->setRange(0, 100);
  bar->setValue(0);
  return bar;
}

}  // namespace

// ---------------------------------------------------------------- pages

WizardPage* ImportWizard::createValidationPage() {
  auto* page = new WizardPage(this);
  page->setTitle(tr("Check the file"));
  page->setSubTitle(tr("The importer reads the whole file into a temporary copy of the project; the project itself "
                       "is not changed."));
  auto* layout = new QVBoxLayout(page);
  auto* row = new QHBoxLayout();
  m_validationBar = makeBar(page);
  m_validationCancel = new QPushButton(tr("Cancel"), page);
  row->addWidget(m_validationBar, 1);
  row->addWidget(m_validationCancel);
  layout->addLayout(row);
  m_report = new QTextBrowser(page);
  layout->addWidget(m_report, 1);
  // Next on this page starts the import: no way back from there.
  page->setCommitPage(true);
  page->setButtonText(QWizard::CommitButton, tr("Import"));
  connect(m_validationCancel, &QPushButton::clicked, this, &ImportWizard::cancelRunning);
  page->complete = [this] { return m_validationState == RunState::Succeeded; };
  page->enter = [this] { validate(); };
  page->leave = [this] { cancelRunning(); };
  return page;
}

WizardPage* ImportWizard::createImportPage() {
  auto* page = new WizardPage(this);
  page->setTitle(tr("Import"));
  page->setSubTitle(tr("The import is one transaction: if it fails or is cancelled, the project is unchanged."));
  auto* layout = new QVBoxLayout(page);
  auto* row = new QHBoxLayout();
  m_importBar = makeBar(page);
  m_importCancel = new QPushButton(tr("Cancel"), page);
  row->addWidget(m_importBar, 1);
  row->addWidget(m_importCancel);
  layout->addLayout(row);
  m_importStatus = new QLabel(page);
  m_importStatus->setWordWrap(true);
  m_importStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_importStatus);
  layout->addStretch(1);
  connect(m_importCancel, &QPushButton::clicked, this, &ImportWizard::cancelRunning);
  page->complete = [this] { return m_importState == RunState::Succeeded; };
  page->enter = [this] { importNow(); };
  return page;
}

// ---------------------------------------------------------------- runs

TaskHandle ImportWizard::startTask(const QString& title, bool dryRun, RunState* state,
                                   std::optional<ImportOutcome>* target, QProgressBar* bar,
                                   std::function<void()> done) {
  m_task.cancel();
  *state = RunState::Running;
  target->reset();
  m_error.reset();
  bar->setValue(0);
  const ImportRequest request = this->request();
  TaskOptions options;
  options.context = this;
  auto id = std::make_shared<quint64>(0);
  options.onCancelled = [this, id, state, done] {
    if (*id != m_task.id()) return;
    *state = RunState::Cancelled;
    done();
  };
  auto work = [request, dryRun](core::Feedback& feedback) {
    return dryRun ? dryRunImport(request, feedback) : runImport(request, feedback);
  };
  m_task = m_tasks->run(
      title, work,
      [this, id, state, target, done](ImportOutcome outcome) {
        if (*id != m_task.id()) return;
        *target = std::move(outcome);
        *state = RunState::Succeeded;
        done();
      },
      [this, id, state, done](const TaskError& error) {
        if (*id != m_task.id()) return;
        m_error = error;
        *state = RunState::Failed;
        done();
      },
      options);
  *id = m_task.id();
  m_activeBar = bar;
  return m_task;
}

void ImportWizard::validate() {
  m_report->setPlainText(tr("Checking %1…").arg(QFileInfo(filePath()).fileName()));
  m_validationCancel->setEnabled(true);
  startTask(tr("Check %1").arg(QFileInfo(filePath()).fileName()), true, &m_validationState, &m_validation,
            m_validationBar, [this] {
              m_validationCancel->setEnabled(false);
              showValidation();
              m_validationPage->changed();
              emit validationFinished(m_validationState);
            });
  m_validationPage->changed();
}

void ImportWizard::importNow() {
  m_importStatus->setText(tr("Importing %1…").arg(QFileInfo(filePath()).fileName()));
  m_importCancel->setEnabled(true);
  const io::ImportKind importKind = kind().value_or(io::ImportKind::MeshPopulation);
  startTask(tr("Import %1").arg(QFileInfo(filePath()).fileName()), false, &m_importState, &m_imported, m_importBar,
            [this, importKind] {
              m_importCancel->setEnabled(false);
              QString message;
              switch (m_importState) {
                case RunState::Succeeded: {
                  const auto& r = m_imported->result;
                  const QLocale locale;
                  message = tr("Imported %1 rows into %2 (%3 → %4 rows) in %5 s.")
                                .arg(locale.toString(r.rowsStored), QString::fromStdString(m_imported->table),
                                     locale.toString(m_imported->tableRowsBefore),
                                     locale.toString(m_imported->tableRowsAfter), locale.toString(r.seconds, 'f', 1));
                  emit imported(m_projectPath, importKind, r.rowsStored);
                  break;
                }
                case RunState::Cancelled: message = tr("Import cancelled; the project is unchanged."); break;
                case RunState::Failed:
                  message = tr("Import failed; the project is unchanged.");
                  showImportFailure(*m_error);
                  break;
                default: break;
              }
              m_importStatus->setText(message);
              m_importPage->changed();
              emit importFinished(m_importState, m_importState == RunState::Failed ? m_error->message : message);
            });
}

void ImportWizard::cancelRunning() { m_task.cancel(); }

void ImportWizard::reject() {
  cancelRunning();
  QWizard::reject();
}

// ---------------------------------------------------------------- reports

QString ImportWizard::describeError(const TaskError& error) {
  QStringList lines;
  if (error.context) {
    const core::ErrorContext& c = *error.context;
    if (!c.file.empty()) {
      QString where = QString::fromStdString(c.file);
      if (c.line) where += QStringLiteral(":%1").arg(*c.line);
      lines << tr("Where: %1").arg(where);
      if (c.feature) lines << tr("Feature: %1").arg(*c.feature);
    }
    if (!c.field.empty()) lines << tr("Column: %1").arg(QString::fromStdString(c.field));
    if (!c.expected.empty()) lines << tr("Expected: %1").arg(errorExpectedText(c.expected));
    if (!c.found.empty()) lines << tr("Found: %1").arg(QString::fromStdString(c.found));
  }
  lines << tr("Message: %1").arg(error.message);
  return lines.join(QLatin1Char('\n'));
}

QString ImportWizard::validationReport() const { return m_report->toPlainText(); }

void ImportWizard::showValidation() {
  QStringList lines;
  const QLocale locale;
  switch (m_validationState) {
    case RunState::Succeeded: {
      const auto& r = m_validation->result;
      lines << tr("The file can be imported.");
      lines << tr("Rows read: %1").arg(locale.toString(r.rowsRead));
      lines << tr("Rows that would be imported: %1").arg(locale.toString(r.rowsStored));
      lines << tr("Missing values (stored as missing, not 0): %1").arg(locale.toString(r.missingValues));
      if (r.featuresCreated > 0) lines << tr("New features: %1").arg(locale.toString(r.featuresCreated));
      lines << tr("Table %1: %2 rows now, %3 after the import")
                   .arg(QString::fromStdString(m_validation->table), locale.toString(m_validation->tableRowsBefore),
                        locale.toString(m_validation->tableRowsAfter));
      break;
    }
    case RunState::Failed:
      lines << tr("The file cannot be imported. First error:");
      lines << describeError(*m_error);
      break;
    case RunState::Cancelled: lines << tr("The check was cancelled."); break;
    default: break;
  }
  m_report->setPlainText(lines.join(QLatin1Char('\n')));
}

void ImportWizard::showImportFailure(const TaskError& error) {
  if (m_errorBox) m_errorBox->close();
  m_errorBox = new QMessageBox(QMessageBox::Critical, tr("Import failed"),
                               tr("%1 could not be imported. The project is unchanged.")
                                   .arg(QFileInfo(filePath()).fileName()),
                               QMessageBox::Ok, this);
  m_errorBox->setInformativeText(describeError(error));
  m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
  m_errorBox->open();
}

}  // namespace ekm::widgets
