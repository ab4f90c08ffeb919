#!/bin/sh
# End-to-end: imr review writes letters that imr parse reads back with the
# same decisions, in text and PDF; -o writes atomically; usage errors.
# Usage: review.sh IMR SOURCE_DIR SHARED_DIR BUILD_DIR
set -u
imr=$1
src=$2
. "$src/tests/tools/checks.sh"

case_file=$src/examples/case_physical_therapy.json
config=$src/examples/config.json

# The decisions of a determination, one per line: "request<TAB>decision".
decisions_of_json() {
    "$imr" review --format json --config "$config" --date 2015-01-01 \
        "$case_file" | tr -d '\n' | sed 's/"request": *"/\n/g' |
        sed -n 's/^\([^"]*\)".*"decision": *"\([a-z]*\)".*/\1\t\2/p'
    echo
}

decisions_of_letter() {
    "$imr" parse --jsonl "$1" | sed 's/"request":"/\n/g' |
        sed -n 's/^\([^"]*\)","decision":"\([a-z]*\)".*/\1\t\2/p'
    echo
}

decisions_of_json | grep . > "$work/expected"
if [ "$(wc -l < "$work/expected")" -eq 2 ]; then
    ok "the example case has two decisions"
else
    bad "the example case has two decisions: $(cat "$work/expected")"
fi

"$imr" review --config "$config" --date 2015-01-01 "$case_file" > "$work/letter.txt"
decisions_of_letter "$work/letter.txt" | grep . > "$work/from_text"
if cmp -s "$work/expected" "$work/from_text"; then
    ok "imr parse reads the text letter back with the same decisions"
else
    bad "text letter read back: expected $(cat "$work/expected"), got $(cat "$work/from_text")"
fi

if "$imr" review --format pdf -o "$work/letter.pdf" --config "$config" \
    --date 2015-01-01 "$case_file" && head -c 5 "$work/letter.pdf" | grep -q '%PDF-'; then
    ok "--format pdf -o writes a PDF"
else
    bad "--format pdf -o writes a PDF"
fi
decisions_of_letter "$work/letter.pdf" | grep . > "$work/from_pdf"
if cmp -s "$work/expected" "$work/from_pdf"; then
    ok "imr parse reads the PDF letter back with the same decisions"
else
    bad "PDF letter read back: expected $(cat "$work/expected"), got $(cat "$work/from_pdf")"
fi
if [ -z "$(find "$work" -name '*.tmp.*')" ]; then
    ok "no temporary file is left behind"
else
    bad "a temporary file is left behind"
fi

"$imr" review --format pdf -o "$work/again.pdf" --config "$config" \
    --date 2015-01-01 "$case_file"
if cmp -s "$work/letter.pdf" "$work/again.pdf"; then
    ok "the same case gives the same PDF bytes"
else
    bad "the same case gives the same PDF bytes"
fi

"$imr" review --format html --config "$config" --date 2015-01-01 "$case_file" > "$work/letter.html"
if grep -q '<table class="criteria">' "$work/letter.html" && grep -q '</html>' "$work/letter.html"; then
    ok "--format html gives a page with the criteria tables"
else
    bad "--format html gives a page with the criteria tables"
fi

"$imr" review --format docx "$case_file" > /dev/null 2> "$work/err"
status=$?
if [ "$status" -eq 2 ] && grep -q 'unknown format "docx"' "$work/err"; then
    ok "an unknown format is a usage error (exit 2)"
else
    bad "an unknown format is a usage error: exit $status, $(cat "$work/err")"
fi

"$imr" review "$work/missing.json" > /dev/null 2> "$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -q 'missing.json: cannot open' "$work/err"; then
    ok "a missing case file is refused (exit 1) by name"
else
    bad "a missing case file: exit $status, $(cat "$work/err")"
fi

report
