#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium loads the page
# framelint wrote for hostile drafts (script tags and event handlers in the
# text, in a file name, in a rule's message and rewrite), dumps the DOM
# after scripts ran, and check_dom.py checks that every finding is marked
# on its own words with its note beside it, that the page's filter script
# ran, and that nothing from a draft did.
# Usage: chromium.sh PATH-TO-FRAMELINT
set -u
here=$(cd "$(dirname "$0")" && pwd)
fl=$(realpath "$1")
browser=$(command -v chromium || command -v chromium-browser)
if [ -z "$browser" ]; then
  echo "SKIPPED: chromium not found (scripts/setup installs it)"
  exit 0
fi
if [ ! -x /usr/bin/python3 ]; then
  echo "SKIPPED: python3 not found (scripts/setup installs it)"
  exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 1
mkdir drafts
cp "$here/hostile.txt" "drafts/<img src=x onerror=alert(1)>.txt"
cp "$here/hostile.html" drafts/page.html
cp "$here/hostile.md" drafts/notes.md
cp "$here/overlap.txt" drafts/overlap.txt
args=(--no-config --no-default-rules --rules "$here/hostile-rules.yml")
"$fl" "${args[@]}" --format html drafts >report.html
code=$?
if [ $code -ne 1 ]; then
  echo "FAIL: framelint --format html exited $code, expected 1"
  exit 1
fi
"$fl" "${args[@]}" --format jsonl drafts >findings.jsonl
mapfile -t paths < <(sed -E 's/^\{"path": "(([^"\\]|\\.)*)".*/\1/' findings.jsonl | uniq)
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run \
  --user-data-dir="$t/profile" --dump-dom "file://$t/report.html" >dom.html 2>browser.err
if [ ! -s dom.html ]; then
  echo "FAIL: chromium dumped no DOM: $(tail -3 browser.err)"
  exit 1
fi
/usr/bin/python3 "$here/check_dom.py" dom.html findings.jsonl "${paths[@]}"
