#pragma once
// Analysis-library errors as the GUI shows them: rendered by the error catalogue
// (ekm/core/error_messages.h, the one source of the wording) in the UI's language.
#include <QString>
#include <exception>
#include <string>
#include <vector>

#include "ekm/core/error_messages.h"

namespace ekm::widgets {

// Japanese when the Japanese translation is installed (uiIsJapanese()), else English.
core::Language uiErrorLanguage();
// "<title>: <where and what>" in the UI's language.
QString errorText(const core::Error& error);
// The same for a core::Error, else the exception's what() as it is.
QString errorText(const std::exception& error);
// An error's message, and an expected text, in the UI's language (the catalogue,
// ekm/core/error_catalogue.h), for views that show an error's fields apart.
QString errorMessageText(const core::Error& error);
QString errorExpectedText(const std::string& expected);
// Any other text of the analysis library that the catalogue knows (a result's notes, such as
// mobility-coverage's), in the UI's language; text without an entry stays as it is.
QString catalogueText(const std::string& text);
// A result's notes (or warnings) so, one after the other ("; ", in Japanese "。").
QString catalogueNotes(const std::vector<std::string>& notes);
// The catalogue's title for a code in the UI's language ("入力の形式が正しくありません").
QString errorTitleText(core::ErrorCode code);

}  // namespace ekm::widgets
