# Sourced by the docx test scripts: a scratch folder removed on exit, and
# counted checks that end in the "N passed, N failed" line.
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
failures=0
passes=0
pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }
differ() { ! cmp -s "$1" "$2"; }
lacks() { ! grep -q "$@"; }
finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
