#pragma once
// A fast CSV reader (RFC 4180: quoted fields, "" escapes, CRLF or LF) over a TextInput.
// Fields are string_views into an internal buffer, valid until the next call of next();
// no per-field allocation. Line numbers are physical lines (1-based) for error messages.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ekm/io/text_input.h"

namespace ekm::io {

class CsvReader {
 public:
  explicit CsvReader(TextInput& input, char delimiter = ',');

  // Reads the next record; skips empty lines. Returns false at the end of the input.
  // Throws ParseError on an unterminated quoted field.
  bool next();

  std::size_t size() const { return m_fields.size(); }
  std::string_view field(std::size_t i) const { return m_fields[i]; }
  std::string_view operator[](std::size_t i) const { return m_fields[i]; }
  const std::vector<std::string_view>& fields() const { return m_fields; }
  std::int64_t line() const { return m_line; }  // line where the current record starts
  const std::string& path() const { return m_input.path(); }
  // Fraction [0, 1] of the raw file consumed (approximate, for progress).
  double progressFraction() const;

 private:
  bool refill();
  void splitSimple(char* begin, char* end);
  bool splitQuoted(char* begin, std::size_t& consumed);

  TextInput& m_input;
  char m_delim;
  std::string m_buf;
  std::size_t m_pos = 0;
  bool m_eof = false;
  std::uint64_t m_delivered = 0;  // decoded bytes received from the input
  std::int64_t m_nextLine = 1;
  std::int64_t m_line = 0;
  std::vector<std::string_view> m_fields;
};

}  // namespace ekm::io
