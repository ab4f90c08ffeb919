#!/bin/sh
# End-to-end: imr case keeps case files in a store, decides them there,
# and refuses a bad case file with its JSON path, storing nothing. The
# store is a new SQLite file, or the empty database IMR_CASE_DB names
# (tests/e2e/store_pg.sh runs this on PostgreSQL that way).
# Usage: case.sh IMR SOURCE_DIR SHARED_DIR BUILD_DIR
set -u
imr=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "FAIL - $1"; }

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

if "$imr" case list --db "$db" | grep -q "^1	CM14-0000001	.*	2	1$"; then
    ok "case list counts the stored determination"
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
