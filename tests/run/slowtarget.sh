#!/bin/bash
# tests/run/slowtarget.sh — a target slower than the source's wal_sender_timeout.
#
#   tests/run/slowtarget.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/slowtarget.sh)
#
# The source's wal_sender_timeout is 2 s; statement triggers on the target table make
# every batch take 5 s (2.5 s for the MERGE's updates, 2.5 s for its inserts).  Transactions come every second, so the run keeps waiting for the
# batch in flight (backpressure) while it reads nothing.  It must keep the replication
# connection alive meanwhile (status updates): no retry, no error, exit 0 on SIGTERM, and
# the target equal to the source.  With `slow_batch = 2s`, the slow batches warn (every
# 2 s), saying that their session is active (in the triggers' pg_sleep) and that no lock
# holds it up.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init slowtarget "$@"

cat >"$W/slow.cdc" <<'EOF'
pipeline slow { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.t]
  heartbeat = off
}

table src.public.t {
  id integer primary key
  v  text
}

target dst postgres {
  dsn        = env("DST_DSN")
  slow_batch = 2s
  batch {
    rows     = 5
    interval = 200ms
  }
}

merge src.public.* into dst.public.* { }
EOF
rt_cdc_check "$W/slow.cdc"
src_in >/dev/null <<'EOF' || exit 2
CREATE TABLE t (id integer PRIMARY KEY, v text);
INSERT INTO t SELECT i, 'v' FROM generate_series(1, 20) i;
ALTER SYSTEM SET wal_sender_timeout = '2s';
SELECT pg_reload_conf();
EOF
rt_run snap 60 "$W/slow.cdc" --once
rt_expect_status "the snapshot" 0
dst_in <<'EOF' || exit 2
CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2.5); RETURN NULL; END $$;
CREATE TRIGGER slow_t AFTER INSERT OR UPDATE ON public.t FOR EACH STATEMENT EXECUTE FUNCTION slow();
EOF

rt_start run "$W/slow.cdc"
sleep 1
for i in 1 2 3; do
	src "UPDATE t SET v = 'round $i' WHERE id <= 10" >/dev/null
	sleep 1
done
# two slow batches in turn, then one more for good measure
for _ in $(seq 1 150); do
	[ "$(dst "SELECT count(*) FROM t WHERE v = 'round 3'")" = 10 ] && break
	sleep 0.2
done
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait run 60
rt_expect_status "the run waiting on a slow target, stopped by SIGTERM" 0
if grep -qE "trying again|error" "$W/run.err"; then
	rt_fail "the run lost its replication connection while waiting for the target:"
	grep -E "trying again|error" "$W/run.err" | head -n 3 >&2
fi
want='cdcc: warning: target dst: batch [0-9]+ \([0-9]+ changes\) has been applying for [0-9]+ s; its session \(pid [0-9]+\) is active \(wait event Timeout:PgSleep\) for [0-9]+ s, no lock holds it up: a large batch, or a busy server$'
n=$(grep -cE "$want" "$W/run.err")
rt_check '[ "$n" -ge 2 ]' "expected a slow_batch warning for each of the slow batches, got $n"
[ "$n" -ge 2 ] || grep -E "warning" "$W/run.err" | head -n 5 >&2
rt_compare public.t id "id, v"

rt_done
