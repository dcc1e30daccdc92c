#pragma once
// The target fields of each import kind as the wizard's mapping page shows them: the canonical
// name the importer resolves (docs/import-mapping.md), the aliases it accepts, and extra hints
// (common Japanese headers) the wizard uses to pre-select a column, which it then names
// explicitly in the mapping it hands to the importer.
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <map>
#include <optional>
#include <vector>

#include "ekm/io/importers.h"

namespace ekm::widgets {

struct ImportField {
  QString name;          // canonical field ("mesh_code", "date", ...)
  QStringList aliases;   // what the importer itself matches (case-insensitive)
  QStringList hints;     // further names the wizard recognises (not known to the importer)
  bool required = false;
  QString description;   // translated, for the label
};

class ImportFields {
  Q_DECLARE_TR_FUNCTIONS(ImportFields)

 public:
  // The fields of a CSV import of `kind` under `preset` ("default", "jp-1km-open-data").
  // For vector sources (segments/stations from GDAL) only the id field is mapped.
  static std::vector<ImportField> forKind(io::ImportKind kind, const QString& preset, bool vectorSource);

  // Pre-selects a column for every field as the importer would resolve it (the field name
  // first, then its aliases, each column used once), then by the hints. Field -> column index.
  static std::map<QString, int> autoMatch(const std::vector<ImportField>& fields, const QStringList& header);

  // Fields the mapping leaves unresolvable: a required field without a column, or neither a
  // date-time column nor date + hour for time series. Empty when the mapping is complete.
  static QStringList missingFields(io::ImportKind kind, const QString& preset, bool vectorSource,
                                   const std::map<QString, int>& mapping);

  static bool isTimeSeries(io::ImportKind kind) {
    return kind == io::ImportKind::MeshPopulation || kind == io::ImportKind::SegmentCounts ||
           kind == io::ImportKind::StationRidership;
  }
  // Translated name of a kind ("Mesh population", ...).
  static QString kindLabel(io::ImportKind kind);
};

}  // namespace ekm::widgets
