#pragma once
// Value encodings between the store and PostgreSQL's text formats (internal to store/): hex
// (bytea, EWKB), ISO WKB <-> PostGIS EWKB, COPY text escapes and numbers.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ekm::store::pg {

void appendHex(std::string& out, const unsigned char* p, std::size_t n);
// Throws core::Error naming `where` on a malformed value.
std::vector<unsigned char> fromHex(std::string_view hex, const std::string& where);

// ISO WKB (a GeoPackage blob's body) -> hex EWKB with the SRID, as PostGIS reads it.
void appendEwkbHex(std::string& out, const unsigned char* wkb, std::size_t size, int srid, const std::string& where);
// EWKB -> ISO WKB (the SRID dropped, Z/M flags back to ISO type codes); sets `srid` when present.
std::vector<unsigned char> isoWkbFromEwkb(const std::vector<unsigned char>& ewkb, int& srid, const std::string& where);
// A GeoPackage geometry blob -> hex EWKB of its body; throws on a blob that is not one.
std::string ewkbHexFromGpkg(const std::vector<unsigned char>& blob, int srid, const std::string& where);

// COPY text format: backslash escapes for the characters that delimit fields and rows.
void appendCopyText(std::string& out, const char* s, std::size_t n);
std::string unescapeCopyText(std::string_view s);
// Shortest text that reads back as the same double.
void appendDouble(std::string& out, double v);
// A double or integer from PostgreSQL's text output; throws naming `where` on anything else.
double parseDouble(std::string_view s, const std::string& where);
long long parseInt(std::string_view s, const std::string& where);

}  // namespace ekm::store::pg
