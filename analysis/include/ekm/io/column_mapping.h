#pragma once
// Column mappings: how the columns of a delimited text file map onto an importer's
// canonical fields. Built from a preset ("default", "jp-1km-open-data") and optionally a
// JSON mapping file (format documented in docs/import-mapping.md).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ekm::io {

// Special layouts that change how rows are interpreted.
enum class MeshLayout {
  Hourly,            // mesh_code + (date, hour | datetime) + population (+ breakdowns)
  MonthlyDayTime,    // MLIT 1 km open data: year, month, dayflag, timezone
};

struct ColumnMapping {
  std::string preset = "default";
  char delimiter = ',';
  std::string encoding;                 // "" = not set (auto unless overridden)
  bool header = true;                   // first row holds column names
  std::vector<std::string> names;       // column names when header == false
  std::map<std::string, std::string> columns;  // canonical field -> source column
  std::optional<std::vector<std::string>> breakdowns;  // breakdown columns (default: all unmapped)
  std::vector<std::string> ignore;      // columns to skip
  std::vector<std::string> missing = {"", "*", "-"};  // tokens meaning "missing"
  // Per-field value translations, e.g. {"mode": {"歩行者": "pedestrian"}}.
  std::map<std::string, std::map<std::string, std::string>> values;
  MeshLayout meshLayout = MeshLayout::Hourly;
  std::optional<double> maxCount;       // "max_count": largest plausible value per row
};

// Names of the built-in presets.
std::vector<std::string> presetNames();
// Throws Error(Usage) for an unknown preset.
ColumnMapping presetMapping(const std::string& name);
// Loads a JSON mapping file on top of `base` (its "preset" key, if any, selects the base
// instead). Throws IoError / ParseError with the file name and the offending key.
ColumnMapping loadColumnMapping(const std::string& path, const ColumnMapping& base = ColumnMapping{});
// The same from a mapping's JSON text; `source` names it in errors (a file, or the import
// operation's parameters).
ColumnMapping columnMappingFromJson(const std::string& text, const std::string& source,
                                    const ColumnMapping& base = ColumnMapping{});

// Header lookup for one file: resolves canonical fields to column indices.
class ColumnResolver {
 public:
  ColumnResolver(const ColumnMapping& mapping, std::vector<std::string> header, std::string file);

  // Index of a canonical field: the mapped column if the mapping names one (missing in
  // the file -> ParseError "missing column"), else the first alias present in the
  // header (case-insensitive). nullopt if none is present.
  std::optional<std::size_t> find(const std::string& field, const std::vector<std::string>& aliases);
  // As find(), but throws ParseError naming the file, line 1 and the expected names.
  std::size_t require(const std::string& field, const std::vector<std::string>& aliases);
  // Columns neither resolved by find()/require() nor listed in `ignore`.
  std::vector<std::size_t> unusedColumns() const;
  bool isIgnored(std::size_t index) const;
  const std::vector<std::string>& header() const { return m_header; }
  std::size_t columnCount() const { return m_header.size(); }

 private:
  const ColumnMapping& m_mapping;
  std::vector<std::string> m_header;
  std::string m_file;
  std::vector<bool> m_used;
};

// Is the (already trimmed) value one of the mapping's missing tokens?
bool isMissingToken(const ColumnMapping& mapping, std::string_view value);
// Trims ASCII spaces and tabs.
std::string_view trim(std::string_view s);

}  // namespace ekm::io
