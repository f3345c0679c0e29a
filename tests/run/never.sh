#!/bin/bash
# tests/run/never.sh — a pipeline with `snapshot = never`: changes only, from the moment
# its first run creates the slot.
#
#   tests/run/never.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/never.sh)
#
# The source table holds rows before the first run; none of them may be copied.  The
# target's runtime tables are made first (cdcc ddl) and a trigger makes every checkpoint
# write take a second, so the first run's start batch (its checkpoint only) is still being
# applied by the target's worker when the run records the table's columns: both use the
# target's one connection, and must take turns (a connection used by two threads at once
# fails with "another command is already in progress", or worse).  Checked:
#
#   * the first run starts, records the columns, and streams (exit 0 after SIGTERM);
#   * only the changes made after the start reach the target: a new row inserted, a row
#     from before updated (it arrives as the updated row), a row from before deleted
#     (nothing to delete in the target), a new row inserted and deleted (gone);
#   * a second run (--once) resumes after the first and applies what came meanwhile;
#   * a table added to the pipeline later is not copied either: its rows and changes from
#     before the run that adds it (to the publication) stay out, its changes after that
#     arrive, and
#     "not copied (snapshot = never)" is said by that run only (the route is recorded in
#     cdcc_copies at the checkpoint), not at every start after it.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init never "$@"

cat >"$W/never.cdc" <<'EOF'
pipeline never_test { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.t]
  snapshot  = never
  heartbeat = off
}

table src.public.t {
  id integer primary key
  v  text
}

target dst postgres {
  dsn = env("DST_DSN")
  batch { interval = 100ms }
}

merge src.public.* into dst.public.* { }
EOF
rt_cdc_check "$W/never.cdc"
sed -e 's/tables    = \[public.t\]/tables    = [public.t, public.u]/' \
    -e 's/^merge /table src.public.u {\n  id integer primary key\n}\n\nmerge /' "$W/never.cdc" >"$W/added.cdc"
grep -q 'public.u' "$W/added.cdc" || exit 2
rt_cdc_check "$W/added.cdc"
src_in <<'EOF' || exit 2
CREATE TABLE t (id integer PRIMARY KEY, v text);
INSERT INTO t SELECT i, 'before' FROM generate_series(1, 100) i;
CREATE TABLE u (id integer PRIMARY KEY);
INSERT INTO u SELECT generate_series(1, 50);
EOF
"$CDCC" ddl "$W/never.cdc" --dialect postgres >"$W/ddl.sql" 2>"$W/ddl.err" || { cat "$W/ddl.err" >&2; exit 2; }
PGOPTIONS="-c client_min_messages=warning" dst_in <"$W/ddl.sql" >/dev/null || exit 2
dst_in <<'EOF' || exit 2
CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$;
CREATE TRIGGER slow_t AFTER INSERT OR UPDATE ON cdcc.cdcc_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION slow();
EOF

rt_start first "$W/never.cdc"
# the run has started once its first checkpoint is in the target
i=0
until [ "$(dst "SELECT count(*) FROM cdcc.cdcc_checkpoints WHERE pipeline = 'never_test'")" = 1 ] || [ $i -ge 300 ]; do
	kill -0 "$rt_cdcc_pid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
kill -0 "$rt_cdcc_pid" 2>/dev/null || { rt_wait first 5; rt_show_err first; rt_fail "the first run ended by itself (status $rt_status)"; rt_done; }
src_in <<'EOF' || exit 2
INSERT INTO t VALUES (101, 'new');
UPDATE t SET v = 'updated' WHERE id = 5;
DELETE FROM t WHERE id = 7;
INSERT INTO t VALUES (102, 'short-lived');
DELETE FROM t WHERE id = 102;
EOF
want="5|updated;101|new"
i=0
while [ "$(dst "SELECT string_agg(id || '|' || v, ';' ORDER BY id) FROM public.t")" != "$want" ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait first 30
rt_expect_status "the first run, stopped by SIGTERM" 0
if grep -qi "in progress\|another command" "$W/first.err"; then
	rt_fail "the first run used the target's connection from two threads: $(grep -m1 -i "in progress\|another command" "$W/first.err")"
fi
rt_eq "the target after the first run (changes since the start only)" \
	"$(dst "SELECT string_agg(id || '|' || v, ';' ORDER BY id) FROM public.t")" "$want"
rt_eq "the table's column records" \
	"$(dst "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM cdcc.cdcc_columns WHERE pipeline = 'never_test'")" "id,v"

# what the stream brings while no run is there: the next run resumes from the checkpoint
dst "DROP TRIGGER slow_t ON cdcc.cdcc_checkpoints" >/dev/null
src "UPDATE t SET v = 'later' WHERE id IN (1, 101)" >/dev/null
rt_run second 60 "$W/never.cdc" --once
rt_expect_status "the second run (--once)" 0
rt_eq "the target after the second run" \
	"$(dst "SELECT string_agg(id || '|' || v, ';' ORDER BY id) FROM public.t")" "1|later;5|updated;101|later"

# table u added: not copied, and its changes made before the run that adds it to the
# publication are not published: from that run on they arrive
src "INSERT INTO u VALUES (51); DELETE FROM u WHERE id = 1" >/dev/null
rt_run third 60 "$W/added.cdc" --once --log-level info
rt_expect_status "the third run (table u added)" 0
grep -q "target dst: 1 target table(s) new to the pipeline are not copied (snapshot = never)" "$W/third.err" ||
	rt_fail "the third run did not say that table u is not copied"
if grep -q "copying" "$W/third.err"; then rt_fail "the third run copied table u"; fi
rt_eq "the target's u after the third run (nothing from before it)" \
	"$(dst "SELECT count(*) FROM public.u")" "0"
rt_eq "u's copy record, at the checkpoint" \
	"$(dst "SELECT c.position = k.position FROM cdcc.cdcc_copies c JOIN cdcc.cdcc_checkpoints k USING (pipeline)
	        WHERE c.table_name = 'src.public.u'")" "t"
src "INSERT INTO u VALUES (52); DELETE FROM u WHERE id = 2" >/dev/null
rt_run fourth 60 "$W/added.cdc" --once --log-level info
rt_expect_status "the fourth run" 0
if grep -q "not copied\|copying\|no copy records" "$W/fourth.err"; then
	rt_fail "the fourth run spoke of copies again: $(grep -m1 "not copied\|copying\|no copy records" "$W/fourth.err")"
fi
rt_eq "the target's u after the fourth run" "$(dst "SELECT string_agg(id::text, ',' ORDER BY id) FROM public.u")" "52"

rt_done
