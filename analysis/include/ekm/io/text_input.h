#pragma once
// Text input for importers: plain or gzip-compressed files (detected by magic bytes),
// decoded to UTF-8. Encodings: UTF-8 with or without BOM, or Shift_JIS/CP932 (converted
// with iconv). Auto mode picks UTF-8 when the start of the file is valid UTF-8, else
// CP932. Invalid bytes raise EncodingError naming the file and line.
#include <cstdint>
#include <memory>
#include <string>

namespace ekm::io {

enum class TextEncoding { Auto, Utf8, Cp932 };

// "" / "auto", "utf-8"/"utf8", "cp932"/"shift_jis"/"sjis"/"windows-31j" (case-insensitive).
// Throws Error(Usage) on anything else.
TextEncoding textEncodingFromName(const std::string& name);
const char* textEncodingName(TextEncoding encoding);

class TextInput {
 public:
  // Opens the file; throws IoError if it cannot be read.
  TextInput(const std::string& path, TextEncoding encoding = TextEncoding::Auto);
  ~TextInput();
  TextInput(const TextInput&) = delete;
  TextInput& operator=(const TextInput&) = delete;

  // Appends up to about `maxBytes` of UTF-8 text to `out` (never splits a character).
  // Returns false (appending nothing) at the end of the file.
  bool read(std::string& out, std::size_t maxBytes = 4 << 20);

  const std::string& path() const;
  bool gzipped() const;
  TextEncoding encoding() const;  // the detected encoding once data was read
  std::uint64_t rawBytesRead() const;  // compressed bytes consumed so far (for progress)
  std::uint64_t rawSize() const;       // size of the file on disk

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Checks `data` for valid UTF-8. Returns the offset of the first invalid byte, or
// data.size() if valid. `incompleteTail` (if given) receives the length of a truncated
// but so far valid sequence at the very end (then the return value excludes it).
std::size_t validateUtf8(std::string_view data, std::size_t* incompleteTail = nullptr);

}  // namespace ekm::io
