#!/bin/sh
# End-to-end: imr case keeps case files in a store, decides them there,
# and refuses a bad case file with its JSON path, storing nothing; then the
# whole process: add, assign a reviewer of the panel with the deadlines,
# decide (the letter states the assigned reviewer's credentials), the
# letter again from the store (the same bytes; refused when the knowledge
# base differs from the determination's), an ineligible case refused. The
# store is a new SQLite file, or the empty database IMR_CASE_DB names
# (tests/e2e/store_pg.sh runs this on PostgreSQL that way).
# Usage: case.sh IMR SOURCE_DIR SHARED_DIR BUILD_DIR
set -u
imr=$1
src=$2
. "$src/tests/tools/checks.sh"

case_file=$src/examples/case_physical_therapy.json
config=$src/examples/config.json
db=${IMR_CASE_DB:-$work/imr.db}
echo "# store: $db"

id=$("$imr" case add --db "$db" --actor e2e "$case_file")
if [ "$id" = 1 ]; then
    ok "case add stores the example case as case 1"
else
    bad "case add: expected id 1, got \"$id\""
fi

if "$imr" case list --db "$db" | grep -q "^1	CM14-0000001	"; then
    ok "case list shows it"
else
    bad "case list: $("$imr" case list --db "$db")"
fi

"$imr" case decide --db "$db" --actor e2e --config "$config" \
    --date 2015-01-01 1 > "$work/letter.txt"
if grep -q "Upheld" "$work/letter.txt"; then
    ok "case decide prints a letter with Upheld"
else
    bad "case decide: no \"Upheld\" in $(head -c 300 "$work/letter.txt")"
fi

if "$imr" case list --db "$db" | grep -q "^1	CM14-0000001	.*	2	1	-	-$"; then
    ok "case list counts the stored determination; no reviewer, nothing due"
else
    bad "case list after decide: $("$imr" case list --db "$db")"
fi

if "$imr" case show --db "$db" 1 | cmp -s - "$case_file"; then
    ok "case show returns the case file as it was added"
else
    bad "case show differs from the case file"
fi

if "$imr" case log --db "$db" 1 | cut -f2,4 | tr '\n' ' ' |
    grep -q "^e2e	case.add e2e	determination.add $"; then
    ok "case log has the add and the determination, by their actor"
else
    bad "case log: $("$imr" case log --db "$db" 1)"
fi

printf '{"requests": [{"text": 12}], "records": [{"text": "x"}]}\n' \
    > "$work/bad.json"
"$imr" case add --db "$db" "$work/bad.json" > "$work/out" 2> "$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -q 'bad.json: \$\.requests\[0\]\.text: ' "$work/err"; then
    ok "a bad case file exits 1 with its JSON path"
else
    bad "bad case file: status $status, $(cat "$work/err")"
fi
if [ "$("$imr" case list --db "$db" | wc -l)" -eq 1 ]; then
    ok "the bad case file stored nothing"
else
    bad "the bad case file was stored: $("$imr" case list --db "$db")"
fi

"$imr" case list --db postgresql://clerk:s3cret@127.0.0.1:1/imr \
    > /dev/null 2> "$work/err"
status=$?
if [ "$status" -eq 1 ] &&
    grep -q "cannot connect to postgresql://clerk:\*\*\*@127.0.0.1:1/imr" "$work/err" &&
    ! grep -q s3cret "$work/err"; then
    ok "a PostgreSQL server that does not answer exits 1, password hidden"
else
    bad "unreachable PostgreSQL: status $status, $(cat "$work/err")"
fi

"$imr" case list --db mysql://localhost/imr > /dev/null 2> "$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q '"mysql": unknown kind of database' "$work/err"; then
    ok "a database URL of an unknown kind is a usage error"
else
    bad "mysql URL: status $status, $(cat "$work/err")"
fi

"$imr" case show --db "$db" 1x > /dev/null 2>&1
status=$?
if [ "$status" -eq 2 ]; then
    ok "a case id that is not a number is a usage error"
else
    bad "case show 1x: status $status"
fi

# ---- The process: add, assign, decide, letter ----------------------------

panel=$src/examples/panel.json
id=$("$imr" case add --db "$db" --actor e2e "$case_file")
"$imr" case assign --db "$db" --actor clerk --panel "$panel" \
    --date 2015-01-10 "$id" > "$work/intake.txt" 2> "$work/err"
status=$?
if [ "$status" -eq 0 ] && [ "$id" = 2 ] &&
    grep -q "^Reviewer: rv-108, board certified in Occupational Medicine" \
        "$work/intake.txt"; then
    ok "case assign prints the intake result and chooses rv-108"
else
    bad "case assign: status $status, id $id, $(cat "$work/err" "$work/intake.txt")"
fi

"$imr" case assign --db "$db" --actor clerk --panel "$panel" \
    --format json --date 2015-01-10 "$id" -o "$work/intake.json"
if grep -q '"id": "rv-108"' "$work/intake.json" &&
    "$imr" intake --panel "$panel" --format json --date 2015-01-10 \
        "$case_file" | cmp -s - "$work/intake.json"; then
    ok "case assign --format json -o writes what imr intake prints"
else
    bad "case assign --format json: $(head -c 400 "$work/intake.json")"
fi

"$imr" case log --db "$db" "$id" | cut -f2,4,5 > "$work/log"
if [ "$(cut -f1,2 "$work/log" | tr '\n' ' ')" = \
    "e2e	case.add clerk	assignment.add clerk	deadline.put clerk	deadline.put clerk	deadline.put clerk	assignment.add clerk	deadline.put clerk	deadline.put clerk	deadline.put " ] &&
    grep -q "^clerk	assignment.add	reviewer rv-108: Board certified in Occupational Medicine" "$work/log" &&
    grep -q "	assignment_notice due 2014-12-08$" "$work/log" &&
    grep -q "	records due 2014-12-23$" "$work/log" &&
    grep -q "	determination due 2015-01-22$" "$work/log"; then
    ok "case assign writes the assignment and the three deadlines, audited"
else
    bad "case log after assign: $(cat "$work/log")"
fi

if "$imr" case log --db "$db" | grep -q "	clerk	.*	reviewer.put	-	rv-108$"; then
    ok "the reviewer's record is stored under its panel id, audited"
else
    bad "case log (all): $("$imr" case log --db "$db")"
fi

if "$imr" case list --db "$db" --date 2015-01-10 |
    grep -q "^2	CM14-0000001	.*	2	0	rv-108	assignment_notice,records$"; then
    ok "case list shows the reviewer and the deadlines overdue on --date"
else
    bad "case list after assign: $("$imr" case list --db "$db" --date 2015-01-10)"
fi

"$imr" case decide --db "$db" --actor e2e --config "$config" \
    --date 2015-01-05 "$id" > "$work/decided.txt"
# The letter's lines are wrapped: read it as one line.
tr -s ' \n' '  ' < "$work/decided.txt" > "$work/decided.line"
if grep -q "Board Certified in Occupational Medicine and is licensed to practice in California" \
        "$work/decided.line" &&
    ! grep -q "Physical Medicine and Rehabilitation" "$work/decided.line"; then
    ok "case decide states the assigned reviewer's certification, not the config's"
else
    bad "case decide after assign: $(head -c 600 "$work/decided.txt")"
fi

if "$imr" case list --db "$db" --date 2015-01-23 |
    grep -q "^2	CM14-0000001	.*	2	1	rv-108	assignment_notice,records$"; then
    ok "the determination deadline is met by the decision"
else
    bad "case list after decide: $("$imr" case list --db "$db" --date 2015-01-23)"
fi

"$imr" case letter --db "$db" --config "$config" "$id" > "$work/letter2.txt"
status=$?
if [ "$status" -eq 0 ] && cmp -s "$work/decided.txt" "$work/letter2.txt"; then
    ok "case letter gives decide's letter, byte for byte"
else
    bad "case letter: status $status, $(diff "$work/decided.txt" "$work/letter2.txt" | head -5)"
fi

"$imr" case letter --db "$db" --config "$config" --format pdf \
    -o "$work/letter.pdf" "$id"
status=$?
if [ "$status" -eq 0 ] && [ "$(head -c 5 "$work/letter.pdf")" = "%PDF-" ] &&
    ! ls "$work" | grep -q "letter.pdf."; then
    ok "case letter --format pdf -o writes a PDF"
else
    bad "case letter --format pdf: status $status, $(ls "$work")"
fi

"$imr" case letter --db "$db" --format html "$id" > "$work/letter.html"
if grep -q "Occupational Medicine" "$work/letter.html"; then
    ok "case letter --format html"
else
    bad "case letter --format html: $(head -c 300 "$work/letter.html")"
fi

# A knowledge base that differs by one criterion's text.
cp -R "$src/kb" "$work/kb2"
sed -i 's/No more than 10 visits for neuralgia/No more than ten visits for neuralgia/' \
    "$work/kb2/guidelines/physical_medicine.rules"
other=$("$imr" case add --db "$db" --actor e2e "$case_file")
"$imr" case decide --db "$db" --actor e2e --kb "$work/kb2" \
    --date 2015-01-05 "$other" > /dev/null
stored=$("$imr" case decide --db "$db" --kb "$work/kb2" --format json \
    --date 2015-01-05 "$other" | sed 's/.*"knowledge_base":"\([^"]*\)".*/\1/')
current=$("$imr" case decide --db "$db" --format json --date 2015-01-05 "$id" |
    sed 's/.*"knowledge_base":"\([^"]*\)".*/\1/')
"$imr" case letter --db "$db" "$other" > "$work/out" 2> "$work/err"
status=$?
if [ "$status" -eq 1 ] && [ ! -s "$work/out" ] && [ "$stored" != "$current" ] &&
    grep -q "case $other was decided with knowledge base $stored, but .* is $current" \
        "$work/err"; then
    ok "case letter refuses a determination made with another knowledge base"
else
    bad "case letter, other kb: status $status, $stored vs $current, $(cat "$work/err")"
fi
if "$imr" case letter --db "$db" --kb "$work/kb2" "$other" > /dev/null; then
    ok "case letter with the knowledge base it was decided with"
else
    bad "case letter --kb: refused"
fi

"$imr" case letter --db "$db" 1x > /dev/null 2>&1
status=$?
"$imr" case letter --db "$db" --format json "$id" > /dev/null 2>&1
status2=$?
if [ "$status" -eq 2 ] && [ "$status2" -eq 2 ]; then
    ok "case letter: a bad id or format is a usage error"
else
    bad "case letter usage: status $status and $status2"
fi

# ---- An ineligible case ---------------------------------------------------

sed 's/"filed_by": "employee"/"filed_by": "employer"/' "$case_file" \
    > "$work/by_employer.json"
late=$("$imr" case add --db "$db" --actor e2e "$work/by_employer.json")
"$imr" case assign --db "$db" --actor clerk --panel "$panel" "$late" \
    > "$work/out" 2> "$work/err"
status=$?
if [ "$status" -eq 1 ] &&
    grep -q "not eligible" "$work/out" &&
    grep -q "case $late is not eligible for independent medical review (1 reason above); nothing was stored" "$work/err"; then
    ok "an ineligible case: assign prints the reason and exits 1"
else
    bad "ineligible assign: status $status, $(cat "$work/out" "$work/err")"
fi
if [ "$("$imr" case log --db "$db" "$late" | cut -f4)" = case.add ] &&
    "$imr" case list --db "$db" --date 2016-01-01 |
        grep -q "^$late	CM14-0000001	.*	-	-$"; then
    ok "an ineligible case has no assignment, no deadline, no audit row but its add"
else
    bad "ineligible case stored something: $("$imr" case log --db "$db" "$late")"
fi

cat > "$work/psychiatry.json" <<'EOF'
{"reviewers": [{"id": "rv-105", "board_certifications": ["Psychiatry"],
  "licensed_states": ["California"], "weekly_clinical_hours": 30,
  "disciplinary_history": [], "affiliations": {}, "open_cases": 1}]}
EOF
"$imr" case assign --db "$db" --panel "$work/psychiatry.json" "$other" \
    > "$work/out" 2> "$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -q "^  rv-105  Not board certified" "$work/out" &&
    grep -q "psychiatry.json: no reviewer of the panel qualifies for case $other" \
        "$work/err" &&
    ! "$imr" case log --db "$db" "$other" | grep -q assignment; then
    ok "a case nobody on the panel may review: assign exits 1, stores nothing"
else
    bad "assign with nobody qualified: status $status, $(cat "$work/err")"
fi

"$imr" case assign --db "$db" "$id" > /dev/null 2> "$work/err"
if [ $? -eq 2 ] && grep -q "assign needs --panel" "$work/err"; then
    ok "case assign without --panel is a usage error"
else
    bad "case assign without --panel: $(cat "$work/err")"
fi

report
