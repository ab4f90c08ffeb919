#!/bin/sh
# SPDX-License-Identifier: MIT
# The extraction benchmark: generates synthetic progress reports (once),
# then times imr_extract_facts on them, in one process on one core, against
# the floor of merely reading the same bytes, best of 5.
#
# usage: bench/run_extract.sh BUILD_DIR   (`make bench` runs it on
#        build-release after bench/run.sh)
# environment: BENCH_RECORDS records (20000), BENCH_SEED (1), BENCH_RUNS (5)
set -eu

. "$(dirname "$0")/common.sh"
bench_args run_extract.sh "$@"
gen=$build/imr_gen_records
bench=$build/imr_bench_extract
imr=$build/imr
[ -x "$gen" ] || die "no imr_gen_records at $gen (run 'make release' first)"
[ -x "$bench" ] ||
    die "no imr_bench_extract at $bench (run 'make release' first)"

count=${BENCH_RECORDS:-20000}
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-5}
for v in "$count" "$seed" "$runs"; do
    case $v in
    '' | *[!0-9]*)
        die "BENCH_RECORDS, BENCH_SEED and BENCH_RUNS must be whole" \
            "numbers, found \"$v\""
        ;;
    esac
done
[ "$count" -ge 1 ] || die "BENCH_RECORDS must be at least 1"
if [ "$runs" -lt 1 ] || [ "$runs" -gt 1000 ]; then
    die "BENCH_RUNS must be 1 to 1000"
fi

out=$root/bench/out
records=$out/records.txt
stamp=$out/records.stamp
results=$out/extract_results.txt
mkdir -p "$out"


#---- The records: generated once per count, seed and generator source ----

source_sum=$(cksum < "$root/bench/gen_records.c" | awk '{ print $1 }')
want="count=$count seed=$seed generator=$source_sum"
if [ -f "$stamp" ] && [ "$(sed -n 1p "$stamp")" = "$want" ] &&
    [ -f "$records" ] &&
    [ "$(wc -c < "$records" | tr -d ' ')" = "$(sed -n 2p "$stamp")" ]; then
    printf 'bench: reusing %s records in bench/out/records.txt\n' "$count"
else
    rm -f "$records" "$stamp"
    printf 'bench: generating %s records (seed %s) into' "$count" "$seed"
    printf ' bench/out/records.txt\n'
    "$gen" --count "$count" --seed "$seed" --out "$records.tmp" > /dev/null
    mv "$records.tmp" "$records"
    printf '%s\n%s\n' "$want" "$(wc -c < "$records" | tr -d ' ')" \
        > "$stamp.tmp"
    mv "$stamp.tmp" "$stamp"
fi

#---- Timing ----------------------------------------------------------------

printf 'bench: timing extraction, best of %s%s\n' "$runs" \
    "${pin:+ (pinned: $pin)}"
table=$(cd "$out" && $pin "$bench" records.txt "$runs") ||
    die "imr_bench_extract failed"

#---- Report ----------------------------------------------------------------

version=$("$imr" --version 2> /dev/null || echo "imr (version unknown)")
commit=$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain -uno 2> /dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
fi
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo \
    2> /dev/null || true)

{
    printf 'imr extraction benchmark\n\n'
    printf 'date:    %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'imr:     %s, commit %s\n' "$version" "$commit"
    printf 'machine: %s%s\n' "$(uname -srm)" "${cpu:+, $cpu}"
    printf 'records: %s progress reports, seed %s\n' "$count" "$seed"
    printf 'method:  one process, one thread, %s\n' \
        "${pin:-not pinned (taskset unavailable)}"
    printf '\n%s\n' "$table"
} > "$results.tmp"
mv "$results.tmp" "$results"

printf '\n'
cat "$results"
printf '\n(written to bench/out/extract_results.txt)\n'
