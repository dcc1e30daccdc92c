// The error message catalogue: one title per ErrorCode in English and Japanese, and the
// layout of an error's structured fields in each language; the message and expected texts
// go through the text catalogue (error_catalogue.h).
#include "ekm/core/error_messages.h"

#include "ekm/core/error_catalogue.h"
#include "ekm/core/error_details.h"

#include <cctype>
#include <cstdlib>

namespace ekm::core {
namespace {

struct Entry {
  std::string_view en;
  std::string_view ja;
};

// A switch without default: -Wswitch (in -Wall) flags a code added to ErrorCode but not here.
Entry entry(ErrorCode code) {
  switch (code) {
    case ErrorCode::Ok: return {"no error", "エラーはありません"};
    case ErrorCode::Generic: return {"error", "エラーが発生しました"};
    case ErrorCode::Usage: return {"invalid arguments", "引数または設定が正しくありません"};
    case ErrorCode::Io: return {"cannot read or write a file", "ファイルを読み書きできません"};
    case ErrorCode::Parse: return {"malformed input", "入力の形式が正しくありません"};
    case ErrorCode::Validation: return {"invalid value", "値が正しくありません"};
    case ErrorCode::Store: return {"problem with the project file", "プロジェクトファイルに問題があります"};
    case ErrorCode::Mesh: return {"invalid mesh code", "メッシュコード（JIS X 0410）が正しくありません"};
    case ErrorCode::Encoding: return {"text in an unexpected encoding", "文字コードが正しくありません"};
    case ErrorCode::Duplicate: return {"already imported", "既に取り込まれています"};
    case ErrorCode::Gdal: return {"GDAL could not read or write the data", "GDAL でデータを読み書きできません"};
    case ErrorCode::Proj: return {"coordinate transformation failed", "座標変換（PROJ）に失敗しました"};
    case ErrorCode::Model: return {"the model could not be fitted or solved", "モデルを推定・求解できませんでした"};
    case ErrorCode::NotConverged: return {"the iteration did not converge", "反復計算が収束しませんでした"};
    case ErrorCode::Network: return {"cannot connect over the network", "ネットワーク経由で接続できません"};
    case ErrorCode::Cancelled: return {"cancelled", "キャンセルされました"};
  }
  return entry(ErrorCode::Generic);  // a value outside the enumeration
}

std::string_view pick(const Entry& e, Language language) { return language == Language::Japanese ? e.ja : e.en; }

bool startsWithJa(std::string_view s) {
  return s.size() >= 2 && std::tolower(static_cast<unsigned char>(s[0])) == 'j' &&
         std::tolower(static_cast<unsigned char>(s[1])) == 'a' && (s.size() == 2 || !std::isalpha(static_cast<unsigned char>(s[2])));
}

// How an error's fields are laid out in one language; "{}" stands for the value.
struct Layout {
  std::string_view lineAfterFile, lineAlone, featureAfterFile, featureAlone, field;
  std::string_view open, expected, separator, found, close;
};
constexpr Layout kEnglish{":{}", "line {}", " feature {}", "feature {}", "column '{}': ",
                          " (", "expected {}", ", ", "found '{}'", ")"};
constexpr Layout kJapanese{" {} 行目", "{} 行目", " 地物 {}", "地物 {}", "列「{}」: ",
                           "（", "期待: {}", "、", "実際: '{}'", "）"};

std::string fill(std::string_view pattern, const std::string& value) {
  std::string out(pattern);
  if (const auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, value);
  return out;
}

// The message and the expected text come from the catalogue in the language (unchanged when it
// has no entry). The file, field and found value are the user's own and stay as they are,
// except a found text that describes the value in words ("'x' in columns 4 and 5"): one with a
// space that the catalogue knows.
std::string layOut(const std::string& message, const ErrorContext& c, const Layout& w, Language language) {
  const std::string expected = translateErrorText(c.expected, language);
  const std::string found = c.found.find(' ') == std::string::npos ? c.found : translateErrorText(c.found, language);
  std::string out;
  if (!c.file.empty()) {
    out += c.file;
    if (c.line) out += fill(w.lineAfterFile, std::to_string(*c.line));
    if (c.feature) out += fill(w.featureAfterFile, std::to_string(*c.feature));
    out += ": ";
  } else if (c.line) {
    out += fill(w.lineAlone, std::to_string(*c.line)) + ": ";
  } else if (c.feature) {
    out += fill(w.featureAlone, std::to_string(*c.feature)) + ": ";
  }
  if (!c.field.empty()) out += fill(w.field, c.field);
  out += translateErrorText(message, language);
  if (!expected.empty() || !found.empty()) {
    out += w.open;
    if (!expected.empty()) out += fill(w.expected, expected);
    if (!expected.empty() && !found.empty()) out += w.separator;
    if (!found.empty()) out += fill(w.found, found);
    out += w.close;
  }
  return out;
}

}  // namespace

std::optional<Language> parseLanguage(std::string_view code) {
  if (code.empty()) return std::nullopt;
  if (startsWithJa(code)) return Language::Japanese;
  const bool en = code.size() >= 2 && std::tolower(static_cast<unsigned char>(code[0])) == 'e' &&
                  std::tolower(static_cast<unsigned char>(code[1])) == 'n' &&
                  (code.size() == 2 || !std::isalpha(static_cast<unsigned char>(code[2])));
  if (en || code == "C" || code == "POSIX" || code.starts_with("C.")) return Language::English;
  return std::nullopt;
}

Language languageFromLocale(const char* lcAll, const char* lcMessages, const char* lang) {
  for (const char* v : {lcAll, lcMessages, lang})
    if (v && *v) return startsWithJa(v) ? Language::Japanese : Language::English;
  return Language::English;
}

Language languageFromEnvironment() {
  return languageFromLocale(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"), std::getenv("LANG"));
}

std::string_view errorTitle(ErrorCode code, Language language) { return pick(entry(code), language); }

std::string_view errorWord(Language language) { return language == Language::Japanese ? "エラー" : "error"; }

std::string_view cancelledNotice(Language language) { return errorTitle(ErrorCode::Cancelled, language); }

std::string formatErrorContext(const std::string& message, const ErrorContext& context, Language language) {
  return layOut(message, context, language == Language::Japanese ? kJapanese : kEnglish, language);
}

std::string renderError(ErrorCode code, const std::string& message, const ErrorContext& context, Language language) {
  return std::string(errorTitle(code, language)) + ": " + formatErrorContext(message, context, language);
}

std::string renderError(const Error& error, Language language) {
  const auto* list = dynamic_cast<const ErrorDetails*>(&error);
  if (!list) return renderError(error.code(), error.message(), error.context(), language);
  std::string out = renderError(error.code(), list->summary(), error.context(), language);
  for (const auto& d : list->details()) out += "\n  " + formatErrorContext(d.message, d.context, language);
  if (list->moreDetails()) out += "\n  ...";
  return out;
}

std::string ErrorDetails::text(const std::string& summary, const std::vector<ErrorDetail>& details, bool more) {
  std::string m = summary;
  for (const auto& d : details) m += "\n  " + Error::format(d.message, d.context);
  if (more) m += "\n  ...";
  return m;
}

}  // namespace ekm::core
