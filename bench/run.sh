#!/bin/sh
# SPDX-License-Identifier: MIT
# The letter-parser benchmark: generates a corpus of synthetic Final
# Determination Letters (once), one letter per file, and the same letters
# concatenated into compilations of 1,000 (once); then times, on each,
# `imr parse --jsonl` and `imr parse --check` against the floor of merely
# reading the same files, on one core, best of 3.
#
# usage: bench/run.sh BUILD_DIR     (`make bench` runs it on build-release)
# environment: BENCH_COUNT letters (100000), BENCH_SEED (1), BENCH_RUNS (3)
set -eu

. "$(dirname "$0")/common.sh"
bench_args run.sh "$@"
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

# Letters per compilation: a multi-letter PDF of a thousand letters is
# about 4 MB of text, well under imr's 16 MiB limit per file.
per_compilation=1000

out=$root/bench/out
letters=$out/letters
stamp=$out/letters.stamp
compilations=$out/compilations
compilations_stamp=$out/compilations.stamp
results=$out/results.txt
parse_err=$out/parse.err
mkdir -p "$out"


now() {
    date +%s.%N
}

seconds_since() {
    awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f\n", b - a }'
}

#---- The corpus: generated once per count, seed and generator source ------

count_files() {
    find "$1" -type f -name '*.txt' | wc -l | tr -d ' '
}

generate() {
    rm -rf "$letters" "$stamp" "$compilations" "$compilations_stamp"
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
    [ -d "$letters" ] && [ "$(count_files "$letters")" = "$count" ]; then
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

#---- The compilations: the same letters, 1,000 to a file, built once ------

# Total size of the regular files under a folder, from their metadata.
folder_bytes() {
    find "$1" -type f -name '*.txt' -exec wc -c {} + |
        awk '$2 != "total" { s += $1 } END { printf "%.0f\n", s }'
}

# Letters in name order, `per_compilation` at a time, each group
# concatenated into compilations/NNNNN.txt: the bytes of the letters
# exactly, so a letter ends where the next one's heading begins.
concatenate() {
    rm -rf "$compilations" "$compilations_stamp"
    mkdir -p "$compilations"
    printf 'bench: concatenating them into compilations of %s letters' \
        "$per_compilation"
    printf ' in bench/out/compilations\n'
    t0=$(now)
    groups=$out/groups
    rm -rf "$groups"
    mkdir -p "$groups"
    (cd "$out" && find letters -type f -name '*.txt' | LC_ALL=C sort) |
        (cd "$groups" && split -a 5 -l "$per_compilation" - group.)
    i=0
    for group in "$groups"/group.*; do
        # The names are the generator's (digits and slashes): no quoting.
        (cd "$out" && xargs cat < "$group") \
            > "$compilations/$(printf '%05d' "$i").txt"
        i=$((i + 1))
    done
    rm -rf "$groups"
    written=$(folder_bytes "$compilations")
    [ "$written" = "$bytes" ] ||
        die "the compilations hold $written bytes, the letters $bytes"
    printf 'bench: %s compilations, %s bytes in %s s\n' "$i" "$written" \
        "$(seconds_since "$t0")"
    printf '%s\n%s\n' "$compilations_want" "$i" > "$compilations_stamp.tmp"
    mv "$compilations_stamp.tmp" "$compilations_stamp"
}

compilations_want="$want per=$per_compilation"
if [ -f "$compilations_stamp" ] &&
    [ "$(sed -n 1p "$compilations_stamp")" = "$compilations_want" ] &&
    [ -d "$compilations" ] &&
    [ "$(count_files "$compilations")" = "$(sed -n 2p "$compilations_stamp")" ]
then
    printf 'bench: reusing the compilations in bench/out/compilations\n'
else
    concatenate
fi
compilation_files=$(sed -n 2p "$compilations_stamp")

#---- What is timed --------------------------------------------------------

# The floor: the same walk and the same bytes as the parser, nothing else.
# shellcheck disable=SC2016 # $1 and $2 are expanded by the inner shell
walk_and_read='cd "$1" &&
    find "$2" -type f \( -name "*.txt" -o -name "*.pdf" \) -print0 |
    LC_ALL=C sort -z | xargs -0 cat'

# read_floor CORPUS: CORPUS is a folder of bench/out.
read_floor() {
    $pin sh -c "$walk_and_read" sh "$out" "$1" > /dev/null
}

# run_imr CORPUS OPTION. Its exit status was checked by the warm-up run.
run_imr() {
    (cd "$out" && $pin "$imr" parse "$2" "$1") > /dev/null 2>&1 || true
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

warnings=
warn() {
    printf 'bench: WARNING: %s\n' "$*" >&2
    warnings="${warnings}WARNING: $*
"
}

# check_jsonl CORPUS: one line per letter, and exit status 0.
check_jsonl() {
    printf '== imr parse --jsonl %s\n' "$1" >> "$parse_err"
    lines=$(
        {
            if (cd "$out" && $pin "$imr" parse --jsonl "$1" 2>> "$parse_err")
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
        die "imr parse --jsonl $1 wrote nothing (exit $status):" \
            "$(grep -v '^== ' "$parse_err" | head -n 3)"
    fi
    if [ "$status" -ne 0 ] || [ "$lines" -ne "$count" ]; then
        warn "imr parse --jsonl $1 exited $status and wrote $lines lines" \
            "for $count letters (see bench/out/parse.err)"
    fi
}

# check_count CORPUS: `--check` ends with the count of every letter read and
# none refused, and exits 0.
check_count() {
    printf '== imr parse --check %s\n' "$1" >> "$parse_err"
    expected="$count letters read, 0 refused"
    if said=$(cd "$out" && $pin "$imr" parse --check "$1" 2>> "$parse_err")
    then
        status=0
    else
        status=$?
    fi
    said=$(printf '%s\n' "$said" | tail -n 1)
    if [ "$status" -ne 0 ] || [ "$said" != "$expected" ]; then
        warn "imr parse --check $1 exited $status and said \"$said\"," \
            "not \"$expected\" (see bench/out/parse.err)"
    fi
}

printf 'bench: warming the page cache%s\n' "${pin:+ (pinned: $pin)}"
: > "$parse_err"
for corpus in letters compilations; do
    read_floor "$corpus"
    printf 'bench: checking imr parse --jsonl and --check on %s\n' "$corpus"
    check_jsonl "$corpus"
    check_count "$corpus"
done

#---- Timing ---------------------------------------------------------------

# One line per measurement: corpus, what was run, best time in seconds.
timings=
for corpus in letters compilations; do
    printf 'bench: timing on %s: the floor, best of %s\n' "$corpus" "$runs"
    s=$(best_of read_floor "$corpus")
    timings="$timings$corpus floor $s
"
    for option in --jsonl --check; do
        printf 'bench: timing on %s: imr parse %s, best of %s\n' \
            "$corpus" "$option" "$runs"
        s=$(best_of run_imr "$corpus" "$option")
        timings="$timings$corpus $option $s
"
    done
done

#---- Report ---------------------------------------------------------------

table=$(printf '%s' "$timings" | awk -v n="$count" -v bytes="$bytes" \
    -v files="$compilation_files" -v per="$per_compilation" '
function heading(corpus) {
    if (corpus == "letters")
        printf "one letter per file (%d files)\n", n
    else
        printf "compilations of %d letters (%d files)\n", per, files
}
function label(what) {
    return what == "floor" ? "floor (find|sort|cat)" : "imr parse " what
}
{
    s = $3 < 1e-6 ? 1e-6 : $3
    if ($2 == "floor") {
        floor = s
        heading($1)
    }
    printf "  %-26s %9.3f %11.0f %9.1f %9.1f\n", label($2), s, n / s,
        bytes / 1e6 / s, s / floor
}
BEGIN {
    printf "%-28s %9s %11s %9s %9s\n", "", "best (s)", "letters/s", "MB/s",
        "x floor"
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
    printf 'imr parse benchmark\n\n'
    printf 'date:    %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'imr:     %s, commit %s\n' "$version" "$commit"
    printf 'machine: %s%s\n' "$(uname -srm)" "${cpu:+, $cpu}"
    printf 'corpus:  %s letters, %s bytes (%s MB), seed %s; one per file,\n' \
        "$count" "$bytes" "$mb" "$seed"
    printf '         and concatenated into %s compilations of %s\n' \
        "$compilation_files" "$per_compilation"
    printf 'method:  best of %s runs, page cache warm, %s\n' "$runs" \
        "${pin:-not pinned (taskset unavailable)}"
    printf '%s' "$warnings"
    printf '\n%s\n' "$table"
} > "$results.tmp"
mv "$results.tmp" "$results"

printf '\n'
cat "$results"
printf '\n(written to bench/out/results.txt)\n'
