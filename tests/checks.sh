# shellcheck shell=bash
# Shared by the shell tests (tests/fix/cli.sh, tests/faults/*.sh): a scratch
# folder removed at exit, and checks that are counted, with each failure
# printed. Source it after `fl` is set; end the script with `finish`.
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
failures=0
passes=0

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then pass; else fail "$what"; fi
}
not() { ! "$@"; }
# Prints the tally; the script's exit status says whether all passed.
finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
