#!/usr/bin/env python3
"""Score framelint on a labelled set of real text (corpora/real/*.jsonl).

    realtext.py [options] FRAMELINT SET.jsonl [SET.jsonl ...]

Every item is written to a temporary folder as its own draft (text items as
plain text, captions as a Markdown image's alt text) and the whole folder is
linted by ONE framelint process, so a 600-item set takes a fraction of a
second. Findings are mapped back to character offsets in the item's text and
scored span by span:

  * a finding is correct when it overlaps an expected span of its category;
  * one that overlaps no expected span but an `acceptable` (gray) span of its
    category is ignored;
  * every other finding is a false positive;
  * an expected span is found when a finding of its category overlaps it.

precision = correct / (correct + false positives); recall = found / expected.

framelint's categories map onto the labels' four: crisis-imagery is
crisis-caption, crisis-framing ("migrant crisis") is loaded-term; the other
categories (word-choice, complexity, empathy…) are not scored.

Options
  --details N          print up to N false positives and N misses
  --json               print the figures as JSON instead of a table
  --min-precision P    exit 1 if overall precision is below P
  --min-recall R       exit 1 if overall recall is below R
  --max-clean-flagged F  exit 1 if more than the share F of clean
                       literal-trigger and neutral items get any finding
  --min-category-precision P, --min-category-recall R
                       exit 1 if any category with labels is below
  -- ARGS...           pass the rest to framelint
Items in other languages than English carry "lang"; a set is linted with
--lang set from it.
Exit status: 0, 1 when a floor is missed, 2 on bad input or a framelint error.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

LABEL_OF = {
    "loaded-term": "loaded-term",
    "crisis-framing": "loaded-term",
    "us-vs-them": "us-vs-them",
    "crisis-imagery": "crisis-caption",
    "data-overload": "data-overload",
}
CATEGORIES = ["loaded-term", "us-vs-them", "crisis-caption", "data-overload"]
CLEAN_SUBSETS = ("literal-trigger", "neutral-migration")


def draft_of(item):
    """The draft an item is linted as: (file suffix, text before, text, after).
    Captions become alt text; square brackets would end it, so they become
    parentheses (same length, so offsets are unchanged)."""
    text = item["text"]
    if item.get("format") == "caption":
        return ".md", "![", text.replace("[", "(").replace("]", ")"), "](photo.jpg)\n"
    return ".txt", "", text, "\n"


def load(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                it = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: not JSON: {e}")
            for key in ("id", "text", "expect"):
                if key not in it:
                    sys.exit(f"{path}:{n}: item has no '{key}'")
            for span in it["expect"] + it.get("acceptable", []):
                if span["match"] not in it["text"]:
                    sys.exit(f"{path}:{n}: {it['id']}: '{span['match']}' is not in the text")
            items.append(it)
    return items


def lint(framelint, items, extra):
    """Findings per item id: (label category, start, end, rule, match)."""
    found = collections.defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="fl-realtext-") as tmp:
        names = {}
        for i, it in enumerate(items):
            suffix, before, body, after = draft_of(it)
            name = f"item{i:05d}{suffix}"
            names[name] = (it, len(before.encode()), body)
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                f.write(before + body + after)
        p = subprocess.run([framelint, "--no-config", "--format", "jsonl", *extra, "."],
                           cwd=tmp, capture_output=True)
        if p.returncode not in (0, 1):
            sys.stderr.write(p.stderr.decode("utf-8", "replace"))
            sys.exit(f"framelint exited {p.returncode}")
        for line in p.stdout.decode("utf-8").splitlines():
            x = json.loads(line)
            if "rule" not in x:
                continue  # a notice
            it, pre, body = names[os.path.basename(x["path"])]
            cat = LABEL_OF.get(x["category"])
            if not cat:
                continue
            raw = body.encode()
            lo = max(0, x["offset"] - pre)
            hi = max(lo, min(len(raw), x["offset"] + x["length"] - pre))
            start = len(raw[:lo].decode("utf-8", "replace"))
            end = start + len(raw[lo:hi].decode("utf-8", "replace"))
            found[it["id"]].append((cat, start, end, x["rule"], x.get("match", "")))
    return found


def spans(text, labelled):
    """(category, start, end, match) of labelled spans; a match that occurs
    more than once is taken at each place (the labels do not say which)."""
    out = []
    low = text.lower()
    for s in labelled:
        m = s["match"].lower()
        i = low.find(m)
        while i >= 0:
            out.append((s["category"], i, i + len(m), s["match"]))
            i = low.find(m, i + 1)
    return out


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


class Score:
    def __init__(self):
        self.correct = self.fp = self.ignored = self.found = self.expected = 0

    def p(self):
        n = self.correct + self.fp
        return self.correct / n if n else 1.0

    def r(self):
        return self.found / self.expected if self.expected else 1.0

    def f1(self):
        p, r = self.p(), self.r()
        return 2 * p * r / (p + r) if p + r else 0.0


def score(items, found):
    cats = collections.defaultdict(Score)
    subsets = collections.defaultdict(lambda: {"score": Score(), "items": 0, "clean": 0,
                                               "flagged": 0})
    fps, fns = [], []
    for it in items:
        text = it["text"]
        exp = spans(text, it["expect"])
        gray = spans(text, it.get("acceptable", []))
        sub = subsets[it.get("subset", "-")]
        sub["items"] += 1
        mine = found.get(it["id"], [])
        # one expected span may occur at several places: it is one label
        hit = set()
        for cat, s, e, rule, match in mine:
            good = [k for k, (c, a, b, _) in enumerate(exp) if c == cat and overlaps(s, e, a, b)]
            if good:
                cats[cat].correct += 1
                sub["score"].correct += 1
                hit.update(exp[k][3] + "\0" + cat for k in good)
            elif any(c == cat and overlaps(s, e, a, b) for c, a, b, _ in gray):
                cats[cat].ignored += 1
            else:
                cats[cat].fp += 1
                sub["score"].fp += 1
                fps.append((it["id"], cat, rule, text[s:e], text))
        for lab in it["expect"]:
            key = lab["match"] + "\0" + lab["category"]
            cats[lab["category"]].expected += 1
            sub["score"].expected += 1
            if key in hit:
                cats[lab["category"]].found += 1
                sub["score"].found += 1
            else:
                fns.append((it["id"], lab["category"], lab["match"], text))
        if not it["expect"]:
            sub["clean"] += 1
            if any(True for c, s, e, _, _ in mine
                   if not any(c == g and overlaps(s, e, a, b) for g, a, b, _ in gray)):
                sub["flagged"] += 1
    return cats, subsets, fps, fns


def total(cats):
    t = Score()
    for c in cats.values():
        t.correct += c.correct
        t.fp += c.fp
        t.ignored += c.ignored
        t.found += c.found
        t.expected += c.expected
    return t


def report(name, cats, subsets, fps, fns, details, as_json):
    t = total(cats)
    clean = sum(subsets[s]["clean"] for s in CLEAN_SUBSETS if s in subsets)
    flagged = sum(subsets[s]["flagged"] for s in CLEAN_SUBSETS if s in subsets)
    if as_json:
        print(json.dumps({
            "set": name,
            "overall": {"precision": round(t.p(), 4), "recall": round(t.r(), 4)},
            "categories": {c: {"precision": round(s.p(), 4), "recall": round(s.r(), 4),
                               "correct": s.correct, "fp": s.fp, "found": s.found,
                               "expected": s.expected} for c, s in sorted(cats.items())},
            "subsets": {k: {"found": v["score"].found, "expected": v["score"].expected,
                            "fp": v["score"].fp, "clean": v["clean"], "flagged": v["flagged"]}
                        for k, v in sorted(subsets.items())},
            "clean_flagged": flagged / clean if clean else 0.0}))
        return
    print(f"== {name}")
    print(f"{'category':<16} {'P':>6} {'R':>6} {'F1':>6}   correct/FP/ignored, found/expected")
    for c in CATEGORIES:
        if c in cats:
            s = cats[c]
            print(f"{c:<16} {s.p():6.3f} {s.r():6.3f} {s.f1():6.3f}   "
                  f"{s.correct}/{s.fp}/{s.ignored}, {s.found}/{s.expected}")
    print(f"{'OVERALL':<16} {t.p():6.3f} {t.r():6.3f} {t.f1():6.3f}   "
          f"{t.correct}/{t.fp}/{t.ignored}, {t.found}/{t.expected}")
    print(f"{'subset':<18} {'items':>5}  recall    clean items flagged  FP")
    for k, v in sorted(subsets.items()):
        s = v["score"]
        rec = f"{s.found}/{s.expected}" if s.expected else "-"
        cl = f"{v['flagged']}/{v['clean']}" if v["clean"] else "-"
        print(f"{k:<18} {v['items']:>5}  {rec:<9} {cl:<20} {s.fp}")
    if clean:
        print(f"literal-trigger and neutral items with a finding: {flagged}/{clean} "
              f"({100 * flagged / clean:.1f}%)")
    for kind, rows in (("false positives", fps), ("misses", fns)):
        if details and rows:
            print(f"-- {kind} (first {min(details, len(rows))} of {len(rows)})")
            for r in rows[:details]:
                if kind == "misses":
                    print(f"  FN {r[0]} [{r[1]}] {r[2]!r} :: {r[3][:160]!r}")
                else:
                    print(f"  FP {r[0]} [{r[1]}] {r[2]} {r[3]!r} :: {r[4][:160]!r}")


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("framelint")
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--details", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--min-precision", type=float)
    ap.add_argument("--min-recall", type=float)
    ap.add_argument("--max-clean-flagged", type=float)
    ap.add_argument("--min-category-precision", type=float)
    ap.add_argument("--min-category-recall", type=float)
    a = ap.parse_args(argv)
    a.framelint = os.path.abspath(a.framelint)
    failed = []
    for path in a.sets:
        items = load(path)
        langs = {it.get("lang", "en") for it in items}
        if len(langs) != 1:
            sys.exit(f"{path}: items in several languages ({', '.join(sorted(langs))})")
        lang = ["--lang", langs.pop()] if "--lang" not in extra else []
        cats, subsets, fps, fns = score(items, lint(a.framelint, items, lang + extra))
        name = os.path.basename(path)
        report(name, cats, subsets, fps, fns, a.details, a.json)
        t = total(cats)
        clean = sum(subsets[s]["clean"] for s in CLEAN_SUBSETS if s in subsets)
        flagged = sum(subsets[s]["flagged"] for s in CLEAN_SUBSETS if s in subsets)
        checks = [
            (a.min_precision, t.p(), "precision", lambda v, f: v < f),
            (a.min_recall, t.r(), "recall", lambda v, f: v < f),
            (a.max_clean_flagged, flagged / clean if clean else 0.0, "clean items flagged",
             lambda v, f: v > f),
        ]
        for c, s in cats.items():
            if s.expected:
                checks.append((a.min_category_precision, s.p(), c + " precision", lambda v, f: v < f))
                checks.append((a.min_category_recall, s.r(), c + " recall", lambda v, f: v < f))
        for floor, value, what, bad in checks:
            if floor is not None and bad(value, floor):
                failed.append(f"{name}: {what} {value:.3f} misses the floor {floor}")
    for f in failed:
        print("FAIL " + f, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
