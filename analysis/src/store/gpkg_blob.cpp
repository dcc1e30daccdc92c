// GeoPackage binary geometry: "GP" header (version 0, flags, srs_id, envelope) + ISO WKB.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "store/gpkg_internal.h"

namespace ekm::store {

namespace {

void putU32(std::vector<unsigned char>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>((v >> (8 * i)) & 0xFF));
}
void putI32(std::vector<unsigned char>& out, std::int32_t v) { putU32(out, static_cast<std::uint32_t>(v)); }
void putF64(std::vector<unsigned char>& out, double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, 8);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>((bits >> (8 * i)) & 0xFF));
}

// Header with envelope [minx, maxx, miny, maxy] (flags: little endian, envelope code 1),
// or without envelope and with the empty flag set for empty geometries.
void putHeader(std::vector<unsigned char>& out, int srsId, const Envelope& env) {
  out.push_back('G');
  out.push_back('P');
  out.push_back(0);  // version 1 of the binary format
  if (env.empty) {
    out.push_back(0x01 | 0x10);
    putI32(out, srsId);
    return;
  }
  out.push_back(0x01 | (1 << 1));
  putI32(out, srsId);
  putF64(out, env.minX);
  putF64(out, env.maxX);
  putF64(out, env.minY);
  putF64(out, env.maxY);
}

class WkbReader {
 public:
  WkbReader(const unsigned char* p, std::size_t n) : m_p(p), m_end(p + n) {}

  // Walks one geometry; calls onPoint(x, y) for every vertex (for polygons only the
  // outer ring if outerOnly). Returns false on malformed input.
  template <class F>
  bool geometry(F& onPoint, bool outerOnly, int depth = 0) {
    if (depth > 32) return false;
    if (!has(5)) return false;
    const bool le = *m_p++ == 1;
    std::uint32_t type = u32(le);
    int dims = 2;
    if (type & 0x80000000u) ++dims;  // EWKB Z
    if (type & 0x40000000u) ++dims;  // EWKB M
    type &= 0x0FFFFFFFu;
    const std::uint32_t iso = type / 1000;
    type %= 1000;
    if (iso == 1 || iso == 2) dims = 3;
    else if (iso == 3) dims = 4;
    else if (iso != 0) return false;
    switch (type) {
      case 1:
        return points(1, dims, le, onPoint, true);
      case 2: {
        if (!has(4)) return false;
        if (m_partStart) m_partStart(false);
        return points(u32(le), dims, le, onPoint, false);
      }
      case 3: {
        if (!has(4)) return false;
        const std::uint32_t rings = u32(le);
        for (std::uint32_t r = 0; r < rings; ++r) {
          if (!has(4)) return false;
          const std::uint32_t n = u32(le);
          if (outerOnly && r > 0) {
            if (!skip(static_cast<std::uint64_t>(n) * dims * 8)) return false;
            continue;
          }
          if (m_partStart) m_partStart(true);
          if (!points(n, dims, le, onPoint, false)) {
            return false;
          }
        }
        return true;
      }
      case 4:
      case 5:
      case 6:
      case 7: {
        if (!has(4)) return false;
        const std::uint32_t parts = u32(le);
        for (std::uint32_t i = 0; i < parts; ++i)
          if (!geometry(onPoint, outerOnly, depth + 1)) return false;
        return true;
      }
      default:
        return false;
    }
  }
  bool atEnd() const { return m_p == m_end; }
  // Called at the start of every line string (false) and polygon ring (true).
  std::function<void(bool ring)> m_partStart;

 private:
  bool has(std::uint64_t n) const { return static_cast<std::uint64_t>(m_end - m_p) >= n; }
  bool skip(std::uint64_t n) {
    if (!has(n)) return false;
    m_p += n;
    return true;
  }
  std::uint32_t u32(bool le) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const std::uint32_t b = m_p[i];
      v |= le ? (b << (8 * i)) : (b << (8 * (3 - i)));
    }
    m_p += 4;
    return v;
  }
  double f64(bool le) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
      const std::uint64_t b = m_p[i];
      v |= le ? (b << (8 * i)) : (b << (8 * (7 - i)));
    }
    m_p += 8;
    double d;
    std::memcpy(&d, &v, 8);
    return d;
  }
  template <class F>
  bool points(std::uint64_t n, int dims, bool le, F& onPoint, bool singlePoint) {
    if (!has(n * dims * 8)) return false;
    for (std::uint64_t i = 0; i < n; ++i) {
      const double x = f64(le);
      const double y = f64(le);
      for (int d = 2; d < dims; ++d) f64(le);
      // An empty POINT is encoded as NaN coordinates.
      if (singlePoint && std::isnan(x) && std::isnan(y)) continue;
      onPoint(x, y);
    }
    return true;
  }

  const unsigned char* m_p;
  const unsigned char* m_end;
};

}  // namespace

bool wkbEnvelope(const unsigned char* wkb, std::size_t size, Envelope& env) {
  env = Envelope{};
  env.minX = env.minY = std::numeric_limits<double>::infinity();
  env.maxX = env.maxY = -std::numeric_limits<double>::infinity();
  bool any = false;
  auto onPoint = [&](double x, double y) {
    any = true;
    env.minX = std::min(env.minX, x);
    env.maxX = std::max(env.maxX, x);
    env.minY = std::min(env.minY, y);
    env.maxY = std::max(env.maxY, y);
  };
  WkbReader r(wkb, size);
  if (!r.geometry(onPoint, false)) return false;
  env.empty = !any;
  return true;
}

bool parseGpkgHeader(const unsigned char* blob, std::size_t size, GpkgHeader& h) {
  if (size < 8 || blob[0] != 'G' || blob[1] != 'P') return false;
  const unsigned char flags = blob[3];
  if (flags & 0x20) return false;  // extended GeoPackage binary: not supported
  const bool le = flags & 0x01;
  const int envCode = (flags >> 1) & 0x07;
  static const int envSizes[] = {0, 32, 48, 48, 64};
  if (envCode > 4) return false;
  const std::size_t headerSize = 8 + static_cast<std::size_t>(envSizes[envCode]);
  if (size < headerSize) return false;
  std::uint32_t srs = 0;
  for (int i = 0; i < 4; ++i) {
    const std::uint32_t b = blob[4 + i];
    srs |= le ? (b << (8 * i)) : (b << (8 * (3 - i)));
  }
  h.srsId = static_cast<std::int32_t>(srs);
  h.empty = flags & 0x10;
  h.hasEnvelope = envCode != 0;
  h.wkb = blob + headerSize;
  h.wkbSize = size - headerSize;
  if (h.hasEnvelope) {
    double v[4];
    for (int k = 0; k < 4; ++k) {
      std::uint64_t bits = 0;
      for (int i = 0; i < 8; ++i) {
        const std::uint64_t b = blob[8 + 8 * k + i];
        bits |= le ? (b << (8 * i)) : (b << (8 * (7 - i)));
      }
      std::memcpy(&v[k], &bits, 8);
    }
    h.envelope.minX = v[0];
    h.envelope.maxX = v[1];
    h.envelope.minY = v[2];
    h.envelope.maxY = v[3];
  }
  h.envelope.empty = h.empty;
  return true;
}

bool gpkgBlobEnvelope(const unsigned char* blob, std::size_t size, Envelope& env) {
  GpkgHeader h;
  if (!parseGpkgHeader(blob, size, h)) return false;
  if (h.empty) {
    env = Envelope{};
    env.empty = true;
    return true;
  }
  if (h.hasEnvelope) {
    env = h.envelope;
    return true;
  }
  return wkbEnvelope(h.wkb, h.wkbSize, env);
}

std::vector<unsigned char> gpkgPolygonBlob(double west, double south, double east, double north, int srsId) {
  std::vector<unsigned char> out;
  out.reserve(8 + 32 + 9 + 4 + 5 * 16);
  putHeader(out, srsId, Envelope{west, east, south, north, false});
  out.push_back(1);
  putU32(out, 3);
  putU32(out, 1);
  putU32(out, 5);
  // Counter-clockwise outer ring (GeoPackage/OGC simple features orientation).
  const double xs[5] = {west, east, east, west, west};
  const double ys[5] = {south, south, north, north, south};
  for (int i = 0; i < 5; ++i) {
    putF64(out, xs[i]);
    putF64(out, ys[i]);
  }
  return out;
}

std::vector<unsigned char> gpkgPointBlob(LonLat p, int srsId) {
  std::vector<unsigned char> out;
  out.reserve(8 + 32 + 21);
  const bool empty = std::isnan(p.lon) && std::isnan(p.lat);
  putHeader(out, srsId, Envelope{p.lon, p.lon, p.lat, p.lat, empty});
  out.push_back(1);
  putU32(out, 1);
  putF64(out, p.lon);
  putF64(out, p.lat);
  return out;
}

std::vector<unsigned char> gpkgLineStringBlob(const std::vector<LonLat>& points, int srsId) {
  Envelope env;
  env.empty = points.empty();
  if (!points.empty()) {
    env.minX = env.maxX = points[0].lon;
    env.minY = env.maxY = points[0].lat;
    for (const auto& p : points) {
      env.minX = std::min(env.minX, p.lon);
      env.maxX = std::max(env.maxX, p.lon);
      env.minY = std::min(env.minY, p.lat);
      env.maxY = std::max(env.maxY, p.lat);
    }
  }
  std::vector<unsigned char> out;
  out.reserve(8 + 32 + 9 + points.size() * 16);
  putHeader(out, srsId, env);
  out.push_back(1);
  putU32(out, 2);
  putU32(out, static_cast<std::uint32_t>(points.size()));
  for (const auto& p : points) {
    putF64(out, p.lon);
    putF64(out, p.lat);
  }
  return out;
}

std::vector<unsigned char> gpkgBlobFromWkb(const unsigned char* wkb, std::size_t size, int srsId) {
  Envelope env;
  if (!wkb || !wkbEnvelope(wkb, size, env))
    throw core::StoreError("malformed WKB geometry (" + std::to_string(size) + " bytes)");
  std::vector<unsigned char> out;
  out.reserve(8 + 32 + size);
  putHeader(out, srsId, env);
  out.insert(out.end(), wkb, wkb + size);
  return out;
}

std::vector<LonLat> pointsFromGpkgBlob(const unsigned char* blob, std::size_t size) {
  GpkgHeader h;
  if (!blob || !parseGpkgHeader(blob, size, h))
    throw core::StoreError("not a GeoPackage geometry blob (" + std::to_string(size) + " bytes)");
  std::vector<LonLat> pts;
  auto onPoint = [&](double x, double y) { pts.push_back(LonLat{x, y}); };
  WkbReader r(h.wkb, h.wkbSize);
  if (!r.geometry(onPoint, true)) throw core::StoreError("malformed WKB in a GeoPackage geometry blob");
  return pts;
}

}  // namespace ekm::store

namespace ekm::store {

std::vector<std::vector<LonLat>> partsFromGpkgBlob(const unsigned char* blob, std::size_t size, bool& polygon) {
  GpkgHeader h;
  if (!blob || !parseGpkgHeader(blob, size, h))
    throw core::StoreError("not a GeoPackage geometry blob (" + std::to_string(size) + " bytes)");
  std::vector<std::vector<LonLat>> parts;
  polygon = false;
  WkbReader r(h.wkb, h.wkbSize);
  r.m_partStart = [&](bool ring) {
    polygon = polygon || ring;
    parts.emplace_back();
  };
  auto onPoint = [&](double x, double y) {
    if (parts.empty()) parts.emplace_back();  // points: one part
    parts.back().push_back(LonLat{x, y});
  };
  if (!h.empty && !r.geometry(onPoint, false)) throw core::StoreError("malformed WKB in a GeoPackage geometry blob");
  return parts;
}

std::vector<unsigned char> gpkgPartsBlob(const std::vector<std::vector<LonLat>>& parts, bool polygon, int srsId) {
  Envelope env;
  env.empty = true;
  for (const auto& part : parts)
    for (const auto& p : part) {
      if (env.empty) {
        env.minX = env.maxX = p.lon;
        env.minY = env.maxY = p.lat;
        env.empty = false;
      }
      env.minX = std::min(env.minX, p.lon);
      env.maxX = std::max(env.maxX, p.lon);
      env.minY = std::min(env.minY, p.lat);
      env.maxY = std::max(env.maxY, p.lat);
    }
  std::vector<unsigned char> out;
  putHeader(out, srsId, env);
  auto putPoints = [&](const std::vector<LonLat>& pts) {
    putU32(out, static_cast<std::uint32_t>(pts.size()));
    for (const auto& p : pts) {
      putF64(out, p.lon);
      putF64(out, p.lat);
    }
  };
  if (polygon) {
    out.push_back(1);
    putU32(out, 3);
    putU32(out, static_cast<std::uint32_t>(parts.size()));
    for (const auto& ring : parts) putPoints(ring);
  } else if (parts.size() == 1) {
    out.push_back(1);
    putU32(out, 2);
    putPoints(parts.front());
  } else {
    out.push_back(1);
    putU32(out, 5);
    putU32(out, static_cast<std::uint32_t>(parts.size()));
    for (const auto& line : parts) {
      out.push_back(1);
      putU32(out, 2);
      putPoints(line);
    }
  }
  return out;
}

}  // namespace ekm::store
