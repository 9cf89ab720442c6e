#!/usr/bin/python3
"""Reads the DOM Chromium dumped after loading framelint's HTML report, and
the same run's findings as JSON Lines, and checks that every finding is
shown on its own words, with its note, and that nothing from the drafts ran.
Usage: check_dom.py DOM.html FINDINGS.jsonl FILE-PATH...
(the paths in the order framelint reported them). Prints one line per
failure and exits 1 if there was any.
"""
import html.parser
import json
import sys


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks = {}      # finding id -> text shown marked with it
        self.notes = {}      # finding id -> attributes of its note
        self.scripts = 0
        self.body_class = ""
        self.title = ""
        self.open_marks = [] # stack of lists of ids (None for other tags)
        self.in_title = False
        self.pwned = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if any(k.startswith("on") for k in a) or "data-pwned" in a:
            self.pwned = True
        if tag == "script":
            self.scripts += 1
        if tag == "body":
            self.body_class = a.get("class") or ""
        if tag == "title":
            self.in_title = True
        if tag == "li" and "note" in (a.get("class") or ""):
            self.notes[a.get("id")] = a
        if tag == "mark":
            self.open_marks.append((a.get("data-f") or "").split())
        elif self.open_marks and tag not in ("br", "img", "input"):
            self.pwned = True  # no element may appear inside a mark

    def handle_endtag(self, tag):
        if tag == "mark" and self.open_marks:
            self.open_marks.pop()
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        for ids in self.open_marks:
            for i in ids:
                self.marks[i] = self.marks.get(i, "") + data


def main():
    dom_file, jsonl, *paths = sys.argv[1:]
    dom = Dom()
    with open(dom_file, encoding="utf-8") as f:
        dom.feed(f.read())
    failures = []
    if "js" not in dom.body_class.split():
        failures.append("the page's own filter script did not run (CSP hash?)")
    if dom.scripts != 1:
        failures.append("expected exactly the page's one script, found %d" % dom.scripts)
    if dom.title != "framelint report":
        failures.append("the title changed: %r" % dom.title)
    if dom.pwned:
        failures.append("markup from a draft became an element or an event handler")
    count = {}
    findings = 0
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            x = json.loads(line)
            k = paths.index(x["path"]) + 1
            count[k] = count.get(k, 0) + 1
            fid = "f%d-x%d" % (k, count[k])
            findings += 1
            shown = dom.marks.get(fid)
            # a match across lines is marked on each line: compare words only
            want = "".join(x["match"].split())
            if shown is None or "".join(shown.split()) != want:
                failures.append("%s (%s %s): marked %r, expected %r"
                                % (fid, x["path"], x["rule"], shown, want))
            note = dom.notes.get(fid)
            if not note or note.get("data-rule") != x["rule"] or \
                    note.get("data-severity") != x["severity"]:
                failures.append("%s: no note with rule %s and severity %s"
                                % (fid, x["rule"], x["severity"]))
    if findings == 0:
        failures.append("the drafts gave no findings: nothing was checked")
    for f in failures:
        print("FAIL:", f)
    print("%d findings checked, %d failed" % (findings, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
