#!/usr/bin/env bash
# Command 2 of README: installs dependencies, builds, and runs the whole CTest suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup-deps.sh"
bash "$ROOT/scripts/build.sh" "$ROOT/build"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$ROOT/build" --output-on-failure -j "${EKM_JOBS:-$(nproc)}" --timeout 900
