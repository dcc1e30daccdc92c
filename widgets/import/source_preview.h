#pragma once
// A first look at an import source: for text files (CSV, optionally gzip-compressed) the
// header and the first rows decoded with the detected (or chosen) encoding; for GDAL vector
// sources the layer, its geometry type, its attribute names and the first features. From
// that, the import kind is guessed (CSV headers; vector geometry type and fields).
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

#include "ekm/io/importers.h"
#include "ekm/io/text_input.h"

namespace ekm::widgets {

struct SourcePreview {
  QString path;
  bool text = false;  // a delimited text file (else a GDAL vector source)
  QStringList header;  // CSV columns or vector attribute names
  QList<QStringList> rows;
  // Text: the encoding the rows were decoded with. With Auto, Utf8 or Cp932 once the first
  // non-ASCII bytes decided it, Auto while the rows read were plain ASCII.
  io::TextEncoding encoding = io::TextEncoding::Auto;
  bool gzipped = false;
  char delimiter = ',';
  // Vector.
  QString layerName;
  QString geometryType;  // "LineString", "Point", ...
  qint64 featureCount = -1;
  // Why the source could not be read (e.g. invalid bytes for the chosen encoding); empty when fine.
  QString error;

  bool ok() const { return error.isEmpty(); }
};

class SourcePreviewReader {
  Q_DECLARE_TR_FUNCTIONS(SourcePreviewReader)

 public:
  // Text by extension: .csv, .txt, .tsv (optionally .gz); everything else goes to GDAL.
  static bool isTextPath(const QString& path);
  // Reads at most `maxRows` data rows. Never throws: failures are in `error`.
  static SourcePreview read(const QString& path, io::TextEncoding encoding = io::TextEncoding::Auto,
                            int maxRows = 20);
  // The kind the source looks like, and the preset its header suggests ("default" or
  // "jp-1km-open-data"); nullopt when the header matches no kind.
  static std::optional<io::ImportKind> detectKind(const SourcePreview& preview, QString* preset = nullptr);
  // "UTF-8", "CP932 (Shift_JIS)" or "ASCII (UTF-8)" for a detected encoding.
  static QString encodingLabel(io::TextEncoding encoding);
};

}  // namespace ekm::widgets
