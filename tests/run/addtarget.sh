#!/bin/bash
# tests/run/addtarget.sh — a target added to a pipeline of two sources that has already
# run: copied as of a point per source, then streamed, exactly once, while both sources
# write; the targets' checkpoints differ meanwhile.
#
#   tests/run/addtarget.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/addtarget.sh)
#
# Pipeline `addtarget` reads table a from source s1 (the source server's database
# postgres) and table b from source s2 (its database second, a slot of its own), into
# target d1 (the target server's database postgres).  Checked:
#
#   * the first run copies both sources into d1, one after the other: the second source's
#     snapshot does not empty the first one's table;
#   * the source gains a column of a (x, with a default) and d1 adds it (on_schema_change
#     = add);
#   * then, while a workload writes to a and b all the time, target d2 (the target
#     server's database second) is added, with a, b and an appending history of a
#     (a_hist: each change's op, source position and txid).  The run copies a and b into
#     d2 only ("copying 1 table(s) new to the pipeline" once per source): d2's tables get
#     column x from d1's records before the copy fills it, d1 is not touched, and d2's
#     copy records hold the copies' points.  d1 commits a batch a minute and d2 every
#     100 changes, so d2 commits batches of the stream (whose start holds transactions in
#     its copy) before the run is killed (CDCC_FAULT=after_apply:4), while d1's
#     checkpoint of s1 is still before d2's;
#   * the next run resumes after the least checkpoint, each target skipping what it has:
#     after the workload stops, d1 and d2 both equal the sources;
#   * a_hist holds the copy's rows at its point, then exactly the changes of the
#     transactions that committed after it (by a test_decoding slot's account of the
#     source), each transaction whole and once;
#   * with d2's checkpoints deleted (its copy records kept), the next run copies d2's
#     tables again, and d1 is not touched;
#   * no replication slot other than the pipeline's two is left on the source.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init addtarget "$@"

SRC2_DSN=$(sed 's/dbname=postgres/dbname=second/' <<<"$SRC_DSN")
DST2_DSN=$(sed 's/dbname=postgres/dbname=second/' <<<"$DST_DSN")
export SRC2_DSN DST2_DSN
src "CREATE DATABASE second" >/dev/null && dst "CREATE DATABASE second" >/dev/null || exit 2
src2() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$SRC2_DSN" -c "$1"; }
dst2() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$DST2_DSN" -c "$1"; }

# pipeline FILE D1_BATCH EXTRA
pipeline() {
	cat >"$1" <<EOF
pipeline addtarget { }

source s1 postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.a]
  heartbeat = off
}

source s2 postgres {
  dsn       = env("SRC2_DSN")
  tables    = [public.b]
  slot      = "cdcc_addtarget_s2"
  heartbeat = off
}

table s1.public.a {
  id integer primary key
  n  integer
}

table s2.public.b {
  id integer primary key
  v  text
  n  integer
}

transform s1.public.a {
  _op  = op()
  _pos = source_position()
  _xid = txid()
}

target d1 postgres {
  dsn = env("DST_DSN")
  batch { $2 }
}

merge s1.public.a into d1.public.a { }
merge s2.public.b into d1.public.b { }
$3
EOF
}
pipeline "$W/one.cdc" "interval = 100ms" ""
d2='target d2 postgres {
  dsn = env("DST2_DSN")
  batch { rows = 100  interval = 100ms }
}

merge s1.public.a into d2.public.a { }
merge s2.public.b into d2.public.b { }
merge s1.public.a into d2.public.a_hist { mode = append }'
# d1 commits a batch a minute in two.cdc: the run that adds d2 is killed before it does
pipeline "$W/two.cdc" "interval = 60s" "$d2"
pipeline "$W/three.cdc" "rows = 100  interval = 100ms" "$d2"
for f in one two three; do rt_cdc_check "$W/$f.cdc"; done

src_in <<'EOF' || exit 2
CREATE TABLE a (id integer PRIMARY KEY, n integer);
INSERT INTO a SELECT i, 0 FROM generate_series(1, 30000) i;
EOF
src2 "CREATE TABLE b (id integer PRIMARY KEY, v text, n integer);
      INSERT INTO b SELECT i, repeat('b', 50), 0 FROM generate_series(1, 20000) i" >/dev/null || exit 2

# ---- the first run: both sources into d1 -------------------------------------------
rt_run first 60 "$W/one.cdc" --once --log-level info
rt_expect_status "the first run" 0
rt_compare a id "id, n"
q2="SELECT count(*) || ' ' || md5(string_agg(x::text, '' ORDER BY id)) FROM (SELECT id, v, n FROM b) x"
rt_eq "d1's b after the first run" "$(dst "$q2")" "$(src2 "$q2")"

# ---- a column added at the source: d1 adds it ----------------------------------------
src "ALTER TABLE a ADD COLUMN x text DEFAULT 'dx'; UPDATE a SET n = 1, x = 'x1' WHERE id <= 10" >/dev/null || exit 2
rt_run drift 60 "$W/one.cdc" --once --log-level info
rt_expect_status "the run after a column was added" 0
grep -q 'added column x text to "public"."a"' "$W/drift.err" || rt_fail "d1 did not add column x to a"
rt_compare a id "id, n, x"

# the sources' own account of every transaction from here on, to check a_hist against
src "SELECT 1 FROM pg_create_logical_replication_slot('addtarget_td', 'test_decoding')" >/dev/null || exit 2

# ---- the workload: a and b, until the stop file exists ------------------------------
rm -f "$W/wl.stop"
(
	i=0
	while [ ! -e "$W/wl.stop" ]; do
		i=$((i + 1))
		"$PSQL" -X -q -v ON_ERROR_STOP=1 "$SRC_DSN" >/dev/null <<EOF || exit 1
BEGIN;
INSERT INTO a VALUES (30000 + $i, 0, 'new $i');
UPDATE a SET n = n + 1, x = 'up $i' WHERE id = ($i * 7919) % 30000 + 1;
DELETE FROM a WHERE id = ($i * 104729) % 30000 + 1;
UPDATE a SET n = n + 1 WHERE id = 30000 + $i - 1;
COMMIT;
EOF
		"$PSQL" -X -q -v ON_ERROR_STOP=1 "$SRC2_DSN" >/dev/null <<EOF || exit 1
BEGIN;
INSERT INTO b VALUES (20000 + $i, 'new $i', 0);
UPDATE b SET n = n + 1 WHERE id = ($i * 7919) % 20000 + 1;
DELETE FROM b WHERE id = ($i * 104729) % 20000 + 1;
COMMIT;
EOF
	done
) &
wl_pid=$!
srv_track "$wl_pid"
sleep 2

# ---- target d2 added: copied, then killed after its first batches of the stream -------
checkpoint() { "$@" "SELECT position FROM cdcc.cdcc_checkpoints WHERE pipeline = 'addtarget' AND source = 's1'"; }
c1=$(checkpoint dst)
CDCC_FAULT=after_apply:4 rt_run added 60 "$W/two.cdc" --log-level info
if [ "$rt_status" != 137 ] || ! grep -q "fault point after_apply" "$W/added.err"; then
	rt_fail "CDCC_FAULT=after_apply:4: cdcc did not die after its fourth batch (status $rt_status)"
	rt_show_err added
fi
rt_check 'grep -q "target d2: batch [0-9]* committed: [1-9][0-9]* rows" "$W/added.err"' \
	"d2 committed no batch of the stream in the run that copied it"
grep -q "source s1: resuming after $c1; no checkpoint of it in target d2: its tables are copied there first" "$W/added.err" ||
	rt_fail "the run did not say that it resumes s1 after d1's checkpoint, with d2 new"
for s in s1 s2; do
	rt_eq "copies made for source $s" "$(grep -c "source $s: copying 1 table(s) new to the pipeline as of" "$W/added.err")" 1
done
grep -q 'target d1: copy of new tables' "$W/added.err" && rt_fail "d1 was given a copy"
grep -q 'added column x text to "public"."a" ' "$W/added.err" || rt_fail "d2's a did not get column x"
grep -q 'added column x text to "public"."a_hist"' "$W/added.err" || rt_fail "d2's a_hist did not get column x"
p1=$(sed -n 's/.*source s1: copying 1 table(s) new to the pipeline as of \([0-9A-F/]*\) .*/\1/p' "$W/added.err")
rt_check '[ -n "$p1" ]' "the run did not say where it copied s1's tables"
p2=$(sed -n 's/.*source s2: copying 1 table(s) new to the pipeline as of \([0-9A-F/]*\) .*/\1/p' "$W/added.err")
rt_eq "d2's copy records" \
	"$(dst2 "SELECT string_agg(table_name || '>' || target_table || '@' || position, ',' ORDER BY table_name, target_table) FROM cdcc.cdcc_copies")" \
	"s1.public.a>public.a@$p1,s1.public.a>public.a_hist@$p1,s2.public.b>public.b@$p2"
c2=$(checkpoint dst)
rt_check '[ "$(src "SELECT '"'"'$c2'"'"'::pg_lsn < '"'"'$p1'"'"'::pg_lsn")" = t ]' \
	"d1's checkpoint of s1 ($c2) is not before d2's ($p1): the test does not cover targets at different points"
rt_check '[ "$(dst2 "SELECT count(*) FROM public.a")" -ge 29000 ]' "d2's a does not hold the copy"

# ---- the rest: both targets catch up ----------------------------------------------
rt_start third "$W/three.cdc" --log-level info
sleep 3
touch "$W/wl.stop"
wait "$wl_pid"
wl_status=$?
srv_untrack "$wl_pid"
rt_eq "the workload's exit status" "$wl_status" 0
qa="SELECT count(*) || ' ' || md5(string_agg(x::text, '' ORDER BY id)) FROM (SELECT id, n, x FROM a) x"
want_a=$(src "$qa")
want_b=$(src2 "$q2")
i=0
until { [ "$(dst "$qa")" = "$want_a" ] && [ "$(dst2 "$qa")" = "$want_a" ] &&
	[ "$(dst "$q2")" = "$want_b" ] && [ "$(dst2 "$q2")" = "$want_b" ]; } || [ $i -ge 300 ]; do
	sleep 0.2
	i=$((i + 1))
done
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait third 30
rt_expect_status "the third run, stopped by SIGTERM" 0
if grep -q "copying" "$W/third.err"; then rt_fail "the third run copied a table again"; fi
rt_eq "d1's a" "$(dst "$qa")" "$want_a"
rt_eq "d2's a" "$(dst2 "$qa")" "$want_a"
rt_eq "d1's b" "$(dst "$q2")" "$want_b"
rt_eq "d2's b" "$(dst2 "$q2")" "$want_b"

# a_hist: the copy's rows at its point, then the changes of the transactions after it
copy_rows=$(sed -n 's/.*source s1: snapshot of s1.public.a: \([0-9]*\) rows.*/\1/p' "$W/added.err")
rt_eq "a_hist's rows from the copy, at its point" \
	"$(dst2 "SELECT count(*) FILTER (WHERE _op = 'S') || ' ' || count(*) FILTER (WHERE _op = 'S' AND _pos = '$p1') FROM public.a_hist")" \
	"$copy_rows $copy_rows"
want=$(rt_td_txns addtarget_td public.a "lsn > '$p1'")
ntx=$(rt_count_list "$want")
rt_check '[ "$ntx" -gt 50 ]' "few transactions ($ntx) changed a after the copy: the workload did not run"
rt_same_txns "a_hist does not hold exactly the changes of the transactions after the copy's point, each once" \
	"$want" "$(rt_hist_txns dst2 public.a_hist)"
left_out=$(rt_count_list "$(rt_td_txns addtarget_td public.a "lsn > '$c2' AND lsn <= '$p1'")")
rt_check '[ "$left_out" -gt 0 ]' "no transaction changed a between d1's checkpoint and d2's copy: the test left nothing out"

# d2's checkpoints deleted, its copy records kept: a target without a checkpoint is
# copied again, whatever the records say
dst2 "DELETE FROM cdcc.cdcc_checkpoints" >/dev/null || exit 2
src "UPDATE a SET n = n + 1000 WHERE id <= 5" >/dev/null || exit 2
rt_run again 60 "$W/three.cdc" --once --log-level info
rt_expect_status "the run after d2's checkpoints were deleted" 0
rt_eq "copies made after d2's checkpoints were deleted" "$(grep -c "copying 1 table(s) new to the pipeline" "$W/again.err")" 2
grep -q "target d1: copy of new tables" "$W/again.err" && rt_fail "d1 was given a copy after d2's checkpoints were deleted"
want_a=$(src "$qa")
rt_eq "d1's a after d2's copy again" "$(dst "$qa")" "$want_a"
rt_eq "d2's a after its copy again" "$(dst2 "$qa")" "$want_a"
rt_eq "d2's b after its copy again" "$(dst2 "$q2")" "$want_b"
rt_eq "a_hist's rows from the second copy" "$(dst2 "SELECT count(*) FROM public.a_hist WHERE _op = 'S' AND _pos <> '$p1'")" \
	"$(src "SELECT count(*) FROM a")"

slots="SELECT string_agg(slot_name, ',' ORDER BY slot_name) FROM pg_replication_slots WHERE slot_name <> 'addtarget_td'"
rt_eq "replication slots at the end" "$(src "$slots")" "cdcc_addtarget,cdcc_addtarget_s2"

rt_done
