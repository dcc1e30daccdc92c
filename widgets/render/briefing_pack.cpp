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
#include "ekm/store/project.h"
#include "ekm/store/run_store.h"
#include "render/atomic_file.h"
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

namespace {

using namespace composition_style;
using core::ErrorContext;
using ops::Json;

QString q(const std::string& s) { return QString::fromStdString(s); }

store::RunRecord findRun(store::Project& project, const std::string& id, const char* field) {
  const auto r = store::findRun(project, id);
  if (!r) throw core::ValidationError("no such run", ErrorContext{project.path(), {}, {}, field, "a run id or scenario name", id});
  return *r;
}

// Values of a comparison table column per feature (index: the table's key -> the feature's
// index in the layer's geometry; NaN where absent), the small-count rule applied.
std::vector<double> featureValues(const ops::ResultTable& t, const std::unordered_map<std::string, std::size_t>& index,
                                  std::size_t count, const std::string& column) {
  std::vector<double> out(count, std::numeric_limits<double>::quiet_NaN());
  const auto it = std::find(t.columns.begin(), t.columns.end(), column);
  if (it == t.columns.end()) return out;
  const std::size_t c = static_cast<std::size_t>(it - t.columns.begin());
  const ops::ResultTable s = privacy::suppressTable(t, Json(nullptr), false);
  for (const auto& row : s.rows) {
    if (row.empty() || c >= row.size() || !row[c].is_number()) continue;
    const auto i = index.find(row[0].is_string() ? row[0].get<std::string>() : row[0].dump());
    if (i != index.end()) out[i->second] = row[c].get<double>();
  }
  return out;
}

std::vector<double> cellValues(const ops::ResultTable& t, const MeshGeometry& mesh, const std::string& column) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < mesh.size(); ++i) index[mesh.codes[i]] = i;
  return featureValues(t, index, mesh.size(), column);
}

// Feature keys of the comparison tables (segment and station ids) -> index in the layer
// geometry, through the features' fids.
std::unordered_map<std::string, std::size_t> indexByKey(const std::unordered_map<std::string, std::int64_t>& fidOfKey,
                                                        const std::vector<std::int64_t>& fids) {
  std::unordered_map<std::int64_t, std::size_t> at;
  for (std::size_t i = 0; i < fids.size(); ++i) at[fids[i]] = i;
  std::unordered_map<std::string, std::size_t> out;
  for (const auto& [key, fid] : fidOfKey)
    if (const auto i = at.find(fid); i != at.end()) out[key] = i->second;
  return out;
}

class PackWriter {
 public:
  PackWriter(const BriefingPackRequest& r, const ProjectLayers& project, const briefing::BriefingSummary& summary,
             LabelLanguage lang, QSize size, core::Feedback& feedback)
      : m_r(r), m_project(project), m_s(summary), m_lang(lang), m_size(size), m_fb(feedback),
        m_u(std::max(size.width(), size.height()) / 1600.0) {}

  void begin(QPdfWriter& writer, const QString& title) {
    m_writer = &writer;
    beginPdfPages(m_p, writer, m_size, m_r.dpi, title, m_r.outPath);
  }
  void end() {
    footer();
    if (!m_p.end()) throw core::IoError("cannot write the PDF", ErrorContext{m_r.outPath, {}, {}, "", "", ""});
  }
  std::vector<BriefingPage> pages() const { return m_pages; }

  QString t(const QString& ja, const QString& en) const { return bilingual(m_lang, ja, en); }

  // Starts a page with a title band; returns the top of the content.
  double page(const std::string& kind, const QString& title, const QString& subtitle = {}) {
    m_fb.throwIfCancelled();
    if (!m_pages.empty()) {
      footer();
      m_writer->newPage();
    }
    m_pages.push_back({kind, title.toStdString(), {}});
    PainterCanvas canvas(m_p);
    canvas.rect(QRectF(QPointF(0, 0), QSizeF(m_size)), kPaper);
    canvas.text(QPointF(kMargin * m_u, 52 * m_u), title, kTitlePx * m_u, true, kInk, TextAnchor::Start);
    double y = 64 * m_u;
    if (!subtitle.isEmpty()) {
      canvas.text(QPointF(kMargin * m_u, 84 * m_u), subtitle, kSubtitlePx * m_u, false, kGrey, TextAnchor::Start);
      y = 96 * m_u;
    }
    canvas.line(QPointF(kMargin * m_u, y), QPointF(m_size.width() - kMargin * m_u, y), Stroke{kRule, std::max(1.0, m_u), false, {}});
    return y + 16 * m_u;
  }

  // A wrapped paragraph in the rectangle's width from its top; returns the height used.
  double paragraph(const QRectF& r, const QString& text, double px, bool bold = false, QColor colour = kInk) {
    if (text.isEmpty()) return 0;
    const QFont f = exportFont(px * m_u, bold);
    m_p.setFont(f);
    m_p.setPen(colour);
    const QRectF box = QFontMetricsF(f).boundingRect(r, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    m_p.drawText(r, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    return box.height();
  }
  // The height paragraph() would use.
  double paragraphHeight(double width, const QString& text, double px) const {
    if (text.isEmpty()) return 0;
    return QFontMetricsF(exportFont(px * m_u, false))
        .boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text)
        .height();
  }
  // Japanese then English (grey), as the language asks.
  double sentence(const QRectF& r, const briefing::BriefingSentence& s, double px) {
    double h = 0;
    if (m_lang != LabelLanguage::English) h += paragraph(r, q(s.ja), px);
    if (m_lang == LabelLanguage::Both) h += 4 * m_u;
    if (m_lang != LabelLanguage::Japanese)
      h += paragraph(QRectF(r.left(), r.top() + h, r.width(), r.height() - h), q(s.en), px * 0.92, false,
                     m_lang == LabelLanguage::Both ? kGrey : kInk);
    return h + 12 * m_u;
  }

  // A map of the district at the hour, its texts, legend and symbols at the page's size (not
  // shrunk with the map's rectangle); the period, when given, replaces the hour's.
  MapComposition composition(const LayerList& layers, core::HourKey hour, const QString& title,
                             const LegendExtras& extras = {}, const QString& period = {}) const {
    MapComposition c;
    c.layers = layers;
    c.extent = (m_project.mesh && m_project.mesh->size() ? m_project.mesh->extent : m_project.fullExtent).scaled(1.04);
    c.view.setHour(hour);
    c.view.setDestinationEpsg(m_project.displayEpsg);
    c.dpi = m_r.dpi;
    c.unit = m_u;
    c.language = m_lang;
    c.title = title;
    completeComposition(c, m_r.projectPath, true, extras, &m_project.meshBreaks);  // the rule, legend, period, note, sources
    if (!period.isEmpty()) c.period = period;
    if (!period.isEmpty() || !extras.isEmpty()) c.suppressionNote = suppressionNote(m_lang);
    return c;
  }

  // Draws a composition in a rectangle of the page (its legend in a strip at the right, unless
  // the page took it out to draw it beside the map: legend()).
  void map(const QRectF& r, MapComposition c) {
    c.size = r.size().toSize();
    const CompositionLayout layout = layoutComposition(c);
    const MapPicture picture = renderMapPicture(c, layout, m_fb);
    m_p.save();
    m_p.translate(r.topLeft());
    m_p.setClipRect(QRectF(QPointF(0, 0), r.size()));
    PainterCanvas canvas(m_p, /*vectorMap=*/true);
    paintComposition(canvas, c, layout, picture);
    m_p.restore();
    m_p.setPen(QPen(kRule, m_u));
    m_p.setBrush(Qt::NoBrush);
    m_p.drawRect(r);
    m_pages.back().mapRects.push_back({r.x(), r.y(), r.width(), r.height()});
  }

  // The legend box's size at the page's size, shrunk to fit `room`; its unit in `unit`.
  QSizeF legendSize(const std::vector<LegendGroup>& groups, QSizeF room, double* unit) const {
    const QSizeF natural = legendBoxSize(groups, m_u);
    const double k = std::min({1.0, room.width() / natural.width(), room.height() / natural.height()});
    if (unit) *unit = m_u * k;
    return legendBoxSize(groups, m_u * k);
  }
  // Draws a map's legend on the page with its top left at `at`, fitted into `room`; returns its height.
  double legend(QPointF at, const std::vector<LegendGroup>& groups, QSizeF room) {
    if (groups.empty()) return 0;
    double unit = m_u;
    const QSizeF box = legendSize(groups, room, &unit);
    PainterCanvas canvas(m_p);
    paintLegendBox(canvas, QRectF(at, box), groups, unit);
    return box.height();
  }

  QSize size() const { return m_size; }
  double u() const { return m_u; }

 private:
  void footer() {
    PainterCanvas canvas(m_p);
    const double y = m_size.height() - 14 * m_u;
    const QString left = QStringLiteral("Ekimachi · %1 · ").arg(t(QStringLiteral("市民説明資料"), QStringLiteral("Citizens' briefing"))) +
                         QStringLiteral("run %1 '%2'").arg(m_s.run.fid).arg(q(m_s.run.name)) + QStringLiteral(" · ") +
                         suppressionNote(m_lang);
    canvas.text(QPointF(kMargin * m_u, y), left, kFootPx * m_u, false, kGrey, TextAnchor::Start);
    canvas.text(QPointF(m_size.width() - kMargin * m_u, y), QString::number(m_pages.size()), kFootPx * m_u, false, kGrey,
                TextAnchor::End);
  }

  const BriefingPackRequest& m_r;
  const ProjectLayers& m_project;
  const briefing::BriefingSummary& m_s;
  LabelLanguage m_lang;
  QSize m_size;
  core::Feedback& m_fb;
  double m_u;
  QPdfWriter* m_writer = nullptr;
  QPainter m_p;
  std::vector<BriefingPage> m_pages;
};

// Layers of the project's stack by id, in the order given (those the project has).
LayerList stackLayers(const ProjectLayers& project, std::initializer_list<const char*> ids) {
  const LayerNames names{QStringLiteral("Basemap"),           QStringLiteral("Population"),
                         QStringLiteral("Population heatmap"), QStringLiteral("Ridership heatmap"),
                         QStringLiteral("Pedestrian counts"),  QStringLiteral("Vehicle counts"),
                         QStringLiteral("Roads"),              QStringLiteral("Railways"),
                         QStringLiteral("Stations")};
  const auto stack = project.makeLayerStack(names);
  LayerList out;
  for (const char* id : ids)
    for (const auto& s : stack)
      if (s.layer->id() == QLatin1String(id)) out.push_back(s.layer);
  return out;
}

// The layers with plain stations on top (no ridership bubbles of one hour): maps of a
// period or of the area.
LayerList plainStationsOver(const ProjectLayers& project, LayerList layers) {
  if (project.stations)
    layers.push_back(project.makeLayers(QStringLiteral("Population"), QStringLiteral("Roads"), QStringLiteral("Stations")).back());
  return layers;
}

// The hour shown on the "people" page: noon of period B's first day, else of the data's last day.
core::HourKey peopleHour(const briefing::BriefingSummary& s, const ProjectLayers& project) {
  std::optional<core::HourKey> hour;
  for (const auto& sec : s.sections)
    if (!sec.periodB.empty() && !hour) hour = core::parseIsoDateTimeToHourKey(sec.periodB.substr(0, 10) + "T12:00");
  const auto& range = project.meshTimeRange;
  if (range && (!hour || *hour < range->first || *hour > range->last)) hour = std::max(range->first, range->last - 11);
  return hour.value_or(0);
}

const ops::ResultTable* stepTable(const std::vector<store::RunStepRecord>& steps, std::vector<ops::OpResult>& keep,
                                  const std::string& stepId, const std::string& table) {
  for (const auto& st : steps)
    if (st.stepId == stepId) {
      keep.push_back(ops::opResultFromJson(Json::parse(st.resultJson)));
      return keep.back().table(table);
    }
  return nullptr;
}

// A map's legend split for a page that draws it beside the map: the theme (the first group
// and the notes under it) and the reference layers (stations, railways, basemap).
std::pair<std::vector<LegendGroup>, std::vector<LegendGroup>> splitLegend(const std::vector<LegendGroup>& groups) {
  std::size_t n = groups.empty() ? 0 : 1;
  while (n < groups.size() && groups[n].items.empty()) ++n;
  return {std::vector<LegendGroup>(groups.begin(), groups.begin() + n), std::vector<LegendGroup>(groups.begin() + n, groups.end())};
}

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

// Moves the group titled `theme` to the top of the legend with `note` under it.
void themeFirst(std::vector<LegendGroup>& legend, const QString& theme, const LegendGroup& note) {
  const auto at = std::find_if(legend.begin(), legend.end(), [&](const LegendGroup& g) { return g.title == theme; });
  if (at == legend.end()) return;
  const LegendGroup group = *at;
  legend.erase(at);
  legend.insert(legend.begin(), {group, note});
}

}  // namespace

BriefingPackResult writeBriefingPack(const BriefingPackRequest& r, core::Feedback& feedback) {
  const LabelLanguage lang = documentLanguage(r.language);
  const std::optional<QSize> size = landscapePagePixels(r.paper, r.dpi);
  if (!std::filesystem::exists(r.projectPath))
    throw core::IoError("project file not found", ErrorContext{r.projectPath, {}, {}, "", "an Ekimachi project (.gpkg)", "no such file"});

  BriefingPackResult result;
  std::vector<store::RunStepRecord> steps;
  std::unordered_map<std::string, std::int64_t> segmentFid, stationFid;  // comparison keys -> features
  {
    store::Project project = store::Project::open(r.projectPath, store::OpenMode::ReadOnly);
    const store::RunRecord a = findRun(project, r.scenario, "scenario");
    std::optional<store::RunRecord> b;
    if (!r.compare.empty()) b = findRun(project, r.compare, "compare");
    result.summary = briefing::summariseRuns(project, a, b);
    steps = store::runSteps(project, a.fid);
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
  const core::HourKey hour = peopleHour(s, project);

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
  const double bottom = H - 40 * u;  // the content's bottom, above the footer
  // Two maps of one theme side by side (before, after) with one legend under them (the theme,
  // then the reference layers) and the sentences beside the legend.
  auto sideBySide = [&](double y, MapComposition a, MapComposition b, const std::vector<briefing::BriefingSentence>& sentences) {
    auto [theme, reference] = splitLegend(a.legend);
    a.legend.clear();
    b.legend.clear();
    const double gap = 16 * u, mapW = (textW - gap) / 2;
    // The legend band: at most 0.36 of the height and 0.6 of the width, the boxes shrunk alike.
    const QSizeF t = w.legendSize(theme, QSizeF(1e9, 1e9), nullptr), r = w.legendSize(reference, QSizeF(1e9, 1e9), nullptr);
    const double bandW = t.width() + (reference.empty() ? 0 : gap + r.width()), bandH = std::max(t.height(), r.height());
    const double k = std::max(0.3, std::min({1.0, 0.6 * textW / bandW, 0.36 * (bottom - y) / bandH}));
    const double mapH = bottom - y - gap - bandH * k;
    w.map(QRectF(left, y, mapW, mapH), std::move(a));
    w.map(QRectF(left + mapW + gap, y, mapW, mapH), std::move(b));
    y += mapH + gap;
    const double tw = w.legend(QPointF(left, y), theme, t * k) > 0 ? t.width() * k : 0;
    const double rw = w.legend(QPointF(left + tw + gap, y), reference, r * k) > 0 ? r.width() * k : 0;
    const double x = left + tw + rw + 2.5 * gap;
    for (const auto& st : sentences) y += w.sentence(QRectF(x, y, left + textW - x, H), st, 14);
  };
  // One map at the left, the sentences and then its legend in a column at the right.
  auto mapAndColumn = [&](double y, MapComposition c, const std::vector<briefing::BriefingSentence>& sentences) {
    auto [theme, reference] = splitLegend(c.legend);
    c.legend.clear();
    const double gap = 24 * u, mapW = textW * 0.62, x = left + mapW + gap, colW = textW - mapW - gap;
    w.map(QRectF(left, y, mapW, bottom - y), std::move(c));
    for (const auto& st : sentences) y += w.sentence(QRectF(x, y, colW, H), st, 14);
    y += 4 * u;
    // Both boxes in the room left, shrunk alike when they do not fit.
    const QSizeF t = w.legendSize(theme, QSizeF(colW, 1e9), nullptr), r = w.legendSize(reference, QSizeF(colW, 1e9), nullptr);
    const double needed = t.height() + (reference.empty() ? 0 : 12 * u + r.height());
    const double k = std::max(0.3, std::min(1.0, (bottom - y) / needed));
    y += w.legend(QPointF(x, y), theme, t * k) + 12 * u;
    w.legend(QPointF(x, y), reference, r * k);
  };

  // How the diverging classes were made, under the theme's group.
  auto equalClasses = [&](int n) {
    return LegendGroup{w.t(QStringLiteral("等間隔%1階級、青は減少・赤は増加").arg(n), QStringLiteral("%1 equal classes, blue fewer, red more").arg(n)), {}};
  };

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
    mapAndColumn(y, w.composition(stackLayers(project, {"basemap", "mesh_population", "rail", "stations"}), hour, defaultExportTitle(hour, lang)),
                 {{"色はこの1時間に各メッシュ（約" + side + "四方）にいた人数を表します。明るい色ほど多く、斜線は10人未満などで表示しないメッシュです。",
                   "The colour is how many people were in each cell (about " + side + " square) during this hour: the lighter, "
                   "the more. Hatched cells are not shown (fewer than 10 people, or no data)."}});
  }
  // 4. Each result: maps for mesh comparisons, sentences for all.
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
      style.breaks = ClassBreaks::compute(both, 6, ClassificationMethod::Quantile);
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
      const LegendGroup classes{w.t(QStringLiteral("分位数で6階級（A・B共通）"), QStringLiteral("6 quantile classes, the same for A and B")), {}};
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
