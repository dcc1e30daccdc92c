// The content hash of a table a run read (store/table_read.h), against an independent
// computation of the same encoding in Python (sqlite3 + hashlib): per row and column a type
// tag (SQLite's storage class), then integers and reals as their 8 little-endian bytes, text
// and blobs as their 8-byte length and bytes.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "ekm/store/table_read.h"
#include "store_fixture.h"
#include "support/temp_dir.h"

namespace {

const char* kPython = R"py(
import hashlib, sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
h = hashlib.sha256()
for row in db.execute('SELECT * FROM "%s"' % sys.argv[2]):
    for v in row:
        if v is None:
            h.update(bytes([5]))
        elif isinstance(v, int):
            h.update(bytes([1]) + struct.pack('<q', v))
        elif isinstance(v, float):
            h.update(bytes([2]) + struct.pack('<d', v))
        elif isinstance(v, str):
            b = v.encode('utf-8')
            h.update(bytes([3]) + struct.pack('<q', len(b)) + b)
        else:
            b = bytes(v)
            h.update(bytes([4]) + struct.pack('<q', len(b)) + b)
print(h.hexdigest())
)py";

// python3's SHA-256 of the physical table, "" when python3 is missing.
std::string pythonSha256(const ekm_test::TempDir& dir, const std::string& db, const std::string& table) {
  const std::string script = dir.str("table_sha.py");
  std::ofstream(script) << kPython;
  const std::string cmd = "python3 '" + script + "' '" + db + "' '" + table + "' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 256> buf{};
  while (pipe && fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

TEST(TableRead, TheHashIsTheDocumentedEncodingsSha256) {
  ekm_test::TempDir dir("table_read");
  const std::string db = dir.str("p.gpkg");
  {
    auto p = ekm::store::Project::create(db);
    fixture::fill(p);
  }
  auto p = ekm::store::Project::open(db, ekm::store::OpenMode::ReadOnly);
  // A time-series kind hashes its day rows (integers, reals and NULLs), a feature table its
  // geometry blobs and texts.
  for (const auto& [table, physical] : {std::pair{"mesh_population", "mesh_population_days"},
                                        std::pair{"segment_counts", "segment_count_days"},
                                        std::pair{"stations", "stations"}}) {
    const auto r = ekm::store::tableRead(p, table);
    EXPECT_EQ(r.rows, p.rowCount(table)) << table;
    EXPECT_EQ(r.sha256.size(), 64u) << table;
    EXPECT_EQ(r.sha256, pythonSha256(dir, db, physical)) << table;
  }
  const std::string before = ekm::store::tableRead(p, "mesh_population").sha256;
  auto w = ekm::store::Project::open(db, ekm::store::OpenMode::ReadWrite);
  ASSERT_EQ(sqlite3_exec(ekm_test::sql(w), "UPDATE mesh_population_days SET h05 = h05 + 1 WHERE cell_fid = 1", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(ekm::store::tableRead(w, "mesh_population").sha256, before);  // values of one cell changed
}

}  // namespace
