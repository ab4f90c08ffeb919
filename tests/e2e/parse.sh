#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end tests of the built imr command: usage and exit statuses, PDF
# letters against their text, refusals (no text layer, too big, missing,
# cut off), folders, compilations of many letters in one file, and the
# real seed letters. Each check prints "ok - ..." or "FAIL - ..." with what
# was expected and what was found; the last line is "N passed, N failed".
#
# usage: parse.sh IMR SOURCE_DIR SHARED_DIR BUILD_DIR
#   IMR         the imr binary
#   SOURCE_DIR  the source tree (examples/letters, tests/lsan.supp)
#   SHARED_DIR  the shared folder beside the clone (seeds/)
#   BUILD_DIR   the build folder (its text2pdf makes the PDF inputs)
set -u

if [ $# -ne 4 ]; then
    echo "usage: parse.sh IMR SOURCE_DIR SHARED_DIR BUILD_DIR" >&2
    exit 2
fi
imr=$1
src=$2
shared=$3
text2pdf=$4/text2pdf
examples=$src/examples/letters

if [ ! -x "$imr" ]; then
    echo "FAIL - imr is built"
    echo "    expected an executable at $imr"
    echo "0 passed, 1 failed"
    exit 1
fi

work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

passed=0
failed=0

ok() {
    echo "ok - $1"
    passed=$((passed + 1))
}

# fail DESCRIPTION [DETAIL...]: each detail on its own indented line.
fail() {
    echo "FAIL - $1"
    shift
    local line
    for line in "$@"; do
        printf '%s\n' "$line" | sed 's/^/    /'
    done
    failed=$((failed + 1))
}

# run NAME ARGS...: runs imr ARGS; stdout in $work/NAME.out, stderr in
# $work/NAME.err, the exit status in $status.
run() {
    local name=$1
    shift
    status=0
    "$imr" "$@" > "$work/$name.out" 2> "$work/$name.err" || status=$?
}

# expect_status DESCRIPTION NAME WANT: passes when the last run exited WANT.
expect_status() {
    if [ "$status" -eq "$3" ]; then
        return 0
    fi
    fail "$1" "expected exit status $3, found $status" \
        "stderr: $(head -c 600 "$work/$2.err")"
    return 1
}

# The output of imr parse --jsonl without the "source" field (the first),
# so that letters read from different files can be compared.
strip_source() {
    sed 's/^{"source":"[^"]*",/{/' "$@"
}

# One "key":value per line, for showing which fields of two outputs differ.
fields() {
    sed 's/,"/\n"/g' "$1"
}

# field_diff A B: the lines of B that differ from A's, as "-" and "+"
# lines; a long value shows its start and its end, where a difference
# between letters split apart often is.
field_diff() {
    diff "$1" "$2" | grep '^[<>]' | sed 's/^</-/; s/^>/+/' | head -n 24 |
        awk '{ if (length($0) > 200)
                   $0 = substr($0, 1, 90) " ... " substr($0, length($0) - 89)
               print }'
}

# The lines of a file.
line_count() {
    wc -l < "$1" | tr -d ' '
}

# text2pdf ARGS...: makes a PDF with cairo, whose fontconfig keeps its
# configuration to the end (a known leak under ASan, suppressed).
make_pdf() {
    LSAN_OPTIONS="suppressions=$src/tests/lsan.supp:print_suppressions=0" \
        "$text2pdf" "$@" 2> "$work/text2pdf.err"
}

#---- Usage and exit statuses ---------------------------------------------

run help help
if expect_status "imr help exits 0" help 0; then
    if grep -q '^  parse ' "$work/help.out" &&
        grep -q '^  request ' "$work/help.out"; then
        ok "imr help exits 0 and lists parse and request"
    else
        fail "imr help lists parse and request" \
            "expected lines starting with '  parse ' and '  request ', found:" \
            "$(cat "$work/help.out")"
    fi
fi

run noargs
if expect_status "imr with no arguments exits 2" noargs 2; then
    if grep -q '^usage: imr COMMAND' "$work/noargs.err"; then
        ok "imr with no arguments exits 2 and prints usage on stderr"
    else
        fail "imr with no arguments prints usage on stderr" \
            "expected 'usage: imr COMMAND ...', found:" \
            "$(cat "$work/noargs.err")"
    fi
fi

run nosuch nosuch
if expect_status "imr nosuch exits 2" nosuch 2; then
    if grep -q '"nosuch"' "$work/nosuch.err"; then
        ok "imr nosuch exits 2 with a message naming \"nosuch\""
    else
        fail "imr nosuch names the command" \
            "expected \"nosuch\" on stderr, found:" "$(cat "$work/nosuch.err")"
    fi
fi

run parse_none parse
if expect_status "imr parse with no file exits 2" parse_none 2; then
    if [ "$(head -n 1 "$work/parse_none.err")" = \
        "imr parse: no letter given" ]; then
        ok "imr parse with no file exits 2: no letter given"
    else
        fail "imr parse with no file says so" \
            "expected 'imr parse: no letter given', found:" \
            "$(cat "$work/parse_none.err")"
    fi
fi

run parse_bogus parse --bogus x
if expect_status "imr parse --bogus x exits 2" parse_bogus 2; then
    if grep -q '^imr parse: unknown option "--bogus"$' "$work/parse_bogus.err" &&
        [ ! -s "$work/parse_bogus.out" ]; then
        ok "imr parse --bogus x exits 2: unknown option, nothing read"
    else
        fail "imr parse --bogus x names the option and reads nothing" \
            "expected 'imr parse: unknown option \"--bogus\"' and no output," \
            "found stderr: $(cat "$work/parse_bogus.err")" \
            "stdout: $(head -c 300 "$work/parse_bogus.out")"
    fi
fi

run parse_help parse -h
if expect_status "imr parse -h exits 0" parse_help 0; then
    if grep -q '^usage: imr parse ' "$work/parse_help.out" &&
        [ ! -s "$work/parse_help.err" ]; then
        ok "imr parse -h exits 0 and prints usage on stdout"
    else
        fail "imr parse -h prints usage on stdout" \
            "expected 'usage: imr parse ...' on stdout, nothing on stderr;" \
            "found stdout: $(head -n 3 "$work/parse_help.out")" \
            "stderr: $(cat "$work/parse_help.err")"
    fi
fi

#---- PDF letters: the same JSON as their text ----------------------------

scan=$work/scanned.pdf

if [ ! -x "$text2pdf" ]; then
    fail "PDF letters: text2pdf is built" "expected it at $text2pdf"
else
    for txt in "$examples"/*.txt; do
        name=$(basename "$txt" .txt)
        pdf=$work/$name.pdf
        what="the PDF of examples/letters/$name.txt gives the same JSON"
        if ! make_pdf "$txt" "$pdf"; then
            fail "$what" "text2pdf failed: $(cat "$work/text2pdf.err")"
            continue
        fi
        run "$name.txt" parse --jsonl "$txt"
        txt_status=$status
        run "$name.pdf" parse --jsonl "$pdf"
        if [ "$txt_status" -ne 0 ] || [ "$status" -ne 0 ]; then
            fail "$what" "expected exit status 0 for both," \
                "found $txt_status for the text, $status for the PDF" \
                "stderr: $(cat "$work/$name.txt.err" "$work/$name.pdf.err")"
            continue
        fi
        strip_source "$work/$name.txt.out" > "$work/$name.txt.json"
        strip_source "$work/$name.pdf.out" > "$work/$name.pdf.json"
        if [ "$(line_count "$work/$name.txt.json")" -eq 1 ] &&
            cmp -s "$work/$name.txt.json" "$work/$name.pdf.json"; then
            ok "$what"
        else
            fields "$work/$name.txt.json" > "$work/$name.txt.fields"
            fields "$work/$name.pdf.json" > "$work/$name.pdf.fields"
            fail "$what" "fields that differ (- from the text, + from the PDF):" \
                "$(field_diff "$work/$name.txt.fields" "$work/$name.pdf.fields")"
        fi
    done

    # A PDF of several letters, as a compilation is published: the same
    # letters as each one's own PDF. (The letter with a cover page is left
    # to the text compilation below.)
    several=("$examples/fdl2014_credentials_acupuncture.txt"
        "$examples/notice2013_two_items.txt"
        "$examples/fdl2014_credentials_acupuncture.txt")
    what="a PDF of 3 letters gives the same JSON as each letter's own PDF"
    cat "${several[@]}" > "$work/several.txt"
    if make_pdf "$work/several.txt" "$work/several.pdf"; then
        : > "$work/several.want"
        for txt in "${several[@]}"; do
            "$imr" parse --jsonl "$work/$(basename "$txt" .txt).pdf" \
                2> /dev/null | strip_source >> "$work/several.want"
        done
        run several parse --jsonl "$work/several.pdf"
        strip_source "$work/several.out" > "$work/several.json"
        if ! expect_status "$what" several 0; then
            :
        elif [ "$(line_count "$work/several.want")" -eq 3 ] &&
            cmp -s "$work/several.want" "$work/several.json"; then
            ok "$what"
        else
            fields "$work/several.want" > "$work/several.want.fields"
            fields "$work/several.json" > "$work/several.fields"
            fail "$what" \
                "expected $(line_count "$work/several.want") letters, found $(line_count "$work/several.json")" \
                "fields that differ (- one by one, + from the one PDF):" \
                "$(field_diff "$work/several.want.fields" "$work/several.fields")"
        fi
    else
        fail "$what" "text2pdf failed: $(cat "$work/text2pdf.err")"
    fi

    if make_pdf --no-text "$scan"; then
        run scanned parse "$scan"
        if expect_status "a PDF with no text layer is refused" scanned 1; then
            if grep -qF "$scan" "$work/scanned.err" &&
                grep -q 'no text layer' "$work/scanned.err" &&
                [ ! -s "$work/scanned.out" ]; then
                ok "a PDF with no text layer is refused: exit 1, file named"
            else
                fail "a PDF with no text layer is refused, naming the file" \
                    "expected '$scan' and 'no text layer' on stderr," \
                    "found: $(cat "$work/scanned.err")"
            fi
        fi
    else
        fail "a PDF with no text layer is refused" \
            "text2pdf --no-text failed: $(cat "$work/text2pdf.err")"
    fi
fi

#---- Too big -------------------------------------------------------------

# 50 MB; the file's size is known, so it is refused before it is read.
big=$work/big.txt
head -c 52428800 /dev/zero | tr '\0' 'a' > "$big"
run big parse --jsonl "$big"
if expect_status "a 50 MB file is refused" big 1; then
    want="imr: $big: the file is 52428800 bytes, more than the 16777216 allowed"
    if [ "$(cat "$work/big.err")" = "$want" ] && [ ! -s "$work/big.out" ]; then
        ok "a 50 MB file is refused: exit 1, more than the 16777216 allowed"
    else
        fail "a 50 MB file is refused with its size and the limit" \
            "expected: $want" "found: $(head -c 600 "$work/big.err")"
    fi
fi

# The same bytes through a pipe, whose size is not known in advance.
status=0
# shellcheck disable=SC2002 # a pipe on purpose: its size is not known
cat "$big" | "$imr" parse --jsonl /dev/stdin > "$work/pipe.out" \
    2> "$work/pipe.err" || status=$?
if expect_status "50 MB through a pipe is refused" pipe 1; then
    if grep -qF "imr: /dev/stdin:" "$work/pipe.err" &&
        grep -q 'more than the 16777216 bytes allowed' "$work/pipe.err"; then
        ok "50 MB through a pipe is refused: more than the 16777216 bytes allowed"
    else
        fail "50 MB through a pipe is refused with the limit" \
            "expected 'imr: /dev/stdin: ... more than the 16777216 bytes allowed'" \
            "found: $(head -c 600 "$work/pipe.err")"
    fi
fi
rm -f "$big"

#---- A folder: one line per letter, in name order ------------------------

for txt in "$examples"/*.txt; do
    printf '%s\n' "$txt"
done > "$work/names"
run folder parse --jsonl "$examples"
if expect_status "a folder argument" folder 0; then
    sed 's/^{"source":"\([^"]*\)".*/\1/' "$work/folder.out" > "$work/sources"
    if cmp -s "$work/names" "$work/sources"; then
        ok "a folder gives one line per letter, in name order ($(line_count "$work/names") letters)"
    else
        fail "a folder gives one line per letter, in name order" \
            "expected sources:" "$(cat "$work/names")" \
            "found:" "$(cat "$work/sources")"
    fi
fi

# What each example gives on its own, for the compilations below.
: > "$work/one_by_one.json"
for txt in "$examples"/*.txt; do
    "$imr" parse --jsonl "$txt" 2> /dev/null | strip_source \
        >> "$work/one_by_one.json"
done

run check_folder parse --check "$examples"
want="$(line_count "$work/names") letters read, 0 refused"
if expect_status "imr parse --check on a folder" check_folder 0; then
    if [ "$(cat "$work/check_folder.out")" = "$want" ] &&
        [ ! -s "$work/check_folder.err" ]; then
        ok "imr parse --check on a folder prints only \"$want\""
    else
        fail "imr parse --check on a folder prints only the count" \
            "expected: $want" "found: $(cat "$work/check_folder.out")" \
            "stderr: $(cat "$work/check_folder.err")"
    fi
fi

#---- Compilations: many letters in one file ------------------------------

compilation=$work/compilation.txt
cat "$examples"/*.txt > "$compilation"
run compilation parse --jsonl "$compilation"
if expect_status "a compilation of the examples" compilation 0; then
    strip_source "$work/compilation.out" > "$work/compilation.json"
    if [ "$(line_count "$work/one_by_one.json")" -eq \
        "$(line_count "$work/names")" ] &&
        cmp -s "$work/one_by_one.json" "$work/compilation.json"; then
        ok "a compilation of the examples gives the same JSON as one by one"
    else
        fields "$work/one_by_one.json" > "$work/one_by_one.fields"
        fields "$work/compilation.json" > "$work/compilation.fields"
        fail "a compilation of the examples gives the same JSON as one by one" \
            "expected $(line_count "$work/one_by_one.json") letters, found $(line_count "$work/compilation.json")" \
            "fields that differ (- one by one, + from the compilation):" \
            "$(field_diff "$work/one_by_one.fields" "$work/compilation.fields")"
    fi
fi

# Three letters, the second cut off inside its second item: the first and
# third are printed, and the refusal gives the line in the whole file.
first=$examples/fdl2014_credentials_acupuncture.txt
third=$examples/notice2013_two_items.txt
cut_off=$work/cut_off.txt
# The second item's request line ("REQUEST:  Upheld") in the letter.
item_line=$(grep -n -E ':  (Upheld|Overturned) *$' "$first" | sed -n 2p |
    cut -d: -f1)
if [ -z "$item_line" ]; then
    fail "a compilation with a letter cut off" \
        "expected a second item in $first; found none"
else
    {
        cat "$first"
        head -n $((item_line + 6)) "$first"
        cat "$third"
    } > "$cut_off"
    want_line=$(($(line_count "$first") + item_line))
    request=$(sed -n "${item_line}p" "$first" | sed 's/:  [A-Za-z]* *$//')
    run cut_off parse --jsonl "$cut_off"
    "$imr" parse --jsonl "$first" "$third" 2> /dev/null | strip_source \
        > "$work/cut_off.want"
    strip_source "$work/cut_off.out" > "$work/cut_off.json"
    if expect_status "a compilation with a letter cut off exits 1" cut_off 1; then
        ok "a compilation with a letter cut off exits 1"
    fi
    if [ "$(line_count "$work/cut_off.want")" -eq 2 ] &&
        cmp -s "$work/cut_off.want" "$work/cut_off.json"; then
        ok "a compilation with a letter cut off prints the other two letters"
    else
        fail "a compilation with a letter cut off prints the other two letters" \
            "expected $(line_count "$work/cut_off.want") lines (the 1st and" \
            "3rd letters), found $(line_count "$work/cut_off.json"):" \
            "$(cut -c1-160 "$work/cut_off.json")"
    fi
    err=$(cat "$work/cut_off.err")
    prefix="imr: $cut_off:$want_line: item 2 (\"$request\")"
    case $err in
    "$prefix"*)
        if [ "$(line_count "$work/cut_off.err")" -eq 1 ]; then
            ok "the cut-off letter is refused at line $want_line of the whole file"
        else
            fail "the cut-off letter is the only refusal" \
                "expected one line, found:" "$err"
        fi
        ;;
    *)
        found_line=$(printf '%s\n' "$err" | sed -n 's/^imr: [^:]*:\([0-9]*\):.*/\1/p')
        fail "the cut-off letter is refused at line $want_line of the whole file" \
            "expected: $prefix ..." "found: $err" \
            "line $want_line of the file: $(sed -n "${want_line}p" "$cut_off")" \
            "line ${found_line:-?} of the file: $(sed -n "${found_line:-0}p" "$cut_off" 2> /dev/null)"
        ;;
    esac

    run cut_off_check parse --check "$cut_off"
    if expect_status "imr parse --check on the cut-off compilation" \
        cut_off_check 1; then
        if [ "$(cat "$work/cut_off_check.out")" = "2 letters read, 1 refused" ]
        then
            ok "imr parse --check on it: 2 letters read, 1 refused, exit 1"
        else
            fail "imr parse --check on the cut-off compilation counts" \
                "expected: 2 letters read, 1 refused" \
                "found: $(cat "$work/cut_off_check.out")"
        fi
    fi

    # Two letters cut off, around a whole one: each refusal gives its own
    # line in the whole file (the lines are counted only when refusing).
    twice=$work/cut_off_twice.txt
    {
        head -n $((item_line + 6)) "$first"
        cat "$first"
        head -n $((item_line + 6)) "$first"
    } > "$twice"
    second_line=$((item_line + 6 + $(line_count "$first") + item_line))
    run twice parse --jsonl "$twice"
    found=$(sed -n 's/^imr: [^:]*:\([0-9]*\):.*/\1/p' "$work/twice.err" |
        tr '\n' ' ')
    if [ "$found" = "$item_line $second_line " ] &&
        [ "$(line_count "$work/twice.out")" -eq 1 ]; then
        ok "two cut-off letters are refused at lines $item_line and $second_line"
    else
        fail "two cut-off letters are refused at their lines in the file" \
            "expected lines $item_line $second_line and one letter printed" \
            "found lines: $found; printed: $(line_count "$work/twice.out")" \
            "$(cat "$work/twice.err")"
    fi
fi

#---- A missing file --------------------------------------------------------

missing=$work/no/such/letter.txt
run missing parse "$missing"
if expect_status "a missing file" missing 1; then
    want="imr: $missing: cannot open: No such file or directory"
    if [ "$(cat "$work/missing.err")" = "$want" ]; then
        ok "a missing file: exit 1, cannot open: No such file or directory"
    else
        fail "a missing file is named" "expected: $want" \
            "found: $(cat "$work/missing.err")"
    fi
fi

#---- The real seed letters -------------------------------------------------

if [ ! -d "$shared/seeds" ]; then
    fail "the seed letters parse (SKIPPED, counted as failed)" \
        "$shared/seeds is missing; the tests need the shared folder beside" \
        "the clone"
else
    run seeds parse --jsonl "$shared"/seeds/*.txt
    letters=$(line_count "$work/seeds.out")
    items=$(grep -o '"decision":"[a-z_]*"' "$work/seeds.out" | wc -l |
        tr -d ' ')
    upheld=$(grep -o '"decision":"upheld"' "$work/seeds.out" | wc -l |
        tr -d ' ')
    if expect_status "the seed letters parse" seeds 0; then
        if [ "$letters" -eq 5 ] && [ "$items" -eq 7 ] && [ "$upheld" -eq 7 ]
        then
            ok "the 5 seed letters parse: 7 items, all upheld"
        else
            fail "the seed letters parse: 5 letters, 7 items, all upheld" \
                "found $letters letters, $items items, $upheld upheld"
        fi
    fi
fi

#---- Output never half-written ---------------------------------------------

# Good letters and bad files mixed: every good letter is printed whole.
printf 'HOW THE IMR\0\001\002 binary\n' > "$work/binary.txt"
good=$(( $(line_count "$work/names") + 2 ))
refusals=3
mix=("$examples" "$work/binary.txt" "$missing" "$cut_off")
if [ -f "$scan" ]; then
    mix+=("$scan")
    refusals=$((refusals + 1))
fi
run mix parse --jsonl "${mix[@]}"
if expect_status "good and bad files mixed exit 1" mix 1; then
    whole=$(grep -c '^{"source":".*}$' "$work/mix.out")
    lines=$(line_count "$work/mix.out")
    refused=$(grep -c '^imr: ' "$work/mix.err")
    if [ "$lines" -eq "$good" ] && [ "$whole" -eq "$good" ] &&
        [ "$refused" -eq "$refusals" ]; then
        ok "good and bad files mixed: all $good good letters printed whole, $refusals refusals, exit 1"
    else
        fail "good and bad files mixed: every good letter printed whole" \
            "expected $good lines, each a whole JSON object, and $refusals" \
            "refusals; found $lines lines ($whole whole), $refused refusals:" \
            "$(cat "$work/mix.err")"
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
