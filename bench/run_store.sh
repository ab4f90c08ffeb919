#!/bin/sh
# SPDX-License-Identifier: MIT
# The store benchmark: cases generated from tests/cases stored and decided
# through imr_store, on SQLite (a file in bench/out/store/) and on a
# throwaway PostgreSQL server (started in bench/out/store/, Unix socket
# only, stopped and removed after; its default settings, then
# synchronous_commit off), each against bare inserts of the same JSON into
# the same database.
#
# usage: bench/run_store.sh BUILD_DIR   (`make bench` runs it on
#        build-release)
# environment: BENCH_STORE_CASES cases (2000), BENCH_RUNS (3)
set -eu

. "$(dirname "$0")/common.sh"
bench_args run_store.sh "$@"
bench=$build/imr_bench_store
[ -x "$bench" ] || die "no $bench (run 'make release' first)"
cases=${BENCH_STORE_CASES:-2000}
runs=${BENCH_RUNS:-3}
for v in "$cases" "$runs"; do
    case $v in
    '' | *[!0-9]* | 0) die "BENCH_STORE_CASES and BENCH_RUNS must be" \
                           "whole numbers of 1 or more, found \"$v\"" ;;
    esac
done

. "$root/tests/tools/pg_server.sh"
out=$root/bench/out/store
results=$root/bench/out/store_results.txt
mkdir -p "$out"
pg_dir=
pg_bin=
cleanup() {
    if [ -n "$pg_dir" ]; then
        pg_stop "$pg_bin" "$pg_dir"
        rm -rf "$pg_dir"
    fi
    rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

run() {
    printf '\n%s\n' "$1"
    "$bench" --kb "$root/kb" "$root/tests/cases" "$2" "$cases" "$runs"
}

commit=$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain -uno 2> /dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
fi
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo \
    2> /dev/null || true)

# The server starts here, not in the pipeline below, whose subshell would
# keep pg_dir from the cleanup.
pg_label="PostgreSQL: skipped, no server installed"
if pg_bin=$(pg_find_bin); then
    # Under bench/out, on the disk the SQLite file is on (/tmp may be in
    # memory); the socket's path must stay under about 100 bytes.
    pg_dir=$(mktemp -d "$out/pg.XXXXXX")
    pg_start "$pg_bin" "$pg_dir" || die "PostgreSQL did not start"
    pg_createdb "$pg_bin" "$pg_dir" imr_bench
    # The same with commits that do not wait for their fsync, as SQLite's
    # synchronous = NORMAL: a crash of the server (not of a client) may
    # lose the last ones, never corrupt the database.
    pg_createdb "$pg_bin" "$pg_dir" imr_bench_async
    pg_sql "$pg_bin" "$pg_dir" imr_bench_async \
        "ALTER DATABASE imr_bench_async SET synchronous_commit = off"
    pg_label="PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }')"
    pg_label="$pg_label, the server in its own processes, over a Unix socket"
fi

{
    printf 'imr store benchmark\n\n'
    printf 'date:    %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'commit:  %s\n' "$commit"
    printf 'machine: %s%s, %s CPUs\n' "$(uname -srm)" "${cpu:+, $cpu}" \
        "$(nproc 2> /dev/null || echo '?')"
    run "SQLite $(pkg-config --modversion sqlite3 2> /dev/null || true) (WAL, synchronous NORMAL: commits are not fsynced)" \
        "$out/bench.db"
    if [ -n "$pg_dir" ]; then
        run "$pg_label; default settings: each commit waits for its fsync" \
            "$(pg_url "$pg_dir" imr_bench)"
        run "$pg_label; synchronous_commit = off: commits do not wait" \
            "$(pg_url "$pg_dir" imr_bench_async)"
    else
        printf '\n%s\n' "$pg_label"
    fi
} | tee "$results.tmp"
mv "$results.tmp" "$results"
printf '\n(written to bench/out/store_results.txt)\n'
