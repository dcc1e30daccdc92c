#pragma once
// An NGSI-LD context broker client (ETSI GS CIM 009 API): entity and temporal queries with
// limit/offset paging and the NGSILD-Results-Count header, batch upsert; the @context as
// a Link header, the tenant as NGSILD-Tenant, a bearer token; timeouts and retries of
// transient failures (connection refused/dropped, timeouts, HTTP 429/502/503/504), with
// progress and cancel through Feedback. HTTP goes through io/http_client (libcurl).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ekm/core/feedback.h"

namespace ekm::citylink {

struct BrokerSettings {
  std::string url;         // base URL, e.g. http://broker:1026 (the /ngsi-ld/v1 paths are added)
  std::string tenant;      // NGSILD-Tenant; empty = the default tenant
  std::string context;     // @context URL sent as a Link header; empty = none (core context)
  std::string token;       // bearer token; empty = none
  double timeoutS = 30;    // per request
  int retries = 3;         // extra attempts for transient failures
  double retryDelayS = 0.5;// first back-off, doubled per retry (a Retry-After header wins, max 30 s)
  int pageSize = 100;      // limit per page (brokers cap it, typically at 1000)
};

// The bearer token, never from the command line: the environment variable
// EKM_NGSI_LD_TOKEN, else "token" in the JSON config file `configFile` (when empty:
// $XDG_CONFIG_HOME/ekimachi/citylink.json or ~/.config/ekimachi/citylink.json, if it
// exists). "" when none. Throws IoError/ParseError for an unreadable or malformed file
// that was named explicitly.
std::string loadBearerToken(const std::string& configFile);

struct EntityQuery {
  std::string type;              // entity type (short name under the context, or a URI)
  std::optional<std::int64_t> fromS, toS;  // Unix seconds; either set -> the temporal API
  std::string q;                 // optional NGSI-LD q filter
};

struct PullResult {
  nlohmann::json entities = nlohmann::json::array();
  std::string queryUrl;          // the first page's URL without limit/offset (what the log records)
  std::string endpoint;          // "entities" or "temporal"
  int pages = 0;
  std::optional<std::int64_t> reportedCount;  // NGSILD-Results-Count of the first page
  std::string sha256;            // of the pages' bodies, in order
  int retriesUsed = 0;
  int temporalParts = 0;         // re-queries that followed a 206 Partial Content answer
};

// Fetches all pages. A temporal answer the broker cut at its limit of instances per
// attribute (206 Partial Content, "Content-Range: date-time START-END/SIZE", NGSI-LD >= 1.5.1
// 6.3.10) is followed: the page is asked for again from END until the broker answers 200,
// and the instances are merged into its entities. Throws core::IoError (HTTP error with the
// broker's ProblemDetails title/detail; a 206 whose Content-Range is malformed or does not
// advance), core::NetworkError (a transport failure after the retries: refused, timeout,
// dropped connection, TLS), ParseError (a body that is not a JSON array of entities),
// CancelledError.

PullResult pullEntities(const BrokerSettings& broker, const EntityQuery& query, core::Feedback& feedback);

// "date-time 2025-04-03T00:20:00Z-2025-04-03T00:40:00Z/2" -> (start, end) in Unix seconds;
// nullopt for another unit, a missing or bad size ("*" is allowed), a bad date-time or a
// descending range (start after end).
std::optional<std::pair<std::int64_t, std::int64_t>> parseTemporalRange(const std::string& contentRange);

// Merges the entities of a later part of a temporal answer into `page` (by id): attribute
// instance arrays and temporalValues lists are appended, instances already present skipped;
// entities not yet in `page` are appended.
void mergeTemporalEntities(nlohmann::json& page, const nlohmann::json& more);

struct UpsertResult {
  int batches = 0;
  std::int64_t entities = 0;
};

// POST /ngsi-ld/v1/entityOperations/upsert in batches; a 207 with errors is an IoError
// naming the failed entity ids.
UpsertResult upsertEntities(const BrokerSettings& broker, const nlohmann::json& entities, int batchSize,
                            core::Feedback& feedback);

}  // namespace ekm::citylink
