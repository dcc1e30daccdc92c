#pragma once
// Map layers of a run comparison: B − A of one column of a compared table, for tables keyed
// by mesh cell (a difference layer on the project's mesh, diverging colours), by road
// segment (link difference bands beside each segment, width and colour by B − A) or with
// their own line geometry (ops::kWktGeometry, e.g. route demand's routes and route segments:
// the same bands along each key's line, gained riders and lost riders in the two colours of
// the diverging ramp); and one run's table of cells or segments on its own. Tables of other
// keys (stations, OD pairs, summaries) have no layer; export them instead.
// One layer per geometry: a new cell (segment) layer replaces the previous one by its id.
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <memory>

#include "ekm/ops/result.h"
#include "ekm/scenario/run_compare.h"
#include "render/map_layer.h"
#include "render/mesh_population_layer.h"
#include "scenario/scenario_jobs.h"

namespace ekm::widgets {

class ComparisonLayers {
  Q_DECLARE_TR_FUNCTIONS(ekm::widgets::ComparisonLayers)

 public:
  static const QString kCellLayerId;     // "scenario_difference_cells"
  static const QString kSegmentLayerId;  // "scenario_difference_segments"
  static const QString kLineLayerId;     // "scenario_difference_lines"

  // Whether the table's keys are mesh cells or road segments, or its rows carry their lines.
  static bool canMap(const scenario::TableComparison& table);
  // The compared value columns, in order of first appearance.
  static QStringList columns(const scenario::TableComparison& table);
  // The column with the largest |B − A| (the first column when nothing changed).
  static QString defaultColumn(const scenario::TableComparison& table);

  // The layer of `column` (nullptr when the table cannot be mapped or its geometry is
  // missing: no mesh, no segment lines, no key lines). `runs` names the runs in the layer's
  // name ("Runs 3 → 4"); `keyLines` are a "wkt" table's lines (RunComparison::keyLines).
  static std::shared_ptr<const render::MapLayer> layer(const scenario::TableComparison& table, const QString& column,
                                                       const QString& runs,
                                                       const std::shared_ptr<const render::MeshGeometry>& mesh,
                                                       const SegmentLines* segments,
                                                       const SegmentLines* keyLines = nullptr);

  // One stored run's table (StoredRunTables: keyed by mesh cell or road segment) as a layer
  // of `column`: five natural-breaks classes when no value is negative (mesh cells filled,
  // streets as bands), diverging around zero otherwise. Its id is kRunCellLayerId or
  // kRunSegmentLayerId, so a new one replaces the previous run layer of its geometry.
  static const QString kRunCellLayerId;     // "scenario_run_cells"
  static const QString kRunSegmentLayerId;  // "scenario_run_segments"
  // The numeric value columns of the table (keys and text columns left out).
  static QStringList runColumns(const ops::ResultTable& table);
  // The column shown first: the first of volume, population, mean_b, value, trips that the
  // table has, else its first numeric column ("" when none).
  static QString defaultRunColumn(const ops::ResultTable& table);
  static std::shared_ptr<const render::MapLayer> runLayer(const ops::ResultTable& table, const QString& stepId,
                                                          const QString& column, qint64 run,
                                                          const std::shared_ptr<const render::MeshGeometry>& mesh,
                                                          const SegmentLines* segments);
};

}  // namespace ekm::widgets
