#pragma once
// The City OS link's operations (CLI: `ekimachi-cli citylink pull|push ...`):
//   citylink-pull  entities from an NGSI-LD broker -> the project's counts (one transaction,
//                  logged in ekm_import_log with the query and the entity count), or with
//                  dry_run only the match report and the first entities (the GUI's preview);
//   citylink-push  a stored forecast run (or a forecast CSV) -> CrowdFlowForecast entities
//                  (people) and TrafficFlowForecast entities (bicycles, vehicles),
//                  and/or an eco-behaviour feed (energy-feed's JSON) -> an EcoBehaviourFeed
//                  entity, batch-upserted to a broker, written to a .jsonld file, or printed
//                  (dry run).
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/io/ngsi_ld_import.h"
#include "ekm/ops/operation.h"
#include "ekm/ops/registry.h"

namespace ekm::citylink {

// Connection fields shared by pull and push.
struct BrokerParams {
  std::string broker;
  std::string tenant;
  std::string context;
  std::string config;
  double timeout_s = 30;
  std::int64_t retries = 3;

  template <class V>
  void fields(V& v) {
    v("broker", broker, {.help = "NGSI-LD broker base URL (http://host:port; /ngsi-ld/v1 is added)"});
    v("tenant", tenant, {.help = "NGSILD-Tenant"});
    v("context", context, {.help = "@context URL sent in a Link header (default: none, the core context)"});
    v("config", config, {.help = "JSON file with the bearer token {\"token\": ...} (default: EKM_NGSI_LD_TOKEN, "
                                 "else ~/.config/ekimachi/citylink.json); never give the token itself"});
    v("timeout_s", timeout_s, {.help = "timeout of one request in seconds", .min = 1, .max = 3600});
    v("retries", retries, {.help = "retries of transient failures (connection, 429, 502-504)", .min = 0, .max = 20});
  }
};

struct CitylinkPullParams {
  BrokerParams connection;
  std::string type = "CrowdFlowObserved";
  std::string from;
  std::string to;
  std::string q;
  std::string match = "auto";
  double max_distance_m = io::kDefaultNgsiMaxDistanceM;
  std::int64_t page_size = 100;
  bool dry_run = false;
  std::int64_t preview = 5;
  bool force = false;

  template <class V>
  void fields(V& v) {
    connection.fields(v);
    v("type", type, {.help = "entity type", .choices = {"CrowdFlowObserved", "TrafficFlowObserved", "ItemFlowObserved"}});
    v("from", from, {.help = "start (JST date YYYY-MM-DD or ISO date-time; JST without an offset): the temporal API"});
    v("to", to, {.help = "end (exclusive), as --from"});
    v("q", q, {.help = "NGSI-LD q filter, e.g. refRoadSegment==\"urn:ngsi-ld:RoadSegment:S1\""});
    v("match", match, {.help = "segment matching: refRoadSegment when it names a project segment else nearest (auto), "
                               "only refRoadSegment, only nearest",
                       .choices = {"auto", "refRoadSegment", "nearest"}});
    v("max_distance_m", max_distance_m, {.help = "largest distance of a nearest-segment match", .min = 0, .max = 1000});
    v("page_size", page_size, {.help = "entities per page (limit)", .min = 1, .max = 10000});
    v("dry_run", dry_run, {.help = "fetch and match, store nothing (preview)"});
    v("preview", preview, {.help = "entities to return in the result (dry run)", .min = 0, .max = 1000});
    v("force", force, {.help = "store although the same data is already in the import log"});
  }
  void validate() const;
};

struct CitylinkPullResult {
  std::string queryUrl;
  std::string endpoint;
  int pages = 0;
  std::int64_t reportedCount = -1;
  int retries = 0;
  int temporalParts = 0;            // re-queries after 206 Partial Content answers (followed)
  bool dryRun = false;
  std::int64_t outsideWindow = 0;   // readings whose period lies outside [from, to) (left out)
  io::NgsiImportResult import;      // plan (matches, rows) and what was stored
  nlohmann::json previewEntities = nlohmann::json::array();
};

struct CitylinkPullOp {
  static constexpr const char* name = "citylink-pull";
  static constexpr const char* summary = "pull flow observations from an NGSI-LD broker into the project's counts";
  static constexpr bool writesProject = true;
  using Params = CitylinkPullParams;
  using Result = CitylinkPullResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

struct CitylinkPushParams {
  BrokerParams connection;
  std::string forecast;
  std::string forecast_csv;
  std::string eco_feed;
  std::string out;
  bool dry_run = false;
  std::string provider = "ekimachi";
  std::string data_provider = "Ekimachi";
  std::int64_t batch_size = 100;

  template <class V>
  void fields(V& v) {
    connection.fields(v);
    v("forecast", forecast, {.help = "stored run id or name holding a forecast table (ekimachi-cli runs list)"});
    v("forecast_csv", forecast_csv, {.help = "or: a CSV written by 'ekimachi-cli forecast --format csv'",
                                     .role = ops::Role::InputFile});
    v("eco_feed", eco_feed, {.help = "also (or only) publish an eco-behaviour feed written by 'ekimachi-cli energy feed "
                                     "--out' as one EcoBehaviourFeed entity",
                             .role = ops::Role::InputFile});
    v("out", out, {.help = "write the entities to this .jsonld file (a JSON array)", .role = ops::Role::OutputFile});
    v("dry_run", dry_run, {.help = "print what would be sent, send nothing"});
    v("provider", provider, {.help = "provider component of the entity ids"});
    v("data_provider", data_provider, {.help = "the dataProvider value"});
    v("batch_size", batch_size, {.help = "entities per upsert request", .min = 1, .max = 1000});
  }
  void validate() const;
};

struct CitylinkPushResult {
  std::string sourceLabel;
  std::int64_t figures = 0, entities = 0, suppressedHours = 0, suppressedBounds = 0;
  std::int64_t segments = 0, cells = 0, stations = 0;
  std::int64_t trafficEntities = 0;  // TrafficFlowForecast entities (bicycle and vehicle forecasts)
  std::int64_t ecoEntities = 0, ecoOmitted = 0;  // EcoBehaviourFeed entities; suppressed figures left out
  int batches = 0;
  std::int64_t sent = 0;
  std::string out;
  bool dryRun = false;
  std::string broker;
  nlohmann::json sample = nlohmann::json::array();  // the first entities (dry run: what would be sent)
};

struct CitylinkPushOp {
  static constexpr const char* name = "citylink-push";
  static constexpr const char* summary =
      "publish a forecast as NGSI-LD CrowdFlowForecast entities (broker upsert, .jsonld file or dry run)";
  static constexpr bool writesProject = false;
  using Params = CitylinkPushParams;
  using Result = CitylinkPushResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

// A temporal pull asks the broker up to `to` plus this margin, so the reading that closes the
// window's last period (observedAt = to) comes back whether the broker's `between` includes
// endTimeAt or not; readings whose period is not inside [from, to) are then left out.
inline constexpr std::int64_t kPullClosingMarginS = 60;

// ekm_meta key of the last successful pull's settings (JSON: broker, type, from, to, tenant,
// context, match, max_distance_m, page_size, query, pulled_at; never the token).
inline constexpr const char* kLastPullMetaKey = "citylink.last_pull";

// "2025-03-27" (JST midnight) or an ISO date-time (JST without an offset) -> Unix seconds.
std::optional<std::int64_t> parseCitylinkTime(const std::string& text);

void registerCitylinkOperations(ops::Registry& registry);

}  // namespace ekm::citylink
