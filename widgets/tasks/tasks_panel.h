#pragma once
// The Tasks dock's content: one row per task of a TaskManager (running and recent) with its
// title, a progress bar, the elapsed time, the status (running / done / cancelled / failed
// with the message) and a Cancel button; "Clear finished" forgets the finished ones.
// TasksDock wraps the panel in a QDockWidget (object name "TasksDock").
#include <QDockWidget>
#include <QPointer>
#include <QWidget>
#include <map>

#include "tasks/task_manager.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace ekm::widgets {

class TasksPanel : public QWidget {
  Q_OBJECT

 public:
  explicit TasksPanel(TaskManager* manager, QWidget* parent = nullptr);

  TaskManager* manager() const { return m_manager; }
  int rowCount() const { return static_cast<int>(m_rows.size()); }
  // The widgets of a task's row (null if the task has no row).
  QPushButton* cancelButton(quint64 id) const;
  QProgressBar* progressBar(quint64 id) const;
  QString statusText(quint64 id) const;
  QString titleText(quint64 id) const;
  QPushButton* clearButton() const { return m_clear; }

  static QString formatElapsed(qint64 ms);

 private:
  struct Row {
    QWidget* widget = nullptr;
    QLabel* title = nullptr;
    QProgressBar* bar = nullptr;
    QLabel* elapsed = nullptr;
    QLabel* status = nullptr;
    QPushButton* cancel = nullptr;
  };
  void addRow(quint64 id);
  void updateRow(quint64 id);
  void removeRow(quint64 id);
  void tick();
  QString statusFor(const TaskManager::TaskInfo& info) const;

  QPointer<TaskManager> m_manager;
  std::map<quint64, Row> m_rows;
  QVBoxLayout* m_list = nullptr;
  QLabel* m_empty = nullptr;
  QPushButton* m_clear = nullptr;
  QTimer* m_timer = nullptr;
};

class TasksDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit TasksDock(TaskManager* manager, QWidget* parent = nullptr);
  TasksPanel* panel() const { return m_panel; }

 private:
  TasksPanel* m_panel = nullptr;
};

}  // namespace ekm::widgets
