#include "main/operation_dialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "ekm/ops/session.h"
#include "ops/params_form.h"

namespace ekm::widgets {

OperationDialog::OperationDialog(const ops::Operation* op, TaskManager* tasks, const QString& projectPath,
                                 QWidget* parent)
    : QDialog(parent), m_op(op), m_tasks(tasks), m_projectPath(projectPath) {
  auto* layout = new QVBoxLayout(this);
  m_form = new ParamsForm(this);
  m_form->setOperation(op);
  layout->addWidget(m_form, 1);
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 100);
  m_progress->setVisible(false);
  layout->addWidget(m_progress);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_status);
  auto* buttons = new QDialogButtonBox(this);
  m_run = buttons->addButton(tr("Run"), QDialogButtonBox::AcceptRole);
  m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
  m_close = buttons->addButton(QDialogButtonBox::Close);
  layout->addWidget(buttons);
  connect(m_run, &QPushButton::clicked, this, &OperationDialog::start);
  connect(m_cancel, &QPushButton::clicked, this, &OperationDialog::cancel);
  connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
  setRunning(false);
  setMinimumWidth(560);
}

void OperationDialog::setRunning(bool running) {
  m_run->setEnabled(!running);
  m_cancel->setEnabled(running);
  m_form->setEnabled(!running);
  m_progress->setVisible(running);
  if (running) m_progress->setValue(0);
}

void OperationDialog::cancel() { m_task.cancel(); }

void OperationDialog::start() {
  if (!m_op || !m_tasks || isRunning()) return;
  const auto params = m_form->validate();
  if (!params) return;
  setRunning(true);
  m_status->setText(tr("Running…"));
  const ops::Operation* op = m_op;
  const std::string file = QFile::encodeName(m_projectPath).toStdString();
  TaskOptions options{{}, this, [this] {
                        setRunning(false);
                        m_status->setText(tr("Cancelled; nothing was written."));
                        emit operationFinished(false, tr("Cancelled"));
                      }};
  options.onProgress = [this](double percent) { m_progress->setValue(static_cast<int>(percent)); };
  m_task = m_tasks->run(
      QString::fromStdString(op->name()),
      [op, file, params = *params](core::Feedback& feedback) {
        ops::Session session(file);  // this worker's own connection to the project
        return op->run(session, params, feedback);
      },
      [this](ops::OpResult result) {
        setRunning(false);
        m_outputs.clear();
        for (const std::string& o : result.outputs) m_outputs << QString::fromStdString(o);
        m_status->setText(tr("Done: %1").arg(m_outputs.join(QStringLiteral(", "))));
        emit operationFinished(true, {});
      },
      [this](const TaskError& error) {
        setRunning(false);
        if (error.context && !error.context->field.empty())
          m_form->showError(QString::fromStdString(error.context->field), error.message);
        m_status->setText(tr("Failed: %1").arg(error.message));
        emit operationFinished(false, error.message);
      },
      options);
}

}  // namespace ekm::widgets
