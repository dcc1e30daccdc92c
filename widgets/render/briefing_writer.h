#pragma once
// The pages of the citizens' briefing pack (briefing_pack.h): a writer that paints titled
// landscape pages on one QPdfWriter — wrapped paragraphs, bilingual sentences, map
// compositions at the page's text size with their legends beside or under them — and the
// helpers that turn a run's stored result tables into values per mesh cell, street or station.
#include <QPainter>
#include <QPdfWriter>
#include <QString>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/export/briefing_summary.h"
#include "ekm/ops/result.h"
#include "ekm/store/run_store.h"
#include "render/briefing_pack.h"
#include "render/composition_defaults.h"
#include "render/composition_style.h"
#include "render/export_texts.h"
#include "render/legend_box.h"
#include "render/map_composition.h"
#include "render/painter_canvas.h"
#include "render/pdf_pages.h"
#include "render/project_layers.h"

namespace ekm::render::briefing_pages {

using namespace composition_style;

inline QString q(const std::string& s) { return QString::fromStdString(s); }

store::RunRecord findRun(store::Project& project, const std::string& id, const char* field);
// Values of a result table's column per feature (index: the table's key -> the feature's
// index in the layer's geometry; NaN where absent; true/false as 1/0), the small-count rule applied.
std::vector<double> featureValues(const ops::ResultTable& t, const std::unordered_map<std::string, std::size_t>& index,
                                  std::size_t count, const std::string& column);
std::vector<double> cellValues(const ops::ResultTable& t, const MeshGeometry& mesh, const std::string& column);
// Feature keys of the comparison tables (segment and station ids) -> index in the layer
// geometry, through the features' fids.
std::unordered_map<std::string, std::size_t> indexByKey(const std::unordered_map<std::string, std::int64_t>& fidOfKey,
                                                        const std::vector<std::int64_t>& fids);
// Layers of the project's stack by id, in the order given (those the project has).
LayerList stackLayers(const ProjectLayers& project, std::initializer_list<const char*> ids);
// The layers with plain stations on top (no ridership bubbles of one hour): maps of a
// period or of the area.
LayerList plainStationsOver(const ProjectLayers& project, LayerList layers);
// The table of a step of the run (its result parsed into `keep`), or nullptr.
const ops::ResultTable* stepTable(const std::vector<store::RunStepRecord>& steps, std::vector<ops::OpResult>& keep,
                                  const std::string& stepId, const std::string& table);
// A map's legend split for a page that draws it beside the map: the theme (the first group
// and the notes under it) and the reference layers (stations, railways, basemap).
std::pair<std::vector<LegendGroup>, std::vector<LegendGroup>> splitLegend(const std::vector<LegendGroup>& groups);
// Moves the group titled `theme` to the top of the legend with `note` under it.
void themeFirst(std::vector<LegendGroup>& legend, const QString& theme, const LegendGroup& note);

class PackWriter {
 public:
  PackWriter(const BriefingPackRequest& r, const ProjectLayers& project, const briefing::BriefingSummary& summary,
             LabelLanguage lang, QSize size, core::Feedback& feedback)
      : m_r(r), m_project(project), m_s(summary), m_lang(lang), m_size(size), m_fb(feedback),
        m_u(std::max(size.width(), size.height()) / 1600.0) {}

  void begin(QPdfWriter& writer, const QString& title);
  void end();
  std::vector<BriefingPage> pages() const { return m_pages; }

  QString t(const QString& ja, const QString& en) const { return bilingual(m_lang, ja, en); }

  // Starts a page with a title band; returns the top of the content.
  double page(const std::string& kind, const QString& title, const QString& subtitle = {});

  // A wrapped paragraph in the rectangle's width from its top; returns the height used.
  double paragraph(const QRectF& r, const QString& text, double px, bool bold = false, QColor colour = kInk);
  // The height paragraph() would use.
  double paragraphHeight(double width, const QString& text, double px) const;
  // Japanese then English (grey), as the language asks.
  double sentence(const QRectF& r, const briefing::BriefingSentence& s, double px);

  // A map of the district at the hour, its texts, legend and symbols at the page's size (not
  // shrunk with the map's rectangle); the period, when given, replaces the hour's.
  MapComposition composition(const LayerList& layers, core::HourKey hour, const QString& title, const LegendExtras& extras = {}, const QString& period = {}) const;

  // Draws a composition in a rectangle of the page (its legend in a strip at the right, unless
  // the page took it out to draw it beside the map: legend()).
  void map(const QRectF& r, MapComposition c);

  // The legend box's size at the page's size, shrunk to fit `room`; its unit in `unit`.
  QSizeF legendSize(const std::vector<LegendGroup>& groups, QSizeF room, double* unit) const;
  // Draws a map's legend on the page with its top left at `at`, fitted into `room`; returns its height.
  double legend(QPointF at, const std::vector<LegendGroup>& groups, QSizeF room);

  QSize size() const { return m_size; }
  double u() const { return m_u; }
  LabelLanguage language() const { return m_lang; }
  const ProjectLayers& project() const { return m_project; }
  double left() const;      // the content's left edge
  double textWidth() const; // the content's width
  double bottom() const;    // the content's bottom, above the footer

  // Two maps of one theme side by side (before, after) with one legend under them (the theme,
  // then the reference layers) and the sentences beside the legend.
  void sideBySide(double y, MapComposition a, MapComposition b, const std::vector<briefing::BriefingSentence>& sentences);
  // One map at the left, the sentences and then its legend in a column at the right.
  void mapAndColumn(double y, MapComposition c, const std::vector<briefing::BriefingSentence>& sentences);
  // How diverging classes were made, under the theme's group of a legend.
  LegendGroup equalClasses(int n) const;

 private:
  void footer();

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

}  // namespace ekm::render::briefing_pages
