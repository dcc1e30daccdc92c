#include "main/recent_projects.h"

#include "main/project_location.h"

#include <QSettings>

namespace ekm::widgets {

namespace {
QString normalised(const QString& path) { return normalisedLocation(path); }
}  // namespace

QStringList RecentProjects::paths() const { return QSettings().value(m_key).toStringList(); }

void RecentProjects::store(const QStringList& paths) const { QSettings().setValue(m_key, paths); }

void RecentProjects::add(const QString& path) {
  const QString p = normalised(path);
  QStringList list = paths();
  list.removeAll(p);
  list.prepend(p);
  while (list.size() > kMax) list.removeLast();
  store(list);
}

void RecentProjects::remove(const QString& path) {
  QStringList list = paths();
  list.removeAll(normalised(path));
  list.removeAll(path);
  store(list);
}

QStringList RecentProjects::removeMissing() {
  QStringList kept, missing;
  for (const QString& p : paths()) (locationMayExist(p) ? kept : missing).append(p);
  if (!missing.isEmpty()) store(kept);
  return missing;
}

void RecentProjects::clear() { store({}); }

}  // namespace ekm::widgets
