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
echo "== imr parse --text examples/letters/  (published letters, read back)"
echo
"$imr" parse --text examples/letters/
echo "== imr eval examples/letters/  (our decisions against the letters')"
echo
"$imr" eval examples/letters/
