#!/usr/bin/env bash
# framelint --fix and --diff as a user meets them: the file's mode kept, a
# symbolic link's target rewritten, no temporary file left behind, stdin
# printing only the fixed text, --diff touching nothing, a second --fix
# changing nothing, a file edited during the run refused, and a read-only
# folder, a full disk or a link that leads nowhere, loops or into a
# read-only folder refused with a message and the draft untouched.
# Usage: cli.sh PATH-TO-FRAMELINT
set -u
fl=$(realpath "$1")
# shellcheck source=SCRIPTDIR/../checks.sh
. "$(dirname "$0")/../checks.sh"

draft='A flood of migrants reached the border last week.
Nothing else here.
'
fixed='A large number of migrants reached the border last week.
Nothing else here.
'
no_temp_files() { # no ".NAME.framelint-XXXXXX" left in folder $1
  local f
  for f in "$1"/.*.framelint-*; do
    [ -e "$f" ] && return 1
  done
  return 0
}
lacks() { ! grep -q "$@"; }
same_text() { [[ "$(cat "$1"; echo .)" == "$2." ]]; }

# Root writes anywhere, so as root the read-only cases run as nobody. nobody
# must be able to reach the binary and its shared library: a build inside a
# folder only root may enter (a clone in a `mktemp -d` folder, mode 700) is
# out of its reach, and the loader's exit 127 would read as --fix failing.
# Those cases are skipped then, and the run says so.
as_root=0 nobody_runs=0
if [ "$(id -u)" -eq 0 ]; then
  as_root=1
  if command -v setpriv >/dev/null &&
    setpriv --reuid=65534 --regid=65534 --clear-groups "$fl" --version >/dev/null 2>&1; then
    nobody_runs=1
  else
    echo "skip: nobody cannot run $fl (no setpriv, or a folder on its path is closed to others); the read-only cases need it"
  fi
fi

# --- the file's permission bits are kept
mkdir "$t/mode"
printf '%s' "$draft" >"$t/mode/draft.md"
chmod 640 "$t/mode/draft.md"
"$fl" --no-config --fix "$t/mode/draft.md" >"$t/out" 2>"$t/err"
check "--fix exits 0 when nothing is left (got $?)" [ $? -eq 0 ]
check "--fix rewrote the file" same_text "$t/mode/draft.md" "$fixed"
check "--fix kept mode 640 (now $(stat -c %a "$t/mode/draft.md"))" \
  [ "$(stat -c %a "$t/mode/draft.md")" = 640 ]
check "--fix said how many rewrites it applied" grep -q ': 1 rewrite applied$' "$t/err"
check "no temporary file left after --fix" no_temp_files "$t/mode"

# --- a read-only file: refused, unless root (who may write it anyway);
# as root, the owner, group and mode are kept
mkdir "$t/ro"
chmod 777 "$t/ro"
printf '%s' "$draft" >"$t/ro/draft.md"
chmod 444 "$t/ro/draft.md"
as_user=()
if [ $nobody_runs -eq 1 ]; then
  chown 65534:65534 "$t/ro/draft.md"
  chmod 755 "$t" # let the user in
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  "${as_user[@]}" "$fl" --no-config --fix "$t/ro/draft.md" >"$t/out" 2>"$t/err"
  code=$?
  check "--fix on a read-only file exits 2 (got $code)" [ $code -eq 2 ]
  check "--fix says why it left a read-only file alone" \
    grep -q 'draft.md: cannot write to it (Permission denied); not rewritten$' "$t/err"
  check "--fix left the read-only file alone" same_text "$t/ro/draft.md" "$draft"
  check "no temporary file beside the read-only file" no_temp_files "$t/ro"
fi
if [ "$(id -u)" -eq 0 ]; then
  chown 1234:2345 "$t/ro/draft.md"
  chmod 440 "$t/ro/draft.md"
  "$fl" --no-config --fix "$t/ro/draft.md" >"$t/out" 2>"$t/err"
  code=$?
  check "--fix as root rewrites a read-only file (got $code)" [ $code -eq 0 ]
  check "--fix as root rewrote it" same_text "$t/ro/draft.md" "$fixed"
  check "--fix as root kept owner, group and mode ($(stat -c '%u:%g %a' "$t/ro/draft.md"))" \
    [ "$(stat -c '%u:%g %a' "$t/ro/draft.md")" = "1234:2345 440" ]
fi

# --- a symbolic link: its target is rewritten, the link stays a link
mkdir "$t/link" "$t/link/real"
printf '%s' "$draft" >"$t/link/real/draft.md"
ln -s real/draft.md "$t/link/draft.md"
"$fl" --no-config --fix "$t/link/draft.md" >"$t/out" 2>"$t/err"
check "--fix through a symbolic link exits 0" [ $? -eq 0 ]
check "the link is still a link" [ -L "$t/link/draft.md" ]
check "the link still points where it did" [ "$(readlink "$t/link/draft.md")" = real/draft.md ]
check "the link's target was rewritten" same_text "$t/link/real/draft.md" "$fixed"
check "no temporary file beside the link" no_temp_files "$t/link"
check "no temporary file beside the target" no_temp_files "$t/link/real"

# --- stdin: the fixed text and nothing else on stdout
printf '%s' "$draft" | "$fl" --no-config --fix >"$t/out" 2>"$t/err"
check "--fix on stdin exits 0" [ $? -eq 0 ]
check "--fix on stdin prints exactly the fixed text" same_text "$t/out" "$fixed"
printf 'No finding.\r\nAt all.' | "$fl" --no-config --fix >"$t/out" 2>"$t/err"
check "--fix on stdin with nothing to fix prints the text unchanged" \
  same_text "$t/out" $'No finding.\r\nAt all.'
check "--fix on stdin says nothing on stderr" [ ! -s "$t/err" ]

# --- a name as long as the folder allows (issue 8, item 12): the temporary
# name must still fit
mkdir "$t/long"
long=$(printf 'n%.0s' $(seq 251)).md
printf '%s' "$draft" >"$t/long/$long"
"$fl" --no-config --fix "$t/long/$long" >"$t/out" 2>"$t/err"
code=$?
check "--fix on a 254-byte file name exits 0 (got $code: $(cat "$t/err"))" [ $code -eq 0 ]
check "--fix rewrote the file with the long name" same_text "$t/long/$long" "$fixed"
check "no temporary file left beside the long name" no_temp_files "$t/long"

# --- a temporary file left by a killed run is removed; one in use (locked
# by a run still writing it) is not, and the draft is left alone
mkdir "$t/stale"
printf '%s' "$draft" >"$t/stale/draft.md"
printf 'half a draft' >"$t/stale/.draft.md.framelint-tmp"
"$fl" --no-config --fix "$t/stale/draft.md" >"$t/out" 2>"$t/err"
code=$?
check "--fix beside a stale temporary file exits 0 (got $code: $(cat "$t/err"))" [ $code -eq 0 ]
check "--fix beside a stale temporary file rewrote the draft" same_text "$t/stale/draft.md" "$fixed"
check "--fix removed the stale temporary file" no_temp_files "$t/stale"
if command -v flock >/dev/null; then
  printf '%s' "$draft" >"$t/stale/draft.md"
  printf 'being written' >"$t/stale/.draft.md.framelint-tmp"
  flock "$t/stale/.draft.md.framelint-tmp" sleep 5 &
  holder=$!
  sleep 0.2
  "$fl" --no-config --fix "$t/stale/draft.md" >"$t/out" 2>"$t/err"
  code=$?
  kill "$holder" 2>/dev/null
  wait "$holder" 2>/dev/null
  check "--fix beside a temporary file in use exits 2 (got $code)" [ $code -eq 2 ]
  check "--fix says the temporary file is in use" grep -q 'framelint-tmp is in use' "$t/err"
  check "--fix left the draft alone" same_text "$t/stale/draft.md" "$draft"
  check "--fix left the other run's temporary file alone" \
    same_text "$t/stale/.draft.md.framelint-tmp" 'being written'
fi

# --- UTF-16 and UTF-32 with a byte-order mark (issue 8, item 4): fixed and
# written back in their own encoding, mark included
if command -v iconv >/dev/null; then
  encode() { printf '\357\273\277%s' "$2" | iconv -f UTF-8 -t "$1"; } # BOM first
  mkdir "$t/utf16"
  encode UTF-16LE "$draft" >"$t/utf16/draft.txt"
  encode UTF-16LE "$fixed" >"$t/utf16/want.txt"
  "$fl" --no-config --fix "$t/utf16/draft.txt" >"$t/out" 2>"$t/err"
  code=$?
  check "--fix on UTF-16LE exits 0 (got $code: $(cat "$t/err"))" [ $code -eq 0 ]
  check "--fix wrote UTF-16LE back, mark and all" cmp -s "$t/utf16/draft.txt" "$t/utf16/want.txt"
  encode UTF-32BE "$draft" | "$fl" --no-config --fix >"$t/out" 2>"$t/err"
  check "--fix on UTF-32BE stdin prints it fixed, in UTF-32BE" \
    cmp -s "$t/out" <(encode UTF-32BE "$fixed")
  # A lone surrogate (D800) cannot be written back as it was: refused.
  { printf '\377\376'; printf 'A\0\0\330'; printf '%s' " flood of migrants" |
    iconv -f UTF-8 -t UTF-16LE; } >"$t/utf16/lone.txt"
  cp "$t/utf16/lone.txt" "$t/utf16/lone.copy"
  "$fl" --no-config --fix "$t/utf16/lone.txt" >"$t/out" 2>"$t/err"
  code=$?
  check "--fix refuses UTF-16 it cannot write back (got $code)" [ $code -eq 2 ]
  check "--fix left that file as it was" cmp -s "$t/utf16/lone.txt" "$t/utf16/lone.copy"
  "$fl" --no-config --fix <"$t/utf16/lone.txt" >"$t/out" 2>"$t/err"
  code=$?
  check "--fix on such stdin exits 2 (got $code)" [ $code -eq 2 ]
  check "--fix on such stdin prints it unchanged" cmp -s "$t/out" "$t/utf16/lone.copy"
fi

# --- stdin that looks binary (issue 8, item 3): not checked, but printed
# whole, since a pipeline may replace the draft with what --fix prints
printf 'A flood\0of migrants.\n' >"$t/binary.txt"
"$fl" --no-config --fix <"$t/binary.txt" >"$t/out" 2>"$t/err"
check "--fix on binary stdin exits 0, like skipping a binary file (got $?)" [ $? -eq 0 ]
check "--fix on binary stdin prints the input unchanged" cmp -s "$t/out" "$t/binary.txt"
check "--fix on binary stdin says it was not checked" \
  grep -q '^framelint: -: skipped: binary file (contains NUL bytes); printed unchanged$' "$t/err"

# --- --diff writes nothing to disk
mkdir "$t/diff"
printf '%s' "$draft" >"$t/diff/draft.md"
before=$(stat -c '%i %s %Y %a' "$t/diff/draft.md")
(cd "$t/diff" && "$fl" --no-config --diff draft.md >"$t/out" 2>"$t/err")
check "--diff exits 1: the draft still has its finding (got $?)" [ $? -eq 1 ]
check "--diff printed a diff" same_text "$t/out" '--- a/draft.md
+++ b/draft.md
@@ -1,2 +1,2 @@
-A flood of migrants reached the border last week.
+A large number of migrants reached the border last week.
 Nothing else here.
'
check "--diff left the file alone" same_text "$t/diff/draft.md" "$draft"
check "--diff left inode, size, mtime and mode alone" \
  [ "$(stat -c '%i %s %Y %a' "$t/diff/draft.md")" = "$before" ]
check "--diff created no file" [ "$(ls -A "$t/diff")" = draft.md ]

# --- a second --fix changes nothing
mkdir "$t/again"
printf '%s' "$draft" >"$t/again/draft.md"
"$fl" --no-config --fix "$t/again/draft.md" >/dev/null 2>&1
cp -p "$t/again/draft.md" "$t/again.copy"
before=$(stat -c '%i %s %Y' "$t/again/draft.md")
"$fl" --no-config --fix "$t/again/draft.md" >"$t/out" 2>"$t/err"
check "a second --fix exits 0" [ $? -eq 0 ]
check "a second --fix prints no 'rewrites applied' line" lacks 'applied' "$t/err"
check "a second --fix leaves the file byte-identical" cmp -s "$t/again/draft.md" "$t/again.copy"
check "a second --fix does not replace the file" \
  [ "$(stat -c '%i %s %Y' "$t/again/draft.md")" = "$before" ]

# --- a file edited while it is being linted is refused
# framelint reads the draft, then builds its ruleset on first use; the rule
# file is a FIFO, so opening it for writing waits until framelint has read
# the draft. The draft is edited then, before the rules arrive: no timing.
mkdir "$t/race"
mkfifo "$t/race/rules.yml"
printf 'The swarm left.\n' >"$t/race/draft.txt"
"$fl" --no-config --no-default-rules -r "$t/race/rules.yml" --fix "$t/race/draft.txt" \
  >"$t/out" 2>"$t/err" &
pid=$!
# shellcheck disable=SC2016 # expanded by the inner bash, from "$1"
timeout 30 bash -c '
  exec 3>"$1/rules.yml"
  printf "The swarm left. Edited meanwhile.\n" >"$1/draft.txt"
  printf "%s\n" "ruleset: t" "language: en" "rules:" "  - id: swarm" "    kind: term" \
    "    category: loaded-term" "    guidance: terminology" "    message: m" \
    "    explain: A rule for tests." "    terms:" "      - match: [swarm]" \
    "        suggest: [group]" >&3' _ "$t/race"
check "the edit happened while framelint waited for its rules" [ $? -eq 0 ]
wait "$pid"
code=$?
check "a file changed during the run makes --fix exit 2 (got $code)" [ "$code" -eq 2 ]
check "the refusal says why" grep -q 'draft.txt: changed while it was being linted; not rewritten' "$t/err"
check "the edit made during the run survives" same_text "$t/race/draft.txt" \
  'The swarm left. Edited meanwhile.
'
check "no temporary file left after a refusal" no_temp_files "$t/race"


# --- a read-only folder (issue 9): the file may be writable, but the
# temporary file that makes the rewrite atomic cannot be created beside it.
# Root writes anywhere, so the run is made as nobody when there is a way.
if [ $as_root -eq 0 ] || [ $nobody_runs -eq 1 ]; then
  mkdir "$t/rodir"
  printf '%s' "$draft" >"$t/rodir/draft.md"
  as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    chown 65534:65534 "$t/rodir/draft.md"
    chmod 755 "$t"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
  chmod 555 "$t/rodir"
  "${as_user[@]}" "$fl" --no-config --fix "$t/rodir/draft.md" >"$t/out" 2>"$t/err"
  code=$?
  chmod 755 "$t/rodir"
  check "--fix in a read-only folder exits 2 (got $code)" [ $code -eq 2 ]
  check "--fix says it cannot create its temporary file ($(cat "$t/err"))" \
    grep -q 'draft.md: cannot create a temporary file next to it: Permission denied$' "$t/err"
  check "--fix left the draft in the read-only folder alone" same_text "$t/rodir/draft.md" "$draft"
  check "no temporary file in the read-only folder" no_temp_files "$t/rodir"
fi

# --- a full disk (issue 9): a 64 KiB tmpfs, filled, in a mount namespace of
# its own so that nothing outlives the test. Only where mounting is allowed.
# shellcheck disable=SC2016 # expanded by the inner bash
if unshare -m true 2>/dev/null; then
  mkdir "$t/full"
  unshare -m bash -c '
    fl=$1 dir=$2
    mount -t tmpfs -o size=64k tmpfs "$dir" || exit 99
    for i in $(seq 1000); do printf "A flood of migrants reached the border. "; done >"$dir/draft.md"
    cp "$dir/draft.md" "$dir/../full.orig"
    head -c 200000 /dev/zero >"$dir/fill" 2>/dev/null
    "$fl" --no-config --fix "$dir/draft.md" >/dev/null 2>"$dir/../full.err"
    echo $? >"$dir/../full.code"
    cmp -s "$dir/draft.md" "$dir/../full.orig" && echo untouched >"$dir/../full.state"
    ls -A "$dir" >"$dir/../full.ls"
  ' _ "$fl" "$t/full"
  if [ $? -ne 99 ]; then
    check "--fix on a full disk exits 2 (got $(cat "$t/full.code"))" [ "$(cat "$t/full.code")" = 2 ]
    check "--fix says the disk is full ($(cat "$t/full.err"))" \
      grep -q 'draft.md: cannot write the fixed text: No space left on device$' "$t/full.err"
    check "--fix on a full disk left the draft untouched" [ "$(cat "$t/full.state" 2>/dev/null)" = untouched ]
    check "--fix on a full disk left no temporary file ($(tr '\n' ' ' <"$t/full.ls"))" \
      [ "$(tr '\n' ' ' <"$t/full.ls")" = "draft.md fill " ]
  fi
fi


# --- symbolic links that cannot be followed or written through (issue 9):
# a dangling link, a loop, and a link to a draft in a read-only folder.
mkdir -p "$t/badlink/ro"
ln -s nowhere.md "$t/badlink/dangling.md"
ln -s loop.md "$t/badlink/loop.md"
"$fl" --no-config --fix "$t/badlink/dangling.md" >"$t/out" 2>"$t/err"
code=$?
check "--fix on a dangling link exits 2 (got $code)" [ $code -eq 2 ]
check "--fix says the link leads nowhere ($(cat "$t/err"))" \
  grep -q 'dangling.md: No such file or directory$' "$t/err"
check "the dangling link is still a link to where it was" \
  [ "$(readlink "$t/badlink/dangling.md")" = nowhere.md ]
"$fl" --no-config --fix "$t/badlink/loop.md" >"$t/out" 2>"$t/err"
code=$?
check "--fix on a link loop exits 2 (got $code)" [ $code -eq 2 ]
check "--fix says the links loop ($(cat "$t/err"))" \
  grep -q 'loop.md: Too many levels of symbolic links$' "$t/err"
if [ $as_root -eq 0 ] || [ $nobody_runs -eq 1 ]; then
  printf '%s' "$draft" >"$t/badlink/ro/draft.md"
  ln -s ro/draft.md "$t/badlink/link.md"
  as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    chown 65534:65534 "$t/badlink/ro/draft.md"
    chmod 755 "$t" "$t/badlink"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
  chmod 555 "$t/badlink/ro"
  "${as_user[@]}" "$fl" --no-config --fix "$t/badlink/link.md" >"$t/out" 2>"$t/err"
  code=$?
  chmod 755 "$t/badlink/ro"
  check "--fix through a link into a read-only folder exits 2 (got $code)" [ $code -eq 2 ]
  check "--fix says why ($(cat "$t/err"))" \
    grep -q 'link.md: cannot create a temporary file next to it: Permission denied$' "$t/err"
  check "the link's target is untouched" same_text "$t/badlink/ro/draft.md" "$draft"
  check "the link is still a link" [ -L "$t/badlink/link.md" ]
  check "no temporary file beside the target" no_temp_files "$t/badlink/ro"
fi

# --- bytes that are not UTF-8: kept where they are, and a match that holds
# them is not rewritten (the rewrite would drop them), though it is reported
mkdir "$t/bytes"
printf 'Migrants flood\377\376 into the town.\nA flood of migrants came. \377\n' >"$t/bytes/draft.md"
"$fl" --no-config --fix "$t/bytes/draft.md" >"$t/out" 2>"$t/err"
code=$?
check "--fix with a match over odd bytes exits 1, the finding left (got $code)" [ $code -eq 1 ]
check "--fix kept the odd bytes and rewrote only the clean match ($(od -c "$t/bytes/draft.md" | head -3))" \
  cmp -s "$t/bytes/draft.md" <(printf 'Migrants flood\377\376 into the town.\nA large number of migrants came. \377\n')
"$fl" --no-config -f json "$t/bytes/draft.md" >"$t/out" 2>"$t/err"
check "the finding says why it was not rewritten" \
  grep -q '"not_rewritten": "it holds bytes that are not UTF-8; fix the file.s encoding first"' "$t/out"

finish
