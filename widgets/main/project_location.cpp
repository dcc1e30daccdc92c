#include "main/project_location.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "ekm/store/project_copy.h"

namespace ekm::widgets {

bool isDatabaseLocation(const QString& location) { return store::isPostgresLocation(location.toStdString()); }

QString projectDisplayName(const QString& location) {
  if (!isDatabaseLocation(location)) return QFileInfo(location).fileName();
  return QCoreApplication::translate("ProjectLocation", "%1 (PostgreSQL)").arg(projectBaseName(location));
}

QString projectBaseName(const QString& location) {
  if (!isDatabaseLocation(location)) return QFileInfo(location).completeBaseName();
  return QString::fromStdString(store::postgresSchemaName(location.toStdString()));
}

QString projectOutputFolder(const QString& location) {
  if (!isDatabaseLocation(location)) return QFileInfo(location).absolutePath();
  const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  return docs.isEmpty() ? QDir::homePath() : docs;
}

QString normalisedLocation(const QString& location) {
  if (isDatabaseLocation(location)) return location;
  return QDir::cleanPath(QFileInfo(location).absoluteFilePath());
}

bool locationMayExist(const QString& location) { return isDatabaseLocation(location) || QFileInfo::exists(location); }

}  // namespace ekm::widgets
