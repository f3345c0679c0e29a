#!/bin/bash
# tests/run/schema_pull.sh — `cdcc schema pull` writes the lock that `cdcc check` reads.
#
#   tests/run/schema_pull.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/schema_pull.sh)
#
# A pipeline selects public.* but excludes public.secret_%, and declares no table block:
# its columns come from the schema lock only.  Checked:
#   * before the pull, `cdcc check` cannot read the lock (E0801, exit 1);
#   * `cdcc schema pull` writes it: the selected tables only (not the excluded one, not
#     another schema's), in name order, with exact types (numeric(12,2), timestamp(3) with
#     time zone, text[]), an enum recorded as text and a domain as its base type, a type
#     cdcc does not read (inet) as text with a warning naming the column, NOT NULL and
#     composite primary keys; pulling again gives the same bytes;
#   * then `cdcc check` passes, and `cdcc run --once` copies the tables by the lock;
#   * a table block that contradicts the lock is E0804;
#   * without a schema_lock option and without -o: usage error (exit 2).
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init schema_pull "$@"

src_in <<'EOF' || exit 2
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, tags text[],
  m mood, qty posint, created timestamp(3) with time zone);
CREATE TABLE order_lines (order_id bigint, line_no integer, sku varchar(40) NOT NULL,
  PRIMARY KEY (order_id, line_no));
CREATE TABLE addr (id integer PRIMARY KEY, ip inet);
CREATE TABLE secret_keys (id integer PRIMARY KEY, k text);
CREATE SCHEMA sales;
CREATE TABLE sales.other (id integer PRIMARY KEY);
INSERT INTO orders VALUES (1, 9.50, '{a,"b c"}', 'sad', 3, '2024-01-02 03:04:05.678+00');
INSERT INTO order_lines VALUES (1, 1, 'MUG');
INSERT INTO addr VALUES (1, '10.0.0.1/8');
EOF

cat >"$W/p.cdc" <<'EOF'
pipeline pulled {
  schema_lock = "p.lock.json"
}

source s postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.*]
  exclude   = [public.secret_%]
  heartbeat = off
}

target t postgres {
  dsn = env("DST_DSN")
}

merge s.public.* into t.public.* { }
EOF

"$CDCC" check "$W/p.cdc" >"$W/check0.out" 2>&1
rt_eq "cdcc check before the pull (exit)" "$?" 1
grep -q "E0801" "$W/check0.out" || rt_fail "cdcc check before the pull: no E0801"

"$CDCC" schema pull "$W/p.cdc" >"$W/pull.out" 2>"$W/pull.err"
rt_eq "cdcc schema pull (exit)" "$?" 0
grep -q "warning: source s: public.addr, column ip: type inet is not one cdcc reads; recorded as text" "$W/pull.err" ||
	{ rt_fail "no warning about the inet column"; cat "$W/pull.err" >&2; }
python3 - "$W/p.lock.json" <<'PY' || rt_fail "the lock is not as expected (above)"
import json, sys
lock = json.load(open(sys.argv[1]))
want = {"cdcc_schema_lock": 1, "sources": [{"name": "s", "kind": "postgres", "complete": True, "tables": [
    {"schema": "public", "name": "addr", "primary_key": ["id"], "columns": [
        {"name": "id", "type": "integer", "not_null": True}, {"name": "ip", "type": "text"}]},
    {"schema": "public", "name": "order_lines", "primary_key": ["order_id", "line_no"], "columns": [
        {"name": "order_id", "type": "bigint", "not_null": True},
        {"name": "line_no", "type": "integer", "not_null": True},
        {"name": "sku", "type": "character varying(40)", "not_null": True}]},
    {"schema": "public", "name": "orders", "primary_key": ["id"], "columns": [
        {"name": "id", "type": "bigint", "not_null": True},
        {"name": "amount", "type": "numeric(12,2)", "not_null": True},
        {"name": "tags", "type": "text[]"},
        {"name": "m", "type": "text"},
        {"name": "qty", "type": "integer"},
        {"name": "created", "type": "timestamp(3) with time zone"}]}]}]}
if lock != want:
    print(json.dumps(lock, indent=1), file=sys.stderr)
    sys.exit(1)
PY
cp "$W/p.lock.json" "$W/first.lock.json"
"$CDCC" schema pull "$W/p.cdc" 2>/dev/null
cmp -s "$W/p.lock.json" "$W/first.lock.json" || rt_fail "a second pull wrote different bytes"

"$CDCC" check "$W/p.cdc" >"$W/check1.out" 2>&1
rt_eq "cdcc check with the pulled lock (exit)" "$?" 0

rt_run once 60 "$W/p.cdc" --once
rt_expect_status "cdcc run --once of the pipeline known by its lock" 0
rt_compare public.orders id "id, amount, tags, m::text, qty, created"
rt_compare public.order_lines "order_id, line_no" "order_id, line_no, sku"
n=$(dst "SELECT count(*) FROM public.addr WHERE ip = '10.0.0.1/8'")
rt_eq "the inet value, copied as its text" "$n" 1

# a table block that contradicts the lock
cat "$W/p.cdc" - >"$W/q.cdc" <<'EOF'

table s.public.orders {
  id     bigint primary key
  amount integer
}
EOF
cp "$W/p.lock.json" "$W/q.lock.json"
sed -i 's/p.lock.json/q.lock.json/' "$W/q.cdc"
"$CDCC" check "$W/q.cdc" >"$W/check2.out" 2>&1
rt_eq "cdcc check with a table block against the lock (exit)" "$?" 1
grep -q "E0804" "$W/check2.out" || { rt_fail "no E0804 for the table block that contradicts the lock"; cat "$W/check2.out" >&2; }

# no schema_lock option, no -o
sed '/schema_lock/d' "$W/p.cdc" >"$W/nolock.cdc"
"$CDCC" schema pull "$W/nolock.cdc" >"$W/nolock.out" 2>&1
rt_eq "cdcc schema pull without a lock path (exit)" "$?" 2

rt_done
