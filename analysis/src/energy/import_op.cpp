// Operation energy-import (see ekm/energy/import_op.h).
#include "ekm/energy/import_op.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>

#include "ekm/core/error.h"
#include "ekm/energy/import_files.h"
#include "ekm/energy/meter_quality.h"
#include "ekm/energy/weather_disaggregation.h"
#include "ekm/io/sha256.h"
#include "ekm/ops/params.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/project_copy.h"

namespace ekm::energy {
namespace {

std::map<std::string, std::string> pairs(const std::vector<std::string>& items, const char* field) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw ops::ParamError("expected COLUMN=VALUE",
                            core::ErrorContext{"", std::nullopt, std::nullopt, field, "COLUMN=VALUE", item});
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

std::string hoursText(core::HourKey t) { return core::formatHourKeyJst(t); }

void trackRange(const HourlySeries& s, EnergyImportResult& r, bool& any) {
  if (s.values.empty()) return;
  if (!any || s.start < r.first) r.first = s.start;
  if (!any || s.end() - 1 > r.last) r.last = s.end() - 1;
  any = true;
}

// The load to compare the weather with: cooling first, then electricity, then heating-like
// meters; the one with the most values.
const MeterSeries* pickLoad(const std::vector<MeterSeries>& meters) {
  const MeterSeries* best = nullptr;
  auto rank = [](MeterKind k) { return k == MeterKind::Cooling ? 0 : k == MeterKind::Electricity ? 1 : 2; };
  auto count = [](const MeterSeries& m) {
    std::int64_t n = 0;
    for (double v : m.series.values) n += !std::isnan(v);
    return n;
  };
  for (const auto& m : meters) {
    if (count(m) < 48) continue;
    if (!best || rank(m.kind) < rank(best->kind) || (rank(m.kind) == rank(best->kind) && count(m) > count(*best)))
      best = &m;
  }
  return best;
}

}  // namespace

void EnergyImportParams::validate() const {
  pairs(columns, "columns");
  pairs(units, "units");
  if (kind == "weather" || kind == "weather-daily")
    if (site.empty())
      throw ops::ParamError("empty site", core::ErrorContext{"", std::nullopt, std::nullopt, "site", "a site name", ""});
  if (t_min_hour >= t_max_hour)
    throw ops::ParamError("the daily minimum must come before the maximum",
                          core::ErrorContext{"", std::nullopt, std::nullopt, "t_max_hour",
                                             "> " + std::to_string(t_min_hour), std::to_string(t_max_hour)});
}

static EnergyImportResult importInto(ops::Session& session, const EnergyImportParams& p, core::Feedback& feedback);

// A project file that does not exist yet is created, and removed again when the import
// fails; a PostgreSQL project must exist (project new), the import then is one transaction.
EnergyImportResult EnergyImportOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  const std::string path = session.projectPath();
  if (store::isPostgresLocation(path) || std::filesystem::exists(path)) return importInto(session, p, feedback);
  { store::Project::create(path); }
  try {
    return importInto(session, p, feedback);
  } catch (...) {
    session.closeProject();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
    throw;
  }
}

static EnergyImportResult importInto(ops::Session& session, const EnergyImportParams& p, core::Feedback& feedback) {
  const std::string file = session.resolve(p.file);
  auto r = importEnergyFile(session.projectForWriting(), p, file, feedback);
  session.recordInputFile(file);
  return r;
}

EnergyImportResult importEnergyFile(store::Project& project, const EnergyImportParams& p, const std::string& file,
                                    core::Feedback& feedback) {
  const auto started = std::chrono::steady_clock::now();
  if (!std::filesystem::exists(file))
    throw core::IoError("file does not exist", core::ErrorContext{file, std::nullopt, std::nullopt, "file", "", ""});
  EnergyImportResult r;
  r.kind = p.kind;
  r.sha256 = std::filesystem::is_regular_file(file) ? io::sha256File(file) : std::string();
  if (!p.force && !r.sha256.empty() && store::isSourceImported(project, r.sha256, "energy-" + p.kind))
    throw core::Error(core::ErrorCode::Duplicate,
                      "this file was already imported into the project as " + p.kind + " (use --force to import it again)",
                      core::ErrorContext{file, std::nullopt, std::nullopt, "", "a file not in the import log",
                                         "SHA-256 " + r.sha256});
  CsvSeriesOptions o;
  o.timeColumn = p.time_column;
  o.timezone = p.timezone;
  o.hourEnding = p.hour_ending;
  o.shiftHours = static_cast<int>(p.shift_hours);
  o.units = pairs(p.units, "units");
  o.columns = pairs(p.columns, "columns");
  o.encoding = p.encoding == "auto" ? "" : p.encoding;

  // One rise from 0 to 100 %: reading (and checking) the file, then writing it.
  core::MultiStepFeedback steps(feedback, 2);
  steps.setCurrentStep(0);
  store::EnergyBatch batch;
  batch.source = std::filesystem::path(file).filename().string();
  const bool meters = p.kind == "meters" || p.kind == "plant-meters";
  if (p.kind == "buildings") {
    batch.buildings = readBuildingsVector(file, p.layer, p.id_field, steps);
    r.rowsRead = static_cast<std::int64_t>(batch.buildings.size());
  } else if (p.kind == "weather") {
    o.owner = p.site;
    auto parsed = readWeatherCsv(file, o, steps);
    r.rowsRead = parsed.rows;
    r.missingValues = parsed.missingValues;
    r.columnsUsed = parsed.columnsUsed;
    batch.weather.push_back(std::move(parsed.weather));
  } else if (p.kind == "weather-daily") {
    const auto parsed = readJmaDailyCsv(file, o.encoding);
    DisaggregationOptions d;
    d.site = p.site;
    d.minHourJst = p.t_min_hour;
    d.maxHourJst = p.t_max_hour;
    auto w = disaggregateDaily(parsed.days, d);
    for (auto* s : {&w.dryBulbC, &w.relHumidityPct, &w.dewPointC, &w.solarWm2}) s->start += o.shiftHours;
    r.rowsRead = parsed.rows;
    r.missingValues = parsed.missingValues;
    r.columnsUsed = {"format " + parsed.format,
                     "temperature: cosine between the daily minimum at " + std::to_string(p.t_min_hour) +
                         " h and maximum at " + std::to_string(p.t_max_hour) + " h JST",
                     "humidity: constant daily dew point", "solar: daily total shared by extraterrestrial irradiance"};
    batch.weather.push_back(std::move(w));
  } else if (meters) {
    const bool plant = p.kind == "plant-meters";
    o.owner = plant ? p.plant : p.building;
    auto parsed = readMeterCsv(file, o, plant, p.zero_run_hours, steps);
    r.rowsRead = parsed.rows;
    r.missingValues = parsed.missingValues;
    r.columnsUsed = parsed.columnsUsed;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> runs;  // meter -> count, hours
    std::map<std::string, ZeroRun> longest;
    for (const auto& z : parsed.zeroRuns) {
      const std::string key = z.owner + "/" + meterKindName(z.kind);
      auto& [n, h] = runs[key];
      ++n;
      h += z.hours;
      if (!longest.count(key) || z.hours > longest[key].hours) longest[key] = z;
      ++r.zeroRuns;
      r.zeroRunHours += z.hours;
      if (p.zero_runs_missing)
        for (auto& m : parsed.meters)
          if (m.owner == z.owner && m.kind == z.kind)
            for (std::int64_t i = 0; i < z.hours; ++i)
              m.series.values[static_cast<std::size_t>(z.start - m.series.start + i)] = kMissing;
    }
    for (const auto& [key, nh] : runs)
      r.warnings.push_back(key + ": " + std::to_string(nh.first) + " run(s) of zeros of " +
                           std::to_string(p.zero_run_hours) + " h or more, " + std::to_string(nh.second) +
                           " h in all (longest " + std::to_string(longest[key].hours) + " h from " +
                           hoursText(longest[key].start) + ")" +
                           (p.zero_runs_missing ? "; stored as missing" : "; kept as zeros (possibly gaps: --zero-runs-missing)"));
    // Several meters in one file: zero runs of a day or more that coincide with an outage of
    // another meter of the same owner (or of meters of the kind of two other owners) are a
    // logging outage (ekm/energy/meter_quality.h): reported, and stored as missing on request.
    if (parsed.meters.size() >= 2) {
      std::vector<HourlySeries> copies;
      copies.reserve(parsed.meters.size());
      std::vector<SiteMeter> site;
      for (auto& m : parsed.meters) {
        copies.push_back(m.series);
        site.push_back({m.owner, m.kind, p.zero_runs_missing ? &m.series : &copies.back()});
      }
      const std::vector<OutageHours> made = crossMeterOutagesToMissing(site);
      for (std::size_t i = 0; i < made.size(); ++i)
        if (made[i].total())
          r.warnings.push_back(parsed.meters[i].owner + "/" + meterKindName(parsed.meters[i].kind) + ": " +
                               std::to_string(made[i].total()) +
                               " h of zero runs of 23 h or more coincide with an outage of another meter (a logging "
                               "outage)" +
                               (p.zero_runs_missing ? "; stored as missing" : "; kept as zeros (possibly gaps: --zero-runs-missing)"));
    }
    batch.meters = std::move(parsed.meters);
  }
  bool any = false;
  for (const auto& w : batch.weather)
    for (const auto* s : {&w.dryBulbC, &w.relHumidityPct, &w.dewPointC, &w.solarWm2}) trackRange(*s, r, any);
  for (const auto& m : batch.meters) trackRange(m.series, r, any);

  // The hour of the mean day's temperature peak in JST: about 13-15 h in Tokyo; far from it,
  // the file's clock is probably not JST.
  if (p.kind == "weather" && !batch.weather.front().dryBulbC.values.empty()) {
    const auto& t = batch.weather.front().dryBulbC;
    double sum[24] = {}, n[24] = {};
    for (std::size_t i = 0; i < t.values.size(); ++i)
      if (!std::isnan(t.values[i])) {
        const int h = core::jstFromHourKey(t.start + static_cast<core::HourKey>(i)).hour;
        sum[h] += t.values[i];
        n[h] += 1;
      }
    int peak = -1;
    for (int h = 0; h < 24; ++h)
      if (n[h] > 0 && (peak < 0 || sum[h] / n[h] > sum[peak] / n[peak])) peak = h;
    r.tempPeakHourJst = peak;
    if (peak >= 0 && (peak < 11 || peak > 17))
      r.warnings.push_back("the mean day's temperature peaks at " + std::to_string(peak) +
                           ":00 JST (Tokyo: about 14:00); if the site is in Japan, the file's clock is probably not " +
                           (p.timezone == "JST" ? std::string("JST (say its zone with --timezone)") : "'" + p.timezone + "'"));
  }

  // Weather-meter alignment, against what the project already holds.
  if (any && (p.kind == "weather" || p.kind == "weather-daily" || p.kind == "meters")) {
    const core::HourKey from = r.first, to = r.last + 1;
    std::vector<MeterSeries> loads;
    HourlySeries temperature;
    if (p.kind == "meters") {
      loads = batch.meters;
      const auto sites = store::weatherSites(project);
      const std::string site = p.site != "default" || sites.size() != 1 ? p.site : sites.front();
      if (const auto w = store::readWeather(project, site, from - 24, to + 24); w) temperature = w->dryBulbC;
    } else {
      temperature = batch.weather.front().dryBulbC;
      loads = store::readMeters(project, from, to);
    }
    if (const auto* load = pickLoad(loads); load && !temperature.values.empty()) {
      const auto lag = detectWeatherShift(temperature, load->series, temperatureSign(load->kind));
      if (lag.pairs > 0) {
        r.shiftChecked = true;
        r.shift = lag;
        r.shiftAgainst = load->owner + "/" + meterKindName(load->kind);
        if (std::abs(lag.shiftHours) >= 3 && !p.apply_detected_shift)
          r.warnings.push_back("the weather looks shifted against " + r.shiftAgainst + ": its daily cycle fits the load best "
                               "with the weather's timestamps moved by " + std::to_string(lag.shiftHours) +
                               " h (r = " + std::to_string(lag.correlation) + " against " +
                               std::to_string(lag.correlationAtZero) +
                               " unshifted); check the time zones (--timezone), or import with --apply-detected-shift");
        if (p.apply_detected_shift && lag.shiftHours != 0) {
          r.shiftApplied = p.kind == "meters" ? -lag.shiftHours : lag.shiftHours;
          for (auto& w : batch.weather)
            for (auto* s : {&w.dryBulbC, &w.relHumidityPct, &w.dewPointC, &w.solarWm2}) s->start += r.shiftApplied;
          for (auto& m : batch.meters) m.series.start += r.shiftApplied;
          r.first += r.shiftApplied;
          r.last += r.shiftApplied;
        }
      }
    }
  }
  feedback.throwIfCancelled();
  batch.logKind = "energy-" + p.kind;
  batch.logSourcePath = file;
  batch.logSha256 = r.sha256;
  batch.logRows = r.rowsRead;
  batch.logOptions = ops::toJson(p).dump();
  steps.setCurrentStep(1);
  const auto counts = store::writeEnergyBatch(project, batch, steps);
  r.buildings = counts.buildings;
  r.valuesStored = counts.values;
  r.series = static_cast<std::int64_t>(batch.meters.size());
  for (const auto& w : batch.weather)
    for (const auto* s : {&w.dryBulbC, &w.relHumidityPct, &w.dewPointC, &w.solarWm2}) r.series += !s->values.empty();
  feedback.setProgress(100);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

ops::OpResult EnergyImportOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"kind", r.kind},
                 {"rows_read", r.rowsRead},
                 {"buildings", r.buildings},
                 {"series", r.series},
                 {"values_stored", r.valuesStored},
                 {"missing_values", r.missingValues},
                 {"zero_runs", r.zeroRuns},
                 {"zero_run_hours", r.zeroRunHours},
                 {"first", r.rowsRead && r.kind != "buildings" ? core::formatHourKeyJst(r.first) : ""},
                 {"last", r.rowsRead && r.kind != "buildings" ? core::formatHourKeyJst(r.last) : ""},
                 {"sha256", r.sha256},
                 {"seconds", r.seconds}};
  if (r.tempPeakHourJst >= 0) out.summary["temp_peak_hour_jst"] = r.tempPeakHourJst;
  if (r.shiftChecked) {
    out.summary["weather_shift_against"] = r.shiftAgainst;
    out.summary["weather_shift_h"] = r.shift.shiftHours;
    out.summary["weather_shift_r"] = r.shift.correlation;
    out.summary["weather_unshifted_r"] = r.shift.correlationAtZero;
    out.summary["shift_applied_h"] = r.shiftApplied;
  }
  ops::ResultTable cols;
  cols.name = "columns";
  cols.columns = {"column"};
  for (const auto& c : r.columnsUsed) cols.rows.push_back({c});
  out.tables.push_back(std::move(cols));
  out.warnings = r.warnings;
  return out;
}

}  // namespace ekm::energy
