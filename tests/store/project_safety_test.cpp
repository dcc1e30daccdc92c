// No project lost to a stray file, no change left by a refused write, read-only and full
// disks (issue 15 §1): a foreign or stale -wal is never merged, a rolled-back write leaves
// the file byte-identical (gpkg_contents.last_change too), read-only projects can be read,
// write errors say "disk full" / "read-only".
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <filesystem>
#include <fstream>

#include "ekm/core/error.h"
#include "support/project_sql.h"
#include "ekm/store/project.h"
#include "store_fixture.h"
#include "store_test_util.h"

using namespace ekm;
using namespace ekm::store;
using ekm_test::readFile;

namespace fs = std::filesystem;

namespace {

// A filled project, closed (so the -wal is checkpointed and gone), with every
// gpkg_contents.last_change set to a fixed old value.
std::string makeProject(const std::string& path) {
  {
    Project p = Project::create(path);
    fixture::fill(p);
    p.refreshContents();
    exec(ekm_test::sql(p), "UPDATE gpkg_contents SET last_change = '2000-01-01T00:00:00.000Z'");
  }
  EXPECT_FALSE(fs::exists(path + "-wal"));
  return readFile(path);
}

std::string storeError(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::StoreError& e) {
    return e.what();
  }
  return "";
}

// A raw SQLite database in WAL mode with one committed transaction, left open so that its
// -wal stays; returns the -wal's bytes.
std::string foreignWal(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  exec(db, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES ('foreign')");
  const std::string wal = readFile(path + "-wal");
  sqlite3_close(db);
  return wal;
}

// Puts `wal` beside the project at `path` and expects every open to refuse it (saying
// `why`), leaving both files as they were (`before`: the project's bytes).
void expectWalRefused(const std::string& path, const std::string& wal, const std::string& before,
                      const std::string& why) {
  ekm_test::writeFile(path + "-wal", wal);
  for (const auto mode : {OpenMode::ReadWrite, OpenMode::ReadOnly}) {
    const auto e = storeError([&] { Project::open(path, mode); });
    EXPECT_NE(e.find("foreign write-ahead log"), std::string::npos) << e;
    EXPECT_NE(e.find(why), std::string::npos) << e;
  }
  EXPECT_TRUE(readFile(path) == before) << "the project file was changed";
  EXPECT_TRUE(readFile(path + "-wal") == wal) << "the foreign -wal was changed";
}

// Copies a project and its -wal while `open` holds it (as a crash would leave them).
void copyLive(const std::string& from, const std::string& to) {
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  fs::copy_file(from + "-wal", to + "-wal", fs::copy_options::overwrite_existing);
}

}  // namespace

TEST(ProjectSafety, ForeignSqliteWalIsNeverMerged) {
  TempDir dir;
  const auto path = dir.str("p.gpkg");
  const auto before = makeProject(path);
  const auto wal = foreignWal(dir.str("other.db"));
  ASSERT_FALSE(wal.empty());
  expectWalRefused(path, wal, before, "another SQLite database");
  EXPECT_NE(storeError([&] { Project::open(path); }).find("p.gpkg-wal"), std::string::npos);
  // Moved away, the project opens as it was.
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
  Project p = Project::open(path);
  EXPECT_EQ(p.rowCount("mesh_cells"), 3);
}

TEST(ProjectSafety, AnotherProjectsWalIsNeverMerged) {
  TempDir dir;
  const auto path = dir.str("a.gpkg");
  const auto before = makeProject(path);
  makeProject(dir.str("b.gpkg"));
  {
    Project b = Project::open(dir.str("b.gpkg"));
    b.setMeta("note", "written into b's -wal");
    copyLive(dir.str("b.gpkg"), dir.str("b-copy.gpkg"));
  }
  fs::copy_file(dir.str("b-copy.gpkg-wal"), path + "-wal");
  const auto e = storeError([&] { Project::open(path); });
  EXPECT_NE(e.find("foreign write-ahead log"), std::string::npos) << e;
  EXPECT_NE(e.find("project_id"), std::string::npos) << e;
  EXPECT_EQ(readFile(path), before);
}

// The -wal of another project that holds no ekm_meta page (a raw write into it) reads as
// this project's identity, yet lays that project's schema page over this file's pages:
// merged, a filled 750 kB project became a damaged 420 kB file. A -wal that would shrink
// the file, or drop one of its tables, is refused.
TEST(ProjectSafety, AnotherProjectsWalWithoutItsMetaPageIsNeverMerged) {
  TempDir dir;
  const auto path = dir.str("a.gpkg");
  makeProject(path);
  {  // a's data reaches beyond the pages of an empty project
    Project a = Project::open(path);
    exec(ekm_test::sql(a), "CREATE TABLE pad (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "WHERE i < 2000) INSERT INTO pad SELECT randomblob(100) FROM n");
  }
  const auto before = readFile(path);
  // An empty project's -wal after a raw write of `rows` rows of 100 bytes.
  auto walOfEmptyProject = [&](const std::string& name, int rows) {
    Project::create(dir.str(name));
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dir.str(name).c_str(), &db), SQLITE_OK);
    exec(db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE junk (x);"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(rows) +
             ") INSERT INTO junk SELECT randomblob(100) FROM n");
    std::string wal = readFile(dir.str(name) + "-wal");
    sqlite3_close(db);
    return wal;
  };
  expectWalRefused(path, walOfEmptyProject("small.gpkg", 10), before, "would cut the file");
  // Larger than a: the file keeps its size, but a's table 'pad' is gone from the schema.
  expectWalRefused(path, walOfEmptyProject("large.gpkg", 6000), before, "without the table 'pad'");
}

TEST(ProjectSafety, OwnWalLeftByACrashIsRecovered) {
  TempDir dir;
  const auto path = dir.str("p.gpkg");
  makeProject(path);
  {
    Project p = Project::open(path);
    p.setMeta("committed", "only in the -wal");
    copyLive(path, dir.str("crashed.gpkg"));
  }
  Project c = Project::open(dir.str("crashed.gpkg"));
  EXPECT_EQ(c.meta("committed").value_or(""), "only in the -wal");
  EXPECT_EQ(c.rowCount("mesh_cells"), 3);

  // A project whose creation never reached a checkpoint: the main file alone holds no
  // project yet, the -wal is all of it.
  {
    Project fresh = Project::create(dir.str("fresh.gpkg"));
    fixture::fill(fresh);
    copyLive(dir.str("fresh.gpkg"), dir.str("fresh-crashed.gpkg"));
  }
  EXPECT_EQ(Project::open(dir.str("fresh-crashed.gpkg"), OpenMode::ReadOnly).rowCount("stations"), 2);
}

TEST(ProjectSafety, RolledBackWriteLeavesTheFileByteIdentical) {
  TempDir dir;
  const auto path = dir.str("p.gpkg");
  const auto before = makeProject(path);
  {
    Project p = Project::open(path);
    Transaction tx(p);
    exec(ekm_test::sql(p), "DELETE FROM stations");
    exec(ekm_test::sql(p), "DELETE FROM road_segments");
    // no commit: rolled back, like a refused or cancelled import
  }
  EXPECT_EQ(readFile(path), before) << "a rolled-back write changed the project (gpkg_contents.last_change?)";
  {
    Project p = Project::open(path);
    EXPECT_EQ(p.rowCount("stations"), 2);
    exec(ekm_test::sql(p), "DELETE FROM stations WHERE fid = 1");  // committed
  }
  Project p = Project::open(path, OpenMode::ReadOnly);
  EXPECT_NE(queryText(ekm_test::sql(p), "SELECT last_change FROM gpkg_contents WHERE table_name = 'stations'"),
            "2000-01-01T00:00:00.000Z")
      << "a committed change must update last_change";
  EXPECT_EQ(queryText(ekm_test::sql(p), "SELECT last_change FROM gpkg_contents WHERE table_name = 'mesh_cells'"),
            "2000-01-01T00:00:00.000Z");
}

namespace {

// A tmpfs mounted on `dir` for the test (root only); unmounted at the end.
class Tmpfs {
 public:
  Tmpfs(const fs::path& dir, const std::string& size) : m_dir(dir) {
    fs::create_directories(dir);
    m_ok = geteuid() == 0 && ::mount("tmpfs", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
  }
  ~Tmpfs() {
    if (m_ok) ::umount2(m_dir.c_str(), MNT_DETACH);
  }
  bool ok() const { return m_ok; }
  bool remountReadOnly() {
    return ::mount("tmpfs", m_dir.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
  }

 private:
  fs::path m_dir;
  bool m_ok = false;
};

// Fills the file system of `dir` until writes fail with ENOSPC.
void fillDisk(const fs::path& dir) {
  std::FILE* f = std::fopen((dir / "filler").c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::string block(64 * 1024, 'x');
  while (std::fwrite(block.data(), 1, block.size(), f) == block.size() && std::fflush(f) == 0) {
  }
  block.resize(512);
  while (std::fwrite(block.data(), 1, 1, f) == 1 && std::fflush(f) == 0) {
  }
  std::fclose(f);
}

}  // namespace

TEST(ProjectSafety, ReadOnlyFolderCanBeRead) {
  TempDir dir;
  const fs::path mnt = dir / "ro";
  Tmpfs tmpfs(mnt, "8m");
  const auto path = (mnt / "p.gpkg").string();
  fs::create_directories(mnt);
  makeProject(path);
  const auto rows = Project::open(path, OpenMode::ReadOnly).rowCount("mesh_population");
  ASSERT_GT(rows, 0);
  if (tmpfs.ok()) {
    ASSERT_TRUE(tmpfs.remountReadOnly()) << std::strerror(errno);
  } else if (geteuid() != 0) {
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(mnt, fs::perms::owner_read | fs::perms::owner_exec);
  } else {
    GTEST_SKIP() << "root without mount(2): cannot make a read-only folder";
  }
  {
    const Project p = Project::open(path, OpenMode::ReadOnly);
    EXPECT_EQ(p.meshCells().size(), 3u);
    EXPECT_EQ(p.rowCount("mesh_population"), rows);
    EXPECT_EQ(p.meshPopulationSlice(fixture::kT0).size(), 3u);
  }
  const auto e = storeError([&] { Project::open(path, OpenMode::ReadWrite); });
  EXPECT_NE(e.find("read-only"), std::string::npos) << e;
  const auto info = ekm_test::cliArgs({"info", "--project", path});
  EXPECT_EQ(info.exitCode, 0) << info.err;
  EXPECT_NE(info.out.find("mesh_cells"), std::string::npos) << info.out;
  if (!tmpfs.ok()) fs::permissions(mnt, fs::perms::owner_all);
}

TEST(ProjectSafety, FullDiskReadsWorkAndWritesSayDiskFull) {
  TempDir dir;
  const fs::path mnt = dir / "full";
  Tmpfs tmpfs(mnt, "4m");
  if (!tmpfs.ok()) GTEST_SKIP() << "needs root to mount a small tmpfs";
  const auto path = (mnt / "p.gpkg").string();
  makeProject(path);
  fillDisk(mnt);
  {
    const Project p = Project::open(path, OpenMode::ReadOnly);
    EXPECT_EQ(p.rowCount("stations"), 2);
    EXPECT_EQ(p.stations().size(), 2u);
  }
  fs::remove(mnt / "filler");
  // The disk fills up during a write (an import's commit).
  const auto e = storeError([&] {
    Project p = Project::open(path);
    fillDisk(mnt);
    Transaction tx(p);
    const std::string big(256 * 1024, 'n');
    for (int i = 0; i < 64; ++i)
      exec(ekm_test::sql(p), "INSERT INTO ekm_meta (key, value) VALUES ('big" + std::to_string(i) + "', '" + big + "')");
    tx.commit();
  });
  EXPECT_NE(e.find("disk full"), std::string::npos) << e;
  EXPECT_EQ(e.find("disk I/O error"), std::string::npos) << e;
  // The failed write left the project as it was; with space again the next write works.
  fs::remove(mnt / "filler");
  {
    Project p = Project::open(path);
    EXPECT_FALSE(p.meta("big0"));
    p.setMeta("after", "space again");
  }
  EXPECT_EQ(Project::open(path, OpenMode::ReadOnly).meta("after").value_or(""), "space again");
}
