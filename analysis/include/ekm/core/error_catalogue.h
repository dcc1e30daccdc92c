#pragma once
// The message catalogue for an Error's free text (its message() and the `expected` field),
// gettext style: the English text is the key. An entry is either exact ("no data rows") or a
// pattern whose variable parts are written "{}" in the English key ("column '{}' is not a
// number"); the translation refers to them as "{1}", "{2}", ... in its own word order, and the
// matched text (a file name, a value, a column) is carried through unchanged, unless it is
// itself a whole catalogued text (a wrapped message). Text no entry matches is returned as it
// is, so an unknown message stays readable English, never garbled; "<name>: <text>" whose text
// matches (a layer or a step named before a message) keeps the name and translates the text.
// The Japanese entries live in error_catalogue_ja.cpp.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ekm/core/error_messages.h"

namespace ekm::core {

struct CatalogueEntry {
  std::string_view english;  // the key: exact text, or a pattern with "{}" for each variable part
  std::string_view translation;  // "{1}".."{9}" insert the variable parts
};

// The Japanese entries (error_catalogue_ja.cpp).
std::span<const CatalogueEntry> japaneseErrorCatalogue();

// The translation of one text, or nullopt when no entry matches. An exact entry wins over a
// pattern; among matching patterns one that starts with fixed text wins over one that starts
// with a variable part, then the one with the most fixed text.
std::optional<std::string> findErrorTranslation(std::string_view text, Language language);

// The text in the language: the translation when an entry matches, the text unchanged otherwise
// (always unchanged for English).
std::string translateErrorText(std::string_view text, Language language);

}  // namespace ekm::core
