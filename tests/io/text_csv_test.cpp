// Text input (gzip, encodings), the CSV reader, SHA-256 and column mappings.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/io/column_mapping.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/sha256.h"
#include "ekm/io/text_input.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace ekm;

namespace {

const std::string kData = std::string(EKM_TEST_DATA_DIR) + "/io/";

using ekm_test::TempDir;

std::string readAll(io::TextInput& in) {
  std::string out;
  while (in.read(out, 64)) {
  }
  return out;
}

std::vector<std::vector<std::string>> parseAll(const std::string& path, io::TextEncoding enc = io::TextEncoding::Auto) {
  io::TextInput in(path, enc);
  io::CsvReader csv(in);
  std::vector<std::vector<std::string>> rows;
  while (csv.next()) {
    std::vector<std::string> r;
    for (auto f : csv.fields()) r.emplace_back(f);
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

TEST(Sha256, PublishedVectors) {
  // FIPS 180-2 examples.
  io::Sha256 a;
  a.update("abc", 3);
  EXPECT_EQ(a.hexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  io::Sha256 e;
  EXPECT_EQ(e.hexDigest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  io::Sha256 two;
  const std::string m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  two.update(m.data(), m.size());
  EXPECT_EQ(two.hexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  io::Sha256 million;  // one million 'a', fed in odd-sized pieces
  const std::string chunk(997, 'a');
  std::size_t left = 1000000;
  while (left > 0) {
    const std::size_t n = std::min(left, chunk.size());
    million.update(chunk.data(), n);
    left -= n;
  }
  EXPECT_EQ(million.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, FileMatchesSha256sum) {
  // Reference values from `sha256sum` / Python hashlib.
  EXPECT_EQ(io::sha256File(kData + "mesh_utf8.csv"), "83821e48cd78342bbc2d25d004b6889901bceef5dfdd7458a6b5306e7fb18b72");
  EXPECT_EQ(io::sha256File(kData + "mesh_datetime.csv.gz"),
            "d7623e98350252c3393ee7a160acbced8f5ceffb045cd49e94759bbddeccde73");
  TempDir dir;
  std::string bytes;
  for (int i = 0; i < 1000; ++i)
    for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  EXPECT_EQ(io::sha256File(dir.write("bin", bytes)),
            "b57b64b198d5d59ce5a22a9b9f25e72a7d081476d432051aa923f3dbebb90934");
  EXPECT_THROW(io::sha256File(dir.str("missing")), core::IoError);
}

TEST(TextInput, Utf8BomIsStripped) {
  io::TextInput in(kData + "mesh_utf8_bom.csv");
  const std::string text = readAll(in);
  EXPECT_EQ(text.rfind("mesh_code,date,hour,居住地,population\n", 0), 0u);
  EXPECT_EQ(in.encoding(), io::TextEncoding::Utf8);
  EXPECT_FALSE(in.gzipped());
}

TEST(TextInput, Cp932IsDetectedAndConverted) {
  io::TextInput in(kData + "mesh_cp932.csv");
  const std::string text = readAll(in);
  EXPECT_EQ(in.encoding(), io::TextEncoding::Cp932);
  EXPECT_EQ(text.rfind("メッシュコード,日付,時間,性別,人口\r\n", 0), 0u);
  EXPECT_NE(text.find("53393569124,2025-03-27,9,女性,＊\r\n"), std::string::npos);
}

TEST(TextInput, GzipIsDetectedByMagicBytes) {
  io::TextInput in(kData + "mesh_datetime.csv.gz");
  const std::string text = readAll(in);
  EXPECT_TRUE(in.gzipped());
  EXPECT_EQ(text.rfind("mesh_code,datetime,population\n53393569123,2025-03-27T09:00,5\n", 0), 0u);
  // Same content under a name without .gz: detection is by content, not by name.
  TempDir dir;
  std::ifstream f(kData + "mesh_datetime.csv.gz", std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(f)), {});
  io::TextInput in2(dir.write("renamed.csv", raw));
  EXPECT_EQ(readAll(in2), text);
}

TEST(TextInput, ConcatenatedGzipMembersAndCp932InsideGzip) {
  TempDir dir;
  // Python: gzip.compress('名前\n'.encode('cp932')) + gzip.compress(b'a,b\n') built with zlib here.
  auto gz = [](const std::string& s) {
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(s.size() + 128, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
    zs.avail_in = static_cast<uInt>(s.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  };
  const std::string cp932Name = "\x96\xBC\x91\x4F\n";  // 名前 in CP932
  io::TextInput in(dir.write("x.gz", gz(cp932Name) + gz("a,b\n")));
  EXPECT_EQ(readAll(in), "名前\na,b\n");
}

TEST(TextInput, InvalidUtf8NamesTheLine) {
  TempDir dir;
  const auto p = dir.write("bad.csv", "a,b\n1,2\n3,\xff\xfe\n");
  io::TextInput in(p, io::TextEncoding::Utf8);
  try {
    readAll(in);
    FAIL() << "expected EncodingError";
  } catch (const core::EncodingError& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::Encoding);
    EXPECT_EQ(e.context().line, 3);
    EXPECT_EQ(e.context().file, p);
    EXPECT_NE(std::string(e.what()).find("0xFF"), std::string::npos) << e.what();
  }
}

TEST(TextInput, AutoModeFallsBackToCp932AfterAsciiPrefix) {
  TempDir dir;
  // 5 MB of ASCII first: the first chunk cannot decide; the CP932 bytes come later.
  std::string s = "id,name\n";
  while (s.size() < 5'000'000) s += "12345,abcdefghij\n";
  s += "9,\x93\x8C\x8B\x9E\n";  // 東京
  io::TextInput in(dir.write("late.csv", s));
  const std::string text = readAll(in);
  EXPECT_EQ(in.encoding(), io::TextEncoding::Cp932);
  EXPECT_EQ(text.substr(text.size() - 9), "9,東京\n");
}

TEST(TextInput, InvalidCp932NamesTheLine) {
  TempDir dir;
  const auto p = dir.write("bad932.csv", "a\n\x93\x8C\n\x85\x40\n");  // 0x8540 is unassigned in CP932
  io::TextInput in(p, io::TextEncoding::Cp932);
  try {
    readAll(in);
    FAIL() << "expected EncodingError";
  } catch (const core::EncodingError& e) {
    EXPECT_EQ(e.context().line, 3) << e.what();
  }
}

// Auto mode counts the lines of its ASCII-only chunks 8 bytes at a time: the line of a bad
// byte 5 MB (two chunks) into the file, after lines of every length 1..40 (so newlines fall
// on every offset of a word), is the line a plain count gives.
TEST(TextInput, AutoModeCountsAsciiLinesForALateBadByte) {
  TempDir dir;
  std::string s = "id,name\n";
  for (int k = 0; s.size() < 5'000'000; ++k) s += std::string(static_cast<std::size_t>(k % 40), 'x') + "\n";
  const auto line = std::count(s.begin(), s.end(), '\n') + 1;
  s += "9,\x93\x8C\n\x85\x40\n";  // CP932 (decides the encoding), then an unassigned CP932 code
  const auto p = dir.write("late932.csv", s);
  io::TextInput in(p);
  try {
    readAll(in);
    FAIL() << "expected EncodingError";
  } catch (const core::EncodingError& e) {
    EXPECT_EQ(e.context().line, line + 1) << e.what();
  }
}

TEST(TextInput, EncodingNames) {
  EXPECT_EQ(io::textEncodingFromName(""), io::TextEncoding::Auto);
  EXPECT_EQ(io::textEncodingFromName("UTF-8"), io::TextEncoding::Utf8);
  EXPECT_EQ(io::textEncodingFromName("Shift_JIS"), io::TextEncoding::Cp932);
  EXPECT_THROW(io::textEncodingFromName("latin1"), core::Error);
}

TEST(Utf8, Validator) {
  EXPECT_EQ(io::validateUtf8("abc"), 3u);
  EXPECT_EQ(io::validateUtf8("a\xC0\x80"), 1u);           // overlong
  EXPECT_EQ(io::validateUtf8("a\xED\xA0\x80"), 1u);       // surrogate
  EXPECT_EQ(io::validateUtf8("東京"), std::string("東京").size());
  std::size_t tail = 0;
  EXPECT_EQ(io::validateUtf8("ab\xE6\x9D", &tail), 2u);  // truncated 東
  EXPECT_EQ(tail, 2u);
}

TEST(CsvReader, QuotesCrlfAndLineNumbers) {
  TempDir dir;
  const auto p = dir.write("q.csv",
                           "a,b,c\r\n"
                           "1,\"x, y\",3\r\n"
                           "\r\n"
                           "\"he said \"\"hi\"\"\",,\"\"\r\n"
                           "\"multi\nline\",2,3\r\n"
                           "last,row,no-newline");
  io::TextInput in(p);
  io::CsvReader csv(in);
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.line(), 1);
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.line(), 2);
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[1], "x, y");
  EXPECT_EQ(csv[2], "3");
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.line(), 4);  // the empty line 3 is skipped
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[0], "he said \"hi\"");
  EXPECT_EQ(csv[1], "");
  EXPECT_EQ(csv[2], "");
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.line(), 5);
  EXPECT_EQ(csv[0], "multi\nline");
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.line(), 7);
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[2], "no-newline");
  EXPECT_FALSE(csv.next());
}

TEST(CsvReader, UnterminatedQuoteIsAParseError) {
  TempDir dir;
  io::TextInput in(dir.write("u.csv", "a,b\n1,\"open\n2,3\n"));
  io::CsvReader csv(in);
  ASSERT_TRUE(csv.next());
  try {
    csv.next();
    FAIL();
  } catch (const core::ParseError& e) {
    EXPECT_EQ(e.context().line, 2);
    EXPECT_NE(std::string(e.what()).find("unterminated"), std::string::npos);
  }
}

TEST(CsvReader, LargeFileAcrossChunkBoundaries) {
  // ~12 MB: records straddle the reader's 4 MB chunks, some quoted with embedded
  // newlines and doubled quotes. Every record is compared with what was written.
  TempDir dir;
  std::mt19937 rng(42);
  std::string s;
  std::vector<std::vector<std::string>> expected;
  std::int64_t physicalLine = 1;
  std::vector<std::int64_t> lines;
  while (s.size() < 12'000'000) {
    std::vector<std::string> rec;
    std::string line;
    const int nf = 4;
    std::int64_t extraLines = 0;
    for (int i = 0; i < nf; ++i) {
      std::string v = std::to_string(rng() % 100000);
      const int kind = static_cast<int>(rng() % 50);
      if (kind == 0) v += ",comma";
      if (kind == 1) v += "\nnewline";
      if (kind == 2) v += "\"quote\"";
      const bool quote = kind <= 2;
      if (i) line += ',';
      if (quote) {
        std::string q;
        for (char c : v) {
          if (c == '"') q += '"';
          if (c == '\n') ++extraLines;
          q += c;
        }
        line += '"' + q + '"';
      } else {
        line += v;
      }
      rec.push_back(v);
    }
    s += line + ((rng() % 2) ? "\r\n" : "\n");
    expected.push_back(rec);
    lines.push_back(physicalLine);
    physicalLine += 1 + extraLines;
  }
  io::TextInput in(dir.write("big.csv", s));
  io::CsvReader csv(in);
  std::size_t n = 0;
  while (csv.next()) {
    ASSERT_LT(n, expected.size());
    ASSERT_EQ(csv.size(), expected[n].size()) << "record " << n;
    for (std::size_t i = 0; i < csv.size(); ++i) ASSERT_EQ(csv[i], expected[n][i]) << "record " << n;
    ASSERT_EQ(csv.line(), lines[n]);
    ++n;
  }
  EXPECT_EQ(n, expected.size());
  EXPECT_DOUBLE_EQ(csv.progressFraction(), 1.0);
}

TEST(CsvReader, Cp932RecordsAreUtf8) {
  const auto rows = parseAll(kData + "mesh_cp932.csv");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0][0], "メッシュコード");
  EXPECT_EQ(rows[2][3], "男性");
}

TEST(ColumnMapping, PresetsAndFile) {
  const auto def = io::presetMapping("default");
  EXPECT_EQ(def.meshLayout, io::MeshLayout::Hourly);
  const auto mlit = io::presetMapping("jp-1km-open-data");
  EXPECT_EQ(mlit.meshLayout, io::MeshLayout::MonthlyDayTime);
  EXPECT_EQ(mlit.columns.at("mesh_code"), "mesh1kmid");
  EXPECT_THROW(io::presetMapping("nope"), core::Error);

  const auto m = io::loadColumnMapping(kData + "mesh_cp932_mapping.json");
  EXPECT_EQ(m.encoding, "cp932");
  EXPECT_EQ(m.columns.at("population"), "人口");
  ASSERT_TRUE(m.breakdowns.has_value());
  EXPECT_EQ(m.breakdowns->at(0), "性別");
  EXPECT_TRUE(io::isMissingToken(m, "＊"));

  TempDir dir;
  try {
    io::loadColumnMapping(dir.write("bad.json", "{\"colums\": {}}"));
    FAIL();
  } catch (const core::ParseError& e) {
    EXPECT_EQ(e.context().field, "colums");
  }
  EXPECT_THROW(io::loadColumnMapping(dir.write("bad2.json", "{\"columns\": [1]")), core::ParseError);
  EXPECT_THROW(io::loadColumnMapping(dir.write("bad3.json", "{\"header\": false}")), core::ParseError);
}

TEST(ColumnResolver, AliasesAndMissingColumns) {
  io::ColumnMapping m;
  io::ColumnResolver r(m, {"Mesh", "DATE", "hour", "pop", "extra"}, "f.csv");
  EXPECT_EQ(r.find("mesh_code", {"mesh"}), 0u);
  EXPECT_EQ(r.require("date", {}), 1u);
  EXPECT_EQ(r.require("population", {"pop"}), 3u);
  EXPECT_FALSE(r.find("datetime", {"timestamp"}).has_value());
  try {
    r.require("count", {"value"});
    FAIL();
  } catch (const core::ParseError& e) {
    EXPECT_EQ(e.context().file, "f.csv");
    EXPECT_EQ(e.context().line, 1);
    EXPECT_NE(e.context().expected.find("'count'"), std::string::npos);
    EXPECT_NE(e.context().found.find("extra"), std::string::npos);
  }
  const auto unused = r.unusedColumns();
  ASSERT_EQ(unused.size(), 2u);  // hour, extra
  EXPECT_EQ(unused[1], 4u);
}
