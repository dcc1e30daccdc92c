#pragma once
// A dialog that runs one operation of the registry on the open project with the params of its
// generated form (ops/params_form.h): File > Briefing Pack… (the briefing operation) and
// File > Export Results… (the export operation). Run validates the form (a bad field is shown
// at the field) and submits the operation to the window's TaskManager — listed in the Tasks
// dock — with its ops::Session made on the worker; while it runs the dialog shows its progress
// and Cancel cancels it (a cancelled run leaves nothing behind). operationFinished follows.
#include <QDialog>
#include <QStringList>

#include "ekm/ops/operation.h"
#include "tasks/task_manager.h"

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace ekm::widgets {

class ParamsForm;

class OperationDialog : public QDialog {
  Q_OBJECT

 public:
  OperationDialog(const ops::Operation* op, TaskManager* tasks, const QString& projectPath, QWidget* parent = nullptr);

  ParamsForm* form() const { return m_form; }
  // Runs the operation with the form's params (after validating them).
  void start();
  bool isRunning() const { return m_task.isRunning(); }
  void cancel();
  // The files the last successful run wrote.
  const QStringList& outputs() const { return m_outputs; }

 signals:
  // ok: the run completed; message: the error or "Cancelled" otherwise.
  void operationFinished(bool ok, const QString& message);

 private:
  void setRunning(bool running);

  const ops::Operation* m_op;
  TaskManager* m_tasks;
  QString m_projectPath;
  ParamsForm* m_form = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  QPushButton* m_run = nullptr;
  QPushButton* m_cancel = nullptr;
  QPushButton* m_close = nullptr;
  TaskHandle m_task;
  QStringList m_outputs;
};

}  // namespace ekm::widgets
