// ekimachi-cli export-map: the mesh-population heatmap at one hour as PNG/SVG/PDF, for the
// run script and citizen briefings. Registered only when the render library is built.
#ifdef EKM_WITH_RENDER
#include <QGuiApplication>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "map_export.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

const char* kUsage =
    "usage: ekimachi-cli export-map --project FILE --at TIME --out FILE [--size WxH]\n"
    "                               [--format png|svg|pdf] [--lang ja|en|both] [--title TEXT]\n"
    "                               [--raster-basemap FILE] [--info-json FILE] [--quiet]\n\n"
    "Renders the mesh-population heatmap of a project at one hour (JST) over its roads and\n"
    "stations, with a title, legend, scale bar, north arrow and the data attribution (the\n"
    "project's ekm_meta 'attribution', else a default line), and writes it as PNG, SVG (map\n"
    "raster embedded, text and legend as vectors) or PDF. Nothing is written unless it succeeds.\n"
    "  --at TIME        the hour, JST: 2025-03-27T12:00 (or with an offset: ...T03:00Z)\n"
    "  --size WxH       output size in pixels (default 1600x1000; PDF: 1 px = 0.75 pt)\n"
    "  --format F       png, svg or pdf (default: from the --out extension, else png)\n"
    "  --lang L         labels in ja, en or both (default both)\n"
    "  --raster-basemap FILE  an offline raster (GeoTIFF, MBTiles, any local GDAL raster) drawn\n"
    "                   under the map, warped to the display CRS (never a network service)\n"
    "  --title TEXT     replaces the default title \"滞在人口 Stay population DATE (曜) HH:00 JST\"\n"
    "  --info-json FILE also write what was drawn (title, extent, legend classes and their\n"
    "                   colours and swatch positions, scale bar) as JSON\n"
    "Ctrl-C cancels (exit 130). Exit codes: 0 ok, 2 usage, 3 I/O (missing project, unwritable\n"
    "output), 5 hour outside the data, 6 not a project.";

QSize parseSize(const std::string& s) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(s.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') || w <= 0 || h <= 0)
    throw Error(ErrorCode::Usage, "bad --size", ErrorContext{"", std::nullopt, std::nullopt, "size", "WxH, e.g. 1600x1000", s});
  return QSize(w, h);
}

int runExportMap(const std::vector<std::string>& argv) {
  const Args args(argv, {"quiet"});
  args.checkKnown({"project", "at", "out", "size", "format", "lang", "title", "raster-basemap", "info-json", "quiet"});
  if (!args.positionals().empty()) throw Error(ErrorCode::Usage, "unexpected argument '" + args.positionals()[0] + "'");
  MapExportOptions o;
  o.projectPath = args.required("project");
  o.outPath = args.required("out");
  const std::string at = args.required("at");
  const auto hour = core::parseIsoDateTimeToHourKey(at);
  if (!hour) throw Error(ErrorCode::Usage, "bad --at", ErrorContext{"", std::nullopt, std::nullopt, "at", "YYYY-MM-DDTHH:00 (JST)", at});
  o.hour = *hour;
  if (const auto s = args.value("size")) o.size = parseSize(*s);
  o.format = formatFromPath(o.outPath);
  if (const auto f = args.value("format")) {
    if (*f == "png") o.format = ExportFormat::Png;
    else if (*f == "svg") o.format = ExportFormat::Svg;
    else if (*f == "pdf") o.format = ExportFormat::Pdf;
    else throw Error(ErrorCode::Usage, "bad --format", ErrorContext{"", std::nullopt, std::nullopt, "format", "png, svg or pdf", *f});
  }
  if (const auto l = args.value("lang")) {
    if (*l == "ja") o.language = ExportLanguage::Japanese;
    else if (*l == "en") o.language = ExportLanguage::English;
    else if (*l == "both") o.language = ExportLanguage::Both;
    else throw Error(ErrorCode::Usage, "bad --lang", ErrorContext{"", std::nullopt, std::nullopt, "lang", "ja, en or both", *l});
  }
  if (const auto t = args.value("title")) o.title = QString::fromStdString(*t);
  if (const auto r = args.value("raster-basemap")) o.rasterBasemapPath = *r;

  // Fonts need a QGuiApplication. The export never opens a window, so it uses the offscreen
  // platform unless told otherwise (also with a DISPLAY: a stale one would abort the export).
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  static int qtArgc = 1;
  static char qtName[] = "ekimachi-cli";
  static char* qtArgv[] = {qtName, nullptr};
  // The offscreen platform warns about a missing XDG_RUNTIME_DIR; that is noise here.
  qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (message.startsWith(QLatin1String("QStandardPaths:"))) return;
    if (type != QtDebugMsg) std::fprintf(stderr, "%s\n", qPrintable(message));
  });
  QGuiApplication app(qtArgc, qtArgv);

  MapExportResult result;
  {
    TerminalFeedback fb("exporting map", args.flag("quiet"));
    result = exportMap(o, fb);
    fb.finish();
  }
  if (const auto infoPath = args.value("info-json")) {
    nlohmann::ordered_json j;
    j["output"] = o.outPath;
    j["format"] = formatName(o.format);
    j["width"] = o.size.width();
    j["height"] = o.size.height();
    j["hour"] = core::formatHourKeyJst(o.hour);
    j["title"] = result.title.toStdString();
    j["attribution"] = result.attribution.toStdString();
    j["display_epsg"] = result.displayEpsg;
    j["extent"] = {result.extent[0], result.extent[1], result.extent[2], result.extent[3]};
    j["map_rect"] = {result.mapRect.x(), result.mapRect.y(), result.mapRect.width(), result.mapRect.height()};
    j["scale_bar_m"] = result.scaleBarMetres;
    j["legend"] = nlohmann::ordered_json::array();
    for (const auto& c : result.legend) {
      nlohmann::ordered_json item;
      item["label"] = c.label.toStdString();
      item["missing"] = c.missing;
      if (!c.missing) {
        item["lower"] = c.lower;
        item["upper"] = c.upper;
      }
      item["colour"] = c.colour.name(QColor::HexRgb).toStdString();
      item["swatch"] = {c.swatch.x(), c.swatch.y(), c.swatch.width(), c.swatch.height()};
      j["legend"].push_back(item);
    }
    std::ofstream f(*infoPath);
    f << j.dump(2) << "\n";
    if (!f) throw core::IoError("cannot write the info JSON", ErrorContext{*infoPath, {}, {}, "", "", ""});
  }
  std::cout << o.outPath << "\n";
  return 0;
}

const CommandRegistrar kRegistrar(Command{"export-map", "export the population heatmap at an hour as PNG/SVG/PDF",
                                          kUsage, runExportMap});

}  // namespace
}  // namespace ekm::cli
#endif
