#!/bin/sh
# Installs the Debian packages imr needs that are missing, and says which.
# Usage: scripts/deps.sh [build|test|bench]   (test includes build)
set -eu

# libpq-dev: the PostgreSQL backend of the store is always built; the
# postgresql server is only for the tests and the benchmark, which start
# throwaway servers of their own (tests/tools/pg_server.sh).
build_pkgs="cmake make gcc pkg-config libcjson-dev libpoppler-glib-dev libcairo2-dev libsqlite3-dev libpq-dev"
test_pkgs="clang libclang-rt-14-dev poppler-utils postgresql"
bench_pkgs="postgresql"

want=$build_pkgs
case "${1:-build}" in
    test) want="$build_pkgs $test_pkgs" ;;
    bench) want="$build_pkgs $bench_pkgs" ;;
esac

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "imr: installing missing Debian packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
