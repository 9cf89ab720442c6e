#!/usr/bin/env bash
# Every allocation of a real run fails once: framelint, with failmalloc.so
# preloaded, is run again and again with its 1st, 2nd, … allocation failing.
# Each run must either exit 2 with a message on stderr, or (an allocation it
# can do without, such as stdio's buffer) print exactly what a normal run
# prints, leave the same files, and exit as it does. Never a crash, never a
# silent exit 2, never a different answer.
# Usage: alloc.sh PATH-TO-FRAMELINT PATH-TO-FAILMALLOC.SO RULES.yml [STRIDE]
# The runs: a folder walk with a config (rule file, severities, allowed
# words, ignore globs) and directives, --fix on a file, --fix on stdin,
# --diff and --list-rules. STRIDE n fails every nth allocation (default 1).
set -u
fl=$(realpath "$1")
preload=$(realpath "$2")
rules=$(realpath "$3")
stride=${4:-1}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# The drafts, once; setup gives each run a fresh copy in $t/work, so --fix
# starts from the same text.
mkdir -p "$t/template/drafts/sub"
cp "$rules" "$t/template/drafts/rules.yml"
printf 'default-rules: false\nrule-files: [rules.yml]\nignore: [sub/skip.md]\n' \
  >"$t/template/drafts/.framelint.yml"
printf 'rules:\n  t.crowd: warning\nallow: [influx]\n' >>"$t/template/drafts/.framelint.yml"
printf '# A crowd at the border\n\nA flood of migrants and illegal migrants.\n\n' \
  >"$t/template/drafts/a.md"
printf '<!-- framelint-disable-next-line nosuch -->\nA flood of refugees.\n' \
  >>"$t/template/drafts/a.md"
printf '<p>A flood of migrants.<img alt="a crowd"></p><!-- unclosed' \
  >"$t/template/drafts/b.html"
cp "$t/template/drafts/a.md" "$t/template/drafts/sub/skip.md"
cp "$t/template/drafts/a.md" "$t/template/drafts/sub/c.txt"
setup() {
  if [ "${changes_files:-1}" = 1 ] || [ ! -d "$t/work" ]; then
    rm -rf "$t/work"
    cp -R "$t/template" "$t/work"
  fi
}

runs=(
  "-f json drafts"
  "-f text --color always drafts/a.md drafts/b.html"
  "--fix drafts/a.md"
  "--fix --stdin-filename drafts/in.md -"
  "--diff drafts"
  "--list-rules --config drafts/.framelint.yml"
)

# run N ARGS: framelint in $t/work with allocation N failing (0: none),
# stdin a draft; results in $t/out, $t/err, $t/code and the drafts' state in
# $t/state.
run() {
  # shellcheck disable=SC2086 # ARGS are words
  (cd "$t/work" && FL_FAIL_AT=$1 LD_PRELOAD="$preload" "$fl" $2 \
     <"$t/work/drafts/a.md" >"$t/out" 2>"$t/err")
  echo $? >"$t/code"
  if [ "$changes_files" = 1 ]; then
    cat "$t/work/drafts/"*.* >"$t/state"
  fi
}

failures=0
tried=0
for args in "${runs[@]}"; do
  changes_files=1
  setup
  : >"$t/state"
  case " $args " in *" --fix "*) ;; *) changes_files=0 ;; esac
  FL_FAIL_COUNT="$t/count" run 0 "$args"
  for f in out err code state; do cp "$t/$f" "$t/want.$f"; done
  total=$(cat "$t/count" 2>/dev/null || echo 0)
  if [ "$total" -lt 10 ]; then
    echo "failmalloc.so counted $total allocations: it does not work here; skipped"
    exit 77
  fi
  for ((n = 1; n <= total; n += stride)); do
    setup
    run "$n" "$args"
    tried=$((tried + 1))
    code=$(cat "$t/code")
    if [ "$code" -eq 2 ] && [ -s "$t/err" ]; then
      continue
    fi
    if cmp -s "$t/code" "$t/want.code" && cmp -s "$t/out" "$t/want.out" &&
       cmp -s "$t/state" "$t/want.state"; then
      continue
    fi
    failures=$((failures + 1))
    echo "FAIL: framelint $args, allocation $n of $total failing: exit $code, stderr:" >&2
    sed 's/^/    /' "$t/err" >&2
  done
done
echo "$tried runs, each with one allocation failing: $failures went wrong"
[ "$failures" -eq 0 ]
