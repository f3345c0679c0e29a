#!/bin/bash
# tests/run/bigtxn.sh — transactions of a million changes, with bounded memory.
#
#   tests/run/bigtxn.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/bigtxn.sh)
#
# public.big starts with 400,000 rows (the snapshot).  Then, in one transaction, 600,000
# inserts, 300,000 updates and 100,000 deletes (1,000,000 changes, streamed by the server
# while in progress); a second transaction inserts 150,000 rows, 100,000 more inside a
# savepoint that is rolled back, and updates 1,000; a third inserts 500,000 rows and is
# rolled back.  One `cdcc run --once` must then leave the target equal to the source (no
# trace of the rolled-back work), with cdcc's peak resident memory under 64 MB: what does
# not fit goes to temporary files.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init bigtxn "$@"
[ -x /usr/bin/time ] || srv_skip "GNU time (/usr/bin/time) is not installed"

cat >"$W/big.cdc" <<'EOF'
pipeline bigtxn { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.big]
  heartbeat = off
}

table src.public.big {
  id bigint primary key
  n  integer
  v  text
}

target dst postgres {
  dsn = env("DST_DSN")
}

merge src.public.* into dst.public.* { }
EOF
rt_cdc_check "$W/big.cdc"

src_in <<'EOF' || exit 2
CREATE TABLE big (id bigint PRIMARY KEY, n integer, v text);
INSERT INTO big SELECT i, 0, 'row ' || i FROM generate_series(1, 400000) i;
EOF
rt_run snap 120 "$W/big.cdc" --once
rt_expect_status "the snapshot" 0

src_in <<'EOF' || exit 2
BEGIN;
INSERT INTO big SELECT i, 1, 'new ' || i FROM generate_series(1000001, 1600000) i;
UPDATE big SET n = n + 1, v = v || ' updated' WHERE id <= 300000;
DELETE FROM big WHERE id > 300000 AND id <= 400000;
COMMIT;
BEGIN;
INSERT INTO big SELECT i, 2, 'second ' || i FROM generate_series(2000001, 2150000) i;
SAVEPOINT s;
INSERT INTO big SELECT i, 3, 'rolled back ' || i FROM generate_series(3000001, 3100000) i;
ROLLBACK TO SAVEPOINT s;
UPDATE big SET n = 9 WHERE id BETWEEN 2000001 AND 2001000;
COMMIT;
BEGIN;
INSERT INTO big SELECT i, 4, 'aborted ' || i FROM generate_series(4000001, 4500000) i;
ROLLBACK;
EOF

/usr/bin/time -f '%M' -o "$W/rss" "$CDCC" run "$W/big.cdc" --once --stats "$W/big.stats" >"$W/big.out" 2>"$W/big.err"
status=$?
[ "$status" -eq 0 ] || { rt_fail "cdcc run --once after the large transactions: exit $status"; sed 's/^/    /' "$W/big.err" >&2; }
rss_kb=$(tail -n 1 "$W/rss")
rt_say "peak resident memory of cdcc run: $((rss_kb / 1024)) MB"
rt_check '[ "$rss_kb" -lt 65536 ]' "cdcc run's peak resident memory was $((rss_kb / 1024)) MB (limit 64 MB)"
changes=$(rt_stat "$W/big.stats" 's["tables"]["src.public.big"]["changes"]')
rt_eq "changes of the run (1,000,000 + 151,000; nothing rolled back)" "$changes" 1151000
rt_compare public.big id "id, n, v"
n=$(dst "SELECT count(*) FROM public.big WHERE n IN (3, 4)")
rt_eq "rows of rolled-back work in the target" "$n" 0

rt_done
