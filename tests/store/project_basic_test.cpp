#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "ekm/core/error.h"
#include "support/project_sql.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_version.h"
#include "store_test_util.h"

using namespace ekm;
using namespace ekm::store;

TEST(ProjectBasic, CreateSetsGeoPackageHeaderAndMeta) {
  TempDir dir;
  const auto path = dir.str("p.gpkg");
  {
    Project p = Project::create(path);
    EXPECT_EQ(p.schemaVersion(), kProjectSchemaVersion);
    EXPECT_EQ(p.meta("schema_version").value_or(""), std::to_string(kProjectSchemaVersion));
    p.setMeta("name", "Takanawa");
    p.setMeta("name", "Takanawa Gateway");
    EXPECT_EQ(p.meta("name").value_or(""), "Takanawa Gateway");
    EXPECT_FALSE(p.meta("nope").has_value());
  }
  Project p = Project::open(path, OpenMode::ReadOnly);
  EXPECT_EQ(queryInt(ekm_test::sql(p), "PRAGMA application_id"), 0x47504B47);
  EXPECT_EQ(queryInt(ekm_test::sql(p), "PRAGMA user_version"), 10300);
  EXPECT_EQ(queryText(ekm_test::sql(p), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0, 4326)"), 3);
  EXPECT_NE(queryText(ekm_test::sql(p), "SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 4326").find("WGS 84"),
            std::string::npos);
  EXPECT_EQ(queryText(ekm_test::sql(p), "SELECT label FROM population_breakdowns WHERE fid = 0"), "total");
  EXPECT_EQ(p.meta("name").value_or(""), "Takanawa Gateway");
  EXPECT_THROW(Project::create(path), core::StoreError);
}
