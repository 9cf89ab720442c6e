#!/usr/bin/env python3
"""Latency of `framelint lsp`: from sending a didChange to receiving the
publishDiagnostics for that version, on a 50 KB Markdown draft.

    bench/lsp_latency.py [FRAMELINT] [--edits N] [--size BYTES]

Each edit inserts or deletes a word somewhere in the draft (incremental
sync, UTF-16 positions, as VS Code sends them), after a pause longer than
the server's debounce, as between a writer's sentences; the server lints
the first change after a pause at once. Prints the median, 90th percentile
and worst time, and the number of diagnostics. A measurement, not a test.
"""
import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lsp"))
from lsp_client import Client  # noqa: E402


def draft(size):
    base = open(os.path.join(HERE, "..", "corpora", "drafts", "press-release.md"),
                encoding="utf-8").read()
    text = (base * (size // len(base) + 1))[:size]
    return text[:text.rfind("\n") + 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("framelint", nargs="?", default=os.path.join(HERE, "..", "build",
                                                                 "framelint"))
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--pause", type=float, default=0.2, help="seconds between edits")
    args = ap.parse_args()

    c = Client(os.path.abspath(args.framelint))
    c.initialize()
    uri = "file:///tmp/framelint-bench/draft.md"
    text = draft(args.size)
    lines = text.split("\n")
    c.open(uri, text)
    first = c.diagnostics(uri, 1, timeout=30)
    times = []
    for version in range(2, args.edits + 2):
        line = (version * 7919) % (len(lines) - 1)
        if version % 2 == 0:  # insert a word at the start of a line ...
            change = {"range": {"start": {"line": line, "character": 0},
                                "end": {"line": line, "character": 0}}, "text": "Yes "}
        else:  # ... and take it out again
            prev = ((version - 1) * 7919) % (len(lines) - 1)
            change = {"range": {"start": {"line": prev, "character": 0},
                                "end": {"line": prev, "character": 4}}, "text": ""}
        time.sleep(args.pause)
        t0 = time.perf_counter()
        c.change(uri, version, [change])
        c.diagnostics(uri, version, timeout=30)
        times.append((time.perf_counter() - t0) * 1000)
    c.shutdown()
    times.sort()
    p90 = times[int(len(times) * 0.9) - 1]
    print("framelint lsp, %d-byte Markdown draft, %d diagnostics, %d edits:" % (
        len(text.encode("utf-8")), len(first["diagnostics"]), len(times)))
    print("didChange -> publishDiagnostics: median %.1f ms, p90 %.1f ms, worst %.1f ms" % (
        statistics.median(times), p90, times[-1]))


if __name__ == "__main__":
    main()
