// The tables a scenario run read: row counts and content hashes (see table_read.h).
#include "ekm/store/table_read.h"

#include <vector>

#include "ekm/io/sha256.h"
#include "store/pg_backend.h"
#include "store/project_internal.h"
#include "store/series_layout.h"
#include "store/statement.h"

namespace ekm::store {
namespace {

constexpr std::size_t kHashBuffer = 64 * 1024;

}  // namespace

TableReadRecord tableRead(const Project& project, const std::string& table) {
  TableReadRecord out;
  out.table = table;
  out.rows = project.rowCount(table);  // throws for a table the project does not know
  const SeriesLayout* series = seriesLayoutByName(table);
  const std::string physical = series ? series->table : table;
  if (PgProject* pg = detail::ProjectAccess::pg(project)) {
    out.sha256 = pgstore::contentSha256(*pg, physical);
    return out;
  }
  // The values go through a buffer, hashed 64 KiB at a time: the digest of the same bytes,
  // without one digest update per value (two per value of 27 columns cost most of the time).
  io::Sha256 hash;
  std::vector<unsigned char> buffer;
  buffer.reserve(kHashBuffer + 64);
  auto put = [&](const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    if (n >= kHashBuffer) {
      hash.update(buffer.data(), buffer.size());
      buffer.clear();
      hash.update(p, n);
      return;
    }
    buffer.insert(buffer.end(), p, p + n);
    if (buffer.size() >= kHashBuffer) {
      hash.update(buffer.data(), buffer.size());
      buffer.clear();
    }
  };
  Stmt st(detail::connection(project), "SELECT * FROM \"" + physical + "\"");
  const int columns = sqlite3_column_count(st);
  while (st.step("hashing a table")) {
    for (int c = 0; c < columns; ++c) {
      // Type tag, then the value: integers and reals as their 8 bytes, text and blobs with
      // their length first, so that no two different rows encode alike.
      const auto type = static_cast<unsigned char>(sqlite3_column_type(st, c));
      put(&type, 1);
      if (type == SQLITE_INTEGER) {
        const std::int64_t v = sqlite3_column_int64(st, c);
        put(&v, sizeof v);
      } else if (type == SQLITE_FLOAT) {
        const double v = sqlite3_column_double(st, c);
        put(&v, sizeof v);
      } else if (type != SQLITE_NULL) {
        const void* data = type == SQLITE_BLOB ? sqlite3_column_blob(st, c) : sqlite3_column_text(st, c);
        const std::int64_t n = sqlite3_column_bytes(st, c);
        put(&n, sizeof n);
        if (n > 0) put(data, static_cast<std::size_t>(n));
      }
    }
  }
  hash.update(buffer.data(), buffer.size());
  out.sha256 = hash.hexDigest();
  return out;
}

}  // namespace ekm::store
