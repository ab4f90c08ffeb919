# SPDX-License-Identifier: MIT
# Sourced by the bench/run*.sh scripts: their message on failure, their one
# argument (the build folder, made absolute), and pinning to one core.

die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

# bench_args SCRIPT "$@": checks that one argument was given, then sets
# `root` (the source tree) and `build` (that argument, absolute).
bench_args() {
    script=$1
    shift
    if [ $# -ne 1 ]; then
        printf 'usage: bench/%s BUILD_DIR\n' "$script" >&2
        exit 2
    fi
    root=$(cd "$(dirname "$0")/.." && pwd)
    build=$1
    case $build in
    /*) ;;
    *) build=$(pwd)/$build ;;
    esac
}

# Pinned to one core where taskset works (a container may refuse it):
# `pin` is the command prefix, empty when it does not.
pin=
if command -v taskset > /dev/null 2>&1 && taskset -c 0 true 2> /dev/null; then
    pin="taskset -c 0"
fi
