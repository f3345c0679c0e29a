#!/bin/bash
# tests/run/drift.sh — schema drift: columns the source gains, loses or retypes while the
# pipeline runs, under each on_schema_change policy.
#
#   tests/run/drift.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/drift.sh)
#
# public.orders has a column the pipeline leaves out on purpose (secret).  Pipeline
# `drift` merges it into two targets (two runtime schemas on one server): `add` (the
# default) and `ignore`.  While `cdcc run` streams, the source gains a column with a
# constant default (region) and, inside one transaction between two inserts, another
# (batch_no): the add target gains both (ALTER TABLE ... ADD COLUMN), with the default in
# the rows from before, and equals the source; the ignore target has neither and equals
# the source on its columns; secret reaches neither.  A run started later keeps the added
# columns; a column added while cdcc is stopped is added when the next run meets it.  A
# declared column the source drops becomes NULL, with a warning.  Pipeline `strict`
# (on_schema_change = fail) stops at a new column and at a retyped one, before the change,
# with the column, its type and the fix, and does so again on the next run.  A route added
# after columns were added has them in its new table, and its copy fills them.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init drift "$@"

cat >"$W/drift.cdc" <<'EOF'
pipeline drift { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.orders]
  heartbeat = off
}

table src.public.orders {
  id   bigint primary key
  name text
  qty  integer
}

target a postgres {
  dsn    = env("DST_DSN")
  schema = "cdcc_a"
  batch { interval = 1s }
}

target b postgres {
  dsn    = env("DST_DSN")
  schema = "cdcc_b"
  batch { interval = 1s }
}

merge src.public.orders into a.added.orders { }
merge src.public.orders into b.ignored.orders {
  on_schema_change = ignore
}
EOF
sed -e 's/pipeline drift/pipeline strict/' -e '/^target b/,/^}/d' -e '/into b\./,/^}/d' \
	-e 's/into a.added.orders { }/into a.strict.orders {\n  on_schema_change = fail\n}/' \
	-e 's/"cdcc_a"/"cdcc_s"/' "$W/drift.cdc" >"$W/strict.cdc"
rt_cdc_check "$W/drift.cdc"
rt_cdc_check "$W/strict.cdc"

src_in <<'EOF' || exit 2
CREATE TABLE orders (id bigint PRIMARY KEY, name text, qty integer, secret text);
INSERT INTO orders SELECT i, 'o' || i, i % 7, 'pw' || i FROM generate_series(1, 200) i;
EOF
rt_run snap 60 "$W/drift.cdc" --once
rt_expect_status "the snapshot" 0
rt_run strict_snap 60 "$W/strict.cdc" --once
rt_expect_status "the snapshot of the strict pipeline" 0
rt_eq "columns the snapshot recorded" \
	"$(dst "SELECT string_agg(column_name || ':' || state, ',' ORDER BY seq) FROM cdcc_a.cdcc_columns WHERE pipeline = 'drift'")" \
	"id:declared,name:declared,qty:declared,secret:present"

# ---- columns added while the pipeline streams ---------------------------------------
rt_start stream "$W/drift.cdc"
sleep 2
src_in <<'EOF' || exit 2
INSERT INTO orders VALUES (201, 'before', 1, 'pw');
ALTER TABLE orders ADD COLUMN region text DEFAULT 'eu';
INSERT INTO orders VALUES (202, 'after', 2, 'pw', 'us');
UPDATE orders SET region = 'apac' WHERE id % 10 = 0;
BEGIN;
INSERT INTO orders VALUES (203, 'mid-1', 3, 'pw', 'us');
ALTER TABLE orders ADD COLUMN batch_no integer;
INSERT INTO orders VALUES (204, 'mid-2', 4, 'pw', 'us', 42);
UPDATE orders SET batch_no = 7, qty = qty + 1 WHERE id BETWEEN 100 AND 110;
COMMIT;
DELETE FROM orders WHERE id = 5;
INSERT INTO orders VALUES (1000, 'last', 0, 'pw', 'eu', 1);
EOF
for i in $(seq 1 300); do
	[ "$(dst "SELECT count(*) FROM added.orders WHERE id = 1000") $(dst "SELECT count(*) FROM ignored.orders WHERE id = 1000")" = "1 1" ] && break
	kill -0 "$rt_cdcc_pid" 2>/dev/null || break
	sleep 0.1
done
kill -TERM "$rt_cdcc_pid" 2>/dev/null
rt_wait stream 30
rt_expect_status "streaming across ADD COLUMN" 0
rt_compare public.orders id "id, name, qty, region, batch_no" added.orders
rt_compare public.orders id "id, name, qty" ignored.orders
rt_eq "the ignore target's columns" \
	"$(dst "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'ignored' AND table_name = 'orders'")" \
	"id,name,qty"
rt_eq "the add target's columns" \
	"$(dst "SELECT string_agg(column_name || ' ' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'added' AND table_name = 'orders'")" \
	"id bigint,name text,qty integer,region text,batch_no integer"
rt_eq "rows from before the column hold its default" "$(dst "SELECT region FROM added.orders WHERE id = 3")" eu
grep -q "gained column region text at .*: adding it to a.added.orders" "$W/stream.err" ||
	rt_fail "no log line says region is added"
grep -q "gained column batch_no integer at .*: adding it to a.added.orders" "$W/stream.err" ||
	rt_fail "no log line says batch_no is added"
rt_eq "records of the add target" \
	"$(dst "SELECT string_agg(column_name || ':' || state, ',' ORDER BY seq) FROM cdcc_a.cdcc_columns WHERE pipeline = 'drift'")" \
	"id:declared,name:declared,qty:declared,secret:present,region:added,batch_no:added"
rt_eq "records of the ignore target" \
	"$(dst "SELECT string_agg(column_name || ':' || state, ',' ORDER BY seq) FROM cdcc_b.cdcc_columns WHERE pipeline = 'drift'")" \
	"id:declared,name:declared,qty:declared,secret:present,region:ignored,batch_no:ignored"

# ---- a later run keeps the added columns; one added while stopped is added ---------
src_in <<'EOF' || exit 2
UPDATE orders SET region = 'latam', batch_no = 9 WHERE id % 3 = 0;
ALTER TABLE orders ADD COLUMN score numeric(6,2) DEFAULT 1.5;
INSERT INTO orders (id, name, qty, region, score) VALUES (1001, 'late', 1, 'eu', 99.25);
UPDATE orders SET score = 2.75 WHERE id < 50;
EOF
rt_run later 60 "$W/drift.cdc" --once
rt_expect_status "a later run, after a column added while stopped" 0
rt_compare public.orders id "id, name, qty, region, batch_no, score" added.orders
rt_compare public.orders id "id, name, qty" ignored.orders

# ---- a route added after the columns were: its table, made from the plan, gets them --
# before its copy fills them (the copy names them: no "column does not exist"); the
# update made before the run is in the copy, and applied to added.orders by the stream
sed 's/^merge src.public.orders into a.added.orders { }$/&\nmerge src.public.orders into a.added.orders_hist { mode = append }/' \
	"$W/drift.cdc" >"$W/route.cdc"
grep -q orders_hist "$W/route.cdc" || exit 2
src "UPDATE orders SET score = 3.5 WHERE id = 7" >/dev/null || exit 2
rt_run route 60 "$W/route.cdc" --once --log-level info
rt_expect_status "a run with a route added after columns were" 0
for c in "region text" "batch_no integer" "score numeric(6,2)"; do
	grep -q "added column $c to \"added\".\"orders_hist\"" "$W/route.err" ||
		rt_fail "the run did not say that it added column $c to added.orders_hist"
done
if grep -q "to \"added\".\"orders\" " "$W/route.err"; then rt_fail "the run altered added.orders again"; fi
rt_compare public.orders id "id, name, qty, region, batch_no, score" added.orders_hist
rt_compare public.orders id "id, name, qty, region, batch_no, score" added.orders

# ---- on_schema_change = fail --------------------------------------------------------
before=$(dst "SELECT count(*) FROM strict.orders")
rt_run strict 60 "$W/strict.cdc" --once
rt_expect_status "the strict pipeline at a new column" 1
grep -q "table src.public.orders gained column region text at [0-9A-F/]*, and on_schema_change = fail in the merge into a.strict.orders (line [0-9]*): the pipeline stops before that change; to go on, declare the column" "$W/strict.err" ||
	rt_fail "the strict pipeline's error does not name the column and the fix"
rt_eq "the strict target got the change from before the new column" \
	"$(dst "SELECT count(*) FROM strict.orders WHERE id = 201")" 1
rt_eq "the strict target did not get the change after it" "$(dst "SELECT count(*) FROM strict.orders WHERE id = 202")" 0
rt_run strict_again 60 "$W/strict.cdc" --once
rt_expect_status "the strict pipeline, run again" 1
grep -q "gained column region" "$W/strict_again.err" || rt_fail "the second run does not stop at the column again"
[ "$before" -gt 0 ] || rt_fail "the strict target was empty"

# ---- a column added inside a transaction the server streams while in progress ---------
# (past logical_decoding_work_mem): its changes from before the ALTER must be read with
# the columns they were written with
src "ALTER SYSTEM SET logical_decoding_work_mem = '64kB'" >/dev/null && src "SELECT pg_reload_conf()" >/dev/null || exit 2
src_in <<'EOF' || exit 2
BEGIN;
INSERT INTO orders (id, name, qty, region) SELECT 5000 + i, 'big-' || i, i % 9, 'eu' FROM generate_series(1, 3000) i;
ALTER TABLE orders ADD COLUMN channel text;
INSERT INTO orders (id, name, qty, region, channel) SELECT 9000 + i, 'big2-' || i, i % 9, 'us', 'web' FROM generate_series(1, 3000) i;
UPDATE orders SET channel = 'shop' WHERE id BETWEEN 5000 AND 5100;
COMMIT;
EOF
rt_run streamed 120 "$W/drift.cdc" --once
rt_expect_status "a column added inside a streamed transaction" 0
grep -q "gained column channel text" "$W/streamed.err" || rt_fail "no log line says channel is added"
rt_compare public.orders id "id, name, qty, region, batch_no, score, channel" added.orders
rt_compare public.orders id "id, name, qty" ignored.orders
# A streamed transaction whose first change of the table is in a rolled-back subtransaction
# (the table's description came in it): the rows after it arrive, and nothing of it
src_in <<'EOF' || exit 2
BEGIN;
SAVEPOINT a;
INSERT INTO orders (id, name, qty, region) SELECT 20000 + i, 'gone-' || i, 1, 'eu' FROM generate_series(1, 3000) i;
ROLLBACK TO SAVEPOINT a;
INSERT INTO orders (id, name, qty, region, channel) SELECT 30000 + i, 'kept-' || i, 2, 'eu', 'app' FROM generate_series(1, 3000) i;
COMMIT;
EOF
rt_run streamed2 120 "$W/drift.cdc" --once
rt_expect_status "a streamed transaction whose first change of the table was rolled back" 0
rt_compare public.orders id "id, name, qty, region, batch_no, score, channel" added.orders
src "ALTER SYSTEM RESET logical_decoding_work_mem" >/dev/null && src "SELECT pg_reload_conf()" >/dev/null || exit 2

# ---- a declared column dropped: NULL from then on, with a warning ------------------
src_in <<'EOF' || exit 2
ALTER TABLE orders DROP COLUMN qty;
INSERT INTO orders (id, name, region) VALUES (1002, 'no qty', 'eu');
UPDATE orders SET name = name || '!' WHERE id < 20;
EOF
rt_run dropped 60 "$W/drift.cdc" --once
rt_expect_status "a run after a declared column was dropped" 0
grep -q "no longer has column qty.*its value is NULL from here on" "$W/dropped.err" ||
	rt_fail "no warning says qty is gone"
rt_eq "qty of a row inserted after the drop" "$(dst "SELECT coalesce(qty::text, 'NULL') FROM added.orders WHERE id = 1002")" NULL
rt_eq "qty of a row updated after the drop" "$(dst "SELECT coalesce(qty::text, 'NULL') FROM added.orders WHERE id = 3")" NULL
rt_compare public.orders id "id, name, region, batch_no, score, channel" added.orders

rt_run strict_dropped 60 "$W/strict.cdc" --once
rt_expect_status "the strict pipeline after a declared column was dropped" 1
grep -q "no longer has column qty, which the pipeline declares (line [0-9]*); on_schema_change = fail in the merge into a.strict.orders" "$W/strict_dropped.err" ||
	rt_fail "the strict pipeline's error does not say that qty is gone"

# a retyped column under fail: a fresh strict pipeline over a table of its own
src_in <<'EOF' || exit 2
CREATE TABLE items (id bigint PRIMARY KEY, label varchar(20));
INSERT INTO items VALUES (1, 'a'), (2, 'b');
EOF
cat >"$W/retype.cdc" <<'EOF'
pipeline retype { }
source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.items]
  heartbeat = off
}
table src.public.items {
  id    bigint primary key
  label varchar(20)
}
target a postgres {
  dsn    = env("DST_DSN")
  schema = "cdcc_r"
}
merge src.public.items into a.retype.items {
  on_schema_change = fail
}
EOF
rt_run retype_snap 60 "$W/retype.cdc" --once
rt_expect_status "the snapshot of items" 0
src_in <<'EOF' || exit 2
ALTER TABLE items ALTER COLUMN label TYPE varchar(200);
INSERT INTO items VALUES (3, repeat('x', 150));
EOF
rt_run retype 60 "$W/retype.cdc" --once
rt_expect_status "the strict pipeline at a retyped column" 1
grep -q "column label of table src.public.items changed type from character varying(20) to character varying(200) at .*on_schema_change = fail.*declare the column as character varying(200)" "$W/retype.err" ||
	rt_fail "the retype error does not say what changed and what to do"
rt_eq "nothing of the retyped change reached the target" "$(dst "SELECT count(*) FROM retype.items")" 2

rt_done
