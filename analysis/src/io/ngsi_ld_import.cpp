// NGSI-LD observations -> segment_counts / station_ridership (see ngsi_ld_import.h).
#include "ekm/io/ngsi_ld_import.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/io/sha256.h"
#include "ekm/store/partial_hours.h"
#include "ekm/store/series.h"
#include "import_common.h"

namespace ekm::io {

using core::ErrorContext;
using core::ValidationError;

namespace {

ErrorContext entityCtx(const std::string& entity, const std::string& attribute, const std::string& expected,
                       const std::string& found) {
  ErrorContext c;
  c.field = "entity " + entity + (attribute.empty() ? "" : ", attribute " + attribute);
  c.expected = expected;
  c.found = found;
  return c;
}

// Metres in a local equirectangular frame around (lon0, lat0).
struct LocalFrame {
  double lon0, lat0, kx, ky;
  LocalFrame(double lon, double lat) : lon0(lon), lat0(lat) {
    constexpr double kPi = 3.14159265358979323846;
    const double phi = lat * kPi / 180.0;
    // Meridian and parallel degree lengths on GRS80 (series to 3 terms).
    ky = 111132.954 - 559.822 * std::cos(2 * phi) + 1.175 * std::cos(4 * phi);
    kx = 111412.84 * std::cos(phi) - 93.5 * std::cos(3 * phi) + 0.118 * std::cos(5 * phi);
  }
  std::pair<double, double> xy(const store::LonLat& p) const { return {(p.lon - lon0) * kx, (p.lat - lat0) * ky}; }
};

double pointToPolylineM(const LocalFrame& f, const store::LonLat& p, const std::vector<store::LonLat>& line) {
  const auto [px, py] = f.xy(p);
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto [ax, ay] = f.xy(line[i]);
    if (line.size() == 1) return std::hypot(px - ax, py - ay);
    if (i + 1 == line.size()) break;
    const auto [bx, by] = f.xy(line[i + 1]);
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    best = std::min(best, std::hypot(px - (ax + t * dx), py - (ay + t * dy)));
  }
  return best;
}

// Sample points of an entity's location: a point, or a line's vertices and midpoints.
std::vector<store::LonLat> samplePoints(const NgsiEntityInfo& e) {
  if (!e.locationIsLine) return e.location;
  std::vector<store::LonLat> s;
  for (std::size_t i = 0; i < e.location.size(); ++i) {
    s.push_back(e.location[i]);
    if (i + 1 < e.location.size())
      s.push_back({(e.location[i].lon + e.location[i + 1].lon) / 2, (e.location[i].lat + e.location[i + 1].lat) / 2});
  }
  return s;
}

template <class Records, class IdOf>
const typename Records::value_type* findByRef(const Records& records, const std::string& ref, IdOf idOf) {
  if (ref.empty()) return nullptr;
  const std::string shortRef = ngsiShortId(ref);
  for (const auto& r : records)
    if (idOf(r) == ref) return &r;
  for (const auto& r : records)
    if (idOf(r) == shortRef) return &r;
  return nullptr;
}

struct CellKey {
  int target;  // 0 segment, 1 station
  std::int64_t fid;
  core::HourKey hour;
  int direction, mode;
  auto tie() const { return std::tie(target, fid, hour, direction, mode); }
  bool operator<(const CellKey& o) const { return tie() < o.tie(); }
};

struct Cell {
  double sum = 0, sum2 = 0;
  bool has1 = false, has2 = false;
  std::string targetId;
  std::set<std::string> entities;
  std::map<std::string, std::int64_t> coverage;  // per stream: seconds observed in the hour
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> periods;  // per stream
};

// --- the store writes (one transaction; the same tables and keys as the CSV importers) ---

using Periods = std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>>;

std::string periodsJson(const Periods& periods) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [stream, iv] : periods) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [from, to] : iv) a.push_back({from, to});
    j[stream] = a;
  }
  return j.dump();
}

Periods periodsFromJson(const std::string& text, const std::string& where) {
  Periods out;
  try {
    const auto j = nlohmann::json::parse(text);
    for (const auto& [stream, iv] : j.items())
      for (const auto& p : iv) out[stream].push_back({p.at(0).get<std::int64_t>(), p.at(1).get<std::int64_t>()});
  } catch (const nlohmann::json::exception&) {
    throw core::StoreError("damaged partial_hours row", ErrorContext{"", std::nullopt, std::nullopt, "periods",
                                                                     "JSON {\"stream\": [[from_s, to_s], ...]}", where});
  }
  return out;
}

std::string rowWhat(const NgsiHourRow& r) {
  return r.target + " " + r.targetId + " at " + core::formatHourKeyJst(r.hour) +
         (r.target == "segment" ? std::string(" ") + store::directionName(store::Direction(r.direction)) + " " +
                                      store::travelModeName(store::TravelMode(r.mode))
                                : std::string());
}

std::string entitiesOf(const NgsiHourRow& r) {
  std::string who;
  for (const auto& e : r.entities) who += (who.empty() ? "" : ", ") + e;
  return who;
}

// Adds a row to the partial hour the project holds for its key: the periods (which must not
// overlap the stored ones), the sums, the coverage; clears the flag when complete.
void completeStoredHour(store::Project& project, store::SeriesKind kind, const store::PartialHour& stored,
                        NgsiHourRow& r) {
  Periods merged = periodsFromJson(stored.periods, rowWhat(r));
  for (const auto& [stream, iv] : r.periods) {
    auto& all = merged[stream];
    all.insert(all.end(), iv.begin(), iv.end());
    std::sort(all.begin(), all.end());
    for (std::size_t i = 1; i < all.size(); ++i)
      if (all[i].first < all[i - 1].second) {
        const auto slash = stream.rfind('/');
        throw ValidationError(
            "overlapping observation periods (double counting)",
            entityCtx(stream.substr(0, slash), stream.substr(slash + 1),
                      "periods that do not overlap those of the partial hour in the project (" + rowWhat(r) + ")",
                      formatNgsiDateTime(all[i - 1].first) + "/" + formatNgsiDateTime(all[i - 1].second) + " and " +
                          formatNgsiDateTime(all[i].first) + "/" + formatNgsiDateTime(all[i].second)));
      }
  }
  std::int64_t covered = 3600;
  for (const auto& [stream, iv] : merged) {
    std::int64_t s = 0;
    for (const auto& [from, to] : iv) s += to - from;
    covered = std::min(covered, s);
  }
  const double nan = std::nan("");
  r.storedValue = store::addToStoredHour(project, kind, r.targetFid, r.hour, r.mode, r.direction,
                                         r.target == "segment" || r.hasValue ? r.value : nan, r.value2 >= 0 ? r.value2 : nan);
  r.coveredS = covered;
  r.partial = covered < 3600;
  r.periods = merged;
  r.completedStored = true;
  if (r.partial) {
    store::PartialHour h = stored;
    h.coveredS = covered;
    h.periods = periodsJson(merged);
    store::savePartialHour(project, h);
  } else {
    store::clearPartialHour(project, kind, r.targetFid, r.hour, r.mode, r.direction);
  }
}

void writeRows(store::Project& project, NgsiImportPlan& plan, NgsiImportResult& result, core::Feedback& feedback) {
  std::vector<std::pair<NgsiHourRow*, store::PartialHour>> completions;
  {
    store::SeriesWriter seg(project, store::SeriesKind::SegmentCounts);
    store::SeriesWriter sta(project, store::SeriesKind::StationRidership);
    const double nan = std::nan("");
    std::int64_t n = 0;
    for (NgsiHourRow& r : plan.rows) {
      if (++n % 4096 == 0) {
        feedback.throwIfCancelled();
        feedback.setProgress(50.0 + 45.0 * static_cast<double>(n) / static_cast<double>(plan.rows.size()));
      }
      const auto kind = r.target == "segment" ? store::SeriesKind::SegmentCounts : store::SeriesKind::StationRidership;
      // An hour the project holds as partial is added to once the new day rows are written.
      if (auto stored = store::partialHour(project, kind, r.targetFid, r.hour, r.mode, r.direction)) {
        completions.emplace_back(&r, std::move(*stored));
        continue;
      }
      bool fresh;
      if (r.target == "segment") {
        fresh = seg.add(r.targetFid, r.hour, r.mode, r.direction, r.value);
        ++result.segmentRows;
      } else {
        fresh = sta.add(r.targetFid, r.hour, 0, 0, r.hasValue ? r.value : nan, r.value2 >= 0 ? r.value2 : nan);
        ++result.stationRows;
      }
      if (!fresh)
        throw ValidationError("duplicate key (the project already holds this hour)",
                              entityCtx(entitiesOf(r), r.target == "segment" ? "peopleCount/intensity" : "peopleCount",
                                        "an hour not yet in the project (or held as partial)", rowWhat(r)));
      if (r.partial)
        store::savePartialHour(project, {kind, r.targetFid, r.hour, r.mode, r.direction, r.coveredS, periodsJson(r.periods)});
    }
    seg.finish();
    sta.finish();
  }
  // After the writers: they replace whole day rows, which would undo an in-place addition.
  for (auto& [row, stored] : completions) {
    completeStoredHour(project, stored.kind, stored, *row);
    ++result.completedHours;
    ++(row->target == "segment" ? result.segmentRows : result.stationRows);
  }
  plan.partialHours = 0;
  for (const auto& r : plan.rows) plan.partialHours += r.partial ? 1 : 0;
}

void writeLog(store::Project& project, const NgsiSource& source, const NgsiImportResult& result) {
  nlohmann::json o = source.options;
  o["entities"] = result.entities;
  o["observations"] = result.plan.observations;
  o["segment_rows"] = result.segmentRows;
  o["station_rows"] = result.stationRows;
  o["partial_hours"] = result.plan.partialHours;
  o["completed_partial_hours"] = result.completedHours;
  nlohmann::json partial = nlohmann::json::array();
  for (const auto& r : result.plan.rows)
    if (r.partial && partial.size() < 200)
      partial.push_back({{"target", r.target}, {"id", r.targetId}, {"hour", core::formatHourKeyJst(r.hour)},
                         {"covered_s", r.coveredS}});
  o["partial"] = partial;
  if (source.force) o["force"] = true;
  std::string path = source.path;
  std::error_code ec;
  if (source.kind == "ngsi-ld" && !path.empty()) {
    const auto a = std::filesystem::absolute(path, ec);
    if (!ec) path = a.string();
  }
  store::logImport(project, path, source.sha256, source.kind, result.segmentRows + result.stationRows, o.dump());
}

}  // namespace

NgsiImportPlan planNgsiImport(const store::Project& project, const NgsiDocument& doc, const NgsiMatchOptions& options,
                              core::Feedback& feedback) {
  if (options.match != "auto" && options.match != "refRoadSegment" && options.match != "nearest")
    throw core::Error(core::ErrorCode::Usage, "bad match rule",
                      ErrorContext{"", std::nullopt, std::nullopt, "match", "auto, refRoadSegment or nearest", options.match});
  const auto segments = project.segments();
  const auto stations = project.stations();
  NgsiImportPlan plan;
  std::unordered_map<std::string, std::size_t> matchOf;  // entity id -> index in plan.matches

  for (const NgsiEntityInfo& e : doc.entities) {
    feedback.throwIfCancelled();
    NgsiEntityMatch m;
    m.entityId = e.id;
    m.entityType = ngsiFlowTypeName(e.type);
    m.observations = static_cast<std::int64_t>(e.observations);
    m.location = e.location;
    m.locationIsLine = e.locationIsLine;
    const auto* station = findByRef(stations, e.refStation, [](const store::StationRecord& s) { return s.stationId; });
    try {
      if (station) {
        m.target = "station";
        m.targetId = station->stationId;
        m.targetFid = station->fid;
        m.method = "refStation";
      } else {
        const store::SegmentRecord* seg = nullptr;
        if (options.match != "nearest") {
          seg = findByRef(segments, e.refRoadSegment,
                          [](const store::SegmentRecord& s) { return s.segmentId; });
          if (seg)
            m.method = "refRoadSegment";
          else if (options.match == "refRoadSegment")
            throw ValidationError(
                "refRoadSegment names no project segment",
                entityCtx(e.id, "refRoadSegment", "a segment_id of the project's road_segments",
                          e.refRoadSegment.empty() ? "no refRoadSegment" : e.refRoadSegment));
        }
        if (!seg) {
          if (e.location.empty())
            throw ValidationError(
                "cannot match the entity",
                entityCtx(e.id, "location",
                          options.match == "nearest"
                              ? "a location (Point or LineString)"
                              : "a refRoadSegment naming a project segment or a location",
                          e.refRoadSegment.empty()
                              ? "neither"
                              : "refRoadSegment " + e.refRoadSegment + " (not in the project), no location"));
          const auto pts = samplePoints(e);
          const LocalFrame frame(pts[0].lon, pts[0].lat);
          double best = std::numeric_limits<double>::infinity(), second = best;
          for (const auto& s : segments) {
            if (s.points.empty()) continue;
            double sum = 0;
            for (const auto& p : pts) sum += pointToPolylineM(frame, p, s.points);
            const double d = sum / static_cast<double>(pts.size());
            if (d < best) {
              second = best;
              best = d;
              seg = &s;
            } else if (d < second) {
              second = d;
            }
          }
          if (!seg || best > options.maxDistanceM) {
            char found[96];
            std::snprintf(found, sizeof found,
                          seg ? "nearest segment %s at %.1f m" : "%sno segments in the project",
                          seg ? seg->segmentId.c_str() : "", best);
            throw ValidationError(
                "no segment near the entity",
                entityCtx(e.id, "location",
                          "a segment within " + std::to_string(static_cast<int>(options.maxDistanceM)) +
                              " m (--max-distance-m)",
                          found));
          }
          m.method = "nearest";
          m.distanceM = best;
          m.runnerUpM = std::isfinite(second) ? second : -1;
        }
        m.target = "segment";
        m.targetId = seg->segmentId;
        m.targetFid = seg->fid;
      }
    } catch (const ValidationError& err) {
      if (!options.keepUnmatched) throw;
      m.target.clear();
      m.targetId.clear();
      m.method = "unmatched";
      m.distanceM = m.runnerUpM = -1;
      m.problem = err.what();
      ++plan.unmatched;
    }
    matchOf[e.id] = plan.matches.size();
    plan.matches.push_back(std::move(m));
  }

  // Aggregate per hour; check periods and overlaps per stream.
  std::map<CellKey, Cell> cells;
  std::map<std::pair<std::string, core::HourKey>, std::vector<std::pair<std::int64_t, std::int64_t>>> streams;
  for (const NgsiObservation& o : doc.observations) {
    const NgsiEntityMatch& m = plan.matches[matchOf.at(o.entityId)];
    if (m.method == "unmatched") continue;  // a preview's unmatched entity: nothing to aggregate
    const core::HourKey hour = o.fromS >= 0 ? o.fromS / 3600 : (o.fromS - 3599) / 3600;
    if (o.toS > (hour + 1) * 3600)
      throw ValidationError("observation period not within one hour",
                            entityCtx(o.entityId, o.attribute,
                                      "a period inside one hour (periods longer than an hour or crossing an hour "
                                      "boundary cannot be split into hours)",
                                      formatNgsiDateTime(o.fromS) + "/" + formatNgsiDateTime(o.toS)));
    CellKey key{m.target == "segment" ? 0 : 1, m.targetFid, hour, 0, 0};
    if (m.target == "segment") {
      key.direction = static_cast<int>(o.direction == NgsiDirection::Forward    ? store::Direction::Forward
                                       : o.direction == NgsiDirection::Backward ? store::Direction::Backward
                                                                                : store::Direction::Both);
      key.mode = static_cast<int>(o.mode);
    } else if (o.direction == NgsiDirection::Unspecified) {
      throw ValidationError("station count without a direction",
                            entityCtx(o.entityId, o.attribute == "peopleCount" ? "direction" : o.attribute,
                                      "inbound (boardings) or outbound (alightings), or peopleCountTowards/Away",
                                      "no direction"));
    }
    Cell& c = cells[key];
    c.targetId = m.targetId;
    if (m.target == "station" && o.direction == NgsiDirection::Backward) {
      c.sum2 += o.value;
      c.has2 = true;
    } else {
      c.sum += o.value;
      c.has1 = true;
    }
    c.entities.insert(o.entityId);
    c.coverage[o.series] += o.toS - o.fromS;
    c.periods[o.series].push_back({o.fromS, o.toS});
    streams[{o.series, hour}].push_back({o.fromS, o.toS});
    ++plan.observations;
  }
  for (auto& [k, iv] : streams) {
    std::sort(iv.begin(), iv.end());
    for (std::size_t i = 1; i < iv.size(); ++i)
      if (iv[i].first < iv[i - 1].second) {
        const std::string& series = k.first;
        const auto slash = series.rfind('/');
        throw ValidationError("overlapping observation periods (double counting)",
                              entityCtx(series.substr(0, slash), series.substr(slash + 1), "periods that do not overlap",
                                        formatNgsiDateTime(iv[i - 1].first) + "/" + formatNgsiDateTime(iv[i - 1].second) +
                                            " and " + formatNgsiDateTime(iv[i].first) + "/" +
                                            formatNgsiDateTime(iv[i].second)));
      }
  }
  for (const auto& [k, c] : cells) {
    NgsiHourRow r;
    r.target = k.target == 0 ? "segment" : "station";
    r.targetId = c.targetId;
    r.targetFid = k.fid;
    r.hour = k.hour;
    r.direction = k.direction;
    r.mode = k.mode;
    r.value = c.sum;
    r.hasValue = k.target == 0 || c.has1;
    r.value2 = k.target == 1 && c.has2 ? c.sum2 : -1;
    r.coveredS = 3600;
    for (const auto& [s, cov] : c.coverage) r.coveredS = std::min(r.coveredS, cov);
    r.partial = r.coveredS < 3600;
    if (r.partial) ++plan.partialHours;
    r.entities.assign(c.entities.begin(), c.entities.end());
    r.periods = c.periods;
    for (auto& [s, iv] : r.periods) std::sort(iv.begin(), iv.end());
    plan.rows.push_back(std::move(r));
  }
  return plan;
}

NgsiImportResult importNgsiDocument(store::Project& project, const NgsiDocument& doc, const NgsiSource& source,
                                    const NgsiMatchOptions& options, core::Feedback& feedback) {
  const auto started = std::chrono::steady_clock::now();
  NgsiImportResult result;
  result.sha256 = source.sha256;
  result.entities = static_cast<std::int64_t>(doc.entities.size());
  feedback.setProgress(0);
  {
    store::Transaction tx(project);
    if (!source.force && !source.sha256.empty() && store::isImported(project, source.sha256))
      throw core::Error(core::ErrorCode::Duplicate,
                        "these entities were already imported into the project (use --force to import them again)",
                        ErrorContext{source.path, std::nullopt, std::nullopt, "", "data not in the import log",
                                     "SHA-256 " + source.sha256});
    try {
      NgsiMatchOptions storing = options;
      storing.keepUnmatched = false;  // every entity of an import must land somewhere
      result.plan = planNgsiImport(project, doc, storing, feedback);
      feedback.setProgress(50);
      writeRows(project, result.plan, result, feedback);
    } catch (const core::CancelledError&) {
      throw;
    } catch (const core::Error& e) {  // name the source (file or query) in entity errors
      if (!e.context().file.empty()) throw;
      ErrorContext c = e.context();
      c.file = source.path;
      throw core::Error(e.code(), e.message(), c);
    }
    writeLog(project, source, result);
    feedback.throwIfCancelled();
    tx.commit();
  }
  project.refreshContents();
  feedback.setProgress(100);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

NgsiImportResult importNgsiLdFile(store::Project& project, const std::string& path, const NgsiMatchOptions& options,
                                  bool force, core::Feedback& feedback) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw core::IoError("file not found", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  const NgsiDocument doc = readNgsiLdFile(path);
  NgsiSource source;
  source.path = path;
  source.sha256 = sha256File(path);
  source.kind = "ngsi-ld";
  source.force = force;
  source.options = {{"match", options.match}, {"max_distance_m", options.maxDistanceM}};
  return importNgsiDocument(project, doc, source, options, feedback);
}

void logNgsiMatches(const NgsiImportPlan& plan, core::Feedback& feedback, std::size_t maxLines) {
  std::size_t n = 0;
  for (const auto& m : plan.matches) {
    if (n++ == maxLines) {
      feedback.info("match: ... and " + std::to_string(plan.matches.size() - maxLines) + " more entities");
      break;
    }
    char how[96] = "";
    if (m.method == "nearest")
      std::snprintf(how, sizeof how, " at %.1f m%s", m.distanceM, m.runnerUpM >= 0 ? "" : " (the only segment)");
    std::string line = "match: " + m.entityId + " -> " + m.target + " " + m.targetId + " by " + m.method + how;
    if (m.method == "nearest" && m.runnerUpM >= 0) {
      char next[48];
      std::snprintf(next, sizeof next, " (next %.1f m)", m.runnerUpM);
      line += next;
    }
    feedback.info(line + ", " + std::to_string(m.observations) + " observations");
  }
  if (plan.partialHours > 0)
    feedback.warning(std::to_string(plan.partialHours) + " of " + std::to_string(plan.rows.size()) +
                     " hours are only partly observed (stored as the sum observed; listed in the import log)");
}

}  // namespace ekm::io
