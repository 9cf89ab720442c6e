#!/usr/bin/env python3
"""contrib/dask on a LocalCluster of 2 worker processes gives, byte for byte, the JSON of
one `framelint stats` over the same generated corpus (with bad lines, Markdown records,
dates across a year and records without one), cut into several partitions.

  check_dask.py FRAMELINT RULES CONTRIB_DASK WORKDIR

Exits 77 (ctest: skipped) when dask.distributed cannot be imported.
"""
import json
import os
import random
import subprocess
import sys

try:
    import dask.bag  # noqa: F401
    import distributed  # noqa: F401
except ImportError:
    print("dask.distributed is not installed (Debian: python3-dask python3-distributed)")
    sys.exit(77)


def main():
    framelint, rules, contrib, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus.jsonl")
    rng = random.Random(12)
    texts = ["A flood of migrants arrived.", "One illegal migrant was named.",
             "Quiet harbour, calm sea.", "# A crowd\n\nThe day was calm.",
             "A flood of migrants and one illegal migrant."]
    with open(corpus, "w", encoding="utf-8") as f:
        for i in range(4000):
            rec = {"id": f"r{i}", "text": rng.choice(texts), "format": rng.choice(["md", "txt"])}
            if i % 13:
                rec["date"] = "2025-%02d-%02d" % (1 + i % 12, 1 + i % 28)
            f.write(json.dumps(rec) + "\n")
            if i % 701 == 5:
                f.write("not a record\n")
    size = os.path.getsize(corpus)
    blocksize = size // 5 + 1  # five partitions or so, for two workers
    common = ["--no-default-rules", "--rules", rules, "--by", "week"]
    want = subprocess.run([framelint, "stats", "--input", "jsonl", "-f", "json", *common,
                           corpus], capture_output=True, check=True).stdout
    cmd = [sys.executable, os.path.join(contrib, "framelint_dask.py"), "--workers", "2",
           "--blocksize", str(blocksize), "--framelint", framelint, "--by", "week",
           *[f"--framelint-arg={a}" for a in common[:3]], corpus]
    done = subprocess.run(cmd, capture_output=True, check=False, timeout=240)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr.decode()}")
    if done.stdout != want:
        with open(os.path.join(work, "dask.json"), "wb") as f:
            f.write(done.stdout)
        with open(os.path.join(work, "single.json"), "wb") as f:
            f.write(want)
        sys.exit(f"the Dask result differs from framelint stats: compare {work}/dask.json "
                 f"and {work}/single.json")
    table = json.loads(want)
    if len(table["periods"]) < 40 or not any(p["findings"] for p in table["periods"]):
        sys.exit("the corpus does not test anything: too few periods or no findings")
    notices = done.stderr.decode().count("notice: skipped")
    if notices != 6:
        sys.exit(f"{notices} bad-line notices from the workers, expected 6")
    print(f"dask: {size} bytes in ~5 partitions on 2 workers = framelint stats, "
          f"{len(table['periods'])} periods")


if __name__ == "__main__":
    main()
