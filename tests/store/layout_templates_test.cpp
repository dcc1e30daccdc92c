// Layout templates in the project (ekm/store/layout_templates.h): saved, listed by name,
// replaced, removed, and kept apart from other metadata even when a name holds SQL wildcards.
#include <gtest/gtest.h>

#include "ekm/core/error.h"
#include "ekm/store/layout_templates.h"
#include "store_test_util.h"

using namespace ekm;
using namespace ekm::store;

TEST(LayoutTemplates, SavedListedReplacedRemoved) {
  TempDir dir;
  const auto path = dir.str("p.gpkg");
  {
    Project p = Project::create(path);
    EXPECT_TRUE(layoutTemplateNames(p).empty());
    saveLayoutTemplate(p, "briefing-a4", R"({"paper":"A4"})");
    saveLayoutTemplate(p, "a3 50%_wide", R"({"paper":"A3"})");
    saveLayoutTemplate(p, "briefing-a4", R"({"paper":"A4-portrait"})");  // replaces
    p.setMeta("layout_templateX", "not a template");                    // a near miss
    EXPECT_THROW(saveLayoutTemplate(p, "", "{}"), core::Error);
  }
  Project p = Project::open(path, OpenMode::ReadWrite);
  EXPECT_EQ(layoutTemplateNames(p), (std::vector<std::string>{"a3 50%_wide", "briefing-a4"}));
  EXPECT_EQ(layoutTemplate(p, "briefing-a4").value_or(""), R"({"paper":"A4-portrait"})");
  EXPECT_FALSE(layoutTemplate(p, "nope").has_value());
  EXPECT_TRUE(removeLayoutTemplate(p, "a3 50%_wide"));
  EXPECT_FALSE(removeLayoutTemplate(p, "a3 50%_wide"));
  EXPECT_EQ(layoutTemplateNames(p), (std::vector<std::string>{"briefing-a4"}));
  EXPECT_EQ(p.meta("layout_templateX").value_or(""), "not a template");
}
