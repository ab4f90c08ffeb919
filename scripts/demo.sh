#!/bin/sh
# make demo: the main job on the examples shipped in the repository.
# Usage: scripts/demo.sh IMR_BINARY
set -eu
imr=$1
cd "$(dirname "$0")/.."

echo "== imr parse --text examples/letters/  (published letters, read back)"
echo
"$imr" parse --text examples/letters/
echo "== imr parse examples/letters/notice2013_two_items.txt  (the JSON record)"
echo
"$imr" parse examples/letters/notice2013_two_items.txt
echo
echo "== imr request \"PT 2X4 FOR THE L/S\""
echo
"$imr" request "PT 2X4 FOR THE L/S"
