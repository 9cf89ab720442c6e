#!/usr/bin/env bash
# framelint under the real pre-commit framework, offline: a throwaway
# repository with a `repo: local` hook, and `pre-commit try-repo` against this
# checkout's .pre-commit-hooks.yaml. A draft with findings fails; after
# framelint --fix it passes. Skipped (and passing) without pre-commit.
# Usage: pre-commit.sh PATH-TO-FRAMELINT SOURCE-DIR
set -u
fl=$(realpath "$1")
src=$(realpath "$2")
if ! command -v pre-commit >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1; then
  echo "SKIPPED: pre-commit or git is not installed (scripts/setup installs both)"
  echo "0 passed, 0 failed"
  exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
failures=0
passes=0

# No network, no user settings: pre-commit keeps its cache in $t, git reads
# only the repositories' own config, and framelint is found on PATH.
export HOME=$t/home PRE_COMMIT_HOME=$t/cache GIT_CONFIG_NOSYSTEM=1 \
  GIT_CONFIG_GLOBAL=/dev/null PRE_COMMIT_COLOR=never
mkdir "$HOME" "$t/bin"
ln -s "$fl" "$t/bin/framelint"
export PATH=$t/bin:$PATH

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then pass; else fail "$what"; cat "$t/out" >&2; fi
}
has() { grep -qF -- "$1" "$t/out"; }
lacks() { ! has "$1"; }

repo=$t/repo
git -c init.defaultBranch=main init -q "$repo"
git -C "$repo" config user.name "Hook Test"
git -C "$repo" config user.email "hook@example.invalid"
git -C "$repo" config commit.gpgsign false
cd "$repo" || exit 1
cat >.pre-commit-config.yaml <<'YAML'
repos:
  - repo: local
    hooks:
      - id: framelint
        name: framelint
        entry: framelint
        language: system
        files: (?i)\.(md|markdown|txt|html?)$
YAML
printf 'A flood of migrants reached the border last week.\n' >draft.md
printf 'An influx of asylum seekers reached the port.\n' >NOTES.TXT
printf 'A flood of migrants, in a file nobody lints.\n' >data.csv
git add .

# --- repo: local
pre-commit run --files draft.md >"$t/out" 2>&1
check "pre-commit run fails on a draft with findings" [ $? -eq 1 ]
check "pre-commit shows framelint's finding" has "draft.md:1:1: warning"
pre-commit run --files NOTES.TXT data.csv >"$t/out" 2>&1
check "the files pattern ignores case (NOTES.TXT is linted)" has "NOTES.TXT:1:"
check "the files pattern skips other types (data.csv is not)" lacks "data.csv"
framelint --fix draft.md NOTES.TXT >/dev/null 2>&1
git add draft.md NOTES.TXT
pre-commit run --files draft.md NOTES.TXT >"$t/out" 2>&1
check "pre-commit run passes after framelint --fix" [ $? -eq 0 ]

# --- pre-commit install: git commit runs it
pre-commit install >/dev/null 2>&1
printf 'Hordes of refugees are on their way.\n' >second.md
git add second.md
git commit -q -m "second" >"$t/out" 2>&1
check "git commit through pre-commit install is blocked by a finding" [ $? -ne 0 ]
check "the blocked commit shows the finding" has "terminology.animal-metaphor"
framelint --fix second.md >/dev/null 2>&1
git add second.md
git commit -q -m "second, fixed" >"$t/out" 2>&1
check "the fixed draft commits through pre-commit" [ $? -eq 0 ]

# --- try-repo: this checkout's own .pre-commit-hooks.yaml, no network
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
  printf 'Refugees flooded into the town overnight.\n' >third.md
  git add third.md
  pre-commit try-repo "$src" framelint --files third.md >"$t/out" 2>&1
  check "try-repo with this checkout's hook fails on a finding" [ $? -eq 1 ]
  check "try-repo shows the finding" has "terminology.water-verb"
  framelint --fix third.md >/dev/null 2>&1
  git add third.md
  pre-commit try-repo "$src" framelint --files third.md >"$t/out" 2>&1
  check "try-repo passes after framelint --fix" [ $? -eq 0 ]
else
  echo "note: $src is not a git checkout; pre-commit try-repo not tried"
fi

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
