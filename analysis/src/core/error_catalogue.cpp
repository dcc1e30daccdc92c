// Looking up an error text in a message catalogue: exact entries in a hash map, patterns
// ("{}" for a variable part) matched with backtracking, the most specific pattern winning.
#include "ekm/core/error_catalogue.h"

#include <unordered_map>
#include <utility>
#include <vector>

namespace ekm::core {
namespace {

constexpr std::string_view kHole = "{}";

struct Pattern {
  std::vector<std::string_view> pieces;  // the fixed text around the holes: holes + 1 pieces
  std::size_t fixed = 0;                 // characters of fixed text, to rank matches
  // Rank among matching patterns: one that starts with fixed text ("position {} is not a
  // digit") over one that starts with a hole ("{} is not a digit"), then more fixed text.
  std::pair<bool, std::size_t> rank() const { return {!pieces.front().empty(), fixed}; }
  std::string_view translation;
};

struct Compiled {
  std::unordered_map<std::string_view, std::string_view> exact;
  std::vector<Pattern> patterns;
};

Compiled compile(std::span<const CatalogueEntry> entries) {
  Compiled c;
  for (const CatalogueEntry& e : entries) {
    if (e.english.find(kHole) == std::string_view::npos) {
      c.exact.emplace(e.english, e.translation);
      continue;
    }
    Pattern p;
    p.translation = e.translation;
    std::string_view rest = e.english;
    for (std::size_t at; (at = rest.find(kHole)) != std::string_view::npos; rest.remove_prefix(at + kHole.size()))
      p.pieces.push_back(rest.substr(0, at));
    p.pieces.push_back(rest);
    for (const auto piece : p.pieces) p.fixed += piece.size();
    c.patterns.push_back(std::move(p));
  }
  return c;
}

const Compiled& japanese() {
  static const Compiled c = compile(japaneseErrorCatalogue());
  return c;
}

// Matches text (already past pieces[0]) against the holes and pieces[k..]; each hole takes at
// least one character.
bool matchFrom(const Pattern& p, std::size_t k, std::string_view text, std::vector<std::string_view>& holes) {
  const std::string_view piece = p.pieces[k];
  if (k + 1 == p.pieces.size()) {  // the last hole takes everything up to the final piece
    if (text.size() <= piece.size() || !text.ends_with(piece)) return false;
    holes.push_back(text.substr(0, text.size() - piece.size()));
    return true;
  }
  for (std::size_t at = text.find(piece, 1); at != std::string_view::npos; at = text.find(piece, at + 1)) {
    holes.push_back(text.substr(0, at));
    if (matchFrom(p, k + 1, text.substr(at + piece.size()), holes)) return true;
    holes.pop_back();
  }
  return false;
}

std::optional<std::vector<std::string_view>> match(const Pattern& p, std::string_view text) {
  if (!text.starts_with(p.pieces.front())) return std::nullopt;
  std::vector<std::string_view> holes;
  if (!matchFrom(p, 1, text.substr(p.pieces.front().size()), holes)) return std::nullopt;
  return holes;
}

std::optional<std::string> findWhole(const Compiled& c, std::string_view text);

// The translation with "{1}".."{9}" replaced by the matched parts. A part that is itself a
// catalogued text (a wrapped message: "segment 12: missing id"; a part with a space matching
// a pattern: a list "a' or 'b") is translated too; anything else (names, values, numbers) is
// carried through unchanged.
std::string fillIn(const Compiled& c, std::string_view translation, const std::vector<std::string_view>& holes) {
  std::string out;
  for (std::size_t i = 0; i < translation.size(); ++i) {
    if (translation[i] == '{' && i + 2 < translation.size() && translation[i + 1] >= '1' &&
        translation[i + 1] <= '9' && translation[i + 2] == '}') {
      const std::size_t n = static_cast<std::size_t>(translation[i + 1] - '1');
      if (n < holes.size()) {
        const std::string_view hole = holes[n];
        const auto it = c.exact.find(hole);
        if (it != c.exact.end())
          out += it->second;
        else if (auto inner = hole.find(' ') != std::string_view::npos ? findWhole(c, hole) : std::nullopt)
          out += *inner;
        else
          out += hole;
      }
      i += 2;
      continue;
    }
    out += translation[i];
  }
  return out;
}

// The translation of the whole text: an exact entry, else the best-ranked matching pattern.
std::optional<std::string> findWhole(const Compiled& c, std::string_view text) {
  if (const auto it = c.exact.find(text); it != c.exact.end()) return std::string(it->second);
  const Pattern* best = nullptr;
  std::vector<std::string_view> bestHoles;
  for (const Pattern& p : c.patterns) {
    if (best && p.rank() <= best->rank()) continue;
    if (auto holes = match(p, text)) {
      best = &p;
      bestHoles = std::move(*holes);
    }
  }
  if (!best) return std::nullopt;
  return fillIn(c, best->translation, bestHoles);
}

}  // namespace

std::optional<std::string> findErrorTranslation(std::string_view text, Language language) {
  if (language != Language::Japanese || text.empty()) return std::nullopt;
  const Compiled& c = japanese();
  if (auto whole = findWhole(c, text)) return whole;
  // "<name>: <catalogued text>" (a layer, a step or a file named before a message): the name
  // as it is, the text translated.
  for (std::size_t at = text.find(": "); at != std::string_view::npos; at = text.find(": ", at + 2))
    if (auto rest = findWhole(c, text.substr(at + 2))) return std::string(text.substr(0, at + 2)) + *rest;
  return std::nullopt;
}

std::string translateErrorText(std::string_view text, Language language) {
  if (auto t = findErrorTranslation(text, language)) return std::move(*t);
  return std::string(text);
}

}  // namespace ekm::core
