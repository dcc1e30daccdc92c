#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang-14 with ASan + UBSan) in build-san and runs
# each for SECONDS (default 60) from its seed corpus in tests/fuzz/<target>/. New inputs go
# to build-san/fuzz-corpus/<target>/, crashes to build-san/fuzz-findings/<target>/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#        EKM_FUZZ_RUNS=N scripts/fuzz.sh 0 [TARGET...]   (CI: N inputs each from a fresh corpus
#        and a fixed random seed, so a run is reproducible: the same inputs on every machine)
# Exit status 1 when any harness found a crash, a leak or a hang (> 10 s for one input).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_csv_import fuzz_vector_import fuzz_project_open fuzz_demand_readers fuzz_mesh fuzz_gtfs
                                 fuzz_energy_readers fuzz_ngsi_ld)
BUILD="${EKM_SAN_BUILD:-$ROOT/build-san}"
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=true
if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEKM_FUZZ=ON -DEKM_BUILD_GUI=OFF -DEKM_BUILD_BENCHMARKS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_Qt6=ON || exit 2
fi
ninja -C "$BUILD" -j "${EKM_JOBS:-2}" "${TARGETS[@]}" || exit 2
# allocator_may_return_null: a damaged file can ask a third-party reader (libhdf5) for a huge
# block; in production malloc returns NULL and the library reports an error, which is what we
# test (ASan's default aborts instead). Third-party leaks are suppressed in fuzz/lsan.supp.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/fuzz/lsan.supp}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for t in "${TARGETS[@]}"; do
  corpus="$BUILD/fuzz-corpus/$t"
  findings="$BUILD/fuzz-findings/$t"
  mkdir -p "$corpus" "$findings"
  seeds=()
  [ -d "$ROOT/tests/fuzz/$t" ] && seeds=("$ROOT/tests/fuzz/$t")
  log="$BUILD/fuzz-$t.log"
  budget=(-max_total_time="$SECONDS_EACH")
  if [ -n "${EKM_FUZZ_RUNS:-}" ]; then
    rm -rf "$corpus" "$findings" && mkdir -p "$corpus" "$findings"
    budget=(-runs="$EKM_FUZZ_RUNS" -seed=1)
  fi
  "$BUILD/fuzz/$t" "$corpus" "${seeds[@]}" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 \
    -max_len=131072 -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  execs=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  found=$(ls "$findings" | wc -l)
  how="in ${SECONDS_EACH}s"
  [ -n "${EKM_FUZZ_RUNS:-}" ] && how="(seed 1)"
  echo "$t: exit $rc, ${execs:-?} executions $how, ${cov:-cov: ?}, findings: $found ($log)"
  [ $rc -eq 0 ] && [ "$found" -eq 0 ] || status=1
done
exit $status
