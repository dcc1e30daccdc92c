#pragma once
// The small-count rule (ekm/privacy/small_count.h) on map layers: every export (the map
// layouts of the GUI and of `export-map`, the briefing pack) draws the layers through
// these wrappers, so a mesh cell, a street or a station with fewer than 10 people at the
// hour is drawn as "no data (suppressed or missing)" — hatched grey — never as its class.
#include <memory>
#include <vector>

#include "render/feature_values.h"
#include "render/map_layer.h"

namespace ekm::render {

// A value source whose small counts read as NaN (missing).
class SuppressedValues : public MeshValueSource {
 public:
  explicit SuppressedValues(std::shared_ptr<const MeshValueSource> inner) : m_inner(std::move(inner)) {}
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const override;

 private:
  std::shared_ptr<const MeshValueSource> m_inner;
};

// Values the rule was applied to upstream (a change whose two counts were checked row by row,
// privacy::suppressTable): passed through as they are, and never wrapped again — a change of
// 5 people between two large counts is not a small count.
class RuleAppliedValues : public SuppressedValues {
 public:
  explicit RuleAppliedValues(std::shared_ptr<const MeshValueSource> values) : SuppressedValues(values), m_values(std::move(values)) {}
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const override {
    return m_values->valuesAt(hour, feedback);
  }

 private:
  std::shared_ptr<const MeshValueSource> m_values;
};

// Values with the rule applied (small counts -> NaN).
std::vector<double> suppressSmallCounts(std::vector<double> values);

// The layers with counts (mesh population, segment counts) reading through SuppressedValues;
// the others unchanged. Ids, names, styles and opacities are kept.
LayerList withSmallCountsSuppressed(const LayerList& layers);

}  // namespace ekm::render
