// Layout templates in the project (ekm/store/layout_templates.h): saved, listed by name,
// replaced, removed, and kept apart from other metadata even when a name holds SQL wildcards,
// on both backends (backend_fixture.h).
#include <gtest/gtest.h>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/store/layout_templates.h"
#include "support/temp_dir.h"

using namespace ekm;
using namespace ekm::store;
using store_test::Backend;

namespace {

class LayoutTemplates : public store_test::OnEachBackend {
 protected:
  LayoutTemplates() : OnEachBackend("layouts") {}
};

INSTANTIATE_TEST_SUITE_P(Backends, LayoutTemplates, ::testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         store_test::backendName);

}  // namespace

TEST_P(LayoutTemplates, SavedListedReplacedRemoved) {
  const std::string path = m_location;
  {
    Project p = Project::create(path);
    EXPECT_TRUE(layoutTemplateNames(p).empty());
    saveLayoutTemplate(p, "briefing-a4", R"({"paper":"A4"})");
    saveLayoutTemplate(p, "a3 50%_wide", R"({"paper":"A3"})");
    saveLayoutTemplate(p, "Zebra", R"({"paper":"A4"})");  // byte order: capitals first
    saveLayoutTemplate(p, "briefing-a4", R"({"paper":"A4-portrait"})");  // replaces
    p.setMeta("layout_templateX", "not a template");                    // a near miss
    EXPECT_THROW(saveLayoutTemplate(p, "", "{}"), core::Error);
  }
  Project p = Project::open(path, OpenMode::ReadWrite);
  EXPECT_EQ(layoutTemplateNames(p), (std::vector<std::string>{"Zebra", "a3 50%_wide", "briefing-a4"}));
  EXPECT_EQ(layoutTemplate(p, "briefing-a4").value_or(""), R"({"paper":"A4-portrait"})");
  EXPECT_FALSE(layoutTemplate(p, "nope").has_value());
  EXPECT_TRUE(removeLayoutTemplate(p, "a3 50%_wide"));
  EXPECT_FALSE(removeLayoutTemplate(p, "a3 50%_wide"));
  EXPECT_EQ(layoutTemplateNames(p), (std::vector<std::string>{"Zebra", "briefing-a4"}));
  EXPECT_EQ(p.meta("layout_templateX").value_or(""), "not a template");
}
