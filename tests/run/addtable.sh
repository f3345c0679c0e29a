#!/bin/bash
# tests/run/addtable.sh — a table, and a route, added to a pipeline that has already run:
# copied as of a point of their own, then streamed, exactly once, while the source writes.
#
#   tests/run/addtable.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/addtable.sh)
#
# The pipeline first captures table a only.  Table b (30,000 rows, several snapshot
# chunks) is then added to the pipeline file while a workload writes to a and b all the
# time: inserts, updates and deletes of b's rows from before and after the copy.  Checked:
#
#   * a run killed in the middle of b's copy (CDCC_FAULT=snapshot_chunk:1) commits nothing
#     of it: b stays empty in the target, no copy is recorded, the checkpoint does not
#     move, and the temporary replication slot is gone with the process;
#   * the next run copies b ("copying 1 table(s) new to the pipeline as of P") into the
#     target, records the copy in cdcc_copies at P while the checkpoint stays, and is
#     killed after its first batch of the stream (CDCC_FAULT=after_apply:2), where the
#     checkpoint is still before P: the stream from there holds b's changes from before
#     P, which the copy has already;
#   * the run after that (streaming, then SIGTERM when the workload has stopped and the
#     target has caught up) leaves b and a equal to the source's;
#   * b's changes from before P were left out and the ones after it applied once.  A
#     merged table cannot show that (changes from before P applied again in order end in
#     the same rows), so b also goes to an appending route, b_hist, with each change's
#     op and source position: the copy's rows at P, no change before P, none twice;
#   * a route added for a table already captured (a's history: an appending route into
#     a_hist) is copied the same way, and a's own target table is not copied again (not
#     emptied: a row the target alone holds stays); an update made before that copy is
#     applied to a and not appended to a_hist (the copy has it);
#   * no replication slot other than the pipeline's is left on the source;
#   * that route taken out of the pipeline loses its record, and added back is copied
#     again;
#   * with no copy record at all (a pipeline from before them), every route is recorded as
#     holding its copy as of the checkpoint, and nothing is copied.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init addtable "$@"

# pipeline FILE TABLES EXTRA_MERGE
pipeline() {
	cat >"$1" <<EOF
pipeline addtable { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [$2]
  heartbeat = off
}

table src.public.a {
  id integer primary key
  n  integer
}

table src.public.b {
  id integer primary key
  v  text
  n  integer
}

target dst postgres {
  dsn = env("DST_DSN")
  batch { rows = 200  interval = 100ms }
}

merge src.public.* into dst.public.* { }
$3
EOF
}
# b's history besides its current rows: every change appended, with its source position
hist='transform src.public.b {
  _op  = op()
  _pos = source_position()
  _xid = txid()
}
merge src.public.b into dst.public.b_hist { mode = append }'
pipeline "$W/one.cdc" "public.a" ""
pipeline "$W/two.cdc" "public.a, public.b" "$hist"
pipeline "$W/three.cdc" "public.a, public.b" "$hist
merge src.public.a into dst.public.a_hist { mode = append }"
for f in one two three; do rt_cdc_check "$W/$f.cdc"; done

src_in <<'EOF' || exit 2
CREATE TABLE a (id integer PRIMARY KEY, n integer);
INSERT INTO a SELECT i, 0 FROM generate_series(1, 100) i;
CREATE TABLE b (id integer PRIMARY KEY, v text, n integer);
INSERT INTO b SELECT i, repeat('b', 100), 0 FROM generate_series(1, 30000) i;
EOF

rt_run first 60 "$W/one.cdc" --once
rt_expect_status "the first run (table a only)" 0
rt_compare a id "id, n"
checkpoint() { dst "SELECT position FROM cdcc.cdcc_checkpoints WHERE pipeline = 'addtable'"; }
p1=$(checkpoint)
# the source's own account of every transaction from here on, to check b_hist against
src "SELECT 1 FROM pg_create_logical_replication_slot('addtable_td', 'test_decoding')" >/dev/null || exit 2

# the workload: one transaction after another, touching rows of b from before the copy
# and rows it inserted itself, until the stop file exists
rm -f "$W/wl.stop"
(
	i=0
	while [ ! -e "$W/wl.stop" ]; do
		i=$((i + 1))
		src_in >/dev/null <<EOF || exit 1
BEGIN;
INSERT INTO b VALUES (30000 + $i, 'new $i', 0);
UPDATE b SET n = n + 1, v = 'updated $i' WHERE id = ($i * 7919) % 30000 + 1;
DELETE FROM b WHERE id = ($i * 104729) % 30000 + 1;
DELETE FROM b WHERE id = 30000 + $i - 3;
UPDATE b SET n = n + 1 WHERE id = 30000 + $i - 1;
UPDATE a SET n = n + 1 WHERE id = $i % 100 + 1;
COMMIT;
EOF
	done
) &
wl_pid=$!
srv_track "$wl_pid"
sleep 1

# killed in the middle of the copy
CDCC_FAULT=snapshot_chunk:1 rt_run copyfault 60 "$W/two.cdc" --once
if [ "$rt_status" != 137 ] || ! grep -q "fault point snapshot_chunk" "$W/copyfault.err"; then
	rt_fail "CDCC_FAULT=snapshot_chunk:1: cdcc did not die in the copy (status $rt_status)"
	rt_show_err copyfault
fi
grep -q "copying 1 table(s) new to the pipeline as of" "$W/copyfault.err" ||
	rt_fail "the killed run did not say that it copies table b"
rt_eq "the target's b after a run killed in its copy" "$(dst "SELECT count(*) FROM public.b")" 0
rt_eq "copies recorded after a run killed in the copy" \
	"$(dst "SELECT string_agg(table_name || '>' || target_table, ',' ORDER BY table_name) FROM cdcc.cdcc_copies")" \
	"src.public.a>public.a"
rt_eq "the checkpoint after a run killed in the copy" "$(checkpoint)" "$p1"
i=0
slots="SELECT string_agg(slot_name, ',' ORDER BY slot_name) FROM pg_replication_slots WHERE slot_name <> 'addtable_td'"
until [ "$(src "$slots")" = cdcc_addtable ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
rt_eq "replication slots after a run killed in the copy" "$(src "$slots")" "cdcc_addtable"

# the copy commits; killed after the stream's first batch
sleep 1
CDCC_FAULT=after_apply:2 rt_run streamfault 60 "$W/two.cdc" --log-level info
if [ "$rt_status" != 137 ] || ! grep -q "fault point after_apply" "$W/streamfault.err"; then
	rt_fail "CDCC_FAULT=after_apply:2: cdcc did not die after its second batch (status $rt_status)"
	rt_show_err streamfault
fi
copied_at=$(sed -n 's/.*copying 1 table(s) new to the pipeline as of \([0-9A-F/]*\) .*/\1/p' "$W/streamfault.err")
rt_check '[ -n "$copied_at" ]' "the second run did not say where it copied table b"
grep -q "copy of new tables, batch [0-9]* committed: [0-9]* rows, 0 quarantined, as of $copied_at" \
	"$W/streamfault.err" || rt_fail "no 'copy of new tables ... committed' line as of $copied_at"
rt_eq "the copy recorded" \
	"$(dst "SELECT position FROM cdcc.cdcc_copies WHERE table_name = 'src.public.b' AND target_table = 'public.b'")" \
	"$copied_at"
p2=$(checkpoint)
rt_check '[ "$(src "SELECT '"'"'$p2'"'"'::pg_lsn < '"'"'$copied_at'"'"'::pg_lsn")" = t ]' \
	"the checkpoint after the stream's first batch ($p2) is not before the copy's point ($copied_at): the test does not cover changes from before the copy"
rt_check '[ "$(dst "SELECT count(*) FROM public.b")" -ge 25000 ]' "the target's b does not hold the copy"

# the rest of the stream; then the route added to a_copy
rt_start third "$W/two.cdc" --log-level info
sleep 3
touch "$W/wl.stop"
wait "$wl_pid"
wl_status=$?
srv_untrack "$wl_pid"
rt_eq "the workload's exit status" "$wl_status" 0
# b in the target has _pos besides the source's columns
q="SELECT md5(string_agg(x::text, '' ORDER BY id)) FROM (SELECT id, v, n FROM b) x"
i=0
until [ "$(src "$q")" = "$(dst "$q")" ] || [ $i -ge 300 ]; do sleep 0.2; i=$((i + 1)); done
rt_caught_up a 30 "(table a)"
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait third 30
rt_expect_status "the third run, stopped by SIGTERM" 0
rt_compare b id "id, v, n"
rt_compare a id "id, n"
# b's history: the copy's rows at its point, then the stream's changes after it, each once
copy_rows=$(sed -n 's/.*snapshot of src.public.b: \([0-9]*\) rows.*/\1/p' "$W/streamfault.err")
# (a change can be at the copy's point itself: it is after it)
rt_eq "b_hist's rows from the copy, at its point" \
	"$(dst "SELECT count(*) FILTER (WHERE _op = 'S') || ' ' || count(*) FILTER (WHERE _op = 'S' AND _pos = '$copied_at') FROM public.b_hist")" \
	"$copy_rows $copy_rows"
# The transactions that changed b, by test_decoding: the lsn of a COMMIT line is the end of
# the commit record, so a transaction is in the copy when it is at or before the point.
# b_hist must hold exactly the changes of those after it, each transaction whole.
want=$(rt_td_txns addtable_td public.b "lsn > '$copied_at'")
ntx=$(rt_count_list "$want")
rt_check '[ "$ntx" -gt 100 ]' "few transactions ($ntx) changed b after the copy: the workload did not run during the copy"
rt_same_txns "b_hist does not hold exactly the changes of the transactions after the copy's point, each once" \
	"$want" "$(rt_hist_txns dst public.b_hist)"
# and the stream did bring transactions that the copy had, after the second run's checkpoint
left_out=$(rt_count_list "$(rt_td_txns addtable_td public.b "lsn > '$p2' AND lsn <= '$copied_at'")")
rt_check '[ "$left_out" -gt 0 ]' \
	"no transaction changed b between the second run's checkpoint and the copy's point: the test left nothing out"
if grep -q "copying" "$W/third.err"; then rt_fail "the third run copied a table again"; fi

# a route added for table a: a_hist gets a copy; a is not emptied (a row only the target has stays)
dst "INSERT INTO public.a VALUES (1000, -1)" >/dev/null
src "UPDATE a SET n = n + 100 WHERE id <= 10" >/dev/null
rt_run fourth 60 "$W/three.cdc" --once --log-level info
rt_expect_status "the fourth run (a route added)" 0
grep -q "copying 1 table(s) new to the pipeline as of" "$W/fourth.err" ||
	rt_fail "the fourth run did not copy table a for its new route"
rt_compare a id "id, n" a_hist
rt_eq "the target's own row in a, which the copy for a_hist must not empty" \
	"$(dst "SELECT n FROM public.a WHERE id = 1000")" "-1"
rt_eq "a's rows updated after the third run" "$(dst "SELECT sum(n) FROM public.a WHERE id <= 10")" \
	"$(src "SELECT sum(n) FROM a WHERE id <= 10")"
rt_eq "the copies recorded after the fourth run" \
	"$(dst "SELECT string_agg(table_name || '>' || target_table, ',' ORDER BY table_name, target_table) FROM cdcc.cdcc_copies")" \
	"src.public.a>public.a,src.public.a>public.a_hist,src.public.b>public.b,src.public.b>public.b_hist"
rt_eq "replication slots at the end" "$(src "$slots")" "cdcc_addtable"

# the history route taken out of the pipeline and added back: its record goes with it, so
# it is copied again (its table missed the changes meanwhile); a_hist appends, so the
# second copy's rows come on top of the first's
copies="SELECT string_agg(table_name || '>' || target_table, ',' ORDER BY table_name, target_table) FROM cdcc.cdcc_copies"
rt_run fifth 60 "$W/two.cdc" --once --log-level info
rt_expect_status "the fifth run (a_hist's route taken out)" 0
rt_eq "the copies recorded without a_hist's route" "$(dst "$copies")" \
	"src.public.a>public.a,src.public.b>public.b,src.public.b>public.b_hist"
rt_run sixth 60 "$W/three.cdc" --once --log-level info
rt_expect_status "the sixth run (a_hist's route added back)" 0
grep -q "copying 1 table(s) new to the pipeline" "$W/sixth.err" || rt_fail "the sixth run did not copy a for a_hist again"
rt_eq "a_hist's rows after its second copy" "$(dst "SELECT count(*) FROM public.a_hist")" 200

# a pipeline from before the copy records: every route is taken as holding its copy
dst "DELETE FROM cdcc.cdcc_copies" >/dev/null
rt_run seventh 60 "$W/three.cdc" --once --log-level info
rt_expect_status "the seventh run (no copy records)" 0
grep -q "no copy records yet .*: 4 target table(s) recorded as holding their copy as of the checkpoint" "$W/seventh.err" ||
	rt_fail "the seventh run did not say that it recorded the copies"
if grep -q "copying" "$W/seventh.err"; then rt_fail "the seventh run copied a table without copy records"; fi
rt_eq "the copies recorded again" "$(dst "$copies")" \
	"src.public.a>public.a,src.public.a>public.a_hist,src.public.b>public.b,src.public.b>public.b_hist"
rt_eq "a_hist's rows after the seventh run" "$(dst "SELECT count(*) FROM public.a_hist")" 200

rt_done
