// End-to-end: ekimachi-cli mesh.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/cli_runner.h"

using ekm_test::cli;
using ekm_test::CliRun;

TEST(MeshCli, EncodeAtEveryLevel) {
  // Study centre vectors (tests/data/mesh/meshcode_vectors.csv).
  EXPECT_EQ(cli("mesh encode --level 1/8 35.6355 139.7407").out, "53393569141\n");
  EXPECT_EQ(cli("mesh encode --level 125m 35.6355 139.7407").out, "53393569141\n");
  EXPECT_EQ(cli("mesh encode --level 1/4 35.6355 139.7407").out, "5339356914\n");
  EXPECT_EQ(cli("mesh encode --level=1/2 35.6355 139.7407").out, "533935691\n");
  EXPECT_EQ(cli("mesh encode --level 3 35.658581 139.745433").out, "53393599\n");
  EXPECT_EQ(cli("mesh encode --level 2 34.987574 135.759363").out, "523536\n");
  EXPECT_EQ(cli("mesh encode --level 1 35.6355 139.7407").exitCode, 0);
}

TEST(MeshCli, DecodePrintsJson) {
  const CliRun r = cli("mesh decode 53394547112");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["code"], "53394547112");
  EXPECT_EQ(j["level"], "1/8");
  // japanmesh's published polygon of this cell.
  EXPECT_NEAR(j["west"].get<double>(), 139.7140625, 1e-12);
  EXPECT_NEAR(j["east"].get<double>(), 139.715625, 1e-12);
  EXPECT_NEAR(j["south"].get<double>(), 35.7, 1e-12);
  EXPECT_NEAR(j["north"].get<double>(), 35.70104166666666, 1e-12);
  EXPECT_NEAR(j["center"]["lat"].get<double>(), (35.7 + 35.70104166666666) / 2, 1e-12);
  EXPECT_NEAR(j["center"]["lon"].get<double>(), (139.7140625 + 139.715625) / 2, 1e-12);
}

TEST(MeshCli, ParentChildrenNeighbours) {
  EXPECT_EQ(cli("mesh parent --level 3 53393569141").out, "53393569\n");
  EXPECT_EQ(cli("mesh children 53393569").out, "533935691\n533935692\n533935693\n533935694\n");
  const CliRun n = cli("mesh neighbours 5339");
  EXPECT_EQ(n.out, "5238\n5239\n5240\n5338\n5340\n5438\n5439\n5440\n");
}

TEST(MeshCli, BadInputFailsWithTheErrorCode) {
  CliRun r = cli("mesh decode 533985");
  EXPECT_EQ(r.exitCode, 7);
  EXPECT_NE(r.out.find("position 5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'533985'"), std::string::npos) << r.out;
  r = cli("mesh decode 53393");
  EXPECT_EQ(r.exitCode, 7);
  EXPECT_NE(r.out.find("wrong length"), std::string::npos) << r.out;
  r = cli("mesh encode --level 1/8 10.0 80.0");
  EXPECT_EQ(r.exitCode, 7);
  EXPECT_NE(r.out.find("outside"), std::string::npos) << r.out;
  r = cli("mesh encode --level 1/16 35.6 139.7");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("unknown mesh level"), std::string::npos) << r.out;
  r = cli("mesh encode --level 1/8 35.6x 139.7");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("bad latitude"), std::string::npos) << r.out;
  EXPECT_EQ(cli("mesh encode 35.6 139.7").exitCode, 2);      // --level missing
  EXPECT_EQ(cli("mesh encode --level 3 35.6").exitCode, 2);  // LON missing
  EXPECT_EQ(cli("mesh frobnicate").exitCode, 2);
  EXPECT_EQ(cli("mesh").exitCode, 2);
  EXPECT_EQ(cli("mesh children 53393569141").exitCode, 7);
}
