#include "inspect/feature_series.h"

#include <cmath>
#include <limits>

#include "ekm/store/series.h"

namespace ekm::widgets {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

FeatureRef FeatureRef::fromIdentify(const render::IdentifyResult& result) {
  FeatureRef ref;
  ref.kind = result.kind;
  ref.fid = result.fid;
  ref.title = result.title;
  ref.layerName = result.layerName;
  return ref;
}

QString FeatureSeriesText::measureLabel(Measure measure) {
  switch (measure) {
    case Measure::Population:
      return tr("Population");
    case Measure::Pedestrians:
      return tr("Pedestrians");
    case Measure::Bicycles:
      return tr("Bicycles");
    case Measure::Vehicles:
      return tr("Vehicles");
    case Measure::Boardings:
      return tr("Boardings");
    case Measure::Alightings:
      return tr("Alightings");
    case Measure::Ridership:
      return tr("Boardings + alightings");
  }
  return {};
}

QString FeatureSeriesText::measureKey(Measure measure) {
  switch (measure) {
    case Measure::Population:
      return QStringLiteral("population");
    case Measure::Pedestrians:
      return QStringLiteral("pedestrians");
    case Measure::Bicycles:
      return QStringLiteral("bicycles");
    case Measure::Vehicles:
      return QStringLiteral("vehicles");
    case Measure::Boardings:
      return QStringLiteral("boardings");
    case Measure::Alightings:
      return QStringLiteral("alightings");
    case Measure::Ridership:
      return QStringLiteral("ridership");
  }
  return {};
}

QString FeatureSeriesText::valueAxisTitle(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::MeshCell:
      return tr("People");
    case FeatureKind::Segment:
      return tr("Count per hour");
    case FeatureKind::Station:
      return tr("Passengers per hour");
    case FeatureKind::Other:
      break;
  }
  return {};
}

QString FeatureSeriesText::kindLabel(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::MeshCell:
      return tr("Mesh cell");
    case FeatureKind::Segment:
      return tr("Road segment");
    case FeatureKind::Station:
      return tr("Station");
    case FeatureKind::Other:
      break;
  }
  return tr("Feature");
}

const char* seriesTable(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::MeshCell:
      return store::seriesKindTable(store::SeriesKind::MeshPopulation);
    case FeatureKind::Segment:
      return store::seriesKindTable(store::SeriesKind::SegmentCounts);
    case FeatureKind::Station:
      return store::seriesKindTable(store::SeriesKind::StationRidership);
    case FeatureKind::Other:
      break;
  }
  return nullptr;
}

std::optional<store::TimeRange> seriesTimeRange(const store::Project& project, FeatureKind kind) {
  const char* table = seriesTable(kind);
  if (!table) return std::nullopt;
  return project.timeRange(table);
}

flow::HourlySeries denseSeries(const std::vector<store::TimeValue>& values, core::HourKey from, core::HourKey to) {
  flow::HourlySeries series;
  series.start = from;
  if (to < from) return series;
  series.values.assign(static_cast<std::size_t>(to - from + 1), kNaN);
  for (const store::TimeValue& tv : values)
    if (tv.t >= from && tv.t <= to) series.values[static_cast<std::size_t>(tv.t - from)] = tv.value;
  return series;
}

std::vector<MeasureSeries> loadFeatureSeries(const store::Project& project, FeatureKind kind, std::int64_t fid,
                                             core::HourKey from, core::HourKey to, bool detailed,
                                             core::Feedback& feedback) {
  std::vector<MeasureSeries> out;
  feedback.throwIfCancelled();
  switch (kind) {
    case FeatureKind::MeshCell:
      out.push_back({Measure::Population, denseSeries(project.meshPopulationSeries(fid, from, to), from, to)});
      break;
    case FeatureKind::Segment: {
      out.push_back({Measure::Pedestrians,
                     denseSeries(project.segmentCountSeries(fid, from, to, store::TravelMode::Pedestrian), from, to)});
      if (!detailed) break;
      for (auto [mode, measure] : {std::pair{store::TravelMode::Bicycle, Measure::Bicycles},
                                   std::pair{store::TravelMode::Vehicle, Measure::Vehicles}}) {
        feedback.throwIfCancelled();
        MeasureSeries s{measure, denseSeries(project.segmentCountSeries(fid, from, to, mode), from, to)};
        if (s.series.presentCount() > 0) out.push_back(std::move(s));
      }
      break;
    }
    case FeatureKind::Station: {
      const auto rows = project.stationRidershipSeries(fid, from, to);
      std::vector<store::TimeValue> boardings, alightings, total;
      boardings.reserve(rows.size());
      alightings.reserve(rows.size());
      total.reserve(rows.size());
      for (const auto& [b, a] : rows) {
        boardings.push_back(b);
        alightings.push_back(a);
        const bool hasB = !std::isnan(b.value), hasA = !std::isnan(a.value);
        total.push_back({b.t, hasB || hasA ? (hasB ? b.value : 0.0) + (hasA ? a.value : 0.0) : kNaN});
      }
      if (detailed) {
        out.push_back({Measure::Boardings, denseSeries(boardings, from, to)});
        out.push_back({Measure::Alightings, denseSeries(alightings, from, to)});
      } else {
        out.push_back({Measure::Ridership, denseSeries(total, from, to)});
      }
      break;
    }
    case FeatureKind::Other:
      break;
  }
  feedback.throwIfCancelled();
  return out;
}

}  // namespace ekm::widgets
