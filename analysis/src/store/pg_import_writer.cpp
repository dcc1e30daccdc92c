// The importers' typed writes on a PostgreSQL project (see pg_backend.h and
// ekm/store/import_writer.h). They run inside the import's transaction, which holds the
// schema's advisory lock, so reading the largest fid and inserting after it is safe.
#include <unordered_set>

#include "ekm/core/error.h"
#include "ekm/store/schema.h"
#include "store/pg_backend.h"
#include "store/pg_project.h"
#include "store/pg_values.h"

namespace ekm::store::pgstore {

namespace {

struct TableColumns {
  const char* table;
  const char* naturalId;
  const char* fields;  // after geom and the natural id
  int fieldCount;
};

TableColumns columnsOf(FeatureTable t) {
  switch (t) {
    case FeatureTable::MeshCells: return {"mesh_cells", "mesh_code", "level", 1};
    case FeatureTable::RoadSegments: return {"road_segments", "segment_id", "name, road_class, oneway, length_m", 4};
    case FeatureTable::Stations: break;
  }
  return {"stations", "station_id", "name_ja, name_en, operator, lines", 4};
}

std::int64_t nextFid(PgProject& p, const std::string& table) {
  auto r = p.conn.query("SELECT coalesce(max(fid), 0) + 1 FROM " + p.table(table));
  return pg::parseInt(r.text(0, 0), table + ".fid");
}

}  // namespace

std::unordered_map<std::string, std::int64_t> featureIds(PgProject& p, FeatureTable table) {
  const auto c = columnsOf(table);
  auto r = p.conn.query(std::string("SELECT fid, ") + c.naturalId + " FROM " + p.table(c.table));
  std::unordered_map<std::string, std::int64_t> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.emplace(r.text(i, 1), pg::parseInt(r.text(i, 0), c.table));
  return out;
}

struct FeatureInserter::State {
  PgProject& p;
  TableColumns c;
  std::string sql;
  std::int64_t next = 1;
  std::unordered_set<std::string> ids;
};

FeatureInserter::FeatureInserter(PgProject& p, FeatureTable table)
    : m_state(std::make_unique<State>(State{p, columnsOf(table), {}, nextFid(p, columnsOf(table).table), {}})) {
  auto& s = *m_state;
  s.sql = "INSERT INTO " + p.table(s.c.table) + " (fid, geom, " + s.c.naturalId + ", " + s.c.fields +
          ") VALUES ($1, $2::geometry, $3";
  for (int i = 0; i < s.c.fieldCount; ++i) s.sql += ", $" + std::to_string(4 + i);
  s.sql += ")";
  for (auto& [id, fid] : featureIds(p, table)) s.ids.insert(id);
}

FeatureInserter::~FeatureInserter() = default;

std::optional<std::int64_t> FeatureInserter::add(const std::string& naturalId, const std::vector<unsigned char>& geometry,
                                                 const std::vector<std::optional<std::string>>& fields) {
  auto& s = *m_state;
  if (!s.ids.insert(naturalId).second) return std::nullopt;
  if (s.next > kMaxFeatureFid)
    throw core::StoreError(std::string("too many ") + s.c.table + " in the project",
                           core::ErrorContext{{}, {}, {}, {}, "at most " + std::to_string(kMaxFeatureFid), naturalId});
  const std::int64_t fid = s.next++;
  std::vector<std::optional<std::string>> params = {std::to_string(fid),
                                                    pg::ewkbHexFromGpkg(geometry, kWgs84SrsId, s.c.table), naturalId};
  params.insert(params.end(), fields.begin(), fields.end());
  s.p.conn.queryNullable(s.sql, params);
  return fid;
}

std::map<std::string, std::int64_t> populationBreakdowns(PgProject& p, bool writable) {
  const std::string t = p.table("population_breakdowns");
  if (writable && p.inTransaction)
    p.conn.exec("INSERT INTO " + t + " (fid, label) SELECT 0, 'total' WHERE NOT EXISTS (SELECT 1 FROM " + t +
                " WHERE fid = 0)");
  auto r = p.conn.query("SELECT fid, label FROM " + t);
  std::map<std::string, std::int64_t> out;
  for (int i = 0; i < r.rows(); ++i) out[r.text(i, 1)] = pg::parseInt(r.text(i, 0), "population_breakdowns.fid");
  if (!out.count("total")) out["total"] = 0;  // implied by every project
  return out;
}

void addPopulationBreakdown(PgProject& p, std::int64_t id, const std::string& label) {
  p.conn.query("INSERT INTO " + p.table("population_breakdowns") + " (fid, label) VALUES ($1, $2)",
               {std::to_string(id), label});
}

bool isImported(PgProject& p, const std::string& sourceSha256) {
  return p.conn.query("SELECT 1 FROM " + p.table("ekm_import_log") + " WHERE source_sha256 = $1 LIMIT 1", {sourceSha256})
             .rows() > 0;
}

void logImport(PgProject& p, const std::string& sourcePath, const std::string& sourceSha256, const std::string& kind,
               std::int64_t rows, const std::string& optionsJson) {
  const std::string t = p.table("ekm_import_log");
  p.conn.query("INSERT INTO " + t +
                   " (fid, source_path, source_sha256, kind, \"rows\", imported_at, options) SELECT coalesce(max(fid), 0) + 1, "
                   "$1, $2, $3, $4::bigint, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $5 FROM " +
                   t,
               {sourcePath, sourceSha256, kind, std::to_string(rows), optionsJson});
}

}  // namespace ekm::store::pgstore
