#!/usr/bin/env bash
# examples/demo/run.sh — the demo of `./bootstrap demo`: a real pipeline, end to end.
#
#   examples/demo/run.sh [path/to/cdcc]
#
# Starts two throwaway PostgreSQL 15 clusters in a temporary directory, on loopback:
# `app` (a small shop: examples/demo/shop.sql) and `reporting` (the warehouse).  Runs
# examples/postgres_to_postgres.cdc with `cdcc run`: the snapshot of the shop, then live
# inserts, updates and deletes made while it runs -- among them rows that break the
# pipeline's quality rules and land in the quarantine.  Prints the reporting tables and
# the quarantine next to the source, stops cdcc with SIGTERM, stops the servers and
# removes the directory.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cdcc=${1:-$top/build/cdcc}
pipeline=$top/examples/postgres_to_postgres.cdc
. "$top/tests/lib/servers.sh"

bold() { printf '\n\033[1m--> %s\033[0m\n' "$*"; }

srv_setup demo
bold "starting two PostgreSQL 15 clusters in $srv_tmp: app (source, wal_level = logical) and reporting"
srv_postgres_named APP logical
srv_postgres_named REPORTING
app() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$APP_DSN" "$@"; }
reporting() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$REPORTING_DSN" "$@"; }
app -f "$top/examples/demo/shop.sql" || exit 1
app -c "SELECT 'app: ' || (SELECT count(*) FROM customers) || ' customers, ' || (SELECT count(*) FROM orders) ||
        ' orders, ' || (SELECT count(*) FROM order_items) || ' order lines' AS shop" -t

export APP_PG_DSN=$APP_DSN REPORTING_PG_DSN=$REPORTING_DSN
bold "cdcc check $pipeline"
"$cdcc" check "$pipeline" || exit 1

bold "cdcc run: snapshot, then streaming (log below; batches close every 5 s, the example's interval)"
"$cdcc" run "$pipeline" --stats "$srv_tmp/stats.json" 2>&1 | sed 's/^/    /' &
run_pid=$(pgrep -n -f "cdcc run $pipeline" || true)
srv_track $!

# wait_for SQL: until the reporting database answers t (at most 60 s)
wait_for() {
	for _ in $(seq 1 300); do
		[ "$(reporting -t -A -c "$1" 2>/dev/null)" = t ] && return 0
		sleep 0.2
	done
	echo "demo: timed out waiting for: $1" >&2
	exit 1
}
wait_for "SELECT EXISTS (SELECT 1 FROM cdcc.cdcc_checkpoints WHERE pipeline = 'app_reporting')"

bold "live changes in app while cdcc runs"
app -e <<'SQL'
-- a new customer orders; an order ships; a customer leaves
BEGIN;
INSERT INTO customers VALUES (6, 'fay@example.com', 'Fay Wong', 'HK', now(), '{"vip": true}');
INSERT INTO orders VALUES (104, 6, 'paid', 'HKD', 88.00, now(), NULL);
INSERT INTO order_items VALUES (104, 1, 'TEA-3', 4, 22.00);
COMMIT;
UPDATE orders SET status = 'shipped' WHERE id = 100;
DELETE FROM customers WHERE id = 4;
-- breaks total_nonneg: quarantined; an order line of quantity 0: quarantined
INSERT INTO orders VALUES (105, 2, 'refunded', 'SGD', -15.00, now(), 'negative total');
INSERT INTO order_items VALUES (104, 2, 'GIFT-0', 0, 0.00);
-- the marker the demo waits for
UPDATE orders SET status = 'shipped', notes = 'left the warehouse' WHERE id = 104;
SQL
wait_for "SELECT EXISTS (SELECT 1 FROM reporting.orders WHERE id = 104 AND status = 'shipped')"

bold "stopping cdcc (SIGTERM: what is batched is applied, then it exits)"
[ -n "$run_pid" ] && kill -TERM "$run_pid" 2>/dev/null
wait
echo "    counts of this run (--stats):"
sed 's/^/    /' "$srv_tmp/stats.json"

bold "app (source): orders"
app -c "SELECT id, customer_id, status, total, notes FROM orders ORDER BY id"
bold "reporting (target): reporting.customers -- e-mail hashed, deletes kept as is_deleted"
reporting -c "SELECT id, left(email_hash, 12) || '…' AS email_hash, full_name, country, _op, is_deleted
              FROM reporting.customers ORDER BY id"
bold "reporting (target): reporting.orders -- order 103 (customer 0) dropped by rule not_a_test"
reporting -c "SELECT id, customer_id, status, total, placed_date, notes FROM reporting.orders ORDER BY id"
bold "reporting (target): reporting.order_items -- line_total computed by the transform"
reporting -c "SELECT order_id, line_no, sku, quantity, unit_price, line_total FROM reporting.order_items
              ORDER BY order_id, line_no"
bold "reporting (target): the quarantine -- rule, reason, source position and the row as it arrived"
reporting -c "SELECT table_name, rule, op, position, row FROM cdcc.cdcc_quarantine ORDER BY id"
bold "reporting (target): the checkpoint, committed with every batch"
reporting -c "SELECT pipeline, source, position, batch_id FROM cdcc.cdcc_checkpoints"
bold "demo done: the servers stop and $srv_tmp is removed"
