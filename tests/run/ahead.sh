#!/bin/bash
# tests/run/ahead.sh — batches loaded ahead (runtime/pg_target.c, load_ahead).
#
#   tests/run/ahead.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/ahead.sh)
#
# A statement trigger on the target table makes every batch's MERGE take 0.4 s while the
# source commits a transaction every 100 ms, so each batch closes while the one before it
# is still being applied, and its rows are loaded ahead by the target's second connection
# (the loader) into its own tables.  Checked:
#
#   * the loader ran: its two tables exist, named after the pipeline, unlogged;
#   * the loader's backend terminated in the middle of the stream: the run logs the
#     failed batch, tries again on its own, and goes on;
#   * a TRUNCATE of the loader's tables that blocks until the batch waits in the loader
#     (a lock held by another session) delays the run and loses nothing;
#   * after the workload and a run --once, the target equals the source, each change
#     applied once (a version column counts every update).
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init ahead "$@"

cat >"$W/ahead.cdc" <<'EOF'
pipeline ahead_test { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.t]
  heartbeat = off
}

table src.public.t {
  id      integer primary key
  version integer
  v       text
}

target dst postgres {
  dsn = env("DST_DSN")
  batch {
    rows     = 20
    interval = 100ms
  }
}

merge src.public.* into dst.public.* { }
EOF
rt_cdc_check "$W/ahead.cdc"
src_in <<'EOF' || exit 2
CREATE TABLE t (id integer PRIMARY KEY, version integer NOT NULL, v text);
INSERT INTO t SELECT i, 1, 'v' FROM generate_series(1, 200) i;
EOF
rt_run snap 60 "$W/ahead.cdc" --once
rt_expect_status "the snapshot" 0
dst_in <<'EOF' || exit 2
CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.4); RETURN NULL; END $$;
CREATE TRIGGER slow_t AFTER INSERT OR UPDATE ON public.t FOR EACH STATEMENT EXECUTE FUNCTION slow();
EOF

# the workload: a transaction of a few changes every 100 ms, in the background
cat >"$W/work.sql" <<'EOF'
CREATE PROCEDURE work(n int) LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1 .. n LOOP
    UPDATE t SET version = version + 1, v = 'round ' || i WHERE id % 20 = i % 20;
    INSERT INTO t VALUES (1000 + i, 1, 'new');
    IF i % 3 = 0 THEN DELETE FROM t WHERE id = 1000 + i - 2; END IF;
    COMMIT;
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
EOF
src_in <"$W/work.sql" || exit 2

rt_start run "$W/ahead.cdc"
src "CALL work(120)" >/dev/null &
work_pid=$!
srv_track "$work_pid"

# the loader's tables appear once a batch closes while one is in flight
loader=
for _ in $(seq 1 100); do
	loader=$(dst "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	              WHERE n.nspname = 'cdcc' AND c.relname LIKE 'cdcc\_ahead\_ahead\_test\_%' AND c.relpersistence = 'u'")
	[ "$loader" = 2 ] && break
	sleep 0.2
done
rt_eq "the loader's tables (unlogged, named after the pipeline)" "$loader" 2

# the loader's session killed: the batch it loads fails, the run tries again
sleep 1
killed=$(dst "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
              WHERE application_name = 'cdcc loader'")
[ "${killed:-0}" -ge 1 ] || rt_fail "found no loader session to terminate"
for _ in $(seq 1 100); do
	grep -q "trying again" "$W/run.err" && break
	sleep 0.1
done
if grep -q "trying again" "$W/run.err"; then
	rt_say "the loader terminated: $(grep -m1 "trying again" "$W/run.err" | cut -c1-220)"
else
	rt_fail "the run did not try again after its loader's session was terminated"
fi

# a lock on the loader's table: the load waits for it, and the run with it
locker=$(dst "SELECT relname FROM pg_class WHERE relname LIKE 'cdcc\_ahead\_ahead\_test\_%\_a'")
dst_in <<EOF >/dev/null 2>&1 &
BEGIN;
LOCK TABLE cdcc."$locker" IN ACCESS EXCLUSIVE MODE;
SELECT pg_sleep(2);
COMMIT;
EOF
lock_pid=$!
srv_track "$lock_pid"

wait "$work_pid"
srv_untrack "$work_pid"
wait "$lock_pid" 2>/dev/null
srv_untrack "$lock_pid"
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait run 60
rt_expect_status "the run, stopped by SIGTERM" 0

dst "DROP TRIGGER slow_t ON public.t" >/dev/null
rt_run once 60 "$W/ahead.cdc" --once
rt_expect_status "run --once after the stream" 0
rt_compare public.t id "id, version, v"

rt_done
