#pragma once
// Error messages in the user's language (Japanese or English), the one source of the wording
// for the CLI and the GUI. An Error carries a stable code and structured fields (file, line,
// feature, field, expected, found); the catalogue (error_messages.cpp) gives each code a title
// and lays out the fields in the chosen language. The free text of an Error (its message() and
// the expected value) is translated by the text catalogue (error_catalogue.h), keyed by the
// English text; text it does not know stays English. The file, field and found value are the
// user's own and are shown as they are (a found text in words with a catalogue entry, such as
// "'x' in columns 4 and 5", is translated).
#include <optional>
#include <string>
#include <string_view>

#include "ekm/core/error.h"

namespace ekm::core {

enum class Language { English, Japanese };

// "ja", "ja_JP.UTF-8", "JA" -> Japanese; "en", "en_US.UTF-8", "C", "POSIX" -> English;
// anything else (empty included) -> nullopt.
std::optional<Language> parseLanguage(std::string_view code);

// The POSIX message locale: the first non-empty of LC_ALL, LC_MESSAGES, LANG decides;
// Japanese when it starts with "ja", English otherwise (and when none is set).
Language languageFromLocale(const char* lcAll, const char* lcMessages, const char* lang);
// The same, read from this process's environment.
Language languageFromEnvironment();

// The catalogue's title for a code ("malformed input" / "入力の形式が正しくありません").
// Every ErrorCode has one in each language (tests/core/error_messages_test.cpp checks).
std::string_view errorTitle(ErrorCode code, Language language);
// The word the CLI puts before an error ("error" / "エラー") and the cancelled notice.
std::string_view errorWord(Language language);
std::string_view cancelledNotice(Language language);

// Where and what, in the language: English (also Error::format and what()) "file:12: column 'x':
// message (expected ..., found '...')"; Japanese "file 12 行目: 列「x」: message（期待: ...、実際: '...'）".
std::string formatErrorContext(const std::string& message, const ErrorContext& context, Language language);

// "<title>: <where and what>" — the whole text shown to a user.
std::string renderError(ErrorCode code, const std::string& message, const ErrorContext& context, Language language);
std::string renderError(const Error& error, Language language);

}  // namespace ekm::core
