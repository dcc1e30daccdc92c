// The import wizard's dry run: an import rehearsed (io::ImportOptions::rehearsal) does every
// read, check and write, shows the project as it would be, and leaves it as it was — on both
// backends.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/io/importers.h"
#include "ekm/store/project.h"

namespace {

using store_test::Backend;
using namespace ekm;

// Hourly mesh population of `cells` cells from `firstCell` over one day.
std::string writeCsv(const std::string& path, int firstCell, int cells, const std::string& date) {
  std::ofstream out(path);
  out << "mesh_code,date,hour,population\n";
  for (int c = firstCell; c < firstCell + cells; ++c)
    for (int h = 0; h < 24; ++h)  // 1/8 mesh cells 533935991(1..4)(1..4)
      out << "533935991" << 1 + c / 4 << 1 + c % 4 << ',' << date << ',' << h << ',' << 100 + c + h << '\n';
  return path;
}

class ImportRehearsal : public store_test::OnEachBackend {
 protected:
  ImportRehearsal() : OnEachBackend("rehearsal") {}
};
INSTANTIATE_TEST_SUITE_P(Backends, ImportRehearsal, ::testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         store_test::backendName);

TEST_P(ImportRehearsal, ShowsTheImportAndLeavesTheProjectAsItWas) {
  {
    store::Project p = store::Project::create(m_location);
    io::importFile(p, io::ImportKind::MeshPopulation, writeCsv(m_dir.str("first.csv"), 0, 5, "2025-04-01"), {},
                   core::nullFeedback());
  }
  const std::string second = writeCsv(m_dir.str("second.csv"), 3, 6, "2025-04-02");  // cells 3..8: 4 new
  store::Project p = store::Project::open(m_location);
  std::int64_t rowsSeen = 0;
  std::size_t cellsSeen = 0, importsSeen = 0;
  io::ImportOptions rehearse;
  rehearse.rehearsal = [&](const store::Project& during) {
    rowsSeen = during.rowCount("mesh_population");
    cellsSeen = during.meshCells().size();
    importsSeen = during.importLog().size();
  };
  const auto r = io::importFile(p, io::ImportKind::MeshPopulation, second, rehearse, core::nullFeedback());
  EXPECT_EQ(r.rowsStored, 6 * 24);
  EXPECT_EQ(r.featuresCreated, 4);
  EXPECT_EQ(rowsSeen, 11 * 24);
  EXPECT_EQ(cellsSeen, 9u);
  EXPECT_EQ(importsSeen, 2u);
  // Nothing of it stayed, on this connection and on a new one.
  EXPECT_EQ(p.rowCount("mesh_population"), 5 * 24);
  const store::Project other = store::Project::open(m_location, store::OpenMode::ReadOnly);
  EXPECT_EQ(other.meshCells().size(), 5u);
  EXPECT_EQ(other.importLog().size(), 1u);
  // Not logged as imported: the real import of the same file goes through.
  const auto real = io::importFile(p, io::ImportKind::MeshPopulation, second, {}, core::nullFeedback());
  EXPECT_EQ(real.rowsStored, 6 * 24);
  EXPECT_EQ(p.rowCount("mesh_population"), 11 * 24);
}

// A rehearsal of a bad file fails like the import and changes nothing.
TEST_P(ImportRehearsal, OfABadFileFailsAndChangesNothing) {
  store::Project p = store::Project::create(m_location);
  std::ofstream(m_dir.str("bad.csv")) << "mesh_code,date,hour,population\n53393599111,2025-04-01,0,12\n"
                                         "53393599111,2025-04-01,1,lots\n";
  bool called = false;
  io::ImportOptions rehearse;
  rehearse.rehearsal = [&](const store::Project&) { called = true; };
  EXPECT_THROW(io::importFile(p, io::ImportKind::MeshPopulation, m_dir.str("bad.csv"), rehearse, core::nullFeedback()),
               core::Error);
  EXPECT_FALSE(called);
  EXPECT_EQ(p.rowCount("mesh_population"), 0);
  EXPECT_TRUE(p.meshCells().empty());
}

}  // namespace
