#!/usr/bin/env python3
"""bench/check_scale.py -- how long `cdcc check` takes on a 2,000-table pipeline.

Generates, in a temporary folder:
  one.cdc      a pipeline with 1 table: the baseline (process start, parse, check),
  blocks.cdc   2,000 tables declared in `table` blocks (10 columns each), with pattern
               quality rules, transforms and one pattern merge into Redshift,
  locked.cdc   the same 2,000 tables recorded in a schema lock (locked.lock.json) and a
               pipeline file of a few lines that selects them by pattern -- the way a
               real 2,000-table database is meant to be written,
then runs `cdcc check` on each ROUNDS times (interleaved) and prints the median and
minimum wall time, the peak RSS, and the ratio to the 1-table baseline measured in the
same run.  Goal (issue 2): under 200 ms for 2,000 tables.

usage: bench/check_scale.py [path/to/cdcc] [--rounds N] [--tables N]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TYPES = ["bigint", "integer", "numeric(12,2)", "text", "varchar(64)", "timestamptz",
         "boolean", "date", "jsonb", "uuid"]

HEADER = """pipeline bench { %s}

source db postgres {
  dsn       = env("DB_DSN")
  tables    = [app.*]
  heartbeat = 1m
}

target dw redshift {
  dsn     = env("DW_DSN")
  staging = s3("s3://bench/stage/", region = "us-east-1")
}
"""

RULES = """
quality db.app.* {
  require id_present: c0 IS NOT NULL else fail
  require c2 >= 0 else quarantine
  warn c3 LIKE '%@%'
}

transform db.app.* {
  c3         = lower(trim(c3))
  amount_usd = c2 * 1.08
  _op        = op()
  _commit_ts = commit_time()
}

merge db.app.* into dw.analytics.* {
  deletes = soft(_deleted)
}
"""


def columns():
    return [("c%d" % i, TYPES[i % len(TYPES)]) for i in range(10)]


def table_block(i):
    lines = ["table db.app.t%04d {" % i]
    for k, (name, ty) in enumerate(columns()):
        lines.append("  %s %s%s" % (name, ty, " primary key" if k == 0 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def generate(d, n):
    write(os.path.join(d, "one.cdc"), HEADER % "" + "\n" + table_block(0) + RULES)
    write(os.path.join(d, "blocks.cdc"),
          HEADER % "" + "\n" + "\n".join(table_block(i) for i in range(n)) + RULES)
    lock = {"cdcc_schema_lock": 1, "sources": [{
        "name": "db", "kind": "postgres", "complete": True,
        "tables": [{"schema": "app", "name": "t%04d" % i, "primary_key": ["c0"],
                    "columns": [{"name": c, "type": t, "not_null": c == "c0"}
                                for c, t in columns()]} for i in range(n)]}]}
    write(os.path.join(d, "locked.lock.json"), json.dumps(lock, indent=1))
    write(os.path.join(d, "locked.cdc"),
          HEADER % 'schema_lock = "locked.lock.json" ' + RULES)


def run_once(cdcc, path):
    t0 = time.perf_counter()
    p = subprocess.run([cdcc, "check", path], capture_output=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("cdcc check %s failed:\n%s" % (path, p.stderr.decode()))
    return dt


def main():
    args = sys.argv[1:]
    cdcc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cdcc")
    rounds, n = 15, 2000
    while args:
        a = args.pop(0)
        if a == "--rounds":
            rounds = int(args.pop(0))
        elif a == "--tables":
            n = int(args.pop(0))
        else:
            cdcc = a
    cdcc = os.path.abspath(cdcc)
    with tempfile.TemporaryDirectory(prefix="cdcc-bench-") as d:
        generate(d, n)
        files = ["one.cdc", "blocks.cdc", "locked.cdc"]
        times = {f: [] for f in files}
        rss = {}
        for f in files:                 # warm the page cache once
            run_once(cdcc, os.path.join(d, f))
        for r in range(rounds):
            for f in files[r % 3:] + files[:r % 3]:   # rotate the order each round
                times[f].append(run_once(cdcc, os.path.join(d, f)))
        # Peak RSS per file, measured by GNU time: a child forked from Python starts out
        # with Python's resident pages, which would inflate a getrusage() reading.
        for f in files:
            out = subprocess.run(["/usr/bin/time", "-f", "%M", cdcc, "check", os.path.join(d, f)],
                                 capture_output=True, text=True)
            rss[f] = int(out.stderr.strip().splitlines()[-1])
        sizes = {f: os.path.getsize(os.path.join(d, f)) for f in files}
        sizes["locked.cdc"] += os.path.getsize(os.path.join(d, "locked.lock.json"))
        base = statistics.median(times["one.cdc"])
        print("cdcc check, %d tables x 10 columns, %d rounds (median / min wall time, peak RSS)"
              % (n, rounds))
        print("%-12s %10s %10s %10s %12s %14s" % ("input", "median ms", "min ms", "RSS MiB",
                                                   "input KiB", "x baseline"))
        for f in files:
            med = statistics.median(times[f])
            print("%-12s %10.1f %10.1f %10.1f %12.0f %14.2f" % (
                f, med * 1e3, min(times[f]) * 1e3, rss[f] / 1024.0, sizes[f] / 1024.0, med / base))
        worst = max(statistics.median(times["blocks.cdc"]), statistics.median(times["locked.cdc"]))
        print("goal: < 200 ms for %d tables -> %s (%.1f ms)" % (
            n, "met" if worst < 0.2 else "NOT met", worst * 1e3))


if __name__ == "__main__":
    main()
