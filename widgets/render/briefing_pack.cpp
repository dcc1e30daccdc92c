// The citizens' briefing pack (briefing_pack.h): pages painted on one QPdfWriter.
#include "render/briefing_pack.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/privacy/small_count.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/project.h"
#include "ekm/store/run_store.h"
#include "render/atomic_file.h"
#include "render/briefing_data_pages.h"
#include "render/briefing_result_pages.h"
#include "render/briefing_writer.h"
#include "render/composition_defaults.h"
#include "render/composition_style.h"
#include "render/difference_layer.h"
#include "render/diverging_ramp.h"
#include "render/feature_values.h"
#include "render/export_texts.h"
#include "render/headless_gui.h"
#include "render/legend_box.h"
#include "render/map_composition.h"
#include "render/painter_canvas.h"
#include "render/paper_size.h"
#include "render/pdf_pages.h"
#include "render/project_layers.h"
#include "render/road_segments_layer.h"
#include "render/small_count_layers.h"
#include "render/stations_layer.h"

namespace ekm::render {

using namespace briefing_pages;

namespace {

using core::ErrorContext;
using ops::Json;

// The area's name for a map title: "around" the station nearest to the district's centre
// ("高輪ゲートウェイ周辺" / "Around Takanawa Gateway"); the plain "the district" without stations.
QString areaTitle(const ProjectLayers& project, LabelLanguage lang) {
  const StationPoints* st = project.stations.get();
  const Extent e = project.mesh && project.mesh->size() ? project.mesh->extent : project.fullExtent;
  if (!st || !st->size() || !e.isValid()) return bilingual(lang, QStringLiteral("対象地区"), QStringLiteral("The district"));
  std::size_t best = 0;
  for (std::size_t i = 1; i < st->size(); ++i)
    if (QLineF(st->positions[i], e.centre()).length() < QLineF(st->positions[best], e.centre()).length()) best = i;
  const QString ja = st->namesJa[best].isEmpty() ? st->namesEn[best] : st->namesJa[best];
  const QString en = st->namesEn[best].isEmpty() ? st->namesJa[best] : st->namesEn[best];
  return bilingual(lang, ja + QStringLiteral("周辺"), QStringLiteral("Around ") + en);
}

}  // namespace

BriefingPackResult writeBriefingPack(const BriefingPackRequest& r, core::Feedback& feedback) {
  const LabelLanguage lang = documentLanguage(r.language);
  const std::optional<QSize> size = landscapePagePixels(r.paper, r.dpi);
  if (!store::isPostgresLocation(r.projectPath) && !std::filesystem::exists(r.projectPath))
    throw core::IoError("project file not found", ErrorContext{r.projectPath, {}, {}, "", "an Ekimachi project (.gpkg)", "no such file"});

  BriefingPackResult result;
  std::vector<store::RunStepRecord> steps, compareSteps;
  std::unordered_map<std::string, std::int64_t> segmentFid, stationFid;  // comparison keys -> features
  {
    store::Project project = store::Project::open(r.projectPath, store::OpenMode::ReadOnly);
    const store::RunRecord a = findRun(project, r.scenario, "scenario");
    std::optional<store::RunRecord> b;
    if (!r.compare.empty()) b = findRun(project, r.compare, "compare");
    result.summary = briefing::summariseRuns(project, a, b);
    steps = store::runSteps(project, a.fid);
    if (b) compareSteps = store::runSteps(project, b->fid);
    for (const auto& seg : project.segments()) segmentFid[seg.segmentId] = seg.fid;
    for (const auto& st : project.stations()) stationFid[st.stationId] = st.fid;
  }
  AtomicFile file(r.outPath);
  ensureGuiApplication();
  core::MultiStepFeedback phases(feedback, 2);
  phases.setCurrentStep(0);
  const ProjectLayers project = loadProjectLayers(r.projectPath, phases);
  phases.setCurrentStep(1);
  const briefing::BriefingSummary& s = result.summary;

  QPdfWriter writer(q(file.tmp()));
  PackWriter w(r, project, s, lang, *size, phases);
  w.begin(writer, QStringLiteral("Ekimachi briefing: ") + q(s.run.name));
  const double u = w.u(), W = size->width(), H = size->height(), left = kMargin * u, textW = W - 2 * left;
  const core::HourKey hour = s.mapHour;  // the people page's and the bus page's hour

  // 1. Cover.
  {
    double y = w.page("cover", w.t(QStringLiteral("市民説明資料"), QStringLiteral("Citizens' briefing")),
                      q(s.run.name) + (s.compare ? QStringLiteral(" vs ") + q(s.compare->name) : QString()));
    y += 30 * u;
    briefing::BriefingSentence d{s.descriptionJa, s.descriptionEn};
    if (d.ja.empty()) d.ja = d.en;
    if (d.en.empty()) d.en = d.ja;
    y += w.sentence(QRectF(left, y, textW * 0.8, H), d, 22);
    y += 20 * u;
    const QString facts =
        w.t(QStringLiteral("シナリオ実行 %1（%2）、プログラム %3。"), QStringLiteral("Scenario run %1 (%2), program %3."))
            .arg(s.run.fid)
            .arg(q(s.run.finishedAt), q(s.run.programVersion + (s.run.programCommit.empty() ? "" : " " + s.run.programCommit.substr(0, 8))));
    y += w.paragraph(QRectF(left, y, textW, H), facts, 16, false, kGrey) + 10 * u;
    w.paragraph(QRectF(left, y, textW * 0.8, H),
                w.t(QStringLiteral("この資料の数値はすべて保存された実行結果から計算されています（最終ページに出典）。10人未満を表す数値は「*」として秘匿しています。"),
                    QStringLiteral("Every number in this pack is computed from the run's stored results (the last page "
                                   "says where each comes from). Figures describing fewer than 10 people are suppressed (\"*\").")),
                16, false, kGrey);
  }
  const double bottom = w.bottom();
  auto sideBySide = [&](double y, MapComposition a, MapComposition b, const std::vector<briefing::BriefingSentence>& st) {
    w.sideBySide(y, std::move(a), std::move(b), st);
  };
  auto mapAndColumn = [&](double y, MapComposition c, const std::vector<briefing::BriefingSentence>& st) {
    w.mapAndColumn(y, std::move(c), st);
  };
  auto equalClasses = [&](int n) { return w.equalClasses(n); };

  // 2. The area.
  {
    const double y = w.page("area", w.t(QStringLiteral("対象地区"), QStringLiteral("The area")));
    mapAndColumn(y, w.composition(plainStationsOver(project, stackLayers(project, {"basemap", "road_segments", "rail"})), hour,
                                  areaTitle(project, lang)),
                 {{"この資料で扱う地区です。駅、鉄道、道路と建物を示します。",
                   "The district this briefing is about: its stations, railways, streets and buildings."}});
  }
  // 3. People flow on a day of the period.
  if (project.mesh && project.mesh->size()) {
    // JIS X 0410: 8 digits 1 km, 9 500 m, 10 250 m, 11 125 m.
    const std::size_t digits = project.mesh->codes.front().size();
    const std::string side = digits >= 11 ? "125 m" : digits == 10 ? "250 m" : digits == 9 ? "500 m" : "1 km";
    const double y = w.page("people", w.t(QStringLiteral("人の流れ"), QStringLiteral("People flow")),
                            w.t(QStringLiteral("1時間の滞在人口"), QStringLiteral("People present in one hour")));
    // Plain stations: ridership bubbles of one hour would put a second theme first in the legend.
    mapAndColumn(y, w.composition(plainStationsOver(project, stackLayers(project, {"basemap", "mesh_population", "rail"})), hour,
                                  defaultExportTitle({"mesh_population"}, hour, lang)),
                 {{"色はこの1時間に各メッシュ（約" + side + "四方）にいた人数を表します。明るい色ほど多く、斜線は10人未満などで表示しないメッシュです。",
                   "The colour is how many people were in each cell (about " + side + " square) during this hour: the lighter, "
                   "the more. Hatched cells are not shown (fewer than 10 people, or no data)."}});
  }
  // 4. Each result: maps for mesh comparisons, sentences for all.
  const FeatureIndex features = featureIndex(project, segmentFid);
  std::vector<ops::OpResult> keep;
  for (const auto& sec : s.sections) {
    const ops::ResultTable* cells = sec.kind == "cells" ? stepTable(steps, keep, sec.stepId, "comparison") : nullptr;
    const QString title = w.t(q(sec.titleJa), q(sec.titleEn));
    const QString periods = sec.periodA.empty() ? QString() : QStringLiteral("A: %1   B: %2").arg(q(sec.periodA), q(sec.periodB));
    const QString before = w.t(QStringLiteral("期間A（前）"), QStringLiteral("Period A (before)"));
    const QString after = w.t(QStringLiteral("期間B（後）"), QStringLiteral("Period B (after)"));
    if (cells && project.mesh) {
      const double y = w.page("before-after", title, periods);
      const auto va = std::make_shared<InMemoryMeshValues>(project.mesh->size());
      const auto vb = std::make_shared<InMemoryMeshValues>(project.mesh->size());
      std::vector<double> a = cellValues(*cells, *project.mesh, "mean_a"), b = cellValues(*cells, *project.mesh, "mean_b");
      std::vector<double> both = a;
      both.insert(both.end(), b.begin(), b.end());
      GraduatedStyle style;
      style.ramp = ColourRamp::cividis();
      // Natural breaks over both periods (quantiles of 125 m cells read as a patchwork: see
      // composition_defaults.cpp).
      both.erase(std::remove_if(both.begin(), both.end(), [](double v) { return !std::isfinite(v); }), both.end());
      style.breaks = ClassBreaks::compute(both, 5, ClassificationMethod::NaturalBreaks);
      va->setValues(hour, a);
      vb->setValues(hour, b);
      const QString name = w.t(QStringLiteral("滞在人口の1日平均"), QStringLiteral("People present, daily mean"));
      auto layerA = std::make_shared<MeshPopulationLayer>(QStringLiteral("period_a"), name, project.mesh, va, style);
      auto layerB = std::make_shared<MeshPopulationLayer>(QStringLiteral("period_b"), name, project.mesh, vb, style);
      layerA->setOpacity(0.85);
      layerB->setOpacity(0.85);
      const LayerList ground = stackLayers(project, {"basemap"}), top = plainStationsOver(project, stackLayers(project, {"rail"}));
      auto stackOf = [&](std::shared_ptr<const MapLayer> l) {
        LayerList out = ground;
        out.push_back(std::move(l));
        out.insert(out.end(), top.begin(), top.end());
        return out;
      };
      const LegendGroup classes{w.t(QStringLiteral("自然分類（Jenks）で5階級（A・B共通）"),
                                    QStringLiteral("5 natural-breaks (Jenks) classes, the same for A and B")),
                                {}};
      MapComposition ca = w.composition(stackOf(layerA), hour, before, {}, q(sec.periodA));
      ca.legend.insert(ca.legend.begin() + std::min<std::size_t>(1, ca.legend.size()), classes);
      sideBySide(y, std::move(ca), w.composition(stackOf(layerB), hour, after, {}, q(sec.periodB)), sec.sentences);

      // The difference B - A, with the rule: a change next to a suppressed count is not drawn.
      const double dy = w.page("difference", title, w.t(QStringLiteral("変化（B − A）"), QStringLiteral("Change (B − A)")));
      auto diff = std::make_shared<std::vector<double>>(cellValues(*cells, *project.mesh, "abs_change"));
      const DivergingRamp ramp(DivergingRamp::niceMaxAbs(*diff), 7);
      auto dl = std::make_shared<DifferenceLayer>(QStringLiteral("difference"), title, project.mesh, diff, ramp);
      dl->setOpacity(0.85);
      const QString changeTitle = w.t(QStringLiteral("1日平均の変化（B − A）"), QStringLiteral("Change of the daily mean (B − A)"));
      LegendExtras extras;
      extras.insert(QStringLiteral("difference"), {Legend::forGraduatedStyle(changeTitle, ramp.style())});
      MapComposition c = w.composition(stackOf(dl), hour, title + QStringLiteral(" B − A"), extras, periods);
      themeFirst(c.legend, changeTitle, equalClasses(ramp.classCount()));
      mapAndColumn(dy, std::move(c), sec.sentences);
      continue;
    }
    // Scenario A vs B: the runs' maps side by side and their difference (text only when
    // nothing of theirs is mapped); other results keyed by cell or street: their map.
    if (sec.kind == "compare" && s.compare &&
        comparePages(w, steps, compareSteps, s.run.name, s.compare->name, sec.sentences, features, hour) > 0)
      continue;
    // The project's bus service and DHC buildings, an assignment's corridors: their maps.
    if (sec.kind == "transit" && transitPage(w, sec, hour)) continue;
    if (sec.kind == "buildings" && buildingsPage(w, sec, s.energyHour.value_or(hour))) continue;
    if (sec.kind == "corridors" && corridorsPage(w, sec, steps, features.segments, hour)) continue;
    const bool ownPage = sec.kind == "compare" || sec.kind == "streets" || sec.kind == "stations" || sec.kind == "transit" ||
                         sec.kind == "buildings" || sec.kind == "corridors";
    if (!ownPage && resultMapPage(w, sec, steps, features, hour)) continue;
    double y = w.page(sec.kind, title, periods);
    const ops::ResultTable* table =
        sec.kind == "streets" || sec.kind == "stations" ? stepTable(steps, keep, sec.stepId, "comparison") : nullptr;
    if (table && sec.kind == "streets" && project.roads && project.roads->size()) {
      // The change of each counted street (B - A, daily mean), blue less, red more.
      const auto index = indexByKey(segmentFid, project.roads->fids);
      const std::vector<double> change = featureValues(*table, index, project.roads->size(), "abs_change");
      // 9 classes: with 7, one busy street's change made the middle (white) class swallow most streets.
      const DivergingRamp ramp(DivergingRamp::niceMaxAbs(change), 9);
      SegmentValueStyle style;
      style.breaks = ramp.breaks();
      style.ramp = DivergingRamp::blueWhiteRed();
      style.rampStart = 0;
      style.minWidth = style.maxWidth = 4.5;
      style.casing = QColor(0x40, 0x40, 0x40);  // a counted street that hardly changed (white) still shows
      style.valueTitle = w.t(QStringLiteral("歩行者数の変化（B − A、1日平均）"), QStringLiteral("Change of pedestrians per day (B − A)"));
      const auto values = std::make_shared<InMemoryFeatureValues>(project.roads->size());
      values->setValues(hour, change);
      auto layer = std::make_shared<RoadSegmentsLayer>(QStringLiteral("street_change"), style.valueTitle, project.roads,
                                                       std::make_shared<RuleAppliedValues>(values), style);
      LayerList layers = stackLayers(project, {"basemap", "road_segments", "rail"});
      layers.push_back(layer);
      MapComposition c = w.composition(plainStationsOver(project, layers), hour, title + QStringLiteral(" B − A"), {}, periods);
      themeFirst(c.legend, style.valueTitle, equalClasses(ramp.classCount()));
      mapAndColumn(y, std::move(c), sec.sentences);
      continue;
    }
    if (table && sec.kind == "stations" && project.stations && project.stations->size()) {
      // Boardings + alightings per day before and after, bubbles on one scale.
      const auto index = indexByKey(stationFid, project.stations->fids);
      const std::size_t n = project.stations->size();
      const std::vector<double> a = featureValues(*table, index, n, "mean_a"), b = featureValues(*table, index, n, "mean_b");
      RidershipBubbleStyle bubbles;
      bubbles.referenceValue = 1;
      for (double v : a) if (v > bubbles.referenceValue) bubbles.referenceValue = v;
      for (double v : b) if (v > bubbles.referenceValue) bubbles.referenceValue = v;
      bubbles.referenceRadius = 26;
      bubbles.valueTitle = w.t(QStringLiteral("乗降人数（1日平均）"), QStringLiteral("Boardings + alightings (daily mean)"));
      auto stationLayer = [&](const QString& id, const std::vector<double>& v) {
        auto source = std::make_shared<InMemoryStationRidership>(n);
        std::vector<BoardingsAlightings> ba(n);
        for (std::size_t i = 0; i < n; ++i) ba[i].boardings = v[i];
        source->setValues(hour, std::move(ba));
        LayerList layers = stackLayers(project, {"basemap", "road_segments", "rail"});
        layers.push_back(std::make_shared<StationsLayer>(id, w.t(QStringLiteral("駅"), QStringLiteral("Stations")), project.stations,
                                                         source, bubbles));
        return layers;
      };
      sideBySide(y, w.composition(stationLayer(QStringLiteral("stations_a"), a), hour, before, {}, q(sec.periodA)),
                 w.composition(stationLayer(QStringLiteral("stations_b"), b), hour, after, {}, q(sec.periodB)), sec.sentences);
      continue;
    }
    for (const auto& st : sec.sentences) y += w.sentence(QRectF(left, y, textW * 0.8, H), st, 18);
  }
  // 5. The summary: every sentence, Japanese with English alongside.
  {
    const QString summaryTitle = w.t(QStringLiteral("まとめ"), QStringLiteral("Summary"));
    double y = w.page("summary", summaryTitle);
    const bool two = lang == LabelLanguage::Both;
    const double colW = two ? (textW - 24 * u) / 2 : textW;
    for (const auto& sec : s.sections)
      for (const auto& st : sec.sentences) {
        const double hj = w.paragraphHeight(colW, q(st.ja), 18), he = w.paragraphHeight(colW, q(st.en), 17);
        if (y + (two ? std::max(hj, he) : hj + he + 4 * u) > bottom)
          y = w.page("summary", summaryTitle + w.t(QStringLiteral("（続き）"), QStringLiteral(" (cont.)")));
        double h = 0;
        if (two) {
          const double hj = w.paragraph(QRectF(left, y, colW, H), q(st.ja), 18);
          const double he = w.paragraph(QRectF(left + colW + 24 * u, y, colW, H), q(st.en), 17, false, kGrey);
          h = std::max(hj, he) + 12 * u;
        } else {
          h = w.sentence(QRectF(left, y, colW, H), st, 18);
        }
        y += h;
      }
  }
  // 6. Where the numbers come from.
  {
    double y = w.page("sources", w.t(QStringLiteral("数値の出典"), QStringLiteral("Where the numbers come from")));
    for (const auto& f : s.figures) {
      if (y > H - 60 * u) y = w.page("sources", w.t(QStringLiteral("数値の出典（続き）"), QStringLiteral("Where the numbers come from (cont.)")));
      const QString line = QStringLiteral("%1  =  %2    %3").arg(q(f.id), q(f.text), q(f.source));
      y += w.paragraph(QRectF(left, y, textW, H), line, 14, false, kInk) + 4 * u;
    }
  }
  w.end();
  feedback.throwIfCancelled();
  file.commit();
  result.outPath = r.outPath;
  result.widthPx = size->width();
  result.heightPx = size->height();
  result.dpi = r.dpi;
  result.pages = w.pages();
  feedback.setProgress(100);
  return result;
}

}  // namespace ekm::render
