#!/usr/bin/env bash
# The City OS link on the sample district, end to end (docs/citylink.md, "Recipe"):
#   1. the sample district (ekimachi-cli sample --seed 1, about 40 s);
#   2. the official Smart Data Models example payloads (tests/data/ngsi_ld/sdm, CC BY 4.0)
#      imported with `import ngsi-ld` (they describe Valladolid and Nice: one road segment is
#      laid under the Valladolid line, as the tests do);
#   3. a recorded broker session: tests/citylink/fake_broker.py serving the recorded NGSI-LD
#      responses of scripts/citylink-demo/ (entities on the sample's segments) on a local port:
#      a dry run with the match report, a temporal pull the broker answers in three parts
#      (206 Partial Content, followed), a pull ending at :20 (a partial hour, flagged) and the
#      next one completing it;
#   4. a forecast published as NGSI-LD JSON-LD (`citylink push --out`).
# usage: scripts/citylink-demo.sh [OUT_DIR]     (EKM_CLI overrides build/app/ekimachi-cli)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLI=${EKM_CLI:-$ROOT/build/app/ekimachi-cli}
OUT=${1:-$(mktemp -d "${TMPDIR:-/tmp}/ekm-citylink-demo.XXXXXX")}
mkdir -p "$OUT"
P=$OUT/sample.gpkg
SDM=$ROOT/tests/data/ngsi_ld/sdm
[ -x "$CLI" ] || { echo "no $CLI: build first (scripts/build.sh)" >&2; exit 2; }

step() { printf '\n== %s\n' "$*"; }

step "1. sample district into $OUT (seed 1)"
"$CLI" sample --out "$OUT" --seed 1 --quiet | tail -n 3

step "2. official Smart Data Models examples ($SDM)"
grep -q "CC BY 4.0" "$SDM/SOURCE.md" || { echo "SOURCE.md lacks the CC BY 4.0 attribution" >&2; exit 1; }
grep -m1 "Smart Data Models contributors" "$SDM/SOURCE.md"
# The examples describe Valladolid: lay the test segment under the example line.
python3 - "$ROOT/tests/data/ngsi_ld/segments.geojson" "$OUT/valladolid_segment.geojson" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["features"] = [f for f in d["features"] if f["properties"]["segment_id"] == "valladolid-salamanca"]
json.dump(d, open(sys.argv[2], "w"))
EOF
"$CLI" import --project "$P" segments "$OUT/valladolid_segment.geojson" --quiet | head -n 1
for f in CrowdFlowObserved-example-normalized.jsonld CrowdFlowObserved-example.jsonld \
         TrafficFlowObserved-example-normalized.jsonld; do
  echo "-- $f"
  "$CLI" import --project "$P" ngsi-ld "$SDM/$f" 2>&1 | grep -E "^(imported|match:|partial hour|completed)|error:" || true
done
echo "-- ItemFlowObserved-example.jsonld (yachts in Nice harbour: refused, exit 5 expected)"
set +e
"$CLI" import --project "$P" ngsi-ld "$SDM/ItemFlowObserved-example.jsonld" --quiet 2>&1 | head -n 1
echo "exit ${PIPESTATUS[0]}"
set -e

step "3. recorded broker session (tests/citylink/fake_broker.py, scripts/citylink-demo/)"
rm -f "$OUT/broker.port" "$OUT/broker_log.jsonl"
python3 "$ROOT/tests/citylink/fake_broker.py" "$ROOT/scripts/citylink-demo" "$OUT/broker.port" "$OUT/broker_log.jsonl" &
BROKER_PID=$!
trap 'kill $BROKER_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$OUT/broker.port" ] && break; sleep 0.1; done
URL=http://127.0.0.1:$(cat "$OUT/broker.port")
echo "broker $URL"
echo "-- 3a. preview (dry run): the match report"
"$CLI" citylink pull --project "$P" --broker "$URL" --dry-run --quiet
echo "-- 3b. temporal pull 2025-06-02 09:00-11:00 JST; the broker sends at most 3 instances per answer"
"$CLI" citylink pull --project "$P" --broker "$URL" --tenant range3 --from 2025-06-02T09:00 --to 2025-06-02T11:00 --quiet
echo "-- 3c. pull 11:00-11:20: the 11:00 hour is partial (flagged in the store)"
"$CLI" citylink pull --project "$P" --broker "$URL" --tenant device20 --from 2025-06-02T11:00 --to 2025-06-02T11:20 --quiet
echo "-- 3d. pull 11:20-12:00: completes it"
"$CLI" citylink pull --project "$P" --broker "$URL" --tenant device20 --from 2025-06-02T11:20 --to 2025-06-02T12:00 --quiet
echo "-- stored on tgw-deck-02 (both directions), JST, and the partial_hours table"
python3 - "$P" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for t, c in db.execute("SELECT datetime(c.t_hour * 3600, 'unixepoch', '+9 hours'), c.count FROM segment_counts c "
                       "JOIN road_segments s ON s.fid = c.segment_fid WHERE s.segment_id = 'tgw-deck-02' "
                       "AND c.direction = 0 ORDER BY c.t_hour"):
    print(f"  {t}  {c:g}")
print("  partial_hours rows:", db.execute("SELECT COUNT(*) FROM partial_hours").fetchone()[0])
print("  requests to the broker:", sum(1 for _ in open(sys.argv[1].rsplit('/', 1)[0] + "/broker_log.jsonl")))
EOF

step "4. a forecast published as NGSI-LD (citylink push --out)"
"$CLI" forecast --project "$P" --segment route15-03 --model profile --horizon 1 --quiet > "$OUT/forecast.csv"
"$CLI" citylink push --project "$P" --forecast-csv "$OUT/forecast.csv" --out "$OUT/forecast.jsonld" --quiet
python3 - "$OUT/forecast.jsonld" <<'EOF'
import json, sys
entities = json.load(open(sys.argv[1]))
print(f"{len(entities)} entities in {sys.argv[1]}; the first:")
print(json.dumps(entities[0], indent=1, ensure_ascii=False))
EOF
