#!/usr/bin/env bash
# bench/run_pg.sh — `cdcc run` PostgreSQL -> PostgreSQL against the limits, in one run.
#
#   bench/run_pg.sh [path/to/cdcc] [ROWS] [TXNS]
#
# Two throwaway PostgreSQL 15 clusters (tests/lib/servers.sh).  The source's `orders`
# holds ROWS rows (default 500000).  Measured, each against a baseline in the same run:
#
#   snapshot   cdcc run --once on a new pipeline (slot with exported snapshot, COPY out,
#              stage, COPY into the target, commit)  vs  psql COPY TO STDOUT piped into
#              psql COPY FROM STDIN of the same table (no slot, no checks, no rules)
#   stream     TXNS transactions of 600 inserts, 300 updates and 100 deletes (default
#              300: 300,000 changes), then cdcc run --once catching up (decode, stage,
#              COPY + collapse + MERGE per batch, checkpoint)  vs  pg_recvlogical
#              decoding the same WAL with pgoutput into /dev/null (from a copy of the
#              slot): the decoding floor, which applies nothing
#
# Prints rows per second and the ratios.  Timings never decide a test: this is not in
# make check.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cdcc=${1:-$top/build/cdcc}
rows=${2:-500000}
txns=${3:-300}
. "$top/tests/lib/servers.sh"
srv_setup bench
srv_postgres_named SRC logical
srv_postgres_named DST
pgbin=$(dirname "$PSQL")
src() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$SRC_DSN" "$@"; }
dst() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$DST_DSN" "$@"; }
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }
rate() { python3 -c "print(f'{$1 / ($3 - $2):,.0f}')"; }

src <<SQL
CREATE TABLE orders (
  id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL,
  total numeric(12,2) NOT NULL, placed_at timestamptz NOT NULL, note text);
INSERT INTO orders SELECT g, g % 5000, 'paid', (g % 1000) * 1.25, '2024-01-01'::timestamptz + g * interval '1 s',
  'order ' || g FROM generate_series(1, $rows) g;
ANALYZE orders;
CREATE PROCEDURE workload(n int) LANGUAGE plpgsql AS \$\$
DECLARE base bigint;
BEGIN
  FOR t IN 1..n LOOP
    SELECT coalesce(max(id), 0) INTO base FROM orders;
    INSERT INTO orders SELECT base + g, g, 'new', g * 0.5, now(), 'w' FROM generate_series(1, 600) g;
    UPDATE orders SET status = 'shipped', total = total + 1 WHERE id IN (SELECT id FROM orders ORDER BY id DESC OFFSET 600 LIMIT 300);
    DELETE FROM orders WHERE id IN (SELECT id FROM orders ORDER BY id LIMIT 100);
    COMMIT;
  END LOOP;
END \$\$;
SQL
cat > "$srv_tmp/bench.cdc" <<'CDC'
pipeline bench { }
source src postgres {
  dsn    = env("SRC_DSN")
  tables = [public.orders]
}
table src.public.orders {
  id          bigint primary key
  customer_id bigint not null
  status      text not null
  total       numeric(12,2) not null
  placed_at   timestamptz not null
  note        text
}
target dst postgres {
  dsn = env("DST_DSN")
  batch { rows = 100000  interval = 10s }
}
merge src.public.* into dst.public.* {}
CDC
export SRC_DSN DST_DSN

echo "bench: $rows rows in the source; stream of $txns transactions x 1,000 changes"
# ---- snapshot ----
dst -c "CREATE TABLE copy_orders (LIKE public.orders)" 2>/dev/null ||
	dst -c "CREATE TABLE copy_orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL,
	        total numeric(12,2) NOT NULL, placed_at timestamptz NOT NULL, note text)"
t0=$(now)
src -c "COPY orders TO STDOUT" | dst -c "COPY copy_orders FROM STDIN"
t1=$(now)
"$cdcc" run "$srv_tmp/bench.cdc" --once --log-level warning || { echo "bench: cdcc run failed" >&2; exit 1; }
t2=$(now)
[ "$(dst -t -A -c "SELECT count(*) FROM public.orders")" = "$rows" ] || { echo "bench: the snapshot is incomplete" >&2; exit 1; }
echo
printf '%-44s %10s s %12s rows/s\n' "snapshot: psql COPY | psql COPY (baseline)" "$(secs "$t0" "$t1")" "$(rate "$rows" "$t0" "$t1")"
printf '%-44s %10s s %12s rows/s   %.2fx the baseline time\n' "snapshot: cdcc run --once (new pipeline)" \
	"$(secs "$t1" "$t2")" "$(rate "$rows" "$t1" "$t2")" "$(python3 -c "print(($t2-$t1)/($t1-$t0))")"

# ---- stream ----
src -c "SELECT pg_copy_logical_replication_slot('cdcc_bench', 'floor')" >/dev/null
src -c "CALL workload($txns)"
end=$(src -t -A -c "SELECT pg_current_wal_lsn()")
changes=$((txns * 1000))
t0=$(now)
"$pgbin/pg_recvlogical" -d "$SRC_DSN" -S floor --start --no-loop -E "$end" -o proto_version=2 \
	-o publication_names=cdcc_bench -f /dev/null || { echo "bench: pg_recvlogical failed" >&2; exit 1; }
t1=$(now)
"$cdcc" run "$srv_tmp/bench.cdc" --once --log-level warning || { echo "bench: cdcc run failed" >&2; exit 1; }
t2=$(now)
a=$(src -t -A -c "SELECT md5(string_agg(o::text, '' ORDER BY id)) FROM orders o")
b=$(dst -t -A -c "SELECT md5(string_agg(o::text, '' ORDER BY id)) FROM public.orders o")
[ "$a" = "$b" ] || { echo "bench: the target differs from the source" >&2; exit 1; }
printf '%-44s %10s s %12s changes/s\n' "stream: pg_recvlogical pgoutput (decode floor)" "$(secs "$t0" "$t1")" \
	"$(rate "$changes" "$t0" "$t1")"
printf '%-44s %10s s %12s changes/s   %.2fx the floor time\n' "stream: cdcc run --once (decode+apply)" \
	"$(secs "$t1" "$t2")" "$(rate "$changes" "$t1" "$t2")" "$(python3 -c "print(($t2-$t1)/($t1-$t0))")"
echo "target equals source (md5 of every row)"
