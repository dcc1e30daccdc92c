// Errors a Japanese user can read (issue 15 §7): real importers given bad input (a mesh-
// population CSV, a GTFS feed, an energy meter file) refuse it, and the error rendered in
// Japanese is Japanese throughout — title, message, expected text — apart from what comes
// from the user (the file name, the column, the value found) and technical identifiers.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/core/error_messages.h"
#include "ekm/core/feedback.h"
#include "ekm/energy/import_op.h"
#include "ekm/io/gtfs_import.h"
#include "ekm/io/importers.h"
#include "ekm/ops/session.h"
#include "ekm/store/project.h"
#include "support/temp_dir.h"

using namespace ekm;
using core::Language;
namespace fs = std::filesystem;

namespace {

// The English words left in a text once the user's own strings and the names quoted in
// 「」 (columns, attributes) are removed: runs of letters such as "count" or "Expected" (not
// identifiers like stop_id, UTF-8, GTFS, stops.txt).
std::vector<std::string> englishWords(std::string text, const std::vector<std::string>& userStrings) {
  for (const auto& s : userStrings)
    for (std::size_t at; !s.empty() && (at = text.find(s)) != std::string::npos;) text.replace(at, s.size(), " ");
  static const std::regex quoted("「[^」]*」");
  text = std::regex_replace(text, quoted, " ");
  std::vector<std::string> words;
  static const std::regex word("^[A-Za-z][a-z]+$");
  std::string token;
  auto flush = [&] {
    if (std::regex_match(token, word)) words.push_back(token);
    token.clear();
  };
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && (std::isalnum(u) || c == '_' || c == '.' || c == '/' || c == '-'))
      token += c;
    else
      flush();
  }
  flush();
  return words;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& w : v) s += (s.empty() ? "" : ", ") + w;
  return s;
}

// Renders e in Japanese and expects no English word outside the user's strings and the
// identifiers a case names (column names and keywords a file must use, such as "timestamp").
void expectJapanese(const core::Error& e, const std::string& caseName, std::vector<std::string> identifiers = {}) {
  const std::string text = core::renderError(e, Language::Japanese);
  SCOPED_TRACE(caseName + ": " + text);
  const auto& c = e.context();
  auto words = englishWords(text, {c.file, c.field, c.found});
  identifiers.push_back("Wh");  // the unit
  std::erase_if(words, [&](const std::string& w) {
    return std::find(identifiers.begin(), identifiers.end(), w) != identifiers.end();
  });
  EXPECT_EQ(words, std::vector<std::string>{})
      << "English left in the Japanese text; English: " << core::renderError(e, Language::English);
  if (c.line) {
    EXPECT_NE(text.find(std::to_string(*c.line) + " 行目"), std::string::npos);
  }
  // The English rendering is unchanged by the catalogue: it is what() with the title.
  EXPECT_NE(core::renderError(e, Language::English).find(e.what()), std::string::npos);
}

class JapaneseImportErrors : public ::testing::Test {
 protected:
  void SetUp() override { m_project = std::make_unique<store::Project>(store::Project::create(m_dir.str("p.gpkg"))); }

  // The error of importing `csv` as mesh population.
  core::Error meshError(const std::string& name, const std::string& csv) {
    const std::string path = m_dir.write(name + ".csv", csv);
    try {
      io::importFile(*m_project, io::ImportKind::MeshPopulation, path, {}, core::nullFeedback());
    } catch (const core::Error& e) {
      return e;
    }
    ADD_FAILURE() << name << ": the import was not refused";
    return core::Error(core::ErrorCode::Generic, "");
  }

  ekm_test::TempDir m_dir{"error_ja"};
  std::unique_ptr<store::Project> m_project;
};

}  // namespace

TEST(JapaneseErrorText, TheCheckFindsEnglish) {
  // The check itself can fail: an untranslated message, and the user's strings left out.
  EXPECT_EQ(englishWords("値が正しくありません: a.csv 12 行目: count is negative", {"a.csv"}),
            (std::vector<std::string>{"count", "is", "negative"}));
  EXPECT_EQ(englishWords("列「stop_id」: stops.txt の stop_id（期待: UTF-8、実際: 'Shinagawa'）", {"Shinagawa"}),
            std::vector<std::string>{});
  EXPECT_EQ(englishWords("列「mesh」、「key code」のいずれか（expected）", {}), std::vector<std::string>{"expected"});
}

TEST_F(JapaneseImportErrors, MeshPopulationCsv) {
  const std::string head = "mesh_code,date,hour,population\n";
  const std::map<std::string, std::string> cases = {
      {"negative", head + "533935691,2025-03-27,9,-5\n"},
      {"not_a_number", head + "533935691,2025-03-27,9,lots\n"},
      {"huge", head + "533935691,2025-03-27,9,1e300\n"},
      {"outside_japan", head + "53503512,2025-03-27,9,5\n"},
      {"bad_digit", head + "53393899,2025-03-27,9,5\n"},
      {"year", head + "533935691,9999-03-27,9,5\n"},
      {"hour", head + "533935691,2025-03-27,24,5\n"},
      {"bad_date", head + "533935691,2025-02-30,9,5\n"},
      {"repeated_column", "mesh_code,date,hour,population,population\n533935691,2025-03-27,9,5,6\n"},
      {"too_few_fields", head + "533935691,2025-03-27\n"},
      {"duplicate_row", head + "533935691,2025-03-27,9,5\n533935691,2025-03-27,9,6\n"},
      {"no_mesh_column", "code,date,hour,population\n533935691,2025-03-27,9,5\n"},
      {"unterminated_quote", head + "533935691,2025-03-27,9,\"5\n"},
      {"control_character", head + "533935691,2025-03-27,9,5\n5339\x01" "35691,2025-03-27,10,5\n"},
  };
  for (const auto& [name, csv] : cases) expectJapanese(meshError(name, csv), name);
  // A missing file too.
  try {
    io::importFile(*m_project, io::ImportKind::MeshPopulation, m_dir.str("absent.csv"), {}, core::nullFeedback());
    ADD_FAILURE() << "a missing file was imported";
  } catch (const core::Error& e) {
    expectJapanese(e, "absent");
  }
}

TEST_F(JapaneseImportErrors, GtfsFeedWithSeveralProblems) {
  const fs::path feed = m_dir / "feed";
  fs::create_directories(feed);
  for (const auto& e : fs::directory_iterator(fs::path(EKM_TEST_DATA_DIR) / "gtfs" / "jp_small"))
    fs::copy_file(e.path(), feed / e.path().filename());
  auto edit = [&](const std::string& file, const std::string& from, const std::string& to) {
    const std::string text = ekm_test::readFile(feed / file);
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << file << ": " << from;
    ekm_test::writeFile(feed / file, text.substr(0, at) + to + text.substr(at + from.size()));
  };
  edit("stops.txt", "S3,103", "S2,103");                        // duplicate stop_id
  edit("trips.txt", "R2,WK,T4", "R9,WK,T4");                    // unknown route
  edit("stop_times.txt", "T2,07:12:00,07:12:00", "T2,7:2:00,07:12:00");  // invalid time
  edit("routes.txt", "E4007F", "pink");                         // invalid colour
  core::Feedback fb;
  try {
    io::importGtfs(*m_project, feed.string(), {}, fb);
    FAIL() << "the broken feed was imported";
  } catch (const io::GtfsFeedError& e) {
    ASSERT_GE(e.details().size(), 4u) << e.what();
    const std::string text = core::renderError(e, Language::Japanese);
    SCOPED_TRACE(text);
    EXPECT_EQ(text.rfind("値が正しくありません: GTFS フィードを取り込めません: 致命的な問題が", 0), 0u);
    std::vector<std::string> user{feed.string()};
    for (const auto& d : e.details()) {
      user.push_back(d.context.file);
      user.push_back(d.context.field);
      user.push_back(d.context.found);
    }
    EXPECT_EQ(joined(englishWords(text, user)), "");
    EXPECT_NE(text.find("\n  stops.txt "), std::string::npos);
    EXPECT_NE(text.find("stop_id が重複しています"), std::string::npos);
    // The English text is the message as before: the summary and one line per problem.
    EXPECT_NE(core::renderError(e, Language::English).find("GTFS feed refused: "), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("\n  stops.txt:"), std::string::npos);
  }
}

TEST_F(JapaneseImportErrors, EnergyMeterFile) {
  ops::Session session{m_dir.str("energy.gpkg")};
  core::Feedback fb;
  energy::EnergyImportParams b;
  b.kind = "buildings";
  b.file = m_dir.write("b.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"building_id":"B1","office_m2":16000},
 "geometry":{"type":"Polygon","coordinates":[[[139.740,35.635],[139.741,35.635],[139.741,35.636],[139.740,35.636],[139.740,35.635]]]}}]})");
  ops::run<energy::EnergyImportOp>(session, b, fb);
  const std::map<std::string, std::string> cases = {
      {"unit", "datetime,B1/cooling\n2025-08-01 01:00,5\n"},
      {"badunit", "datetime,B1/cooling [kcal]\n2025-08-01 01:00,5\n"},
      {"time", "datetime,B1/cooling [kWh]\n2025-08-01 01:00,5\n2025-08-01 25:00,5\n"},
      {"dup", "datetime,B1/cooling [kWh]\n2025-08-01 01:00,5\n2025-08-01T01+09:00,6\n"},
      {"negative", "datetime,B1/cooling [kWh]\n2025-08-01 01:00,-1\n"},
      {"number", "datetime,B1/cooling [kWh]\n2025-08-01 01:00,5 kWh\n"},
      {"kind", "datetime,B1/coolth [kWh]\n2025-08-01 01:00,5\n"},
      {"building", "datetime,B9/cooling [kWh]\n2025-08-01 01:00,5\n"},
      {"no_time", "when,B1/cooling [kWh]\n2025-08-01 01:00,5\n"},
      {"no_rows", "datetime,B1/cooling [kWh]\n"},
  };
  for (const auto& [name, csv] : cases) {
    energy::EnergyImportParams p;
    p.kind = "meters";
    p.file = m_dir.write(name + ".csv", csv);
    try {
      ops::run<energy::EnergyImportOp>(session, p, fb);
      ADD_FAILURE() << name << ": the meter file was imported";
    } catch (const core::Error& e) {
      // the column names and meter kinds a file must use stay as they are written
      expectJapanese(e, name, {"timestamp", "time", "cooling", "heating", "electricity", "gas", "steam"});
    }
  }
}
