#!/bin/sh
# SPDX-License-Identifier: MIT
# The determination benchmark: cases generated from tests/cases, decided
# and rendered on one core, against the cost of loading the case files.
# usage: bench/run_review.sh BUILD_DIR   (BENCH_CASES, BENCH_RUNS override)
set -eu
. "$(dirname "$0")/common.sh"
bench_args run_review.sh "$@"
bench=$build/imr_bench_review
[ -x "$bench" ] || die "no $bench (run 'make release')"
mkdir -p "$root/bench/out"
$pin "$bench" --kb "$root/kb" "$root/tests/cases" "${BENCH_CASES:-20000}" \
    "${BENCH_RUNS:-3}" | tee "$root/bench/out/review_results.txt"
