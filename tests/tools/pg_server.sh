# SPDX-License-Identifier: MIT
# A throwaway PostgreSQL server in a folder of its own, for the tests and
# the store benchmark: its data in DIR/data, its Unix socket in DIR, no TCP
# at all, trust authentication for the one role imr_test. Sourced (". ")
# by tests/e2e/store_pg.sh and bench/run_store.sh.
#
# PostgreSQL refuses to run as root, and tests may run as root (a CI
# container, `sudo make test`): then the server runs as the unprivileged
# user `nobody` (runuser, or setpriv where runuser is missing), and DIR is
# given to that user. The clients (the tests) still run as the caller.

# The folder of the server's programs (initdb, pg_ctl): Debian's newest
# /usr/lib/postgresql/<version>/bin, else wherever initdb is on the PATH.
# Prints nothing and fails when there is no server installed.
pg_find_bin() {
    for bin in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null |
                 sort -t/ -k5,5 -n -r); do
        if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then
            echo "$bin"
            return 0
        fi
    done
    if command -v initdb > /dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

# Runs a command as the server's owner: `nobody` when we are root.
pg_as_owner() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v runuser > /dev/null 2>&1; then
        runuser -u nobody -- "$@"
    else
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    fi
}

# pg_start BIN DIR [SERVER OPTIONS]: initdb into DIR/data and start the
# server, waiting until it accepts connections. Extra options (such as
# "-c fsync=off") go to the server. Messages go to DIR/*.log, shown on
# failure.
pg_start() {
    bin=$1
    dir=$2
    shift 2
    if [ "$(id -u)" -eq 0 ]; then
        chown nobody "$dir" || return 1
    fi
    # --no-sync: a throwaway cluster need not wait for its files to reach
    # the disk, which saves seconds.
    if ! pg_as_owner "$bin/initdb" -D "$dir/data" -U imr_test -A trust \
            -E UTF8 --no-locale --no-sync > "$dir/initdb.log" 2>&1; then
        echo "initdb failed:" >&2
        cat "$dir/initdb.log" >&2
        return 1
    fi
    if ! pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
            -o "-c listen_addresses='' -c unix_socket_directories='$dir' $*" \
            start > /dev/null; then
        echo "the PostgreSQL server did not start:" >&2
        cat "$dir/server.log" >&2
        return 1
    fi
}

# pg_stop BIN DIR: stops the server if it runs (fast: ends the sessions).
pg_stop() {
    if [ -f "$2/data/postmaster.pid" ]; then
        pg_as_owner "$1/pg_ctl" -D "$2/data" -m fast -w stop > /dev/null 2>&1
    fi
}

# pg_url DIR DB: the store's URL of database DB on that server.
pg_url() {
    echo "postgresql:///$2?host=$1&user=imr_test"
}

# pg_createdb BIN DIR DB: creates database DB.
pg_createdb() {
    "$1/createdb" -h "$2" -U imr_test "$3"
}

# pg_sql BIN DIR DB SQL: runs SQL on database DB, quietly.
pg_sql() {
    "$1/psql" -X -q -v ON_ERROR_STOP=1 -h "$2" -U imr_test -d "$3" -c "$4"
}
