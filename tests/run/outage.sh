#!/bin/bash
# tests/run/outage.sh — `cdcc run` waits out the target and the source going away.
#
#   tests/run/outage.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/outage.sh)
#
# A running pipeline (not --once) under a write workload:
#   1. the target PostgreSQL is stopped for 30 s, then started again;
#   2. the workload stops; the source PostgreSQL is restarted (10 s down), and rows
#      written after it is back must arrive.
# Checked: the same cdcc process runs throughout (it retries: "trying again" in its log);
# its resident memory stays under 100 MB while the target is down (it stops reading, it
# does not buffer); the target then equals the source; SIGTERM ends it with exit 0.  A
# --once run does not wait: with the target down it exits 1 at once.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init outage "$@"

cat >"$W/outage.cdc" <<'EOF'
pipeline outage { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.accounts]
  heartbeat = off
}

table src.public.accounts {
  id      bigint primary key
  version integer
  balance numeric(12,2)
  note    text
}

target dst postgres {
  dsn = env("DST_DSN")
  batch {
    rows     = 2000
    interval = 300ms
  }
}

merge src.public.accounts into dst.public.accounts { }
EOF
rt_cdc_check "$W/outage.cdc"

NA=20000
src_in <<EOF || exit 2
CREATE TABLE accounts (id bigint PRIMARY KEY, version integer, balance numeric(12,2), note text);
CREATE TABLE deleted_ids (id bigint);
INSERT INTO accounts SELECT i, 1, i / 100.0, 'account ' || i FROM generate_series(1, $NA) i;
EOF

pg_stop() { srv_as "$srv_pg_user" "$PG_CTL" -D "$1" -m fast -w stop >/dev/null 2>&1; }
pg_start() { srv_as "$srv_pg_user" "$PG_CTL" -D "$1" -l "$2" -w start >/dev/null 2>&1; }
rss_mb() { ps -o rss= -p "$1" 2>/dev/null | awk '{ printf "%d", $1 / 1024 }'; }

rt_start run "$W/outage.cdc"
pid=$rt_cdcc_pid
for _ in $(seq 1 150); do
	[ "$(dst "SELECT count(*) FROM cdcc.cdcc_checkpoints" 2>/dev/null)" = 1 ] && break
	sleep 0.2
done
rt_workload_start crash --rate 100 --accounts $NA --seed 11
sleep 2

# ---- 1. the target down for 30 s ----------------------------------------------------------
pg_stop "$DST_DATA" || exit 2
rt_say "target stopped"
max=0
for _ in $(seq 1 15); do
	sleep 2
	kill -0 "$pid" 2>/dev/null || { rt_fail "cdcc run exited while the target was down"; break; }
	m=$(rss_mb "$pid")
	[ "${m:-0}" -gt "$max" ] && max=$m
done
pg_start "$DST_DATA" "$DST_LOG" || exit 2
rt_say "target started again; cdcc's largest resident memory while it was down: $max MB"
rt_check '[ "$max" -lt 100 ]' "cdcc run grew to $max MB while the target was down"
sleep 3
rt_workload_stop

# ---- 2. the source restarted ----------------------------------------------------------------
pg_stop "$SRC_DATA" || exit 2
rt_say "source stopped"
sleep 10
kill -0 "$pid" 2>/dev/null || rt_fail "cdcc run exited while the source was down"
pg_start "$SRC_DATA" "$SRC_LOG" || exit 2
rt_say "source started again"
src "INSERT INTO accounts VALUES (9000001, 1, 1.00, 'after the source came back')" >/dev/null || exit 2

# ---- caught up, without a restart ----------------------------------------------------------
rt_caught_up accounts 60 "of the outages"
kill -0 "$pid" 2>/dev/null || rt_fail "cdcc run is not running any more"
kill -TERM "$pid" 2>/dev/null
rt_wait run 30
rt_expect_status "cdcc run after both outages, stopped by SIGTERM" 0
rt_compare public.accounts id "id, version, balance, note"
n=$(grep -c "trying again" "$W/run.err")
rt_check '[ "$n" -ge 2 ]' "cdcc run logged $n retries (\"trying again\"); expected some for each outage"
rt_say "$n retries logged, e.g.: $(grep -m 1 'trying again' "$W/run.err")"

# ---- --once does not wait ----------------------------------------------------------------------
pg_stop "$DST_DATA" || exit 2
rt_run once 30 "$W/outage.cdc" --once
rt_expect_status "--once with the target down" 1
grep -q "cannot connect" "$W/once.err" || rt_fail "--once with the target down: no \"cannot connect\" error"
pg_start "$DST_DATA" "$DST_LOG" || exit 2

rt_done
