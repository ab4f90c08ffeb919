#!/bin/sh
# End-to-end: imr intake on the example case and panel (text, JSON, -o),
# its usage errors and refusals, and imr review --panel writing the
# assigned reviewer's credentials, never the name, into the letter.
# Usage: intake.sh IMR SOURCE_DIR SHARED_DIR BUILD_DIR
set -u
imr=$1
src=$2
. "$src/tests/tools/checks.sh"

# expect_status N DESCRIPTION COMMAND...: runs it, stderr to $work/err.
expect_status() {
    want=$1 what=$2
    shift 2
    status=0
    "$@" > "$work/out" 2> "$work/err" || status=$?
    if [ "$status" -eq "$want" ]; then
        ok "$what"
    else
        bad "$what: exit $status, expected $want; $(head -c 300 "$work/err")"
    fi
}

case_file=$src/examples/case_physical_therapy.json
panel=$src/examples/panel.json
config=$src/examples/config.json

expect_status 0 "intake -h prints the usage" "$imr" intake -h
grep -q "^usage: imr intake CASE.json" "$work/out" || bad "intake -h text"
expect_status 0 "imr help lists intake" "$imr" help
grep -q "^  intake " "$work/out" || bad "imr help: no intake line"

expect_status 2 "intake without a case file is wrong usage" "$imr" intake
expect_status 2 "an unknown option is wrong usage" \
    "$imr" intake --frobnicate "$case_file"
expect_status 2 "an unknown format is wrong usage" \
    "$imr" intake --format yaml "$case_file"
expect_status 2 "a malformed --date is wrong usage" \
    "$imr" intake --date 10/01/2015 "$case_file"
expect_status 2 "--panel without a value is wrong usage" \
    "$imr" intake "$case_file" --panel

expect_status 1 "a missing case file is refused" \
    "$imr" intake "$work/none.json"
grep -q "none.json" "$work/err" || bad "the refusal names the missing file"

printf '{"application": {"signed": "yes"}, "requests": ["MRI"]}\n' \
    > "$work/bad.json"
expect_status 1 "a case field of the wrong type is refused" \
    "$imr" intake "$work/bad.json"
if grep -q 'bad.json: \$.application.signed: expected true or false, found a string' \
    "$work/err"; then
    ok "the refusal names the file and the JSON path"
else
    bad "refusal: $(cat "$work/err")"
fi

printf '{"reviewers": [{"id": "x"}]}\n' > "$work/panel.json"
expect_status 1 "a panel missing fields is refused" \
    "$imr" intake --panel "$work/panel.json" "$case_file"
grep -q 'panel.json: \$.reviewers\[0\].board_certifications' "$work/err" ||
    bad "panel refusal: $(cat "$work/err")"

expect_status 0 "intake of the example case" \
    "$imr" intake --panel "$panel" --format json "$case_file"
cp "$work/out" "$work/stdout.json"
if grep -q '"eligible": true' "$work/out" &&
    grep -q '"id": "rv-108"' "$work/out"; then
    ok "the example case is eligible and assigned rv-108"
else
    bad "intake json: $(head -c 400 "$work/out")"
fi
if grep -q "Example Reviewer" "$work/out"; then
    bad "the intake result shows a reviewer's name"
else
    ok "the intake result shows no reviewer's name"
fi

expect_status 0 "intake -o writes a file" \
    "$imr" intake --panel "$panel" --format json -o "$work/written.json" \
    "$case_file"
if [ ! -s "$work/out" ] && cmp -s "$work/written.json" "$work/stdout.json"; then
    ok "-o writes what stdout would have shown, and nothing else"
else
    bad "-o output differs from stdout"
fi

expect_status 0 "intake text without a panel" "$imr" intake "$case_file"
if grep -q "^Case CM14-0000001: eligible" "$work/out" &&
    grep -q "^Reviewer: none, as no panel was given.$" "$work/out"; then
    ok "without a panel nobody is assigned"
else
    bad "intake text: $(head -c 300 "$work/out")"
fi

# The letter states the assigned reviewer's board and states.
expect_status 0 "review --panel writes the letter" \
    "$imr" review --panel "$panel" --config "$config" --date 2015-01-01 \
    "$case_file"
tr '\n' ' ' < "$work/out" | sed 's/  */ /g' > "$work/letter.txt"
if grep -q "Board Certified in Occupational Medicine and is licensed to practice in California" \
    "$work/letter.txt"; then
    ok "the letter states the assigned reviewer's certification and licensure"
else
    bad "letter: $(head -c 600 "$work/letter.txt")"
fi
if grep -q "Example Reviewer" "$work/letter.txt"; then
    bad "the letter names the reviewer"
else
    ok "the letter never names the reviewer"
fi

expect_status 0 "review --panel --format json" \
    "$imr" review --panel "$panel" --format json --date 2015-01-01 \
    "$case_file"
if tr -d ' \n' < "$work/out" |
    grep -q '"reviewer":{"certification":"OccupationalMedicine","licensure":\["California"\]}'; then
    ok "the determination carries the reviewer's credentials"
else
    bad "determination json: $(head -c 400 "$work/out")"
fi

printf '{"reviewers": [{"id": "d", "board_certifications": ["Dermatology"], "licensed_states": ["CA"], "weekly_clinical_hours": 30, "disciplinary_history": [], "affiliations": {}, "open_cases": 0}]}\n' \
    > "$work/nobody.json"
expect_status 1 "review --panel refuses a case nobody on the panel may review" \
    "$imr" review --panel "$work/nobody.json" --date 2015-01-01 "$case_file"
grep -q "no reviewer of the panel qualifies" "$work/err" ||
    bad "review --panel refusal: $(cat "$work/err")"

report
