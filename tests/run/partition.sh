#!/bin/bash
# tests/run/partition.sh — `cdcc run` gives up on a server that stops answering, waits it
# out, and the session it leaves behind on the target does not outlive the partition.
#
#   tests/run/partition.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/partition.sh)
#
# A network partition closes nothing and refuses nothing: packets are simply lost.  The
# test runs in a network namespace of its own (ip netns, so root), where both servers
# listen on the namespace's 127.0.0.1 and iptables drops every packet to and from the
# target's port.  cdcc reaches both servers over TCP; the target's DSN sets short
# timeouts (keepalives_idle=2 keepalives_interval=1 keepalives_count=2
# tcp_user_timeout=4000 connect_timeout=2), the source's sets none (cdcc's defaults).
# Checked:
#
#   * cdcc's end of each connection has keepalives with the DSN's idle time, or the
#     default's 30 s, and the server's end of each session the same (ss's timers);
#   * a trigger makes every checkpoint write sleep 2 s, and the partition starts while the
#     target's session sleeps in one, in the middle of a batch, holding its row locks: cdcc
#     logs a warning for the target and tries again, in the same process;
#   * that session, cut off from cdcc, ends on the server within the partition's 12 s (the
#     server's end has the same 4 s timeout; by default it would wait for the kernel's
#     retransmissions, about 15 minutes, holding the locks the next attempt needs);
#   * after the partition, rows keep arriving; the target equals the source;
#   * the source's `timeout = 4s`: idle for 6 s, the stream is not taken for lost (the
#     server answers when asked); then the walsender is stopped (SIGSTOP: its kernel still
#     answers TCP, as a hung server's or a proxy's would): cdcc warns that nothing came,
#     not even the answer it asked for, and tries again; once the walsender is let go
#     (SIGCONT) and has gone, a row written meanwhile arrives;
#   * SIGTERM ends the run with exit 0.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip (not root, no ip or iptables; under
# CI=true a skip is an error).
set -u
here=$(cd "$(dirname "$0")" && pwd)

# ---- into a network namespace of our own ------------------------------------------------
if [ -z "${CDCC_TEST_NETNS:-}" ]; then
	. "$here/../lib/servers.sh"
	srv_need ip iptables ss
	[ "$(id -u)" = 0 ] || srv_skip "a network namespace needs root"
	ns=cdcc-partition-$$
	ip netns add "$ns" 2>/dev/null || srv_skip "cannot make a network namespace (ip netns add)"
	ip netns exec "$ns" ip link set lo up || { ip netns del "$ns"; exit 2; }
	CDCC_TEST_NETNS=$ns ip netns exec "$ns" bash "$here/partition.sh" "$@"
	rc=$?
	ip netns del "$ns"
	exit $rc
fi

. "$here/lib.sh"
rt_init partition "$@"

SRC_TCP="host=127.0.0.1 port=$SRC_PORT dbname=postgres user=postgres"
DST_TCP="host=127.0.0.1 port=$DST_PORT dbname=postgres user=postgres keepalives_idle=2 keepalives_interval=1 keepalives_count=2 tcp_user_timeout=4000 connect_timeout=2"
export SRC_TCP DST_TCP

cat >"$W/partition.cdc" <<'EOF'
pipeline partition { }

source src postgres {
  dsn       = env("SRC_TCP")
  tables    = [public.accounts]
  heartbeat = off
  timeout   = 4s
}

table src.public.accounts {
  id      bigint primary key
  version integer
  balance numeric(12,2)
  note    text
}

target dst postgres {
  dsn = env("DST_TCP")
  batch {
    rows     = 2000
    interval = 300ms
  }
}

merge src.public.accounts into dst.public.accounts { }
EOF
rt_cdc_check "$W/partition.cdc"

NA=5000
src_in <<EOF || exit 2
CREATE TABLE accounts (id bigint PRIMARY KEY, version integer, balance numeric(12,2), note text);
CREATE TABLE deleted_ids (id bigint);
INSERT INTO accounts SELECT i, 1, i / 100.0, 'account ' || i FROM generate_series(1, $NA) i;
EOF

rt_start run "$W/partition.cdc"
pid=$rt_cdcc_pid
for _ in $(seq 1 150); do
	[ "$(dst "SELECT count(*) FROM cdcc.cdcc_checkpoints" 2>/dev/null)" = 1 ] && break
	sleep 0.2
done
rt_eq "the snapshot in the target" "$(dst "SELECT count(*) FROM accounts")" "$NA" || { rt_show_err run; rt_done; }

# ---- both ends' keepalives ----------------------------------------------------------------
# ss prints an idle socket's keepalive timer, the time left until the first probe (at most
# the idle time), as timer:(keepalive,29sec,0), timer:(keepalive,1.248ms,0) (1.248 s) or
# timer:(keepalive,310ms,0)
ka_max() {   # ka_max FILTER: how many sockets have one, and the largest, in seconds
	ss -tnoH state established "$1" | python3 -c '
import re, sys
def secs(t):
    m = re.fullmatch(r"(?:(\d+)min)?(?:(\d+)sec)?(?:(\d+)\.)?(?:(\d+)ms)?", t)
    if not m or not t:
        return None
    mi, se, s2, ms = (int(g) if g else 0 for g in m.groups())
    return mi * 60 + se + s2 + ms / 1000
v = [secs(m.group(1)) for m in (re.search(r"keepalive,([^,]+),", l) for l in sys.stdin) if m]
v = [x for x in v if x is not None]
print("%d %.3f" % (len(v), max(v)) if v else "0 -")'
}
sleep 0.5
ka_check() {   # ka_check FILTER MIN_SOCKETS LO HI WHAT: every timer in (LO, HI]
	read -r n v <<<"$(ka_max "$1")"
	[ "$n" -ge "$2" ] && python3 -c "import sys; sys.exit(not $3 < $v <= $4)" ||
		rt_fail "$5: expected keepalive timers above $3 s and at most $4 s on $2 or more sockets, got $n sockets, largest $v s"
}
ka_check "( dport = :$DST_PORT )" 1 0 2 "cdcc's sockets to the target (the DSN's keepalives_idle=2)"
ka_check "( sport = :$DST_PORT )" 1 0 2 "the target server's end of cdcc's sessions (the DSN's, mirrored)"
ka_check "( dport = :$SRC_PORT )" 2 2 30 "cdcc's two sockets to the source (cdcc's default idle, 30 s)"
ka_check "( sport = :$SRC_PORT )" 2 2 30 "the source server's end of cdcc's sessions (cdcc's default, mirrored)"

# ---- partitioned in the middle of a batch ------------------------------------------------
dst_in <<'EOF' || exit 2
CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$;
CREATE TRIGGER slow_t AFTER UPDATE ON cdcc.cdcc_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION slow();
EOF
rt_workload_start crash --rate 100 --accounts $NA --seed 5
orphan=
for _ in $(seq 1 100); do
	orphan=$(dst "SELECT pid FROM pg_stat_activity WHERE application_name = 'cdcc' AND wait_event = 'PgSleep'")
	[ -n "$orphan" ] && break
	sleep 0.1
done
[ -n "$orphan" ] || { rt_fail "the target's session never sat in the checkpoint trigger"; rt_workload_stop; rt_done; }
iptables -A INPUT -p tcp --dport "$DST_PORT" -j DROP || exit 2
iptables -A INPUT -p tcp --sport "$DST_PORT" -j DROP || exit 2
rt_say "partitioned from the target (its session $orphan in the middle of a batch)"
sleep 12
kill -0 "$pid" 2>/dev/null || rt_fail "cdcc run exited during the partition"
left=$(dst "SELECT count(*) FROM pg_stat_activity WHERE pid = $orphan")
rt_eq "the cut-off session $orphan still on the target after 12 s" "$left" 0
iptables -D INPUT -p tcp --dport "$DST_PORT" -j DROP || exit 2
iptables -D INPUT -p tcp --sport "$DST_PORT" -j DROP || exit 2
rt_say "partition over"
dst "DROP TRIGGER slow_t ON cdcc.cdcc_checkpoints" >/dev/null || exit 2
sleep 2
rt_workload_stop
src "INSERT INTO accounts VALUES (9000001, 1, 1.00, 'after the partition')" >/dev/null || exit 2

rt_caught_up accounts 60 "of the partition"

# ---- a source that hangs ------------------------------------------------------------------
sleep 6
rt_eq "warnings of a silent source while the stream was merely idle" "$(grep -c 'nothing from the server' "$W/run.err")" 0
ws=$(src "SELECT active_pid FROM pg_replication_slots WHERE slot_name = 'cdcc_partition'")
[ -n "$ws" ] || { rt_fail "no walsender holds the slot"; rt_done; }
kill -STOP "$ws" || exit 2
rt_say "walsender $ws stopped"
src "INSERT INTO accounts VALUES (9000002, 1, 2.00, 'while the walsender hung')" >/dev/null || exit 2
for _ in $(seq 1 200); do
	grep -q 'nothing from the server' "$W/run.err" && break
	sleep 0.1
done
kill -CONT "$ws"
rt_check 'grep -q "source src: nothing from the server for .* not even the answer asked for .*; trying again" "$W/run.err"' \
	"no warning that the source sent nothing, not even an answer, within 20 s of its walsender stopping"
rt_say "$(grep -m 1 'nothing from the server' "$W/run.err")"
got=
for _ in $(seq 1 300); do
	got=$(dst "SELECT note FROM accounts WHERE id = 9000002" 2>/dev/null)
	[ -n "$got" ] && break
	sleep 0.2
done
rt_eq "the row written while the walsender hung, in the target" "$got" "while the walsender hung"
kill -0 "$pid" 2>/dev/null || rt_fail "cdcc run is not running any more"
kill -TERM "$pid" 2>/dev/null
rt_wait run 30
rt_expect_status "cdcc run after the partition, stopped by SIGTERM" 0
rt_compare public.accounts id "id, version, balance, note"
n=$(grep -c "target dst.*trying again" "$W/run.err")
rt_check '[ "$n" -ge 1 ]' "cdcc run logged no retry for the target (\"target dst: ... trying again\")"
rt_say "$n retries logged, e.g.: $(grep -m 1 'trying again' "$W/run.err")"
rt_done
