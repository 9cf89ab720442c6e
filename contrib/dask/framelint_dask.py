#!/usr/bin/env python3
"""framelint stats over a JSONL corpus too big for one machine, on Dask.

The corpus is read as a Dask bag of lines (local files, or remote storage through
fsspec: s3://, gs://, hdfs://...), cut into partitions of about --blocksize bytes on line
boundaries. Each partition is piped on a worker through

    framelint stats --input jsonl -f json [--by ...] -

and the per-partition tables, which hold whole counts, are added up into the same JSON,
byte for byte, that one `framelint stats -f json` over the whole corpus prints.

    python3 framelint_dask.py [--scheduler ADDRESS | --workers N] [--by month] CORPUS...

framelint must be installed on every worker (or --framelint names it there). Notices
about bad lines go to stderr with line numbers counted from the start of their partition.
"""
import argparse
import subprocess
import sys


class FramelintError(RuntimeError):
    """framelint failed on a partition (exit status 2: a rule, config or input error)."""


def stats_of_partition(lines, framelint="framelint", args=()):
    """Runs framelint stats on one partition's lines; returns [(table, stderr)].

    A one-element list, so that a bag of partitions maps to a bag of tables."""
    import json

    data = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    cmd = [framelint, "stats", "--input", "jsonl", "-f", "json", *args, "-"]
    done = subprocess.run(cmd, input=data.encode("utf-8"), capture_output=True, check=False)
    if done.returncode != 0:
        raise FramelintError(f"{' '.join(cmd)} exited with status {done.returncode}: "
                             f"{done.stderr.decode('utf-8', 'replace')}")
    return [(json.loads(done.stdout), done.stderr.decode("utf-8", "replace"))]


def merge(tables):
    """Adds up framelint stats JSON tables (counts only; rates are recomputed)."""
    by, periods = None, {}
    for t in tables:
        if by is not None and t["by"] != by:
            raise ValueError(f"tables by {by} and by {t['by']} do not add up")
        by = t["by"]
        for p in t["periods"]:
            q = periods.setdefault(p["period"], {"documents": 0, "words": 0, "findings": 0,
                                                 "categories": {}, "rules": {}})
            for k in ("documents", "words", "findings"):
                q[k] += p[k]
            for kind in ("categories", "rules"):
                for name, c in p[kind].items():
                    q[kind][name] = q[kind].get(name, 0) + c["findings"]
    return by or "all", periods


def _rate(n, words):
    # As framelint computes it: 1e4 * n / words in doubles, printed with %.2f.
    return "%.2f" % (1e4 * n / words if words else 0.0)


def _string(s):
    # framelint's escaping: quote, backslash and control characters only.
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _period_order(key):
    return (key == "undated", key.encode("utf-8"))


def to_json(by, periods):
    """The merged table in framelint stats -f json's own layout."""
    rows = []
    for key in sorted(periods, key=_period_order):
        p = periods[key]
        parts = [f'{{"period": {_string(key)}, "documents": {p["documents"]}, '
                 f'"words": {p["words"]}, "findings": {p["findings"]}, '
                 f'"per_10k_words": {_rate(p["findings"], p["words"])}']
        for kind in ("categories", "rules"):
            items = sorted(p[kind].items(), key=lambda kv: kv[0].encode("utf-8"))
            inner = ", ".join(f'{_string(name)}: {{"findings": {n}, "per_10k_words": '
                              f'{_rate(n, p["words"])}}}' for name, n in items if n)
            parts.append(f', "{kind}": {{{inner}}}')
        rows.append("  " + "".join(parts) + "}")
    body = ",\n".join(rows)
    return f'{{"version": 1, "by": {_string(by)}, "periods": [' + \
        (f"\n{body}\n" if rows else "") + "]}\n"


def corpus_stats(urls, client, framelint="framelint", args=(), blocksize="64MiB",
                 storage_options=None):
    """framelint stats -f json over the JSONL files at `urls`, computed on `client`'s
    cluster. Returns (json_text, notices)."""
    import dask.bag as db

    lines = db.read_text(urls, blocksize=blocksize, storage_options=storage_options)
    parts = lines.map_partitions(stats_of_partition, framelint=framelint, args=tuple(args))
    results = client.compute(parts, sync=True)
    by, periods = merge(table for table, _ in results)
    return to_json(by, periods), "".join(err for _, err in results)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="+", help="JSONL files or URLs (globs allowed)")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="a Dask scheduler's address (tcp://host:8786)")
    where.add_argument("--workers", type=int, default=2,
                       help="without --scheduler: a LocalCluster of this many processes")
    ap.add_argument("--blocksize", default="64MiB", help="bytes per partition (64MiB)")
    ap.add_argument("--framelint", default="framelint", help="the command on the workers")
    ap.add_argument("--by", choices=["day", "week", "month", "year"])
    ap.add_argument("--date-field")
    ap.add_argument("--text-field")
    ap.add_argument("--id-field")
    ap.add_argument("--storage-option", action="append", default=[], metavar="KEY=VALUE",
                    help="passed to fsspec for remote storage (anon=true, ...)")
    ap.add_argument("--framelint-arg", action="append", default=[], metavar="ARG",
                    help="one more argument for framelint stats (--lang de, --rules FILE)")
    o = ap.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    args = ["-j", "1"]  # Dask runs the partitions in parallel already
    for flag in ("by", "date_field", "text_field", "id_field"):
        value = getattr(o, flag)
        if value:
            args += ["--" + flag.replace("_", "-"), value]
    args += o.framelint_arg
    storage = dict(kv.split("=", 1) for kv in o.storage_option) or None
    if o.scheduler:
        client, cluster = Client(o.scheduler), None
    else:
        cluster = LocalCluster(n_workers=o.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        text, notices = corpus_stats(o.corpus, client, o.framelint, args, o.blocksize,
                                     storage)
    except FramelintError as e:
        print(f"framelint-dask: {e}", file=sys.stderr)
        return 2
    finally:
        client.close()
        if cluster:
            cluster.close()
    sys.stderr.write(notices)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
