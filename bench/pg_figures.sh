#!/usr/bin/env bash
# bench/pg_figures.sh — the six figures of `cdcc run` PostgreSQL -> PostgreSQL, each against
# its baseline measured in the same run, on one workload.
#
#   bench/pg_figures.sh [path/to/cdcc]
#
# Two throwaway PostgreSQL 15 clusters (tests/lib/servers.sh): SRC (wal_level logical) and
# DST, one database on DST per side of each comparison, so that no measurement runs on a
# table another one wrote.  The source table is the issue's
#   orders(id bigint primary key, customer_id int, amount numeric(12,2), status text,
#          email text, created_at timestamptz, updated_at timestamptz)
# preloaded with ROWS rows, and the workload is gen_workload(TXNS) of the shared baseline
# (../shared/baseline/01_source.sql, loaded from there, not copied): TXNS transactions of
# 600 inserts, 300 updates and 100 deletes.  Every consumer that reads the workload reads it
# from a replication slot made before it, so all of them decode the same WAL:
#
#   1 decode     decode_bench decode (bench/decode_bench.c: cdcc's postgres source — pgoutput
#                parsed, every column read into its typed value — into a sink that counts)
#                vs pg_recvlogical with pgoutput (proto_version 2, the same publication)
#                writing to a file; both from copies of one slot, timed from process start
#                to exit.  Also shown, not judged: the clients' CPU and the walsender's
#                (sampled from /proc until it exits), and decode_bench stage, the same
#                plus the table's stage (VM) and the staged rows in the target's format.
#   2 end to end cdcc run --once catching up the whole workload onto a target that holds
#                the initial rows (its own snapshot, taken before the workload) vs native
#                logical replication (CREATE SUBSCRIPTION, copy_data = false, disabled
#                during the workload), timed from ENABLE until latest_end_lsn >= the end of
#                the workload.  One after the other, each in its own database.
#   3 apply      decode_bench apply: the changes decoded and staged into batches of BATCH
#                changes first, untimed, then only cdcc's target applying them (each batch
#                loaded ahead by the target's second connection while the one before is
#                merged; one MERGE over the collapse, checkpoint, one transaction per batch) vs
#                hand-written staged COPY + MERGE through psql, batches of BATCH changes
#                read from the same slot (test_decoding, parsed in SQL, untimed).
#   4 snapshot   cdcc run --once on a new pipeline (the end-to-end one, before the
#                workload): slot, COPY out, decode, stage, COPY into the target vs psql COPY
#                TO STDOUT piped into psql COPY FROM STDIN of the same rows.
#   5 RSS        peak RSS of cdcc (GNU time %M) in the snapshot, the catch-up and the
#                streaming run.
#   6 latency    cdcc run (streaming, batch interval LAT_INTERVAL) while a generator commits
#                LAT_RATE changes/s in transactions of LAT_TXN changes for LAT_SECONDS; per
#                row version: its commit in the target (track_commit_timestamp) minus its
#                updated_at, stamped with clock_timestamp() in the source transaction just
#                before the commit.  p50/p99 over every insert and update.  No baseline.
#
# After every run that applies, the target must equal the source (md5 of every row, in
# id order, with TimeZone UTC), or the script stops with an error.  Timings are printed,
# never judged pass/fail: this is not a test, and nothing here is in make check.
#
# Sizes (environment; the defaults are the issue's): ROWS=1000000 TXNS=1000 BATCH=100000
# LAT_SECONDS=30 LAT_RATE=2000 LAT_TXN=100 LAT_INTERVAL=100ms; DECODE_ROUNDS=2.
# BASELINE_SQL: the shared 01_source.sql.  DECODE_BENCH: the decode_bench program
# (default: next to cdcc, brought up to date with make first).  KEEP_LOGS=DIR: keep the
# servers' and the streaming run's logs.  DST_CONF='setting = value': one more line for the
# target's postgresql.conf (e.g. 'log_min_duration_statement = 0', to see where an apply's
# time goes in the kept log).  CATCHUP_WRAP='perf record -g -o FILE': a command that runs
# the end-to-end catch-up's cdcc (a profile of it).  SRC_TCP=1: every client (pg_recvlogical,
# cdcc, native replication's subscription, psql) reaches the source over TCP to 127.0.0.1
# instead of the Unix socket.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cdcc=${1:-$top/build/cdcc}
case $cdcc in /*) ;; *) cdcc=$(pwd)/$cdcc ;; esac
build=$(dirname "$cdcc")
dbench=${DECODE_BENCH:-$build/bench/decode_bench}
rows=${ROWS:-1000000}
txns=${TXNS:-1000}
batch=${BATCH:-100000}
lat_seconds=${LAT_SECONDS:-30}
lat_rate=${LAT_RATE:-2000}
lat_txn=${LAT_TXN:-100}
lat_interval=${LAT_INTERVAL:-100ms}
baseline_sql=${BASELINE_SQL:-$top/../shared/baseline/01_source.sql}
changes=$((txns * 1000))

started=$(date +%s)
say() { printf 'pg_figures: [%4ds] %s\n' "$(($(date +%s) - started))" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

[ -x "$cdcc" ] || die "no cdcc at $cdcc"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is needed for the peak RSS"
[ -r "$baseline_sql" ] || die "cannot read the shared workload $baseline_sql (set BASELINE_SQL)"
[ "$changes" -le "$rows" ] ||
	die "TXNS x 1000 must not exceed ROWS: the workload deletes preloaded ids up to TXNS x 1000"
# made every time (make does nothing when it is up to date): a decode_bench older than the
# runtime it measures gave figures of code that was no longer there
if [ -z "${DECODE_BENCH:-}" ] && [ -f "$build/Makefile" ]; then
	make -C "$build" bench/decode_bench >/dev/null || die "cannot build bench/decode_bench in $build"
fi
[ -x "$dbench" ] || die "no decode_bench at $dbench"

# The shared workload, read from its file: the preload (its random values, seeded) and
# gen_workload.  The procedure picks the rows it updates among ids 1..999998: with a
# smaller preload that bound becomes ROWS - 2, nothing else changes.
preload=$(sed -n '/^CREATE TABLE orders(/,/^FROM generate_series(1, 1000000) g;/p' "$baseline_sql")
workload=$(sed -n '/^CREATE OR REPLACE PROCEDURE gen_workload/,/^END \$\$;/p' "$baseline_sql")
case $preload in
*'setseed(0.42)'*'generate_series(1, 1000000) g;') ;;
*) die "$baseline_sql: the preload is not where expected" ;;
esac
case $workload in
*'999998'*'END $$;') ;;
*) die "$baseline_sql: gen_workload is not where expected" ;;
esac
preload=${preload/generate_series(1, 1000000)/generate_series(1, $rows)}
workload=${workload//999998/$((rows - 2))}

. "$top/tests/lib/servers.sh"
srv_setup pgfig
srv_postgres_named SRC logical
srv_postgres_named DST
pgbin=$(dirname "$PSQL")

# Both clusters get room for the workload: buffers that hold the table, and no checkpoint
# forced by WAL volume in the middle of a timed part (each timed part starts after an
# explicit CHECKPOINT).  DST: work_mem for the sorts of every apply (cdcc's collapse, the
# hand-written DISTINCT ON, the same for both), and commit timestamps for the latency.
# SRC: commit timestamps, to show how far a row's updated_at is from its commit.  Both:
# no autovacuum.  The comparisons run one after the other, each in its own database, and
# autovacuum would clean the first one's table while the second is timed (seen: the
# second MERGE of each pair up to 1.4x slower), whichever of cdcc and its baseline that is.
tune() {
	data=$1 log=$2
	shift 2
	printf '%s\n' "$@" >>"$data/postgresql.conf"
	srv_as "$srv_pg_user" "$PG_CTL" -D "$data" -l "$log" -m fast -w -t 120 restart >/dev/null 2>&1 ||
		die "the server in $data did not restart (see $log)"
}
tune "$SRC_DATA" "$SRC_LOG" "shared_buffers = 1GB" "max_wal_size = 16GB" "checkpoint_timeout = 1h" \
	"track_commit_timestamp = on" "autovacuum = off"
tune "$DST_DATA" "$DST_LOG" "shared_buffers = 2GB" "max_wal_size = 16GB" "checkpoint_timeout = 1h" \
	"work_mem = 64MB" "track_commit_timestamp = on" "autovacuum = off" ${DST_CONF:+"$DST_CONF"}
# SRC_TCP=1: every client reaches the source over TCP on 127.0.0.1, as a source on another
# machine is reached, instead of the Unix socket
[ -n "${SRC_TCP:-}" ] && SRC_DSN="host=127.0.0.1 port=$SRC_PORT dbname=postgres user=postgres"

dsn() { echo "host=$DST_HOST port=$DST_PORT dbname=$1 user=postgres"; }
src() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$SRC_DSN" "$@"; }
dst() { db=$1; shift; "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$(dsn "$db")" "$@"; }
srcv() { src -t -A "$@"; }
dstv() { db=$1; shift; dst "$db" -t -A "$@"; }
now() { date +%s.%N; }
py() { python3 -c "$1"; }
checkpoint() { src -c "CHECKPOINT" && dst postgres -c "CHECKPOINT"; }
# The target table of DB read into shared buffers before it is timed: each comparison
# runs in its own database, and the one timed later found its pages evicted by the
# earlier one's (seen: its MERGE a fifth slower), whichever side that was.
warm() {   # DB
	dst "$1" -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" \
		-c "SELECT pg_prewarm('orders'), pg_prewarm('orders_pkey')" >/dev/null || die "warming $1"
}

# md5 of every row, in id order, with the timestamps in UTC, and the count
md5q="SELECT md5(string_agg(o::text, '' ORDER BY id)) || ' ' || count(*) FROM orders o"
same_as_source() {   # DB WHAT
	a=$(srcv -c "SET TimeZone = 'UTC'" -c "$md5q") || die "md5 of the source"
	b=$(dstv "$1" -c "SET TimeZone = 'UTC'" -c "$md5q") || die "md5 of $1"
	[ "$a" = "$b" ] || die "$2: the target (database $1: $b) differs from the source ($a)"
	say "$2: target equals source ($a rows)"
}

# /usr/bin/time -o FILE: the peak RSS in KiB, as MiB
mib() { py "print(f'{int(open(\"$1\").read().split()[-1]) / 1024:.1f}')"; }
# user + system CPU seconds of a process timed with -f '%U %S %M'
cpu() { py "t = open(\"$1\").read().split(); print(f'{float(t[-3]) + float(t[-2]):.2f}')"; }

# a pipeline FILE SLOT_OPTION DST_DATABASE BATCH_BLOCK
pipeline() {
	cat >"$1" <<CDC
pipeline fig { }
source src postgres {
  dsn         = env("SRC_DSN")
  tables      = [public.orders]
  publication = "fig_pub"
  heartbeat   = off
  $2
}
table src.public.orders {
  id          bigint primary key
  customer_id int
  amount      numeric(12,2)
  status      text
  email       text
  created_at  timestamptz
  updated_at  timestamptz
}
target dst postgres {
  dsn = env("DST_$3")
  batch { $4 }
}
merge src.public.* into dst.public.* {}
CDC
}
# the DSNs by environment, as a pipeline file should hold them (cdcc run refuses literals)
export SRC_DSN
export DST_e2e="$(dsn e2e)" DST_capply="$(dsn capply)"
# the target table as cdcc creates it (cdcc ddl), for the baselines' databases
orders_ddl='CREATE TABLE orders (id bigint NOT NULL, customer_id integer, amount numeric(12,2), status text,
  email text, created_at timestamptz, updated_at timestamptz, PRIMARY KEY (id))'

say "$rows rows, $txns transactions x 1,000 changes, apply batches of $batch;" \
	"machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- the source, before the workload ---------------------------------------------------
src >/dev/null <<SQL || die "loading the source"
$preload
VACUUM (FREEZE, ANALYZE) orders;
$workload
CREATE PUBLICATION fig_pub FOR TABLE orders;
CHECKPOINT;
SQL
dst postgres -c "CREATE DATABASE snapcopy" -c "CREATE DATABASE e2e" || die "creating the target databases"
dst snapcopy -c "$orders_ddl" || die "creating snapcopy.orders"

# ---- 4 snapshot (and the end-to-end pipeline's start) ----------------------------------
say "snapshot: psql COPY | psql COPY, then cdcc run --once on a new pipeline"
pipeline "$srv_tmp/e2e.cdc" "" e2e "rows = $batch  interval = 10s"
checkpoint
t0=$(now)
src -c "COPY orders TO STDOUT" | dst snapcopy -c "COPY orders FROM STDIN" || die "the COPY pipe failed"
t1=$(now)
checkpoint
t2=$(now)
/usr/bin/time -f '%U %S %M' -o "$srv_tmp/rss_snapshot" "$cdcc" run "$srv_tmp/e2e.cdc" --once --log-level warning ||
	die "cdcc run (snapshot) failed"
t3=$(now)
snap_base=$(py "print($t1 - $t0)")
snap_cdcc=$(py "print($t3 - $t2)")
same_as_source e2e "snapshot"
[ "$(dstv snapcopy -c "SELECT count(*) FROM orders")" = "$rows" ] || die "the COPY pipe did not copy $rows rows"

# The other targets start from the initial rows too: copies of snapcopy (same pages for
# all), frozen and analyzed like cdcc's after its snapshot.
dst snapcopy -c "VACUUM (FREEZE, ANALYZE) orders" || die "vacuum snapcopy"
dst postgres -c "CREATE DATABASE native TEMPLATE snapcopy" -c "CREATE DATABASE hand TEMPLATE snapcopy" \
	-c "CREATE DATABASE capply TEMPLATE snapcopy" || die "creating the baselines' databases"
dst e2e -c "VACUUM (FREEZE, ANALYZE) orders" || die "vacuum e2e"

# ---- native logical replication: subscribed before the workload, then disabled ---------
dst native <<SQL || die "creating the subscription"
SET client_min_messages = warning;
CREATE SUBSCRIPTION fig_native CONNECTION '$SRC_DSN' PUBLICATION fig_pub
  WITH (create_slot = true, copy_data = false, enabled = true);
-- waits in a procedure that commits between polls: no snapshot is held while the
-- apply worker works
CREATE PROCEDURE fig_wait(upto pg_lsn) LANGUAGE plpgsql AS \$\$
DECLARE deadline timestamptz := clock_timestamp() + interval '1 hour';
BEGIN
  LOOP
    EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_subscription
                      WHERE subname = 'fig_native' AND relid IS NULL AND latest_end_lsn >= upto);
    IF clock_timestamp() > deadline THEN RAISE EXCEPTION 'native replication did not catch up in an hour'; END IF;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END \$\$;
SQL
for i in $(seq 300); do
	[ -n "$(dstv native -c "SELECT pid FROM pg_stat_subscription WHERE subname = 'fig_native' AND pid IS NOT NULL")" ] && break
	sleep 0.1
done
launched=$(now)
dst native -c "ALTER SUBSCRIPTION fig_native DISABLE" || die "disabling the subscription"
for i in $(seq 300); do
	[ -z "$(dstv native -c "SELECT pid FROM pg_stat_subscription WHERE subname = 'fig_native' AND pid IS NOT NULL")" ] &&
		[ -z "$(srcv -c "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'fig_native' AND active")" ] && break
	sleep 0.1
done
[ -n "$(srcv -c "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'fig_native' AND NOT active")" ] ||
	die "the subscription's slot is missing or still active"

# hand-written apply: its unlogged stage, never analyzed (autovacuum off on it), as the
# shared baseline keeps it, so the MERGE plan is the same in every batch
dst hand -c "CREATE UNLOGGED TABLE stage (seq bigint, op char(1), id bigint, customer_id int,
  amount numeric(12,2), status text, email text, created_at timestamptz, updated_at timestamptz)
  WITH (autovacuum_enabled = false)" || die "creating the stage"

# ---- the workload ----------------------------------------------------------------------
# The template slot every other consumer copies: made just before the workload.
srcv -c "SELECT 1 FROM pg_create_logical_replication_slot('fig_tmpl', 'pgoutput')" >/dev/null || die "template slot"
say "workload: CALL gen_workload($txns)"
w0=$(now)
src -c "CALL gen_workload($txns)" 2>"$srv_tmp/workload.log" ||
	{ cat "$srv_tmp/workload.log" >&2; die "the workload failed"; }
w1=$(now)
# synchronous_commit is off: the end is the insert position, flushed before anyone reads
end=$(srcv -c "SELECT pg_current_wal_insert_lsn()")
src -c "VACUUM (ANALYZE) orders" || die "vacuum the source"
checkpoint || die "checkpoint"
[ "$(srcv -c "SELECT pg_current_wal_flush_lsn() >= '$end'")" = t ] || die "the WAL is not flushed to $end"
[ "$(srcv -c "SELECT count(*) FROM orders")" = "$((rows + txns * 500))" ] || die "the workload left the wrong number of rows"
wal=$(srcv -c "SELECT pg_size_pretty(pg_wal_lsn_diff('$end', confirmed_flush_lsn))
              FROM pg_replication_slots WHERE slot_name = 'fig_tmpl'")
say "workload: $(py "print(f'{$w1 - $w0:.1f}')") s, $wal of WAL, ends at $end"

copy_slot() {   # NAME [PLUGIN]: a copy of the template; prints its confirmed position
	srcv -c "SELECT 1 FROM pg_copy_logical_replication_slot('fig_tmpl', '$1', false${2:+, '$2'})" >/dev/null ||
		die "copying the slot to $1"
	srcv -c "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '$1'"
}
drop_slot() { srcv -c "SELECT pg_drop_replication_slot('$1')" >/dev/null || die "dropping slot $1"; }
field() { sed -n "s/.*\<$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# ---- 1 decode --------------------------------------------------------------------------
# DECODE_ROUNDS rounds (default 2), pg_recvlogical and decode_bench in turn, each from a
# fresh copy of the template slot; the best time of each side counts (a shared machine
# only ever makes a run slower).
recvlogical() {   # sets secs
	copy_slot fig_rl >/dev/null
	checkpoint
	walsender_cpu fig_rl "$srv_tmp/ws_recvlogical" &
	wpid=$!
	t0=$(now)
	/usr/bin/time -f '%U %S %M' -o "$srv_tmp/rss_recvlogical" "$pgbin/pg_recvlogical" -d "$SRC_DSN" -S fig_rl --start \
		--no-loop -E "$end" -o proto_version=2 -o publication_names=fig_pub -o streaming=on \
		-f "$srv_tmp/recvlogical.out" || die "pg_recvlogical failed"
	t1=$(now)
	wait $wpid
	drop_slot fig_rl
	secs=$(py "print($t1 - $t0)")
	rl_bytes=$(stat -c %s "$srv_tmp/recvlogical.out")
	rm -f "$srv_tmp/recvlogical.out"
}
decode_run() {   # MODE: decode_bench MODE from a copy of the template; sets out and secs
	resume=$(copy_slot "fig_$1")
	pipeline "$srv_tmp/$1.cdc" "slot = \"fig_$1\"" capply "rows = $batch  interval = 10s"
	[ "$1" = apply ] && warm capply
	checkpoint
	walsender_cpu "fig_$1" "$srv_tmp/ws_$1" &
	wpid=$!
	t0=$(now)
	out=$(/usr/bin/time -f '%U %S %M' -o "$srv_tmp/rss_$1" "$dbench" "$1" "$srv_tmp/$1.cdc" "$resume") ||
		die "decode_bench $1 failed"
	t1=$(now)
	wait $wpid
	drop_slot "fig_$1"
	secs=$(py "print($t1 - $t0)")
	[ "$(field inserts "$out") $(field updates "$out") $(field deletes "$out")" = \
		"$((txns * 600)) $((txns * 300)) $((txns * 100))" ] || die "decode_bench $1 saw other changes than the workload's: $out"
}
# In the background: the CPU seconds (user + system) of the walsender serving slot SLOT,
# written to FILE when it exits -- the decode's pace-setter, shown next to the wall clock.
walsender_cpu() {   # SLOT FILE
	local pid= t= last="0 0" i
	for i in $(seq 500); do
		pid=$(srcv -c "SELECT active_pid FROM pg_replication_slots WHERE slot_name = '$1' AND active_pid IS NOT NULL")
		[ -n "$pid" ] && break
		sleep 0.01
	done
	while [ -n "$pid" ] && t=$(cut -d' ' -f14,15 "/proc/$pid/stat" 2>/dev/null) && [ -n "$t" ]; do
		last=$t
		sleep 0.05
	done
	py "u, s = '$last'.split(); print(f'{(int(u) + int(s)) / $(getconf CLK_TCK):.2f}')" >"$2"
}
least() { py "print(min(float(x) for x in '$*'.split()))"; }
dec_bases= dec_cdccs=
for round in $(seq "${DECODE_ROUNDS:-2}"); do
	say "decode, round $round: pg_recvlogical, then decode_bench decode"
	recvlogical
	dec_bases="$dec_bases $secs"
	decode_run decode
	dec_cdccs="$dec_cdccs $secs"
done
dec_base=$(least $dec_bases)
dec_cdcc=$(least $dec_cdccs)
say "decode: decode_bench stage"
decode_run stage
stage_cdcc=$secs

# ---- 2 end to end ----------------------------------------------------------------------
say "end to end: cdcc run --once catching up, then native logical replication"
warm e2e
checkpoint
t0=$(now)
/usr/bin/time -f '%U %S %M' -o "$srv_tmp/rss_catchup" ${CATCHUP_WRAP:-} "$cdcc" run "$srv_tmp/e2e.cdc" --once --log-level warning ||
	die "cdcc run (catch-up) failed"
t1=$(now)
e2e_cdcc=$(py "print($t1 - $t0)")
same_as_source e2e "end to end, cdcc"

# the launcher starts one worker per wal_retrieve_retry_interval (5 s): an ENABLE sooner
# after the first launch would wait for it
sleep "$(py "print(max(0, 6 - ($(now) - $launched)))")"
warm native
checkpoint
times=$(dstv native -c "SELECT extract(epoch FROM clock_timestamp())" -c "ALTER SUBSCRIPTION fig_native ENABLE" \
	-c "CALL fig_wait('$end')" -c "SELECT extract(epoch FROM clock_timestamp())") || die "native replication failed"
e2e_base=$(py "t = '''$times'''.split(); print(float(t[1]) - float(t[0]))")
same_as_source native "end to end, native logical replication"
# the subscription's slot goes with it; it must not apply the latency run's changes
dst native -c "SET client_min_messages = warning" -c "DROP SUBSCRIPTION fig_native" || die "dropping the subscription"

# ---- 3 apply ---------------------------------------------------------------------------
say "apply: the change set from test_decoding (untimed), hand COPY + MERGE, then decode_bench apply"
copy_slot fig_td test_decoding >/dev/null
# test_decoding's lines for orders, in WAL order, parsed into the change set; values are
# quoted text ('' for ') or null
dst hand -c "CREATE UNLOGGED TABLE td (ord bigint, data text)" || die "td"
src -c "COPY (SELECT ord, data FROM pg_logical_slot_peek_changes('fig_td', '$end', NULL, 'include-xids', '0')
               WITH ORDINALITY AS t(lsn, xid, data, ord) WHERE data LIKE 'table public.orders: %') TO STDOUT" |
	dst hand -c "COPY td FROM STDIN" || die "reading the change set"
drop_slot fig_td
say "apply: test_decoding read"
# Cut at the column labels (a regular expression costs ~0.5 ms a line); a line put back
# together from its pieces must be the line, or the change set is not what it seems.
dst hand <<'SQL' || die "parsing the change set"
CREATE FUNCTION tdq(v text) RETURNS text IMMUTABLE LANGUAGE sql AS
  $$ SELECT CASE WHEN v IN ('null', '') THEN NULL ELSE replace(substr(v, 2, length(v) - 2), '''''', '''') END $$;
CREATE UNLOGGED TABLE changes AS
SELECT ord AS seq, substr(op, 1, 1) AS op, id::bigint AS id, nullif(nullif(c, ''), 'null')::int AS customer_id,
       nullif(nullif(a, ''), 'null')::numeric(12,2) AS amount, tdq(s) AS status, tdq(e) AS email,
       tdq(ca)::timestamptz AS created_at, tdq(ua)::timestamptz AS updated_at,
       data = CASE WHEN op = 'DELETE' THEN 'table public.orders: DELETE: id[bigint]:' || id
                   ELSE 'table public.orders: ' || op || ': id[bigint]:' || id || ' customer_id[integer]:' || c ||
                        ' amount[numeric]:' || a || ' status[text]:' || s || ' email[text]:' || e ||
                        ' created_at[timestamp with time zone]:' || ca || ' updated_at[timestamp with time zone]:' || ua
              END AS parsed
FROM (SELECT ord, data, split_part(split_part(data, ': ', 2), ':', 1) AS op,
             split_part(split_part(data, ': id[bigint]:', 2), ' ', 1) AS id,
             split_part(split_part(data, ' customer_id[integer]:', 2), ' ', 1) AS c,
             split_part(split_part(data, ' amount[numeric]:', 2), ' ', 1) AS a,
             split_part(split_part(data, ' status[text]:', 2), ' email[text]:', 1) AS s,
             split_part(split_part(data, ' email[text]:', 2), ' created_at[timestamp with time zone]:', 1) AS e,
             split_part(split_part(data, ' created_at[timestamp with time zone]:', 2),
                        ' updated_at[timestamp with time zone]:', 1) AS ca,
             split_part(data, ' updated_at[timestamp with time zone]:', 2) AS ua
      FROM td) x;
DROP TABLE td;
SQL
say "apply: change set read"
[ "$(dstv hand -c "SELECT count(*) FILTER (WHERE parsed AND op IN ('I', 'U', 'D')) || ' ' || count(*) FROM changes")" = \
	"$changes $changes" ] || die "the change set from test_decoding is not the workload's $changes changes"
mkdir "$srv_tmp/hand"
dstv hand -c "COPY (SELECT seq, op, id, customer_id, amount, status, email, created_at, updated_at FROM changes ORDER BY seq)
              TO STDOUT (FORMAT csv)" | split -l "$batch" -d -a 4 --additional-suffix=.csv - "$srv_tmp/hand/b_" ||
	die "writing the batches"
dst hand -c "DROP TABLE changes" -c "DROP FUNCTION tdq" || die "dropping the change set"
say "apply: hand-written COPY + MERGE"
# one transaction per batch: the stage emptied, the batch copied in, collapsed to the
# last change per id, merged
for f in "$srv_tmp"/hand/b_*.csv; do
	cat <<SQL
BEGIN;
TRUNCATE stage;
\\copy stage FROM '$f' (FORMAT csv)
MERGE INTO orders t
USING (SELECT DISTINCT ON (id) * FROM stage ORDER BY id, seq DESC) s ON t.id = s.id
WHEN MATCHED AND s.op = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET customer_id = s.customer_id, amount = s.amount, status = s.status,
  email = s.email, created_at = s.created_at, updated_at = s.updated_at
WHEN NOT MATCHED AND s.op <> 'D' THEN
  INSERT VALUES (s.id, s.customer_id, s.amount, s.status, s.email, s.created_at, s.updated_at);
COMMIT;
SQL
done >"$srv_tmp/hand.sql"
nbatches=$(ls "$srv_tmp"/hand/b_*.csv | wc -l)
warm hand
checkpoint
t0=$(now)
dst hand -f "$srv_tmp/hand.sql" || die "the hand-written COPY + MERGE failed"
t1=$(now)
apply_base=$(py "print($t1 - $t0)")
same_as_source hand "apply, hand-written COPY + MERGE"

say "apply: decode_bench apply"
decode_run apply
apply_cdcc=$(field seconds "$out")
[ "$(field batches "$out")" = "$nbatches" ] || say "note: cdcc made $(field batches "$out") batches, the baseline $nbatches"
same_as_source capply "apply, cdcc"

# ---- 6 latency -------------------------------------------------------------------------
# The end-to-end pipeline streams on (same slot and checkpoint) with a short batch
# interval.  A trigger on its target table, created after cdcc created the table, keeps
# each row version's updated_at and the target transaction that wrote it.
say "latency: cdcc run streaming (batch interval $lat_interval), $lat_rate changes/s for $lat_seconds s"
dst e2e <<'SQL' || die "the latency trigger"
CREATE TABLE fig_latency (src_ts timestamptz, fired timestamptz, tx xid8);
CREATE FUNCTION fig_latency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO fig_latency VALUES (NEW.updated_at, clock_timestamp(), pg_current_xact_id());
  RETURN NULL;
END $$;
CREATE TRIGGER fig_latency AFTER INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION fig_latency();
SQL
# The generator: one transaction every LAT_TXN / LAT_RATE s, on its own ids: 60 % inserts,
# 30 % updates of the rows the transaction before inserted, 10 % deletes of rows inserted
# two transactions before; updated_at = clock_timestamp(), then COMMIT at once.  Its
# session has synchronous_commit = on, PostgreSQL's default: servers.sh turns it off, and
# then a commit reaches the walsender only when the WAL writer next flushes (every
# wal_writer_delay, 200 ms), which would be most of the latency measured.
src <<'SQL' || die "the generator"
CREATE PROCEDURE fig_steady(ntx int, per int, period float8) LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
  base bigint := 100000000;
  ni int := per * 6 / 10;
  nu int := per * 3 / 10;
  nd int := per - per * 6 / 10 - per * 3 / 10;
BEGIN
  FOR i IN 0 .. ntx - 1 LOOP
    INSERT INTO orders SELECT base + i * per + g, g, g * 0.5, 'new', 'steady' || g || '@example.com', ts, ts
      FROM (SELECT g, clock_timestamp() AS ts FROM generate_series(1, ni) g) x;
    UPDATE orders SET status = 'paid', amount = amount + 1, updated_at = clock_timestamp()
      WHERE id > base + (i - 1) * per AND id <= base + (i - 1) * per + nu;
    DELETE FROM orders WHERE id > base + (i - 2) * per + ni - nd AND id <= base + (i - 2) * per + ni;
    COMMIT;
    PERFORM pg_sleep(greatest(0, extract(epoch FROM t0 + (i + 1) * period * interval '1 s' - clock_timestamp())));
  END LOOP;
END $$;
SQL
pipeline "$srv_tmp/lat.cdc" "" e2e "rows = $batch  interval = $lat_interval"
checkpoint
/usr/bin/time -f %M -o "$srv_tmp/rss_stream" "$cdcc" run "$srv_tmp/lat.cdc" --log-level info 2>"$srv_tmp/stream.log" &
tpid=$!
srv_track "$tpid"
for i in $(seq 600); do
	grep -q "streaming from slot" "$srv_tmp/stream.log" && break
	kill -0 "$tpid" 2>/dev/null || { cat "$srv_tmp/stream.log" >&2; die "cdcc run (streaming) stopped"; }
	sleep 0.1
done
grep -q "streaming from slot" "$srv_tmp/stream.log" || die "cdcc run did not start streaming"
sleep 1
lat_ntx=$((lat_seconds * lat_rate / lat_txn))
g0=$(now)
src -c "SET synchronous_commit = on" -c "CALL fig_steady($lat_ntx, $lat_txn, $lat_txn::float8 / $lat_rate)" ||
	die "the generator failed"
g1=$(now)
sleep 2   # the last batch: its interval, then its apply
cpid=$(ps -o pid= --ppid "$tpid" | tr -d ' ')
[ -n "$cpid" ] || die "cdcc run (streaming) is not running"
kill -TERM "$cpid"   # cdcc stops at a transaction boundary after applying what is batched
wait "$tpid" || { cat "$srv_tmp/stream.log" >&2; die "cdcc run (streaming) did not stop cleanly"; }
srv_untrack "$tpid"
same_as_source e2e "latency run"
lat=$(dstv e2e -c "SELECT count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
                          round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(max(ms)::numeric, 1),
                          round(percentile_cont(0.5) WITHIN GROUP (ORDER BY fired_ms)::numeric, 1),
                          count(DISTINCT tx)
                   FROM (SELECT extract(epoch FROM pg_xact_commit_timestamp(xid(tx)) - src_ts) * 1000 AS ms,
                                extract(epoch FROM fired - src_ts) * 1000 AS fired_ms, tx FROM fig_latency) s") ||
	die "reading the latencies"
IFS='|' read -r lat_n lat_p50 lat_p99 lat_max lat_fired_p50 lat_batches <<<"$lat"
# how long before its commit a generator row is stamped: rows inserted and never touched
# again keep the generator transaction's xmin
gap=$(srcv -c "SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::numeric, 2) || '|' ||
                      round((percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::numeric, 2)
               FROM (SELECT extract(epoch FROM pg_xact_commit_timestamp(xmin) - updated_at) * 1000 AS ms
                     FROM orders WHERE id > 100000000 AND status = 'new') s")
[ "$lat_n" -gt 0 ] || die "no latency samples"

# ---- the report ------------------------------------------------------------------------
if [ -n "${KEEP_LOGS:-}" ]; then   # the servers' logs and the streaming run's, for a closer look
	mkdir -p "$KEEP_LOGS" && cp "$SRC_LOG" "$KEEP_LOGS/src.log" && cp "$DST_LOG" "$KEEP_LOGS/dst.log" &&
		cp "$srv_tmp/stream.log" "$KEEP_LOGS/stream.log"
fi
rss() { mib "$srv_tmp/rss_$1"; }
# the measurements go to the report by name
R_changes=$changes R_rows=$rows R_batch=$batch R_nbatches=$nbatches \
R_dec=$dec_cdcc R_dec_b=$dec_base R_decs="$dec_cdccs" R_dec_bs="$dec_bases" R_stage=$stage_cdcc \
R_rl_bytes=$rl_bytes R_rss_dec=$(rss decode) R_rss_rl=$(rss recvlogical) \
R_cpu_dec=$(cpu "$srv_tmp/rss_decode") R_cpu_rl=$(cpu "$srv_tmp/rss_recvlogical") \
R_ws_dec=$(cat "$srv_tmp/ws_decode") R_ws_rl=$(cat "$srv_tmp/ws_recvlogical") \
R_cpu_snap=$(cpu "$srv_tmp/rss_snapshot") R_cpu_catchup=$(cpu "$srv_tmp/rss_catchup") \
R_e2e=$e2e_cdcc R_e2e_b=$e2e_base R_app=$apply_cdcc R_app_b=$apply_base R_snap=$snap_cdcc R_snap_b=$snap_base \
R_rss_snap=$(rss snapshot) R_rss_catchup=$(rss catchup) R_rss_stream=$(rss stream) \
R_p50=$lat_p50 R_p99=$lat_p99 R_pmax=$lat_max R_nlat=$lat_n R_fired50=$lat_fired_p50 R_nbat=$lat_batches R_gap=$gap \
R_interval=$lat_interval R_rate=$lat_rate R_ntx=$lat_ntx R_per=$lat_txn R_gen=$(py "print($g1 - $g0)") \
python3 - <<'PY'
import os
v = {k[2:]: x for k, x in os.environ.items() if k.startswith("R_")}
f = lambda k: float(v[k])
n, rows = int(v["changes"]), int(v["rows"])
num = lambda x: f"{x:,.0f}"
secs = lambda k: " ".join(f"{float(x):.2f}" for x in v[k].split())
lines = []
def row(fig, c, b, ratio, goal, ok):
    lines.append((fig, c, b, ratio, goal, "" if ok is None else ("met" if ok else "MISSED")))
r = f("dec_b") / f("dec")
row("decode (changes/s)", num(n / f("dec")), num(n / f("dec_b")) + " pg_recvlogical", f"{r:.2f}x", ">= 1.2x", r >= 1.2)
r = f("e2e") / f("e2e_b")
row("end-to-end catch-up (s)", f"{f('e2e'):.2f}", f"{f('e2e_b'):.2f} native LR", f"{r:.2f}x", "<= 0.75x", r <= 0.75)
r = f("app_b") / f("app")
row("apply alone (changes/s)", num(n / f("app")), num(n / f("app_b")) + " COPY+MERGE", f"{r:.2f}x", ">= 1.0x", r >= 1.0)
r = f("snap_b") / f("snap")
row("snapshot (rows/s)", num(rows / f("snap")), num(rows / f("snap_b")) + " COPY | COPY", f"{r:.2f}x", ">= 0.9x", r >= 0.9)
row("peak RSS (MiB) snap/catch-up/stream", f"{v['rss_snap']} / {v['rss_catchup']} / {v['rss_stream']}", "-", "-",
    "reported", None)
row(f"latency p50 / p99 (ms) @ {int(v['rate']):,}/s", f"{v['p50']} / {v['p99']}", "-", "-", "reported", None)
head = ("figure", "cdcc", "baseline", "ratio", "goal", "")
w = [max(len(l[i]) for l in lines + [head]) for i in range(6)]
fmt = lambda l: "  ".join(l[i].ljust(w[i]) if i in (0, 4, 5) else l[i].rjust(w[i]) for i in range(6)).rstrip()
gap = v["gap"].split("|") if "|" in v["gap"] else ["?", "?"]
print(f"""
{n:,} changes (600 inserts, 300 updates, 100 deletes per transaction), {rows:,} preloaded rows
  servers: PostgreSQL 15 as tests/lib/servers.sh makes them (fsync, synchronous_commit, full_page_writes off),
    shared_buffers 1GB (DST 2GB, each timed table prewarmed), max_wal_size 16GB, autovacuum off; DST work_mem 64MB
  decode, best of {len(v['decs'].split())}: pg_recvlogical {f('dec_b'):.2f} s [{secs('dec_bs')}] ({int(v['rl_bytes']) / 1048576:.0f} MiB written, \
{v['rss_rl']} MiB RSS); decode_bench decode {f('dec'):.2f} s [{secs('decs')}] ({v['rss_dec']} MiB RSS)
    the clients' own CPU (user + system, last round): pg_recvlogical {f('cpu_rl'):.2f} s, decode_bench decode \
{f('cpu_dec'):.2f} s ({f('cpu_rl') / f('cpu_dec'):.2f}x less)
    the walsender's CPU in the same rounds: {f('ws_rl'):.2f} s serving pg_recvlogical, {f('ws_dec'):.2f} s serving \
decode_bench
    with the stage and the staged rows (decode_bench stage): {f('stage'):.2f} s, {num(n / f('stage'))} changes/s, \
{f('dec_b') / f('stage'):.2f}x pg_recvlogical
  end to end: cdcc run --once {f('e2e'):.2f} s ({num(n / f('e2e'))} changes/s); native {f('e2e_b'):.2f} s \
({num(n / f('e2e_b'))} changes/s) from ENABLE until latest_end_lsn >= the end; cdcc's CPU \
{f('cpu_catchup'):.2f} s
  apply: cdcc's target {f('app'):.2f} s, hand-written COPY + MERGE {f('app_b'):.2f} s; {v['nbatches']} batches of up to \
{int(v['batch']):,} changes
  snapshot: cdcc run --once {f('snap'):.2f} s (cdcc's CPU {f('cpu_snap'):.2f} s), psql COPY | psql COPY {f('snap_b'):.2f} s
  latency: {int(v['nlat']):,} row versions in {v['nbat']} target transactions, batch interval {v['interval']}; generator \
{v['ntx']} transactions x {v['per']} changes in {f('gen'):.1f} s
    max {v['pmax']} ms; at the trigger (before the target's commit) p50 {v['fired50']} ms; source row stamped -> \
committed p50 {gap[0]} ms, p99 {gap[1]} ms (included)
""")
print(fmt(head))
for l in lines:
    print(fmt(l))
PY
