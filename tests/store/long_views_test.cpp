// The long views for QGIS (mesh_population, segment_counts, station_ridership,
// energy_weather_hourly, energy_meter_hourly) on both backends: the same names, columns and
// rows on a PostgreSQL project (made by create or by project copy) as on the GeoPackage, and
// as many rows as values were written.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "backend_fixture.h"
#include "ekm/core/feedback.h"
#include "ekm/store/project.h"
#include "ekm/store/project_copy.h"
#include "store_fixture.h"
#include "support/energy_project.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;
using store_test::Backend;

const char* const kSeriesViews[] = {"mesh_population", "segment_counts", "station_ridership"};
const char* const kEnergyViews[] = {"energy_weather_hourly", "energy_meter_hourly"};

// A value as text both sides agree on: integers as integers, other numbers by %.17g, text
// as is, NULL as "" (what psql -A prints).
std::string canonical(const std::string& field) {
  if (field.empty()) return field;
  char* end = nullptr;
  const long long i = std::strtoll(field.c_str(), &end, 10);
  if (*end == '\0') return std::to_string(i);
  const double d = std::strtod(field.c_str(), &end);
  if (*end != '\0') return field;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

struct ViewRows {
  std::string columns;            // "fid,cell_fid,..."
  std::vector<std::string> rows;  // canonical fields joined by '|', in fid order
};

ViewRows sqliteView(const store::Project& p, const std::string& view) {
  ViewRows out;
  sqlite3* db = ekm_test::sql(p);
  fixture::Stmt st(db, ("SELECT * FROM " + view + " ORDER BY fid").c_str());
  for (int c = 0; c < sqlite3_column_count(st.st); ++c) out.columns += (c ? "," : "") + std::string(sqlite3_column_name(st.st, c));
  int rc;
  while ((rc = sqlite3_step(st.st)) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st.st); ++c) {
      if (c) row += '|';
      if (sqlite3_column_type(st.st, c) == SQLITE_FLOAT) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(st.st, c));
        row += canonical(buf);
      } else if (sqlite3_column_type(st.st, c) != SQLITE_NULL) {
        row += canonical(reinterpret_cast<const char*>(sqlite3_column_text(st.st, c)));
      }
    }
    out.rows.push_back(row);
  }
  store::checkSqlite(db, rc, "reading " + view);
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

ViewRows pgView(const ekm_test::PgServer& server, const std::string& schema, const std::string& view) {
  ViewRows out;
  out.columns = server.psql("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
                            "information_schema.columns WHERE table_schema = '" + schema + "' AND table_name = '" + view + "'");
  for (const auto& line : lines(server.psql("SELECT * FROM \"" + schema + "\"." + view + " ORDER BY fid"))) {
    std::string row;
    std::size_t start = 0;
    for (;;) {
      const auto bar = line.find('|', start);
      row += canonical(line.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
      if (bar == std::string::npos) break;
      row += '|';
      start = bar + 1;
    }
    out.rows.push_back(row);
  }
  return out;
}

void expectSameView(const ViewRows& gpkg, const ViewRows& pg, const std::string& view) {
  EXPECT_EQ(pg.columns, gpkg.columns) << view;
  ASSERT_EQ(pg.rows.size(), gpkg.rows.size()) << view;
  for (std::size_t i = 0; i < gpkg.rows.size(); ++i) ASSERT_EQ(pg.rows[i], gpkg.rows[i]) << view << " row " << i;
}

class LongViews : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string whyNot;
    m_server = store_test::sharedPgServer(whyNot);
    if (!m_server) GTEST_SKIP() << whyNot;
  }
  ekm_test::TempDir m_dir{"long_views"};
  ekm_test::PgServer* m_server = nullptr;
};

TEST_F(LongViews, CreatedProjectHasTheGeoPackagesSeriesViews) {
  // The same values through the typed writers into a new project on each backend.
  const std::string gpkgPath = m_dir.str("views.gpkg");
  store::Project gpkg = store::Project::create(gpkgPath);
  store_test::fillTyped(gpkg);
  const std::string schema = "views_created";
  store::Project pg = store::Project::create(m_server->location(schema));
  store_test::fillTyped(pg);

  std::map<std::string, std::size_t> written;  // values written per view
  fixture::seriesValues([&](store::SeriesKind k, std::int64_t, core::HourKey, int, int, double, double) {
    ++written[k == store::SeriesKind::MeshPopulation ? "mesh_population"
              : k == store::SeriesKind::SegmentCounts ? "segment_counts"
                                                      : "station_ridership"];
  });
  for (const char* view : kSeriesViews) {
    const auto a = sqliteView(gpkg, view), b = pgView(*m_server, schema, view);
    EXPECT_EQ(b.rows.size(), written[view]) << view;  // one row per value written, missing ones too
    expectSameView(a, b, view);
  }
  // A value the fixture wrote, read back from the view on PostgreSQL: cell 3, breakdown 0,
  // hour kT0 + 7 = 100 * 3 + 7; cell 2 at kT0 + 5 is missing (NULL, not 0).
  const std::string t = std::to_string(fixture::kT0 + 7), t5 = std::to_string(fixture::kT0 + 5);
  EXPECT_EQ(m_server->psql("SELECT population FROM \"" + schema + "\".mesh_population WHERE cell_fid = 3 AND "
                           "breakdown_id = 0 AND t_hour = " + t),
            "307");
  EXPECT_EQ(m_server->psql("SELECT population IS NULL FROM \"" + schema + "\".mesh_population WHERE cell_fid = 2 AND "
                           "breakdown_id = 0 AND t_hour = " + t5),
            "t");
}

TEST_F(LongViews, CopiedProjectHasEveryViewWithTheSameRows) {
  const std::string gpkgPath = m_dir.str("energy.gpkg");
  ekm_test::writeSmallEnergyProject(gpkgPath);
  {
    store::Project p = store::Project::open(gpkgPath);
    store_test::fillTyped(p);
  }
  const std::string schema = "views_copied";
  store::copyProject(gpkgPath, m_server->location(schema), core::nullFeedback());
  store::Project gpkg = store::Project::open(gpkgPath, store::OpenMode::ReadOnly);
  for (const char* view : kSeriesViews) expectSameView(sqliteView(gpkg, view), pgView(*m_server, schema, view), view);
  for (const char* view : kEnergyViews) {
    const auto a = sqliteView(gpkg, view);
    EXPECT_GT(a.rows.size(), static_cast<std::size_t>(ekm_test::kEnergyDays * 24)) << view;
    expectSameView(a, pgView(*m_server, schema, view), view);
  }
  // The views read the tables: a row added to a day table shows in the view.
  m_server->psql("UPDATE \"" + schema + "\".energy_meter_days SET h05 = 12345.5 WHERE fid = (SELECT min(fid) FROM \"" +
                 schema + "\".energy_meter_days)");
  EXPECT_EQ(m_server->psql("SELECT value FROM \"" + schema + "\".energy_meter_hourly WHERE fid = (SELECT min(fid) FROM \"" +
                           schema + "\".energy_meter_days) * 24 + 5"),
            "12345.5");
}

}  // namespace
