#!/usr/bin/env bash
# Command 1 of README: installs dependencies, builds, creates the sample project if
# absent and opens the GUI on it. Without a display it runs the same pipeline through
# the CLI and prints a summary.
# Usage: scripts/run.sh [PROJECT.gpkg]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
bash "$ROOT/scripts/setup-deps.sh"
bash "$ROOT/scripts/build.sh" "$BUILD"
CLI="$BUILD/app/ekimachi-cli"
GUI="$BUILD/app/ekimachi"

PROJECT="${1:-}"
if [ -z "$PROJECT" ]; then
  SAMPLE_DIR="$BUILD/sample-takanawa"
  PROJECT="$SAMPLE_DIR/sample.gpkg"
  if [ ! -f "$PROJECT" ]; then
    echo "run: creating the sample district project in $SAMPLE_DIR"
    "$CLI" sample --out "$SAMPLE_DIR" --seed 1
  fi
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$GUI" ] && [ -z "${EKM_HEADLESS:-}" ]; then
  exec "$GUI" "$PROJECT"
fi

echo "run: no display; running the headless pipeline on $PROJECT"
"$CLI" info --project "$PROJECT"
mkdir -p "$BUILD/sample-takanawa" && "$CLI" export-map --project "$PROJECT" --at 2025-03-27T12:00 --out "$BUILD/sample-takanawa/heatmap.png" --quiet >/dev/null && echo "run: heatmap at 2025-03-27 12:00 JST: $BUILD/sample-takanawa/heatmap.png" || echo "run: heatmap export skipped (see the message above)"
"$CLI" run "$ROOT/data/samples/scenarios/opening.json" --project "$PROJECT" --quiet && "$CLI" runs list --project "$PROJECT" | tail -n 3 || echo "run: the example scenario failed (see the message above)"
