#!/usr/bin/env python3
"""framelint stats, checked from outside (python3, stdlib only).

  check_stats.py svg   FRAMELINT RULES WORKDIR   the SVG parses, and each category's line
                                                 holds the JSON's rates, period by period
  check_stats.py weeks FRAMELINT RULES WORKDIR   --by week/month/year put every day of
                                                 2015-2030 where Python's calendar does
"""
import datetime
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def stats(framelint, rules, corpus, *args):
    cmd = [framelint, "stats", "--no-default-rules", "--rules", rules, "--input", "jsonl",
           *args, corpus]
    done = subprocess.run(cmd, capture_output=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode()}")
    return done.stdout


def write_corpus(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")


def check_svg(framelint, rules, work):
    corpus = os.path.join(work, "svg.jsonl")
    # Three months, rates that differ per category and month, one month with none.
    # (A crowd in a heading is the test rules' second category.)
    texts = ["A flood of migrants came.", "# A crowd\n\nOne illegal migrant, a flood of migrants.",
             "Quiet days.", "An illegal migrant.", "# Crowd and crowd\n\nCalm."]
    records = [{"id": i, "date": f"2025-0{1 + i % 3}-1{i % 9}", "text": texts[i % 5],
                "format": "md"} for i in range(24)]
    write_corpus(corpus, records)
    table = json.loads(stats(framelint, rules, corpus, "--by", "month", "-f", "json"))
    svg = stats(framelint, rules, corpus, "--by", "month", "-f", "svg")
    root = ET.fromstring(svg)  # raises if the SVG is not well-formed XML
    if root.tag != SVG + "svg":
        sys.exit(f"the root element is {root.tag}, not svg")
    periods = [p["period"] for p in table["periods"]]
    labels = [t.text for t in root.iter(SVG + "text") if t.get("class") == "period"]
    if labels != periods:
        sys.exit(f"x axis {labels} differs from the JSON's periods {periods}")
    categories = sorted({c for p in table["periods"] for c in p["categories"]})
    series = {l.get("data-category"): l for l in root.iter(SVG + "polyline")}
    if sorted(series) != categories or len(categories) < 2:
        sys.exit(f"lines for {sorted(series)}, categories in the JSON {categories}")
    for name, line in series.items():
        values = [float(v) for v in line.get("data-values").split()]
        want = [p["categories"].get(name, {}).get("per_10k_words", 0.0)
                for p in table["periods"]]
        if values != want:
            sys.exit(f"{name}: the chart has {values}, the JSON {want}")
        points = line.get("points").split()
        if len(points) != len(periods):
            sys.exit(f"{name}: {len(points)} points for {len(periods)} periods")
        ys = [float(p.split(",")[1]) for p in points]
        # Higher rates are drawn higher (smaller y), in the same order.
        for i in range(len(ys)):
            for j in range(len(ys)):
                if (values[i] > values[j]) != (ys[i] < ys[j]):
                    sys.exit(f"{name}: point heights do not follow the rates")
    print(f"svg: {len(series)} series over {len(periods)} periods match the JSON")


def check_weeks(framelint, rules, work):
    corpus = os.path.join(work, "weeks.jsonl")
    day, last = datetime.date(2015, 1, 1), datetime.date(2030, 12, 31)
    records = []
    while day <= last:
        records.append({"id": day.isoformat(), "date": day.isoformat(), "text": "x"})
        day += datetime.timedelta(days=1)
    write_corpus(corpus, records)
    keys = {
        "week": lambda d: "%04d-W%02d" % d.isocalendar()[:2],
        "month": lambda d: d.strftime("%Y-%m"),
        "year": lambda d: d.strftime("%Y"),
        "day": lambda d: d.isoformat(),
    }
    for by, key in keys.items():
        want = {}
        for r in records:
            k = key(datetime.date.fromisoformat(r["date"]))
            want[k] = want.get(k, 0) + 1
        table = json.loads(stats(framelint, rules, corpus, "--by", by, "-f", "json"))
        got = {p["period"]: p["documents"] for p in table["periods"]}
        if got != want:
            diff = sorted(set(got.items()) ^ set(want.items()))[:6]
            sys.exit(f"--by {by}: periods differ from Python's calendar, e.g. {diff}")
        if [p["period"] for p in table["periods"]] != sorted(want):
            sys.exit(f"--by {by}: periods are not in order")
    print(f"weeks: {len(records)} days put in the same day, week, month and year as Python")


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("svg", "weeks"):
        sys.exit(__doc__)
    what, framelint, rules, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    (check_svg if what == "svg" else check_weeks)(framelint, rules, work)


if __name__ == "__main__":
    main()
