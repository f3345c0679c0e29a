# tests/run/lib.sh — what the integration tests of `cdcc run` share (sourced, bash).
#
#   . "$here/lib.sh"
#   rt_init NAME "$@"         finds cdcc ($1, else $CDCC, else build/cdcc), starts a source
#                             PostgreSQL (SRC, wal_level = logical) and a target (DST)
#                             through tests/lib/servers.sh, exports SRC_DSN and DST_DSN,
#                             sets W (a work folder) and CDCC
#   src SQL / dst SQL         runs SQL on the source / target: psql, unaligned, tuples only,
#                             stop on the first error; prints the result
#   src_in / dst_in           the same with the SQL on standard input (one session)
#   rt_cdc_check FILE         exit 2 unless `cdcc check FILE` accepts the pipeline
#   rt_run LABEL TIMEOUT ARGS...
#                             runs `cdcc run ARGS...` with a time limit: status in rt_status,
#                             stderr in $W/LABEL.err (also shown on failure by rt_expect_status)
#   rt_start LABEL ARGS...    `cdcc run ARGS...` in the background (pid in rt_cdcc_pid);
#   rt_wait LABEL SECONDS     waits for it: rt_status, 124 if it had to be killed
#                             (both: FAIL if the run printed an error or warning with no
#                             message)
#   rt_expect_status WHAT WANT
#                             FAIL unless rt_status is WANT (prints the last run's stderr)
#   rt_compare TABLE KEY COLS [DST_TABLE]
#                             FAIL unless the source table and the target table (default the
#                             same name) have the same rows: count and md5 of the text form
#                             of COLS ordered by KEY (comma-separated lists); shows a diff
#   rt_caught_up TABLE SECONDS WHAT
#                             waits until the source table and the target's (same name) hold
#                             the same rows (md5 of every row by id); FAIL after SECONDS,
#                             the message ending in WHAT ("of the outages")
#   rt_fail MESSAGE           prints "FAIL: MESSAGE" and marks the test failed
#   rt_check COND MESSAGE     rt_fail MESSAGE unless the shell test `COND` (eval'd) holds
#   rt_workload_start NAME ARGS...
#                             tests/run/workload.py in the background (its psql on the source)
#   rt_workload_stop          stops it (stop file), waits, FAIL if it did no work
#   rt_stat FILE EXPR         a value of a --stats JSON file: python expression over `s`
#   rt_eq WHAT GOT WANT       FAIL unless GOT is WANT
#   rt_td_txns SLOT TABLE COND
#                             the transactions that changed TABLE ("public.b") by the
#                             source's test_decoding slot SLOT (peeked, not consumed), as
#                             "xid:changes,..." in xid order, of those whose COMMIT line's
#                             lsn (the end of the commit record) meets COND ("lsn > '0/1'")
#   rt_hist_txns RUN TABLE    the same of an appending history table with columns _xid
#                             (txid()) and _op (op(); a copy's rows, 'S', left out), RUN
#                             being dst or another function that runs SQL on a target
#   rt_same_txns WHAT WANT GOT
#                             FAIL unless the two lists are the same (shows a diff)
#   rt_count_list LIST        the number of items of a comma-separated list
#   rt_done                   exit 0 if nothing failed, 1 otherwise (RT_KEEP=DIR: on failure,
#                             the work folder and the servers' logs are copied to DIR)
#
# Exit status of the tests: 0 pass, 1 fail, 2 setup error, 77 skip (PostgreSQL 15 or a
# `cdcc run` missing), except under CI=true where a skip is an error.

rt_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rt_top=$(cd "$rt_here/../.." && pwd)
. "$rt_top/tests/lib/servers.sh"

rt_failed=0

rt_say() { printf '%s: %s\n' "$rt_name" "$*" >&2; }
rt_fail() {
	printf '%s: FAIL: %s\n' "$rt_name" "$*" >&2
	rt_failed=1
}
rt_check() {
	if ! eval "$1"; then rt_fail "$2"; fi
}
rt_done() {
	if [ "$rt_failed" = 0 ]; then
		rt_say "PASS"
		exit 0
	fi
	rt_say "FAILED (see the FAIL lines above)"
	if [ -n "${RT_KEEP:-}" ]; then
		# the work folder (pipelines, cdcc's stderr, stats) and the servers' logs
		mkdir -p "$RT_KEEP" && cp -r "$W" "$RT_KEEP/" &&
			cp "$SRC_LOG" "$RT_KEEP/src-server.log" && cp "$DST_LOG" "$RT_KEEP/dst-server.log" &&
			rt_say "kept the work folder and the server logs in $RT_KEEP"
	fi
	exit 1
}

rt_init() {
	rt_name=$1
	shift
	CDCC=${1:-${CDCC:-}}
	if [ -z "$CDCC" ]; then
		for c in "$rt_top/build/cdcc" "$rt_top/cdcc"; do
			if [ -x "$c" ]; then CDCC=$c; break; fi
		done
	fi
	if [ -z "$CDCC" ] || [ ! -x "$CDCC" ]; then
		rt_say "no cdcc binary: pass it as the first argument or set CDCC=/path/to/cdcc"
		exit 2
	fi
	case $CDCC in /*) ;; *) CDCC=$(pwd)/$CDCC ;; esac
	export CDCC
	srv_setup "run-$rt_name"
	# RT_DEV=1: the scaffolding without a working `cdcc run`
	[ -n "${RT_DEV:-}" ] || "$CDCC" run --help >/dev/null 2>&1 || srv_skip "$CDCC has no 'run' command"
	srv_need python3
	srv_postgres_named SRC logical
	srv_postgres_named DST
	export SRC_DSN DST_DSN
	W=$srv_tmp/work
	mkdir "$W"
	rt_wl_pid=
}

src() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$SRC_DSN" -c "$1"; }

rt_td_txns() {
	src "WITH c AS (SELECT lsn, xid, data FROM pg_logical_slot_peek_changes('$1', NULL, NULL)),
	          commits AS (SELECT xid, lsn FROM c WHERE data LIKE 'COMMIT%'),
	          changes AS (SELECT xid, count(*) AS n FROM c WHERE data LIKE 'table $2:%' GROUP BY xid)
	     SELECT coalesce(string_agg(changes.xid || ':' || n, ',' ORDER BY changes.xid::text::bigint), '')
	     FROM changes JOIN commits USING (xid) WHERE $3"
}
rt_hist_txns() {
	"$1" "SELECT coalesce(string_agg(_xid || ':' || n, ',' ORDER BY _xid), '')
	      FROM (SELECT _xid, count(*) AS n FROM $2 WHERE _op <> 'S' GROUP BY _xid) x"
}
rt_same_txns() {
	if [ "$3" != "$2" ]; then
		rt_fail "$1"
		diff <(tr , '\n' <<<"$2") <(tr , '\n' <<<"$3") | head -n 10 >&2
	fi
}
rt_count_list() { tr , '\n' <<<"$1" | grep -c .; }
dst() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$DST_DSN" -c "$1"; }
# the same, SQL on standard input (several statements, one session)
src_in() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$SRC_DSN" -f -; }
dst_in() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$DST_DSN" -f -; }

# rt_run LABEL TIMEOUT ARGS...: cdcc run ARGS with a time limit (SIGTERM, then SIGKILL 5 s
# later); rt_status is cdcc's exit status (124: the time limit)
rt_run() {
	rt_label=$1 rt_limit=$2
	shift 2
	timeout -k 5 "$rt_limit" "$CDCC" run "$@" >"$W/$rt_label.out" 2>"$W/$rt_label.err" &
	rt_cdcc_pid=$!
	srv_track "$rt_cdcc_pid"
	wait "$rt_cdcc_pid"
	rt_status=$?
	srv_untrack "$rt_cdcc_pid"
	rt_said_why "$rt_label"
}

# rt_start LABEL ARGS...: cdcc run ARGS in the background (rt_cdcc_pid); rt_wait LABEL
# TIMEOUT: waits for it (rt_status; 124 when it had to be killed)
rt_start() {
	rt_label=$1
	shift
	: >"$W/$rt_label.err"
	"$CDCC" run "$@" >"$W/$rt_label.out" 2>>"$W/$rt_label.err" &
	rt_cdcc_pid=$!
	srv_track "$rt_cdcc_pid"
}
rt_wait() {
	i=0
	while kill -0 "$rt_cdcc_pid" 2>/dev/null && [ $i -lt $(($2 * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$rt_cdcc_pid" 2>/dev/null; then
		kill -9 "$rt_cdcc_pid" 2>/dev/null
		wait "$rt_cdcc_pid" 2>/dev/null
		rt_status=124
	else
		wait "$rt_cdcc_pid"
		rt_status=$?
	fi
	srv_untrack "$rt_cdcc_pid"
	rt_said_why "$1"
}

# rt_said_why LABEL: every error and warning of that run says something (an error whose
# message was lost on the way up prints "cdcc: error: " and nothing else)
rt_said_why() {
	if grep -Eq '^cdcc: (error|warning): *$' "$W/$1.err" 2>/dev/null; then
		rt_fail "$1: cdcc printed an error or warning with no message"
	fi
}

rt_show_err() {
	if [ -s "$W/$1.err" ]; then
		echo "---- cdcc stderr ($1, last 30 lines) ----" >&2
		tail -n 30 "$W/$1.err" >&2
		echo "----" >&2
	fi
}

rt_expect_status() {
	if [ "$rt_status" != "$2" ]; then
		if [ "$rt_status" = 124 ]; then
			rt_fail "$1: cdcc run did not finish in time (killed), expected exit status $2"
		else
			rt_fail "$1: cdcc run exited with status $rt_status, expected $2"
		fi
		rt_show_err "$rt_label"
		return 1
	fi
	return 0
}

# rt_compare TABLE KEY COLS [DST_TABLE]
rt_compare() {
	t=$1 key=$2 cols=$3 dt=${4:-$1}
	q="SELECT count(*) || ' ' || coalesce(md5(string_agg(x::text, E'\\n' ORDER BY $key)), '-')
	   FROM (SELECT $cols FROM %s) x"
	# shellcheck disable=SC2059
	a=$(src "$(printf "$q" "$t")" 2>&1)
	# shellcheck disable=SC2059
	b=$(dst "$(printf "$q" "$dt")" 2>&1)
	if [ "$a" != "$b" ]; then
		rt_fail "$t: source and target differ (source: count md5 = $a; target $dt: $b)"
		q2="SELECT x::text FROM (SELECT $cols FROM %s) x ORDER BY $key"
		# shellcheck disable=SC2059
		src "$(printf "$q2" "$t")" >"$W/cmp.src" 2>&1
		# shellcheck disable=SC2059
		dst "$(printf "$q2" "$dt")" >"$W/cmp.dst" 2>&1
		echo "---- diff source target ($t, first 20 lines; lines cut at 200 characters) ----" >&2
		diff "$W/cmp.src" "$W/cmp.dst" | head -n 20 | cut -c 1-200 >&2
		echo "----" >&2
		return 1
	fi
	return 0
}

# rt_caught_up TABLE SECONDS WHAT: a running pipeline has applied everything
rt_caught_up() {
	q="SELECT md5(string_agg(a::text, '' ORDER BY id)) FROM $1 a"
	for _ in $(seq 1 $(($2 * 5))); do
		a=$(src "$q" 2>/dev/null)
		[ -n "$a" ] && [ "$a" = "$(dst "$q" 2>/dev/null)" ] && return 0
		sleep 0.2
	done
	rt_fail "the target's $1 did not catch up with the source's within $2 s $3"
	return 1
}

# rt_workload_start NAME ARGS...: workload.py NAME ARGS against the source
rt_workload_start() {
	rm -f "$W/wl.stop"
	python3 -B "$rt_here/workload.py" --psql "$PSQL" --dsn "$SRC_DSN" --stop-file "$W/wl.stop" \
		--report "$W/wl.report" "$@" >"$W/wl.log" 2>&1 &
	rt_wl_pid=$!
	srv_track "$rt_wl_pid"
}
rt_workload_stop() {
	[ -n "$rt_wl_pid" ] || return 0
	touch "$W/wl.stop"
	i=0
	while kill -0 "$rt_wl_pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	if kill -0 "$rt_wl_pid" 2>/dev/null; then
		rt_fail "the workload did not stop"
		srv_kill_tree "$rt_wl_pid"
	fi
	wait "$rt_wl_pid" 2>/dev/null
	rt_wl_status=$?
	srv_untrack "$rt_wl_pid"
	rt_wl_pid=
	if [ "$rt_wl_status" != 0 ] || [ ! -s "$W/wl.report" ]; then
		rt_fail "the workload failed (status $rt_wl_status):"
		tail -n 20 "$W/wl.log" >&2
		return 1
	fi
	rt_say "workload: $(cat "$W/wl.report")"
}

# rt_stat FILE EXPR: python expression over s, the parsed JSON (prints "ERROR ..." when
# the file is missing or the expression fails)
rt_stat() {
	python3 -c '
import json, sys
try:
    s = json.load(open(sys.argv[1]))
    print(eval(sys.argv[2]))
except Exception as e:
    print("ERROR %s: %s" % (type(e).__name__, e))
' "$1" "$2"
}

# rt_eq LABEL GOT WANT
rt_eq() {
	if [ "$2" != "$3" ]; then rt_fail "$1: got '$2', expected '$3'"; return 1; fi
	return 0
}

# rt_cdc_check FILE: cdcc check must accept the pipeline (warnings allowed)
rt_cdc_check() {
	if ! "$CDCC" check "$1" >"$W/check.out" 2>&1; then
		rt_say "cdcc check rejects $1:"
		cat "$W/check.out" >&2
		exit 2
	fi
}
