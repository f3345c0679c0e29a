#!/bin/bash
# tests/run/types.sh — `cdcc run` PostgreSQL -> PostgreSQL keeps every value exactly.
#
#   tests/run/types.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/types.sh)
#
# One table with a column of every type cdcc knows (boolean, the integers, numeric(38,10),
# numeric, numeric(5,2), real, double precision, char(5), varchar(10), text, bytea, date,
# timestamp, timestamptz, timestamp(3), time, timetz, interval, uuid, json, jsonb,
# integer[], text[]), plus a column of an enum type and one of a domain over integer
# (declared text and integer in the pipeline), and a 1 MB TOASTed text column.  Rows hold
# NULLs, empty values, both ends of every range (numeric(38,10) +-9999999999999999999999999999.9999999999,
# 294276 AD and 4713 BC), NaN, +-Infinity, -0, infinity dates, 24:00:00, +-15:59 zones,
# json text that jsonb would rewrite (duplicate keys, spacing, \u0000), arrays with NULL
# and "NULL" elements, control characters and non-ASCII text.
#
#   1. the rows are copied by the initial snapshot (cdcc run --once);
#   2. the same rows are inserted again (streamed), updated column by column to other
#      rows' values and to NULL, one deleted; the TOASTed row of the snapshot is updated
#      in another column (pgoutput sends the big value as "unchanged"), a new TOASTed row
#      is inserted then updated in the same batch, another has its big value replaced;
#   3. a later batch updates the TOASTed rows once more in other columns;
#   4. the keys of TOASTed rows change (the big value, not sent, is read back from the
#      source), and a row whose key changes twice before it is deleted is quarantined.
# After each --once, the text form of every column of every row must be equal on both
# sides (compared column by column: the FAIL line names the column and shows the rows).
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init types "$@"

COLS="b i2 i4 i8 n nu n52 r d c vc t by dt ts tstz ts3 tm tmtz iv u j jb ai at e dm big"
cat >"$W/types.cdc" <<'EOF'
pipeline types { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.alltypes]
  heartbeat = off
}

table src.public.alltypes {
  id   integer primary key
  b    boolean
  i2   smallint
  i4   integer
  i8   bigint
  n    numeric(38,10)
  nu   numeric
  n52  numeric(5,2)
  r    real
  d    double precision
  c    char(5)
  vc   varchar(10)
  t    text
  by   bytea
  dt   date
  ts   timestamp
  tstz timestamptz
  ts3  timestamp(3)
  tm   time
  tmtz timetz
  iv   interval
  u    uuid
  j    json
  jb   jsonb
  ai   integer[]
  at   text[]
  e    text      -- an enum in the source
  dm   integer   -- a domain over integer in the source
  big  text      -- TOASTed (1 MB) in some rows
}

target dst postgres {
  dsn = env("DST_DSN")
  batch {
    rows     = 1000
    interval = 1s
  }
}

merge src.public.* into dst.public.* { }
EOF
rt_cdc_check "$W/types.cdc"

# 1 MB of hex that does not compress, from a seed
bigval() { echo "(SELECT string_agg(md5('$1' || g), '') FROM generate_series(1, 32768) g)"; }

src_in <<EOF || exit 2
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TABLE alltypes (
  id integer PRIMARY KEY,
  b boolean, i2 smallint, i4 integer, i8 bigint,
  n numeric(38,10), nu numeric, n52 numeric(5,2), r real, d double precision,
  c char(5), vc varchar(10), t text, by bytea,
  dt date, ts timestamp, tstz timestamptz, ts3 timestamp(3), tm time, tmtz timetz, iv interval,
  u uuid, j json, jb jsonb, ai integer[], at text[],
  e mood, dm posint, big text);
ALTER TABLE alltypes ALTER COLUMN big SET STORAGE EXTERNAL;
-- 1: every column NULL
INSERT INTO alltypes (id) VALUES (1);
-- 2: empty and zero values (not NULL)
INSERT INTO alltypes VALUES (2, false, 0, 0, 0, 0, 0, 0, 0, 0, '', '', '', '\x',
  '2000-01-01', '2000-01-01 00:00', '2000-01-01 00:00+00', '2000-01-01 00:00', '00:00', '00:00+00', '0',
  '00000000-0000-0000-0000-000000000000', '""', '{}', '{}', '{}', 'sad', 1, '');
-- 3: the largest values
INSERT INTO alltypes VALUES (3, true, 32767, 2147483647, 9223372036854775807,
  9999999999999999999999999999.9999999999, '12345678901234567890.123456789012345678', 999.99,
  '3.4028235e38', '1.7976931348623157e308', 'abcde', 'éèêëēĕėęěɘ',
  E'tab\there\nnewline\r\\\\backslash "quote'' apostrophe \\\\N \\\\x41', '\x00ff10c3a9',
  '5874897-12-31', '294276-12-31 23:59:59.999999', '294276-12-31 23:59:59.999999+00', '2024-12-31 23:59:59.999',
  '24:00:00', '23:59:59.999999-15:59', '178000000 years',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '{"b": 1, "a": [1, 2.50, "x"],  "a": null}',
  '{"n": 12345678901234567890.123456789, "s": "é\n", "arr": [true, false, null]}',
  '{1,NULL,-2147483648,2147483647}', '{"a b","c,d","e\\"f",NULL,"NULL","","{}"}', 'happy', 2147483647, 'x');
-- 4: the smallest values
INSERT INTO alltypes VALUES (4, false, -32768, -2147483648, -9223372036854775808,
  -9999999999999999999999999999.9999999999, '-0.00000000000000000000000000000000000001', -999.99,
  '-1.17549435e-38', '-2.2250738585072014e-308', 'a', ' ', ' ', '\x00',
  '4713-01-01 BC', '4713-01-01 00:00:00 BC', '4713-01-01 00:00:00+00 BC', '1970-01-01 00:00:00.001',
  '00:00:00', '00:00:00+15:59', '-178000000 years -5 mons -3 days -01:02:03.456789',
  '00000000-0000-0000-0000-000000000001', '[]', '[]', '{-1}', '{""}', 'ok', 1, ' ');
-- 5-8: NaN, infinities, -0, denormals
INSERT INTO alltypes (id, n, nu, n52, r, d, dt, ts, tstz, ts3, iv)
  VALUES (5, 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'infinity', 'infinity', 'infinity', 'infinity', '-1 days +02:03:04.5');
INSERT INTO alltypes (id, nu, r, d, dt, ts, tstz, ts3, iv)
  VALUES (6, 'Infinity', 'Infinity', '-Infinity', '-infinity', '-infinity', '-infinity', '-infinity', '1 mon -1 days');
INSERT INTO alltypes (id, nu, r, d, iv) VALUES (7, '-Infinity', '-Infinity', 'Infinity', '00:00:00.000001');
INSERT INTO alltypes (id, nu, r, d, n, n52) VALUES (8, '-0', '-0', '-0', '-0.0000000001', '-0.01');
INSERT INTO alltypes (id, r, d, nu) VALUES (9, '1e-45', '5e-324', '1e-38');
-- 10: ordinary values
INSERT INTO alltypes VALUES (10, true, 42, -42, 4200000000, 3.1415926536, '2.718281828459045235360287471352662497',
  12.5, '3.14159', '2.718281828459045', 'ab', 'x''y', E'🙂 e\u0301 \u00a0 日本語 \x01', '\xdeadbeef',
  '2024-02-29', '2024-02-29 23:59:59.999999', '2024-06-01 12:34:56.789+02', '2024-01-01 00:00:00.1234',
  '12:34:56.789012', '12:34:56+05:30', '1 year 2 mons 3 days 04:05:06.789',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"nul": "\u0000", "esc": "\"\\\\/\b\f\n\r\t", "num": 1.0e+2}',
  '{"deep": {"x": [1, {"y": "z"}]}, "big": 1e30}', '{0}', '{"\\\\",","," "}', 'happy', 7, 'small');
-- 11: TOASTed
INSERT INTO alltypes (id, i4, t, big) VALUES (11, 1, 'toasted', $(bigval a));
EOF

# compare_cols LABEL: every column of every row, as text, on both sides
compare_cols() {
	q="SELECT 'count ' || count(*) FROM alltypes"
	for c in $COLS; do
		q="$q UNION ALL SELECT '$c ' || coalesce(md5(string_agg(coalesce(quote_literal($c::text), 'NULL'), ',' ORDER BY id)), '-') FROM alltypes"
	done
	src "$q" >"$W/cols.src" 2>&1
	dst "$q" >"$W/cols.dst" 2>&1
	if ! cmp -s "$W/cols.src" "$W/cols.dst"; then
		if [ "$(head -n 1 "$W/cols.src")" != "$(head -n 1 "$W/cols.dst")" ]; then
			rt_fail "$1: row counts differ: source $(head -n 1 "$W/cols.src"), target $(head -n 1 "$W/cols.dst")"
		fi
		# shellcheck disable=SC2013
		for c in $(diff "$W/cols.src" "$W/cols.dst" | sed -n 's/^< \([a-z0-9]*\) .*/\1/p' | grep -v '^count$'); do
			rt_fail "$1: column $c differs:"
			if [ "$c" = big ]; then e="'md5=' || md5(big) || ' length=' || length(big)"; else e="coalesce(quote_literal($c::text), 'NULL')"; fi
			src "SELECT id || ' ' || $e FROM alltypes ORDER BY id" >"$W/col.src" 2>&1
			dst "SELECT id || ' ' || $e FROM alltypes ORDER BY id" >"$W/col.dst" 2>&1
			diff "$W/col.src" "$W/col.dst" | head -n 12 | cut -c 1-200 >&2
		done
		grep -q ERROR "$W/cols.dst" && { rt_fail "$1: the target query failed:"; head -n 5 "$W/cols.dst" >&2; }
		return 1
	fi
	rt_say "$1: $(head -n 1 "$W/cols.src") rows, every column equal"
	return 0
}

# ---- 1. the snapshot ------------------------------------------------------------------
rt_run snap 120 "$W/types.cdc" --once --stats "$W/snap.stats"
rt_expect_status "run --once (snapshot)" 0
compare_cols "after the snapshot"

# ---- 2. streamed inserts, updates of every column, TOAST ------------------------------
ALLC=$(echo $COLS | sed 's/ /, /g')
src_in <<EOF || exit 2
-- streamed copies of rows 1-10 (ids 101-110)
INSERT INTO alltypes SELECT id + 100, $ALLC FROM alltypes WHERE id <= 10;
-- every column updated to other rows' values, and to NULL
UPDATE alltypes SET ($ALLC) = (SELECT $ALLC FROM alltypes WHERE id = 3) WHERE id = 104;
UPDATE alltypes SET ($ALLC) = (SELECT $ALLC FROM alltypes WHERE id = 4) WHERE id = 103;
UPDATE alltypes SET ($ALLC) = (SELECT $ALLC FROM alltypes WHERE id = 5) WHERE id = 101;
UPDATE alltypes SET ($ALLC) = (SELECT $ALLC FROM alltypes WHERE id = 1) WHERE id = 110;
UPDATE alltypes SET ($ALLC) = (SELECT $ALLC FROM alltypes WHERE id = 2) WHERE id = 106;
DELETE FROM alltypes WHERE id = 102;
-- the snapshot's TOASTed row: another column changes, big is sent as unchanged
UPDATE alltypes SET i4 = 2, t = 'toasted, updated' WHERE id = 11;
-- a new TOASTed row, then updated in another column in a later transaction of the batch
INSERT INTO alltypes (id, i4, big) VALUES (111, 1, $(bigval b));
UPDATE alltypes SET i4 = 2 WHERE id = 111;
-- a TOASTed row whose big value is replaced, then another column updated
INSERT INTO alltypes (id, i4, big) VALUES (112, 1, $(bigval c));
UPDATE alltypes SET big = $(bigval d) WHERE id = 112;
UPDATE alltypes SET dm = 5 WHERE id = 112;
-- inserted and updated in one transaction
BEGIN;
INSERT INTO alltypes (id, i4, big) VALUES (113, 1, $(bigval e));
UPDATE alltypes SET i4 = 2 WHERE id = 113;
COMMIT;
EOF
rt_run stream 120 "$W/types.cdc" --once --stats "$W/stream.stats"
rt_expect_status "run --once (streamed changes)" 0
compare_cols "after the streamed changes"

# ---- 3. a later batch: the TOASTed rows updated again in other columns ----------------
src_in <<EOF || exit 2
UPDATE alltypes SET i4 = 3 WHERE id IN (11, 111, 112, 113);
UPDATE alltypes SET e = 'ok', ai = '{9,NULL}' WHERE id = 11;
UPDATE alltypes SET b = NOT coalesce(b, false) WHERE id < 100;
EOF
rt_run stream2 120 "$W/types.cdc" --once --stats "$W/stream2.stats"
rt_expect_status "run --once (a later batch)" 0
compare_cols "after the later batch"
n=$(dst "SELECT count(*) FROM alltypes WHERE length(big) = 1048576")
rt_eq "target rows with a 1 MB big column" "$n" 4

# ---- 4. the key of TOASTed rows changes: the big value is not sent and is read back ----
# (replica identity default: the old row carries the key only); a row whose key changes
# twice and is then deleted in one batch cannot be read back: quarantined, rule source
src_in <<EOF || exit 2
UPDATE alltypes SET id = 1011 WHERE id = 11;
UPDATE alltypes SET id = 1111, i4 = 4 WHERE id = 111;
INSERT INTO alltypes (id, i4, big) VALUES (114, 1, $(bigval f));
EOF
src_in <<EOF || exit 2
UPDATE alltypes SET id = 1114 WHERE id = 114;
UPDATE alltypes SET id = 2114 WHERE id = 1114;
DELETE FROM alltypes WHERE id = 2114;
EOF
rt_run keys 120 "$W/types.cdc" --once --stats "$W/keys.stats"
rt_expect_status "run --once (key updates of TOASTed rows)" 0
compare_cols "after key updates of TOASTed rows"
n=$(dst "SELECT count(*) FROM cdcc.cdcc_quarantine WHERE rule = 'source'")
rt_eq "changes quarantined with rule source (a key change of a row already deleted)" "$n" 2
n=$(rt_stat "$W/keys.stats" 's["quarantined_by_source"]')
rt_eq "quarantined_by_source in --stats" "$n" 2

rt_done
