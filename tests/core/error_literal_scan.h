#pragma once
// A small scanner for the texts errors are built from: in the C++ sources it finds every
// `throw ...;`, every `return ...;` that builds an error (an identifier ending in "Error" or
// "error"), every `expected = ...;` (a member or a local) and every problem a reader collects (`fatal(...)`,
// `warn(...)`), and turns each string-literal chain in them into a
// message pattern: "column '" + name + "' is not a number" -> "column '{}' is not a number".
// Chains without a space or without a lowercase English word (field names, "YYYY-MM-DD") are
// not text a user reads as a sentence and are left out. Approximate by design (it does not
// parse C++); the catalogue test uses it to find texts the Japanese catalogue lacks.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace ekm::test {

struct ErrorLiteral {
  std::string file;  // relative to the scanned root
  int line = 0;
  std::string text;  // the pattern, "{}" for each non-literal part
};

namespace scan {

struct Token {
  enum Kind { Literal, Word, Punct } kind;
  std::string text;
  int line;
};

inline std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  int line = 1;
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto push = [&](Token::Kind k, std::string t) { out.push_back({k, std::move(t), line}); };
  while (i < n) {
    const char c = s[i];
    if (c == '\n') { ++line; ++i; continue; }
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if (c == '/' && i + 1 < n && s[i + 1] == '/') { while (i < n && s[i] != '\n') ++i; continue; }
    if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      i += 2;
      while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) { if (s[i] == '\n') ++line; ++i; }
      i += 2;
      continue;
    }
    if (c == '#' ) {  // preprocessor line (with continuations)
      while (i < n && s[i] != '\n') { if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\n') { ++line; ++i; } ++i; }
      continue;
    }
    if (c == 'R' && i + 1 < n && s[i + 1] == '"') {  // raw string R"delim( ... )delim"
      const std::size_t open = s.find('(', i + 2);
      const std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
      const std::size_t end = s.find(close, open);
      std::string body = s.substr(open + 1, end - open - 1);
      const int startLine = line;
      for (const char b : body) if (b == '\n') ++line;
      out.push_back({Token::Literal, std::move(body), startLine});
      i = end + close.size();
      continue;
    }
    if (c == '"') {
      std::string body;
      ++i;
      while (i < n && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < n) {
          const char e = s[i + 1];
          body += e == 'n' ? '\n' : e == 't' ? '\t' : e;
          i += 2;
          continue;
        }
        body += s[i++];
      }
      ++i;
      push(Token::Literal, std::move(body));
      continue;
    }
    if (c == '\'') {  // character literal
      ++i;
      while (i < n && s[i] != '\'') i += s[i] == '\\' ? 2 : 1;
      ++i;
      push(Token::Punct, "'c'");
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < n && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      std::string w = s.substr(i, j - i);
      i = j;
      if ((w == "u8" || w == "L" || w == "u" || w == "U") && i < n && s[i] == '"') continue;  // prefix
      push(Token::Word, std::move(w));
      continue;
    }
    if ((c == ':' && i + 1 < n && s[i + 1] == ':') || (c == '-' && i + 1 < n && s[i + 1] == '>') ||
        (c == '+' && i + 1 < n && s[i + 1] == '=')) {
      push(Token::Punct, s.substr(i, 2));
      i += 2;
      continue;
    }
    push(Token::Punct, std::string(1, c));
    ++i;
  }
  return out;
}

inline bool opens(const std::string& t) { return t == "(" || t == "[" || t == "{"; }
inline bool closes(const std::string& t) { return t == ")" || t == "]" || t == "}"; }

// One operand of a '+' chain starting at i: a literal, or a postfix expression
// (names joined by :: . ->, calls and subscripts, a parenthesised group). Returns its end.
inline std::size_t operandEnd(const std::vector<Token>& t, std::size_t i, std::size_t end) {
  std::size_t j = i;
  if (j < end && t[j].kind == Token::Literal) {
    while (j < end && t[j].kind == Token::Literal) ++j;
    return j;
  }
  while (j < end) {
    if (t[j].kind == Token::Word || t[j].text == "::" || t[j].text == "." || t[j].text == "->" || t[j].text == "*" ||
        t[j].text == "!" || t[j].text == "<" || t[j].text == ">") {
      // '<'/'>' only as template brackets right after a name (std::to_string<int> is rare; keep simple)
      if ((t[j].text == "<" || t[j].text == ">") && !(j > i && t[j - 1].kind == Token::Word && t[j].text == "<")) break;
      if (t[j].text == "<") {  // skip a template argument list
        int d = 0;
        for (; j < end; ++j) { if (t[j].text == "<") ++d; else if (t[j].text == ">" && --d == 0) { ++j; break; } }
        continue;
      }
      ++j;
      continue;
    }
    if (opens(t[j].text)) {
      int d = 0;
      for (; j < end; ++j) {
        if (opens(t[j].text)) ++d;
        else if (closes(t[j].text) && --d == 0) { ++j; break; }
      }
      continue;
    }
    break;
  }
  return j == i ? i + 1 : j;
}

inline bool isSentence(const std::string& text) {
  static const std::regex word("[a-z]{2,}");
  std::string stripped;
  for (std::size_t p = 0; p < text.size(); ++p) {
    if (text.compare(p, 2, "{}") == 0) { stripped += 'x'; ++p; continue; }
    stripped += text[p];
  }
  const auto first = stripped.find_first_not_of(' '), last = stripped.find_last_not_of(' ');
  if (first == std::string::npos) return false;
  stripped = stripped.substr(first, last - first + 1);
  return stripped.find(' ') != std::string::npos && std::regex_search(stripped, word);
}

// The literal chains of one statement t[begin, end).
inline void chains(const std::vector<Token>& t, std::size_t begin, std::size_t end, const std::string& file,
                   std::vector<ErrorLiteral>& out) {
  for (std::size_t i = begin; i < end; ++i) {
    if (t[i].kind != Token::Literal) continue;
    std::string text;
    if (i > begin && t[i - 1].text == "+") text += "{}";
    const int line = t[i].line;
    std::size_t j = i;
    // the literal itself, perhaps wrapped as std::string("...")
    while (j < end && t[j].kind == Token::Literal) text += t[j++].text;
    if (i >= 2 && t[i - 1].text == "(" && (t[i - 2].text == "string" || t[i - 2].text == "string_view") && j < end &&
        t[j].text == ")")
      ++j;
    while (j + 1 < end && t[j].text == "+") {
      const std::size_t k = operandEnd(t, j + 1, end);
      if (t[j + 1].kind == Token::Literal) {
        for (std::size_t m = j + 1; m < k; ++m) text += t[m].text;
      } else {
        text += "{}";
      }
      j = k;
    }
    // a text that starts or ends with a space is joined to something (a ternary's branch)
    if (text.front() == ' ') text = "{}" + text;
    if (text.back() == ' ') text += "{}";
    // later literals of this chain were consumed
    const std::size_t consumedTo = j;
    if (isSentence(text)) out.push_back({file, line, text});
    // skip the consumed literal run only (literals inside operand calls get their own chains)
    std::size_t k = i;
    while (k + 1 < consumedTo && t[k + 1].kind == Token::Literal) ++k;
    i = k;
    // literals after '+' in this chain are part of it: mark by skipping them explicitly
    for (std::size_t m = i + 1; m < consumedTo; ++m)
      if (t[m].kind == Token::Literal && m > 0 && t[m - 1].text == "+") i = m;
  }
}

inline bool endsWithError(const std::string& w) {
  return w.size() > 5 && (w.ends_with("Error") || w.ends_with("error")) && w != "runtime_error" &&
         w != "logic_error" && w != "system_error";
}

// The name of a function that throws an error whose message is one of its parameters
// ([[noreturn]] void bad(file, field, message, ...) { throw ValidationError(message, ...); }):
// its call sites build the message. Found from the throw statement at t[at].
inline std::string throwingHelper(const std::vector<Token>& t, std::size_t at) {
  // throw [ns::]XError ( ID , | ) : the message is a plain name
  std::size_t k = at + 1;
  while (k + 1 < t.size() && (t[k].kind == Token::Word || t[k].text == "::") && t[k + 1].text != "(") ++k;
  if (k + 3 >= t.size() || t[k + 1].text != "(" || t[k + 2].kind != Token::Word ||
      (t[k + 3].text != "," && t[k + 3].text != ")"))
    return "";
  const std::string id = t[k + 2].text;
  // the enclosing function header: walk back to the '{' that opens the body, then its ( ... )
  int depth = 0;
  for (std::size_t b = at; b-- > 0;) {
    if (t[b].text == "}") ++depth;
    else if (t[b].text == "{" && depth-- == 0) {
      std::size_t close = b;
      while (close > 0 && t[close - 1].kind == Token::Word) --close;  // const, noexcept
      if (close == 0 || t[close - 1].text != ")") return "";
      int d = 0;
      std::size_t open = close - 1;
      bool hasParam = false;
      for (; open > 0; --open) {
        if (t[open].text == ")") ++d;
        else if (t[open].text == "(" && --d == 0) break;
        if (t[open].kind == Token::Word && t[open].text == id) hasParam = true;
      }
      if (!hasParam || open == 0 || t[open - 1].kind != Token::Word) return "";
      const std::string& name = t[open - 1].text;
      if (name == "if" || name == "for" || name == "while" || name == "switch" || name == "catch") return "";
      return name;
    }
  }
  return "";
}

}  // namespace scan

// The names of the throwing helpers (scan::throwingHelper) in one source file's text.
inline std::vector<std::string> throwingHelpersOf(const std::string& source) {
  const auto t = scan::tokenize(source);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i].kind == scan::Token::Word && t[i].text == "throw")
      if (auto name = scan::throwingHelper(t, i); !name.empty()) names.push_back(name);
  return names;
}

// The error-text patterns of one source file's text; calls of the helpers count as error sites.
inline std::vector<ErrorLiteral> errorLiteralsOf(const std::string& source, const std::string& file,
                                                 const std::vector<std::string>& helpers = {}) {
  using scan::Token;
  const auto t = scan::tokenize(source);
  std::vector<ErrorLiteral> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool isThrow = t[i].kind == Token::Word && t[i].text == "throw";
    const bool isReturn = t[i].kind == Token::Word && t[i].text == "return";
    const bool isExpected = t[i].kind == Token::Word && t[i].text == "expected" && i + 1 < t.size() &&
                            (t[i + 1].text == "=" || t[i + 1].text == "+=") && i > 0 &&
                            (t[i - 1].text == "." || t[i - 1].text == "string" || t[i - 1].text == ";" ||
                             t[i - 1].text == "{" || t[i - 1].text == "}");
    // a problem a reader collects instead of throwing at once (GTFS: fatal(...), warn(...))
    const bool isProblem = t[i].kind == Token::Word &&
                           (t[i].text == "fatal" || t[i].text == "warn" ||
                            std::find(helpers.begin(), helpers.end(), t[i].text) != helpers.end()) &&
                           i + 1 < t.size() && t[i + 1].text == "(" && i > 0 && t[i - 1].text != "void";
    if (!isThrow && !isReturn && !isExpected && !isProblem) continue;
    std::size_t end = i + 1;
    int depth = 0;
    for (; end < t.size(); ++end) {
      if (isProblem && depth == 0 && t[end].text == "{") break;  // the helper's definition, not a call
      if (scan::opens(t[end].text)) ++depth;
      else if (scan::closes(t[end].text)) { if (--depth < 0) break; }
      else if (t[end].text == ";" && depth == 0) break;
    }
    if (isThrow) {
      // std:: exceptions are internal errors, not texts for users
      if (i + 2 < t.size() && t[i + 1].text == "std" && t[i + 2].text == "::") continue;
    }
    if (isReturn) {
      bool builds = false;
      for (std::size_t k = i + 1; k < end; ++k)
        if (t[k].kind == Token::Word && scan::endsWithError(t[k].text)) builds = true;
      if (!builds) continue;
    }
    scan::chains(t, i + 1, end, file, out);
  }
  return out;
}

// All error-text patterns under the given folders of root (*.cpp and *.h).
inline std::vector<ErrorLiteral> errorLiteralsUnder(const std::filesystem::path& root, const std::vector<std::string>& folders) {
  std::vector<ErrorLiteral> out;
  std::vector<std::filesystem::path> all;
  for (const auto& folder : folders) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root / folder))
      if (e.is_regular_file() && (e.path().extension() == ".cpp" || e.path().extension() == ".h")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    all.insert(all.end(), files.begin(), files.end());
  }
  std::vector<std::string> texts, helpers;
  for (const auto& p : all) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
    for (auto& h : throwingHelpersOf(texts.back()))
      if (std::find(helpers.begin(), helpers.end(), h) == helpers.end()) helpers.push_back(std::move(h));
  }
  for (std::size_t k = 0; k < all.size(); ++k) {
    auto found = errorLiteralsOf(texts[k], std::filesystem::relative(all[k], root).generic_string(), helpers);
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace ekm::test
