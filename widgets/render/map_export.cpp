#include "render/map_export.h"

#include <QString>
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "ekm/core/error.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/project.h"
#include "render/atomic_file.h"
#include "render/composition_defaults.h"
#include "render/composition_writer.h"
#include "render/export_texts.h"
#include "render/headless_gui.h"
#include "render/paper_size.h"
#include "render/map_export_composition.h"
#include "render/project_layers.h"

namespace ekm::render {

namespace {

using core::ErrorCode;
using core::ErrorContext;

core::Error usage(const std::string& what, const std::string& field, const std::string& expected,
                  const std::string& found) {
  return core::Error(ErrorCode::Usage, "bad " + what, ErrorContext{"", std::nullopt, std::nullopt, field, expected, found});
}

LabelLanguage languageOf(const std::string& name) {
  if (name == "ja") return LabelLanguage::Japanese;
  if (name == "en") return LabelLanguage::English;
  if (name == "both") return LabelLanguage::Both;
  throw usage("language", "lang", "ja, en or both", name);
}

QSize sizeOf(const MapExportRequest& r) {
  if (!(r.dpi >= 10 && r.dpi <= 2400)) throw usage("DPI", "dpi", "10 to 2400", std::to_string(r.dpi));
  QSize size(r.widthPx, r.heightPx);
  if (!r.paper.empty()) {
    const auto paper = paperPixels(r.paper, r.dpi);
    if (!paper) throw usage("paper", "paper", "a paper size such as A4, A3-portrait, JisB4, Letter", r.paper);
    size = *paper;
  }
  if (size.width() < 200 || size.height() < 150 || size.width() > 20000 || size.height() > 20000)
    throw usage("size", "size", "WxH between 200x150 and 20000x20000",
                std::to_string(size.width()) + "x" + std::to_string(size.height()));
  return size;
}

bool showsPopulation(const std::vector<std::string>& ids) {
  return ids.empty() || std::any_of(ids.begin(), ids.end(), [](const std::string& id) {
           return id == "mesh_population" || id == "population_heatmap";
         });
}

// The hour must be inside the population data when population is drawn.
void checkProject(const MapExportRequest& r) {
  if (!store::isPostgresLocation(r.projectPath) && !std::filesystem::exists(r.projectPath))
    throw core::IoError("project file not found",
                        ErrorContext{r.projectPath, {}, {}, "", "an Ekimachi project (.gpkg)", "no such file"});
  const store::Project project = store::Project::open(r.projectPath, store::OpenMode::ReadOnly);
  if (!showsPopulation(r.layers)) return;
  const auto range = project.timeRange("mesh_population");
  if (!range)
    throw core::ValidationError("the project has no mesh population to map",
                                ErrorContext{r.projectPath, {}, {}, "mesh_population", "rows", "none"});
  if (r.hour < range->first || r.hour > range->last)
    throw core::ValidationError("the hour --at is outside the project's mesh population data",
                                ErrorContext{r.projectPath, {}, {}, "",
                                             core::formatHourKeyJst(range->first) + " .. " + core::formatHourKeyJst(range->last),
                                             core::formatHourKeyJst(r.hour)});
}

// The requested layers of the project's stack and its result layers (the offline raster
// basemap, when given, at the bottom), or the default: population, plain roads, plain stations.
LayerList chooseLayers(const ProjectLayers& project, const std::vector<std::string>& ids) {
  LayerList out;
  if (project.rasterBasemap) out.push_back(project.rasterBasemap);
  if (ids.empty()) {
    const LayerList defaults =
        project.makeLayers(QStringLiteral("Population"), QStringLiteral("Roads"), QStringLiteral("Stations"));
    out.insert(out.end(), defaults.begin(), defaults.end());
    return out;
  }
  LayerNames names{QStringLiteral("Basemap"),           QStringLiteral("Population"),
                   QStringLiteral("Population heatmap"), QStringLiteral("Ridership heatmap"),
                   QStringLiteral("Pedestrian counts"),  QStringLiteral("Vehicle counts"),
                   QStringLiteral("Roads"),              QStringLiteral("Railways"),
                   QStringLiteral("Stations")};
  std::vector<StackedLayer> stack = project.makeLayerStack(names);
  for (StackedLayer& r : makeResultLayers(project)) stack.push_back(std::move(r));
  std::string available;
  for (const StackedLayer& s : stack)
    if (s.layer != project.rasterBasemap) available += (available.empty() ? "" : ", ") + s.layer->id().toStdString();
  for (const std::string& id : ids) {
    auto it = std::find_if(stack.begin(), stack.end(), [&](const StackedLayer& s) { return s.layer->id().toStdString() == id; });
    if (it == stack.end()) throw usage("layer", "layers", "layers of this project: " + available, id);
    if (it->layer != project.rasterBasemap) out.push_back(it->layer);
  }
  return out;
}

std::array<double, 4> rectOf(const QRectF& r) { return {r.x(), r.y(), r.width(), r.height()}; }

MapExportResult resultOf(const MapExportRequest& r, ExportFormat format, const MapComposition& c,
                         const CompositionResult& drawn) {
  MapExportResult out;
  out.outPath = r.outPath;
  out.format = exportFormatName(format);
  out.widthPx = c.size.width();
  out.heightPx = c.size.height();
  out.dpi = c.dpi;
  out.title = c.title.toStdString();
  out.period = c.period.toStdString();
  out.attribution = c.sources.toStdString();
  out.suppressionNote = c.suppressionNote.toStdString();
  out.displayEpsg = c.view.destinationEpsg();
  for (const auto& l : c.layers) out.layers.push_back(l->id().toStdString());
  const CompositionLayout& l = drawn.layout;
  const Extent visible = l.mapSettings.visibleExtent();
  out.extent = {visible.xMin, visible.yMin, visible.xMax, visible.yMax};
  out.mapRect = rectOf(l.mapRect);
  out.legendRect = rectOf(l.legendRect);
  out.scaleBarRect = rectOf(l.scaleBarRect);
  out.northArrowRect = rectOf(l.northArrowRect);
  out.scaleBarMetres = l.scaleBar.metres;
  out.northAngleDeg = l.northAngleDeg;
  for (const LegendSwatch& s : drawn.legend) {
    const bool missing = s.item.kind == LegendItem::Kind::Missing;
    if (!missing && s.item.kind != LegendItem::Kind::Range) continue;
    out.legend.push_back({s.item.label.toStdString(), missing, s.item.lower, s.item.upper,
                          s.item.colour.name(QColor::HexRgb).toStdString(), rectOf(s.rect)});
  }
  return out;
}

}  // namespace

MapComposition composeMapExport(const ProjectLayers& project, const MapExportRequest& r) {
  const LabelLanguage language = languageOf(r.language);
  MapComposition c;
  c.layers = chooseLayers(project, r.layers);
  if (r.extent) {
    c.extent = Extent{(*r.extent)[0], (*r.extent)[1], (*r.extent)[2], (*r.extent)[3]};
    if (!c.extent.isValid())
      throw usage("extent", "extent", "xmin < xmax and ymin < ymax", std::to_string(c.extent.xMin) + "," +
                  std::to_string(c.extent.yMin) + "," + std::to_string(c.extent.xMax) + "," + std::to_string(c.extent.yMax));
  } else {
    c.extent = (project.mesh && project.mesh->size() ? project.mesh->extent : project.fullExtent).scaled(1.04);
  }
  c.view.setHour(r.hour);
  c.view.setDestinationEpsg(project.displayEpsg);
  c.size = sizeOf(r);
  c.dpi = r.dpi;
  c.language = language;
  c.title = r.title.empty() ? defaultExportTitle(r.layers, r.hour, language) : QString::fromStdString(r.title);
  c.subtitle = QString::fromStdString(r.subtitle);
  completeComposition(c, r.projectPath, r.legend, {}, &project.meshBreaks);

  return c;
}

QImage mapExportPreview(const ProjectLayers& project, const MapExportRequest& r, int longSidePx,
                        core::Feedback& feedback) {
  MapComposition c = composeMapExport(project, r);
  // The same layout at a lower resolution: every length scales with the page.
  const double k = std::min(1.0, longSidePx / double(std::max(c.size.width(), c.size.height())));
  c.size = QSize(std::max(16, int(std::lround(c.size.width() * k))), std::max(16, int(std::lround(c.size.height() * k))));
  c.dpi *= k;
  return compositionImage(c, feedback);
}

MapExportResult exportMap(const MapExportRequest& r, core::Feedback& feedback) {
  ExportFormat format = exportFormatFromPath(r.outPath);
  if (!r.format.empty()) {
    const auto f = parseExportFormat(r.format);
    if (!f) throw usage("format", "format", "png, svg or pdf", r.format);
    // A PDF named map.svg opens nowhere: the format and the file's extension must agree.
    if (const auto named = exportFormatOfExtension(r.outPath); named && *named != *f)
      throw usage("the format and the output file's extension disagree", "format",
                  std::string(exportFormatName(*named)) + " (the extension of " + r.outPath + ")", r.format);
    format = *f;
  }
  languageOf(r.language);  // bad requests fail before the long part
  sizeOf(r);
  checkProject(r);
  { AtomicFile probe(r.outPath); }  // an unwritable output fails before the long part
  ensureGuiApplication();

  core::MultiStepFeedback steps(feedback, 2);
  steps.setCurrentStep(0);
  ProjectLoadOptions options;
  options.rasterBasemapPath = r.rasterBasemapPath;
  options.displayEpsg = r.displayEpsg;
  const ProjectLayers project = loadProjectLayers(r.projectPath, steps, options);
  if (project.rasterBasemapError) throw *project.rasterBasemapError;
  feedback.throwIfCancelled();

  const MapComposition c = composeMapExport(project, r);

  steps.setCurrentStep(1);
  const CompositionResult drawn = writeComposition(c, format, r.outPath, steps);
  feedback.setProgress(100);
  return resultOf(r, format, c, drawn);
}

}  // namespace ekm::render
