// GeoPackage <-> PostgreSQL/PostGIS project copy (see ekm/store/project_copy.h).
//
// To PostgreSQL: every table of the GeoPackage except the GeoPackage catalogue (gpkg_*),
// the R-tree indexes and SQLite's own becomes a table of the schema with the same columns
// (INTEGER -> bigint, REAL -> double precision, BLOB -> bytea, geometry -> geometry(Geometry,
// SRID), anything else -> text) and primary key, filled by COPY; ekm_pg_columns records each
// column's declared SQLite type so the way back restores it exactly; UNIQUE constraints and
// indexes become PostgreSQL indexes, the long views for QGIS are made as on the GeoPackage
// (pgstore::longViewsSql).
// To GeoPackage: a new project (this program's schema, so views, R-trees and the GeoPackage
// catalogue are made as for any project) whose tables are emptied and filled from the schema;
// tables the schema does not know are created from ekm_pg_columns.
#include "ekm/store/project_copy.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_version.h"
#include "store/gpkg_internal.h"
#include "store/pg_backend.h"
#include "store/pg_connection.h"
#include "store/pg_project.h"
#include "store/pg_values.h"
#include "store/project_internal.h"
#include "store/statement.h"

namespace ekm::store {

namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;
using core::ErrorContext;

struct Column {
  std::string name;
  std::string sqliteType;  // as declared
  int pk = 0;              // position in the primary key, 0 = not part of it
  int srid = -1;           // a geometry column's SRS, else -1
};

struct Table {
  std::string name;
  std::vector<Column> columns;
};

enum class Kind { Integer, Real, Text, Blob, Geometry };

Kind kindOf(const Column& c) {
  if (c.srid >= 0) return Kind::Geometry;
  std::string t = c.sqliteType;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  if (t.find("INT") != std::string::npos || t.find("BOOL") != std::string::npos) return Kind::Integer;
  if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos ||
      t.find("DOUB") != std::string::npos || t.find("NUMERIC") != std::string::npos)
    return Kind::Real;
  if (t.empty() || t.find("BLOB") != std::string::npos) return Kind::Blob;
  return Kind::Text;
}

std::string pgType(const Column& c) {
  switch (kindOf(c)) {
    case Kind::Integer: return "bigint";
    case Kind::Real: return "double precision";
    case Kind::Blob: return "bytea";
    case Kind::Geometry: return "geometry(Geometry," + std::to_string(c.srid) + ")";
    case Kind::Text: break;
  }
  return "text";
}

ErrorContext at(const std::string& file) { return ErrorContext{file, std::nullopt, std::nullopt, "", "", ""}; }

std::string quoteSqlite(const std::string& name) { return pg::Connection::quoteIdent(name); }  // same rule

using pg::appendCopyText;
using pg::appendEwkbHex;
using pg::appendHex;
using pg::fromHex;
using pg::isoWkbFromEwkb;
using pg::unescapeCopyText;

// ---- SQLite side -------------------------------------------------------------------------

std::optional<std::string> metaValue(sqlite3* db, const std::string& key) {
  Stmt st(db, "SELECT value FROM ekm_meta WHERE key = ?");
  bindText(st, 1, key);
  if (!st.step("reading ekm_meta")) return std::nullopt;
  return columnString(st, 0);
}

std::vector<Table> projectTables(sqlite3* db) {
  std::map<std::string, std::pair<std::string, int>> geometry;  // table -> column, srs
  {
    Stmt st(db, "SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns");
    while (st.step("reading gpkg_geometry_columns"))
      geometry[columnString(st, 0)] = {columnString(st, 1), sqlite3_column_int(st, 2)};
  }
  std::vector<Table> tables;
  Stmt st(db,
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
          "AND name NOT LIKE 'gpkg\\_%' ESCAPE '\\' AND name NOT LIKE 'rtree\\_%' ESCAPE '\\' ORDER BY name");
  while (st.step("listing the project's tables")) tables.push_back({columnString(st, 0), {}});
  for (auto& t : tables) {
    Stmt info(db, "SELECT name, type, pk FROM pragma_table_info(?)");
    bindText(info, 1, t.name);
    while (info.step("reading a table's columns")) {
      Column c{columnString(info, 0), columnString(info, 1), sqlite3_column_int(info, 2)};
      if (const auto g = geometry.find(t.name); g != geometry.end() && g->second.first == c.name) c.srid = g->second.second;
      t.columns.push_back(std::move(c));
    }
  }
  return tables;
}

// A table's UNIQUE constraints and indexes other than its primary key ("a", "b" quoted),
// those on expressions left out.
struct Index {
  bool unique = false;
  std::string columns;
};
std::vector<Index> tableIndexes(sqlite3* db, const std::string& table) {
  std::vector<std::pair<std::string, bool>> names;
  {
    Stmt st(db, "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin != 'pk'");
    bindText(st, 1, table);
    while (st.step("listing a table's indexes")) names.emplace_back(columnString(st, 0), sqlite3_column_int(st, 1) != 0);
  }
  std::vector<Index> out;
  for (const auto& [name, unique] : names) {
    Stmt st(db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno");
    bindText(st, 1, name);
    Index index{unique, {}};
    bool expression = false;
    while (st.step("reading an index")) {
      expression |= sqlite3_column_type(st, 0) == SQLITE_NULL;
      index.columns += (index.columns.empty() ? "" : ", ") + pg::Connection::quoteIdent(columnString(st, 0));
    }
    if (!expression && !index.columns.empty()) out.push_back(std::move(index));
  }
  return out;
}

// The table's indexes (tableIndexes) on PostgreSQL; `schema` quoted.
void createIndexes(pg::Connection& pgc, const std::string& schema, sqlite3* db, const std::string& table) {
  for (const auto& index : tableIndexes(db, table))
    pgc.exec(std::string(index.unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX") + " ON " + schema + "." +
             pg::Connection::quoteIdent(table) + " (" + index.columns + ")");
}

// One SQLite value of a row as a COPY text field.
void appendField(std::string& out, sqlite3_stmt* st, int col, const Column& c, const std::string& where) {
  const int type = sqlite3_column_type(st, col);
  if (type == SQLITE_NULL) {
    out += "\\N";
    return;
  }
  switch (kindOf(c)) {
    case Kind::Geometry: {
      const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(st, col));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(st, col));
      GpkgHeader h;
      if (!parseGpkgHeader(blob, size, h))
        throw Error(ErrorCode::Io, "not a GeoPackage geometry", ErrorContext{where, std::nullopt, std::nullopt, c.name, "", ""});
      appendEwkbHex(out, h.wkb, h.wkbSize, c.srid, where);
      return;
    }
    case Kind::Blob: {
      if (type != SQLITE_BLOB) break;  // a value stored with another type: as text below
      out += "\\\\x";
      appendHex(out, static_cast<const unsigned char*>(sqlite3_column_blob(st, col)),
                static_cast<std::size_t>(sqlite3_column_bytes(st, col)));
      return;
    }
    case Kind::Real:
      if (type == SQLITE_FLOAT || type == SQLITE_INTEGER) {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, sqlite3_column_double(st, col));  // shortest exact
        out.append(buf, r.ptr);
        return;
      }
      break;
    case Kind::Integer:
    case Kind::Text:
      break;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
  appendCopyText(out, text, static_cast<std::size_t>(sqlite3_column_bytes(st, col)));
}

// ---- GeoPackage -> PostgreSQL -------------------------------------------------------------

ProjectCopyResult toPostgres(const std::string& source, const std::string& destination, core::Feedback& feedback) {
  const pg::Location loc = pg::parseLocation(destination);
  const Project project = Project::open(source, OpenMode::ReadOnly);  // refuses a foreign or older file
  sqlite3* db = detail::connection(project);
  const auto version = metaValue(db, "schema_version");
  if (!version)
    throw Error(ErrorCode::Validation, "not an Ekimachi project (no schema_version in ekm_meta)", at(source));
  if (*version != std::to_string(kProjectSchemaVersion))
    throw Error(ErrorCode::Validation, "the project must be at this program's schema version before it is copied",
                ErrorContext{source, std::nullopt, std::nullopt, "schema_version",
                             std::to_string(kProjectSchemaVersion) + " (open the project once to migrate it)", *version});
  const auto tables = projectTables(db);

  pg::Connection pgc(loc.conninfo);
  const std::string schema = pg::Connection::quoteIdent(loc.schema);
  pgc.exec("BEGIN");
  {
    auto r = pgc.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", {loc.schema});
    if (r.text(0, 0) != "0")
      throw Error(ErrorCode::Validation, "the destination schema already holds tables",
                  ErrorContext{destination, std::nullopt, std::nullopt, "schema", "a new or empty schema", loc.schema});
  }
  if (pgc.query("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").rows() == 0) pgc.exec("CREATE EXTENSION postgis");
  pgc.exec("CREATE SCHEMA IF NOT EXISTS " + schema);
  pgc.exec("CREATE TABLE " + schema +
           ".ekm_pg_columns (table_name text NOT NULL, ordinal integer NOT NULL, column_name text NOT NULL, "
           "sqlite_type text NOT NULL, pk integer NOT NULL, srid integer, PRIMARY KEY (table_name, ordinal))");

  ProjectCopyResult result{source, destination, true, kProjectSchemaVersion, {}, 0};
  core::MultiStepFeedback steps(feedback, std::max<int>(1, static_cast<int>(tables.size())));
  int step = 0;
  for (const auto& t : tables) {
    steps.setCurrentStep(step++);
    feedback.throwIfCancelled();
    std::string ddl = "CREATE TABLE " + schema + "." + pg::Connection::quoteIdent(t.name) + " (";
    std::vector<std::pair<int, std::string>> pk;
    std::string columns;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const auto& c = t.columns[i];
      ddl += (i ? ", " : "") + pg::Connection::quoteIdent(c.name) + " " + pgType(c);
      columns += (i ? ", " : "") + pg::Connection::quoteIdent(c.name);
      if (c.pk) pk.emplace_back(c.pk, pg::Connection::quoteIdent(c.name));
      pgc.query("INSERT INTO " + schema + ".ekm_pg_columns VALUES ($1, $2, $3, $4, $5, $6)",
                {t.name, std::to_string(i), c.name, c.sqliteType, std::to_string(c.pk),
                 c.srid >= 0 ? std::to_string(c.srid) : std::string("-1")});
    }
    std::sort(pk.begin(), pk.end());
    if (!pk.empty()) {
      ddl += ", PRIMARY KEY (";
      for (std::size_t i = 0; i < pk.size(); ++i) ddl += (i ? ", " : "") + pk[i].second;
      ddl += ")";
    }
    pgc.exec(ddl + ")");

    std::string select = "SELECT ";
    for (std::size_t i = 0; i < t.columns.size(); ++i) select += (i ? ", " : "") + quoteSqlite(t.columns[i].name);
    Stmt st(db, select + " FROM " + quoteSqlite(t.name));
    std::int64_t rows = 0;
    pgc.copyIn("COPY " + schema + "." + pg::Connection::quoteIdent(t.name) + " (" + columns + ") FROM STDIN",
               [&](const std::function<void(std::string_view)>& put) {
                 std::string line;
                 while (st.step("reading the project")) {
                   line.clear();
                   const std::string where = source + ": " + t.name + " row " + std::to_string(rows + 1);
                   for (std::size_t i = 0; i < t.columns.size(); ++i) {
                     if (i) line.push_back('\t');
                     appendField(line, st, static_cast<int>(i), t.columns[i], where);
                   }
                   put(line);
                   if ((++rows & 4095) == 0) feedback.throwIfCancelled();
                 }
               });
    createIndexes(pgc, schema, db, t.name);  // after the data: one build each
    result.tables.push_back({t.name, rows});
    result.rows += rows;
  }
  pgc.exec(pgstore::longViewsSql(schema));  // the GeoPackage's long views for QGIS
  feedback.throwIfCancelled();
  pgc.exec("COMMIT");
  return result;
}

// ---- PostgreSQL -> GeoPackage -------------------------------------------------------------

std::vector<Table> postgresTables(pg::Connection& pgc, const std::string& schema, const std::string& location) {
  auto r = pgc.query("SELECT to_regclass($1) IS NOT NULL", {pg::Connection::quoteIdent(schema) + ".ekm_pg_columns"});
  if (r.text(0, 0) != "t")
    throw Error(ErrorCode::Validation, "no Ekimachi project in this PostgreSQL schema (no ekm_pg_columns)",
                ErrorContext{location, std::nullopt, std::nullopt, "schema", "a schema written by project copy", schema});
  auto rows = pgc.query("SELECT table_name, column_name, sqlite_type, pk, srid FROM " + pg::Connection::quoteIdent(schema) +
                        ".ekm_pg_columns ORDER BY table_name, ordinal");
  std::vector<Table> tables;
  for (int i = 0; i < rows.rows(); ++i) {
    if (tables.empty() || tables.back().name != rows.text(i, 0)) tables.push_back({rows.text(i, 0), {}});
    tables.back().columns.push_back({rows.text(i, 1), rows.text(i, 2), std::stoi(rows.text(i, 3)), std::stoi(rows.text(i, 4))});
  }
  return tables;
}

bool sqliteHasTable(sqlite3* db, const std::string& name) {
  Stmt st(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  bindText(st, 1, name);
  return st.step("looking up a table");
}

void createSqliteTable(sqlite3* db, const Table& t) {
  std::string ddl = "CREATE TABLE " + quoteSqlite(t.name) + " (";
  std::vector<std::pair<int, std::string>> pk;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    ddl += (i ? ", " : "") + quoteSqlite(t.columns[i].name) + " " + t.columns[i].sqliteType;
    if (t.columns[i].pk) pk.emplace_back(t.columns[i].pk, quoteSqlite(t.columns[i].name));
  }
  std::sort(pk.begin(), pk.end());
  if (!pk.empty()) {
    ddl += ", PRIMARY KEY (";
    for (std::size_t i = 0; i < pk.size(); ++i) ddl += (i ? ", " : "") + pk[i].second;
    ddl += ")";
  }
  exec(db, ddl + ")");
}

// Splits a COPY text line into its fields (escapes kept: a field is unescaped by its user).
std::vector<std::string_view> splitFields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

void bindField(sqlite3_stmt* st, int index, std::string_view field, const Column& c, const std::string& where) {
  if (field == "\\N") {
    sqlite3_bind_null(st, index);
    return;
  }
  const std::string text = unescapeCopyText(field);
  switch (kindOf(c)) {
    case Kind::Integer: {
      std::int64_t v = 0;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
      if (r.ec != std::errc() || r.ptr != text.data() + text.size()) break;  // not an integer: kept as text
      sqlite3_bind_int64(st, index, v);
      return;
    }
    case Kind::Real: {
      double v = 0;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
      if (r.ec != std::errc() || r.ptr != text.data() + text.size()) break;
      sqlite3_bind_double(st, index, v);
      return;
    }
    case Kind::Blob: {
      if (text.rfind("\\x", 0) != 0) break;
      const auto bytes = fromHex(std::string_view(text).substr(2), where);
      sqlite3_bind_blob(st, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
      return;
    }
    case Kind::Geometry: {
      int srid = c.srid;
      const auto wkb = isoWkbFromEwkb(fromHex(text, where), srid, where);
      const auto blob = gpkgBlobFromWkb(wkb.data(), wkb.size(), srid);
      sqlite3_bind_blob(st, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
      return;
    }
    case Kind::Text:
      break;
  }
  sqlite3_bind_text(st, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

ProjectCopyResult toGeoPackage(const std::string& source, const std::string& destination, core::Feedback& feedback) {
  const pg::Location loc = pg::parseLocation(source);
  std::error_code ec;
  if (fs::exists(destination, ec))
    throw Error(ErrorCode::Io, "the destination file exists (a copy never overwrites)", at(destination));
  pg::Connection pgc(loc.conninfo);
  pgc.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");  // one consistent snapshot
  const auto tables = postgresTables(pgc, loc.schema, source);
  const std::string schema = pg::Connection::quoteIdent(loc.schema);
  {
    auto r = pgc.query("SELECT value FROM " + schema + ".ekm_meta WHERE key = 'schema_version'");
    const std::string version = r.rows() ? r.text(0, 0) : std::string("?");
    if (version != std::to_string(kProjectSchemaVersion))
      throw Error(ErrorCode::Validation, "the PostgreSQL project is at another schema version than this program writes",
                  ErrorContext{source, std::nullopt, std::nullopt, "schema_version",
                               std::to_string(kProjectSchemaVersion) + " (open an older project read-write once to migrate it)",
                               version});
  }

  const std::string part = destination + ".part";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(part + suffix, ec);
  struct RemovePart {
    std::string path;
    bool keep = false;
    ~RemovePart() {
      std::error_code e;
      if (!keep)
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, e);
    }
  } cleanup{part};

  ProjectCopyResult result{source, destination, false, kProjectSchemaVersion, {}, 0};
  {
    Project project = Project::create(part);  // this program's schema: tables, views, R-trees, catalogue
    sqlite3* db = detail::connection(project);
    exec(db, "BEGIN");
    core::MultiStepFeedback steps(feedback, std::max<int>(1, static_cast<int>(tables.size())));
    int step = 0;
    for (const auto& t : tables) {
      steps.setCurrentStep(step++);
      feedback.throwIfCancelled();
      if (sqliteHasTable(db, t.name))
        exec(db, "DELETE FROM " + quoteSqlite(t.name));
      else
        createSqliteTable(db, t);
      std::string columns, placeholders;
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        columns += (i ? ", " : "") + quoteSqlite(t.columns[i].name);
        placeholders += i ? ", ?" : "?";
      }
      Stmt insert(db, "INSERT INTO " + quoteSqlite(t.name) + " (" + columns + ") VALUES (" + placeholders + ")");
      std::string pgColumns;
      for (std::size_t i = 0; i < t.columns.size(); ++i) pgColumns += (i ? ", " : "") + pg::Connection::quoteIdent(t.columns[i].name);
      std::int64_t rows = 0;
      pgc.copyOut("COPY " + schema + "." + pg::Connection::quoteIdent(t.name) + " (" + pgColumns + ") TO STDOUT",
                  [&](std::string_view line) {
                    const std::string where = source + ": " + t.name + " row " + std::to_string(rows + 1);
                    const auto fields = splitFields(line);
                    if (fields.size() != t.columns.size())
                      throw Error(ErrorCode::Io, "a row with the wrong number of fields from PostgreSQL", at(where));
                    sqlite3_reset(insert);
                    for (std::size_t i = 0; i < fields.size(); ++i)
                      bindField(insert, static_cast<int>(i + 1), fields[i], t.columns[i], where);
                    insert.step(where.c_str());
                    if ((++rows & 4095) == 0) feedback.throwIfCancelled();
                  });
      result.tables.push_back({t.name, rows});
      result.rows += rows;
    }
    feedback.throwIfCancelled();
    exec(db, "COMMIT");
  }
  pgc.exec("COMMIT");
  fs::rename(part, destination, ec);
  if (ec) throw Error(ErrorCode::Io, "cannot move the copy into place: " + ec.message(), at(destination));
  cleanup.keep = true;
  return result;
}

}  // namespace

void pgstore::addGpkgIndexes(PgProject& p) {
  const pgstore::ScratchGeoPackage scratch;
  const Project gpkg = Project::open(scratch.path(), OpenMode::ReadOnly);
  sqlite3* db = detail::connection(gpkg);
  auto tables = p.conn.query("SELECT DISTINCT table_name FROM " + p.table("ekm_pg_columns"));
  for (int i = 0; i < tables.rows(); ++i)
    if (sqliteHasTable(db, tables.text(i, 0)))
      createIndexes(p.conn, pg::Connection::quoteIdent(p.schemaName), db, tables.text(i, 0));
}

bool isPostgresLocation(const std::string& location) { return pg::isPostgresLocation(location); }

std::string postgresSchemaName(const std::string& location) { return pg::parseLocation(location).schema; }

void dropPostgresProject(const std::string& location) {
  if (!isPostgresLocation(location))
    throw Error(ErrorCode::Usage, "not a PostgreSQL location",
                ErrorContext{location, std::nullopt, std::nullopt, "location", "postgresql://...?schema=S", location});
  const pg::Location loc = pg::parseLocation(location);
  pg::Connection pgc(loc.conninfo);
  pgc.exec("DROP SCHEMA IF EXISTS " + pg::Connection::quoteIdent(loc.schema) + " CASCADE");
}

ProjectCopyResult copyProject(const std::string& source, const std::string& destination, core::Feedback& feedback) {
  const bool fromPg = isPostgresLocation(source), toPg = isPostgresLocation(destination);
  if (fromPg == toPg)
    throw Error(ErrorCode::Usage, "a copy goes from a GeoPackage to PostgreSQL or back",
                ErrorContext{"", std::nullopt, std::nullopt, "destination",
                             "one GeoPackage file and one postgresql:// location", source + " -> " + destination});
  return toPg ? toPostgres(source, destination, feedback) : toGeoPackage(source, destination, feedback);
}

}  // namespace ekm::store
