// NGSI-LD broker client (see broker.h).
#include "ekm/citylink/broker.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <fstream>
#include <sstream>
#include <thread>

#include "ekm/core/error.h"
#include "ekm/core/network_error.h"
#include "ekm/io/http_client.h"
#include "ekm/io/ngsi_ld_entities.h"
#include "ekm/io/sha256.h"

namespace ekm::citylink {

using core::ErrorContext;
using nlohmann::json;

namespace {

ErrorContext urlCtx(const std::string& url, const std::string& expected = {}, const std::string& found = {}) {
  ErrorContext c;
  c.file = url;
  c.expected = expected;
  c.found = found.size() > 300 ? found.substr(0, 300) + "..." : found;
  return c;
}

std::string readWhole(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw core::IoError("cannot open file for reading", urlCtx(path));
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string base(const BrokerSettings& b) {
  std::string u = b.url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0)
    throw core::Error(core::ErrorCode::Usage, "bad broker URL",
                      ErrorContext{"", std::nullopt, std::nullopt, "broker", "an http:// or https:// URL", b.url});
  return u;
}

std::vector<std::string> commonHeaders(const BrokerSettings& b) {
  std::vector<std::string> h;
  if (!b.tenant.empty()) h.push_back("NGSILD-Tenant: " + b.tenant);
  if (!b.context.empty())
    h.push_back("Link: <" + b.context +
                ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
  if (!b.token.empty()) h.push_back("Authorization: Bearer " + b.token);
  return h;
}

// An HTTP error as the broker explains it (ProblemDetails: type, title, detail).
[[noreturn]] void httpError(const io::HttpRequest& req, const io::HttpResponse& r) {
  std::string what;
  try {
    const json p = json::parse(r.body);
    if (p.is_object()) {
      if (p.contains("title") && p["title"].is_string()) what = p["title"].get<std::string>();
      if (p.contains("detail") && p["detail"].is_string()) what += (what.empty() ? "" : ": ") + p["detail"].get<std::string>();
      if (what.empty() && p.contains("type") && p["type"].is_string()) what = p["type"].get<std::string>();
    }
  } catch (const json::exception&) {
  }
  if (what.empty()) what = r.body.substr(0, 200);
  std::string expected = "a 2xx answer";
  if (r.status == 401 || r.status == 403)
    expected += " (check the bearer token: EKM_NGSI_LD_TOKEN or the citylink config file)";
  throw core::IoError(what.empty() ? "the broker answered HTTP " + std::to_string(r.status)
                                    : "the broker answered HTTP " + std::to_string(r.status) + " (" + what + ")",
                      urlCtx(req.method + " " + req.url, expected, "HTTP " + std::to_string(r.status)));
}

void sleepCancellable(double seconds, core::Feedback& feedback) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    feedback.throwIfCancelled();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Sends with retries of transient failures; returns a 2xx response or throws.
io::HttpResponse send(const BrokerSettings& b, const io::HttpRequest& req, core::Feedback& feedback, int& retriesUsed) {
  double delay = b.retryDelayS;
  for (int attempt = 0;; ++attempt) {
    feedback.throwIfCancelled();
    std::string failure;
    double wait = delay;
    try {
      io::HttpResponse r = io::httpSend(req, [&feedback] { return feedback.isCancelled(); });
      if (r.status >= 200 && r.status < 300) return r;
      const bool transient = r.status == 429 || r.status == 502 || r.status == 503 || r.status == 504;
      if (!transient || attempt >= b.retries) httpError(req, r);
      failure = "HTTP " + std::to_string(r.status);
      if (const std::string ra = r.header("retry-after"); !ra.empty()) {
        char* end = nullptr;
        const double s = std::strtod(ra.c_str(), &end);
        if (end != ra.c_str() && s >= 0) wait = std::min(s, 30.0);
      }
    } catch (const io::HttpTransportError& e) {
      if (e.cancelled) throw core::CancelledError();
      if (!e.transient || attempt >= b.retries)
        throw core::NetworkError("cannot reach the broker" +
                                     (attempt > 0 ? " after " + std::to_string(attempt + 1) + " attempts" : std::string()),
                                 urlCtx(req.method + " " + req.url, "an HTTP answer", e.message));
      failure = e.message;
    }
    ++retriesUsed;
    feedback.warning("broker: " + failure + "; retrying in " + std::to_string(wait).substr(0, 4) + " s (" +
                     std::to_string(attempt + 1) + "/" + std::to_string(b.retries) + ")");
    sleepCancellable(wait, feedback);
    delay *= 2;
  }
}

// The temporal query URL of `query` starting at `timeAt` (a re-query after a partial answer
// starts at the range's end: between timeAt and the query's end, or after timeAt).
std::string temporalUrl(const BrokerSettings& b, const EntityQuery& query, std::optional<std::int64_t> timeAt) {
  std::string url = base(b) + "/ngsi-ld/v1/temporal/entities?type=" + io::urlEncode(query.type);
  if (timeAt && query.toS)
    url += "&timerel=between&timeAt=" + io::urlEncode(io::formatNgsiDateTime(*timeAt)) +
           "&endTimeAt=" + io::urlEncode(io::formatNgsiDateTime(*query.toS));
  else if (timeAt)
    url += "&timerel=after&timeAt=" + io::urlEncode(io::formatNgsiDateTime(*timeAt));
  else
    url += "&timerel=before&timeAt=" + io::urlEncode(io::formatNgsiDateTime(*query.toS));
  if (!query.q.empty()) url += "&q=" + io::urlEncode(query.q);
  return url;
}

std::string rangeText(const io::HttpResponse& r) {
  const std::string c = r.header("content-range");
  return c.empty() ? std::string("(none)") : c;
}

json entityArray(const io::HttpResponse& r, const std::string& url) {
  json page;
  try {
    page = json::parse(r.body);
  } catch (const json::parse_error& e) {
    throw core::ParseError("the broker's answer is not JSON", urlCtx(url, "a JSON array of entities", e.what()));
  }
  if (!page.is_array())
    throw core::ParseError("the broker's answer is not an array of entities",
                           urlCtx(url, "a JSON array of entities", page.dump()));
  return page;
}

}  // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> parseTemporalRange(const std::string& header) {
  // "date-time START-END/SIZE" (SIZE a number or "*"); START and END are ISO 8601 date-times,
  // whose own '-' are told apart by the 'T' that follows a date: the separator is the '-'
  // that starts the second date-time (the first "-YYYY" after the first 'T').
  const std::string unit = "date-time ";
  if (header.rfind(unit, 0) != 0) return std::nullopt;
  const std::string rest = header.substr(unit.size());
  const auto slash = rest.rfind('/');
  if (slash == std::string::npos) return std::nullopt;
  const std::string size = rest.substr(slash + 1);
  if (size.empty() || (size != "*" && size.find_first_not_of("0123456789") != std::string::npos)) return std::nullopt;
  const std::string span = rest.substr(0, slash);
  const auto t = span.find('T');
  if (t == std::string::npos) return std::nullopt;
  for (auto dash = span.find('-', t); dash != std::string::npos; dash = span.find('-', dash + 1)) {
    const auto a = io::parseNgsiDateTime(span.substr(0, dash));
    const auto e = io::parseNgsiDateTime(span.substr(dash + 1));
    if (a && e) {
      if (*e < *a) return std::nullopt;  // a descending range (lastN): not asked for
      return std::make_pair(*a, *e);
    }
  }
  return std::nullopt;
}

void mergeTemporalEntities(json& page, const json& more) {
  for (const json& e : more) {
    if (!e.is_object() || !e.contains("id")) {
      page.push_back(e);
      continue;
    }
    auto it = std::find_if(page.begin(), page.end(),
                           [&](const json& p) { return p.is_object() && p.contains("id") && p["id"] == e["id"]; });
    if (it == page.end()) {
      page.push_back(e);
      continue;
    }
    json& into = *it;
    for (const auto& [key, value] : e.items()) {
      if (!into.contains(key)) {
        into[key] = value;
        continue;
      }
      json& have = into[key];
      // Attribute instances (arrays) and temporalValues ({"values": [[v, t], ...]}) are
      // appended; an instance both answers hold (the range's end is asked for again) once.
      json* dst = have.is_array() ? &have : (have.is_object() && have.contains("values") && have["values"].is_array()) ? &have["values"] : nullptr;
      const json* src = value.is_array() ? &value : (value.is_object() && value.contains("values") && value["values"].is_array()) ? &value["values"] : nullptr;
      if (!dst || !src) continue;  // a static attribute: the first answer's
      for (const json& instance : *src)
        if (std::find(dst->begin(), dst->end(), instance) == dst->end()) dst->push_back(instance);
    }
  }
}

std::string loadBearerToken(const std::string& configFile) {
  if (const char* env = std::getenv("EKM_NGSI_LD_TOKEN"); env && *env) return env;
  std::string path = configFile;
  if (path.empty()) {
    std::filesystem::path dir;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) dir = x;
    else if (const char* h = std::getenv("HOME"); h && *h) dir = std::filesystem::path(h) / ".config";
    else return {};
    const auto p = dir / "ekimachi" / "citylink.json";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) return {};
    path = p.string();
  }
  json j;
  try {
    j = json::parse(readWhole(path));
  } catch (const json::parse_error& e) {
    throw core::ParseError("config file is not JSON", urlCtx(path, "{\"token\": \"...\"}", e.what()));
  }
  if (!j.is_object() || !j.contains("token")) return {};
  if (!j["token"].is_string())
    throw core::ParseError("bad token", ErrorContext{path, std::nullopt, std::nullopt, "token", "a string", j["token"].dump()});
  return j["token"].get<std::string>();
}

PullResult pullEntities(const BrokerSettings& b, const EntityQuery& query, core::Feedback& feedback) {
  if (query.type.empty())
    throw core::Error(core::ErrorCode::Usage, "no entity type",
                      ErrorContext{"", std::nullopt, std::nullopt, "type", "an entity type such as CrowdFlowObserved", ""});
  if (b.pageSize < 1 || b.pageSize > 10000)
    throw core::Error(core::ErrorCode::Usage, "bad page size",
                      ErrorContext{"", std::nullopt, std::nullopt, "page_size", "1..10000", std::to_string(b.pageSize)});
  PullResult out;
  const bool temporal = query.fromS || query.toS;
  out.endpoint = temporal ? "temporal" : "entities";
  const std::string url = temporal ? temporalUrl(b, query, query.fromS)
                                   : base(b) + "/ngsi-ld/v1/entities?type=" + io::urlEncode(query.type) +
                                         (query.q.empty() ? std::string() : "&q=" + io::urlEncode(query.q));
  out.queryUrl = url;
  io::Sha256 sha;
  std::int64_t offset = 0;
  for (;;) {
    io::HttpRequest req;
    req.url = url + "&limit=" + std::to_string(b.pageSize) + "&offset=" + std::to_string(offset) + "&count=true";
    req.headers = commonHeaders(b);
    req.headers.push_back("Accept: application/ld+json");
    req.timeoutS = b.timeoutS;
    const io::HttpResponse r = send(b, req, feedback, out.retriesUsed);
    ++out.pages;
    sha.update(r.body.data(), r.body.size());
    json page = entityArray(r, req.url);
    if (out.pages == 1) {
      const std::string c = r.header("NGSILD-Results-Count");
      if (!c.empty()) {
        try {
          out.reportedCount = std::stoll(c);
        } catch (const std::exception&) {
          throw core::ParseError("bad NGSILD-Results-Count header", urlCtx(req.url, "an integer", c));
        }
      }
    }
    const auto pageEntities = static_cast<std::int64_t>(page.size());
    // NGSI-LD >= 1.5.1 (6.3.10): a temporal answer cut at the broker's limit of instances per
    // attribute is a 206 with "Content-Range: date-time START-END/SIZE"; the rest of the
    // period is asked for again from END (timerel=between, timeAt=END) until a 200 answer,
    // and the instances are merged into the page's entities.
    if (r.status == 206) {
      if (!temporal)
        throw core::IoError("the broker sent HTTP 206 Partial Content to a query that is not temporal",
                            urlCtx(req.method + " " + req.url, "HTTP 200",
                                   "HTTP 206, Content-Range: " + rangeText(r)));
      std::int64_t timeAt = query.fromS.value_or(std::numeric_limits<std::int64_t>::min());
      io::HttpResponse part = r;
      std::string partUrl = req.url;
      for (int parts = 1; part.status == 206; ++parts) {
        const auto range = parseTemporalRange(part.header("content-range"));
        if (!range)
          throw core::IoError("malformed Content-Range in a partial temporal answer (HTTP 206 Partial Content)",
                              urlCtx("GET " + partUrl, "Content-Range: date-time START-END/SIZE",
                                     "Content-Range: " + rangeText(part)));
        if (range->second <= timeAt || (query.toS && range->second >= *query.toS) || parts > 10000) {
          const std::string after =
              io::formatNgsiDateTime(timeAt == std::numeric_limits<std::int64_t>::min() ? range->first : timeAt);
          const std::string expected =
              query.toS ? "a range ending after " + after + " and before " + io::formatNgsiDateTime(*query.toS)
                        : "a range ending after " + after;
          throw core::IoError("the broker's partial temporal answers do not advance (HTTP 206 Partial Content)",
                              urlCtx("GET " + partUrl, expected, "Content-Range: " + rangeText(part)));
        }
        timeAt = range->second;
        feedback.info("page " + std::to_string(out.pages) + ": partial temporal answer up to " +
                      io::formatNgsiDateTime(timeAt) + "; asking for the rest");
        partUrl = temporalUrl(b, query, timeAt) + "&limit=" + std::to_string(b.pageSize) +
                  "&offset=" + std::to_string(offset) + "&count=true";
        io::HttpRequest more = req;
        more.url = partUrl;
        part = send(b, more, feedback, out.retriesUsed);
        ++out.temporalParts;
        sha.update(part.body.data(), part.body.size());
        mergeTemporalEntities(page, entityArray(part, partUrl));
      }
    }
    for (auto& e : page) out.entities.push_back(std::move(e));
    offset += pageEntities;
    if (out.reportedCount && *out.reportedCount > 0)
      feedback.setProgress(std::min(99.0, 100.0 * static_cast<double>(offset) / static_cast<double>(*out.reportedCount)));
    feedback.info("page " + std::to_string(out.pages) + ": " + std::to_string(page.size()) + " entities" +
                  (out.reportedCount ? " (" + std::to_string(offset) + "/" + std::to_string(*out.reportedCount) + ")" : ""));
    const bool more = out.reportedCount ? offset < *out.reportedCount : pageEntities == b.pageSize;
    if (pageEntities == 0 || !more) break;
    if (out.pages > 100000)
      throw core::IoError("too many pages", urlCtx(url, "fewer than 100000 pages", std::to_string(out.pages)));
  }
  if (out.reportedCount && *out.reportedCount != static_cast<std::int64_t>(out.entities.size()))
    throw core::IoError("the broker's count changed during the pull (entities were added or removed); pull again",
                        urlCtx(url, "NGSILD-Results-Count " + std::to_string(*out.reportedCount) + " entities",
                               std::to_string(out.entities.size()) + " entities"));
  out.sha256 = sha.hexDigest();
  feedback.setProgress(100);
  return out;
}

UpsertResult upsertEntities(const BrokerSettings& b, const json& entities, int batchSize, core::Feedback& feedback) {
  UpsertResult out;
  const std::string url = base(b) + "/ngsi-ld/v1/entityOperations/upsert";
  const std::size_t n = entities.size();
  const std::size_t step = static_cast<std::size_t>(std::max(1, batchSize));
  int retries = 0;
  for (std::size_t i = 0; i < n; i += step) {
    feedback.throwIfCancelled();
    json batch = json::array();
    for (std::size_t k = i; k < std::min(n, i + step); ++k) batch.push_back(entities[k]);
    io::HttpRequest req;
    req.method = "POST";
    req.url = url;
    req.headers = commonHeaders(b);
    // Entities carry their own @context (application/ld+json) unless a Link header names it.
    req.headers.push_back(b.context.empty() ? "Content-Type: application/ld+json" : "Content-Type: application/json");
    req.headers.push_back("Accept: application/json");
    req.body = batch.dump();
    req.timeoutS = b.timeoutS;
    const io::HttpResponse r = send(b, req, feedback, retries);
    if (r.status == 207) {
      std::string failed;
      try {
        const json j = json::parse(r.body);
        if (j.contains("errors") && j["errors"].is_array())
          for (const auto& e : j["errors"]) {
            if (e.contains("entityId") && e["entityId"].is_string())
              failed += (failed.empty() ? "" : ", ") + e["entityId"].get<std::string>();
          }
      } catch (const json::exception&) {
      }
      throw core::IoError("the broker refused part of a batch (" + (failed.empty() ? r.body.substr(0, 200) : failed) + ")",
                          urlCtx("POST " + url, "every entity created or updated", "HTTP 207"));
    }
    ++out.batches;
    out.entities += static_cast<std::int64_t>(batch.size());
    feedback.setProgress(100.0 * static_cast<double>(out.entities) / static_cast<double>(n));
  }
  return out;
}

}  // namespace ekm::citylink
