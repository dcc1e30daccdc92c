#!/usr/bin/env python3
"""Plans every week of the sample district's metered year with `ekimachi-cli energy plan` and
summarises feasibility, CBC solve time, optimality gap and savings per season.

usage: scripts/plan-sample-year.py CLI SAMPLE_DIR [--year 2025] [--gap 0.01] [--fill-gaps 6]

SAMPLE_DIR is the output of `ekimachi-cli sample --out DIR --from YYYY-01-01 --to YYYY-12-31`
(its sample.gpkg and plant.json). The meters start at the district's opening (03-27), so the
first plan covers the opening days up to the first Monday and the others are Monday weeks; the
last one is cut at 31 December. Exit status 1 if any week is infeasible.
"""
import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys

SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
           6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}


def weeks(year):
    day = dt.date(year, 3, 27)
    end = dt.date(year + 1, 1, 1)
    while day < end:
        nxt = day + dt.timedelta(days=7 - day.weekday())
        yield day, (min(nxt, end) - day).days
        day = nxt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("sample_dir")
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--gap", default="0.01")
    ap.add_argument("--fill-gaps", default="6")
    a = ap.parse_args()
    rows, failed = [], 0
    for day, days in weeks(a.year):
        cmd = [a.cli, "energy", "plan", "--project", f"{a.sample_dir}/sample.gpkg", "--plant",
               f"{a.sample_dir}/plant.json", "--from", day.isoformat(), "--days", str(days), "--gap", a.gap,
               "--fill-gaps", a.fill_gaps, "--json", "--quiet"]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            failed += 1
            print(f"{day} {days} d  INFEASIBLE/ERROR: {p.stderr.strip()[:300]}")
            continue
        s = json.loads(p.stdout)["summary"]
        base = s["baseline"]
        sav = s.get("savings") or {}
        row = {"season": SEASONS[day.month], "t": s["solve_time_s"], "gap": s["gap"], "status": s["status"],
               "cost_pct": sav.get("cost_pct"), "energy_pct": sav.get("energy_pct"), "baseline": base["status"]}
        rows.append(row)
        print(f"{day} {days} d  {s['status']:8s} solve {s['solve_time_s']:6.2f} s  gap {100 * s['gap']:5.2f} %  "
              f"unmet {s['plan']['unmet_kwh']:.0f} kWh  baseline {base['status'][:40]}  "
              f"saving cost {row['cost_pct']} % energy {row['energy_pct']} %")
    print("\nseason  weeks  solve mean/max s  gap mean/max %  cost saving mean %  baseline ok")
    for season in ("spring", "summer", "autumn", "winter"):
        r = [x for x in rows if x["season"] == season]
        if not r:
            continue
        ts, gaps = [x["t"] for x in r], [100 * x["gap"] for x in r]
        sav = [x["cost_pct"] for x in r if x["cost_pct"] is not None]
        print(f"{season:7s} {len(r):5d}  {statistics.mean(ts):6.2f} / {max(ts):6.2f}   "
              f"{statistics.mean(gaps):5.2f} / {max(gaps):5.2f}   {statistics.mean(sav) if sav else float('nan'):8.1f}"
              f"   {sum(x['baseline'] == 'ok' for x in r)}/{len(r)}")
    print(f"\n{len(rows)} plans feasible, {failed} infeasible or failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
