// The bus operator's monthly report (mobility_report.h): pages painted on one QPdfWriter.
#include "render/mobility_report.h"

#include <QDate>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/privacy/small_count.h"
#include "ekm/store/project.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/ridership_store.h"
#include "ekm/store/transit_store.h"
#include "render/atomic_file.h"
#include "render/composition_defaults.h"
#include "render/composition_style.h"
#include "render/export_canvas.h"
#include "render/export_texts.h"
#include "render/headless_gui.h"
#include "render/kpi_charts.h"
#include "render/map_composition.h"
#include "render/pdf_pages.h"
#include "render/project_layers.h"
#include "render/stop_ridership_layer.h"
#include "render/transit_layers.h"

namespace ekm::render {

namespace {

using namespace composition_style;
using core::ErrorContext;

QString q(const std::string& s) { return QString::fromStdString(s); }

int monthIndex(const std::string& m) { return std::stoi(m.substr(0, 4)) * 12 + std::stoi(m.substr(5, 2)) - 1; }
std::string monthName(int index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
  return buf;
}

// A count of people as printed: "*" below 10 (counted in `suppressed`).
QString people(double v, int& suppressed, int decimals = 0) {
  if (!std::isfinite(v)) return QStringLiteral("—");
  if (privacy::isSuppressed(v)) {
    ++suppressed;
    return QString::fromLatin1(privacy::kSuppressedMarker);
  }
  return groupedNumber(v, decimals);
}
QString percent(std::optional<double> v) {
  if (!v) return QStringLiteral("—");
  return QStringLiteral("%1%2%").arg(*v >= 0 ? "+" : "").arg(*v * 100, 0, 'f', 1);
}

struct Table {
  std::vector<QString> header;
  std::vector<std::vector<QString>> rows;
  std::vector<double> widths;      // shares of the table width
  std::vector<bool> rightAligned;  // per column
};

class ReportPages {
 public:
  ReportPages(const MobilityReportRequest& r, LabelLanguage lang, QSize size, QString footer, core::Feedback& fb)
      : m_r(r), m_lang(lang), m_size(size), m_footer(std::move(footer)), m_fb(fb),
        m_u(std::max(size.width(), size.height()) / 1600.0) {}

  void begin(QPdfWriter& writer, const QString& title) {
    m_writer = &writer;
    beginPdfPages(m_p, writer, m_size, m_r.dpi, title, m_r.outPath);
  }
  void end() {
    pageFoot();
    if (!m_p.end()) throw core::IoError("cannot write the PDF", ErrorContext{m_r.outPath, {}, {}, "", "", ""});
  }

  QString t(const QString& ja, const QString& en) const { return bilingual(m_lang, ja, en); }
  double u() const { return m_u; }
  QPainter& painter() { return m_p; }
  std::vector<MobilityReportPage>& pages() { return m_pages; }

  // A new page with its title band; returns the top of the content.
  double page(const std::string& kind, const QString& title, const QString& subtitle = {}) {
    m_fb.throwIfCancelled();
    if (!m_pages.empty()) {
      pageFoot();
      m_writer->newPage();
    }
    m_pages.push_back({kind, title.toStdString(), {}, {}, {}});
    m_p.fillRect(QRectF(QPointF(0, 0), QSizeF(m_size)), kPaper);
    m_p.fillRect(QRectF(0, 0, m_size.width(), 8 * m_u), QColor(0x2b, 0x6c, 0xb0));
    text(QRectF(kMargin * m_u, 20 * m_u, m_size.width(), 44 * m_u), title, kTitlePx, true);
    double y = 66 * m_u;
    if (!subtitle.isEmpty()) {
      text(QRectF(kMargin * m_u, y, m_size.width(), 26 * m_u), subtitle, kSubtitlePx, false, kGrey);
      y += 28 * m_u;
    }
    m_p.setPen(QPen(kRule, std::max(1.0, m_u)));
    m_p.drawLine(QPointF(kMargin * m_u, y), QPointF(m_size.width() - kMargin * m_u, y));
    return y + 18 * m_u;
  }

  // Text in a box (wrapped); returns the height used.
  double text(const QRectF& r, const QString& s, double px, bool bold = false, QColor colour = kInk,
              int align = Qt::AlignLeft | Qt::AlignTop) {
    if (s.isEmpty()) return 0;
    const QFont f = exportFont(px * m_u, bold);
    m_p.setFont(f);
    m_p.setPen(colour);
    const int flags = Qt::TextWordWrap | align;
    const QRectF box = QFontMetricsF(f).boundingRect(r, flags, s);
    m_p.drawText(r, flags, s);
    return box.height();
  }

  // A table from the top of `r`; returns the height used.
  double table(const QRectF& r, const Table& tb, double px = 13) {
    const double rowH = px * 1.9 * m_u;
    const QFont f = exportFont(px * m_u, false), fb = exportFont(px * m_u, true);
    std::vector<double> xs{r.left()};
    for (const double w : tb.widths) xs.push_back(xs.back() + w * r.width());
    double y = r.top();
    m_p.fillRect(QRectF(r.left(), y, r.width(), rowH), QColor(0xe8, 0xef, 0xf7));
    const auto cells = [&](const std::vector<QString>& row, const QFont& font) {
      m_p.setFont(font);
      m_p.setPen(kInk);
      for (std::size_t c = 0; c < row.size() && c + 1 < xs.size(); ++c) {
        const QRectF cell(xs[c] + 6 * m_u, y, xs[c + 1] - xs[c] - 12 * m_u, rowH);
        const bool right = c < tb.rightAligned.size() && tb.rightAligned[c];
        m_p.drawText(cell, (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                     exportElided(row[c], px * m_u, false, cell.width()));
      }
      y += rowH;
    };
    cells(tb.header, fb);
    for (std::size_t i = 0; i < tb.rows.size(); ++i) {
      if (i % 2 == 1) m_p.fillRect(QRectF(r.left(), y, r.width(), rowH), QColor(0xf6, 0xf6, 0xf6));
      cells(tb.rows[i], f);
    }
    m_p.setPen(QPen(kRule, std::max(1.0, 0.8 * m_u)));
    m_p.drawLine(QPointF(r.left(), r.top() + rowH), QPointF(r.right(), r.top() + rowH));
    m_p.drawRect(QRectF(r.left(), r.top(), r.width(), y - r.top()));
    m_pages.back().tableRects.push_back({r.left(), r.top(), r.width(), y - r.top()});
    return y - r.top();
  }

  ChartGeometry chart(const QRectF& r, const CategoryChart& c) {
    const ChartGeometry g = paintCategoryChart(m_p, r, c, m_u);
    m_pages.back().chartRects.push_back({g.plot.x(), g.plot.y(), g.plot.width(), g.plot.height()});
    return g;
  }

  void map(const QRectF& r, MapComposition c) {
    paintMapInto(m_p, r, std::move(c), m_r.dpi, m_fb);
    m_p.setPen(QPen(kRule, m_u));
    m_p.setBrush(Qt::NoBrush);
    m_p.drawRect(r);
    m_pages.back().mapRects.push_back({r.x(), r.y(), r.width(), r.height()});
  }

 private:
  void pageFoot() {
    const double y = m_size.height() - 30 * m_u;
    text(QRectF(kMargin * m_u, y, m_size.width() * 0.85, 24 * m_u), m_footer, kFootPx, false, kGrey);
    text(QRectF(0, y, m_size.width() - kMargin * m_u, 24 * m_u), QString::number(m_pages.size()), kFootPx, false, kGrey,
         Qt::AlignRight | Qt::AlignTop);
  }

  const MobilityReportRequest& m_r;
  LabelLanguage m_lang;
  QSize m_size;
  QString m_footer;
  core::Feedback& m_fb;
  double m_u;
  QPdfWriter* m_writer = nullptr;
  QPainter m_p;
  std::vector<MobilityReportPage> m_pages;
};

}  // namespace

MobilityReportResult writeMobilityReport(const MobilityReportRequest& r, core::Feedback& feedback) {
  const LabelLanguage lang = documentLanguage(r.language);
  if (r.month.size() != 7 || r.month[4] != '-' || !core::parseDate(r.month + "-01"))
    throw usageError("bad month", "month", "YYYY-MM", r.month);
  const std::optional<QSize> size = landscapePagePixels(r.paper, r.dpi);
  if (!store::isPostgresLocation(r.projectPath) && !std::filesystem::exists(r.projectPath))
    throw core::IoError("project file not found", ErrorContext{r.projectPath, {}, {}, "", "an Ekimachi project (.gpkg)", "no such file"});

  MobilityReportResult result;
  store::GtfsFeed feed;
  mobility::KpiOptions options = r.options;
  options.month = r.month;
  options.topStops = 1 << 20;  // every stop: the map sizes them all
  mobility::RidershipKpis k;
  std::shared_ptr<const TransitMap> transit;
  int epsg = 0;
  {
    store::Project project = store::Project::open(r.projectPath, store::OpenMode::ReadOnly);
    feed = store::readGtfsFeed(project);
    if (feed.info.sourceSha256.empty())
      throw core::ValidationError("the project has no GTFS feed (import --project P gtfs FEED)",
                                  ErrorContext{r.projectPath, {}, {}, "gtfs_feed", "a GTFS feed", "none"});
    // The report is as of its month: records after it are left out (trend, projection, years).
    auto records = store::readRidership(project);
    std::erase_if(records, [&](const store::RidershipRecord& x) { return x.date.substr(0, 7) > r.month; });
    if (records.empty())
      throw core::ValidationError("the project has no ridership records up to the month (mobility ridership-import --project P FILE)",
                                  ErrorContext{r.projectPath, {}, {}, "ridership_records", "ridership records up to " + r.month, "none"});
    feedback.setProgress(10);
    k = mobility::ridershipKpis(feed, records, options);
    result.synthetic = project.meta("sample").has_value();
    double west = 180, south = 90, east = -180, north = -90;
    for (const auto& s : feed.stops) {
      west = std::min(west, s.position.lon);
      east = std::max(east, s.position.lon);
      south = std::min(south, s.position.lat);
      north = std::max(north, s.position.lat);
    }
    epsg = displayEpsgForArea(west, south, east, north);
    transit = loadTransitMap(project, epsg);
  }
  const auto monthIt = std::find_if(k.months.begin(), k.months.end(), [&](const auto& m) { return m.month == r.month; });
  if (monthIt == k.months.end())
    throw core::ValidationError("no ridership records in the month",
                                ErrorContext{r.projectPath, {}, {}, "month", "a month with records (" +
                                             (k.months.empty() ? std::string() : k.months.front().month + " .. " + k.months.back().month) + ")", r.month});
  const mobility::MonthKpi& mk = *monthIt;
  feedback.setProgress(20);

  const int reportIdx = monthIndex(r.month);
  std::optional<double> seasonIdx;
  for (const auto& s : k.seasonality)
    if (s.month == reportIdx % 12 + 1) seasonIdx = s.index;
  std::unordered_map<std::string, const store::GtfsRoute*> routeById;
  for (const auto& x : feed.routes) routeById[x.routeId] = &x;
  std::unordered_map<std::string, const store::GtfsStop*> stopById;
  for (const auto& x : feed.stops) stopById[x.stopId] = &x;
  const auto routeName = [&](const std::string& id) {
    const auto it = routeById.find(id);
    return it == routeById.end() ? q(id) : q(it->second->displayName());
  };
  const auto stopName = [&](const std::string& id) {
    const auto it = stopById.find(id);
    if (it == stopById.end()) return q(id);
    const auto& s = *it->second;
    return lang == LabelLanguage::English && !s.nameEn.empty() ? q(s.nameEn)
           : lang == LabelLanguage::Both && !s.nameEn.empty() ? q(s.name) + QStringLiteral(" ") + q(s.nameEn)
                                                              : q(s.name);
  };
  const std::string fy = [&] {
    const int y = (reportIdx - (options.yearStartMonth - 1)) / 12;
    return options.yearStartMonth == 1 ? std::to_string(y) : "FY" + std::to_string(y);
  }();
  const mobility::YearKpi* year = nullptr;
  for (const auto& y : k.years)
    if (y.year == fy) year = &y;
  const auto lastYear = std::find_if(k.months.begin(), k.months.end(),
                                     [&](const auto& m) { return m.month == monthName(reportIdx - 12); });
  const std::string agency = feed.agencies.empty() ? feed.info.publisherName : feed.agencies.front().name;
  const QString monthText = lang == LabelLanguage::English
                                ? q(r.month)
                                : QStringLiteral("%1年%2月").arg(reportIdx / 12).arg(reportIdx % 12 + 1) +
                                      (lang == LabelLanguage::Both ? QStringLiteral(" ") + q(r.month) : QString());
  const QString attribution =
      bilingual(lang,
                QStringLiteral("路線・停留所・時刻表：%1 提供のGTFS-JPデータ（版 %2）を加工して作成")
                    .arg(q(feed.info.attribution.empty() ? agency : feed.info.attribution), q(feed.info.feedVersion)),
                QStringLiteral("Routes, stops, timetables: GTFS-JP feed of %1 (version %2), processed")
                    .arg(q(feed.info.attribution.empty() ? agency : feed.info.attribution), q(feed.info.feedVersion)));
  const QString footer = QStringLiteral("Ekimachi · ") +
                         bilingual(lang, QStringLiteral("利用実績 月次報告"), QStringLiteral("Monthly ridership report")) +
                         QStringLiteral(" ") + q(r.month) + QStringLiteral(" · ") + attribution + QStringLiteral(" · ") +
                         suppressionNote(lang);

  AtomicFile file(r.outPath);
  ensureGuiApplication();
  QPdfWriter writer(QString::fromStdString(file.tmp()));
  ReportPages w(r, lang, *size, footer, feedback);
  w.begin(writer, QStringLiteral("Ekimachi ridership report ") + q(r.month));
  const double u = w.u(), W = size->width(), H = size->height(), left = kMargin * u, textW = W - 2 * left;
  const double bottom = H - 44 * u;
  int& sup = result.suppressed;
  const auto& p = k.projection;

  // The KPI table's figures (also the result's).
  const auto figure = [&](const std::string& id, const QString& label, const QString& value, const QString& note) {
    result.figures.push_back({id, label.toStdString(), value.toStdString()});
    return std::vector<QString>{label, value, note};
  };
  std::vector<std::vector<QString>> kpiRows;
  kpiRows.push_back(figure("month_riders", w.t(QStringLiteral("当月の利用者数"), QStringLiteral("Riders this month")),
                           people(static_cast<double>(mk.riders), sup),
                           w.t(QStringLiteral("記録のある日 %1日"), QStringLiteral("%1 days with records")).arg(mk.days)));
  kpiRows.push_back(figure("month_riders_per_day", w.t(QStringLiteral("1日平均の利用者数"), QStringLiteral("Riders per day")),
                           people(mk.ridersPerDay, sup), QString()));
  kpiRows.push_back(figure("same_month_last_year", w.t(QStringLiteral("前年同月の利用者数"), QStringLiteral("Same month last year")),
                           lastYear == k.months.end() ? QStringLiteral("—") : people(static_cast<double>(lastYear->riders), sup),
                           w.t(QStringLiteral("前年同月比 %1"), QStringLiteral("change %1")).arg(percent(mk.changeOnYear))));
  kpiRows.push_back(figure("riders_per_vehicle_hour",
                           w.t(QStringLiteral("運行1時間あたり利用者数"), QStringLiteral("Riders per vehicle-hour")),
                           mk.ridersPerVehicleHour ? groupedNumber(*mk.ridersPerVehicleHour, 1) : QStringLiteral("—"),
                           w.t(QStringLiteral("運行時間 %1 時間（時刻表より）"), QStringLiteral("%1 vehicle-hours (timetable)"))
                               .arg(groupedNumber(mk.vehicleHours, 0))));
  if (year)
    kpiRows.push_back(figure("year_to_date", w.t(QStringLiteral("%1 年度累計"), QStringLiteral("%1 to date")).arg(q(fy)),
                             people(static_cast<double>(year->riders), sup),
                             w.t(QStringLiteral("%1か月分"), QStringLiteral("%1 months")).arg(year->months)));
  kpiRows.push_back(figure("last_12_months", w.t(QStringLiteral("直近12か月の利用者数"), QStringLiteral("Riders in the last 12 months")),
                           p.method.empty() ? QStringLiteral("—") : people(p.annualNow, sup),
                           p.method == "trailing-12" ? w.t(QStringLiteral("目標の %1%"), QStringLiteral("%1% of the target"))
                                                           .arg(p.annualNow / options.target * 100, 0, 'f', 1)
                                                     : w.t(QStringLiteral("月平均×12（12か月分の記録なし）"),
                                                           QStringLiteral("12 x the monthly mean (no 12 months of records)"))));
  kpiRows.push_back(figure("target", w.t(QStringLiteral("年間目標"), QStringLiteral("Annual target")), groupedNumber(options.target),
                           w.t(QStringLiteral("基準 %1 人／年"), QStringLiteral("baseline %1 a year")).arg(groupedNumber(options.baseline))));
  kpiRows.push_back(figure("gap_to_target", w.t(QStringLiteral("目標との差"), QStringLiteral("Gap to the target")),
                           p.method.empty() ? QStringLiteral("—") : groupedNumber(p.gapNow),
                           w.t(QStringLiteral("目標 − 直近12か月"), QStringLiteral("target − last 12 months"))));
  kpiRows.push_back(figure("trend", w.t(QStringLiteral("傾向（年間利用者数の月あたり変化）"), QStringLiteral("Trend (change of the annual total a month)")),
                           p.method.empty() ? QStringLiteral("—")
                                            : (p.slopePerMonth >= 0 ? QStringLiteral("+") : QString()) + groupedNumber(p.slopePerMonth),
                           w.t(QStringLiteral("最小二乗法、%1か月分"), QStringLiteral("least squares over %1 months")).arg(p.basisMonths)));
  kpiRows.push_back(figure("projection", w.t(QStringLiteral("推計：今後12か月の利用者数"), QStringLiteral("Projection: next 12 months")),
                           p.method.empty() ? QStringLiteral("—") : groupedNumber(p.projectedAnnual),
                           w.t(QStringLiteral("推計での目標との差 %1"), QStringLiteral("projected gap %1"))
                               .arg(p.method.empty() ? QStringLiteral("—") : groupedNumber(p.gapProjected))));
  kpiRows.push_back(figure("months_to_target", w.t(QStringLiteral("目標到達までの見込み"), QStringLiteral("Months to reach the target")),
                           p.monthsToTarget ? w.t(QStringLiteral("%1か月"), QStringLiteral("%1 months")).arg(*p.monthsToTarget)
                           : (p.method.empty() || p.gapNow <= 0) ? QStringLiteral("—")
                                                                 : w.t(QStringLiteral("現在の傾向では未達"), QStringLiteral("not at the current trend")),
                           QString()));
  kpiRows.push_back(figure("seasonal_index", w.t(QStringLiteral("当月の季節指数"), QStringLiteral("Seasonal index of the month")),
                           seasonIdx ? groupedNumber(*seasonIdx, 2) : QStringLiteral("—"),
                           w.t(QStringLiteral("1.00 = 年間の1日平均"), QStringLiteral("1.00 = the year's daily mean"))));

  // 1. Cover.
  {
    double y = w.page("cover", w.t(QStringLiteral("コミュニティバス 利用実績 月次報告"), QStringLiteral("Community bus: monthly ridership report")),
                      monthText);
    y += 10 * u;
    y += w.text(QRectF(left, y, textW, 40 * u), w.t(QStringLiteral("%1 御中"), QStringLiteral("To %1")).arg(q(agency)), 22, true) + 8 * u;
    QStringList names;
    for (const auto& rt : feed.routes) names << q(rt.displayName());
    y += w.text(QRectF(left, y, textW, 60 * u),
                w.t(QStringLiteral("対象：%1路線（%2）"), QStringLiteral("Routes: %1 (%2)")).arg(feed.routes.size()).arg(names.join(QStringLiteral("、"))),
                15, false, kGrey) + 24 * u;
    // Four key figures.
    const double boxW = (textW - 3 * 18 * u) / 4, boxH = 150 * u;
    const struct {
      QString label, value, note;
    } boxes[] = {
        {kpiRows[0][0], kpiRows[0][1], kpiRows[0][2]},
        {w.t(QStringLiteral("前年同月比"), QStringLiteral("Change on last year")), percent(mk.changeOnYear), kpiRows[2][1]},
        {kpiRows[year ? 5 : 4][0], kpiRows[year ? 5 : 4][1], kpiRows[year ? 5 : 4][2]},
        {kpiRows[year ? 7 : 6][0], kpiRows[year ? 7 : 6][1],
         w.t(QStringLiteral("年間目標 %1 人"), QStringLiteral("target %1 a year")).arg(groupedNumber(options.target))},
    };
    for (int i = 0; i < 4; ++i) {
      const QRectF b(left + i * (boxW + 18 * u), y, boxW, boxH);
      w.painter().fillRect(b, QColor(0xf0, 0xf5, 0xfb));
      w.painter().fillRect(QRectF(b.left(), b.top(), 6 * u, b.height()), QColor(0x2b, 0x6c, 0xb0));
      w.text(b.adjusted(18 * u, 12 * u, -10 * u, 0), boxes[i].label, 15, false, kGrey);
      w.text(b.adjusted(18 * u, 44 * u, -10 * u, 0), boxes[i].value, 34, true);
      w.text(b.adjusted(18 * u, 100 * u, -10 * u, 0), boxes[i].note, 13, false, kGrey);
    }
    y += boxH + 30 * u;
    if (result.synthetic) {
      const QRectF warn(left, y, textW, 70 * u);
      w.painter().fillRect(warn, QColor(0xfd, 0xec, 0xea));
      w.text(warn.adjusted(16 * u, 12 * u, -16 * u, 0),
             w.t(QStringLiteral("ご注意：この報告の利用者数はサンプル地区の合成データ（実在の路線・時刻表に架空の利用者数を当てはめたもの）であり、実際の利用実績ではありません。"),
                 QStringLiteral("Note: the riders in this report are the sample district's synthetic data (made-up riders on the real "
                                "routes and timetables), not actual ridership.")),
             15, true, QColor(0xa0, 0x20, 0x10));
      y += 86 * u;
    }
    const auto created = QDate::currentDate().toString(Qt::ISODate);
    w.text(QRectF(left, y, textW * 0.85, H),
           w.t(QStringLiteral("作成：Ekimachi（%1）。数値はプロジェクトに取り込まれた乗降記録とGTFS-JP時刻表から計算しています（定義は最終ページ）。10人未満を表す数値は「*」として秘匿しています。"),
               QStringLiteral("Made with Ekimachi (%1). Every figure is computed from the ridership records and the GTFS-JP timetable "
                              "in the project (definitions on the last page). Figures describing fewer than 10 people are shown as \"*\"."))
               .arg(created),
           14, false, kGrey);
  }
  feedback.setProgress(30);
  // 2. KPI table against the target; the years.
  {
    double y = w.page("kpi", w.t(QStringLiteral("主要指標と目標"), QStringLiteral("Key figures against the target")), monthText);
    Table t;
    t.header = {w.t(QStringLiteral("指標"), QStringLiteral("Indicator")), w.t(QStringLiteral("値"), QStringLiteral("Value")),
                w.t(QStringLiteral("備考"), QStringLiteral("Note"))};
    t.rows = kpiRows;
    t.widths = {0.36, 0.2, 0.44};
    t.rightAligned = {false, true, false};
    y += w.table(QRectF(left, y, textW, H), t, 14) + 24 * u;
    Table yt;
    yt.header = {w.t(QStringLiteral("年度"), QStringLiteral("Year")), w.t(QStringLiteral("利用者数"), QStringLiteral("Riders")),
                 w.t(QStringLiteral("月数"), QStringLiteral("Months")), w.t(QStringLiteral("目標"), QStringLiteral("Target")),
                 w.t(QStringLiteral("目標との差"), QStringLiteral("Gap")), w.t(QStringLiteral("達成率"), QStringLiteral("Share of target"))};
    for (const auto& yr : k.years)
      yt.rows.push_back({q(yr.year) + (yr.months < 12 ? w.t(QStringLiteral("（途中）"), QStringLiteral(" (part)")) : QString()),
                         people(static_cast<double>(yr.riders), sup), QString::number(yr.months), groupedNumber(yr.target),
                         groupedNumber(yr.gap), QStringLiteral("%1%").arg(yr.riders / yr.target * 100, 0, 'f', 1)});
    yt.widths = {0.2, 0.18, 0.1, 0.18, 0.18, 0.16};
    yt.rightAligned = {false, true, true, true, true, true};
    w.table(QRectF(left, y, textW, H), yt, 13);
  }
  // 3. Trend.
  {
    const double y = w.page("trend", w.t(QStringLiteral("利用者数の推移と目標"), QStringLiteral("Trend against the target")),
                            w.t(QStringLiteral("月別（上）と直近12か月計・現在の傾向での推計（下）"),
                                QStringLiteral("per month (top); 12-month total and projection at the trend (bottom)")));
    const double h = (bottom - y - 20 * u) / 2;
    sup += w.chart(QRectF(left, y, textW, h), monthlyRidersChart(k, options, lang)).suppressed;
    sup += w.chart(QRectF(left, y + h + 20 * u, textW, h), trailingTotalChart(k, options, lang)).suppressed;
  }
  feedback.setProgress(45);
  // 4. Routes.
  {
    double y = w.page("routes", w.t(QStringLiteral("路線別の利用状況"), QStringLiteral("Routes")), monthText);
    const double h = (bottom - y) * 0.42;
    sup += w.chart(QRectF(left, y, textW, h), routeRidersChart(k, feed.routes, r.month, lang)).suppressed;
    y += h + 20 * u;
    Table t;
    t.header = {w.t(QStringLiteral("路線"), QStringLiteral("Route")), w.t(QStringLiteral("利用者数"), QStringLiteral("Riders")),
                w.t(QStringLiteral("1日平均"), QStringLiteral("Per day")), w.t(QStringLiteral("前年同月"), QStringLiteral("Last year")),
                w.t(QStringLiteral("前年比"), QStringLiteral("Change")), w.t(QStringLiteral("運行時間"), QStringLiteral("Vehicle-hours")),
                w.t(QStringLiteral("運行1時間あたり"), QStringLiteral("Per vehicle-hour")), w.t(QStringLiteral("構成比"), QStringLiteral("Share"))};
    for (const auto& rt : feed.routes) {
      const mobility::RouteMonthKpi *now = nullptr, *before = nullptr;
      for (const auto& x : k.routeMonths) {
        if (x.routeId != rt.routeId) continue;
        if (x.month == r.month) now = &x;
        if (x.month == monthName(reportIdx - 12)) before = &x;
      }
      if (!now) continue;
      std::optional<double> change;  // against the same month a year before
      if (before && before->riders > 0) change = static_cast<double>(now->riders) / before->riders - 1;
      t.rows.push_back({routeName(rt.routeId), people(static_cast<double>(now->riders), sup),
                        people(now->days > 0 ? static_cast<double>(now->riders) / now->days : NAN, sup),
                        before ? people(static_cast<double>(before->riders), sup) : QStringLiteral("—"), percent(change),
                        groupedNumber(now->vehicleHours, 0),
                        now->ridersPerVehicleHour ? groupedNumber(*now->ridersPerVehicleHour, 1) : QStringLiteral("—"),
                        QStringLiteral("%1%").arg(mk.riders > 0 ? now->riders * 100.0 / mk.riders : 0, 0, 'f', 1)});
    }
    t.widths = {0.2, 0.12, 0.1, 0.12, 0.1, 0.12, 0.14, 0.1};
    t.rightAligned = {false, true, true, true, true, true, true, true};
    w.table(QRectF(left, y, textW, H), t, 13);
  }
  // 5. Hourly profile.
  {
    const double y = w.page("hourly", w.t(QStringLiteral("時間帯別の利用（負荷プロファイル）"), QStringLiteral("Load profile by hour")),
                            monthText + QStringLiteral(" · ") +
                                w.t(QStringLiteral("停留所・便別の乗降記録より（時台は停留所の発車時刻）"),
                                    QStringLiteral("from the stop-and-trip records (hour of the stop's departure)")));
    const double h = (bottom - y - 20 * u) / 2;
    if (k.hourly.empty()) {
      w.text(QRectF(left, y, textW, h), w.t(QStringLiteral("この月には停留所・便別の記録がありません。"),
                                            QStringLiteral("This month has no stop-and-trip records.")), 16);
    } else {
      sup += w.chart(QRectF(left, y, textW, h), hourlyBoardingsChart(k, lang)).suppressed;
      sup += w.chart(QRectF(left, y + h + 20 * u, textW, h), hourlyLoadChart(k, lang)).suppressed;
    }
  }
  feedback.setProgress(60);
  // 6. Busiest stops.
  std::unordered_map<std::string, double> stopPerDay;  // riders (on + off) per day of the month
  {
    double y = w.page("stops", w.t(QStringLiteral("利用の多い停留所"), QStringLiteral("Busiest stops")),
                      monthText + QStringLiteral(" · ") + w.t(QStringLiteral("乗車＋降車"), QStringLiteral("boardings + alightings")));
    Table t;
    t.header = {w.t(QStringLiteral("順位"), QStringLiteral("Rank")), w.t(QStringLiteral("停留所"), QStringLiteral("Stop")),
                w.t(QStringLiteral("乗車"), QStringLiteral("Boardings")), w.t(QStringLiteral("降車"), QStringLiteral("Alightings")),
                w.t(QStringLiteral("乗降計"), QStringLiteral("Total")), w.t(QStringLiteral("1日平均"), QStringLiteral("Per day"))};
    for (const auto& s : k.stops) {
      const double total = static_cast<double>(s.boardings + s.alightings);
      stopPerDay[s.stopId] = mk.days > 0 ? total / mk.days : NAN;
      if (s.rank > r.topStops) continue;
      t.rows.push_back({QString::number(s.rank), stopName(s.stopId), people(static_cast<double>(s.boardings), sup),
                        people(static_cast<double>(s.alightings), sup), people(total, sup), people(stopPerDay[s.stopId], sup, 1)});
    }
    t.widths = {0.08, 0.42, 0.12, 0.12, 0.13, 0.13};
    t.rightAligned = {true, false, true, true, true, true};
    if (t.rows.empty())
      w.text(QRectF(left, y, textW, H), w.t(QStringLiteral("この月には停留所別の記録がありません。"),
                                            QStringLiteral("This month has no records by stop.")), 16);
    else
      w.table(QRectF(left, y, textW, H), t, 13);
  }
  // 7. Map of the routes and stops by riders.
  if (transit) {
    const double y = w.page("map", w.t(QStringLiteral("路線と停留所別の利用者数"), QStringLiteral("Routes and riders per stop")), monthText);
    std::vector<double> values(transit->stopIds.size(), NAN);
    double maxV = 0;
    for (std::size_t i = 0; i < transit->stopIds.size(); ++i) {
      const auto it = stopPerDay.find(transit->stopIds[i].toStdString());
      if (it == stopPerDay.end()) continue;
      values[i] = it->second;
      if (std::isfinite(it->second)) maxV = std::max(maxV, it->second);
    }
    const double reference = std::max(10.0, niceStep(maxV, 1));
    auto stops = std::make_shared<StopRidershipLayer>(
        QStringLiteral("stop-riders"), w.t(QStringLiteral("停留所の乗降人数（1日平均）"), QStringLiteral("Riders per stop (boardings + alightings a day)")),
        transit, values, reference);
    sup += stops->suppressedStops();
    MapComposition c;
    c.layers = {std::make_shared<TransitRoutesLayer>(QStringLiteral("routes"), w.t(QStringLiteral("路線"), QStringLiteral("Routes")), transit, 3.0),
                stops};
    c.extent = transit->extent.scaled(1.06);
    c.view.setDestinationEpsg(epsg);
    c.language = lang;
    c.title = w.t(QStringLiteral("路線と停留所別の乗降人数"), QStringLiteral("Routes and riders per stop"));
    c.subtitle = monthText;
    completeComposition(c, r.projectPath, true);
    c.period = monthText;
    c.sources = attribution;
    c.suppressionNote = suppressionNote(lang);
    w.map(QRectF(left, y, textW, bottom - y), c);
  }
  feedback.setProgress(85);
  // 8. Notes: definitions, method, sources.
  {
    double y = w.page("notes", w.t(QStringLiteral("注記・定義・出典"), QStringLiteral("Notes, definitions and sources")));
    QStringList notes;
    notes << w.t(QStringLiteral("利用者数：乗車回数（1回の乗車を1人と数える）。乗継ぎはそれぞれ数える。"),
                 QStringLiteral("Riders: boardings (each boarding counts once; a transfer counts again)."))
          << w.t(QStringLiteral("運行時間：GTFS-JP時刻表の各便の始発発車から終着到着までの時間を、記録のある日に運行する便について合計。時刻表の有効期間外の日は、同じ曜日区分（平日・土曜・日曜祝日）の代表日の時刻表を用いる（%1 路線日）。")
                     .arg(k.borrowedScheduleDays),
                 QStringLiteral("Vehicle-hours: first departure to last arrival of every trip of the GTFS-JP timetable running on a day "
                                "with records; days outside the timetable's period take the representative day of their day type "
                                "(weekday, Saturday, Sunday/holiday) (%1 route-days).")
                     .arg(k.borrowedScheduleDays))
          << w.t(QStringLiteral("直近12か月：当月を含む12か月の合計（12か月すべてに記録がある場合）。目標との差＝年間目標−直近12か月。"),
                 QStringLiteral("Last 12 months: the sum of the month and the 11 before it (when all have records). Gap = annual target − last 12 months."))
          << w.t(QStringLiteral("推計（%1）：13か月以上の記録があれば直近12か月計の推移（最大12点）に最小二乗法で直線を当て、傾き×12を直近12か月計に加えて今後12か月を推計。記録が2〜12か月なら月別利用者数の直線を今後12か月に延長。目標到達月数＝目標との差÷傾き（切上げ）。季節変動は除去していない。")
                     .arg(q(p.method)),
                 QStringLiteral("Projection (%1): with 13 months or more, a least-squares line through the trailing 12-month totals "
                                "(up to 12 of them); next 12 months = the latest total + 12 x its slope. With 2-12 months, the "
                                "least-squares line of the monthly riders summed over the next 12 months. Months to target = gap / "
                                "slope, rounded up. Seasonality is not removed.")
                     .arg(q(p.method)))
          << w.t(QStringLiteral("季節指数：12か月すべてに記録がある年度について、各月の1日平均利用者数÷その年度の1日平均。"),
                 QStringLiteral("Seasonal index: for each year with all 12 months, the month's riders per day / the year's riders per day."))
          << w.t(QStringLiteral("時間帯別：停留所・便別の記録から、停留所の発車時刻の時台ごとの乗車人数（曜日区分別の1日平均）と、停留所発車時の平均乗車人員。"),
                 QStringLiteral("By hour: from the stop-and-trip records, boardings by the hour of the stop's departure (per day of each "
                                "day type) and the mean riders on board leaving a stop."))
          << w.t(QStringLiteral("秘匿：10人未満を表す数値は「*」と表示し、地図では大きさを示さない白丸で表示する。"),
                 QStringLiteral("Small counts: figures describing fewer than 10 people are shown as \"*\"; on the map such stops are small white rings."))
          << attribution
          << w.t(QStringLiteral("GTFS-JPデータの利用条件は提供元の案内に従う（%1）。"), QStringLiteral("The GTFS-JP data are used under the provider's terms (%1)."))
                 .arg(q(feed.info.publisherUrl.empty() ? agency : feed.info.publisherUrl));
    if (result.synthetic)
      notes << w.t(QStringLiteral("この報告の乗降記録はサンプル地区の合成データであり、実際の利用実績ではない（生成方法は data/samples/README.md）。"),
                   QStringLiteral("The ridership records of this report are the sample district's synthetic data, not actual ridership "
                                  "(method in data/samples/README.md)."));
    for (const auto& n : notes) {
      y += w.text(QRectF(left, y, textW * 0.92, H), QStringLiteral("・") + n, 14) + 10 * u;
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
