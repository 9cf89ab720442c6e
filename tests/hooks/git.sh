#!/usr/bin/env bash
# contrib/git-hooks/pre-commit with real git, in throwaway repositories: a
# staged finding blocks the commit and is printed, the staged copy is what
# counts (not the working tree), --fix then git add lets it through, odd file
# names work, fail-on comes from git config or .framelint.yml, framelint
# errors block, and --no-verify bypasses.
# Usage: git.sh PATH-TO-FRAMELINT SOURCE-DIR
set -u
fl=$(realpath "$1")
hook=$(realpath "$2/contrib/git-hooks/pre-commit")
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
failures=0
passes=0

if ! command -v git >/dev/null 2>&1; then
  echo "SKIPPED: git is not installed (scripts/setup installs it)"
  echo "0 passed, 0 failed"
  exit 0
fi

# Only the throwaway repositories' own settings count.
export HOME=$t/home GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
mkdir "$HOME"

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then pass; else fail "$what"; fi
}
has() { grep -qF -- "$1" "$t/out"; }
lacks() { ! grep -qF -- "$1" "$t/out"; }

bad='A flood of migrants reached the border last week.
'
clean='Many people reached the border last week.
'

# new_repo NAME: a repository with the hook installed and one first commit.
new_repo() {
  repo=$t/$1
  git -c init.defaultBranch=main init -q "$repo"
  git -C "$repo" config user.name "Hook Test"
  git -C "$repo" config user.email "hook@example.invalid"
  git -C "$repo" config commit.gpgsign false
  git -C "$repo" config framelint.path "$fl"
  cp "$hook" "$repo/.git/hooks/pre-commit"
  printf 'start\n' >"$repo/README"
  git -C "$repo" add README
  git -C "$repo" commit -q -m start
}
commit() { # commit MESSAGE [git commit options]: output in $t/out, status returned
  local message=$1
  shift
  git -C "$repo" commit -q -m "$message" "$@" >"$t/out" 2>&1
}

# --- a staged finding blocks the commit and is printed
new_repo basic
printf '%s' "$bad" >"$repo/draft.md"
git -C "$repo" add draft.md
commit "bad draft"
check "a staged finding blocks the commit" [ $? -ne 0 ]
check "the finding is printed with the path" has "draft.md:1:"
check "the finding names its rule" has "terminology.water-metaphor"
check "the hint to bypass is printed" has "git commit --no-verify"
check "nothing was committed" [ "$(git -C "$repo" rev-list --count HEAD)" = 1 ]

# --- the staged copy counts, not the working tree
printf '%s' "$clean" >"$repo/draft.md"
commit "staged copy still bad"
check "a clean working copy does not hide a bad staged copy" [ $? -ne 0 ]
check "the staged finding is printed" has "terminology.water-metaphor"

# --- --fix, git add, commit
printf '%s' "$bad" >"$repo/draft.md"
"$fl" --fix "$repo/draft.md" >/dev/null 2>&1
git -C "$repo" add draft.md
commit "fixed draft"
check "after --fix and git add the commit goes through" [ $? -eq 0 ]
check "the fixed draft is what was committed" \
  [ "$(git -C "$repo" show HEAD:draft.md)" = "A large number of migrants reached the border last week." ]

# --- and the other way round: a clean staged copy passes, whatever the
# working tree holds
printf 'Second line is fine.\n' >>"$repo/draft.md"
git -C "$repo" add draft.md
printf '%s' "$bad" >>"$repo/draft.md"
commit "clean staged copy"
check "a bad working copy does not block a clean staged copy" [ $? -eq 0 ]

# --- names with spaces and non-ASCII letters; other extensions are not linted
new_repo names
mkdir "$repo/press office"
printf '%s' "$bad" >"$repo/press office/winter plan.md"
printf '%s' "$bad" >"$repo/communiqué été.TXT"
printf '%s' "$bad" >"$repo/notes.csv"
git -C "$repo" add .
commit "odd names"
check "files with spaces and accents in their names are linted and block" [ $? -ne 0 ]
check "a name with spaces is shown whole" has "press office/winter plan.md:1:"
check "a non-ASCII name is shown as it is" has "communiqué été.TXT:1:"
check "a .csv file is not linted" lacks "notes.csv"
git -C "$repo" rm -q --cached "press office/winter plan.md" "communiqué été.TXT"
commit "only the csv"
check "a finding in a file of another type does not block" [ $? -eq 0 ]

# --- --no-verify bypasses
new_repo bypass
printf '%s' "$bad" >"$repo/draft.md"
git -C "$repo" add draft.md
commit "bypass" --no-verify
check "--no-verify commits despite a finding" [ $? -eq 0 ]

# --- the fail-on level: git config framelint.failOn, then .framelint.yml
new_repo levels
printf 'Aliens were deported last week.\n' >"$repo/warning.md" # a warning, not an error
git -C "$repo" add warning.md
commit "a warning"
check "a warning blocks by default" [ $? -ne 0 ]
git -C "$repo" config framelint.failOn error
commit "a warning, failOn error"
check "git config framelint.failOn error lets a warning through" [ $? -eq 0 ]
check "the warning is still printed" has "terminology.alien"
git -C "$repo" config --unset framelint.failOn
printf 'Aliens crossing the border will be detained.\n' >"$repo/warning.md"
printf 'fail-on: error\n' >"$repo/.framelint.yml"
git -C "$repo" add warning.md
commit "a warning, config fail-on error"
check "the config's fail-on: error lets a warning through" [ $? -eq 0 ]
git -C "$repo" config framelint.failOn warning
printf 'The law targets aliens seeking asylum.\n' >"$repo/warning.md"
git -C "$repo" add warning.md
commit "a warning, failOn warning over the config"
check "git config framelint.failOn wins over the config" [ $? -ne 0 ]

# --- framelint errors block: a broken config, a missing framelint
new_repo errors
printf 'fail-on: sometimes\n' >"$repo/.framelint.yml"
printf 'Nothing to see.\n' >"$repo/draft.md"
git -C "$repo" add draft.md
commit "broken config"
check "framelint's exit 2 blocks the commit" [ $? -ne 0 ]
check "framelint's error is printed" has ".framelint.yml:1:"
check "the hook says framelint could not check the file" has "could not check 1 staged file"
rm "$repo/.framelint.yml"
git -C "$repo" config framelint.path "$t/no-such-framelint"
commit "no framelint"
check "a missing framelint blocks the commit" [ $? -ne 0 ]
check "a missing framelint is explained" has "install framelint on PATH"

# --- framelint found on PATH, and the hook installed through core.hooksPath
new_repo path
git -C "$repo" config --unset framelint.path
rm "$repo/.git/hooks/pre-commit"
mkdir "$t/bin"
ln -s "$fl" "$t/bin/framelint"
git -C "$repo" config core.hooksPath "$(dirname "$hook")"
printf '%s' "$bad" >"$repo/draft.md"
git -C "$repo" add draft.md
PATH=$t/bin:$PATH commit "on PATH"
check "framelint on PATH and core.hooksPath: the finding blocks" [ $? -ne 0 ]
check "framelint on PATH prints the finding" has "terminology.water-metaphor"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
