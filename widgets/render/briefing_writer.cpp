// The briefing pack's page writer and result-table helpers (briefing_writer.h).
#include "render/briefing_writer.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/privacy/small_count.h"

namespace ekm::render::briefing_pages {

using core::ErrorContext;
using ops::Json;

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
    if (row.empty() || c >= row.size() || !(row[c].is_number() || row[c].is_boolean())) continue;
    const auto i = index.find(row[0].is_string() ? row[0].get<std::string>() : row[0].dump());
    if (i != index.end()) out[i->second] = row[c].is_boolean() ? (row[c].get<bool>() ? 1.0 : 0.0) : row[c].get<double>();
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

// Moves the group titled `theme` to the top of the legend with `note` under it.
void themeFirst(std::vector<LegendGroup>& legend, const QString& theme, const LegendGroup& note) {
  const auto at = std::find_if(legend.begin(), legend.end(), [&](const LegendGroup& g) { return g.title == theme; });
  if (at == legend.end()) return;
  const LegendGroup group = *at;
  legend.erase(at);
  legend.insert(legend.begin(), {group, note});
}

void PackWriter::begin(QPdfWriter& writer, const QString& title) {
  m_writer = &writer;
  beginPdfPages(m_p, writer, m_size, m_r.dpi, title, m_r.outPath);
}

void PackWriter::end() {
  footer();
  if (!m_p.end()) throw core::IoError("cannot write the PDF", core::ErrorContext{m_r.outPath, {}, {}, "", "", ""});
}

double PackWriter::page(const std::string& kind, const QString& title, const QString& subtitle) {
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

double PackWriter::paragraph(const QRectF& r, const QString& text, double px, bool bold, QColor colour) {
  if (text.isEmpty()) return 0;
  const QFont f = exportFont(px * m_u, bold);
  m_p.setFont(f);
  m_p.setPen(colour);
  const QRectF box = QFontMetricsF(f).boundingRect(r, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
  m_p.drawText(r, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
  return box.height();
}

double PackWriter::paragraphHeight(double width, const QString& text, double px) const {
  if (text.isEmpty()) return 0;
  return QFontMetricsF(exportFont(px * m_u, false))
      .boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text)
      .height();
}

double PackWriter::sentence(const QRectF& r, const briefing::BriefingSentence& s, double px) {
  double h = 0;
  if (m_lang != LabelLanguage::English) h += paragraph(r, q(s.ja), px);
  if (m_lang == LabelLanguage::Both) h += 4 * m_u;
  if (m_lang != LabelLanguage::Japanese)
    h += paragraph(QRectF(r.left(), r.top() + h, r.width(), r.height() - h), q(s.en), px * 0.92, false,
                   m_lang == LabelLanguage::Both ? kGrey : kInk);
  return h + 12 * m_u;
}

MapComposition PackWriter::composition(const LayerList& layers, core::HourKey hour, const QString& title, const LegendExtras& extras, const QString& period) const {
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

void PackWriter::map(const QRectF& r, MapComposition c) {
  paintMapInto(m_p, r, std::move(c), m_r.dpi, m_fb);
  m_p.setPen(QPen(kRule, m_u));
  m_p.setBrush(Qt::NoBrush);
  m_p.drawRect(r);
  m_pages.back().mapRects.push_back({r.x(), r.y(), r.width(), r.height()});
}

QSizeF PackWriter::legendSize(const std::vector<LegendGroup>& groups, QSizeF room, double* unit) const {
  const QSizeF natural = legendBoxSize(groups, m_u);
  const double k = std::min({1.0, room.width() / natural.width(), room.height() / natural.height()});
  if (unit) *unit = m_u * k;
  return legendBoxSize(groups, m_u * k);
}

double PackWriter::legend(QPointF at, const std::vector<LegendGroup>& groups, QSizeF room) {
  if (groups.empty()) return 0;
  double unit = m_u;
  const QSizeF box = legendSize(groups, room, &unit);
  PainterCanvas canvas(m_p);
  paintLegendBox(canvas, QRectF(at, box), groups, unit);
  return box.height();
}

void PackWriter::footer() {
  PainterCanvas canvas(m_p);
  const double y = m_size.height() - 14 * m_u;
  const QString left = QStringLiteral("Ekimachi · %1 · ").arg(t(QStringLiteral("市民説明資料"), QStringLiteral("Citizens' briefing"))) +
                       QStringLiteral("run %1 '%2'").arg(m_s.run.fid).arg(q(m_s.run.name)) + QStringLiteral(" · ") +
                       suppressionNote(m_lang);
  canvas.text(QPointF(kMargin * m_u, y), left, kFootPx * m_u, false, kGrey, TextAnchor::Start);
  canvas.text(QPointF(m_size.width() - kMargin * m_u, y), QString::number(m_pages.size()), kFootPx * m_u, false, kGrey,
              TextAnchor::End);
}

double PackWriter::left() const { return kMargin * m_u; }
double PackWriter::textWidth() const { return m_size.width() - 2 * left(); }
double PackWriter::bottom() const { return m_size.height() - 40 * m_u; }

void PackWriter::sideBySide(double y, MapComposition a, MapComposition b, const std::vector<briefing::BriefingSentence>& sentences) {
  const double u = m_u, left = this->left(), textW = textWidth(), bottom = this->bottom(), H = m_size.height();
  auto [theme, reference] = splitLegend(a.legend);
  a.legend.clear();
  b.legend.clear();
  const double gap = 16 * u, mapW = (textW - gap) / 2;
  // The legend band: at most 0.36 of the height and 0.6 of the width, the boxes shrunk alike.
  const QSizeF t = legendSize(theme, QSizeF(1e9, 1e9), nullptr), r = legendSize(reference, QSizeF(1e9, 1e9), nullptr);
  const double bandW = t.width() + (reference.empty() ? 0 : gap + r.width()), bandH = std::max(t.height(), r.height());
  const double k = std::max(0.3, std::min({1.0, 0.6 * textW / bandW, 0.36 * (bottom - y) / bandH}));
  const double mapH = bottom - y - gap - bandH * k;
  map(QRectF(left, y, mapW, mapH), std::move(a));
  map(QRectF(left + mapW + gap, y, mapW, mapH), std::move(b));
  y += mapH + gap;
  const double tw = legend(QPointF(left, y), theme, t * k) > 0 ? t.width() * k : 0;
  const double rw = legend(QPointF(left + tw + gap, y), reference, r * k) > 0 ? r.width() * k : 0;
  const double x = left + tw + rw + 2.5 * gap;
  for (const auto& st : sentences) y += sentence(QRectF(x, y, left + textW - x, H), st, 14);
}

void PackWriter::mapAndColumn(double y, MapComposition c, const std::vector<briefing::BriefingSentence>& sentences) {
  const double u = m_u, left = this->left(), textW = textWidth(), bottom = this->bottom(), H = m_size.height();
  auto [theme, reference] = splitLegend(c.legend);
  c.legend.clear();
  const double gap = 24 * u, mapW = textW * 0.62, x = left + mapW + gap, colW = textW - mapW - gap;
  map(QRectF(left, y, mapW, bottom - y), std::move(c));
  for (const auto& st : sentences) y += sentence(QRectF(x, y, colW, H), st, 14);
  y += 4 * u;
  // Both boxes in the room left, shrunk alike when they do not fit.
  const QSizeF t = legendSize(theme, QSizeF(colW, 1e9), nullptr), r = legendSize(reference, QSizeF(colW, 1e9), nullptr);
  const double needed = t.height() + (reference.empty() ? 0 : 12 * u + r.height());
  const double k = std::max(0.3, std::min(1.0, (bottom - y) / needed));
  y += legend(QPointF(x, y), theme, t * k) + 12 * u;
  legend(QPointF(x, y), reference, r * k);
}

LegendGroup PackWriter::equalClasses(int n) const {
  return LegendGroup{t(QStringLiteral("等間隔%1階級、青は減少・赤は増加").arg(n), QStringLiteral("%1 equal classes, blue fewer, red more").arg(n)), {}};
}

}  // namespace ekm::render::briefing_pages
