#pragma once
// A feature picked on the map (a mesh cell, road segment or station of the project store) and
// its hourly series read from the store. The loaders are plain functions for worker threads:
// they take the thread's own store::Project and never touch widgets.
#include <QCoreApplication>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/series.h"
#include "ekm/store/project.h"
#include "render/map_layer.h"

namespace ekm::widgets {

using FeatureKind = render::IdentifyResult::FeatureKind;

struct FeatureRef {
  FeatureKind kind = FeatureKind::Other;
  std::int64_t fid = -1;  // store feature id
  QString title;          // mesh code, street name, station name
  QString layerName;

  static FeatureRef fromIdentify(const render::IdentifyResult& result);
  bool isValid() const { return fid >= 0 && kind != FeatureKind::Other; }
  bool sameFeature(const FeatureRef& o) const { return kind == o.kind && fid == o.fid; }
};

// What a series measures.
enum class Measure { Population, Pedestrians, Bicycles, Vehicles, Boardings, Alightings, Ridership };

struct MeasureSeries {
  Measure measure = Measure::Population;
  flow::HourlySeries series;  // NaN = missing (no row, or a NULL value)
};

// Translated names and units for charts, legends and CSV headers.
class FeatureSeriesText {
  Q_DECLARE_TR_FUNCTIONS(ekm::widgets::FeatureSeriesText)

 public:
  static QString measureLabel(Measure measure);  // "Population", "Pedestrians", ...
  static QString measureKey(Measure measure);    // "population", "pedestrians" (CSV; untranslated)
  static QString valueAxisTitle(FeatureKind kind);
  static QString kindLabel(FeatureKind kind);    // "Mesh cell", "Road segment", "Station"
};

// The store table that holds a kind's series ("mesh_population", ...); nullptr for Other.
const char* seriesTable(FeatureKind kind);
// The hours [first, last] of a kind's table, nullopt when it is empty (or for Other).
std::optional<store::TimeRange> seriesTimeRange(const store::Project& project, FeatureKind kind);

// Every hour in [from, to] (inclusive): a missing row and a NULL value are both NaN.
flow::HourlySeries denseSeries(const std::vector<store::TimeValue>& values, core::HourKey from, core::HourKey to);

// The series of one feature over [from, to]:
//  - detailed (the Inspector): cells population; segments pedestrians, plus bicycles and
//    vehicles when they have any value; stations boardings and alightings;
//  - not detailed (the Charts dock): one series, the feature's main measure (population,
//    pedestrians, ridership = boardings + alightings, NaN only when both are missing).
// Polls the feedback between reads (throws core::CancelledError).
std::vector<MeasureSeries> loadFeatureSeries(const store::Project& project, FeatureKind kind, std::int64_t fid,
                                             core::HourKey from, core::HourKey to, bool detailed,
                                             core::Feedback& feedback);

}  // namespace ekm::widgets
