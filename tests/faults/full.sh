#!/usr/bin/env bash
# Every path that writes to stdout, with stdout on /dev/full: each must exit
# 2 with exactly one message saying stdout could not be written, and --fix
# must leave the draft on disk intact. Small outputs matter most: they sit
# in stdio's buffer until the final flush, which was never checked.
# Usage: full.sh PATH-TO-FRAMELINT
set -u
fl=$(realpath "$1")
# shellcheck source=SCRIPTDIR/../checks.sh
. "$(dirname "$0")/../checks.sh"
if ! [ -c /dev/full ]; then
  echo "no /dev/full on this system: skipped"
  exit 77
fi

draft='A flood of migrants reached the border last week.
'
fixed='A large number of migrants reached the border last week.
'
printf '%s' "$draft" >"$t/draft.md"
printf '%s' "$draft" >"$t/second.md"
printf 'Nothing to flag here.\n' >"$t/clean.md"
# Enough findings that the report outgrows stdio's buffer and fails mid-run.
for _ in $(seq 2000); do printf '%s' "$draft"; done >"$t/big.md"
cp "$t/big.md" "$t/big2.md"
message='framelint: cannot write to standard output: No space left on device'

# full DESCRIPTION STDIN-FILE ARGS...: runs framelint > /dev/full and checks
# exit 2 and the one message.
full() {
  local what=$1 input=$2
  shift 2
  (cd "$t" && "$fl" --no-config "$@" <"$input" >/dev/full 2>"$t/err")
  local code=$?
  local n
  n=$(grep -cxF "$message" "$t/err")
  if [ "$code" -eq 2 ] && [ "$n" -eq 1 ] && ! grep -v -e "$message" -e 'rewrite.* applied$' -q "$t/err"; then
    pass
  else
    fail "$what: exit $code (want 2), stderr:"
    sed 's/^/    /' "$t/err" >&2
  fi
}

for format in text gnu json jsonl sarif checkstyle github; do
  full "--format $format, one small report" /dev/null -f "$format" draft.md
  full "--format $format, stdin" "$t/draft.md" -f "$format" -
  full "--format $format, a report larger than the buffer, two files" /dev/null \
    -f "$format" big.md big2.md
done
full "--format json with no findings" /dev/null -f json /dev/null
full "--list-rules" /dev/null --list-rules
full "--explain" /dev/null --explain terminology.water-metaphor
full "--help" /dev/null --help
full "--version" /dev/null --version
full "--diff" /dev/null --diff draft.md
full "--diff, two large files" /dev/null --diff big.md big2.md
full "--fix on stdin, a rewrite" "$t/draft.md" --fix
full "--fix on stdin, nothing to rewrite" "$t/clean.md" --fix
full "--fix on stdin, a large text" "$t/big.md" --fix -
full "--fix on files, the report" /dev/null --fix -f json draft.md second.md

# The draft that --fix rewrote in place is whole: only the report was lost.
check "--fix with stdout on /dev/full left the fixed draft" \
  [ "$(cat "$t/draft.md"; echo .)" = "$fixed." ]
finish
