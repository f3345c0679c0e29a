#!/bin/bash
# tests/run/blocked.sh — a batch held up by a lock on the target says who holds it.
#
#   tests/run/blocked.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/blocked.sh)
#
# A running pipeline whose target has `slow_batch = 1s`.  A session on the target
# (application "blocker") updates a row and then sits idle in its transaction (until the
# test has seen the blocked batch in the metrics and two warnings);
# an update of the same row at the source makes the next batch wait for that
# transaction.  Checked: while it waits, cdcc warns that the batch has been applying for
# a while, that its session waits for the blocker's transaction, and names the blocker
# (pid, user, application, idle in transaction); the metrics file shows the batch's age;
# once the blocker rolls back, the batch commits (no retry, no error), the target equals
# the source, and the metrics show no batch in flight.  With `slow_batch = off` the same
# wait (the batch takes over a second) says nothing.  Last, the snapshot of a new pipeline into the same table waits for a
# session that read the table and sits idle in its transaction (the snapshot's TRUNCATE
# needs the table to itself): the warning names that lock and that session.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init blocked "$@"

pipeline() {   # FILE SLOW_BATCH [NAME]
	cat >"$1" <<EOF
pipeline ${3:-blocked} { }

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
  slow_batch = $2
  batch {
    interval = 200ms
  }
}

merge src.public.* into dst.public.* { }
EOF
	rt_cdc_check "$1"
}
pipeline "$W/blocked.cdc" 1s
pipeline "$W/quiet.cdc" off
pipeline "$W/again.cdc" 1s again
src_in <<'EOF' || exit 2
CREATE TABLE t (id integer PRIMARY KEY, v text);
INSERT INTO t SELECT i, 'v' FROM generate_series(1, 20) i;
EOF
rt_run snap 60 "$W/blocked.cdc" --once
rt_expect_status "the snapshot" 0

# holder APP SQL: a target session (application APP) that runs SQL in a transaction, then
# sits idle in it until $W/release exists (at most 30 s) and rolls back.  Returns once it
# is idle in its transaction: held_pid is its backend's pid, holder_pid its psql's.
holder() {
	rm -f "$W/release"
	{
		echo "SET application_name = '$1';"
		echo "BEGIN; $2;"
		for _ in $(seq 1 300); do
			[ -e "$W/release" ] && break
			sleep 0.1
		done
		echo "ROLLBACK;"
	} | "$PSQL" -X -q -v ON_ERROR_STOP=1 "$DST_DSN" >/dev/null &
	holder_pid=$!
	held_pid=
	for _ in $(seq 1 50); do
		held_pid=$(dst "SELECT pid FROM pg_stat_activity WHERE application_name = '$1' AND state = 'idle in transaction'")
		[ -n "$held_pid" ] && break
		sleep 0.1
	done
	[ -n "$held_pid" ] || { rt_say "the session $1 did not start"; exit 2; }
}
release_in() { (sleep "$1"; touch "$W/release") & }

# metric NAME: its value for target dst in the metrics file
metric() { sed -n "s/^$1{pipeline=\"blocked\",target=\"dst\"} //p" "$W/metrics.prom" 2>/dev/null; }

want="cdcc: warning: target dst: batch [0-9]+ \([0-9]+ changes\) has been applying for [0-9]+ s; its session \(pid [0-9]+\) has been waiting [0-9]+ s for ShareLock on transaction [0-9]+ \(a row this batch writes\), blocked by pid [0-9]+ \(user [a-z_]+, application \"blocker\", idle in transaction, its transaction open for [0-9]+ s\); the batch goes on when that transaction ends"

# ---- slow_batch = 1s: the blocked batch says by whom -------------------------------------
rt_start run "$W/blocked.cdc" --metrics "$W/metrics.prom"
sleep 1
holder blocker "UPDATE t SET v = 'held' WHERE id = 1"
bpid=$held_pid
src "UPDATE t SET v = 'round 1' WHERE id <= 5" >/dev/null
# held until the metrics show the batch's age and the warning came twice
seen= n=0
for _ in $(seq 1 150); do
	age=$(metric cdcc_batch_seconds)
	[ -n "$age" ] && python3 -c "import sys; sys.exit(0 if float('$age') >= 1 else 1)" && seen=$age
	n=$(grep -cE "$want" "$W/run.err")
	[ -n "$seen" ] && [ "$n" -ge 2 ] && break
	sleep 0.1
done
touch "$W/release"
wait "$holder_pid"
rt_check '[ -n "$seen" ]' "the metrics never showed the blocked batch's age (cdcc_batch_seconds: ${age:-absent})"
rt_caught_up t 30 "after the blocker rolled back"
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait run 60
rt_expect_status "the blocked run, stopped by SIGTERM" 0
n=$(grep -cE "$want" "$W/run.err")
rt_check '[ "$n" -ge 2 ]' "expected the warning at least twice (after 1 s, then every 1 s while the blocker waits), got $n; the log:"
[ "$n" -ge 2 ] || head -n 20 "$W/run.err" >&2
rt_check '[ "$(grep -cE "$want" "$W/run.err")" = "$(grep -c "blocked by pid $bpid " "$W/run.err")" ]' \
	"the warnings do not all name the blocker's pid $bpid"
if grep -qE "trying again|error" "$W/run.err"; then
	rt_fail "a blocked batch is waited for, not retried:"
	grep -E "trying again|error" "$W/run.err" | head -n 3 >&2
fi
rt_eq "cdcc_batch_seconds at the end of the run" "$(metric cdcc_batch_seconds)" "0.000"
rt_compare public.t id "id, v"

# ---- slow_batch = off: the same wait, no warning ------------------------------------------
rt_start quiet "$W/quiet.cdc"
sleep 1
holder blocker "UPDATE t SET v = 'held' WHERE id = 1"
src "UPDATE t SET v = 'round 2' WHERE id <= 5" >/dev/null
release_in 3
wait "$holder_pid"
rt_caught_up t 30 "after the second blocker rolled back"
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait quiet 60
rt_expect_status "the quiet run, stopped by SIGTERM" 0
rt_eq "warnings with slow_batch = off" "$(grep -c "has been applying" "$W/quiet.err")" 0
# ... and the batch did wait: its commit took over a second
slowest=$(sed -n 's/.*: batch [0-9]* committed: .* (\([0-9]*\)\.[0-9] ms)$/\1/p' "$W/quiet.err" | sort -n | tail -n 1)
rt_check '[ "${slowest:-0}" -ge 1000 ]' "the quiet run's blocked batch took ${slowest:-no} ms: it did not wait for the blocker"
rt_compare public.t id "id, v"

# ---- a snapshot waiting for a reader --------------------------------------------------------
holder reader "SELECT count(*) FROM t"
release_in 4
rt_run again 60 "$W/again.cdc" --once
rt_expect_status "the second pipeline's snapshot" 0
wait "$holder_pid"
want="cdcc: warning: target dst: (a chunk of the snapshot's rows has been loading|the snapshot's last rows and its commit have been applying) for [0-9]+ s; its session \(pid [0-9]+\) has been waiting [0-9]+ s for AccessExclusiveLock on t, blocked by pid $held_pid \(user [a-z_]+, application \"reader\", idle in transaction, its transaction open for [0-9]+ s\)"
n=$(grep -cE "$want" "$W/again.err")
rt_check '[ "$n" -ge 1 ]' "expected the snapshot's warning naming the reader, got $n; the log:"
[ "$n" -ge 1 ] || head -n 20 "$W/again.err" >&2
rt_compare public.t id "id, v"

rt_done
