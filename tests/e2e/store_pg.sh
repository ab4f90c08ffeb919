#!/bin/sh
# End-to-end on PostgreSQL: starts a throwaway server (initdb into a
# temporary folder, its Unix socket there, no TCP; as `nobody` when run as
# root, since PostgreSQL refuses root), runs the store's unit tests
# (test_store --postgresql-only) and tests/e2e/case.sh against it, then
# stops the server and removes the folder, whatever happened.
# Usage: store_pg.sh IMR SOURCE_DIR SHARED_DIR BUILD_DIR
# Exits 77 (skipped) when no PostgreSQL server is installed.
set -u
imr=$1
src=$2
shared=$3
build=$4
. "$src/tests/tools/pg_server.sh"

if ! bin=$(pg_find_bin); then
    echo "skipped: no PostgreSQL server installed (scripts/deps.sh test" \
         "installs the postgresql package)"
    exit 77
fi
work=$(mktemp -d)
trap 'pg_stop "$bin" "$work"; rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# fsync off: the tests kill clients, never the server, so durability of
# the server's own files is not what they test, and it saves seconds.
pg_start "$bin" "$work" -c fsync=off || exit 1
pg_createdb "$bin" "$work" imr || exit 1
pg_createdb "$bin" "$work" imr_case || exit 1
# amcheck, so that imr_store_check verifies every B-tree index too.
pg_sql "$bin" "$work" imr "CREATE EXTENSION amcheck" || exit 1
echo "PostgreSQL: $("$bin/postgres" --version), socket in $work"

failed=0
IMR_TEST_PG_URL=$(pg_url "$work" imr) "$build/test_store" --postgresql-only ||
    failed=1
IMR_CASE_DB=$(pg_url "$work" imr_case) \
    bash "$src/tests/e2e/case.sh" "$imr" "$src" "$shared" "$build" || failed=1
exit $failed
