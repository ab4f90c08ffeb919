#!/bin/sh
# SPDX-License-Identifier: MIT
# The letter-parser benchmark: generates a corpus of synthetic Final
# Determination Letters (once), then times `imr parse --jsonl` on it against
# the floor of merely reading the same files, on one core, best of 3.
#
# usage: bench/run.sh BUILD_DIR     (`make bench` runs it on build-release)
# environment: BENCH_COUNT letters (100000), BENCH_SEED (1), BENCH_RUNS (3)
set -eu

die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

if [ $# -ne 1 ]; then
    printf 'usage: bench/run.sh BUILD_DIR\n' >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
build=$1
case $build in
/*) ;;
*) build=$(pwd)/$build ;;
esac
imr=$build/imr
gen=$build/imr_gen_letters
[ -x "$imr" ] || die "no imr binary at $imr (run 'make release' first)"
[ -x "$gen" ] || die "no imr_gen_letters at $gen (run 'make release' first)"

count=${BENCH_COUNT:-100000}
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-3}
for v in "$count" "$seed" "$runs"; do
    case $v in
    '' | *[!0-9]*)
        die "BENCH_COUNT, BENCH_SEED and BENCH_RUNS must be whole numbers," \
            "found \"$v\""
        ;;
    esac
done
[ "$count" -ge 1 ] || die "BENCH_COUNT must be at least 1"
[ "$runs" -ge 1 ] || die "BENCH_RUNS must be at least 1"

case $(date +%s.%N) in
*N*) die "this date(1) has no %N; GNU coreutils is needed for timing" ;;
esac

out=$root/bench/out
letters=$out/letters
stamp=$out/letters.stamp
results=$out/results.txt
parse_err=$out/parse.err
mkdir -p "$out"

# Pinned to one core where taskset works (a container may refuse it).
pin=
if command -v taskset > /dev/null 2>&1 && taskset -c 0 true 2> /dev/null; then
    pin="taskset -c 0"
fi

now() {
    date +%s.%N
}

seconds_since() {
    awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f\n", b - a }'
}

#---- The corpus: generated once per count, seed and generator source ------

count_files() {
    find "$letters" -type f -name '*.txt' | wc -l | tr -d ' '
}

generate() {
    rm -rf "$letters" "$stamp"
    printf 'bench: generating %s letters (seed %s) into bench/out/letters\n' \
        "$count" "$seed"
    t0=$(now)
    report=$("$gen" --count "$count" --seed "$seed" --out "$letters")
    bytes=$(printf '%s\n' "$report" | awk '{ print $3 }')
    printf 'bench: %s in %s s\n' "$report" "$(seconds_since "$t0")"
    printf '%s\n%s\n' "$want" "$bytes" > "$stamp.tmp"
    mv "$stamp.tmp" "$stamp"
}

source_sum=$(cksum < "$root/bench/gen_letters.c" | awk '{ print $1 }')
want="count=$count seed=$seed generator=$source_sum"
if [ -f "$stamp" ] && [ "$(sed -n 1p "$stamp")" = "$want" ] &&
    [ -d "$letters" ] && [ "$(count_files)" = "$count" ]; then
    bytes=$(sed -n 2p "$stamp")
    printf 'bench: reusing %s letters in bench/out/letters\n' "$count"
else
    generate
fi
case $bytes in
'' | *[!0-9]*)
    die "cannot tell the corpus size from $stamp; delete bench/out and rerun"
    ;;
esac

#---- What is timed --------------------------------------------------------

# The floor: the same walk and the same bytes as the parser, nothing else.
# shellcheck disable=SC2016 # $1 is expanded by the inner shell
walk_and_read='cd "$1" &&
    find letters -type f \( -name "*.txt" -o -name "*.pdf" \) -print0 |
    LC_ALL=C sort -z | xargs -0 cat'

read_floor() {
    $pin sh -c "$walk_and_read" sh "$out" > /dev/null
}

# Its exit status was checked by the warm-up run.
run_imr() {
    (cd "$out" && $pin "$imr" parse --jsonl letters) > /dev/null 2>&1 || true
}

# Prints the best wall-clock time of `runs` runs of the command, in seconds.
best_of() {
    best=
    i=0
    while [ "$i" -lt "$runs" ]; do
        t0=$(now)
        "$@" || die "failed: $*"
        t1=$(now)
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN {
            d = b - a
            if (best == "" || d < best + 0) best = d
            printf "%.6f\n", best
        }')
        i=$((i + 1))
    done
    printf '%s\n' "$best"
}

#---- Warm-up, and a check that the parser read every letter ---------------

printf 'bench: warming the page cache%s\n' "${pin:+ (pinned: $pin)}"
read_floor
lines=$(
    {
        if (cd "$out" && $pin "$imr" parse --jsonl letters 2> "$parse_err")
        then
            echo 0 > "$out/parse.status"
        else
            echo $? > "$out/parse.status"
        fi
    } | wc -l | tr -d ' '
)
status=$(cat "$out/parse.status")
rm -f "$out/parse.status"
if [ "$lines" -eq 0 ]; then
    first_errors=$(head -n 3 "$parse_err")
    die "imr parse --jsonl wrote nothing (exit $status): $first_errors"
fi
warning=
if [ "$status" -ne 0 ] || [ "$lines" -ne "$count" ]; then
    warning="WARNING: imr parse --jsonl exited $status and wrote $lines"
    warning="$warning lines for $count letters (see bench/out/parse.err)"
    printf 'bench: %s\n' "$warning" >&2
fi

#---- Timing ---------------------------------------------------------------

printf 'bench: timing the floor, best of %s\n' "$runs"
floor_s=$(best_of read_floor)
printf 'bench: timing imr parse --jsonl, best of %s\n' "$runs"
imr_s=$(best_of run_imr)

#---- Report ---------------------------------------------------------------

table=$(awk -v n="$count" -v bytes="$bytes" -v f="$floor_s" -v p="$imr_s" '
function row(name, s) {
    printf "%-26s %10.3f %12.0f %10.1f\n", name, s, n / s, bytes / 1e6 / s
}
BEGIN {
    if (f < 1e-6) f = 1e-6
    if (p < 1e-6) p = 1e-6
    printf "%-26s %10s %12s %10s\n", "", "best (s)", "letters/s", "MB/s"
    row("floor (find|sort|cat)", f)
    row("imr parse --jsonl", p)
    printf "\nratio imr/floor: %.1f\n", p / f
}')

version=$("$imr" --version 2> /dev/null || echo "imr (version unknown)")
commit=$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain -uno 2> /dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
fi
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo \
    2> /dev/null || true)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

{
    printf 'imr parse --jsonl benchmark\n\n'
    printf 'date:    %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'imr:     %s, commit %s\n' "$version" "$commit"
    printf 'machine: %s%s\n' "$(uname -srm)" "${cpu:+, $cpu}"
    printf 'corpus:  %s letters, %s bytes (%s MB), seed %s\n' \
        "$count" "$bytes" "$mb" "$seed"
    printf 'method:  best of %s runs, page cache warm, %s\n' "$runs" \
        "${pin:-not pinned (taskset unavailable)}"
    if [ -n "$warning" ]; then
        printf '%s\n' "$warning"
    fi
    printf '\n%s\n' "$table"
} > "$results.tmp"
mv "$results.tmp" "$results"

printf '\n'
cat "$results"
printf '\n(written to bench/out/results.txt)\n'
