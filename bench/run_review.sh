#!/bin/sh
# SPDX-License-Identifier: MIT
# The determination benchmark: cases generated from tests/cases, decided
# and rendered on one core, against the cost of loading the case files.
# usage: bench/run_review.sh BUILD_DIR   (BENCH_CASES, BENCH_RUNS override)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$1
bench=$build/imr_bench_review
[ -x "$bench" ] || { echo "bench: no $bench (run 'make release')" >&2; exit 1; }
pin=
if command -v taskset > /dev/null 2>&1 && taskset -c 0 true 2> /dev/null; then
    pin="taskset -c 0"
fi
mkdir -p "$root/bench/out"
$pin "$bench" --kb "$root/kb" "$root/tests/cases" "${BENCH_CASES:-20000}" \
    "${BENCH_RUNS:-3}" | tee "$root/bench/out/review_results.txt"
