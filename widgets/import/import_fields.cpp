#include "import/import_fields.h"

#include <set>

namespace ekm::widgets {

namespace {

ImportField field(const char* name, QStringList aliases, QStringList hints, bool required, QString description) {
  return ImportField{QString::fromLatin1(name), std::move(aliases), std::move(hints), required, std::move(description)};
}

QStringList list(std::initializer_list<const char*> names) {
  QStringList out;
  for (const char* n : names) out << QString::fromUtf8(n);
  return out;
}

void addTimeFields(std::vector<ImportField>& fields) {
  fields.push_back(field("datetime", list({"timestamp", "time", "date_time"}), list({"日時", "日付時刻"}), false,
                         ImportFields::tr("Date and time (ISO 8601, JST unless an offset is given)")));
  fields.push_back(field("date", list({"day"}), list({"日付", "年月日"}), false,
                         ImportFields::tr("Date (YYYY-MM-DD), with an hour column")));
  fields.push_back(field("hour", list({"hh"}), list({"時間", "時", "時間帯"}), false, ImportFields::tr("Hour 0–23 (JST)")));
}

}  // namespace

QString ImportFields::kindLabel(io::ImportKind kind) {
  switch (kind) {
    case io::ImportKind::MeshPopulation: return tr("Mesh population");
    case io::ImportKind::Segments: return tr("Road segments");
    case io::ImportKind::SegmentCounts: return tr("Segment counts");
    case io::ImportKind::Stations: return tr("Stations");
    case io::ImportKind::StationRidership: return tr("Station ridership");
  }
  return {};
}

std::vector<ImportField> ImportFields::forKind(io::ImportKind kind, const QString& preset, bool vectorSource) {
  std::vector<ImportField> fields;
  switch (kind) {
    case io::ImportKind::MeshPopulation:
      fields.push_back(field("mesh_code", list({"mesh", "meshcode", "mesh_id", "mesh1kmid", "key_code"}),
                             list({"メッシュコード", "メッシュ", "メッシュID"}), true,
                             tr("JIS X 0410 mesh code")));
      if (preset == QLatin1String("jp-1km-open-data")) {
        fields.push_back(field("year", {}, list({"年"}), true, tr("Year")));
        fields.push_back(field("month", {}, list({"月"}), true, tr("Month")));
        fields.push_back(field("dayflag", {}, {}, true, tr("Day flag (0 holidays, 1 weekdays, 2 all)")));
        fields.push_back(field("timezone", {}, {}, true, tr("Time zone (0 daytime, 1 night, 2 all day)")));
      } else {
        addTimeFields(fields);
      }
      fields.push_back(field("population", list({"pop", "value", "count", "people"}),
                             list({"人口", "滞在人口", "人数"}), true, tr("Population (people)")));
      break;
    case io::ImportKind::SegmentCounts:
      fields.push_back(field("segment_id", list({"segment", "link_id", "id"}), list({"区間ID", "リンクID", "地点ID"}),
                             true, tr("Road segment id (as imported)")));
      addTimeFields(fields);
      fields.push_back(field("direction", list({"dir"}), list({"方向"}), false,
                             tr("Direction: both, forward or backward")));
      fields.push_back(field("mode", list({"travel_mode"}), list({"交通手段", "種別"}), true,
                             tr("Mode: pedestrian, bicycle or vehicle")));
      fields.push_back(field("count", list({"value", "volume"}), list({"通行量", "交通量", "台数", "人数"}), true,
                             tr("Count per hour")));
      break;
    case io::ImportKind::StationRidership:
      fields.push_back(field("station_id", list({"station", "id"}), list({"駅ID", "駅コード"}), true,
                             tr("Station id (as imported)")));
      addTimeFields(fields);
      fields.push_back(field("boardings", list({"boarding", "entries", "on"}), list({"乗車", "乗車人員", "乗車数"}),
                             false, tr("Boardings per hour")));
      fields.push_back(field("alightings", list({"alighting", "exits", "off"}), list({"降車", "降車人員", "降車数"}),
                             false, tr("Alightings per hour")));
      break;
    case io::ImportKind::Segments:
      fields.push_back(field("segment_id", list({"id"}), list({"区間ID", "リンクID"}), true, tr("Segment id attribute")));
      break;
    case io::ImportKind::Stations:
      fields.push_back(field("station_id", list({"id"}), list({"駅ID", "駅コード"}), true, tr("Station id")));
      if (!vectorSource) {
        fields.push_back(field("lat", list({"latitude"}), list({"緯度"}), true, tr("Latitude (degrees)")));
        fields.push_back(field("lon", list({"longitude", "lng"}), list({"経度"}), true, tr("Longitude (degrees)")));
        fields.push_back(field("name_ja", list({"name"}), list({"駅名"}), false, tr("Name (Japanese)")));
        fields.push_back(field("name_en", {}, list({"英語名"}), false, tr("Name (English)")));
        fields.push_back(field("operator", list({"company"}), list({"事業者", "事業者名"}), false, tr("Operator")));
        fields.push_back(field("lines", list({"line"}), list({"路線", "路線名"}), false, tr("Lines")));
      }
      break;
  }
  return fields;
}

std::map<QString, int> ImportFields::autoMatch(const std::vector<ImportField>& fields, const QStringList& header) {
  std::map<QString, int> out;
  std::set<int> used;
  auto take = [&](const ImportField& f, const QStringList& names) {
    for (const QString& name : names)
      for (int i = 0; i < header.size(); ++i)
        if (!used.count(i) && header[i].trimmed().compare(name, Qt::CaseInsensitive) == 0) {
          used.insert(i);
          out[f.name] = i;
          return true;
        }
    return false;
  };
  // The importer's own resolution first (in field order), then the hints for the rest.
  for (const auto& f : fields) take(f, QStringList{f.name} + f.aliases);
  for (const auto& f : fields)
    if (!out.count(f.name)) take(f, f.hints);
  // Time: a date-time column wins over date + hour, as in the importer.
  if (out.count(QStringLiteral("datetime"))) {
    out.erase(QStringLiteral("date"));
    out.erase(QStringLiteral("hour"));
  }
  return out;
}

QStringList ImportFields::missingFields(io::ImportKind kind, const QString& preset, bool vectorSource,
                                        const std::map<QString, int>& mapping) {
  QStringList missing;
  const bool monthly = kind == io::ImportKind::MeshPopulation && preset == QLatin1String("jp-1km-open-data");
  for (const auto& f : forKind(kind, preset, vectorSource))
    if (f.required && !mapping.count(f.name)) missing << f.name;
  if (isTimeSeries(kind) && !monthly && !vectorSource && !mapping.count(QStringLiteral("datetime")) &&
      !(mapping.count(QStringLiteral("date")) && mapping.count(QStringLiteral("hour"))))
    missing << QStringLiteral("datetime | date + hour");
  if (kind == io::ImportKind::StationRidership && !mapping.count(QStringLiteral("boardings")) &&
      !mapping.count(QStringLiteral("alightings")))
    missing << QStringLiteral("boardings | alightings");
  return missing;
}

}  // namespace ekm::widgets
