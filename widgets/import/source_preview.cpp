#include "import/source_preview.h"

#include <QFile>
#include <QSet>
#include <exception>

#include "ekm/geo/vector_source.h"
#include "ekm/io/csv_reader.h"
#include "import/import_fields.h"
#include "tasks/error_text.h"

namespace ekm::widgets {

namespace {

// The delimiter of the first line: the most frequent of comma, tab and semicolon (comma on a tie).
char detectDelimiter(const std::string& path, io::TextEncoding encoding) {
  io::TextInput input(path, encoding);
  std::string text;
  while (text.find('\n') == std::string::npos && input.read(text, 1 << 16)) {
    if (text.size() > (1 << 20)) break;
  }
  const std::string line = text.substr(0, text.find('\n'));
  char best = ',';
  std::size_t bestCount = 0;
  for (char c : {',', '\t', ';'}) {
    const auto n = static_cast<std::size_t>(std::count(line.begin(), line.end(), c));
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

void readText(SourcePreview& preview, io::TextEncoding encoding, int maxRows) {
  const std::string path = QFile::encodeName(preview.path).toStdString();
  preview.delimiter = detectDelimiter(path, encoding);
  io::TextInput input(path, encoding);
  io::CsvReader reader(input, preview.delimiter);
  auto row = [&reader] {
    QStringList fields;
    for (auto f : reader.fields()) fields << QString::fromUtf8(f.data(), static_cast<qsizetype>(f.size()));
    return fields;
  };
  if (reader.next()) {
    preview.header = row();
    for (QString& h : preview.header) h = h.trimmed();
  }
  while (preview.rows.size() < maxRows && reader.next()) preview.rows << row();
  preview.gzipped = input.gzipped();
  preview.encoding = input.encoding();
}

void readVector(SourcePreview& preview, int maxRows) {
  geo::VectorLayerSource source = geo::openVectorLayer(QFile::encodeName(preview.path).toStdString());
  OGRLayer* layer = source.layer;
  preview.layerName = QString::fromUtf8(layer->GetName());
  OGRwkbGeometryType type = wkbFlatten(layer->GetGeomType());
  preview.featureCount = layer->GetFeatureCount(TRUE);
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) preview.header << QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef());
  layer->ResetReading();
  while (preview.rows.size() < maxRows) {
    OGRFeatureUniquePtr feature(layer->GetNextFeature());
    if (!feature) break;
    if (type == wkbUnknown && feature->GetGeometryRef()) type = wkbFlatten(feature->GetGeometryRef()->getGeometryType());
    QStringList values;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      values << (feature->IsFieldSetAndNotNull(i) ? QString::fromUtf8(feature->GetFieldAsString(i)) : QString());
    preview.rows << values;
  }
  preview.geometryType = QString::fromUtf8(OGRGeometryTypeToName(type));
}

bool hasAny(const QSet<QString>& header, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (header.contains(QString::fromUtf8(n).toLower())) return true;
  return false;
}

bool matchesField(const QSet<QString>& header, const ImportField& field) {
  for (const QString& n : QStringList{field.name} + field.aliases + field.hints)
    if (header.contains(n.toLower())) return true;
  return false;
}

}  // namespace

bool SourcePreviewReader::isTextPath(const QString& path) {
  QString p = path.toLower();
  if (p.endsWith(QLatin1String(".gz"))) p.chop(3);
  return p.endsWith(QLatin1String(".csv")) || p.endsWith(QLatin1String(".txt")) || p.endsWith(QLatin1String(".tsv"));
}

SourcePreview SourcePreviewReader::read(const QString& path, io::TextEncoding encoding, int maxRows) {
  SourcePreview preview;
  preview.path = path;
  preview.text = isTextPath(path);
  try {
    if (preview.text) readText(preview, encoding, maxRows);
    else readVector(preview, maxRows);
  } catch (const std::exception& e) {
    preview.error = errorText(e);
  }
  return preview;
}

std::optional<io::ImportKind> SourcePreviewReader::detectKind(const SourcePreview& preview, QString* preset) {
  if (preset) *preset = QStringLiteral("default");
  QSet<QString> header;
  for (const QString& h : preview.header) header.insert(h.trimmed().toLower());
  auto idOf = [&](io::ImportKind kind) { return ImportFields::forKind(kind, QStringLiteral("default"), !preview.text).front(); };
  if (!preview.text) {
    const QString type = preview.geometryType.toLower();
    if (type.contains(QLatin1String("line"))) return io::ImportKind::Segments;
    if (type.contains(QLatin1String("point"))) return io::ImportKind::Stations;
    if (matchesField(header, idOf(io::ImportKind::Segments)) && !header.contains(QStringLiteral("id")))
      return io::ImportKind::Segments;
    return std::nullopt;
  }
  if (matchesField(header, idOf(io::ImportKind::MeshPopulation))) {
    if (preset && hasAny(header, {"dayflag"}) && hasAny(header, {"timezone"}) && hasAny(header, {"year"}))
      *preset = QStringLiteral("jp-1km-open-data");
    return io::ImportKind::MeshPopulation;
  }
  const bool stationId = hasAny(header, {"station_id", "station", "駅id", "駅コード"});
  const bool ridership = hasAny(header, {"boardings", "boarding", "entries", "alightings", "alighting", "exits",
                                         "乗車", "降車", "乗車人員", "降車人員"});
  if (stationId && ridership) return io::ImportKind::StationRidership;
  const bool position = hasAny(header, {"lat", "latitude", "緯度"}) && hasAny(header, {"lon", "longitude", "lng", "経度"});
  if (position && (stationId || hasAny(header, {"id"}))) return io::ImportKind::Stations;
  const bool segmentId = hasAny(header, {"segment_id", "segment", "link_id", "区間id", "リンクid"});
  const bool counts = hasAny(header, {"count", "volume", "mode", "travel_mode", "通行量", "交通量"});
  if (segmentId && counts) return io::ImportKind::SegmentCounts;
  if (ridership && hasAny(header, {"id"})) return io::ImportKind::StationRidership;
  if (counts && hasAny(header, {"id"})) return io::ImportKind::SegmentCounts;
  return std::nullopt;
}

QString SourcePreviewReader::encodingLabel(io::TextEncoding encoding) {
  switch (encoding) {
    case io::TextEncoding::Utf8: return tr("UTF-8");
    case io::TextEncoding::Cp932: return tr("CP932 (Shift_JIS)");
    case io::TextEncoding::Auto: return tr("ASCII (UTF-8)");
  }
  return {};
}

}  // namespace ekm::widgets
