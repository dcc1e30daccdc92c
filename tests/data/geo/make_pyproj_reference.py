#!/usr/bin/python3
"""Reference values for tests/geo from pyproj (Debian python3-pyproj).

Writes, next to this script:
  pyproj_points.csv  name,lon,lat,epsg,x,y  -- EPSG:4326 lon/lat -> EPSG:epsg with always_xy=True
                      (x = easting, y = northing for projected CRSs), %.6f (1 micrometre)
  pyproj_lines.csv   name,length_m,coords -- pyproj.Geod(ellps="GRS80").line_length of a
                      lon/lat polyline given as "lon lat;lon lat;..."
Run: /usr/bin/python3 tests/data/geo/make_pyproj_reference.py
The epsg column is the official plane rectangular zone of the place's prefecture (the
Ministry's zone table), so the test also checks planeRectangularEpsgFor() on these places.
"""
import csv
import os

import pyproj

HERE = os.path.dirname(os.path.abspath(__file__))

# name, lon, lat, official JGD2011 plane rectangular zone EPSG (6668 + zone number)
PLACES = [
    ("Takanawa Gateway station (Tokyo)", 139.7407, 35.6355, 6677),
    ("Tokyo station (Tokyo)", 139.7671, 35.6812, 6677),
    ("Zone IX origin", 139.0 + 50.0 / 60.0, 36.0, 6677),
    ("Yokohama station (Kanagawa)", 139.6226, 35.4658, 6677),
    ("Chiba station (Chiba)", 140.1133, 35.6130, 6677),
    ("Mito station (Ibaraki)", 140.4767, 36.3707, 6677),
    ("Fukushima station (Fukushima)", 140.4597, 37.7544, 6677),
    ("Oshima Motomachi (Tokyo - Izu islands)", 139.3600, 34.7500, 6677),
    ("Osaka station (Osaka)", 135.4959, 34.7025, 6674),
    ("Kyoto station (Kyoto)", 135.7588, 34.9858, 6674),
    ("Nara station (Nara)", 135.8197, 34.6814, 6674),
    ("Tsu station (Mie)", 136.5086, 34.7337, 6674),
    ("Fukui station (Fukui)", 136.2236, 36.0622, 6674),
    ("Otsu station (Shiga)", 135.8634, 35.0034, 6674),
    ("Wakayama station (Wakayama)", 135.1839, 34.2320, 6674),
    ("Kobe Sannomiya (Hyogo)", 135.1955, 34.6947, 6673),
    ("Okayama station (Okayama)", 133.9180, 34.6660, 6673),
    ("Tottori station (Tottori)", 134.2323, 35.4939, 6673),
    ("Hiroshima station (Hiroshima)", 132.4757, 34.3976, 6671),
    ("Matsue station (Shimane)", 133.0628, 35.4646, 6671),
    ("Yamaguchi station (Yamaguchi)", 131.4739, 34.1719, 6671),
    ("Takamatsu station (Kagawa)", 134.0467, 34.3507, 6672),
    ("Matsuyama station (Ehime)", 132.7542, 33.8370, 6672),
    ("Kochi station (Kochi)", 133.5435, 33.5670, 6672),
    ("Tokushima station (Tokushima)", 134.5509, 34.0745, 6672),
    ("Hakata station (Fukuoka)", 130.4207, 33.5897, 6670),
    ("Kumamoto station (Kumamoto)", 130.6889, 32.7900, 6670),
    ("Kagoshima-Chuo station (Kagoshima)", 130.5417, 31.5840, 6670),
    ("Oita station (Oita)", 131.6065, 33.2327, 6670),
    ("Miyazaki station (Miyazaki)", 131.4301, 31.9155, 6670),
    ("Saga station (Saga)", 130.2974, 33.2643, 6670),
    ("Nagasaki station (Nagasaki)", 129.8703, 32.7523, 6669),
    ("Naze on Amami Oshima (Kagoshima islands)", 129.4935, 28.3773, 6669),
    ("Nagoya station (Aichi)", 136.8816, 35.1709, 6675),
    ("Gifu station (Gifu)", 136.7588, 35.4094, 6675),
    ("Kanazawa station (Ishikawa)", 136.6483, 36.5780, 6675),
    ("Toyama station (Toyama)", 137.2134, 36.7012, 6675),
    ("Shizuoka station (Shizuoka)", 138.3890, 34.9716, 6676),
    ("Kofu station (Yamanashi)", 138.5690, 35.6668, 6676),
    ("Nagano station (Nagano)", 138.1886, 36.6433, 6676),
    ("Niigata station (Niigata)", 139.0613, 37.9122, 6676),
    ("Sendai station (Miyagi)", 140.8822, 38.2601, 6678),
    ("Morioka station (Iwate)", 141.1365, 39.7016, 6678),
    ("Akita station (Akita)", 140.1260, 39.7167, 6678),
    ("Yamagata station (Yamagata)", 140.3273, 38.2484, 6678),
    ("Aomori station (Aomori)", 140.7269, 40.8286, 6678),
    ("Hakodate station (Hokkaido west)", 140.7266, 41.7738, 6679),
    ("Otaru station (Hokkaido west)", 141.0027, 43.1979, 6679),
    ("Sapporo station (Hokkaido central)", 141.3508, 43.0687, 6680),
    ("Asahikawa station (Hokkaido central)", 142.3548, 43.7627, 6680),
    ("Kushiro station (Hokkaido east)", 144.3818, 42.9903, 6681),
    ("Obihiro station (Hokkaido east)", 143.2042, 42.9172, 6681),
    ("Chichijima (Tokyo - Ogasawara)", 142.1917, 27.0944, 6682),
    ("Naha Prefectural Office (Okinawa)", 127.6811, 26.2124, 6683),
    ("Ishigaki (Okinawa - Sakishima)", 124.1556, 24.3407, 6684),
    ("Minamidaito (Okinawa - Daito)", 131.2375, 25.8458, 6685),
    ("Okinotorishima (Tokyo)", 136.0819, 20.4253, 6686),
    ("Minamitorishima (Tokyo)", 153.9806, 24.2867, 6687),
]

# Other target CRSs for a few points: JGD2011 geographic, Web Mercator, UTM 54N.
EXTRA = [
    ("Takanawa Gateway station (Tokyo)", 139.7407, 35.6355, 6668),
    ("Takanawa Gateway station (Tokyo)", 139.7407, 35.6355, 3857),
    ("Takanawa Gateway station (Tokyo)", 139.7407, 35.6355, 32654),
    ("Sapporo station (Hokkaido central)", 141.3508, 43.0687, 32654),
]

LINES = [
    ("Yamanote south: Shinagawa-Takanawa Gateway-Tamachi-Hamamatsucho",
     [(139.73876, 35.62847), (139.7407, 35.6355), (139.74758, 35.64579), (139.75705, 35.65546)]),
    ("Tokyo-Osaka straight", [(139.7671, 35.6812), (135.4959, 34.7025)]),
    ("Sapporo-Naha via Tokyo", [(141.3508, 43.0687), (139.7671, 35.6812), (127.6811, 26.2124)]),
    ("about 100 m east at the study centre", [(139.7407, 35.6355), (139.7418049, 35.6355)]),
]


def main():
    with open(os.path.join(HERE, "pyproj_points.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "lon", "lat", "epsg", "x", "y"])
        for name, lon, lat, epsg in PLACES + EXTRA:
            assert "," not in name, name
            t = pyproj.Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
            x, y = t.transform(lon, lat)
            w.writerow([name, repr(lon), repr(lat), epsg, f"{x:.6f}", f"{y:.6f}"])
    geod = pyproj.Geod(ellps="GRS80")
    with open(os.path.join(HERE, "pyproj_lines.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "length_m", "coords"])
        for name, pts in LINES:
            assert "," not in name, name
            length = geod.line_length([p[0] for p in pts], [p[1] for p in pts])
            w.writerow([name, f"{length:.6f}", ";".join(f"{lon!r} {lat!r}" for lon, lat in pts)])
    print("pyproj", pyproj.__version__, "PROJ", pyproj.proj_version_str)


if __name__ == "__main__":
    main()
