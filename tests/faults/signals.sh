#!/usr/bin/env bash
# --fix under signals: SIGTERM, SIGINT, SIGHUP and SIGKILL sent while the
# temporary file exists (the moment a kill used to leave it behind). After
# each, the draft must be either untouched or wholly fixed; after a catchable
# signal no temporary file may remain, and after SIGKILL the next --fix of
# the same file must remove it. Then a closed pipe with SIGPIPE ignored must
# end the run with one message, not one per remaining file.
# Usage: signals.sh PATH-TO-FRAMELINT [ROUNDS]
set -u
fl=$(realpath "$1")
rounds=${2:-5}
# Job control: without it, bash starts background commands with SIGINT
# ignored, and SIGINT would test nothing.
set -m
# shellcheck source=SCRIPTDIR/../checks.sh
. "$(dirname "$0")/../checks.sh"
temp_left() { compgen -G "$t/.draft.md.framelint-*" >/dev/null; }

# A draft big enough that writing it takes a moment, with fewer findings
# than FL_MAX_FINDINGS so that one --fix fixes all of it.
for _ in $(seq 20000); do
  printf 'A flood of migrants reached the border last week, with more expected.\n\n'
done >"$t/original.md"
cp "$t/original.md" "$t/fixed.md"
"$fl" --no-config --fix "$t/fixed.md" >/dev/null 2>&1
check "the reference --fix changed the draft" not cmp -s "$t/original.md" "$t/fixed.md"

whole() { cmp -s "$t/draft.md" "$t/original.md" || cmp -s "$t/draft.md" "$t/fixed.md"; }

# Starts --fix on a fresh copy, waits until its temporary file exists (or the
# run ended first) and sends the signal. Returns 0 if the signal landed while
# the temporary file was there.
kill_during_write() {
  local sig=$1 pid hit=1
  cp "$t/original.md" "$t/draft.md"
  rm -f "$t"/.draft.md.framelint-* # a previous round's, already checked
  "$fl" --no-config --fix "$t/draft.md" >/dev/null 2>"$t/err" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if temp_left; then
      kill -s "$sig" "$pid" 2>/dev/null
      hit=0
      break
    fi
  done
  wait "$pid" 2>/dev/null
  return $hit
}

left=0
for sig in TERM INT HUP KILL; do
  hits=0
  for _ in $(seq "$rounds"); do
    kill_during_write "$sig" && hits=$((hits + 1))
    check "SIG$sig: the draft is untouched or wholly fixed" whole
    if [ "$sig" != KILL ]; then
      check "SIG$sig: no temporary file left" not temp_left
    else
      temp_left && left=$((left + 1))
      "$fl" --no-config --fix "$t/draft.md" >/dev/null 2>"$t/err"
      code=$?
      check "after SIGKILL, the next --fix exits 0 (got $code: $(cat "$t/err"))" [ $code -eq 0 ]
      check "after SIGKILL, the next --fix removed the temporary file" not temp_left
      check "after SIGKILL, the next --fix fixed the draft" cmp -s "$t/draft.md" "$t/fixed.md"
    fi
  done
  # Not a failure of framelint, but then this test tested nothing.
  check "SIG$sig landed during the write at least once in $rounds rounds" [ "$hits" -gt 0 ]
done

check "SIGKILL left a temporary file at least once, for the next run to remove" \
  [ "$left" -gt 0 ]

# --- a closed pipe, with SIGPIPE ignored: one message, exit 2
cp "$t/original.md" "$t/a.md"
cp "$t/original.md" "$t/b.md"
(
  trap '' PIPE
  "$fl" --no-config -f gnu "$t/a.md" "$t/b.md" 2>"$t/err" | head -c 100 >/dev/null
  exit "${PIPESTATUS[0]}"
)
code=$?
check "a closed pipe exits 2 (got $code)" [ "$code" -eq 2 ]
check "a closed pipe is reported once ($(wc -l <"$t/err") lines)" \
  [ "$(cat "$t/err")" = "framelint: cannot write to standard output: Broken pipe" ]

finish
