#!/usr/bin/env bash
# The property test can fail: with each deliberately broken rule file in
# tests/fix/broken/ added, fl_fix_property must exit 1 and name the check the
# file breaks (the file's name), on the English hand-written corpus.
# Usage: catches.sh PATH-TO-FL_FIX_PROPERTY SOURCE-DIR
set -u
prop=$1
src=$2
fl=$prop # for checks.sh
# shellcheck source=SCRIPTDIR/../checks.sh
. "$(dirname "$0")/../checks.sh"

for rules in "$src"/tests/fix/broken/*.yml; do
  name=$(basename "$rules" .yml)
  "$prop" --rules "$rules" "$src/corpora/en" >"$t/out" 2>"$t/err"
  code=$?
  check "$name.yml: the property test fails (exit $code)" [ "$code" -eq 1 ]
  check "$name.yml: it fails the '$name' check" grep -q "^FAIL $name: " "$t/err"
done
# A rewrite that holds its own match never settles.
"$prop" --rules "$src/tests/fix/broken/refires.yml" "$src/corpora/en" >"$t/out" 2>"$t/err"
check "refires.yml: fixing never settles" grep -q '^FAIL idempotent: .*still rewriting' "$t/err"
# And without them, the same corpus passes: the failures are the files'.
"$prop" "$src/corpora/en" >"$t/out" 2>"$t/err"
code=$?
check "the corpus alone passes (exit $code): $(head -3 "$t/err")" [ "$code" -eq 0 ]

finish
