#include "ekm/io/csv_reader.h"

#include <algorithm>
#include <cstring>

#include "ekm/core/error.h"
#include "io_util.h"

namespace ekm::io {

CsvReader::CsvReader(TextInput& input, char delimiter) : m_input(input), m_delim(delimiter) {
  m_fields.reserve(32);
}

double CsvReader::progressFraction() const {
  const auto size = m_input.rawSize();
  if (size == 0) return 0;
  // Raw bytes read so far, scaled by the share of the decoded text already parsed.
  const double raw = std::min(1.0, static_cast<double>(m_input.rawBytesRead()) / static_cast<double>(size));
  if (m_delivered == 0) return raw;
  const double consumed = static_cast<double>(m_delivered - (m_buf.size() - m_pos));
  return raw * consumed / static_cast<double>(m_delivered);
}

bool CsvReader::refill() {
  if (m_eof) return false;
  if (m_pos > 0) {
    m_buf.erase(0, m_pos);
    m_pos = 0;
  }
  const std::size_t before = m_buf.size();
  if (!m_input.read(m_buf)) {
    m_eof = true;
    return false;
  }
  m_delivered += m_buf.size() - before;
  return true;
}

void CsvReader::splitSimple(char* begin, char* end) {
  m_fields.clear();
  char* p = begin;
  for (;;) {
    char* q = static_cast<char*>(std::memchr(p, m_delim, static_cast<std::size_t>(end - p)));
    if (!q) {
      m_fields.emplace_back(p, static_cast<std::size_t>(end - p));
      return;
    }
    m_fields.emplace_back(p, static_cast<std::size_t>(q - p));
    p = q + 1;
  }
}

// Parses one record that contains quotes, starting at `begin` (inside m_buf). Returns
// false if the buffer ends before the record does (caller refills and retries; nothing
// was modified). On success `consumed` is the record length including its newline.
bool CsvReader::splitQuoted(char* begin, std::size_t& consumed) {
  char* const bufEnd = m_buf.data() + m_buf.size();
  // Pass 1: find the end of the record without modifying anything.
  char* p = begin;
  bool inQuotes = false;
  char* recEnd = nullptr;
  std::int64_t newlines = 0;
  for (; p < bufEnd; ++p) {
    const char c = *p;
    if (inQuotes) {
      if (c == '"') {
        if (p + 1 < bufEnd && p[1] == '"') {
          ++p;
        } else if (p + 1 == bufEnd && !m_eof) {
          return false;  // cannot tell "" from " yet
        } else {
          inQuotes = false;
        }
      } else if (c == '\n') {
        ++newlines;
      }
    } else if (c == '"') {
      inQuotes = true;
    } else if (c == '\n') {
      recEnd = p;
      break;
    }
  }
  if (!recEnd) {
    if (!m_eof) return false;
    if (inQuotes)
      throw core::ParseError("unterminated quoted field",
                             ctx(path(), m_line, std::nullopt, "", "a closing '\"'", "end of file"));
    recEnd = bufEnd;
  }
  consumed = static_cast<std::size_t>(recEnd - begin) + (recEnd < bufEnd ? 1 : 0);
  m_nextLine += newlines;
  char* end = recEnd;
  if (end > begin && end[-1] == '\r') --end;
  // Pass 2: split and unescape in place.
  m_fields.clear();
  p = begin;
  for (;;) {
    char* fieldStart = p;
    if (p < end && *p == '"') {
      char* w = p;  // write position
      ++p;
      for (;;) {
        if (p >= end) break;
        if (*p == '"') {
          if (p + 1 < end && p[1] == '"') {
            *w++ = '"';
            p += 2;
            continue;
          }
          ++p;
          break;
        }
        *w++ = *p++;
      }
      // Characters after the closing quote up to the delimiter are kept verbatim.
      while (p < end && *p != m_delim) *w++ = *p++;
      m_fields.emplace_back(fieldStart, static_cast<std::size_t>(w - fieldStart));
    } else {
      while (p < end && *p != m_delim) ++p;
      m_fields.emplace_back(fieldStart, static_cast<std::size_t>(p - fieldStart));
    }
    if (p >= end) break;
    ++p;  // delimiter
    if (p == end) {
      m_fields.emplace_back(p, 0);
      break;
    }
  }
  return true;
}

bool CsvReader::next() {
  for (;;) {
    if (m_pos >= m_buf.size() && !refill()) return false;
    char* begin = m_buf.data() + m_pos;
    char* bufEnd = m_buf.data() + m_buf.size();
    char* nl = static_cast<char*>(std::memchr(begin, '\n', static_cast<std::size_t>(bufEnd - begin)));
    if (!nl && !m_eof) {
      const std::size_t before = m_buf.size() - m_pos;
      if (refill() || m_buf.size() - m_pos != before) continue;
      // refill hit EOF: the last line has no newline
      begin = m_buf.data() + m_pos;
      bufEnd = m_buf.data() + m_buf.size();
      nl = nullptr;
    }
    char* lineEnd = nl ? nl : bufEnd;
    m_line = m_nextLine;
    if (std::memchr(begin, '"', static_cast<std::size_t>(lineEnd - begin))) {
      std::size_t consumed = 0;
      while (!splitQuoted(m_buf.data() + m_pos, consumed)) {
        if (!refill()) m_eof = true;  // retry with m_eof set for the final record
      }
      ++m_nextLine;
      m_pos += consumed;
      return true;
    }
    ++m_nextLine;
    m_pos = nl ? static_cast<std::size_t>(nl - m_buf.data()) + 1 : m_buf.size();
    char* end = lineEnd;
    if (end > begin && end[-1] == '\r') --end;
    if (end == begin) continue;  // empty line
    splitSimple(begin, end);
    return true;
  }
}

}  // namespace ekm::io
