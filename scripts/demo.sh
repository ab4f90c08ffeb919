#!/bin/sh
# make demo: the main job on the examples shipped in the repository.
# Usage: scripts/demo.sh IMR_BINARY
set -eu
imr=$1
cd "$(dirname "$0")/.."

echo "== imr review examples/case_physical_therapy.json  (the Final Determination Letter)"
echo
"$imr" review --config examples/config.json --date 2015-01-05 \
    examples/case_physical_therapy.json
echo "== the same determination as JSON: each criterion met, not met or unknown"
echo
"$imr" review --format json --config examples/config.json --date 2015-01-05 \
    examples/case_physical_therapy.json | head -60
echo "   ..."
echo

# The process in the case store: a SQLite file in a temporary folder,
# removed however the script ends.
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
db=$store/imr.db
case_file=examples/case_physical_therapy.json

echo "== imr intake $case_file --panel examples/panel.json"
echo "   (eligibility, due dates, the reviewer; --date flags what is overdue)"
echo
"$imr" intake --panel examples/panel.json --date 2015-01-10 "$case_file"
echo
echo "== the same case through the store (--db $db)"
echo
echo "\$ imr case add $case_file"
id=$("$imr" case add --db "$db" --actor demo "$case_file")
echo "$id"
echo "\$ imr case assign $id --panel examples/panel.json --date 2015-01-10  (the intake above; its verdict and reviewer)"
"$imr" case assign --db "$db" --actor demo --panel examples/panel.json \
    --date 2015-01-10 "$id" | sed -n '1p; /^Reviewer:/{N;p;}'
echo "\$ imr case list --date 2015-01-10  (id, case, added, requests, determinations, reviewer, overdue)"
"$imr" case list --db "$db" --date 2015-01-10
echo "\$ imr case decide $id --config examples/config.json --date 2015-01-05  (the letter's first part: the assigned reviewer's credentials)"
"$imr" case decide --db "$db" --actor demo --config examples/config.json \
    --date 2015-01-05 "$id" > "$store/decided.txt"
sed -n '/HOW THE IMR FINAL/,/CLINICAL CASE SUMMARY/p' "$store/decided.txt" |
    grep -v '^ *$' | sed '$d'
echo "\$ imr case letter $id --config examples/config.json  (decided again from the store)"
"$imr" case letter --db "$db" --config examples/config.json "$id" \
    > "$store/letter.txt"
if cmp -s "$store/decided.txt" "$store/letter.txt"; then
    echo "the same $(wc -c < "$store/letter.txt") bytes as decide printed"
else
    echo "differs from what decide printed"
    exit 1
fi
echo "\$ imr case letter $id --format pdf -o letter.pdf"
"$imr" case letter --db "$db" --config examples/config.json --format pdf \
    -o "$store/letter.pdf" "$id"
echo "letter.pdf: $(wc -c < "$store/letter.pdf") bytes, $(head -c 8 "$store/letter.pdf")"
echo "\$ imr case log $id  (the audit trail: at, actor, origin, action, detail; details cut at 60 characters)"
"$imr" case log --db "$db" "$id" |
    awk -F '\t' '{ d = $5; if (length(d) > 60) d = substr(d, 1, 57) "...";
                   printf "%s  %s  %s  %-17s %s\n", $1, $2, $3, $4, d }'
echo
echo "== imr parse --text examples/letters/  (published letters, read back)"
echo
"$imr" parse --text examples/letters/
echo "== imr eval examples/letters/  (our decisions against the letters')"
echo
"$imr" eval examples/letters/
