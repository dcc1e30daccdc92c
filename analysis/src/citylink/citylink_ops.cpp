// The City OS link's operations (see citylink_ops.h).
#include "ekm/citylink/citylink_ops.h"

#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "ekm/citylink/broker.h"
#include "ekm/citylink/publish.h"
#include "ekm/core/error.h"
#include "ekm/io/ngsi_ld_entities.h"

namespace ekm::citylink {

using core::ErrorContext;

namespace {

ErrorContext field(const std::string& name, const std::string& expected, const std::string& found) {
  return ErrorContext{"", std::nullopt, std::nullopt, name, expected, found};
}

BrokerSettings settingsOf(const BrokerParams& p, std::int64_t pageSize) {
  BrokerSettings b;
  b.url = p.broker;
  b.tenant = p.tenant;
  b.context = p.context;
  b.token = loadBearerToken(p.config);
  b.timeoutS = p.timeout_s;
  b.retries = static_cast<int>(p.retries);
  b.pageSize = static_cast<int>(pageSize);
  return b;
}

ops::Json dist(double d) { return d < 0 ? ops::Json(nullptr) : ops::Json(std::round(d * 10) / 10); }

ops::ResultTable matchTable(const io::NgsiImportPlan& plan) {
  ops::ResultTable t;
  t.name = "matches";
  t.columns = {"entity", "type", "target", "id", "method", "distance_m", "runner_up_m", "observations", "problem"};
  for (const auto& m : plan.matches)
    t.rows.push_back({m.entityId, m.entityType, m.target, m.targetId, m.method, dist(m.distanceM), dist(m.runnerUpM),
                      m.observations, m.problem});
  return t;
}

}  // namespace

std::optional<std::int64_t> parseCitylinkTime(const std::string& text) {
  if (text.size() == 10) {
    const auto d = core::parseDate(text);
    if (!d) return std::nullopt;
    return core::hourKeyFromJst(*d, 0) * 3600;
  }
  // Without an offset: JST, like every time a user types.
  const bool hasOffset = text.size() > 16 && (text.back() == 'Z' || text.find('+', 16) != std::string::npos ||
                                              text.find('-', 16) != std::string::npos);
  return io::parseNgsiDateTime(hasOffset ? text : text + "+09:00");
}

void CitylinkPullParams::validate() const {
  if (connection.broker.empty()) throw ops::ParamError("a broker URL is needed", field("broker", "http://host:port", ""));
  for (const auto* f : {&from, &to})
    if (!f->empty() && !parseCitylinkTime(*f))
      throw ops::ParamError("bad time", field(f == &from ? "from" : "to",
                                              "a JST date YYYY-MM-DD or an ISO 8601 date-time", *f));
  if (!from.empty() && !to.empty() && *parseCitylinkTime(to) <= *parseCitylinkTime(from))
    throw ops::ParamError("empty period", field("to", "a time after --from", to));
}

CitylinkPullResult CitylinkPullOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  core::Feedback& steps = feedback;
  const BrokerSettings broker = settingsOf(p.connection, p.page_size);
  EntityQuery query;
  query.type = p.type;
  if (!p.from.empty()) query.fromS = parseCitylinkTime(p.from);
  if (!p.to.empty()) query.toS = parseCitylinkTime(p.to);
  const auto windowFrom = query.fromS, windowTo = query.toS;
  if (query.toS) *query.toS += kPullClosingMarginS;
  query.q = p.q;
  // The project must open before the network work starts (a wrong path fails fast).
  store::Project& project = p.dry_run ? session.project() : session.projectForWriting();
  session.recordTableRead("road_segments");
  session.recordTableRead("stations");
  const PullResult pulled = pullEntities(broker, query, steps);
  CitylinkPullResult r;
  r.queryUrl = pulled.queryUrl;
  r.endpoint = pulled.endpoint;
  r.pages = pulled.pages;
  r.reportedCount = pulled.reportedCount.value_or(-1);
  r.retries = pulled.retriesUsed;
  r.temporalParts = pulled.temporalParts;
  r.dryRun = p.dry_run;
  io::NgsiDocument doc;
  io::readNgsiLdEntities(pulled.entities, pulled.queryUrl, doc);
  // Only the periods inside the window: the next pull ([to, ...)) stores the rest.
  r.outsideWindow = io::keepObservationsWithin(doc, windowFrom, windowTo);
  if (r.outsideWindow > 0)
    steps.info("citylink: " + std::to_string(r.outsideWindow) +
               " readings whose period lies outside --from/--to left out (the neighbouring pull stores them)");
  for (std::size_t i = 0; i < pulled.entities.size() && static_cast<std::int64_t>(i) < p.preview; ++i)
    r.previewEntities.push_back(pulled.entities[i]);
  io::NgsiMatchOptions mo{p.match, p.max_distance_m};
  if (p.dry_run) {
    mo.keepUnmatched = true;  // the preview lists an unmatchable entity instead of failing
    r.import.plan = io::planNgsiImport(project, doc, mo, steps);
    r.import.entities = static_cast<std::int64_t>(doc.entities.size());
    r.import.sha256 = pulled.sha256;
    for (const auto& row : r.import.plan.rows) (row.target == "segment" ? r.import.segmentRows : r.import.stationRows)++;
    return r;
  }
  io::NgsiSource source;
  source.path = pulled.queryUrl;
  source.sha256 = pulled.sha256;
  source.kind = "ngsi-ld-pull";
  source.force = p.force;
  source.options = {{"broker", p.connection.broker}, {"query", pulled.queryUrl}, {"endpoint", pulled.endpoint},
                    {"type", p.type},                {"from", p.from},          {"to", p.to},
                    {"tenant", p.connection.tenant}, {"context", p.connection.context},
                    {"pages", pulled.pages},         {"temporal_parts", pulled.temporalParts},
                    {"match", p.match},        {"max_distance_m", p.max_distance_m},
                    {"readings_outside_window", r.outsideWindow}};
  r.import = io::importNgsiDocument(project, doc, source, mo, steps);
  // The settings of this pull, for the next one (the GUI's dialog fills itself from them); never the token.
  nlohmann::json last = source.options;
  last.erase("pages");
  last.erase("temporal_parts");
  last.erase("readings_outside_window");
  last["page_size"] = p.page_size;
  last["pulled_at"] = io::formatNgsiDateTime(static_cast<std::int64_t>(std::time(nullptr)));
  project.setMeta(kLastPullMetaKey, last.dump());
  return r;
}

ops::OpResult CitylinkPullOp::record(const Result& r) {
  ops::OpResult out;
  const auto& plan = r.import.plan;
  out.summary = {{"query", r.queryUrl},
                 {"endpoint", r.endpoint},
                 {"pages", r.pages},
                 {"reported_count", r.reportedCount < 0 ? ops::Json(nullptr) : ops::Json(r.reportedCount)},
                 {"entities", r.import.entities},
                 {"observations", plan.observations},
                 {"segment_rows", r.import.segmentRows},
                 {"station_rows", r.import.stationRows},
                 {"partial_hours", plan.partialHours},
                 {"completed_partial_hours", r.import.completedHours},
                 {"readings_outside_window", r.outsideWindow},
                 {"unmatched_entities", plan.unmatched},
                 {"retries", r.retries},
                 {"temporal_parts", r.temporalParts},
                 {"stored", !r.dryRun},
                 {"sha256", r.import.sha256}};
  out.tables.push_back(matchTable(plan));
  ops::ResultTable partial;
  partial.name = "partial_hours";
  // Hours flagged partial (in the store too when stored) and stored partial hours this pull
  // added to: "completed" when the flag is now cleared.
  partial.columns = {"target", "id", "hour", "direction", "mode", "count", "covered_s", "status"};
  partial.keyColumns = 5;
  for (const auto& row : plan.rows)
    if (row.partial || row.completedStored) {
      const bool seg = row.target == "segment";
      partial.rows.push_back(
          {row.target, row.targetId, core::formatHourKeyJst(row.hour),
           seg ? store::directionName(store::Direction(row.direction)) : "",
           seg ? store::travelModeName(store::TravelMode(row.mode)) : "",
           row.storedValue >= 0 ? row.storedValue : row.hasValue ? row.value : row.value2, row.coveredS,
           row.partial ? (row.completedStored ? "partial (added to)" : "partial") : "completed"});
    }
  out.tables.push_back(std::move(partial));
  if (plan.partialHours > 0)
    out.warnings.push_back(std::to_string(plan.partialHours) +
                           " hours are only partly observed (their sums are stored; see the partial_hours table)");
  if (plan.unmatched > 0)
    out.warnings.push_back(std::to_string(plan.unmatched) +
                           " entities match no project segment or station (see the matches table's problem column); "
                           "an import would fail on them");
  if (r.dryRun) out.summary["preview"] = r.previewEntities;
  return out;
}

void CitylinkPushParams::validate() const {
  if (!forecast.empty() && !forecast_csv.empty())
    throw ops::ParamError("give exactly one of --forecast RUN and --forecast-csv FILE",
                          field("forecast", "a run id/name or a forecast CSV", "both"));
  if (forecast.empty() && forecast_csv.empty() && eco_feed.empty())
    throw ops::ParamError("nothing to publish: give --forecast RUN or --forecast-csv FILE (and/or --eco-feed FILE)",
                          field("forecast", "a run id/name, a forecast CSV or an eco feed", "neither"));
  if (connection.broker.empty() && out.empty() && !dry_run)
    throw ops::ParamError("nowhere to publish", field("broker", "--broker URL, --out FILE or --dry-run", "none"));
}

CitylinkPushResult CitylinkPushOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  CitylinkPushResult r;
  r.dryRun = p.dry_run;
  r.broker = p.connection.broker;
  store::Project& project = session.project();
  std::vector<ForecastFigure> figures;
  if (p.forecast.empty() && p.forecast_csv.empty()) {
    // Only the eco feed.
  } else if (!p.forecast.empty()) {
    session.recordTableRead("ekm_runs");
    figures = forecastFiguresFromRun(project, p.forecast, &r.sourceLabel);
  } else {
    const std::string csv = session.resolve(p.forecast_csv);
    figures = forecastFiguresFromCsv(csv);
    session.recordInputFile(csv);
    r.sourceLabel = std::filesystem::path(csv).filename().string();
  }
  session.recordTableRead("road_segments");
  PublishSettings s;
  s.provider = p.provider;
  s.dataProvider = p.data_provider;
  s.source = "Ekimachi people-flow forecast, " + r.sourceLabel;
  PublishStats stats;
  nlohmann::json entities = forecastEntities(project, figures, s, stats);
  if (!p.eco_feed.empty()) {
    const std::string path = session.resolve(p.eco_feed);
    session.recordInputFile(path);
    std::ifstream f(path, std::ios::binary);
    if (!f) throw core::IoError("cannot read file", ErrorContext{path, std::nullopt, std::nullopt, "eco_feed", "", ""});
    nlohmann::json feed;
    try {
      feed = nlohmann::json::parse(f);
    } catch (const nlohmann::json::exception& e) {
      throw core::ParseError(std::string("not JSON: ") + e.what(),
                             ErrorContext{path, std::nullopt, std::nullopt, "eco_feed", "a JSON eco feed", ""});
    }
    PublishSettings eco = s;
    eco.source = "Ekimachi eco-behaviour feed, " + std::filesystem::path(path).filename().string();
    entities.push_back(ecoFeedEntity(feed, eco, path, r.ecoOmitted));
    r.ecoEntities = 1;
    if (r.sourceLabel.empty()) r.sourceLabel = std::filesystem::path(path).filename().string();
  }
  r.figures = stats.figures;
  r.entities = stats.entities + r.ecoEntities;
  r.suppressedHours = stats.suppressedHours;
  r.suppressedBounds = stats.suppressedBounds;
  r.segments = stats.segments;
  r.cells = stats.cells;
  r.stations = stats.stations;
  r.trafficEntities = stats.trafficEntities;
  for (std::size_t i = 0; i < entities.size() && i < 3; ++i) r.sample.push_back(entities[i]);
  if (!p.out.empty()) {
    r.out = session.resolve(p.out);
    std::ofstream f(r.out, std::ios::binary | std::ios::trunc);
    if (!f) throw core::IoError("cannot write file", ErrorContext{r.out, std::nullopt, std::nullopt, "out", "", ""});
    f << entities.dump(1) << "\n";
    if (!f) throw core::IoError("cannot write file", ErrorContext{r.out, std::nullopt, std::nullopt, "out", "", ""});
  }
  if (!p.connection.broker.empty() && !p.dry_run) {
    const UpsertResult u = upsertEntities(settingsOf(p.connection, 100), entities, static_cast<int>(p.batch_size), feedback);
    r.batches = u.batches;
    r.sent = u.entities;
  } else if (p.dry_run) {
    r.batches = static_cast<int>((entities.size() + static_cast<std::size_t>(p.batch_size) - 1) /
                                 static_cast<std::size_t>(p.batch_size));
  }
  return r;
}

ops::OpResult CitylinkPushOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"source", r.sourceLabel},        {"figures", r.figures},
                 {"entities", r.entities},         {"suppressed_hours_under_10", r.suppressedHours},
                 {"suppressed_bounds_under_10", r.suppressedBounds},
                 {"segments", r.segments},         {"cells", r.cells},
                 {"stations", r.stations},         {"traffic_flow_entities", r.trafficEntities},
                 {"batches", r.batches},
                 {"sent", r.sent},                 {"dry_run", r.dryRun},
                 {"eco_feed_entities", r.ecoEntities}, {"eco_feed_figures_omitted", r.ecoOmitted}};
  if (!r.broker.empty()) out.summary["broker"] = r.broker;
  if (r.dryRun) {
    out.summary["upsert"] = r.broker.empty() ? "POST <broker>/ngsi-ld/v1/entityOperations/upsert"
                                             : "POST " + r.broker + "/ngsi-ld/v1/entityOperations/upsert";
    out.summary["sample"] = r.sample;
  }
  if (!r.out.empty()) out.outputs.push_back(r.out);
  return out;
}

void registerCitylinkOperations(ops::Registry& registry) {
  registry.add<CitylinkPullOp>();
  registry.add<CitylinkPushOp>();
}

}  // namespace ekm::citylink
