// Result maps and scenario A vs B pages of the briefing pack (briefing_result_pages.h).
#include "render/briefing_result_pages.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "ekm/privacy/small_count.h"
#include "ekm/scenario/run_compare.h"
#include "render/difference_layer.h"
#include "render/diverging_ramp.h"
#include "render/feature_values.h"
#include "render/road_segments_layer.h"
#include "render/small_count_layers.h"

namespace ekm::render::briefing_pages {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool mappable(const ProjectLayers& p, const ops::ResultTable& t) {
  if (t.keyColumns > 1) return false;
  return (t.geometry == "cell" && p.mesh && p.mesh->size()) || (t.geometry == "segment" && p.roads && p.roads->size());
}

std::vector<double> valuesOf(const PackWriter& w, const FeatureIndex& index, const ops::ResultTable& t, const std::string& column) {
  const bool cell = t.geometry == "cell";
  return featureValues(t, cell ? index.cells : index.segments, cell ? w.project().mesh->size() : w.project().roads->size(), column);
}

bool hasColumn(const ops::ResultTable& t, const std::string& column) {
  return std::find(t.columns.begin(), t.columns.end(), column) != t.columns.end();
}

// The column a map of the table shows: the step's main figure, else its first count.
std::string mainColumn(const ops::ResultTable& t) {
  for (const char* c : {"total", "volume_diff", "volume", "abs_change", "forecast", "trips"})
    if (hasColumn(t, c)) return c;
  for (std::size_t c = static_cast<std::size_t>(std::max(1, t.keyColumns)); c < t.columns.size(); ++c)
    if (privacy::columnRole(t.columns[c]) == privacy::ColumnRole::People) return t.columns[c];
  return {};
}

bool anyNegative(const std::vector<double>& v) {
  return std::any_of(v.begin(), v.end(), [](double x) { return x < 0; });
}

// Translated title of a column ("total" of a forecast: people expected).
QString columnTitle(const PackWriter& w, const std::string& column) {
  static const std::map<std::string, std::pair<const char*, const char*>> names{
      {"total", {"予測人数（合計）", "People expected (total)"}},
      {"volume", {"歩行者数", "Walkers"}},
      {"volume_diff", {"歩行者数の変化", "Change of walkers"}},
      {"abs_change", {"1日平均の変化（B − A）", "Change of the daily mean (B − A)"}},
      {"mean_a", {"期間Aの1日平均", "Daily mean, period A"}},
      {"mean_b", {"期間Bの1日平均", "Daily mean, period B"}},
      {"significant", {"有意な変化", "Significant change"}}};
  const auto it = names.find(column);
  return it == names.end() ? q(column) : w.t(QString::fromUtf8(it->second.first), QString::fromUtf8(it->second.second));
}

// The theme layer of values per feature: sequential classes (viridis, `breaks`) or, with a
// ramp, diverging ones; `legend` gets its legend group when the layer has none of its own.
std::shared_ptr<const MapLayer> themeLayer(const PackWriter& w, core::HourKey hour, const std::string& geometry, const QString& id,
                                           const QString& title, std::vector<double> values, const ClassBreaks& breaks, const DivergingRamp* ramp,
                                           LegendExtras& legend) {
  const ProjectLayers& p = w.project();
  if (geometry == "cell") {
    if (ramp) {
      auto layer = std::make_shared<DifferenceLayer>(id, title, p.mesh, std::make_shared<std::vector<double>>(std::move(values)), *ramp);
      layer->setOpacity(0.85);
      legend.insert(id, {Legend::forGraduatedStyle(title, ramp->style())});
      return layer;
    }
    const auto source = std::make_shared<InMemoryMeshValues>(p.mesh->size());
    source->setValues(hour, std::move(values));
    GraduatedStyle style;
    style.breaks = breaks;
    style.ramp = ColourRamp::viridis();
    auto layer = std::make_shared<MeshPopulationLayer>(id, title, p.mesh, source, style);
    layer->setOpacity(0.85);
    return layer;
  }
  SegmentValueStyle style;
  style.valueTitle = title;
  style.minWidth = 2.5;
  if (ramp) {
    style.breaks = ramp->breaks();
    style.ramp = DivergingRamp::blueWhiteRed();
    style.rampStart = 0;
    style.minWidth = style.maxWidth = 4.5;
    style.casing = QColor(0x40, 0x40, 0x40);
  } else {
    style.breaks = breaks;
  }
  const auto source = std::make_shared<InMemoryFeatureValues>(p.roads->size());
  source->setValues(hour, std::move(values));
  return std::make_shared<RoadSegmentsLayer>(id, title, p.roads, std::make_shared<RuleAppliedValues>(source),
                                             style);
}

// The reference layers around a theme: ground, (plain streets under street values), the theme,
// railways, plain stations.
LayerList around(const PackWriter& w, std::shared_ptr<const MapLayer> theme, bool segment) {
  LayerList out = stackLayers(w.project(), segment ? std::initializer_list<const char*>{"basemap", "road_segments", "rail"}
                                                   : std::initializer_list<const char*>{"basemap"});
  out.push_back(std::move(theme));
  if (!segment) {
    const LayerList rail = stackLayers(w.project(), {"rail"});
    out.insert(out.end(), rail.begin(), rail.end());
  }
  return plainStationsOver(w.project(), std::move(out));
}

LegendGroup note(const PackWriter& w, const QString& ja, const QString& en) { return LegendGroup{w.t(ja, en), {}}; }

ClassBreaks sequentialBreaks(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v) || privacy::isSuppressed(v); }),
               values.end());
  return ClassBreaks::compute(std::move(values), 5, ClassificationMethod::NaturalBreaks);
}

// How many values of each column differ between the runs (both finite and unequal, or one missing).
std::map<std::string, int> changedColumns(const scenario::TableComparison& t) {
  std::map<std::string, int> out;
  for (const auto& c : t.changes) {
    const bool fa = std::isfinite(c.a), fb = std::isfinite(c.b);
    if ((fa && fb && c.a != c.b) || fa != fb) ++out[c.column];
  }
  return out;
}

// The column to set side by side: the table's main count (mainColumn) when it differs, else the
// count that differs in most features; else, when the
// runs disagree on which changes are significant (the same comparison at another level),
// "significant"; else the change or interval that differs most; else the table's main column.
std::string compareColumn(const scenario::TableComparison& t, const ops::ResultTable& table) {
  const auto changed = changedColumns(t);
  auto most = [&](privacy::ColumnRole role) {
    std::string best;
    int bestCount = 0;
    for (const auto& [column, count] : changed)
      if (privacy::columnRole(column) == role && count > bestCount) {
        best = column;
        bestCount = count;
      }
    return best;
  };
  const std::string main = mainColumn(table);
  if (changed.count(main) && privacy::columnRole(main) == privacy::ColumnRole::People) return main;  // a forecast's total
  if (const std::string people = most(privacy::ColumnRole::People); !people.empty()) return people;
  if (changed.count("significant") && hasColumn(table, "abs_change")) return "significant";
  if (const std::string derived = most(privacy::ColumnRole::Derived); !derived.empty()) return derived;
  return mainColumn(table);
}

// A comparison's change where the run calls it significant, 0 (no change) elsewhere.
std::vector<double> significantChange(const PackWriter& w, const FeatureIndex& index, const ops::ResultTable& t) {
  std::vector<double> change = valuesOf(w, index, t, "abs_change");
  const std::vector<double> significant = valuesOf(w, index, t, "significant");
  for (std::size_t i = 0; i < change.size(); ++i)
    if (std::isfinite(change[i]) && !(significant[i] > 0)) change[i] = 0;
  return change;
}

}  // namespace

FeatureIndex featureIndex(const ProjectLayers& project, const std::unordered_map<std::string, std::int64_t>& segmentFid) {
  FeatureIndex out;
  if (project.mesh)
    for (std::size_t i = 0; i < project.mesh->size(); ++i) out.cells[project.mesh->codes[i]] = i;
  if (project.roads) out.segments = indexByKey(segmentFid, project.roads->fids);
  return out;
}

bool resultMapPage(PackWriter& w, const briefing::BriefingSection& sec, const std::vector<store::RunStepRecord>& steps,
                   const FeatureIndex& index, core::HourKey hour) {
  std::vector<ops::OpResult> keep;
  const ops::ResultTable* table = nullptr;
  for (const auto& st : steps)
    if (st.stepId == sec.stepId) {
      keep.push_back(ops::opResultFromJson(ops::Json::parse(st.resultJson)));
      for (const auto& t : keep.back().tables)
        if (mappable(w.project(), t) && !mainColumn(t).empty() && (!table || t.name == "forecast_totals")) table = &t;
    }
  if (!table) return false;
  const std::string column = mainColumn(*table);
  std::vector<double> values = valuesOf(w, index, *table, column);
  if (std::none_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); })) return false;
  const bool segment = table->geometry == "segment";
  const QString title = w.t(q(sec.titleJa), q(sec.titleEn)), valueTitle = columnTitle(w, column);
  const double y = w.page(sec.kind, title, valueTitle);
  LegendExtras extras;
  std::optional<DivergingRamp> ramp;
  if (anyNegative(values)) ramp.emplace(DivergingRamp::niceMaxAbs(values), segment ? 9 : 7);
  const ClassBreaks breaks = sequentialBreaks(values);
  const auto theme = themeLayer(w, hour, table->geometry, QStringLiteral("result"), valueTitle, std::move(values), breaks,
                                ramp ? &*ramp : nullptr, extras);
  const QString period = sec.periodB.empty() ? w.t(QStringLiteral("ステップ"), QStringLiteral("step")) + QLatin1Char(' ') + q(sec.stepId)
                                              : q(sec.periodB);
  MapComposition c = w.composition(around(w, theme, segment), hour, title, extras, period);
  themeFirst(c.legend, valueTitle,
             ramp ? w.equalClasses(ramp->classCount())
                  : note(w, QStringLiteral("自然分類（Jenks）で%1階級").arg(breaks.classCount()),
                         QStringLiteral("%1 natural-breaks (Jenks) classes").arg(breaks.classCount())));
  w.mapAndColumn(y, std::move(c), sec.sentences);
  return true;
}

int comparePages(PackWriter& w, const std::vector<store::RunStepRecord>& a, const std::vector<store::RunStepRecord>& b,
                 const std::string& nameA, const std::string& nameB, const std::vector<briefing::BriefingSentence>& sentences,
                 const FeatureIndex& index, core::HourKey hour) {
  std::vector<ops::OpResult> keep;
  int pages = 0;
  const QString heading = w.t(QStringLiteral("シナリオの比較"), QStringLiteral("Scenario A vs B"));
    for (const auto& t : scenario::compareRuns(a, b)) {
    if (t.table == "summary" || t.keyColumns.size() != 1) continue;
    const ops::ResultTable* ta = stepTable(a, keep, t.stepId, t.table);
    const ops::ResultTable* tb = stepTable(b, keep, t.stepId, t.table);
    if (!ta || !tb || !mappable(w.project(), *ta)) continue;
    // Tables whose values are the same in both runs only get their sentence ("0 values differ").
    if (changedColumns(t).empty()) continue;
    const std::string column = compareColumn(t, *ta);
    if (column.empty()) continue;
    const bool significance = column == "significant", segment = ta->geometry == "segment";
    std::vector<double> va = significance ? significantChange(w, index, *ta) : valuesOf(w, index, *ta, column);
    std::vector<double> vb = significance ? significantChange(w, index, *tb) : valuesOf(w, index, *tb, column);
    std::vector<double> diff(va.size(), kNaN);
    if (significance) {
      // The change where only one of the runs calls it significant.
      const std::vector<double> change = valuesOf(w, index, *ta, "abs_change");
      for (std::size_t i = 0; i < diff.size(); ++i)
        if (std::isfinite(va[i]) && std::isfinite(vb[i])) diff[i] = (va[i] != 0) != (vb[i] != 0) ? change[i] : 0;
    } else {
      for (std::size_t i = 0; i < diff.size(); ++i)
        if (std::isfinite(va[i]) && std::isfinite(vb[i])) diff[i] = vb[i] - va[i];
    }
    std::vector<double> both = va;
    both.insert(both.end(), vb.begin(), vb.end());
    const QString valueTitle = significance ? w.t(QStringLiteral("有意な変化（B − A期間）"), QStringLiteral("Significant change (period B − A)"))
                                            : columnTitle(w, column);
    const QString what = q(t.stepId + " · " + t.table) + QStringLiteral(" · ") + valueTitle;

    // A and B on one scale.
    double y = w.page("compare", heading, what);
    std::optional<DivergingRamp> ramp;
    // Significant changes: diverging, 0 (not significant) in the neutral middle class.
    if (significance || anyNegative(both)) ramp.emplace(DivergingRamp::niceMaxAbs(both), segment ? 9 : 7);
    const ClassBreaks breaks = sequentialBreaks(both);
    LegendExtras extras;
    const auto layerA = themeLayer(w, hour, ta->geometry, QStringLiteral("run_a"), valueTitle, std::move(va), breaks, ramp ? &*ramp : nullptr, extras);
    const auto layerB = themeLayer(w, hour, ta->geometry, QStringLiteral("run_b"), valueTitle, std::move(vb), breaks, ramp ? &*ramp : nullptr, extras);
    MapComposition ca = w.composition(around(w, layerA, segment), hour, QStringLiteral("A"), extras, q(nameA));
    MapComposition cb = w.composition(around(w, layerB, segment), hour, QStringLiteral("B"), extras, q(nameB));
    const LegendGroup classes =
        significance ? note(w, QStringLiteral("灰色は有意な変化なし"), QStringLiteral("grey: no significant change"))
        : ramp       ? w.equalClasses(ramp->classCount())
                     : note(w, QStringLiteral("自然分類（Jenks）で%1階級（A・B共通）").arg(breaks.classCount()),
                            QStringLiteral("%1 natural-breaks (Jenks) classes, the same for A and B").arg(breaks.classCount()));
    themeFirst(ca.legend, valueTitle, classes);
    w.sideBySide(y, std::move(ca), std::move(cb), {});

    // B - A.
    const QString diffTitle = significance ? w.t(QStringLiteral("一方の実行だけで有意な変化"), QStringLiteral("Changes significant in one run only"))
                                           : w.t(QStringLiteral("実行の差（B − A）"), QStringLiteral("Difference of the runs (B − A)"));
    y = w.page("compare-difference", heading, what);
    const DivergingRamp diffRamp(DivergingRamp::niceMaxAbs(diff), segment ? 9 : 7);
    LegendExtras diffExtras;
    const auto layer = themeLayer(w, hour, ta->geometry, QStringLiteral("run_difference"), diffTitle, std::move(diff), {}, &diffRamp, diffExtras);
    MapComposition c = w.composition(around(w, layer, segment), hour, diffTitle, diffExtras, q(nameB + " − " + nameA));
    themeFirst(c.legend, diffTitle, w.equalClasses(diffRamp.classCount()));
    w.mapAndColumn(y, std::move(c), sentences);
    pages += 2;
  }
  return pages;
}

}  // namespace ekm::render::briefing_pages
