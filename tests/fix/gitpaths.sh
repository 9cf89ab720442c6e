#!/usr/bin/env bash
# --diff output applied by real tools (issue 9): `git apply --check` and
# `patch -p1` must accept it from the repository's root and from a
# sub-folder, for a folder walked as "." and for a file named by an
# absolute path or one that climbs out and back ("../drafts/b.md"); and
# applying it must give exactly what --fix writes. Exits 77 (skipped)
# without git or patch.
# Usage: gitpaths.sh PATH-TO-FRAMELINT
set -u
fl=$(realpath "$1")
command -v git >/dev/null && command -v patch >/dev/null || exit 77
# shellcheck source=SCRIPTDIR/../checks.sh
. "$(dirname "$0")/../checks.sh"

repo=$t/repo
mkdir -p "$repo/drafts/sub"
printf 'A flood of migrants reached the border.\nNothing else.\n' >"$repo/drafts/sub/a.md"
printf 'Title\n\nThe illegal immigrants were held.\n' >"$repo/drafts/b.md"
printf 'Nothing to fix here.\n' >"$repo/notes.md"
git -C "$repo" init -q
git -C "$repo" add .
git -C "$repo" -c user.name=t -c user.email=t@example.org commit -qm drafts
# What --fix writes, to compare an applied patch against.
cp -r "$repo" "$t/fixed"
"$fl" --no-config --fix "$t/fixed/drafts" >/dev/null 2>&1

# tries WHERE DESCRIPTION ARGS...: --diff ARGS run in $repo/WHERE; the
# patch must name no "./" or absolute path, pass both tools' checks there,
# and, applied by each tool to a clean checkout, give what --fix gives.
tries() {
  local where=$1 what=$2 scope=drafts
  [ "$where" = . ] || scope=$where # what the run covers
  shift 2
  (cd "$repo/$where" && "$fl" --no-config --diff "$@") >"$t/p.diff" 2>"$t/err"
  check "$what: --diff exits 1 with a patch (got: $(head -c 200 "$t/err"))" [ -s "$t/p.diff" ]
  check "$what: no './' or absolute name ($(grep -m2 '^[-+][-+][-+] ' "$t/p.diff" | tr '\n' ' '))" \
    not grep -qE '^(---|\+\+\+) ([ab]/)?(\./|/)' "$t/p.diff"
  check "$what: every name has a/ or b/" \
    not grep -qvE '^(--- a/|\+\+\+ b/|[-+ @]|\\)' "$t/p.diff"
  check "$what: git apply --check accepts it in $where/ ($(cd "$repo/$where" && git apply --check "$t/p.diff" 2>&1 | head -2))" \
    bash -c 'cd "$1" && git apply --check "$2"' _ "$repo/$where" "$t/p.diff"
  check "$what: patch -p1 --dry-run accepts it in $where/" \
    bash -c 'cd "$1" && patch -p1 --dry-run -s <"$2" >/dev/null' _ "$repo/$where" "$t/p.diff"
  (cd "$repo/$where" && git apply "$t/p.diff")
  check "$what: applied by git, the drafts are what --fix writes" \
    diff -r -x .git "$repo/$scope" "$t/fixed/$scope"
  git -C "$repo" checkout -q -- .
  (cd "$repo/$where" && patch -p1 -s <"$t/p.diff" >/dev/null)
  check "$what: applied by patch, the drafts are what --fix writes" \
    diff -r -x .git "$repo/$scope" "$t/fixed/$scope"
  git -C "$repo" checkout -q -- .
}

tries . "the root walked as ." .
tries . "the root, drafts/ named with ./ and a doubled slash" ./drafts//
tries drafts "a sub-folder walked as ." .
tries drafts "a sub-folder, files by absolute path" "$repo/drafts/b.md" "$repo/drafts/sub/a.md"
tries drafts "a sub-folder, files named by ../ and back" ../drafts/b.md ../drafts/sub/./a.md
tries drafts/sub "a sub-sub-folder walked as ." .

finish
