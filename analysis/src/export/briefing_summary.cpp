// The briefing pack's summary: figures from stored run results, in templated sentences.
#include "ekm/export/briefing_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "ekm/mesh/mesh_code.h"
#include "ekm/ops/result.h"
#include "ekm/privacy/small_count.h"
#include "ekm/scenario/run_compare.h"
#include "export/briefing_builder.h"

namespace ekm::briefing {

using detail::Builder;
using privacy::ColumnRole;

namespace {

using ops::Json;

double num(const Json& v) { return v.is_number() ? v.get<double>() : std::nan(""); }

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

std::string signedPercent(double rel) {
  if (!std::isfinite(rel)) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * rel);
  return buf;
}

struct Names {
  std::map<std::string, std::string> streetJa, streetEn, stationJa, stationEn;
  std::vector<store::StationRecord> stations;  // a mesh cell is named by the station nearest to it
};

// A mesh cell for a reader: its code with the station nearest to its centre (within 1.5 km),
// "高輪ゲートウェイ駅付近のメッシュ（53393569141）" / "the cell 53393569141 near Takanawa Gateway".
std::pair<std::string, std::string> cellNames(const Names& names, const std::string& code) {
  if (!mesh::isValidCode(code)) return {code, code};
  const mesh::MeshCell cell = mesh::decode(code);
  const double kx = std::cos(cell.centerLat() * 3.14159265358979 / 180) * 111320, ky = 110574;
  const store::StationRecord* best = nullptr;
  double bestD = 1500;
  for (const auto& st : names.stations) {
    const double d = std::hypot((st.position.lon - cell.centerLon()) * kx, (st.position.lat - cell.centerLat()) * ky);
    if (d < bestD) bestD = d, best = &st;
  }
  if (!best) return {"メッシュ" + code, "the cell " + code};
  const std::string ja = best->nameJa.empty() ? best->nameEn : best->nameJa, en = best->nameEn.empty() ? best->nameJa : best->nameEn;
  return {ja + "駅付近のメッシュ（" + code + "）", "the cell " + code + " near " + en + " station"};
}

// "1 street", "2 streets".
std::string counted(const std::string& number, const char* one, const char* many) { return number + " " + (number == "1" ? one : many); }

Names namesOf(store::Project& project) {
  Names n;
  for (const auto& s : project.segments())
    if (!s.name.empty()) n.streetJa[s.segmentId] = n.streetEn[s.segmentId] = s.name;
  n.stations = project.stations();
  for (const auto& s : n.stations) {
    n.stationJa[s.stationId] = s.nameJa.empty() ? s.nameEn : s.nameJa;
    n.stationEn[s.stationId] = s.nameEn.empty() ? s.nameJa : s.nameEn;
  }
  return n;
}

std::string lookup(const std::map<std::string, std::string>& m, const std::string& key, const std::string& fallback) {
  const auto it = m.find(key);
  return it == m.end() ? fallback : it->second;
}

int col(const ops::ResultTable& t, const std::string& name) {
  const auto it = std::find(t.columns.begin(), t.columns.end(), name);
  return it == t.columns.end() ? -1 : static_cast<int>(it - t.columns.begin());
}

std::string keyText(const Json& k) { return k.is_string() ? k.get<std::string>() : k.dump(); }

// compare-periods: totals of the two periods, significant rises and falls, the largest rise
// among features whose both counts may be shown.
void comparisonSection(BriefingSection& sec, const ops::ResultTable& t, const std::string& where, Builder& b,
                       const Names& names) {
  const int ia = col(t, "mean_a"), ib = col(t, "mean_b"), ic = col(t, "abs_change"), is = col(t, "significant");
  if (ia < 0 || ib < 0 || ic < 0) return;
  double ta = 0, tb = 0;
  int n = 0, up = 0, down = 0, best = -1;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const double a = num(row[ia]), bb = num(row[ib]), c = num(row[ic]);
    if (!std::isfinite(a) || !std::isfinite(bb)) continue;
    ++n;
    ta += a;
    tb += bb;
    const bool sig = is >= 0 && row[is].is_boolean() && row[is].get<bool>();
    if (sig && c > 0) ++up;
    if (sig && c < 0) --down;
    if (!privacy::isSuppressed(a) && !privacy::isSuppressed(bb) && std::isfinite(c) &&
        (best < 0 || c > num(t.rows[best][ic])))
      best = static_cast<int>(r);
  }
  down = -down;
  const std::string src = where + ", table " + t.name;
  const std::string p = sec.stepId + ".";
  const std::string sn = b.add(p + "features", n, ColumnRole::Other, src + ": rows with both periods");
  const std::string sa = b.add(p + "total_a", ta, ColumnRole::People, src + ": sum of mean_a over " + std::to_string(n) + " rows");
  const std::string sb = b.add(p + "total_b", tb, ColumnRole::People, src + ": sum of mean_b over " + std::to_string(n) + " rows");
  const std::string sr = b.addPercent(p + "total_change", ta, tb, src + ": sum of mean_b / sum of mean_a - 1");
  const std::string su = b.add(p + "significant_up", up, ColumnRole::Other, src + ": rows with significant = true and abs_change > 0");
  const std::string sd = b.add(p + "significant_down", down, ColumnRole::Other, src + ": rows with significant = true and abs_change < 0");
  const std::string upEn = sec.kind == "cells"     ? counted(su, "cell", "cells")
                           : sec.kind == "streets" ? counted(su, "street", "streets")
                                                   : counted(su, "station", "stations");
  std::string ja, en;
  if (sec.kind == "cells") {
    ja = "対象の{n}メッシュの1日あたり延べ滞在人数（時間ごとの人数の合計）の平均は、期間Aの{a}から期間Bの{b}へ{r}変化しました。"
         "統計的に有意に増えたのは{u}メッシュ、減ったのは{d}メッシュです。";
    en = "Across the {n} mesh cells, the average daily total of hourly stay counts went from {a} in period A to {b} in "
         "period B ({r}). {U} rose significantly and {d} fell.";
  } else if (sec.kind == "streets") {
    ja = "計測された{n}本の街路の歩行者数（1日平均の合計）は、期間Aの{a}人から期間Bの{b}人へ{r}変化しました。"
         "有意に増えた街路は{u}本、減った街路は{d}本です。";
    en = "On the {n} counted streets, pedestrians per day (summed over the streets) went from {a} in period A to {b} in "
         "period B ({r}). {U} rose significantly and {d} fell.";
  } else {
    ja = "{n}駅の乗降人員（1日平均の合計）は、期間Aの{a}人から期間Bの{b}人へ{r}変化しました。有意に増えた駅は{u}、減った駅は{d}です。";
    en = "At the {n} stations, boardings and alightings per day (summed) went from {a} in period A to {b} in period B ({r}). "
         "{U} rose significantly and {d} fell.";
  }
  auto fill = [&](const std::string& s) {
    return detail::fillTemplate(s, {{"{n}", sn}, {"{a}", sa}, {"{b}", sb}, {"{r}", sr}, {"{u}", su}, {"{d}", sd}, {"{U}", upEn}});
  };
  sec.sentences.push_back({fill(ja), fill(en)});
  if (best < 0) return;
  const auto& row = t.rows[best];
  const std::string key = keyText(row[0]);
  const auto [cellJa, cellEn] = sec.kind == "cells" ? cellNames(names, key) : std::pair{key, key};
  const std::string nameJa = sec.kind == "streets" ? lookup(names.streetJa, key, key)
                             : sec.kind == "stations" ? lookup(names.stationJa, key, key) : cellJa;
  const std::string nameEn = sec.kind == "streets" ? lookup(names.streetEn, key, key)
                             : sec.kind == "stations" ? lookup(names.stationEn, key, key) : cellEn;
  const std::string fa = b.add(p + "top_a", num(row[ia]), ColumnRole::People, src + ": mean_a of " + key + " (the largest abs_change)");
  const std::string fb = b.add(p + "top_b", num(row[ib]), ColumnRole::People, src + ": mean_b of " + key);
  const std::string fc = b.addPercent(p + "top_change", num(row[ia]), num(row[ib]), src + ": mean_b / mean_a - 1 of " + key);
  const char* unitJa = sec.kind == "cells" ? "" : "人";
  sec.sentences.push_back({"最も増えたのは" + nameJa + "で、1日平均" + fa + unitJa + "から" + fb + unitJa + "（" + fc + "）です。",
                           "The largest rise was at " + nameEn + ": " + fa + " to " + fb + " per day (" + fc + ")."});
}

// assign: the streets with flow and the busiest one.
void flowsSection(BriefingSection& sec, const ops::ResultTable& t, const std::string& where, Builder& b, const Names& names) {
  const int iv = col(t, "volume");
  if (iv < 0) return;
  int n = 0, best = -1;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double v = num(t.rows[r][iv]);
    if (!std::isfinite(v) || v <= 0) continue;
    ++n;
    if (best < 0 || v > num(t.rows[best][iv])) best = static_cast<int>(r);
  }
  const std::string src = where + ", table " + t.name;
  const std::string sn = b.add(sec.stepId + ".streets_used", n, ColumnRole::Other, src + ": rows with volume > 0");
  if (best < 0) return;
  const std::string key = keyText(t.rows[best][0]);
  const std::string sv = b.add(sec.stepId + ".busiest_volume", num(t.rows[best][iv]), ColumnRole::People, src + ": the largest volume (" + key + ")");
  sec.sentences.push_back({sn + "本の街路に歩行者の流れが割り当てられ、最も多いのは" + lookup(names.streetJa, key, key) + "の" + sv + "人です。",
                           "Walkers were assigned to " + sn + " streets; the busiest is " + lookup(names.streetEn, key, key) +
                               " with " + sv + "."});
}

// scenario: streets with more and fewer walkers, the largest rise.
void differencesSection(BriefingSection& sec, const ops::ResultTable& t, const std::string& where, Builder& b,
                        const Names& names) {
  const int ib = col(t, "base_volume"), is = col(t, "scenario_volume"), id = col(t, "volume_diff");
  if (ib < 0 || is < 0 || id < 0) return;
  int more = 0, fewer = 0, best = -1;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const double d = num(row[id]);
    if (!std::isfinite(d)) continue;
    more += d > 0.5 ? 1 : 0;
    fewer += d < -0.5 ? 1 : 0;
    if (!privacy::isSuppressed(num(row[ib])) && !privacy::isSuppressed(num(row[is])) && (best < 0 || d > num(t.rows[best][id])))
      best = static_cast<int>(r);
  }
  const std::string src = where + ", table " + t.name;
  const std::string sm = b.add(sec.stepId + ".streets_more", more, ColumnRole::Other, src + ": rows with volume_diff > 0.5");
  const std::string sf = b.add(sec.stepId + ".streets_fewer", fewer, ColumnRole::Other, src + ": rows with volume_diff < -0.5");
  std::string ja = "変更により歩行者が増える街路は" + sm + "本、減る街路は" + sf + "本です。";
  std::string en = "With the change, " + sm + " streets carry more walkers and " + sf + " fewer.";
  if (best >= 0) {
    const std::string key = keyText(t.rows[best][0]);
    const std::string sa = b.add(sec.stepId + ".top_base", num(t.rows[best][ib]), ColumnRole::People, src + ": base_volume of " + key);
    const std::string sz = b.add(sec.stepId + ".top_scenario", num(t.rows[best][is]), ColumnRole::People, src + ": scenario_volume of " + key);
    ja += "最も増えるのは" + lookup(names.streetJa, key, key) + "で、" + sa + "人から" + sz + "人になります。";
    en += " The largest rise: " + lookup(names.streetEn, key, key) + ", from " + sa + " to " + sz + ".";
  }
  sec.sentences.push_back({ja, en});
}

// Any other step (forecast, mobility, energy, ...): its summary's numbers, people figures by the rule.
// Plain words for the summary keys of energy and mobility steps: label and unit, ja and en
// (other keys are printed as they are named).
struct KeyWords {
  const char *ja, *en, *unitJa, *unitEn;
};
const KeyWords* keyWords(const std::string& key) {
  static const std::map<std::string, KeyWords> kWords{
      {"forecast_total_kwh", {"予測熱需要の合計", "forecast heat demand, total", " kWh", " kWh"}},
      {"hours", {"対象時間", "hours", "時間", " h"}},
      {"departures", {"発車回数", "departures", "回", ""}},
      {"gaps", {"空白のメッシュ・時間", "coverage gaps (cell-hours)", "件", ""}},
      {"covered_population", {"徒歩圏の人口", "people within reach", "人", ""}},
      {"covered_population_without", {"変更前の徒歩圏の人口", "people within reach without the change", "人", ""}},
      {"vehicle_hours", {"車両運行時間", "vehicle-hours", "時間", " h"}},
      {"vehicle_hours_without", {"変更前の車両運行時間", "vehicle-hours without the change", "時間", " h"}},
      {"abstracted", {"他の路線から移る利用者", "riders taken from other routes", "人", ""}},
      {"mean_od_time_change_s", {"平均所要時間の変化", "mean trip time change", "秒", " s"}},
      {"tstt_change_percent", {"総所要時間の変化", "total travel time change", "%", "%"}},
  };
  const auto it = kWords.find(key);
  return it == kWords.end() ? nullptr : &it->second;
}

// Any other step (forecast, mobility, energy, ...): its summary's numbers, people figures by the rule.
void summarySection(BriefingSection& sec, const Json& summary, const std::string& where, Builder& b) {
  std::string ja, en;
  for (const auto& [k, v] : summary.items()) {
    if (!v.is_number()) continue;
    // The summary key names the figure: its role decides the rule (a kWh or a count of stops is shown).
    const std::string text =
        b.add(sec.stepId + "." + k, v.get<double>(), privacy::columnRole(k), where + ", summary: " + k, v.is_number_integer() ? 0 : 2);
    const KeyWords* w = keyWords(k);
    const bool shown = text != privacy::kSuppressedMarker;
    ja += (ja.empty() ? "" : "、") + (w ? std::string(w->ja) : k) + " " + text + (w && shown ? w->unitJa : "");
    en += (en.empty() ? "" : ", ") + (w ? std::string(w->en) : k) + " " + text + (w && shown ? w->unitEn : "");
  }
  if (!ja.empty()) sec.sentences.push_back({ja + "。", en + "."});
}

std::string stepParam(const store::RunStepRecord& step, const char* key) {
  const Json p = Json::parse(step.paramsJson.empty() ? "{}" : step.paramsJson, nullptr, false);
  return p.is_object() && p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : std::string();
}

// The scenario's description, split where the Japanese begins.
void describe(BriefingSummary& s) {
  const Json j = Json::parse(s.run.scenarioJson.empty() ? "{}" : s.run.scenarioJson, nullptr, false);
  const std::string d = j.is_object() && j.contains("description") && j["description"].is_string() ? j["description"].get<std::string>() : "";
  std::size_t cut = d.size();
  for (std::size_t i = 0; i < d.size(); ++i)
    if (static_cast<unsigned char>(d[i]) >= 0xE3 && static_cast<unsigned char>(d[i]) <= 0xE9) {
      cut = i;
      break;
    }
  s.descriptionEn = d.substr(0, cut);
  while (!s.descriptionEn.empty() && s.descriptionEn.back() == ' ') s.descriptionEn.pop_back();
  s.descriptionJa = d.substr(cut);
}

std::string runLabel(const store::RunRecord& r) { return "run " + std::to_string(r.fid) + " '" + r.name + "'"; }

// Noon of period B's first day of the first period comparison, else (or outside the mesh
// population's hours) noon of the data's last day.
core::HourKey mapHourOf(const store::Project& project, const std::vector<BriefingSection>& sections) {
  std::optional<core::HourKey> hour;
  for (const auto& sec : sections)
    if (!sec.periodB.empty() && !hour) hour = core::parseIsoDateTimeToHourKey(sec.periodB.substr(0, 10) + "T12:00");
  const auto range = project.timeRange("mesh_population");
  if (range && (!hour || *hour < range->first || *hour > range->last)) hour = std::max(range->first, range->last - 11);
  return hour.value_or(0);
}

}  // namespace

namespace detail {

std::string Builder::add(const std::string& id, double value, privacy::ColumnRole role, const std::string& source, int decimals,
                         bool ownSource) {
  BriefingFigure f;
  f.id = id;
  f.value = value;
  f.people = role == ColumnRole::People;
  f.suppressed = privacy::suppressFigure(role, value);
  f.text = f.suppressed ? privacy::kSuppressedMarker : std::isfinite(value) ? groupedNumber(value, decimals) : "–";
  f.source = ownSource ? source : m_run + ", " + source;
  m_s.figures.push_back(f);
  return f.text;
}

std::string Builder::addPercent(const std::string& id, double a, double b, const std::string& source) {
  BriefingFigure f;
  f.id = id;
  f.value = a != 0 ? b / a - 1 : std::nan("");
  f.people = false;  // a ratio: the rule applies through its two counts
  f.suppressed = privacy::suppressFigure(ColumnRole::People, a) || privacy::suppressFigure(ColumnRole::People, b);
  f.text = f.suppressed ? privacy::kSuppressedMarker : signedPercent(f.value);
  f.source = m_run + ", " + source;
  m_s.figures.push_back(f);
  return f.text;
}

std::string fillTemplate(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [k, v] : values) text = replaceAll(text, k, v);
  return text;
}

}  // namespace detail

const BriefingFigure* BriefingSummary::figure(const std::string& id) const {
  for (const auto& f : figures)
    if (f.id == id) return &f;
  return nullptr;
}

std::string groupedNumber(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 6), std::fabs(value));
  std::string s = buf, frac;
  if (const auto dot = s.find('.'); dot != std::string::npos) {
    frac = s.substr(dot);
    s.resize(dot);
  }
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  const bool negative = value < 0 && (s != "0" || frac.find_first_not_of(".0") != std::string::npos);
  return (negative ? "-" : "") + s + frac;
}

BriefingSummary summariseRuns(store::Project& project, const store::RunRecord& run,
                              const std::optional<store::RunRecord>& compare) {
  BriefingSummary s;
  s.run = run;
  s.compare = compare;
  describe(s);
  const Names names = namesOf(project);
  Builder b(s, runLabel(run));
  const auto steps = store::runSteps(project, run.fid);
  for (const auto& step : steps) {
    const ops::OpResult result = ops::opResultFromJson(Json::parse(step.resultJson));
    BriefingSection sec;
    sec.stepId = step.stepId;
    sec.op = step.op;
    const std::string where = "step " + step.stepId + " (" + step.op + ")";
    if (step.op == "compare-periods") {
      const ops::ResultTable* t = result.table("comparison");
      if (!t) continue;
      sec.kind = t->geometry == "cell" ? "cells" : t->geometry == "segment" ? "streets" : "stations";
      sec.periodA = stepParam(step, "a");
      sec.periodB = stepParam(step, "b");
      sec.titleJa = sec.kind == "cells" ? "滞在人口の変化" : sec.kind == "streets" ? "街路の歩行者数の変化" : "駅の乗降人員の変化";
      sec.titleEn = sec.kind == "cells" ? "How many people stay" : sec.kind == "streets" ? "Pedestrians on the streets" : "Station ridership";
      comparisonSection(sec, *t, where, b, names);
    } else if (const ops::ResultTable* d = result.table("link_differences")) {
      sec.kind = "differences";
      sec.titleJa = "変更前後の歩行者流動";
      sec.titleEn = "Walkers with and without the change";
      differencesSection(sec, *d, where, b, names);
    } else if (const ops::ResultTable* f = result.table("link_flows")) {
      sec.kind = "flows";
      sec.titleJa = "歩行者の流れ";
      sec.titleEn = "Where people walk";
      flowsSection(sec, *f, where, b, names);
    } else {
      // Hooks: forecasts, mobility and energy results get a page of their own when present.
      sec.kind = step.op.rfind("energy", 0) == 0 ? "energy" : step.op.rfind("mobility", 0) == 0 || step.op.rfind("transit", 0) == 0
                                                                  ? "mobility"
                                                                  : step.op.find("forecast") != std::string::npos ? "forecast" : "other";
      sec.titleJa = sec.kind == "energy" ? "エネルギー" : sec.kind == "mobility" ? "モビリティ" : sec.kind == "forecast" ? "予測" : step.op;
      sec.titleEn = sec.kind == "energy" ? "Energy" : sec.kind == "mobility" ? "Mobility" : sec.kind == "forecast" ? "Forecast" : step.op;
      summarySection(sec, result.summary, where, b);
    }
    if (!sec.sentences.empty()) s.sections.push_back(std::move(sec));
    if (auto corridors = detail::corridorsSection(step, result, b)) s.sections.push_back(std::move(*corridors));
  }
  // The project's bus service and DHC buildings, on the day the pack's maps show.
  s.mapHour = mapHourOf(project, s.sections);
  if (auto transit = detail::transitSection(project, s.mapHour, b)) s.sections.push_back(std::move(*transit));
  if (auto buildings = detail::buildingsSection(project, s.mapHour, s, b)) s.sections.push_back(std::move(*buildings));
  if (compare) {
    Builder cb(s, runLabel(run) + " vs " + runLabel(*compare));
    const auto tables = scenario::compareRuns(steps, store::runSteps(project, compare->fid));
    BriefingSection sec;
    sec.kind = "compare";
    sec.stepId = "compare";
    sec.titleJa = "シナリオの比較";
    sec.titleEn = "Scenario A vs B";
    for (const auto& t : tables) {
      if (t.table == "summary") continue;
      int changed = 0;
      const scenario::ValueChange* best = nullptr;
      for (const auto& c : t.changes) {
        if (!(c.a == c.b) && std::isfinite(c.diff())) ++changed;
        const bool people = privacy::columnRole(c.column) == privacy::ColumnRole::People;
        if (people && std::isfinite(c.diff()) && c.diff() != 0 && !privacy::isSuppressed(c.a) && !privacy::isSuppressed(c.b) &&
            (!best || std::fabs(c.diff()) > std::fabs(best->diff())))
          best = &c;
      }
      const std::string id = "compare." + t.stepId + "." + t.table;
      const std::string where = "steps " + t.stepId + ", table " + t.table;
      const std::string sc = cb.add(id + ".changed", changed, ColumnRole::Other, where + ": values that differ");
      std::string ja = t.stepId + "（" + t.table + "）: 異なる値は" + sc + "件。";
      std::string en = t.stepId + " (" + t.table + "): " + sc + " values differ.";
      if (best) {
        const std::string key = best->key.empty() ? "" : keyText(best->key[0]);
        const std::string va = cb.add(id + ".largest_a", best->a, ColumnRole::People, where + ": " + best->column + " of " + key + " in run A");
        const std::string vb = cb.add(id + ".largest_b", best->b, ColumnRole::People, where + ": " + best->column + " of " + key + " in run B");
        ja += "最大の違いは" + key + "の" + best->column + "で、A " + va + " / B " + vb + "。";
        en += " The largest: " + best->column + " of " + key + ", A " + va + " vs B " + vb + ".";
      }
      sec.sentences.push_back({ja, en});
    }
    if (!sec.sentences.empty()) s.sections.push_back(std::move(sec));
  }
  return s;
}

}  // namespace ekm::briefing
