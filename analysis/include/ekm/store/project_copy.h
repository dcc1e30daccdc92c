#pragma once
// A project moved between a GeoPackage file and a PostgreSQL/PostGIS schema, both ways and
// without loss (`ekimachi-cli project copy SRC DST`): every table of the project with every
// value, feature geometries as PostGIS geometry columns (EPSG:4326) that QGIS opens.
//
// Project::create/open take such a location wherever they take a .gpkg path: the store's
// readers and writers then work on the schema (store/pg_backend.h), and what has no
// PostgreSQL side yet throws StoreError saying so.
// A PostgreSQL location is a libpq URI or keyword string plus the schema:
//   postgresql://user@host:5432/db?schema=takanawa      service=ekm schema=takanawa
// (default schema "ekimachi"). The destination must not exist yet (a new file, or a schema
// without tables); the copy is one transaction on PostgreSQL and a file renamed into place
// on the GeoPackage side, so a failure or a dropped connection leaves nothing behind.
// The PostGIS extension must be installed in the database (CREATE EXTENSION postgis, once,
// by its owner; the copy creates it when it may).
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"

namespace ekm::store {

// True for postgresql:// and postgres:// URIs and libpq keyword strings (service=, host=, dbname=).
bool isPostgresLocation(const std::string& location);
// The schema a PostgreSQL location names (its `schema` parameter, default "ekimachi").
std::string postgresSchemaName(const std::string& location);

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
};

struct ProjectCopyResult {
  std::string source;
  std::string destination;
  bool toPostgres = false;
  int schemaVersion = 0;
  std::vector<TableCopy> tables;
  std::int64_t rows = 0;
};

// Copies a GeoPackage project to a PostgreSQL schema or a PostgreSQL schema to a new
// GeoPackage project. Both must be at this program's schema version (open an older
// project once to migrate it). Throws core::Error; CancelledError leaves no destination.
ProjectCopyResult copyProject(const std::string& source, const std::string& destination, core::Feedback& feedback);

// Drops a PostgreSQL project's schema with everything in it (DROP SCHEMA ... CASCADE), e.g.
// a benchmark's scratch project. Throws core::Error; refuses anything but a postgresql location.
void dropPostgresProject(const std::string& location);

}  // namespace ekm::store
