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
#   * the loader's backend terminated in the middle of the stream: the batch it was
#     loading is loaded in its own transaction, a warning says why, the run fails no
#     batch, and a new loader session comes after the loader's pause (5 s);
#   * the loader's table locked by another session (as pg_dump does): the loader gives up
#     after its lock_timeout (1 s), the batch is loaded in its own transaction, and the
#     warning names the lock;
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
src "CALL work(250)" >/dev/null &
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

# loader_session: the pid of the loader's session, waiting up to 15 s for one
loader_session() {
	for _ in $(seq 1 150); do
		pid=$(dst "SELECT pid FROM pg_stat_activity WHERE application_name = 'cdcc loader' LIMIT 1")
		[ -n "$pid" ] && { echo "$pid"; return 0; }
		sleep 0.1
	done
	return 1
}
# wait_warning PATTERN: the run's log has a line matching PATTERN within 10 s
wait_warning() {
	for _ in $(seq 1 100); do
		grep -q "$1" "$W/run.err" && return 0
		sleep 0.1
	done
	return 1
}

# the loader's session killed: its batch is loaded in its own transaction
sleep 1
first=$(loader_session) || rt_fail "found no loader session to terminate"
dst "SELECT pg_terminate_backend($first)" >/dev/null
if wait_warning "(loader).*no loading ahead for 5 s; the batch is loaded when it is applied"; then
	rt_say "the loader terminated: $(grep -m1 "(loader)" "$W/run.err" | cut -c1-220)"
else
	rt_fail "no warning after the loader's session was terminated"
fi
# after its pause, a new session
second=$(loader_session)
[ -n "$second" ] && [ "$second" != "$first" ] || rt_fail "no new loader session after the pause (had $first, now '$second')"

# a lock on the loader's tables, held for 3 s: the load gives up after 1 s
lockers=$(dst "SELECT string_agg('cdcc.' || quote_ident(relname), ', ') FROM pg_class
               WHERE relname LIKE 'cdcc\_ahead\_ahead\_test\_%'")
dst_in <<EOF >"$W/lock.out" 2>&1 &
BEGIN;
LOCK TABLE $lockers IN ACCESS SHARE MODE;
SELECT pg_sleep(3);
COMMIT;
EOF
lock_pid=$!
srv_track "$lock_pid"
wait_warning "(loader).*lock timeout" || rt_fail "no warning naming the lock after the loader's table was locked"

wait "$work_pid"
srv_untrack "$work_pid"
wait "$lock_pid" 2>/dev/null
srv_untrack "$lock_pid"
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait run 60
rt_expect_status "the run, stopped by SIGTERM" 0
if grep -q "trying again" "$W/run.err"; then
	rt_fail "a batch failed for its load ahead: $(grep -m1 "trying again" "$W/run.err" | cut -c1-220)"
fi

dst "DROP TRIGGER slow_t ON public.t" >/dev/null
rt_run once 60 "$W/ahead.cdc" --once
rt_expect_status "run --once after the stream" 0
rt_compare public.t id "id, version, v"

rt_done
