#!/bin/sh
# Golden tests: runs imr on each input and compares its output, byte for
# byte, with the expected file beside it.
#   parse/X.txt  -> imr parse X.txt  -> X.expected.json, or X.expected.err
#                   (stderr, then "exit N") when the input is refused
#   examples/X.expected.json -> imr parse X.txt on examples/letters/X.txt
#   seeds/X.expected.json -> imr parse X.txt on SHARED/seeds/X.txt
#   extract/X.txt -> imr extract X.txt -> X.expected.json
#   extract-seeds/X.expected.json -> imr extract X.txt on SHARED/seeds/X.txt
#   request/X.request -> imr request "$(cat X.request)" -> X.expected.json
#   ../cases/X.json -> imr review --format json X.json -> X.expected.json
#   review/X.json -> imr review (the text letter) -> X.expected.json, and
#                    --format html -> X.html.expected.json
#   intake/X.json -> imr intake --panel panel.json --format json --date
#                    2015-01-10 X.json -> X.expected.json, and the text
#                    format -> X.text.expected.json; X.panel.json, when
#                    there is one, is the panel instead of panel.json
#   kb/X/ -> imr kb check --kb X (a kb folder holding guidelines/*.rules;
#            the tables it lacks come from $IMR_KB) -> X.expected.err
# IMR_UPDATE_GOLDEN=1 rewrites the expected files; review the diff.
# Usage: run.sh IMR GOLDEN_DIR [SHARED_DIR]
set -u
imr=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
golden=$(cd "$2" && pwd)
shared=${3:-$golden/../../../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# check NAME EXPECTED_STEM DIR ARGS...: runs imr ARGS in DIR and compares.
check() {
    name=$1 stem=$2 dir=$3
    shift 3
    status=0
    (cd "$dir" && "$imr" "$@") > "$tmp/out" 2> "$tmp/err" || status=$?
    if [ "$status" -eq 0 ]; then
        expected=$stem.expected.json
        # The knowledge base's version changes with every rule edit; the
        # determinations it produced are what the goldens pin.
        sed 's/kb-[0-9a-f]\{8\}/kb-VERSION/g' "$tmp/out" > "$tmp/actual"
    else
        expected=$stem.expected.err
        { cat "$tmp/err"; echo "exit $status"; } > "$tmp/actual"
    fi
    if [ "${IMR_UPDATE_GOLDEN:-}" = 1 ]; then
        rm -f "$stem.expected.json" "$stem.expected.err"
        cp "$tmp/actual" "$expected"
        echo "updated $expected"
        passed=$((passed + 1))
    elif [ -f "$expected" ] && cmp -s "$tmp/actual" "$expected"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        if [ -f "$expected" ]; then
            diff -u "$expected" "$tmp/actual" | head -40
        else
            echo "  no $expected; output was:"
            head -20 "$tmp/actual"
        fi
    fi
}

for input in "$golden"/parse/*.txt; do
    [ -e "$input" ] || continue
    base=$(basename "$input")
    check "parse/$base" "${input%.txt}" "$golden/parse" parse "$base"
done

examples=$golden/../../examples/letters
for input in "$examples"/*.txt; do
    [ -e "$input" ] || continue
    base=$(basename "$input")
    check "examples/$base" "$golden/examples/${base%.txt}" "$examples" parse "$base"
done

for expected in "$golden"/seeds/*.expected.json; do
    [ -e "$expected" ] || continue
    stem=${expected%.expected.json}
    base=$(basename "$stem").txt
    if [ ! -f "$shared/seeds/$base" ]; then
        failed=$((failed + 1))
        echo "FAIL seeds/$base: $shared/seeds/$base is missing"
        continue
    fi
    check "seeds/$base" "$stem" "$shared/seeds" parse "$base"
done

for input in "$golden"/extract/*.txt; do
    [ -e "$input" ] || continue
    base=$(basename "$input")
    check "extract/$base" "${input%.txt}" "$golden/extract" extract "$base"
done

for expected in "$golden"/extract-seeds/*.expected.json; do
    [ -e "$expected" ] || continue
    stem=${expected%.expected.json}
    base=$(basename "$stem").txt
    check "extract-seeds/$base" "$stem" "$shared/seeds" extract "$base"
done

# Decisions: every case of tests/cases as JSON (decision and criteria).
cases=$golden/../cases
for input in "$cases"/*.json; do
    case $input in *.expected.json) continue ;; esac
    [ -e "$input" ] || continue
    base=$(basename "$input")
    check "cases/$base" "${input%.json}" "$cases" review --format json \
        --date 2015-01-01 "$base"
done

# Letters in every format, and refused case files with their JSON paths.
config=$golden/../../examples/config.json
for input in "$golden"/review/*.json; do
    case $input in *.expected.json) continue ;; esac
    [ -e "$input" ] || continue
    base=$(basename "$input")
    stem=${input%.json}
    check "review/$base" "$stem" "$golden/review" review --config "$config" \
        --date 2015-01-01 "$base"
    if [ -f "$stem.json" ] && [ -f "$stem.expected.json" ]; then
        check "review/$base html" "$stem.html" "$golden/review" review \
            --format html --config "$config" --date 2015-01-01 "$base"
    fi
done

# Intake: eligibility, due dates and the reviewer, in JSON and text.
for input in "$golden"/intake/*.json; do
    case $input in *.expected.json | *.panel.json | */panel.json) continue ;; esac
    [ -e "$input" ] || continue
    base=$(basename "$input")
    stem=${input%.json}
    panel=panel.json
    [ -f "$stem.panel.json" ] && panel=$(basename "$stem").panel.json
    check "intake/$base" "$stem" "$golden/intake" intake --panel "$panel" \
        --format json --date 2015-01-10 "$base"
    if [ -f "$stem.expected.json" ]; then
        check "intake/$base text" "$stem.text" "$golden/intake" intake \
            --panel "$panel" --date 2015-01-10 "$base"
    fi
done

for input in "$golden"/request/*.request; do
    [ -e "$input" ] || continue
    check "request/$(basename "$input")" "${input%.request}" "$golden/request" \
        request "$(cat "$input")"
done

for dir in "$golden"/kb/*/; do
    [ -d "$dir" ] || continue
    name=$(basename "$dir")
    check "kb/$name" "$golden/kb/$name" "$golden/kb" kb check --kb "$name"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
