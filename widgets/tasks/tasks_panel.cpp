#include "tasks/tasks_panel.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

namespace ekm::widgets {

TasksPanel::TasksPanel(TaskManager* manager, QWidget* parent) : QWidget(parent), m_manager(manager) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* inner = new QWidget(scroll);
  m_list = new QVBoxLayout(inner);
  m_list->setContentsMargins(0, 0, 0, 0);
  m_empty = new QLabel(tr("No tasks."), inner);
  m_empty->setEnabled(false);
  m_list->addWidget(m_empty);
  m_list->addStretch(1);
  scroll->setWidget(inner);
  layout->addWidget(scroll, 1);
  auto* buttons = new QHBoxLayout();
  buttons->addStretch(1);
  m_clear = new QPushButton(tr("Clear finished"), this);
  buttons->addWidget(m_clear);
  layout->addLayout(buttons);

  m_timer = new QTimer(this);
  m_timer->setInterval(500);
  connect(m_timer, &QTimer::timeout, this, &TasksPanel::tick);

  if (!m_manager) return;
  connect(m_clear, &QPushButton::clicked, m_manager, &TaskManager::clearFinished);
  connect(m_manager, &TaskManager::taskAdded, this, &TasksPanel::addRow);
  connect(m_manager, &TaskManager::taskProgress, this, [this](quint64 id, double) { updateRow(id); });
  connect(m_manager, &TaskManager::taskFinished, this, [this](quint64 id, TaskManager::Status) { updateRow(id); });
  connect(m_manager, &TaskManager::taskRemoved, this, &TasksPanel::removeRow);
  for (quint64 id : m_manager->taskIds()) addRow(id);
}

void TasksPanel::addRow(quint64 id) {
  if (m_rows.count(id) || !m_manager) return;
  Row row;
  row.widget = new QFrame(m_list->parentWidget());
  static_cast<QFrame*>(row.widget)->setFrameShape(QFrame::StyledPanel);
  auto* grid = new QGridLayout(row.widget);
  grid->setContentsMargins(6, 4, 6, 4);
  row.title = new QLabel(row.widget);
  row.title->setWordWrap(true);
  QFont bold = row.title->font();
  bold.setBold(true);
  row.title->setFont(bold);
  row.elapsed = new QLabel(row.widget);
  row.bar = new QProgressBar(row.widget);
  row.bar->setRange(0, 100);
  row.status = new QLabel(row.widget);
  row.status->setWordWrap(true);
  row.status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  row.cancel = new QPushButton(tr("Cancel"), row.widget);
  grid->addWidget(row.title, 0, 0);
  grid->addWidget(row.elapsed, 0, 1, Qt::AlignRight);
  grid->addWidget(row.bar, 1, 0);
  grid->addWidget(row.cancel, 1, 1);
  grid->addWidget(row.status, 2, 0, 1, 2);
  grid->setColumnStretch(0, 1);
  QPointer<TaskManager> manager = m_manager;
  connect(row.cancel, &QPushButton::clicked, this, [manager, id] {
    if (manager) manager->cancel(id);
  });
  // Newest first, above the older rows.
  m_list->insertWidget(0, row.widget);
  m_rows[id] = row;
  m_empty->hide();
  updateRow(id);
  if (!m_timer->isActive()) m_timer->start();
}

QString TasksPanel::formatElapsed(qint64 ms) {
  const qint64 s = ms / 1000;
  if (s < 60) return tr("%1 s").arg(QString::number(static_cast<double>(ms) / 1000.0, 'f', 1));
  if (s < 3600) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
  return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString TasksPanel::statusFor(const TaskManager::TaskInfo& info) const {
  switch (info.status) {
    case TaskManager::Status::Running:
      return info.log.isEmpty() ? tr("Running") : tr("Running: %1").arg(info.log.back());
    case TaskManager::Status::Completed: return tr("Done");
    case TaskManager::Status::Cancelled: return tr("Cancelled");
    case TaskManager::Status::Failed: return tr("Failed: %1").arg(info.message);
  }
  return {};
}

void TasksPanel::updateRow(quint64 id) {
  const auto it = m_rows.find(id);
  if (it == m_rows.end() || !m_manager) return;
  const auto info = m_manager->info(id);
  if (!info) return;
  Row& row = it->second;
  row.title->setText(info->title);
  row.bar->setValue(static_cast<int>(std::lround(info->progress)));
  row.elapsed->setText(formatElapsed(info->elapsedMs));
  row.status->setText(statusFor(*info));
  const bool running = info->status == TaskManager::Status::Running;
  row.cancel->setVisible(running);
  row.bar->setVisible(running || info->status == TaskManager::Status::Completed);
  QPalette palette = row.status->palette();
  palette.setColor(QPalette::WindowText, info->status == TaskManager::Status::Failed
                                             ? QColor(0xb0, 0x20, 0x20)
                                             : this->palette().color(QPalette::WindowText));
  row.status->setPalette(palette);
}

void TasksPanel::removeRow(quint64 id) {
  const auto it = m_rows.find(id);
  if (it == m_rows.end()) return;
  delete it->second.widget;
  m_rows.erase(it);
  m_empty->setVisible(m_rows.empty());
}

void TasksPanel::tick() {
  if (!m_manager || m_manager->runningCount() == 0) {
    m_timer->stop();
    return;
  }
  for (const auto& [id, row] : m_rows)
    if (m_manager->isRunning(id)) updateRow(id);
}

QPushButton* TasksPanel::cancelButton(quint64 id) const {
  const auto it = m_rows.find(id);
  return it == m_rows.end() ? nullptr : it->second.cancel;
}

QProgressBar* TasksPanel::progressBar(quint64 id) const {
  const auto it = m_rows.find(id);
  return it == m_rows.end() ? nullptr : it->second.bar;
}

QString TasksPanel::statusText(quint64 id) const {
  const auto it = m_rows.find(id);
  return it == m_rows.end() ? QString() : it->second.status->text();
}

QString TasksPanel::titleText(quint64 id) const {
  const auto it = m_rows.find(id);
  return it == m_rows.end() ? QString() : it->second.title->text();
}

TasksDock::TasksDock(TaskManager* manager, QWidget* parent) : QDockWidget(tr("Tasks"), parent) {
  setObjectName(QStringLiteral("TasksDock"));
  m_panel = new TasksPanel(manager, this);
  setWidget(m_panel);
}

}  // namespace ekm::widgets
