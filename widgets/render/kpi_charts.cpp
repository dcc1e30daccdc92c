// Category charts and the ridership KPI charts (kpi_charts.h).
#include "render/kpi_charts.h"

#include <QFontMetricsF>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "ekm/export/briefing_summary.h"
#include "ekm/privacy/small_count.h"
#include "render/composition_style.h"
#include "render/export_canvas.h"
#include "render/export_texts.h"

namespace ekm::render {

namespace {

using namespace composition_style;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kBarBlue{0x2b, 0x6c, 0xb0};
const QColor kTargetRed{0xc0, 0x39, 0x2b};
const QColor kBaselineGrey{0x80, 0x80, 0x80};
const QColor kGrid{0xe2, 0xe2, 0xe2};

QString q(const std::string& s) { return QString::fromStdString(s); }

// Value i of a series is drawn unless it describes fewer than 10 people (its count when the
// series has counts, else the value).
bool drawable(const ChartSeries& s, std::size_t i) {
  if (i >= s.values.size() || !std::isfinite(s.values[i])) return false;
  if (!s.people) return true;
  return !privacy::isSuppressed(i < s.counts.size() ? s.counts[i] : s.values[i]);
}

int monthIndex(const std::string& month) { return std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2)) - 1; }
std::string monthName(int index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
  return buf;
}
QString shortMonth(int index) { return QStringLiteral("%1/%2").arg(index / 12 % 100, 2, 10, QLatin1Char('0')).arg(index % 12 + 1, 2, 10, QLatin1Char('0')); }

}  // namespace

double niceStep(double maxValue, int ticks) {
  if (!(maxValue > 0)) return 1;
  const double raw = maxValue / std::max(1, ticks);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

QString groupedNumber(double value, int decimals) {
  return QString::fromStdString(briefing::groupedNumber(value, decimals));
}

ChartGeometry paintCategoryChart(QPainter& p, const QRectF& rect, const CategoryChart& c, double u) {
  ChartGeometry g;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  const double titlePx = 17 * u, textPx = 12 * u;
  const QFont titleFont = exportFont(titlePx, true), font = exportFont(textPx, false);
  const QFontMetricsF fm(font);
  double y = rect.top();
  if (!c.title.isEmpty()) {
    p.setFont(titleFont);
    p.setPen(kInk);
    p.drawText(QRectF(rect.left(), y, rect.width(), titlePx * 1.5), Qt::AlignLeft | Qt::AlignVCenter, c.title);
    y += titlePx * 1.6;
  }
  // Legend row(s).
  p.setFont(font);
  double x = rect.left();
  const double sw = 16 * u, rowH = textPx * 1.6;
  for (const auto& s : c.series) {
    const double w = sw + 6 * u + fm.horizontalAdvance(s.name) + 18 * u;
    if (x + w > rect.right() && x > rect.left()) {
      x = rect.left();
      y += rowH;
    }
    const double cy = y + rowH / 2;
    if (s.kind == ChartSeries::Kind::Bars) {
      p.fillRect(QRectF(x, cy - 5 * u, sw, 10 * u), s.colour);
    } else {
      QPen pen(s.colour, 2.2 * u);
      if (s.dashed) pen.setStyle(Qt::DashLine);
      p.setPen(pen);
      p.drawLine(QPointF(x, cy), QPointF(x + sw, cy));
    }
    p.setPen(kInk);
    p.drawText(QRectF(x + sw + 6 * u, y, w, rowH), Qt::AlignLeft | Qt::AlignVCenter, s.name);
    x += w;
  }
  y += rowH + 4 * u;
  if (!c.yLabel.isEmpty()) {
    p.setPen(kGrey);
    p.drawText(QRectF(rect.left(), y, rect.width(), rowH), Qt::AlignLeft | Qt::AlignVCenter, c.yLabel);
    y += rowH;
  }

  // The value range (suppressed values do not set it).
  double maxV = 0;
  for (const auto& s : c.series)
    for (std::size_t i = 0; i < s.values.size(); ++i)
      if (drawable(s, i)) maxV = std::max(maxV, s.values[i]);
  const double step = niceStep(maxV * 1.05, 5);
  g.yMax = std::max(step, step * std::ceil(maxV * 1.05 / step));
  int decimals = 0;
  while (decimals < 3 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-9) ++decimals;
  double labelW = 0;
  for (double t = 0; t <= g.yMax + step / 2; t += step) labelW = std::max(labelW, fm.horizontalAdvance(groupedNumber(t, decimals)));
  const double xLabelH = textPx * 2.0;
  g.plot = QRectF(rect.left() + labelW + 8 * u, y + textPx / 2, rect.right() - rect.left() - labelW - 8 * u - 4 * u,
                  rect.bottom() - y - textPx / 2 - xLabelH);
  const QRectF& pr = g.plot;
  if (pr.width() <= 0 || pr.height() <= 0 || c.categories.empty()) {
    p.restore();
    return g;
  }
  const auto yOf = [&](double v) { return pr.bottom() - v / g.yMax * pr.height(); };
  // Grid and y ticks.
  for (double t = 0; t <= g.yMax + step / 2; t += step) {
    const double ty = yOf(t);
    p.setPen(QPen(t == 0 ? kRule : kGrid, std::max(1.0, 0.8 * u)));
    p.drawLine(QPointF(pr.left(), ty), QPointF(pr.right(), ty));
    p.setPen(kGrey);
    p.drawText(QRectF(rect.left(), ty - textPx, labelW, 2 * textPx), Qt::AlignRight | Qt::AlignVCenter,
               groupedNumber(t, decimals));
  }
  const int n = static_cast<int>(c.categories.size());
  const double cw = pr.width() / n;
  const auto xOf = [&](int i) { return pr.left() + (i + 0.5) * cw; };
  // x labels.
  p.setPen(kInk);
  for (int i = 0; i < n; i += std::max(1, c.labelEvery)) {
    const double w = cw * std::max(1, c.labelEvery);
    p.drawText(QRectF(xOf(i) - w / 2, pr.bottom() + 2 * u, w, xLabelH), Qt::AlignHCenter | Qt::AlignTop,
               exportElided(c.categories[static_cast<std::size_t>(i)], textPx, false, w));
  }
  // Bars, grouped.
  int nBars = 0;
  for (const auto& s : c.series) nBars += s.kind == ChartSeries::Kind::Bars;
  const double groupW = cw * 0.8, barW = nBars > 0 ? groupW / nBars : 0;
  int b = 0;
  const auto star = [&](double cx, QColor colour) {
    p.setPen(colour);
    p.drawText(QRectF(cx - 10 * u, pr.bottom() - textPx * 1.6, 20 * u, textPx * 1.5), Qt::AlignCenter, QStringLiteral("*"));
    ++g.suppressed;
  };
  for (const auto& s : c.series) {
    if (s.kind != ChartSeries::Kind::Bars) continue;
    for (int i = 0; i < n && i < static_cast<int>(s.values.size()); ++i) {
      const double v = s.values[static_cast<std::size_t>(i)];
      const double bx = xOf(i) - groupW / 2 + b * barW;
      if (!std::isfinite(v)) continue;
      if (!drawable(s, static_cast<std::size_t>(i))) {
        star(bx + barW / 2, kGrey);
        continue;
      }
      const QRectF bar(bx + barW * 0.06, yOf(v), barW * 0.88, pr.bottom() - yOf(v));
      p.fillRect(bar, s.colour);
      g.bars.push_back(bar);
    }
    ++b;
  }
  // Lines and reference lines.
  for (const auto& s : c.series) {
    QPen pen(s.colour, 2.4 * u);
    if (s.dashed) pen.setStyle(Qt::DashLine);
    if (s.kind == ChartSeries::Kind::Reference) {
      if (!drawable(s, 0)) continue;
      const double ry = yOf(s.values[0]);
      p.setPen(pen);
      p.drawLine(QPointF(pr.left(), ry), QPointF(pr.right(), ry));
      p.setPen(s.colour);
      p.drawText(QRectF(pr.left(), ry - textPx * 1.5, pr.width() - 4 * u, textPx * 1.4), Qt::AlignRight | Qt::AlignBottom,
                 groupedNumber(s.values[0]));
      continue;
    }
    if (s.kind != ChartSeries::Kind::Line) continue;
    QPainterPath path;
    bool open = false;
    for (int i = 0; i < n && i < static_cast<int>(s.values.size()); ++i) {
      const double v = s.values[static_cast<std::size_t>(i)];
      if (!drawable(s, static_cast<std::size_t>(i))) {
        if (std::isfinite(v)) star(xOf(i), s.colour);
        open = false;
        continue;
      }
      const QPointF pt(xOf(i), yOf(v));
      if (open) path.lineTo(pt);
      else path.moveTo(pt);
      open = true;
    }
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    if (n <= 40) {
      p.setPen(Qt::NoPen);
      p.setBrush(s.colour);
      for (int i = 0; i < n && i < static_cast<int>(s.values.size()); ++i)
        if (drawable(s, static_cast<std::size_t>(i)))
          p.drawEllipse(QPointF(xOf(i), yOf(s.values[static_cast<std::size_t>(i)])), 2.8 * u, 2.8 * u);
      p.setBrush(Qt::NoBrush);
    }
  }
  p.setPen(QPen(kRule, std::max(1.0, 0.8 * u)));
  p.drawLine(pr.bottomLeft(), pr.topLeft());
  p.restore();
  return g;
}

QColor dayTypeColour(int index) {
  static const QColor colours[] = {QColor(0x2b, 0x6c, 0xb0), QColor(0x2e, 0x9e, 0x5b), QColor(0xd9, 0x6b, 0x1e)};
  return colours[std::clamp(index, 0, 2)];
}

QString dayTypeLabel(const std::string& dayType, LabelLanguage lang) {
  if (dayType == "weekday") return bilingual(lang, QStringLiteral("平日"), QStringLiteral("weekday"));
  if (dayType == "saturday") return bilingual(lang, QStringLiteral("土曜"), QStringLiteral("Saturday"));
  return bilingual(lang, QStringLiteral("日曜・祝日"), QStringLiteral("Sunday/holiday"));
}

CategoryChart monthlyRidersChart(const mobility::RidershipKpis& k, const mobility::KpiOptions& o, LabelLanguage lang) {
  CategoryChart c;
  c.title = bilingual(lang, QStringLiteral("月別利用者数と目標ペース"), QStringLiteral("Riders per month against the target's pace"));
  c.yLabel = bilingual(lang, QStringLiteral("人／月"), QStringLiteral("riders a month"));
  ChartSeries riders{bilingual(lang, QStringLiteral("利用者数"), QStringLiteral("riders")), kBarBlue, ChartSeries::Kind::Bars, {}};
  if (!k.months.empty()) {
    const int first = monthIndex(k.months.front().month), last = monthIndex(k.months.back().month);
    std::map<int, double> byIndex;
    for (const auto& m : k.months) byIndex[monthIndex(m.month)] = static_cast<double>(m.riders);
    for (int i = first; i <= last; ++i) {
      c.categories.push_back(shortMonth(i));
      riders.values.push_back(byIndex.count(i) ? byIndex[i] : kNaN);
    }
  }
  c.labelEvery = c.categories.size() > 18 ? 3 : c.categories.size() > 12 ? 2 : 1;
  c.series.push_back(riders);
  c.series.push_back({bilingual(lang, QStringLiteral("目標ペース（年%1万人÷12）").arg(o.target / 1e4, 0, 'f', 0),
                                QStringLiteral("target pace (%1 M a year / 12)").arg(o.target / 1e6, 0, 'f', 1)),
                      kTargetRed, ChartSeries::Kind::Reference, {o.target / 12}});
  c.series.push_back({bilingual(lang, QStringLiteral("基準（年%1万人÷12）").arg(o.baseline / 1e4, 0, 'f', 0),
                                QStringLiteral("baseline (%1 M a year / 12)").arg(o.baseline / 1e6, 0, 'f', 1)),
                      kBaselineGrey, ChartSeries::Kind::Reference, {o.baseline / 12}, true});
  return c;
}

CategoryChart trailingTotalChart(const mobility::RidershipKpis& k, const mobility::KpiOptions& o, LabelLanguage lang) {
  CategoryChart c;
  c.title = bilingual(lang, QStringLiteral("直近12か月の利用者数と目標・推計"),
                      QStringLiteral("Riders in the last 12 months, target and projection"));
  c.yLabel = bilingual(lang, QStringLiteral("人／12か月"), QStringLiteral("riders in 12 months"));
  ChartSeries trailing{bilingual(lang, QStringLiteral("直近12か月計"), QStringLiteral("12-month total")), kBarBlue,
                       ChartSeries::Kind::Line, {}};
  ChartSeries projection{bilingual(lang, QStringLiteral("現在の傾向での推計"), QStringLiteral("projection at the trend")),
                         kBarBlue, ChartSeries::Kind::Line, {}, true};
  if (!k.months.empty()) {
    const int first = monthIndex(k.months.front().month), last = monthIndex(k.months.back().month);
    std::map<int, double> byIndex;
    for (const auto& m : k.months)
      if (m.trailing12) byIndex[monthIndex(m.month)] = static_cast<double>(*m.trailing12);
    const auto& p = k.projection;
    for (int i = first; i <= last + 12; ++i) {
      c.categories.push_back(shortMonth(i));
      trailing.values.push_back(byIndex.count(i) ? byIndex[i] : kNaN);
      if (!p.method.empty() && i >= last)
        projection.values.push_back(p.annualNow + (p.projectedAnnual - p.annualNow) * (i - last) / 12.0);
      else
        projection.values.push_back(kNaN);
    }
  }
  c.labelEvery = c.categories.size() > 18 ? 3 : c.categories.size() > 12 ? 2 : 1;
  c.series.push_back(trailing);
  c.series.push_back(projection);
  c.series.push_back({bilingual(lang, QStringLiteral("目標"), QStringLiteral("target")), kTargetRed,
                      ChartSeries::Kind::Reference, {o.target}});
  c.series.push_back({bilingual(lang, QStringLiteral("基準"), QStringLiteral("baseline")), kBaselineGrey,
                      ChartSeries::Kind::Reference, {o.baseline}, true});
  return c;
}

CategoryChart routeRidersChart(const mobility::RidershipKpis& k, const std::vector<store::GtfsRoute>& routes,
                               const std::string& month, LabelLanguage lang) {
  CategoryChart c;
  c.title = bilingual(lang, QStringLiteral("路線別利用者数 %1").arg(q(month)), QStringLiteral("Riders per route, %1").arg(q(month)));
  c.yLabel = bilingual(lang, QStringLiteral("人／月"), QStringLiteral("riders a month"));
  const std::string lastYear = month.empty() ? "" : monthName(monthIndex(month) - 12);
  ChartSeries now{q(month), kBarBlue, ChartSeries::Kind::Bars, {}};
  ChartSeries before{q(lastYear), QColor(0xa9, 0xc4, 0xe0), ChartSeries::Kind::Bars, {}};
  bool anyBefore = false;
  for (const auto& r : routes) {
    c.categories.push_back(q(r.displayName()));
    double v = kNaN, w = kNaN;
    for (const auto& x : k.routeMonths) {
      if (x.routeId != r.routeId) continue;
      if (x.month == month) v = static_cast<double>(x.riders);
      if (x.month == lastYear) w = static_cast<double>(x.riders);
    }
    now.values.push_back(v);
    before.values.push_back(w);
    anyBefore = anyBefore || std::isfinite(w);
  }
  if (anyBefore) c.series.push_back(before);
  c.series.push_back(now);
  return c;
}

namespace {
CategoryChart hourlyChart(const mobility::RidershipKpis& k, LabelLanguage lang, bool load) {
  CategoryChart c;
  int lo = 24, hi = -1;
  for (const auto& h : k.hourly) {
    lo = std::min(lo, h.hour);
    hi = std::max(hi, h.hour);
  }
  if (hi < 0) return c;
  for (int h = lo; h <= hi; ++h) c.categories.push_back(QString::number(h));
  c.labelEvery = c.categories.size() > 16 ? 2 : 1;
  const char* types[] = {"weekday", "saturday", "sunday_holiday"};
  for (int t = 0; t < 3; ++t) {
    ChartSeries s{dayTypeLabel(types[t], lang), dayTypeColour(t), ChartSeries::Kind::Line,
                  std::vector<double>(c.categories.size(), kNaN)};
    // Means (on board per call, boardings per day): the rule applies to the boardings behind them.
    s.counts.assign(c.categories.size(), 0.0);
    bool any = false;
    for (const auto& h : k.hourly)
      if (h.dayType == types[t]) {
        const auto i = static_cast<std::size_t>(h.hour - lo);
        s.values[i] = load ? h.meanLoad : h.boardingsPerDay;
        s.counts[i] = static_cast<double>(h.boardings);
        any = true;
      }
    if (any) c.series.push_back(s);
  }
  return c;
}
}  // namespace

CategoryChart hourlyBoardingsChart(const mobility::RidershipKpis& k, LabelLanguage lang) {
  CategoryChart c = hourlyChart(k, lang, false);
  c.title = bilingual(lang, QStringLiteral("時間帯別の乗車人数（1日あたり）"), QStringLiteral("Boardings by hour (per day)"));
  c.yLabel = bilingual(lang, QStringLiteral("人／日（時台）"), QStringLiteral("riders a day in the hour"));
  return c;
}

CategoryChart hourlyLoadChart(const mobility::RidershipKpis& k, LabelLanguage lang) {
  CategoryChart c = hourlyChart(k, lang, true);
  c.title = bilingual(lang, QStringLiteral("時間帯別の平均乗車人員（停留所発車時）"),
                      QStringLiteral("Mean riders on board leaving a stop, by hour"));
  c.yLabel = bilingual(lang, QStringLiteral("人／便"), QStringLiteral("riders per bus"));
  return c;
}

}  // namespace ekm::render
