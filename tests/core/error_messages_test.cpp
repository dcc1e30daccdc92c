// The error catalogue (ekm/core/error_messages.h): every code has a Japanese and an English
// title, the same error renders in both languages with its structured fields, the language
// follows --lang or the locale, and the CLI prints a bad import's error in Japanese.
#include "ekm/core/error_messages.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ekm/store/project.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;
using core::ErrorCode;
using core::Language;

namespace {

bool hasNonAscii(std::string_view s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// Every value of the enumeration: errorCodeName() knows exactly these (anything else is
// "error", the name of Generic).
std::vector<ErrorCode> allCodes() {
  std::vector<ErrorCode> codes;
  for (int v = 0; v < 256; ++v) {
    const auto c = static_cast<ErrorCode>(v);
    if (c == ErrorCode::Generic || std::string(core::errorCodeName(c)) != "error") codes.push_back(c);
  }
  return codes;
}

const core::ErrorContext kContext{"counts.csv", 42, std::nullopt, "count", "a number", "abc"};

}  // namespace

TEST(ErrorMessages, EveryCodeHasAJapaneseAndAnEnglishTitle) {
  const auto codes = allCodes();
  ASSERT_EQ(codes.size(), 16u) << "a code was added or removed: update the catalogue and this count";
  std::set<std::string_view> en, ja;
  for (const ErrorCode c : codes) {
    const auto e = core::errorTitle(c, Language::English);
    const auto j = core::errorTitle(c, Language::Japanese);
    EXPECT_FALSE(e.empty()) << core::errorCodeName(c);
    EXPECT_FALSE(hasNonAscii(e)) << e;
    EXPECT_TRUE(hasNonAscii(j)) << core::errorCodeName(c) << ": '" << j << "' is not Japanese";
    en.insert(e);
    ja.insert(j);
  }
  // Distinct titles: no code borrows another's message.
  EXPECT_EQ(en.size(), codes.size());
  EXPECT_EQ(ja.size(), codes.size());
}

TEST(ErrorMessages, TheSameErrorInBothLanguages) {
  const core::ParseError error("not a number", kContext);
  const std::string en = core::renderError(error, Language::English);
  const std::string ja = core::renderError(error, Language::Japanese);
  EXPECT_EQ(en, "malformed input: counts.csv:42: column 'count': not a number (expected a number, found 'abc')");
  // The message and the expected text from the catalogue (error_catalogue.h); the value as it was.
  EXPECT_EQ(ja, "入力の形式が正しくありません: counts.csv 42 行目: 列「count」: 数値ではありません（期待: 数値、実際: 'abc'）");
  // English keeps Error::format's layout (what() without the title).
  EXPECT_NE(en.find(error.what()), std::string::npos);
}

TEST(ErrorMessages, FieldsThatAreMissingAreLeftOut) {
  EXPECT_EQ(core::formatErrorContext("bad", {}, Language::Japanese), "bad");
  core::ErrorContext feature;
  feature.feature = 7;
  EXPECT_EQ(core::formatErrorContext("bad", feature, Language::Japanese), "地物 7: bad");
  EXPECT_EQ(core::formatErrorContext("bad", feature, Language::English), "feature 7: bad");
  core::ErrorContext found;
  found.found = "x";
  EXPECT_EQ(core::formatErrorContext("bad", found, Language::Japanese), "bad（実際: 'x'）");
  EXPECT_EQ(core::renderError(ErrorCode::Mesh, "bad", {}, Language::Japanese),
            "メッシュコード（JIS X 0410）が正しくありません: bad");
}

TEST(ErrorMessages, LanguageFromTheLocale) {
  EXPECT_EQ(core::languageFromLocale(nullptr, nullptr, nullptr), Language::English);
  EXPECT_EQ(core::languageFromLocale(nullptr, nullptr, "ja_JP.UTF-8"), Language::Japanese);
  EXPECT_EQ(core::languageFromLocale("", "", "ja"), Language::Japanese);
  // LC_ALL wins over LC_MESSAGES wins over LANG.
  EXPECT_EQ(core::languageFromLocale("C.UTF-8", nullptr, "ja_JP.UTF-8"), Language::English);
  EXPECT_EQ(core::languageFromLocale(nullptr, "ja_JP.UTF-8", "en_US.UTF-8"), Language::Japanese);
  EXPECT_EQ(core::languageFromLocale(nullptr, nullptr, "jam"), Language::English);
  EXPECT_EQ(core::parseLanguage("ja"), Language::Japanese);
  EXPECT_EQ(core::parseLanguage("en_GB"), Language::English);
  EXPECT_EQ(core::parseLanguage("C"), Language::English);
  EXPECT_FALSE(core::parseLanguage("fr").has_value());
  EXPECT_FALSE(core::parseLanguage("").has_value());
}

class ErrorLanguageCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_project = m_dir.str("p.gpkg");
    store::Project::create(m_project);
    m_bad = m_dir.write("bad.csv", "mesh_code,date,hour,population\n533935691,2025-03-27,9,12\n533935691,2025-03-27,10,lots\n");
  }
  std::string importCommand(const std::string& env, const std::string& lang) const {
    return env + " " + ekm_test::quote(ekm_test::cliPath()) + lang + " import --project " + ekm_test::quote(m_project) +
           " mesh-population " + ekm_test::quote(m_bad) + " --quiet";
  }
  ekm_test::TempDir m_dir{"error_lang"};
  std::string m_project, m_bad;
};

TEST_F(ErrorLanguageCli, LangJaPrintsTheBadImportInJapaneseWithFileLineAndField) {
  for (const std::string lang : {" --lang ja", " --lang=ja"}) {
    const auto r = ekm_test::run(importCommand("LC_ALL=C LANG=C", lang));
    EXPECT_EQ(r.exitCode, static_cast<int>(ErrorCode::Parse)) << r.out;
    EXPECT_NE(r.out.find("エラー: 入力の形式が正しくありません: " + m_bad + " 3 行目: 列「population」"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("実際: 'lots'"), std::string::npos) << r.out;
  }
}

TEST_F(ErrorLanguageCli, TheLocaleChoosesTheLanguageAndLangOverridesIt) {
  auto r = ekm_test::run(importCommand("LC_ALL= LC_MESSAGES= LANG=ja_JP.UTF-8", ""));
  EXPECT_NE(r.out.find("3 行目"), std::string::npos) << r.out;
  r = ekm_test::run(importCommand("LC_ALL= LC_MESSAGES= LANG=ja_JP.UTF-8", " --lang en"));
  EXPECT_NE(r.out.find("error: malformed input: " + m_bad + ":3: column 'population'"), std::string::npos) << r.out;
  // After the command too, for commands without a --lang of their own.
  const auto after = ekm_test::cliArgs({"import", "--project", m_project, "mesh-population", m_bad, "--lang", "ja"});
  EXPECT_NE(after.err.find("列「population」"), std::string::npos) << after.err;
  // An operation verb without a lang of its own takes it as the message language too.
  const auto kpi = ekm_test::cliArgs({"mobility", "kpi", "--project", m_project, "--lang", "ja", "--bogus", "1"});
  EXPECT_EQ(kpi.exitCode, static_cast<int>(ErrorCode::Usage)) << kpi.err;
  EXPECT_EQ(kpi.err.rfind("ekimachi-cli mobility: エラー", 0), 0u) << kpi.err;
  EXPECT_NE(kpi.err.find("--bogus"), std::string::npos) << kpi.err;
  const auto wrong = ekm_test::cliArgs({"--lang", "fr", "info", m_project});
  EXPECT_EQ(wrong.exitCode, static_cast<int>(ErrorCode::Usage)) << wrong.err;
}
