// The Coverage tab's options (coverage_options.h).
#include "mobility/coverage_options.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>

namespace ekm::widgets {

CoverageOptions::CoverageOptions(QWidget* parent) : QWidget(parent) {
  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  m_measure = new QComboBox(this);
  m_measure->addItem(tr("Walking distance (m)"), QStringLiteral("distance"));
  m_measure->addItem(tr("Walking time (min)"), QStringLiteral("minutes"));
  m_measure->setToolTip(tr("Reach of a bus stop along the walking network, in metres or minutes"));
  form->addRow(tr("Measure"), m_measure);
  m_reach = new QDoubleSpinBox(this);
  m_reach->setDecimals(0);
  form->addRow(tr("Stop reach"), m_reach);
  auto* checks = new QHBoxLayout();
  m_barrier = new QCheckBox(tr("Rail tracks are barriers"), this);
  m_slope = new QCheckBox(tr("Slope-aware walking"), this);
  m_slope->setChecked(true);
  m_slope->setToolTip(tr("Walking minutes slowed uphill by Tobler's hiking function where the walking network has "
                         "heights"));
  checks->addWidget(m_barrier);
  checks->addWidget(m_slope);
  checks->addStretch(1);
  form->addRow(checks);
  connect(m_measure, &QComboBox::currentIndexChanged, this, &CoverageOptions::measureChanged);
  measureChanged();
  setProjectPath({});
}

void CoverageOptions::setProjectPath(const QString& path) {
  m_barriers = projectWalkingBarriers(path);
  const bool available = !m_barriers.barriers.empty();
  m_barrier->setEnabled(available);
  m_barrier->setChecked(available);
  m_barrier->setToolTip(available ? tr("The rail tracks of basemap_rail.geojson beside the project cut the walking "
                                       "network except at level crossings, bridges and underpasses")
                                  : tr("No basemap_rail.geojson beside the project: the walking network has no "
                                       "barriers"));
}

void CoverageOptions::measureChanged() {
  const bool minutes = m_measure->currentData().toString() == QStringLiteral("minutes");
  if (minutes) {
    m_reach->setRange(1, 60);
    m_reach->setSingleStep(1);
    m_reach->setValue(4);  // about 300 m at 4.8 km/h
    m_reach->setSuffix(tr(" min"));
  } else {
    m_reach->setRange(50, 2000);
    m_reach->setSingleStep(50);
    m_reach->setValue(300);
    m_reach->setSuffix(tr(" m"));
  }
  m_reach->setToolTip(minutes ? tr("Walking time to a bus stop along the walking network")
                              : tr("Walking distance to a bus stop along the walking network"));
  m_slope->setEnabled(minutes);  // distance is never slope-aware
}

void CoverageOptions::fill(mobility::CoverageParams& params) const {
  const bool minutes = m_measure->currentData().toString() == QStringLiteral("minutes");
  params.measure = minutes ? "minutes" : "distance";
  params.stop_reach = m_reach->value();
  params.station_reach = minutes ? 10 : 800;  // the operation's 800 m, or its walk at 4.8 km/h
  params.slope_aware = m_slope->isChecked();
  params.split_crossings = m_barriers.splitCrossings;  // the network's shape, with or without barriers
  const bool barrier = m_barrier->isEnabled() && m_barrier->isChecked();
  params.barriers = barrier ? m_barriers.barriers : std::string();
  params.crossings_from = barrier ? m_barriers.crossingsFrom : std::string();
}

}  // namespace ekm::widgets
