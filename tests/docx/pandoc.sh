#!/usr/bin/env bash
# A real producer: pandoc turns draft.md into .docx and .odt, and framelint
# must find the same words in all three, on the paragraph each is in (line
# = paragraph number), and tell in JSON where a writer finds each one.
# Usage: pandoc.sh PATH-TO-FRAMELINT
set -u
here=$(cd "$(dirname "$0")" && pwd)
fl=$(realpath "$1")
if ! command -v pandoc >/dev/null; then
  echo "SKIPPED: pandoc not found (scripts/setup installs it)"
  exit 0
fi
. "$here/common.sh"

cp "$here/draft.md" "$t/"
cd "$t" || exit 1
pandoc draft.md -o draft.docx && pandoc draft.md -o draft.odt || { echo "FAIL: pandoc"; exit 1; }

# rule and matched words, one finding a line, in document order
matches() { "$fl" --no-config --format jsonl "$1" | sed -E 's/.*"rule": "([^"]*)".*"match": "([^"]*)".*/\1 \2/'; }
matches draft.md >md.txt
matches draft.docx >docx.txt
matches draft.odt >odt.txt
check "draft.md has findings" [ -s md.txt ]
check "the .docx has the Markdown's findings: $(diff md.txt docx.txt | tr '\n' ' ')" cmp -s md.txt docx.txt
check "the .odt has the Markdown's findings: $(diff md.txt odt.txt | tr '\n' ' ')" cmp -s md.txt odt.txt

# line = paragraph, column = code point in it: the heading is paragraph 1,
# the table cell paragraph 10, the footnote after the body
for f in docx odt; do
  "$fl" --no-config --format gnu "draft.$f" | cut -d: -f1-3 >"$f.pos"
  check "$f positions: $(tr '\n' ' ' <"$f.pos")" \
    grep -qx "draft.$f:1:19" "$f.pos"
  check "$f table cell is paragraph 10" grep -qx "draft.$f:10:1" "$f.pos"
  check "$f footnote comes after the body" grep -q "^draft.$f:12:" "$f.pos"
  "$fl" --no-config --format jsonl "draft.$f" >"$f.json"
  check "$f JSON names the part of the footnote" \
    grep -q '"match": "illegal aliens".*"part": "footnote"' "$f.json"
  check "$f JSON names the heading above" \
    grep -q '"match": "illegal immigrants".*"part": "body", "heading": "Council plans for a flood of migrants"' "$f.json"
  check "$f JSON has the cell's words as excerpt" grep -q '"excerpt": "a swarm of migrants was seen"' "$f.json"
done

# a macro-enabled .docm is read like a .docx; its macros are bytes nobody opens
cp draft.docx draft.docm
check "a .docm is read like a .docx" \
  [ "$("$fl" --no-config -f gnu draft.docm | sed 's/^draft.docm//')" = "$("$fl" --no-config -f gnu draft.docx | sed 's/^draft.docx//')" ]

# a folder: the Word and OpenDocument files are linted like the others
mkdir folder && cp draft.docx draft.odt folder/ && printf '\x89PNG\r\n\0\0' >folder/photo.png
"$fl" --no-config --format gnu folder >folder.out 2>folder.err
check "a folder lints .docx and .odt" \
  [ "$(cut -d: -f1 folder.out | sort -u | tr '\n' ' ')" = "folder/draft.docx folder/draft.odt " ]
check "a folder skips other binaries silently" [ ! -s folder.err ]
"$fl" --no-config folder/photo.png >named.out 2>named.err
check "a named binary gets a notice naming it" grep -q "folder/photo.png: skipped" named.err

finish
