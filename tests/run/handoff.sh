#!/bin/bash
# tests/run/handoff.sh — `cdcc run` PostgreSQL -> PostgreSQL: the initial snapshot under a
# concurrent write workload, then streaming, with nothing lost or doubled at the handoff.
#
#   tests/run/handoff.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/handoff.sh)
#
# Three tables (customers 20k rows, orders 30k, order_items 60k with a composite key) on a
# throwaway source; a workload of inserts, updates, deletes, primary-key updates and
# several changes of one row per transaction runs while `cdcc run` takes the snapshot and
# streams; cdcc is stopped with SIGTERM (must exit 0), the workload stopped, and
# `cdcc run --once` catches up (exit 0).  Then every table must be equal on both sides
# (count and md5 of the rows' text, ordered by key); the slot and the publication must
# exist; a second round of writes and --once (run from the compiled plan, .cdcb) must
# again give equal tables, with the slot
# acknowledged further and --stats counting that run's changes (none for a --once with
# nothing new); a run without --once stopped by SIGINT exits 0 having applied a change
# made while it ran.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init handoff "$@"

cat >"$W/handoff.cdc" <<'EOF'
pipeline handoff { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.customers, public.orders, public.order_items]
  heartbeat = off
}

table src.public.customers {
  id         bigint primary key
  name       text
  email      varchar(100)
  created_at timestamptz
  score      integer
}

table src.public.orders {
  id          bigint primary key
  customer_id bigint
  status      varchar(16)
  total       numeric(12,2)
  placed_at   timestamptz
  note        text
}

table src.public.order_items {
  order_id bigint
  line_no  integer
  sku      varchar(32)
  qty      integer
  price    numeric(10,2)
  primary key (order_id, line_no)
}

target dst postgres {
  dsn = env("DST_DSN")
  batch {
    rows     = 5000
    interval = 500ms
  }
}

merge src.public.* into dst.public.* { }
EOF
rt_cdc_check "$W/handoff.cdc"

NC=20000 NO=30000
src_in <<EOF || exit 2
CREATE TABLE customers (id bigint PRIMARY KEY, name text, email varchar(100), created_at timestamptz, score integer);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status varchar(16), total numeric(12,2),
                     placed_at timestamptz, note text);
CREATE TABLE order_items (order_id bigint, line_no integer, sku varchar(32), qty integer, price numeric(10,2),
                          PRIMARY KEY (order_id, line_no));
INSERT INTO customers SELECT i, 'customer ' || i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'c' || i || '@example.com' END,
       '2024-01-01 00:00:00+00'::timestamptz + i * interval '1 minute', i % 100
  FROM generate_series(1, $NC) i;
INSERT INTO orders SELECT i, 1 + i % $NC, (ARRAY['new','paid','shipped'])[1 + i % 3], (i % 100000) / 100.0,
       '2024-02-01 00:00:00+00'::timestamptz + i * interval '1 second', CASE WHEN i % 5 = 0 THEN '' WHEN i % 5 = 1 THEN NULL ELSE 'note ' || i END
  FROM generate_series(1, $NO) i;
INSERT INTO order_items SELECT o, l, 'SKU-' || (o * l) % 997, 1 + (o + l) % 9, ((o * 7 + l) % 10000) / 100.0
  FROM generate_series(1, $NO) o, generate_series(1, 2) l;
EOF

C_CUST="id, name, email, created_at, score"
C_ORD="id, customer_id, status, total, placed_at, note"
C_ITEM="order_id, line_no, sku, qty, price"
compare_all() {
	rt_compare public.customers id "$C_CUST"
	rt_compare public.orders id "$C_ORD"
	rt_compare public.order_items "order_id, line_no" "$C_ITEM"
}

# ---- 1. snapshot and streaming under the workload, stopped by SIGTERM ---------------
rt_workload_start handoff --rate 150 --customers $NC --orders $NO
sleep 0.5
rt_start run1 "$W/handoff.cdc" --stats "$W/run1.stats" --log-level info
# until the first checkpoint is committed (the snapshot is in), then 3 s of streaming
i=0
while [ $i -lt 600 ] && kill -0 "$rt_cdcc_pid" 2>/dev/null; do
	n=$(dst "SELECT count(*) FROM cdcc.cdcc_checkpoints WHERE pipeline = 'handoff'" 2>/dev/null)
	[ "${n:-0}" -gt 0 ] 2>/dev/null && break
	sleep 0.1
	i=$((i + 1))
done
if ! kill -0 "$rt_cdcc_pid" 2>/dev/null; then
	rt_wait run1 1
	rt_fail "cdcc run stopped by itself during the snapshot (status $rt_status)"
	rt_show_err run1
	rt_workload_stop
	rt_done
fi
[ $i -ge 600 ] && rt_fail "no checkpoint in cdcc.cdcc_checkpoints after 60 s of cdcc run"
sleep 3
kill -TERM "$rt_cdcc_pid"
rt_wait run1 30
rt_expect_status "run (stopped by SIGTERM)" 0 && rt_say "run1: stopped by SIGTERM, exit 0"
rt_workload_stop

slot_lsn1=$(src "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = 'cdcc_handoff'")
rt_check '[ -n "$slot_lsn1" ]' "no replication slot cdcc_handoff on the source after the first run"
pubt=$(src "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_publication_tables WHERE pubname = 'cdcc_handoff'")
rt_eq "tables of publication cdcc_handoff" "$pubt" "customers,order_items,orders"

# ---- 2. catch up with --once --------------------------------------------------------
rt_run once1 120 "$W/handoff.cdc" --once --stats "$W/once1.stats"
rt_expect_status "run --once after the workload" 0
compare_all

# ---- 3. more writes (streaming only), --once again ------------------------------------
rt_workload_start handoff --rate 200 --customers $((NC + 20000)) --orders $((NO + 20000)) --seed 7
sleep 3
rt_workload_stop
# this run reads the compiled plan: a plan and its pipeline file run the same
"$CDCC" build "$W/handoff.cdc" -o "$W/handoff.cdcb" || rt_fail "cdcc build of the pipeline failed"
rt_run once2 120 "$W/handoff.cdcb" --once --stats "$W/once2.stats"
rt_expect_status "second run --once (from the plan)" 0
compare_all
changes=$(rt_stat "$W/once2.stats" 'sum(t["changes"] for t in s["tables"].values())')
rt_check '[ "$changes" -gt 100 ] 2>/dev/null' "--stats of the second --once: $changes changes in all, expected the workload's (> 100)"
batches=$(rt_stat "$W/once2.stats" 's["batches"]')
rt_check '[ "$batches" -ge 1 ] 2>/dev/null' "--stats of the second --once: batches = $batches, expected >= 1"
for t in customers orders order_items; do
	v=$(rt_stat "$W/once2.stats" "(lambda t: t['changes'] == t['applied'] and t['dropped'] == t['quarantined'] == t['failed'] == t['filtered'] == 0)(s['tables']['src.public.$t'])")
	rt_eq "--stats of the second --once, src.public.$t: changes == applied and nothing else counted" "$v" True
done
slot_lsn2=$(src "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = 'cdcc_handoff'")
adv=$(src "SELECT '$slot_lsn2'::pg_lsn > '${slot_lsn1:-0/0}'::pg_lsn")
rt_eq "the slot's confirmed_flush_lsn advanced by the second --once ($slot_lsn1 -> $slot_lsn2)" "$adv" t
cp=$(dst "SELECT count(*) FROM cdcc.cdcc_checkpoints WHERE pipeline = 'handoff' AND source = 'src'")
rt_eq "checkpoint rows of (handoff, src)" "$cp" 1

# ---- 4. nothing new: --once exits at once --------------------------------------------
rt_run once3 30 "$W/handoff.cdc" --once --stats "$W/once3.stats"
rt_expect_status "run --once with nothing to do" 0
changes=$(rt_stat "$W/once3.stats" 'sum(t["changes"] for t in s.get("tables", {}).values())')
rt_eq "--stats of a --once with nothing new: changes" "$changes" 0
compare_all

# ---- 5. SIGINT stops a streaming run too (exit 0), a change made meanwhile is applied ----
rt_start int "$W/handoff.cdc"
sleep 1
src "UPDATE customers SET name = 'during the SIGINT run' WHERE id = 1"
sleep 2
kill -INT "$rt_cdcc_pid"
rt_wait int 30
rt_expect_status "run stopped by SIGINT" 0
rt_compare public.customers id "$C_CUST"

rt_done
