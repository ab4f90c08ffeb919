# SPDX-License-Identifier: MIT
# What the end-to-end scripts of imr's commands share: a temporary folder
# $work removed on exit, the checks counted as they pass (ok) or fail
# (bad), and report, their last line: "N passed, N failed", with status 0
# only when none failed. Sourced (". ") by tests/e2e/case.sh, intake.sh
# and review.sh.

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "FAIL - $1"; }

report() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
