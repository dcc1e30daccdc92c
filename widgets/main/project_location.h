#pragma once
// A project's location as the GUI shows and uses it: a GeoPackage file or a PostgreSQL
// location (postgresql://…?schema=NAME, 'service=NAME schema=NAME'). Names for titles and
// menus never show a connection string (it may hold a password).
#include <QString>

namespace ekm::widgets {

bool isDatabaseLocation(const QString& location);
// "sample.gpkg", or "team_a (PostgreSQL)".
QString projectDisplayName(const QString& location);
// The file's base name, or the schema's: a default name for exports.
QString projectBaseName(const QString& location);
// Where exports go by default: the file's folder, or the user's documents folder.
QString projectOutputFolder(const QString& location);
// The file's absolute, clean path; a database location unchanged.
QString normalisedLocation(const QString& location);
// A file that exists, or any database location (checked when it is opened).
bool locationMayExist(const QString& location);

}  // namespace ekm::widgets
