#!/usr/bin/env bash
# A real consumer: LibreOffice opens the .docx that `framelint --fix` wrote.
# With every tracked change accepted it must read as the fixed draft (the
# same draft fixed as Markdown, then converted by pandoc); with every change
# rejected, as the original. A word split across bold and plain runs comes
# back whole either way. One LibreOffice start for all files (a few
# seconds). Usage: libreoffice.sh PATH-TO-FRAMELINT
set -u
here=$(cd "$(dirname "$0")" && pwd)
fl=$(realpath "$1")
for tool in pandoc soffice zip /usr/bin/python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIPPED: $tool not found (scripts/setup installs it)"
    exit 0
  fi
done
if ! /usr/bin/python3 -c 'import uno' 2>/dev/null; then
  echo "SKIPPED: python3-uno not found (scripts/setup installs it)"
  exit 0
fi
. "$here/common.sh"
cd "$t" || exit 1

# The draft three ways: as written, fixed by framelint as .docx, and fixed
# as Markdown then converted (what the accepted changes must read as).
cp "$here/draft.md" draft.md
pandoc draft.md -o original.docx || exit 1
cp original.docx fixed.docx
"$fl" --no-config --fix fixed.docx >/dev/null 2>fix.err
# 4, not 6: the two in "The council said … that" are its words, reported
check "--fix applied the rewrites: $(cat fix.err)" grep -q "fixed.docx: 4 rewrites applied as tracked changes" fix.err
cp draft.md fixed.md
"$fl" --no-config --fix fixed.md >/dev/null 2>&1
pandoc fixed.md -o expected.docx || exit 1

# A word split across a bold and a plain run, as Word writes it after
# someone bolds half a word.
mkdir -p split/word
cat >split/word/document.xml <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">The ille</w:t></w:r><w:r><w:t>gals came.</w:t></w:r></w:p></w:body></w:document>
XML
cat >split/'[Content_Types].xml' <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
XML
mkdir -p split/_rels
cat >split/_rels/.rels <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
XML
(cd split && zip -qX ../split.docx '[Content_Types].xml' _rels/.rels word/document.xml)
rewrite=$("$fl" --no-config --format jsonl split.docx | sed -E 's/.*"suggestions": \["([^"]*)".*/\1/')
"$fl" --no-config --fix split.docx >/dev/null 2>split.err
check "--fix on the split word: $(cat split.err)" grep -q "split.docx: 1 rewrite applied as tracked changes" split.err

/usr/bin/python3 "$here/lo_changes.py" "$t" original.docx fixed.docx expected.docx split.docx ||
  { echo "FAIL: LibreOffice could not convert the files"; exit 1; }
check "accepted, the fixed .docx reads as the fixed draft: $(diff expected.accepted.txt fixed.accepted.txt | tr '\n' ' ')" \
  cmp -s expected.accepted.txt fixed.accepted.txt
check "rejected, the fixed .docx reads as the original: $(diff original.accepted.txt fixed.rejected.txt | tr '\n' ' ')" \
  cmp -s original.accepted.txt fixed.rejected.txt
check "the fixed draft differs from the original" differ original.accepted.txt fixed.accepted.txt
check "a split word, accepted: $(cat split.accepted.txt)" grep -q "The $rewrite came\.$" split.accepted.txt
check "a split word, rejected: $(cat split.rejected.txt)" grep -q "The illegals came\." split.rejected.txt

# The changes are framelint's, and a second --fix finds nothing to rewrite.
check "the changes are signed by framelint" \
  grep -q 'w:author="framelint"' <(unzip -p fixed.docx word/document.xml)
cp fixed.docx again.docx
"$fl" --no-config --fix again.docx >/dev/null 2>again.err
check "a second --fix rewrites nothing: $(cat again.err)" lacks "applied" again.err
check "a second --fix leaves the file as it was" cmp -s fixed.docx again.docx

finish
