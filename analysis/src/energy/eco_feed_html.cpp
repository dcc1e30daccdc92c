// The eco-behaviour feed as a self-contained signage page (ekm/energy/eco_feed.h): Japanese
// and English, inline CSS, no scripts and no external resources; large type for a screen
// read from a few metres. Suppressed figures (JSON null) are shown as the rule's marker.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "ekm/energy/eco_feed.h"
#include "ekm/privacy/small_count.h"

namespace ekm::energy {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A figure with thousands separators (3,465,618.5), as signage in Japan and English prints it.
std::string number(const ops::Json& v, int decimals) {
  if (!v.is_number()) return privacy::kSuppressedMarker;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v.get<double>());
  std::string text = buf;
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  std::size_t end = text.find('.');
  if (end == std::string::npos) end = text.size();
  for (std::size_t i = end; i > sign + 3; i -= 3) text.insert(i - 3, ",");
  return text;
}

// One figure, tagged with its table, row and column.
std::string figure(const std::string& table, std::size_t row, const std::string& col, const ops::Json& v,
                   int decimals) {
  return "<span class=\"fig\" data-table=\"" + table + "\" data-row=\"" + std::to_string(row) + "\" data-col=\"" + col +
         "\">" + number(v, decimals) + "</span>";
}

const ops::Json& cell(const ops::ResultTable& t, std::size_t row, const std::string& col) {
  static const ops::Json kNull = nullptr;
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i] == col && i < t.rows[row].size()) return t.rows[row][i];
  return kNull;
}

std::string hourList(const std::vector<int>& hours) {
  if (hours.empty()) return "&ndash;";
  std::string out;
  for (int h : hours) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%02d:00", out.empty() ? "" : " &middot; ", h);
    out += buf;
  }
  return out;
}

const char* modeLabel(const std::string& mode) {
  return mode == "walk" ? "徒歩 <small>Walking</small>" : mode == "bus" ? "バス <small>Bus</small>" : "";
}
const char* meterLabel(const std::string& meter) {
  return meter == "electricity" ? "電力 <small>Electricity</small>"
         : meter == "cooling"   ? "冷房 <small>Cooling</small>"
         : meter == "heating"   ? "暖房・給湯 <small>Heating</small>"
                                : "";
}

const char* kStyle = R"(
body{margin:0;background:#0f2a24;color:#f4f7f2;font-family:"Noto Sans CJK JP","IPAexGothic","Hiragino Sans",sans-serif;font-size:2.2vw;line-height:1.35}
header{padding:1.2vw 2.5vw;background:#16463a}
h1{margin:0;font-size:3.4vw}h2{margin:0 0 .6vw;font-size:2.5vw;color:#bfe8c9}
small{font-size:.7em;color:#cfdcd4}
main{display:grid;grid-template-columns:1fr 1fr;gap:1.5vw;padding:1.5vw 2.5vw}
section{background:#173a32;border-radius:1vw;padding:1.2vw 1.6vw}
.big{font-size:5vw;font-weight:bold;color:#ffe27a}
table{border-collapse:collapse;width:100%}td,th{padding:.2vw .6vw;text-align:right}td:first-child,th:first-child{text-align:left}
.bars{display:grid;grid-template-columns:repeat(24,1fr);align-items:end;height:8vw;gap:.2vw;margin-top:.6vw}
.bar{background:#7fd3a0;min-height:2px}.bar.pick{background:#ffe27a}.bar.none{background:transparent;border-bottom:2px dashed #56756b}
.hours{display:grid;grid-template-columns:repeat(24,1fr);font-size:1vw;color:#cfdcd4;text-align:center}
footer{padding:.8vw 2.5vw;font-size:1.1vw;color:#cfdcd4}
)";

// 24 bars of a table's column (0..1 shares, or values scaled to their maximum); hours in
// `picked` are highlighted. Suppressed values draw no bar.
std::string bars(const ops::ResultTable& t, const std::string& keyCol, const std::string& key, const std::string& col,
                 const std::vector<int>& picked, bool share) {
  std::array<ops::Json, 24> v;
  double maxV = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (!keyCol.empty() && cell(t, r, keyCol) != key) continue;
    const ops::Json& h = cell(t, r, "hour");
    if (!h.is_number_integer() || h.get<int>() < 0 || h.get<int>() > 23) continue;
    v[static_cast<std::size_t>(h.get<int>())] = cell(t, r, col);
    if (v[static_cast<std::size_t>(h.get<int>())].is_number()) maxV = std::max(maxV, cell(t, r, col).get<double>());
  }
  std::ostringstream o;
  o << "<div class=\"bars\">";
  for (int h = 0; h < 24; ++h) {
    const ops::Json& x = v[static_cast<std::size_t>(h)];
    const bool pick = std::find(picked.begin(), picked.end(), h) != picked.end();
    if (!x.is_number() || maxV <= 0) {
      o << "<div class=\"bar none\"></div>";
      continue;
    }
    const double frac = share ? x.get<double>() : x.get<double>() / maxV;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", std::clamp(frac, 0.0, 1.0) * 100);
    o << "<div class=\"bar" << (pick ? " pick" : "") << "\" style=\"height:" << buf << "%\"></div>";
  }
  o << "</div><div class=\"hours\">";
  for (int h = 0; h < 24; ++h) o << "<span>" << (h % 3 == 0 ? std::to_string(h) : "") << "</span>";
  o << "</div>";
  return o.str();
}

}  // namespace

std::string ecoFeedHtml(const EcoFeed& feed) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<title>エコ行動フィード Eco-behaviour feed &ndash; " << escape(feed.title) << "</title>\n<style>" << kStyle
    << "</style>\n</head>\n<body>\n";
  o << "<header><h1>" << escape(feed.title) << " &mdash; みんなのエコ <small>Our eco actions</small></h1>"
    << "<div>期間 <small>Period</small> " << escape(feed.from) << " &ndash; " << escape(feed.to) << "</div></header>\n<main>\n";

  // CO2 avoided.
  o << "<section><h2>歩いて・バスで減らしたCO<sub>2</sub> <small>CO<sub>2</sub> avoided by walking and taking the bus</small></h2>";
  o << "<div class=\"big\">" << figure("headline", 0, "co2_avoided_kg", feed.co2TotalKg, 0) << " kg-CO<sub>2</sub></div>";
  {
    std::ostringstream share;
    share << std::lround(100 * feed.factors.carShare);
    o << "<div><small>そのうち " << share.str() << " % が車で移動した場合との比較 / compared with " << share.str()
      << " % of the same trips made by car</small></div>";
  }
  o << "<table><tr><th></th><th>延べ人数 <small>people counted (passages, boardings)</small></th><th>人キロ <small>person-km</small></th><th>kg-CO<sub>2</sub></th></tr>";
  for (std::size_t r = 0; r < feed.co2.rows.size(); ++r) {
    const std::string mode = cell(feed.co2, r, "mode").get<std::string>();
    o << "<tr><td>" << modeLabel(mode) << "</td><td>" << figure("co2_avoided", r, "people", cell(feed.co2, r, "people"), 0)
      << "</td><td>" << figure("co2_avoided", r, "person_km", cell(feed.co2, r, "person_km"), 1) << "</td><td>"
      << figure("co2_avoided", r, "co2_avoided_kg", cell(feed.co2, r, "co2_avoided_kg"), 1) << "</td></tr>";
  }
  o << "</table></section>\n";

  // Energy per visitor-hour.
  o << "<section><h2>滞在者1人1時間あたりのエネルギー <small>Energy per person-hour present</small></h2><table>"
    << "<tr><th></th><th>kWh/人時 <small>per person-hour</small></th><th>人時 <small>person-hours</small></th></tr>";
  for (std::size_t r = 0; r < feed.energy.rows.size(); ++r) {
    const std::string meter = cell(feed.energy, r, "meter").get<std::string>();
    o << "<tr><td>" << meterLabel(meter) << "</td><td>"
      << figure("energy_per_visitor", r, "kwh_per_person_hour", cell(feed.energy, r, "kwh_per_person_hour"), 2)
      << "</td><td>" << figure("energy_per_visitor", r, "person_hours", cell(feed.energy, r, "person_hours"), 0)
      << "</td></tr>";
  }
  if (feed.energy.rows.empty()) o << "<tr><td colspan=\"3\">&ndash;</td></tr>";
  o << "</table></section>\n";

  // Quiet hours.
  o << "<section><h2>空いている時間に来よう <small>Visit when it is less crowded</small></h2>"
    << "<div>平日 <small>Weekdays</small>: <b>" << hourList(feed.quietWeekday) << "</b></div>"
    << bars(feed.crowding, "day_type", "weekday", "crowding_share", feed.quietWeekday, true)
    << "<div>土日祝 <small>Weekends &amp; holidays</small>: <b>" << hourList(feed.quietHoliday) << "</b></div>"
    << bars(feed.crowding, "day_type", "holiday", "crowding_share", feed.quietHoliday, true) << "<table>";
  // The figures behind the bars (small, for the record).
  o << "<tr><th><small>時 hour</small></th><th><small>平日 weekday</small></th><th><small>土日祝 holiday</small></th></tr>";
  for (int h = 0; h < 24; ++h) {
    std::string cells[2] = {"&ndash;", "&ndash;"};
    for (std::size_t r = 0; r < feed.crowding.rows.size(); ++r) {
      if (cell(feed.crowding, r, "hour") != h) continue;
      const int d = cell(feed.crowding, r, "day_type") == "weekday" ? 0 : 1;
      cells[d] = figure("crowding", r, "people", cell(feed.crowding, r, "people"), 0);
    }
    if (cells[0] == "&ndash;" && cells[1] == "&ndash;") continue;
    o << "<tr><td><small>" << h << "</small></td><td><small>" << cells[0] << "</small></td><td><small>" << cells[1]
      << "</small></td></tr>";
  }
  o << "</table></section>\n";

  // Clean plant hours.
  o << "<section><h2>地域冷暖房がいちばんクリーンな時間 <small>When the district plant runs cleanest</small></h2>"
    << "<div><b>" << hourList(feed.cleanHours) << "</b></div>"
    << bars(feed.plant, "", "", "co2_g_per_kwh", feed.cleanHours, false)
    << "<div><small>供給熱1 kWhあたりのCO<sub>2</sub> (g) / CO<sub>2</sub> per kWh of heat delivered (g): ";
  for (std::size_t r = 0; r < feed.plant.rows.size(); ++r) {
    const int h = cell(feed.plant, r, "hour").get<int>();
    if (std::find(feed.cleanHours.begin(), feed.cleanHours.end(), h) == feed.cleanHours.end()) continue;
    o << h << ":00 " << figure("plant_hours", r, "co2_g_per_kwh", cell(feed.plant, r, "co2_g_per_kwh"), 0) << " g; ";
  }
  o << "</small></div>";
  if (!feed.plantSource.empty()) o << "<div><small>" << escape(feed.plantSource) << "</small></div>";
  o << "</section>\n</main>\n";

  o << "<footer>10人未満を表す数値は「" << privacy::kSuppressedMarker << "」で秘匿しています。 Figures about fewer than 10 "
    << "people are shown as " << privacy::kSuppressedMarker << ".<br>"
    << "排出係数 Emission factors: " << escape(feed.factors.source) << ". 集計データのみ・個人データなし / aggregated data "
    << "only, no personal data. " << escape(feed.generatedAt) << "</footer>\n</body>\n</html>\n";
  return o.str();
}

}  // namespace ekm::energy
