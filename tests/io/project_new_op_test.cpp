// project-new: an empty project that opens at this program's schema version, through the
// registry as the CLI and the GUI run it; an existing file is refused and left as it was.
#include <gtest/gtest.h>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/io/project_new_op.h"
#include "ekm/ops/session.h"
#include "ekm/store/project.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;

TEST(ProjectNewOp, CreatesAnEmptyProjectAndNeverOverwrites) {
  ekm_test::TempDir dir("project_new");
  ops::Session session;
  const std::string path = dir.str("district.gpkg");
  const auto result = io::ProjectNewOp::run(session, io::ProjectNewParams{path}, core::nullFeedback());
  EXPECT_EQ(result.path, path);
  store::Project p = store::Project::open(path, store::OpenMode::ReadOnly);
  EXPECT_TRUE(p.stations().empty());

  const std::string existing = dir.write("existing.gpkg", "not a project");
  EXPECT_THROW(io::ProjectNewOp::run(session, io::ProjectNewParams{existing}, core::nullFeedback()),
               core::ValidationError);
  EXPECT_EQ(ekm_test::readFile(existing), "not a project");
}

}  // namespace
