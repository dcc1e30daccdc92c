#include "ekm/demand/corridors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include "ekm/core/error.h"

namespace ekm::demand {

std::vector<Corridor> extractCorridors(const Network& net, const std::vector<double>& volume,
                                       const CorridorOptions& options) {
  const int L = net.linkCount();
  if (static_cast<int>(volume.size()) != L)
    throw core::ValidationError("volumes do not match the network",
                                core::ErrorContext{"", std::nullopt, std::nullopt, "volume",
                                                   std::to_string(L), std::to_string(volume.size())});
  const double maxV = L ? *std::max_element(volume.begin(), volume.end()) : 0;
  const double threshold = std::max(options.minVolume, options.minShareOfMax * maxV);
  std::vector<int> order(static_cast<std::size_t>(L));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return volume[a] > volume[b]; });
  std::vector<bool> used(static_cast<std::size_t>(L), false);
  std::vector<Corridor> out;
  for (int start : order) {
    if (static_cast<int>(out.size()) >= options.maxCorridors) break;
    if (used[start]) continue;
    if (!(volume[start] > 0) || volume[start] < threshold) break;
    std::deque<int> links{start};
    std::set<int> nodes{net.link(start).from, net.link(start).to};
    used[start] = true;
    // Forward.
    for (;;) {
      const int last = links.back();
      const auto& l = net.link(last);
      int best = -1;
      for (int k = net.outStart()[l.to]; k < net.outStart()[l.to + 1]; ++k) {
        const int b = net.outLinks()[k];
        const auto& lb = net.link(b);
        if (used[b] || lb.to == l.from || nodes.count(lb.to)) continue;
        if (volume[b] < threshold || volume[b] < options.continueFraction * volume[last]) continue;
        if (best < 0 || volume[b] > volume[best]) best = b;
      }
      if (best < 0) break;
      links.push_back(best), used[best] = true, nodes.insert(net.link(best).to);
    }
    // Backward.
    for (;;) {
      const int first = links.front();
      const auto& l = net.link(first);
      int best = -1;
      for (int k = net.inStart()[l.from]; k < net.inStart()[l.from + 1]; ++k) {
        const int b = net.inLinks()[k];
        const auto& lb = net.link(b);
        if (used[b] || lb.from == l.to || nodes.count(lb.from)) continue;
        if (volume[b] < threshold || volume[b] < options.continueFraction * volume[first]) continue;
        if (best < 0 || volume[b] > volume[best]) best = b;
      }
      if (best < 0) break;
      links.push_front(best), used[best] = true, nodes.insert(net.link(best).from);
    }
    if (static_cast<int>(links.size()) < options.minLinks) continue;
    Corridor c;
    c.links.assign(links.begin(), links.end());
    c.nodes.push_back(net.link(c.links.front()).from);
    double vl = 0, vs = 0;
    c.minVolume = volume[start];
    for (int a : c.links) {
      c.nodes.push_back(net.link(a).to);
      c.peakVolume = std::max(c.peakVolume, volume[a]);
      c.minVolume = std::min(c.minVolume, volume[a]);
      c.length += net.link(a).length;
      vl += volume[a] * net.link(a).length;
      vs += volume[a];
    }
    c.meanVolume = c.length > 0 ? vl / c.length : vs / static_cast<double>(c.links.size());
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<DesireLine> desireLines(const OdMatrix& od, const std::vector<GeoPoint>& centroids,
                                    double minVolume, bool combineDirections) {
  const int Z = od.zoneCount();
  if (static_cast<int>(centroids.size()) < Z)
    throw core::ValidationError("fewer centroids than zones",
                                core::ErrorContext{"", std::nullopt, std::nullopt, "centroids",
                                                   std::to_string(Z), std::to_string(centroids.size())});
  std::vector<DesireLine> out;
  for (int o = 0; o < Z; ++o)
    for (int d = 0; d < Z; ++d) {
      if (o == d) continue;
      if (combineDirections && d < o) continue;
      const double v = od(o, d) + (combineDirections ? od(d, o) : 0.0);
      if (v <= 0 || v < minVolume) continue;
      out.push_back({o, d, v, centroids[o], centroids[d]});
    }
  std::stable_sort(out.begin(), out.end(),
                   [](const DesireLine& a, const DesireLine& b) { return a.volume > b.volume; });
  return out;
}

namespace {

std::string jsonString(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      o += '\\', o += c;
    else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      o += buf;
    } else
      o += c;
  }
  return o + "\"";
}

void writeAtomic(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    if (!f)
      throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
    f << text;
    if (!f)
      throw core::IoError("write failed", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    throw core::IoError("cannot rename into place: " + ec.message(),
                        core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
}

void coord(std::ostringstream& o, const GeoPoint& p) { o << '[' << p.lon << ',' << p.lat << ']'; }

}  // namespace

void writeCorridorsGeoJson(const std::string& path, const Network& net,
                           const std::vector<Corridor>& corridors, const std::vector<GeoPoint>& nodes,
                           const std::vector<std::vector<GeoPoint>>& linkGeometry,
                           const std::vector<std::string>& linkIds) {
  std::ostringstream o;
  o.precision(10);
  o << "{\"type\":\"FeatureCollection\",\"features\":[\n";
  for (std::size_t i = 0; i < corridors.size(); ++i) {
    const auto& c = corridors[i];
    o << (i ? ",\n" : "") << "{\"type\":\"Feature\",\"properties\":{\"rank\":" << i + 1
      << ",\"peak_volume\":" << c.peakVolume << ",\"min_volume\":" << c.minVolume
      << ",\"mean_volume\":" << c.meanVolume << ",\"length\":" << c.length
      << ",\"link_count\":" << c.links.size() << ",\"links\":[";
    for (std::size_t k = 0; k < c.links.size(); ++k) {
      o << (k ? "," : "");
      if (!linkIds.empty())
        o << jsonString(linkIds[c.links[k]]);
      else
        o << c.links[k] + 1;
    }
    o << "]},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
    bool firstPoint = true;
    auto put = [&](const GeoPoint& p) {
      if (!firstPoint) o << ',';
      coord(o, p);
      firstPoint = false;
    };
    if (!linkGeometry.empty()) {
      for (std::size_t k = 0; k < c.links.size(); ++k) {
        const auto& g = linkGeometry[c.links[k]];
        for (std::size_t j = k ? 1 : 0; j < g.size(); ++j) put(g[j]);
      }
    } else {
      for (int n : c.nodes) put(nodes.at(static_cast<std::size_t>(n)));
    }
    o << "]}}";
  }
  (void)net;
  o << "\n]}\n";
  writeAtomic(path, o.str());
}

void writeDesireLinesGeoJson(const std::string& path, const std::vector<DesireLine>& lines,
                             const std::vector<std::string>& zoneIds) {
  std::ostringstream o;
  o.precision(10);
  o << "{\"type\":\"FeatureCollection\",\"features\":[\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    auto id = [&](int z) { return zoneIds.empty() ? std::to_string(z + 1) : jsonString(zoneIds[z]); };
    o << (i ? ",\n" : "") << "{\"type\":\"Feature\",\"properties\":{\"origin\":" << id(l.origin)
      << ",\"destination\":" << id(l.destination) << ",\"volume\":" << l.volume
      << "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
    coord(o, l.from);
    o << ',';
    coord(o, l.to);
    o << "]}}";
  }
  o << "\n]}\n";
  writeAtomic(path, o.str());
}

}  // namespace ekm::demand
