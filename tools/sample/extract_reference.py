#!/usr/bin/env python3
"""Extract the small reference subset that the sample-district generator reads.

Run once from the repository root with the shared real data beside the clone:

    python3 tools/sample/extract_reference.py [--real ../shared/data/real] [--out data/samples/reference]

Only the Python standard library is used. The output is committed (a user's clone has no
../shared); see data/samples/reference/SOURCES.md for licences and attributions.
"""
import argparse
import csv
import json
import math
import os
import re
import unicodedata

CENTER_LON = 139.7406575  # Takanawa Gateway station (stations_mt3d)
CENTER_LAT = 35.6353954
STATION_RADIUS_KM = 3.0   # stations kept
CENSUS_HALF_KM = 3.0      # 500 m census cells intersecting this square
BUILDING_HALF_KM = 2.0    # buildings inside this square (the generator's maximum area)
RAIL_HALF_KM = 3.0        # rail lines clipped to this square
MERGE_KM = 0.5            # station-on-line records with the same English name this close = one place

KM_PER_DEG_LAT = 110.95
KM_PER_DEG_LON = 111.32 * math.cos(math.radians(CENTER_LAT))

# Surface JR tracks that form the east-west barrier (PLATEAU 路線名). The subways and the
# Keikyu Main Line (tunnel north of Takanawa) are kept for drawing but are not barriers.
BARRIER_LINES = {"東海道線", "山手線", "東海道新幹線"}

# The PLATEAU railway file is clipped to Minato ward, which ends just south of Shinagawa
# station (lat ~35.6246). South of it the tracks are continued here by a HAND-TRACED,
# APPROXIMATE line (from general geographic knowledge, not from a survey) so that the
# barrier does not stop at the ward boundary.
TRACED_RAIL = [
    {"name": "JR tracks south of Shinagawa towards Oimachi (traced, approximate)",
     "coords": [[139.73868, 35.62470], [139.73850, 35.62300], [139.73800, 35.62000],
                [139.73700, 35.61600], [139.73560, 35.61000], [139.73470, 35.60600]]},
    {"name": "JR Yamanote Line south of Shinagawa towards Osaki (traced, approximate)",
     "coords": [[139.73850, 35.62300], [139.73600, 35.62150], [139.73200, 35.62050],
                [139.72816, 35.62019], [139.72300, 35.62200]]},
]


def km_dx(lon):
    return (lon - CENTER_LON) * KM_PER_DEG_LON


def km_dy(lat):
    return (lat - CENTER_LAT) * KM_PER_DEG_LAT


def bbox(half_km):
    dlat = half_km / KM_PER_DEG_LAT
    dlon = half_km / KM_PER_DEG_LON
    return CENTER_LAT - dlat, CENTER_LON - dlon, CENTER_LAT + dlat, CENTER_LON + dlon


def half_mesh_code(lat, lon):
    """JIS X 0410 1/2 mesh (9 digits), written independently of the C++ code."""
    p = int(lat * 1.5)
    u = int(lon) - 100
    lat_r = lat * 1.5 - p
    lon_r = lon - int(lon)
    q = int(lat_r * 8)
    v = int(lon_r * 8)
    r = int((lat_r * 8 - q) * 10)
    w = int((lon_r * 8 - v) * 10)
    lat_h = (lat_r * 80 - q * 10 - r) >= 0.5
    lon_h = (lon_r * 80 - v * 10 - w) >= 0.5
    h = 1 + (1 if lon_h else 0) + (2 if lat_h else 0)
    return f"{p:02d}{u:02d}{q}{v}{r}{w}{h}"


def slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def extract_stations(real, out):
    base = os.path.join(real, "stations_mt3d")
    stations = json.load(open(os.path.join(base, "stations.json"), encoding="utf-8"))
    railways = {r["id"]: r for r in json.load(open(os.path.join(base, "railways.json"), encoding="utf-8"))}
    near = []
    for s in stations:
        if "coord" not in s or "railway" not in s:
            continue
        lon, lat = s["coord"][0], s["coord"][1]
        if math.hypot(km_dx(lon), km_dy(lat)) <= STATION_RADIUS_KM:
            near.append(s)
    # One place per English name and proximity.
    places = []
    for s in sorted(near, key=lambda s: s["id"]):
        lon, lat = s["coord"][0], s["coord"][1]
        for p in places:
            if p["name_en"] == s["title"]["en"] and math.hypot(
                    (lon - p["lon0"]) * KM_PER_DEG_LON, (lat - p["lat0"]) * KM_PER_DEG_LAT) <= MERGE_KM:
                p["records"].append(s)
                break
        else:
            places.append({"name_en": s["title"]["en"], "name_ja": s["title"]["ja"],
                           "lon0": lon, "lat0": lat, "records": [s]})
    rows = []
    for p in places:
        recs = p["records"]
        lon = sum(r["coord"][0] for r in recs) / len(recs)
        lat = sum(r["coord"][1] for r in recs) / len(recs)
        operators = []
        lines = []
        for r in recs:
            op = r["railway"].split(".")[0]
            if op not in operators:
                operators.append(op)
            rw = railways.get(r["railway"])
            title = rw["title"]["en"] if rw else r["railway"]
            title_ja = rw["title"]["ja"] if rw else r["railway"]
            entry = f"{title} ({title_ja})"
            if entry not in lines:
                lines.append(entry)
        rows.append({
            "station_id": slug(p["name_en"]),
            "name_ja": p["name_ja"], "name_en": p["name_en"],
            "operator": "; ".join(operators), "lines": "; ".join(lines),
            "lat": round(lat, 7), "lon": round(lon, 7),
            "distance_km": round(math.hypot(km_dx(lon), km_dy(lat)), 3),
            "source_ids": " ".join(r["id"] for r in recs),
        })
    ids = [r["station_id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate station ids"
    rows.sort(key=lambda r: (r["distance_km"], r["station_id"]))
    with open(os.path.join(out, "stations.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def extract_census(real, out):
    south, west, north, east = bbox(CENSUS_HALF_KM)
    wanted = set()
    # 1/2 mesh cells: 1/80 deg lat x 1/80 * 1.5 ... sample the box finely enough.
    steps = 200
    for i in range(steps + 1):
        for j in range(steps + 1):
            wanted.add(half_mesh_code(south + (north - south) * i / steps, west + (east - west) * j / steps))
    rows = []
    with open(os.path.join(real, "estat_mesh_pop_5339", "pop_grid500m_5339_2015.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["grid500m"] in wanted:
                rows.append((r["grid500m"], r["pop"]))
    rows.sort()
    with open(os.path.join(out, "census2015_mesh500m.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("mesh_code,population\n")
        for code, pop in rows:
            f.write(f"{code},{pop}\n")  # empty = suppressed in the source
    return len(rows)


def extract_buildings(real, out):
    south, west, north, east = bbox(BUILDING_HALF_KM)
    n = 0
    src = os.path.join(real, "plateau_bldg_mvt", "plateau2020_bldg_takanawa_centroids.csv")
    with open(src, encoding="utf-8") as f, \
            open(os.path.join(out, "buildings.csv"), "w", newline="", encoding="utf-8") as g:
        g.write("building_id,lon,lat,height_m,roof_area_m2,floors_est,floor_area_m2\n")
        for r in csv.DictReader(f):
            lon, lat = float(r["lon"]), float(r["lat"])
            if not (south <= lat <= north and west <= lon <= east):
                continue
            try:
                h = float(r["measured_height_m"])
            except ValueError:
                h = 0.0
            if not math.isfinite(h) or h <= 0:
                h = 6.0  # PLATEAU uses -9999 / empty for unknown height: assume two floors
            area = float(r["roof_edge_area_m2"] or 0.0)
            floors = max(1, round(h / 3.5))
            g.write(f"{r['building_id']},{lon:.6f},{lat:.6f},{h:.1f},{area:.1f},{floors},{area * floors:.0f}\n")
            n += 1
    return n


def clip_segment(p0, p1, box):
    """Liang-Barsky clipping of one segment (lon, lat) to box (south, west, north, east)."""
    south, west, north, east = box
    x0, y0 = p0
    dx, dy = p1[0] - x0, p1[1] - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - west), (dx, east - x0), (-dy, y0 - south), (dy, north - y0)):
        if p == 0:
            if q < 0:
                return None
        else:
            t = q / p
            if p < 0:
                if t > t1:
                    return None
                t0 = max(t0, t)
            else:
                if t < t0:
                    return None
                t1 = min(t1, t)
    return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)


def clip_line(coords, box):
    parts = []
    cur = []
    for a, b in zip(coords, coords[1:]):
        c = clip_segment(a, b, box)
        if c is None:
            if len(cur) >= 2:
                parts.append(cur)
            cur = []
            continue
        s, e = c
        if cur and (abs(cur[-1][0] - s[0]) > 1e-12 or abs(cur[-1][1] - s[1]) > 1e-12):
            if len(cur) >= 2:
                parts.append(cur)
            cur = []
        if not cur:
            cur = [s]
        cur.append(e)
    if len(cur) >= 2:
        parts.append(cur)
    return [[[round(x, 7), round(y, 7)] for x, y in part] for part in parts]


def extract_rail(real, out):
    box = bbox(RAIL_HALF_KM)
    src = json.load(open(os.path.join(real, "plateau_minato_railway", "minato_related_railway.geojson"),
                         encoding="utf-8"))
    features = []
    for f in src["features"]:
        p = f["properties"]
        lines = f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiLineString" \
            else [f["geometry"]["coordinates"]]
        parts = []
        for line in lines:
            parts.extend(clip_line(line, box))
        if not parts:
            continue
        features.append({"type": "Feature",
                         "properties": {"line_name": p["路線名"], "operator": p["運営会社"],
                                        "rail_class": p["鉄道区分"],
                                        "barrier": 1 if p["路線名"] in BARRIER_LINES else 0,
                                        "source": "PLATEAU Minato 2023 railway (clipped)"},
                         "geometry": {"type": "MultiLineString", "coordinates": parts}})
    for t in TRACED_RAIL:
        features.append({"type": "Feature",
                         "properties": {"line_name": t["name"], "operator": "JR East",
                                        "rail_class": "traced", "barrier": 1,
                                        "source": "hand-traced, APPROXIMATE"},
                         "geometry": {"type": "MultiLineString", "coordinates": [t["coords"]]}})
    with open(os.path.join(out, "rail_lines.geojson"), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "name": "rail_lines", "features": features}, f,
                  ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    return len(features)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--real", default=os.path.join(os.path.dirname(root), "shared", "data", "real"))
    ap.add_argument("--out", default=os.path.join(root, "data", "samples", "reference"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    print("stations:", extract_stations(a.real, a.out))
    print("census 500 m cells:", extract_census(a.real, a.out))
    print("buildings:", extract_buildings(a.real, a.out))
    print("rail features:", extract_rail(a.real, a.out))


if __name__ == "__main__":
    main()
