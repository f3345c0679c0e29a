#!/bin/bash
# tests/run/idle.sh — an idle publication does not hold back the source's WAL.
#
#   tests/run/idle.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/idle.sh)
#
# The captured table public.quiet gets no writes; another table (public.busy, not in the
# pipeline) and another database get plenty, so the server writes WAL the stream has
# nothing to deliver from.  With heartbeat = 1s the running pipeline must move its
# checkpoint and the slot's confirmed_flush_lsn past the WAL written meanwhile, and a
# change of public.quiet made afterwards must still arrive (nothing skipped).  With
# heartbeat = off and max_slot_wal = 1MB, the slot holds the WAL back and cdcc must warn
# about it, naming the slot and the heartbeat option.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init idle "$@"

# pipeline NAME HEARTBEAT [max_slot_wal line]
pipeline() {
	cat <<EOF
pipeline $1 { }

source src postgres {
  dsn       = env("SRC_DSN")
  slot      = "$1"
  tables    = [public.quiet]
  heartbeat = $2
  $3
}

table src.public.quiet {
  id integer primary key
  v  text
}

target dst postgres {
  dsn = env("DST_DSN")
  batch { interval = 500ms }
}

merge src.public.* into dst.$1.* { }
EOF
}
pipeline beat 1s "" >"$W/beat.cdc"
pipeline still off "max_slot_wal = 1MB" >"$W/still.cdc"
rt_cdc_check "$W/beat.cdc"
rt_cdc_check "$W/still.cdc"

src_in <<'EOF' || exit 2
CREATE TABLE quiet (id integer PRIMARY KEY, v text);
INSERT INTO quiet VALUES (1, 'one');
CREATE TABLE busy (id serial PRIMARY KEY, pad text);
CREATE DATABASE other;
EOF
# busy_writes: about 8 MB of WAL the pipelines do not capture, half in another database
busy_writes() {
	src "INSERT INTO busy (pad) SELECT repeat('x', 500) FROM generate_series(1, 8000)" >/dev/null || exit 2
	"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "${SRC_DSN/dbname=postgres/dbname=other}" \
		-c "SET client_min_messages = warning; CREATE TABLE IF NOT EXISTS junk (pad text); INSERT INTO junk SELECT repeat('y', 500) FROM generate_series(1, 8000)" \
		>/dev/null || exit 2
}
confirmed() { src "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '$1'"; }
checkpoint() { dst "SELECT position FROM cdcc.cdcc_checkpoints WHERE pipeline = '$1'"; }
lsn_ge() { [ "$(src "SELECT '$1'::pg_lsn >= '$2'::pg_lsn")" = t ]; }

# ---- heartbeat = 1s: the checkpoint and the slot follow the server's WAL ----------------
rt_run beat0 60 "$W/beat.cdc" --once
rt_expect_status "first run (snapshot)" 0
rt_start beat "$W/beat.cdc"
sleep 1
busy_writes
after=$(src "SELECT pg_current_wal_lsn()")
moved=
for _ in $(seq 1 100); do
	c=$(confirmed beat) p=$(checkpoint beat)
	if [ -n "$c" ] && [ -n "$p" ] && lsn_ge "$c" "$after" && lsn_ge "$p" "$after"; then moved=1; break; fi
	sleep 0.2
done
[ -n "$moved" ] || rt_fail "heartbeat = 1s: after 20 s the slot's confirmed_flush_lsn ($c) and the checkpoint ($p) are still before $after, the WAL written elsewhere"
[ -n "$moved" ] && rt_say "heartbeat: slot at $c, checkpoint at $p, past $after"
# a change of the captured table after the heartbeats still arrives
src "UPDATE quiet SET v = 'changed' WHERE id = 1; INSERT INTO quiet VALUES (2, 'two')" >/dev/null
for _ in $(seq 1 50); do
	[ "$(dst "SELECT count(*) FROM beat.quiet WHERE v IN ('changed', 'two')")" = 2 ] && break
	sleep 0.2
done
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait beat 30
rt_expect_status "the running pipeline, stopped by SIGTERM" 0
rt_compare public.quiet id "id, v" beat.quiet

# ---- heartbeat = off, max_slot_wal = 1MB: the slot holds WAL back, and cdcc says so -----
rt_run still0 60 "$W/still.cdc" --once
rt_expect_status "first run of the pipeline without heartbeat" 0
busy_writes
rt_start still "$W/still.cdc"
for _ in $(seq 1 75); do
	grep -q "holds back" "$W/still.err" && break
	sleep 0.2
done
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait still 30
rt_expect_status "the pipeline without heartbeat, stopped by SIGTERM" 0
if grep -q "warning: source src: replication slot still holds back [0-9]* MB of WAL (max_slot_wal is 1 MB).*heartbeat = 1m" "$W/still.err"; then
	rt_say "warned: $(grep -o 'replication slot still holds back [0-9]* MB' "$W/still.err" | head -n 1)"
else
	rt_fail "no warning about the WAL the slot holds back (max_slot_wal = 1MB, heartbeat off)"
	sed 's/^/    /' "$W/still.err" >&2
fi

rt_done
