#!/bin/bash
# tests/run/semantics.sh — what `cdcc run` PostgreSQL -> PostgreSQL does with each kind of
# change: deletes (hard, soft, ignore), primary-key updates, several changes of one key in
# one transaction and in one batch, an appending route, and the four rule actions.
#
#   tests/run/semantics.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/semantics.sh)
#
#   1. snapshot (--once) of five tables; the quality rules already apply to snapshot rows;
#   2. streamed changes (--once): hard deletes, delete + re-insert, insert + delete, a
#      primary-key chain and a key swap in one transaction, the same key changed by
#      several transactions of one batch; soft deletes (deletes = soft(is_deleted): the
#      row stays, flagged, with its values; a re-insert clears the flag); ignored deletes;
#      an appending route with NOT NULL columns (a delete appends a row of its key); rule
#      actions quarantine / drop / warn, counted in --stats and the quarantine table;
#   3. a `fail` rule: cdcc run --once exits 1 naming the rule and the table, having
#      applied every transaction before the failing one and nothing of it or after it;
#      a second run stops at the same change; with the rule changed to quarantine the
#      run goes through.
# Expected target contents are written out in the test (not read back from the source).
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init semantics "$@"

# the pipeline; FAIL_ACTION is the no_boom rule's action (fail, later quarantine)
write_pipeline() {
	cat >"$W/sem.cdc" <<EOF
pipeline sem { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.hard_t, public.soft_t, public.ign_t, public.q_t]
  heartbeat = off
}

table src.public.hard_t {
  id integer primary key
  v  text
}

table src.public.soft_t {
  id integer primary key
  v  text
}

table src.public.ign_t {
  id integer primary key
  v  text
}

table src.public.q_t {
  id     integer primary key
  amount integer
  code   text
  note   text
}

quality src.public.q_t {
  require no_boom: code <> 'boom' else $1
  require amount_nonneg: amount >= 0 else quarantine
  require not_test: code <> 'test' else drop
  warn note_present: note IS NOT NULL
}

target dst postgres {
  dsn = env("DST_DSN")
  batch {
    rows     = 10000
    interval = 2s
  }
}

merge src.public.* into dst.public.* { }

merge src.public.soft_t into dst.public.soft_t {
  deletes = soft(is_deleted)
}

merge src.public.ign_t into dst.public.ign_t {
  deletes = ignore
}

EOF
	rt_cdc_check "$W/sem.cdc"
}
write_pipeline fail

# a second pipeline on the same source (its own slot, publication and checkpoint): a
# table with NOT NULL columns merged and appended
cat >"$W/app.cdc" <<'EOF'
pipeline sem_app { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.app_t]
  heartbeat = off
}

table src.public.app_t {
  id integer primary key
  v  text not null
  n  integer not null
}

transform src.public.app_t {
  _op = op()
}

target dst postgres {
  dsn = env("DST_DSN")
}

merge src.public.app_t into dst.public.app_t { }

merge src.public.app_t into dst.public.app_hist {
  mode = append
}
EOF
rt_cdc_check "$W/app.cdc"

# expect LABEL QUERY WANT: the query's output (rows joined by ';') on the target
expect() {
	got=$(dst "$2" 2>&1 | paste -sd ';' -)
	rt_eq "$1" "$got" "$3"
}
# stat LABEL FILE EXPR WANT
stat() { rt_eq "$1 (--stats $(basename "$2"): $3)" "$(rt_stat "$2" "$3")" "$4"; }

src_in <<'EOF' || exit 2
CREATE TABLE hard_t (id integer PRIMARY KEY, v text);
CREATE TABLE soft_t (id integer PRIMARY KEY, v text);
CREATE TABLE ign_t (id integer PRIMARY KEY, v text);
CREATE TABLE q_t (id integer PRIMARY KEY, amount integer, code text, note text);
CREATE TABLE app_t (id integer PRIMARY KEY, v text NOT NULL, n integer NOT NULL);
INSERT INTO hard_t SELECT i, 'h' || i FROM generate_series(1, 5) i;
INSERT INTO soft_t SELECT i, 's' || i FROM generate_series(1, 5) i;
INSERT INTO ign_t SELECT i, 'g' || i FROM generate_series(1, 5) i;
INSERT INTO app_t VALUES (1, 'a1', 1);
-- 1 passes, 2 quarantined (amount), 3 dropped (code 'test')
INSERT INTO q_t VALUES (1, 5, 'a', 'n'), (2, -1, 'a', 'n'), (3, 5, 'test', 'n');
EOF

# ---- 1. snapshot ----------------------------------------------------------------------------
rt_run snap 60 "$W/sem.cdc" --once --stats "$W/snap.stats"
rt_expect_status "snapshot run" 0
expect "hard_t after the snapshot" "SELECT id, v FROM hard_t ORDER BY id" "1|h1;2|h2;3|h3;4|h4;5|h5"
expect "q_t after the snapshot" "SELECT id, amount, code, note FROM q_t ORDER BY id" "1|5|a|n"
stat "snapshot of q_t" "$W/snap.stats" "[s['tables']['src.public.q_t'][k] for k in ('changes', 'applied', 'quarantined', 'dropped', 'failed', 'filtered')]" "[3, 1, 1, 1, 0, 0]"
stat "snapshot of q_t" "$W/snap.stats" "[s['tables']['src.public.q_t']['rules'].get(r, 0) for r in ('no_boom', 'amount_nonneg', 'not_test', 'note_present')]" "[0, 1, 1, 0]"
rt_run app_snap 60 "$W/app.cdc" --once
rt_expect_status "snapshot run of pipeline sem_app" 0
expect "the snapshot row appended to app_hist" "SELECT id, v, n, _op FROM app_hist ORDER BY id" "1|a1|1|S"

# ---- 2. streamed changes ------------------------------------------------------------------------
src_in <<'EOF' || exit 2
-- hard_t: a key inserted, updated, moved and updated again in one transaction
BEGIN;
INSERT INTO hard_t VALUES (10, 'a');
UPDATE hard_t SET v = 'b' WHERE id = 10;
UPDATE hard_t SET id = 11 WHERE id = 10;
UPDATE hard_t SET v = 'c' WHERE id = 11;
COMMIT;
-- deleted and inserted again in one transaction
BEGIN; DELETE FROM hard_t WHERE id = 1; INSERT INTO hard_t VALUES (1, 'reborn'); COMMIT;
-- inserted and deleted in one transaction
BEGIN; INSERT INTO hard_t VALUES (20, 'gone'); DELETE FROM hard_t WHERE id = 20; COMMIT;
-- two keys swapped in one transaction
BEGIN;
UPDATE hard_t SET id = -2 WHERE id = 2;
UPDATE hard_t SET id = 2 WHERE id = 3;
UPDATE hard_t SET id = 3 WHERE id = -2;
COMMIT;
-- a key moved, then moved again by a later transaction; a plain delete
UPDATE hard_t SET id = 40 WHERE id = 4;
UPDATE hard_t SET id = 50, v = 'moved twice' WHERE id = 40;
DELETE FROM hard_t WHERE id = 5;
-- one key through several transactions of the batch
INSERT INTO hard_t VALUES (30, 'p');
UPDATE hard_t SET v = 'q' WHERE id = 30;
DELETE FROM hard_t WHERE id = 30;
INSERT INTO hard_t VALUES (30, 'r');
INSERT INTO hard_t VALUES (31, 'p');
UPDATE hard_t SET v = 'q' WHERE id = 31;
DELETE FROM hard_t WHERE id = 31;

-- soft_t: deleted (stays, flagged, with its values); deleted and re-inserted; inserted
-- and deleted in one transaction (the row arrives flagged); updated; key moved
DELETE FROM soft_t WHERE id = 1;
BEGIN; DELETE FROM soft_t WHERE id = 2; INSERT INTO soft_t VALUES (2, 'back'); COMMIT;
BEGIN; INSERT INTO soft_t VALUES (20, 'brief'); DELETE FROM soft_t WHERE id = 20; COMMIT;
UPDATE soft_t SET v = 'upd' WHERE id = 3;
UPDATE soft_t SET id = 40 WHERE id = 4;

-- ign_t: the delete is ignored; updates and inserts apply
DELETE FROM ign_t WHERE id = 1;
UPDATE ign_t SET v = 'upd' WHERE id = 2;
INSERT INTO ign_t VALUES (6, 'g6');

-- app_t (appending route): insert, update, delete
INSERT INTO app_t VALUES (10, 'x', 1);
UPDATE app_t SET n = 2 WHERE id = 10;
DELETE FROM app_t WHERE id = 10;

-- q_t: the rule actions
INSERT INTO q_t VALUES (10, 5, 'a', 'x');     -- applied
INSERT INTO q_t VALUES (11, -5, 'a', 'x');    -- quarantined (amount_nonneg)
INSERT INTO q_t VALUES (12, 5, 'test', 'x');  -- dropped (not_test)
INSERT INTO q_t VALUES (13, -5, 'test', NULL);-- quarantined: the first broken rule decides, the later ones are not evaluated
INSERT INTO q_t VALUES (14, 5, 'a', NULL);    -- warned (note_present), applied
INSERT INTO q_t VALUES (15, NULL, 'a', 'x');  -- NULL condition: passes
UPDATE q_t SET amount = -7 WHERE id = 10;     -- quarantined: the target keeps amount 5
UPDATE q_t SET note = NULL WHERE id = 1;      -- warned, applied
DELETE FROM q_t WHERE id = 14;                -- deletes skip the rules
EOF

rt_run stream 60 "$W/sem.cdc" --once --stats "$W/stream.stats"
rt_expect_status "run --once of the streamed changes" 0
expect "hard_t" "SELECT id, v FROM hard_t ORDER BY id" "1|reborn;2|h3;3|h2;11|c;30|r;50|moved twice"
rt_compare hard_t id "id, v"
expect "soft_t" "SELECT id, v, is_deleted FROM soft_t WHERE id <> 4 ORDER BY id" "1|s1|t;2|back|f;3|upd|f;5|s5|f;20|brief|t;40|s4|f"
expect "soft_t: the old key of a key update is gone or flagged deleted" \
	"SELECT count(*) FROM soft_t WHERE id = 4 AND NOT is_deleted" "0"
rt_compare soft_t id "id, v" "(SELECT * FROM soft_t WHERE NOT is_deleted) live"
expect "ign_t" "SELECT id, v FROM ign_t ORDER BY id" "1|g1;2|upd;3|g3;4|g4;5|g5;6|g6"
rt_run app_stream 60 "$W/app.cdc" --once
rt_expect_status "run --once of pipeline sem_app (streamed changes)" 0
expect "app_hist: every change appended (a delete as its key, other columns NULL)" \
	"SELECT id, v, n, _op FROM app_hist ORDER BY id, _op <> 'S', _op <> 'I', _op <> 'U'" "1|a1|1|S;10|x|1|I;10|x|2|U;10|||D"
expect "app_t (merge route)" "SELECT id, v, n FROM app_t ORDER BY id" "1|a1|1"
expect "q_t" "SELECT id, amount, code, note FROM q_t ORDER BY id" "1|5|a|;10|5|a|x;15||a|x"
stat "q_t" "$W/stream.stats" "[s['tables']['src.public.q_t'][k] for k in ('changes', 'applied', 'quarantined', 'dropped', 'failed', 'filtered')]" "[9, 5, 3, 1, 0, 0]"
stat "q_t" "$W/stream.stats" "[s['tables']['src.public.q_t']['rules'].get(r, 0) for r in ('no_boom', 'amount_nonneg', 'not_test', 'note_present')]" "[0, 3, 1, 2]"
# a primary-key update may count as one change or as two (delete and insert)
stat "hard_t" "$W/stream.stats" "(lambda t: t['changes'] == t['applied'] and t['changes'] in (21, 27))(s['tables']['src.public.hard_t'])" True
stat "soft_t" "$W/stream.stats" "(lambda t: t['changes'] == t['applied'] and t['changes'] in (7, 8))(s['tables']['src.public.soft_t'])" True
expect "quarantine table: rows of q_t" \
	"SELECT pipeline, table_name, rule, row->>'id', row->>'amount', reason FROM cdcc.cdcc_quarantine WHERE table_name LIKE '%q_t' ORDER BY (row->>'id')::int" \
	"sem|src.public.q_t|amount_nonneg|2|-1|the condition is false;sem|src.public.q_t|amount_nonneg|10|-7|the condition is false;sem|src.public.q_t|amount_nonneg|11|-5|the condition is false;sem|src.public.q_t|amount_nonneg|13|-5|the condition is false"
expect "quarantine table: other tables" "SELECT count(*) FROM cdcc.cdcc_quarantine WHERE table_name NOT LIKE '%q_t'" "0"

# ---- 3. a fail rule -----------------------------------------------------------------------------
src_in <<'EOF' || exit 2
BEGIN; INSERT INTO q_t VALUES (20, 1, 'a', 'before'); INSERT INTO hard_t VALUES (60, 'before'); COMMIT;
UPDATE q_t SET note = 'u' WHERE id = 1;
-- the failing transaction: a good row before the failing one, and another table's row
BEGIN;
INSERT INTO q_t VALUES (21, 1, 'a', 'same transaction');
INSERT INTO q_t VALUES (22, 1, 'boom', 'x');
INSERT INTO hard_t VALUES (61, 'same transaction');
COMMIT;
INSERT INTO q_t VALUES (23, 1, 'a', 'after');
INSERT INTO hard_t VALUES (62, 'after');
EOF
for attempt in 1 2; do
	rt_run "fail$attempt" 60 "$W/sem.cdc" --once --stats "$W/fail$attempt.stats"
	rt_expect_status "run $attempt with the failing change (a fail rule)" 1
	msg=$(grep 'cdcc: error:' "$W/fail$attempt.err" | head -n 1)
	if [ -z "$msg" ]; then
		rt_fail "run $attempt: no 'cdcc: error:' line on stderr"
		rt_show_err "fail$attempt"
	else
		case $msg in *no_boom*) ;; *) rt_fail "run $attempt: the error does not name the rule no_boom: $msg" ;; esac
		case $msg in *public.q_t*) ;; *) rt_fail "run $attempt: the error does not name the table (src.)public.q_t: $msg" ;; esac
	fi
	expect "run $attempt: q_t after the fail (everything before the failing transaction, nothing of it)" \
		"SELECT id, amount, code, note FROM q_t ORDER BY id" "1|5|a|u;10|5|a|x;15||a|x;20|1|a|before"
	expect "run $attempt: hard_t after the fail" "SELECT id, v FROM hard_t WHERE id >= 60 ORDER BY id" "60|before"
done
# applied: the insert of 20 and the update of 1 (not the row before the failing one in its
# transaction, which never reaches the target)
stat "the first failing run" "$W/fail1.stats" "[s['tables']['src.public.q_t'][k] for k in ('applied', 'failed')] + [s['tables']['src.public.q_t']['rules'].get('no_boom')]" "[2, 1, 1]"

# the rule relaxed to quarantine: the run goes through
write_pipeline quarantine
rt_run fixed 60 "$W/sem.cdc" --once --stats "$W/fixed.stats"
rt_expect_status "run with the rule changed to quarantine" 0
expect "q_t after the fix" "SELECT id, note FROM q_t WHERE id >= 20 ORDER BY id" "20|before;21|same transaction;23|after"
expect "hard_t after the fix" "SELECT id, v FROM hard_t WHERE id >= 60 ORDER BY id" "60|before;61|same transaction;62|after"
expect "the quarantined failing row" "SELECT rule, row->>'id', row->>'code' FROM cdcc.cdcc_quarantine WHERE rule = 'no_boom'" "no_boom|22|boom"
stat "the run after the fix" "$W/fixed.stats" "[s['tables']['src.public.q_t'][k] for k in ('changes', 'applied', 'quarantined', 'failed')]" "[3, 2, 1, 0]"

rt_done
