#pragma once
// The recently opened projects (most recent first, at most kMax), kept in QSettings.
#include <QString>
#include <QStringList>

namespace ekm::widgets {

class RecentProjects {
 public:
  static constexpr int kMax = 8;
  explicit RecentProjects(QString settingsKey = QStringLiteral("recentProjects")) : m_key(std::move(settingsKey)) {}

  QStringList paths() const;
  // Puts a project first (absolute, cleaned path); drops the oldest beyond kMax.
  void add(const QString& path);
  void remove(const QString& path);
  // Drops the entries whose file no longer exists and returns them.
  QStringList removeMissing();
  void clear();

 private:
  void store(const QStringList& paths) const;
  QString m_key;
};

}  // namespace ekm::widgets
