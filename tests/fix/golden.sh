#!/usr/bin/env bash
# Compares what the generator prints with a checked-in golden file, or
# rewrites the golden file for review when FL_UPDATE_GOLDEN=1.
# Usage: golden.sh GENERATOR EXPECTED-FILE
set -u
generator=$1
expected=$2
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
if ! "$generator" >"$actual"; then
  echo "FAIL: $generator failed"
  exit 1
fi
if [ "${FL_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$actual" "$expected"
  echo "updated $expected: review the change with git diff"
  exit 0
fi
if diff -u "$expected" "$actual"; then
  echo "1 passed, 0 failed"
  exit 0
fi
echo "FAIL: $expected differs (lines marked + are what the code does now)."
echo "If the change is right, rerun with FL_UPDATE_GOLDEN=1 and review git diff."
echo "0 passed, 1 failed"
exit 1
