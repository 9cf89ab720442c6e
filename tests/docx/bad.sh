#!/usr/bin/env bash
# Pathological Word files, generated at test time in a scratch folder:
# a part that inflates past FL_MAX_PART_BYTES (256 MiB), parts that do so
# only together (FL_MAX_PACKAGE_BYTES, 512 MiB), and a 50 MB document (45
# MB of picture, 20,000 paragraphs) that must simply be linted. Each ends
# in bounded time (ctest's TIMEOUT is the hang guard) with a clear error
# naming the file and exit 2, or a normal result.
# Usage: bad.sh PATH-TO-FRAMELINT CASE
set -u
fl=$(realpath "$1")
case=$2
if ! command -v zip >/dev/null; then
  echo "SKIPPED: zip not found (scripts/setup installs it)"
  exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 1
mkdir -p word/_rels _rels
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
rel() { printf '<Relationship Id="r%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" Target="%s"/>' "$1" "$2" "$3"; }
# MB megabytes of "a" inside one paragraph: deflate squeezes it to almost nothing
big_part() { # big_part FILE ROOT MB
  { printf '<w:%s %s><w:p><w:r><w:t>' "$2" "$W"
    head -c "$3"M /dev/zero | tr '\0' a
    printf '</w:t></w:r></w:p></w:%s>' "$2"; } >"$1"
}
run() {
  /usr/bin/time -f '%e s, %M KiB' -o time.txt "$fl" --no-config -f gnu "$@" >out.txt 2>err.txt
  code=$?
  echo "exit $code ($(cat time.txt))"
}
expect() { # expect CODE STDERR-REGEX (or "" for an empty stderr)
  local ok=1
  if [ -z "$2" ]; then [ -s err.txt ] && ok=0; else grep -Eq "$2" err.txt || ok=0; fi
  if [ "$code" -ne "$1" ] || [ $ok -eq 0 ]; then
    echo "FAIL: expected exit $1 and stderr matching '$2'"
    echo "stderr: $(head -c 500 err.txt)"
    exit 1
  fi
}

case $case in
part-bomb)
  big_part word/document.xml document 300
  zip -q -1 bomb.docx word/document.xml && rm word/document.xml
  ls -l bomb.docx
  run bomb.docx
  expect 2 '^framelint: bomb.docx: part word/document.xml expands past 256 MiB \(limit FL_MAX_PART_BYTES\)$'
  ;;
package-bomb)
  big_part word/document.xml document 200
  big_part word/footnotes.xml footnotes 200
  ln -s footnotes.xml word/endnotes.xml # zip stores the content twice
  printf '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s%s</Relationships>' \
    "$(rel 1 footnotes footnotes.xml)" "$(rel 2 endnotes endnotes.xml)" >word/_rels/document.xml.rels
  zip -q -1 bomb.docx word/document.xml word/footnotes.xml word/endnotes.xml word/_rels/document.xml.rels
  rm -f word/*.xml
  ls -l bomb.docx
  run bomb.docx
  expect 2 '^framelint: bomb.docx: its parts expand past 512 MiB together \(limit FL_MAX_PACKAGE_BYTES\)$'
  ;;
fifty-mb)
  mkdir -p word/media
  head -c 45M /dev/urandom >word/media/image1.png
  { printf '<w:document %s><w:body>' "$W"
    for ((i = 0; i < 20000; i++)); do
      printf '<w:p><w:r><w:t>Paragraph %d: a flood of migrants came.</w:t></w:r></w:p>' "$i"
    done
    printf '</w:body></w:document>'; } >word/document.xml
  zip -q -0 big.docx word/document.xml word/media/image1.png
  ls -l big.docx
  run big.docx
  expect 1 ''
  lines=$(grep -c 'a flood of' out.txt)
  if [ "$lines" -ne 20000 ] || ! grep -q '^big.docx:20000:' out.txt; then
    echo "FAIL: expected 20000 findings, one per paragraph, got $lines"
    exit 1
  fi
  ;;
*)
  echo "unknown case $case"
  exit 1
  ;;
esac
echo "1 passed, 0 failed"
