// The `import` operation's own parameters (what the import wizard fills): an inline column
// mapping ("columns", "delimiter") on top of the file's layout, and a dry run that checks and
// writes everything, reports the table as it would be, and stores nothing.
#include <gtest/gtest.h>

#include <fstream>

#include "ekm/io/import_op.h"
#include "ekm/ops/operation.h"
#include "ekm/ops/params.h"
#include "ekm/ops/session.h"
#include "ekm/store/project.h"
#include "support/temp_dir.h"

namespace {

using ekm::ops::Json;

// Four hourly values of two cells in a semicolon-separated file whose headers are nobody's
// aliases.
std::string writeOddCsv(const ekm_test::TempDir& dir) {
  const std::string path = dir.str("odd.csv");
  std::ofstream out(path);
  out << "cell;day;hr;people_here\n"
         "533935691;2025-04-01;8;120\n"
         "533935691;2025-04-01;9;140\n"
         "533935692;2025-04-01;8;80\n"
         "533935692;2025-04-01;9;95\n";
  return path;
}

ekm::io::ImportParams oddParams(const std::string& file) {
  ekm::io::ImportParams p;
  p.kind = "mesh-population";
  p.file = file;
  p.delimiter = ";";
  p.columns = {{"mesh_code", "cell"}, {"date", "day"}, {"hour", "hr"}, {"population", "people_here"}};
  return p;
}

TEST(ImportOp, InlineColumnsAndDelimiterMapAFileWithoutAMappingFile) {
  ekm_test::TempDir dir("importop");
  const std::string project = dir.str("p.gpkg");
  ekm::store::Project::create(project);
  const std::string file = writeOddCsv(dir);

  // Without the mapping the file's columns are not understood.
  {
    ekm::io::ImportParams plain;
    plain.kind = "mesh-population";
    plain.file = file;
    ekm::ops::Session session(project);
    EXPECT_THROW(ekm::ops::run<ekm::io::ImportOp>(session, plain, ekm::core::nullFeedback()), ekm::core::Error);
  }
  ekm::ops::Session session(project);
  const auto r = ekm::ops::run<ekm::io::ImportOp>(session, oddParams(file), ekm::core::nullFeedback());
  EXPECT_EQ(r.rowsRead, 4);
  EXPECT_EQ(r.table, "mesh_population");
  EXPECT_EQ(r.tableRowsAfter - r.tableRowsBefore, ekm::store::Project::open(project, ekm::store::OpenMode::ReadOnly)
                                                      .rowCount("mesh_population"));
  EXPECT_FALSE(r.dryRun);
  const auto cells = ekm::store::Project::open(project, ekm::store::OpenMode::ReadOnly).meshCells();
  EXPECT_EQ(cells.size(), 2u);
}

TEST(ImportOp, ADryRunReportsTheTableAsItWouldBeAndStoresNothing) {
  ekm_test::TempDir dir("importdry");
  const std::string project = dir.str("p.gpkg");
  ekm::store::Project::create(project);
  const std::string file = writeOddCsv(dir);
  auto p = oddParams(file);
  p.dry_run = true;
  ekm::ops::Session session(project);
  const auto r = ekm::ops::run<ekm::io::ImportOp>(session, p, ekm::core::nullFeedback());
  EXPECT_TRUE(r.dryRun);
  EXPECT_EQ(r.rowsRead, 4);
  EXPECT_EQ(r.tableRowsBefore, 0);
  EXPECT_GT(r.tableRowsAfter, 0);
  const auto after = ekm::store::Project::open(project, ekm::store::OpenMode::ReadOnly);
  EXPECT_EQ(after.rowCount("mesh_population"), 0);
  EXPECT_TRUE(after.meshCells().empty());
  // The summary says so.
  const auto recorded = ekm::io::ImportOp::record(r);
  EXPECT_EQ(recorded.summary["dry_run"], true);
  EXPECT_EQ(recorded.summary["table_rows_before"], 0);
}

TEST(ImportOp, BadInlineMappingsNameTheirField) {
  auto p = oddParams("odd.csv");
  p.columns["population"] = 7;
  try {
    p.validate();
    FAIL() << "accepted a number as a column name";
  } catch (const ekm::ops::ParamError& e) {
    EXPECT_EQ(e.context().field, "columns.population");
  }
  auto gtfs = oddParams("feed.zip");
  gtfs.kind = "gtfs";
  gtfs.columns = nullptr;
  gtfs.delimiter.clear();
  gtfs.dry_run = true;
  try {
    gtfs.validate();
    FAIL() << "accepted a dry run of a GTFS feed";
  } catch (const ekm::ops::ParamError& e) {
    EXPECT_EQ(e.context().field, "dry_run");
  }
  // A column the file does not have: the importer names it, with the parameters as the source.
  ekm_test::TempDir dir("importbad");
  const std::string project = dir.str("p.gpkg");
  ekm::store::Project::create(project);
  auto missing = oddParams(writeOddCsv(dir));
  missing.columns["population"] = "visitors";
  ekm::ops::Session session(project);
  try {
    ekm::ops::run<ekm::io::ImportOp>(session, missing, ekm::core::nullFeedback());
    FAIL() << "imported with a column the file does not have";
  } catch (const ekm::core::Error& e) {
    EXPECT_NE(std::string(e.what()).find("visitors"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ekm::store::Project::open(project, ekm::store::OpenMode::ReadOnly).rowCount("mesh_population"), 0);
}

}  // namespace
