#!/bin/bash
# tests/run/observe.sh — what an operator sees of a running pipeline.
#
#   tests/run/observe.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/observe.sh)
#
# A running pipeline (not --once) with --log-format json, --metrics and --stats, fed
# inserts of which some break a quarantine rule and some a drop rule:
#   * every line on standard error is a JSON object with time, level and message;
#   * a status line ("status: N changes/s, lag ...") comes every 5 s;
#   * the metrics file is in Prometheus' text format, and once the run has stopped its
#     counts are those of --stats (changes by fate, rules, batches);
#   * a bad --log-format is a usage error (exit 2).
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init observe "$@"

cat >"$W/obs.cdc" <<'EOF'
pipeline observe { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.items]
  heartbeat = off
}

table src.public.items {
  id  integer primary key
  qty integer
}

quality src.public.items {
  require qty_known: qty IS NOT NULL else quarantine
  require not_test: id < 1000000 else drop
}

target dst postgres {
  dsn = env("DST_DSN")
  batch { interval = 200ms }
}

merge src.public.* into dst.public.* { }
EOF
rt_cdc_check "$W/obs.cdc"
src_in <<'EOF' || exit 2
CREATE TABLE items (id integer PRIMARY KEY, qty integer);
INSERT INTO items SELECT i, i % 7 FROM generate_series(1, 1000) i;
EOF

rt_start run "$W/obs.cdc" --log-format json --metrics "$W/metrics.prom" --stats "$W/obs.stats"
sleep 1
src_in <<'EOF' || exit 2
INSERT INTO items SELECT i, NULL FROM generate_series(1001, 1010) i;
INSERT INTO items SELECT i, 1 FROM generate_series(1000001, 1000005) i;
UPDATE items SET qty = qty + 1 WHERE id <= 100;
EOF
for _ in $(seq 1 60); do
	grep -q '"message": "status: ' "$W/run.err" && [ -s "$W/metrics.prom" ] && break
	sleep 0.2
done
sleep 1
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait run 30
rt_expect_status "the running pipeline, stopped by SIGTERM" 0

# every line of the log is a JSON object with time, level and message
bad=$(python3 - "$W/run.err" <<'PY'
import json, sys
bad = 0
for line in open(sys.argv[1]):
    try:
        o = json.loads(line)
        assert set(o) == {"time", "level", "message"} and o["level"] in ("debug", "info", "warning", "error")
        assert o["time"].endswith("Z") and "T" in o["time"]
    except Exception:
        bad += 1
        print("not a log object: " + line.rstrip(), file=sys.stderr)
print(bad)
PY
)
rt_eq "log lines that are not JSON objects" "$bad" 0
grep -q '"message": "status: [0-9]* changes/s, lag [0-9.]* MB / [0-9.]* s, [0-9]* batches' "$W/run.err" ||
	rt_fail "no status line in the log"

# the metrics, after the run: the same counts as --stats
python3 - "$W/metrics.prom" "$W/obs.stats" <<'PY' || rt_fail "the metrics file disagrees with --stats (above)"
import json, re, sys
text = open(sys.argv[1]).read()
stats = json.load(open(sys.argv[2]))
metrics = {}
for line in text.splitlines():
    if line.startswith("#"):
        assert line.startswith("# HELP ") or line.startswith("# TYPE "), line
        continue
    m = re.fullmatch(r'([a-z_]+)\{([^}]*)\} ([0-9.]+)', line)
    assert m, "not a sample: " + line
    labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2)))
    metrics[(m.group(1), labels.get("table"), labels.get("fate") or labels.get("rule"))] = float(m.group(3))
t = stats["tables"]["src.public.items"]
ok = True
for fate in ("applied", "filtered", "dropped", "quarantined", "failed"):
    got = metrics.get(("cdcc_changes_total", "src.public.items", fate))
    if got != t[fate]:
        print(f"cdcc_changes_total fate={fate}: {got}, --stats says {t[fate]}", file=sys.stderr)
        ok = False
for rule, n in t["rules"].items():
    got = metrics.get(("cdcc_rule_broken_total", "src.public.items", rule))
    if got != n:
        print(f"cdcc_rule_broken_total rule={rule}: {got}, --stats says {n}", file=sys.stderr)
        ok = False
if metrics.get(("cdcc_batches_total", None, None)) != stats["batches"]:
    print("cdcc_batches_total differs from --stats", file=sys.stderr)
    ok = False
for name in ("cdcc_lag_bytes", "cdcc_lag_seconds", "cdcc_retries_total"):
    if (name, None, None) not in metrics:
        print(f"{name} missing", file=sys.stderr)
        ok = False
if t["quarantined"] != 10 or t["dropped"] != 5:
    print(f"quarantined {t['quarantined']} (want 10), dropped {t['dropped']} (want 5)", file=sys.stderr)
    ok = False
sys.exit(0 if ok else 1)
PY

rt_run badfmt 10 "$W/obs.cdc" --log-format yaml
rt_expect_status "--log-format yaml" 2

rt_done
