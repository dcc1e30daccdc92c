#!/usr/bin/env bash
# Builds the Debian packages (cpack -G DEB), checks them (lintian without errors, the desktop file
# and AppStream metadata validate, no Chii-bus feed inside), installs them into a clean root
# (dpkg -x) and runs the installed programs with the source and build trees out of reach (a
# private mount namespace lays an empty tmpfs over them; without one they are renamed for the run):
# ekimachi-cli and ekimachi-assign --version, ekimachi-cli --help, sample, info, export-map, a Japanese error, the GUI's --version
# and an offscreen screenshot.
# Usage: scripts/install-test.sh [BUILD_DIR]   (default: build/, as scripts/test.sh leaves it)
# Writes the packages to BUILD_DIR/packages and its log to BUILD_DIR/install-test.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="$(realpath "${1:-$ROOT/build}")"
PKG_DIR="$BUILD_DIR/packages"

if [ "${EKM_INSTALL_TEST_INNER:-}" != "1" ]; then
  # ---- outer part: build and check the packages -------------------------------------------
  bash "$ROOT/scripts/setup-deps.sh" >/dev/null
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=true
  # Only what the packages hold is built (cpack then skips building everything else).
  mkdir -p "$BUILD_DIR"
  LOG="$BUILD_DIR/install-test-build.log"
  {
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
      cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
    else
      cmake "$BUILD_DIR" -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
    fi && cmake --build "$BUILD_DIR" -j "${EKM_JOBS:-$(nproc)}" --target ekimachi-cli ekimachi-assign ekimachi ekimachi_package_files
  } >"$LOG" 2>&1 || { tail -n 40 "$LOG"; echo "install-test: FAIL: build"; exit 1; }
  rm -rf "$PKG_DIR"
  (cd "$BUILD_DIR" && cpack -G DEB -B "$PKG_DIR" >"$BUILD_DIR/cpack.log" 2>&1) || { cat "$BUILD_DIR/cpack.log"; exit 1; }
  CLI_DEB="$(ls "$PKG_DIR"/ekimachi-cli_*.deb)"
  GUI_DEB="$(ls "$PKG_DIR"/ekimachi_*.deb)"
  echo "install-test: packages"
  for deb in "$CLI_DEB" "$GUI_DEB"; do
    echo "  $(basename "$deb") $(du -h "$deb" | cut -f1)"
    dpkg-deb -f "$deb" Depends | sed 's/^/    Depends: /'
  done
  if dpkg-deb -c "$CLI_DEB" | grep -qi chiibus || dpkg-deb -c "$GUI_DEB" | grep -qi chiibus; then
    echo "install-test: FAIL: the Chii-bus GTFS feed is inside a package (its licence is not confirmed)"
    exit 1
  fi
  echo "install-test: lintian (errors fail the test)"
  lintian_ok=1
  lintian --fail-on error --tag-display-limit 0 "$CLI_DEB" "$GUI_DEB" >"$BUILD_DIR/lintian.log" 2>&1 || lintian_ok=0
  sed 's/^/  /' "$BUILD_DIR/lintian.log"
  [ "$lintian_ok" -eq 1 ] || { echo "install-test: FAIL: lintian reported errors"; exit 1; }
  if [ "$(id -u)" -eq 0 ]; then
    # The dependencies are satisfiable on this machine (nothing is installed: --dry-run).
    dpkg --dry-run -i "$CLI_DEB" "$GUI_DEB" >/dev/null
    echo "install-test: dpkg --dry-run -i: dependencies satisfied"
  fi

  STAGE="$(mktemp -d /tmp/ekm-install-test.XXXXXX)"
  trap 'rm -rf "$STAGE"' EXIT
  mkdir -p "$STAGE/root" "$STAGE/work"
  dpkg -x "$CLI_DEB" "$STAGE/root"
  dpkg -x "$GUI_DEB" "$STAGE/root"
  cp "$ROOT/scripts/install-test.sh" "$STAGE/install-test.sh"
  export EKM_INSTALL_TEST_INNER=1 EKM_STAGE="$STAGE" EKM_HIDE="$ROOT $BUILD_DIR"
  if unshare -m true 2>/dev/null; then
    # Root (as in CI): a private mount namespace hides the trees from this run alone.
    unshare -m bash -c 'for d in $EKM_HIDE; do [ -d "$d" ] && mount -t tmpfs -o ro,size=1m none "$d"; done
                        exec bash "$EKM_STAGE/install-test.sh" "$0"' "$BUILD_DIR"
  else
    # Elsewhere: the source tree is renamed for the run and renamed back on any exit.
    HIDDEN="$ROOT.hidden-by-install-test"
    trap 'rm -rf "$STAGE"; [ -d "$HIDDEN" ] && mv "$HIDDEN" "$ROOT"' EXIT
    mv "$ROOT" "$HIDDEN"
    EKM_HIDE="" bash "$STAGE/install-test.sh" "$BUILD_DIR"
  fi
  exit $?
fi

# ---- inner part: the installed files only ---------------------------------------------------
USR="$EKM_STAGE/root/usr"
WORK="$EKM_STAGE/work"
cd "$WORK"
export PATH="$USR/bin:$PATH" QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
unset LANG LC_MESSAGES
passed=0
failed=0
check() {  # check NAME COMMAND...: runs it, prints its output indented, counts the outcome
  local name="$1"
  shift
  if out="$("$@" 2>&1)"; then
    passed=$((passed + 1))
    echo "install-test: ok   $name"
  else
    failed=$((failed + 1))
    echo "install-test: FAIL $name"
  fi
  printf '%s\n' "$out" | tail -n 12 | sed 's/^/    /'
}
expect_text() {  # expect_text FILE TEXT: FILE contains TEXT
  grep -qF -- "$2" "$1"
}

for d in ${EKM_HIDE:-}; do
  if [ -n "$(ls -A "$d" 2>/dev/null)" ]; then
    echo "install-test: FAIL: $d is still visible"
    exit 1
  fi
done
echo "install-test: running from $USR/bin; the source tree (${EKM_HIDE:-renamed}) is out of reach"
check "installed files under /usr/share/ekimachi" test -f "$USR/share/ekimachi/reference/stations.csv"
check "man pages" test -f "$USR/share/man/man1/ekimachi-cli.1.gz" -a -f "$USR/share/man/man1/ekimachi.1.gz" \
    -a -f "$USR/share/man/man1/ekimachi-assign.1.gz"
check "desktop file validates" desktop-file-validate "$USR/share/applications/io.github.ekimachi.Ekimachi.desktop"
if command -v appstreamcli >/dev/null; then
  check "AppStream metainfo validates" appstreamcli validate --no-net "$USR/share/metainfo/io.github.ekimachi.Ekimachi.metainfo.xml"
fi
check "ekimachi-cli --version" ekimachi-cli --version
check "ekimachi-assign --version" ekimachi-assign --version
check "ekimachi-cli sample (small)" bash -c 'ekimachi-cli sample --out sample --radius 300 --from 2025-03-20 --to 2025-04-05 \
    2>&1 | tee sample.log && test -f sample/sample.gpkg && grep -q "no transit" sample.log'
check "ekimachi-cli info" bash -c 'ekimachi-cli info --project sample/sample.gpkg | tee info.txt && grep -q mesh info.txt'
check "ekimachi-cli export-map" bash -c 'ekimachi-cli export-map --project sample/sample.gpkg --at 2025-03-27T12:00 \
    --out map.png && test "$(head -c 4 map.png | tail -c 3)" = PNG'
printf 'mesh_code,date,hour,population\n533935691,2025-03-27,9,lots\n' >bad.csv
check "ekimachi-cli --lang ja: a bad import in Japanese" bash -c 'ekimachi-cli --lang ja import --project sample/sample.gpkg \
    mesh-population bad.csv --quiet 2>err.txt; test $? -eq 4 && cat err.txt && grep -q "2 行目" err.txt && grep -q "列「population」" err.txt'
check "ekimachi --version (GUI, offscreen)" ekimachi --version
check "ekimachi screenshot (GUI, offscreen, Japanese)" bash -c 'timeout 300 ekimachi --lang ja --size 1200x800 \
    --hour 2025-03-27T12:00 --screenshot shot.png sample/sample.gpkg && test -s shot.png'
if [ -n "${EKM_INSTALL_TEST_KEEP:-}" ]; then cp -f shot.png map.png "$EKM_INSTALL_TEST_KEEP"/ 2>/dev/null || true; fi
echo "install-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
