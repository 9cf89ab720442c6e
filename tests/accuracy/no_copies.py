#!/usr/bin/env python3
"""Fails when a real-text item's wording shows up in what the team writes.

The real-text sets judge the rules only while the rules were not written
from their sentences: a rule example, a corpus line or a comment that copies
eight words in a row of an item turns that item into a test of memory. This
looks for any run of eight words (letters and digits, case folded) shared by
an item of corpora/real/*.jsonl and a file under rules/, corpora/<lang>/,
tests/ or docs/ (the fixture itself and generated files aside), and prints
each one with the item's id.

Usage: tests/accuracy/no_copies.py [ROOT]
"""
import glob
import json
import os
import re
import sys

N = 8
WORD = re.compile(r"\w+")
GENERATED = ("docs/rules-catalog.md", "places.yml")


def shingles(text):
    words = WORD.findall(text.lower())
    return (" ".join(words[i:i + N]) for i in range(len(words) - N + 1))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    os.chdir(root)
    items = {}
    for path in sorted(glob.glob("corpora/real/*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                item = json.loads(line)
                for g in shingles(item["text"]):
                    items.setdefault(g, item["id"])
    written = []
    for pattern in ("rules/**/*", "corpora/*/**/*", "tests/**/*", "docs/**/*"):
        written += glob.glob(pattern, recursive=True)
    found = 0
    for path in sorted(set(written)):
        if (not os.path.isfile(path) or path.startswith("corpora/real/")
                or path.endswith(GENERATED)):
            continue
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
        except (UnicodeDecodeError, OSError):
            continue  # binary fixtures (.docx seeds and the like)
        # A line with the one after it: a quotation in a comment or a
        # paragraph that wraps onto the next line is still a copy.
        for number, line in enumerate(lines, 1):
            pair = line + " " + lines[number] if number < len(lines) else line
            for g in shingles(pair):
                if g in items:
                    print(f"{path}:{number}: eight words of {items[g]}: \"{g}\"")
                    found += 1
                    break
    if found:
        print(f"{found} line(s), alone or with the next, copy real-text items; write your own "
          "examples", file=sys.stderr)
        return 1
    print(f"no line of rules, corpora, tests or docs copies eight words of the {len(items)} "
          "real-text shingles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
