#pragma once
// The Coverage tab's options of the Mobility dock, filled into mobility-coverage's Params
// (mobility_ops.h) — the model stays in the operation:
//  - measure: walking distance (m) or walking time (min), and the bus-stop reach in it (the
//    rail-station reach follows: 800 m or 10 min);
//  - rail tracks as barriers: on by default when the project has basemap_rail.geojson beside
//    it (mobility_defaults.h, as the Candidate tab), unavailable otherwise;
//  - slope-aware walking (minutes only): uphill slower by Tobler's hiking function where the
//    walking network has heights (the operation says when it has none).
#include <QWidget>

#include "ekm/mobility/mobility_ops.h"
#include "mobility/mobility_defaults.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace ekm::widgets {

class CoverageOptions : public QWidget {
  Q_OBJECT

 public:
  explicit CoverageOptions(QWidget* parent = nullptr);

  // The project file whose folder gives the barrier default ("" = none).
  void setProjectPath(const QString& path);
  // measure, stop_reach, station_reach, barriers (with crossings_from, split_crossings) and slope_aware.
  void fill(mobility::CoverageParams& params) const;

  QComboBox* measureBox() const { return m_measure; }
  QDoubleSpinBox* reachBox() const { return m_reach; }
  QCheckBox* barrierBox() const { return m_barrier; }
  QCheckBox* slopeBox() const { return m_slope; }

 private:
  void measureChanged();

  WalkingBarriers m_barriers;
  QComboBox* m_measure = nullptr;
  QDoubleSpinBox* m_reach = nullptr;
  QCheckBox* m_barrier = nullptr;
  QCheckBox* m_slope = nullptr;
};

}  // namespace ekm::widgets
