// CSV and JSON output of `ekimachi-cli profile` and its linking views.
#include "profile_output.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "ekm/flow/format.h"

namespace ekm::cli {
namespace {

using Json = nlohmann::ordered_json;
using flow::formatNumber;

Json num(double v) { return std::isnan(v) ? Json(nullptr) : Json(v); }

}  // namespace

void printProfile(std::ostream& os, const flow::ProfileResult& r, const std::string& format) {
  if (format == "csv") {
    os << "group,hours_present,hours_expected,coverage,total,complete_days,mean_daily_total";
    for (int h = 0; h < 24; ++h) os << ",h" << (h < 10 ? "0" : "") << h;
    os << '\n';
    for (const flow::HourProfile& p : r.profiles) {
      os << p.label << ',' << p.hoursPresent << ',' << p.hoursExpected << ',' << formatNumber(p.coverage(), 4) << ','
         << formatNumber(p.total) << ',' << p.completeDays << ',' << formatNumber(p.meanDailyTotal, 2);
      for (double m : p.mean) os << ',' << formatNumber(m, 2);
      os << '\n';
    }
    return;
  }
  Json j;
  j["feature"] = r.feature;
  j["kind"] = r.kind;
  j["by"] = r.by;
  j["calendar"] = r.calendar;
  for (const flow::HourProfile& p : r.profiles) {
    Json g;
    g["group"] = p.label;
    g["hours_present"] = p.hoursPresent;
    g["hours_expected"] = p.hoursExpected;
    g["coverage"] = p.coverage();
    g["total"] = p.total;
    g["complete_days"] = p.completeDays;
    g["mean_daily_total"] = num(p.meanDailyTotal);
    for (double m : p.mean) g["hourly_mean"].push_back(num(m));
    j["profiles"].push_back(g);
  }
  os << j.dump(1) << '\n';
}

void printCatchment(std::ostream& os, const flow::CatchmentResult& r, const std::string& format) {
  if (format == "csv") {
    os << "cell,distance_m\n";
    for (const auto& m : r.cells) os << m.id << ',' << formatNumber(m.distanceM, 1) << '\n';
    return;
  }
  Json j;
  j["station"] = r.station;
  j["radius_m"] = r.radius;
  j["cells"] = Json::array();
  for (const auto& m : r.cells) j["cells"].push_back({{"cell", m.id}, {"distance_m", m.distanceM}});
  os << j.dump(1) << '\n';
}

void printXcorr(std::ostream& os, const flow::XcorrResult& r, const std::string& format) {
  if (format == "csv") {
    os << "lag_h,r,pairs\n";
    for (const auto& c : r.lags) os << c.lag << ',' << formatNumber(c.r, 5) << ',' << c.pairs << '\n';
    return;
  }
  Json j;
  j["x"] = r.x;
  j["y"] = r.y;
  j["note"] = "r(lag) = corr(x(t), y(t + lag)); a positive lag means y follows x";
  j["best_lag_h"] = r.best.lag;
  j["best_r"] = num(r.best.r);
  for (const auto& c : r.lags) j["lags"].push_back({{"lag_h", c.lag}, {"r", num(c.r)}, {"pairs", c.pairs}});
  os << j.dump(1) << '\n';
}

void printAgreement(std::ostream& os, const flow::AgreementOpResult& r, const std::string& format) {
  if (format == "csv") {
    os << "feature,days,correlation,distance,flagged\n";
    for (const auto& f : r.features)
      os << f.feature << ',' << f.days << ',' << formatNumber(f.correlation, 4) << ',' << formatNumber(f.distance, 4)
         << ',' << (f.flagged ? "true" : "false") << '\n';
    return;
  }
  Json j;
  j["kind"] = r.kind;
  j["features"] = Json::array();
  for (const auto& f : r.features) {
    Json o;
    o["feature"] = f.feature;
    o["days"] = f.days;
    o["correlation"] = num(f.correlation);
    o["distance"] = num(f.distance);
    o["flagged"] = f.flagged;
    for (double v : f.pattern) o["pattern"].push_back(v);
    j["features"].push_back(o);
  }
  os << j.dump(1) << '\n';
}

}  // namespace ekm::cli
