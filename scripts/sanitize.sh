#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer run of the store, io and mesh tests that need
# no ekimachi-cli (target san_tests in fuzz/CMakeLists.txt; clang-14, build-san shared with
# scripts/fuzz.sh). Zero reports expected: any report aborts the test that caused it.
# Usage: scripts/sanitize.sh [GTEST_FILTER]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${EKM_SAN_BUILD:-$ROOT/build-san}"
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=true
if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEKM_FUZZ=ON -DEKM_BUILD_GUI=OFF -DEKM_BUILD_BENCHMARKS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_Qt6=ON
fi
ninja -C "$BUILD" -j "${EKM_JOBS:-2}" san_tests
# allocator_may_return_null: a damaged file can ask a third-party reader (libhdf5) for a huge
# block; in production malloc returns NULL and the library reports an error, which is what we
# test (ASan's default aborts instead). Third-party leaks are suppressed in fuzz/lsan.supp.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/fuzz/lsan.supp}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# The one test that runs ekimachi-cli is left out (the CLI is not built here), and the store
# tests on the PostgreSQL backend (a server per run; ctest runs them in the normal build).
"$BUILD/fuzz/san_tests" --gtest_filter="${1:--ProjectSafety.ReadOnlyFolderCanBeRead:*/PostgreSQL}"
