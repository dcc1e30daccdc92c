// The Japanese error catalogue (ekm/core/error_catalogue.h): entries are well formed, lookups
// find exact texts and patterns (variable parts carried through, reordered), unknown text
// stays English, and every error text built at a throw site in analysis/, widgets/ and app/
// has an entry (scanned from the source tree, EKM_SOURCE_DIR).
#include "ekm/core/error_catalogue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "error_literal_scan.h"

using namespace ekm;
using core::Language;

namespace {

bool hasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string ja(std::string_view text) { return core::translateErrorText(text, Language::Japanese); }

// Texts the scan finds that are not catalogued on purpose: a few `found` values made of the
// user's data, and notations that read the same in Japanese.
const std::set<std::string> kNotCatalogued = {
    "{} [{}{}",                                     // an SQLite message and the SQL it ran
    "{\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}",     // JSON notation
    "{\"id\": ..., \"op\": NAME, \"params\": {...}}",          // JSON notation
    "{\"token\": \"...\"}",                                    // JSON notation
    "--run RUN_A --compare RUN_B", "mode walk", "network walking",  // command-line notation
    "from <= to", "head(from) == tail(to)", "ybar > 0",               // formulas
    "From To Volume Cost", "Node X Y ;",                               // TNTP file headers
    "PostgreSQL: {}: {}",                                              // a PostgreSQL message
};

}  // namespace

TEST(ErrorCatalogue, EntriesAreWellFormed) {
  const auto entries = core::japaneseErrorCatalogue();
  ASSERT_GT(entries.size(), 1000u);
  std::set<std::string_view> keys;
  static const std::regex slot("\\{([1-9])\\}");
  for (const auto& e : entries) {
    SCOPED_TRACE(std::string(e.english));
    EXPECT_TRUE(keys.insert(e.english).second) << "duplicate key";
    // Japanese, or at least reworded (a notation such as "a stop_id" -> "stop_id"): an entry
    // that changes nothing does not belong in the catalogue.
    EXPECT_TRUE(hasNonAscii(e.translation) || e.translation != e.english) << "'" << e.translation << "'";
    // Each "{}" of the key is used exactly by {1}..{n} in the translation.
    std::size_t holes = 0;
    for (std::size_t at = e.english.find("{}"); at != std::string_view::npos; at = e.english.find("{}", at + 2)) ++holes;
    std::set<int> used;
    const std::string t(e.translation);
    for (auto it = std::sregex_iterator(t.begin(), t.end(), slot); it != std::sregex_iterator(); ++it)
      used.insert(std::stoi((*it)[1].str()));
    std::set<int> want;
    for (std::size_t k = 1; k <= holes; ++k) want.insert(static_cast<int>(k));
    EXPECT_EQ(used, want) << e.translation;
    EXPECT_EQ(e.english.find("{}{}"), std::string_view::npos) << "two holes side by side cannot be told apart";
  }
}

TEST(ErrorCatalogue, ExactPatternsReorderingAndFallback) {
  EXPECT_EQ(ja("no data rows"), "データ行がありません");
  EXPECT_EQ(ja("unknown import kind"), "不明な取り込みの種類です");
  // Variable parts go through unchanged, in Japanese word order.
  EXPECT_EQ(ja("route R1 of trip T9"), "便 T9 の路線 R1");
  EXPECT_EQ(ja("bounding box has south > north (35.7 > 35.6)"), "範囲の南端が北端より北にあります（35.7 > 35.6）");
  EXPECT_EQ(ja("cannot open file: /tmp/データ 1.csv"), "ファイルを開けません: /tmp/データ 1.csv");
  EXPECT_EQ(ja("column 'a' is not here"), "column 'a' is not here");  // no entry: unchanged
  // A wrapped message that is itself catalogued is translated inside the pattern.
  EXPECT_EQ(ja("segment S12: missing segment id"), "道路区間 S12: 道路区間の ID がありません");
  // The most specific entry wins: the exact text over "unknown {}".
  EXPECT_EQ(ja("unknown mesh code: outside Japan"), "不明なメッシュコードです: 日本の範囲外です");
  EXPECT_EQ(ja("unknown colour"), "不明な colour です");
  // Unknown text, empty text and English never change.
  EXPECT_EQ(ja("the frobnicator jammed"), "the frobnicator jammed");
  EXPECT_EQ(ja(""), "");
  EXPECT_EQ(core::translateErrorText("no data rows", Language::English), "no data rows");
  EXPECT_FALSE(core::findErrorTranslation("the frobnicator jammed", Language::Japanese).has_value());
}

TEST(ErrorCatalogue, RenderErrorTranslatesTheMessageAndTheExpectedText) {
  const core::ValidationError e("negative count",
                                core::ErrorContext{"a.csv", 12, std::nullopt, "count", "a count >= 0", "-5"});
  EXPECT_EQ(core::renderError(e, Language::Japanese),
            "値が正しくありません: a.csv 12 行目: 列「count」: 件数が負です（期待: 0 以上の件数、実際: '-5'）");
  EXPECT_EQ(core::renderError(e, Language::English),
            "invalid value: a.csv:12: column 'count': negative count (expected a count >= 0, found '-5')");
}

// The scanner itself: it must see the texts of the usual ways errors are built.
TEST(ErrorCatalogue, TheScannerFindsErrorTexts) {
  const std::string source = R"cpp(
    void f(int n, const std::string& col) {
      if (n < 0) throw core::ValidationError("negative count", ctx(path, line, "count", "a count >= 0", v));
      throw ParseError("column '" + col + "' is not a number");  // a comment with "quoted text"
      c.expected = "a date in the years " + std::to_string(n);
      return core::Error(ErrorCode::Usage, std::string("bad ") + what);
      throw std::logic_error("internal: not for users");
    }
    [[noreturn]] void bad(const std::string& message, const std::string& field) { throw ValidationError(message, {}); }
    void g() { bad("a thing went wrong", "column_name"); }
  )cpp";
  std::set<std::string> texts;
  for (const auto& l : test::errorLiteralsOf(source, "x.cpp", test::throwingHelpersOf(source))) texts.insert(l.text);
  EXPECT_EQ(texts, (std::set<std::string>{"negative count", "a count >= 0", "column '{}' is not a number",
                                          "a date in the years {}", "a thing went wrong"}));
}

TEST(ErrorCatalogue, EveryErrorTextInTheSourcesHasAJapaneseEntry) {
  const auto literals = test::errorLiteralsUnder(EKM_SOURCE_DIR, {"analysis/src", "widgets", "app"});
  std::set<std::string_view> keys;
  for (const auto& e : core::japaneseErrorCatalogue()) keys.insert(e.english);
  std::size_t covered = 0, counted = 0;
  std::map<std::string, std::string> missing;  // text -> first site
  std::set<std::string> seen;
  for (const auto& l : literals) {
    seen.insert(l.text);
    if (kNotCatalogued.count(l.text)) continue;
    ++counted;
    bool ok = keys.count(l.text) > 0;
    if (!ok && l.text.find("{}") != std::string::npos) {
      // a pattern site: some entry must match it with the variable parts filled in
      std::string probe = l.text;
      for (std::size_t at; (at = probe.find("{}")) != std::string::npos;) probe.replace(at, 2, "VALUE");
      ok = core::findErrorTranslation(probe, Language::Japanese).has_value();
    }
    // A text without variable parts needs its own entry (not "bad {}" matching "bad date").
    if (ok) ++covered;
    else missing.emplace(l.text, l.file + ":" + std::to_string(l.line));
  }
  std::cout << "[ error texts ] " << covered << " of " << counted << " error-text sites have a Japanese entry ("
            << literals.size() - counted << " sites of found values and notations left out on purpose)\n";
  EXPECT_GT(literals.size(), 1500u) << "the scan found too little: is EKM_SOURCE_DIR right?";
  EXPECT_TRUE(seen.count("unknown import kind")) << "the scan misses plain throw sites";
  EXPECT_TRUE(seen.count("duplicate stop_id")) << "the scan misses the GTFS reader's problems";
  for (const auto& [text, site] : missing) ADD_FAILURE() << site << ": no Japanese entry for \"" << text << "\"";
  // Every text left out on purpose still occurs (the list does not rot).
  for (const auto& text : kNotCatalogued) EXPECT_TRUE(seen.count(text)) << "no longer in the sources: " << text;
}
