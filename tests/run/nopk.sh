#!/bin/bash
# tests/run/nopk.sh — `cdcc run` refuses a source table whose changes cannot be keyed, and
# reports the other errors at start with the documented exit status.
#
#   tests/run/nopk.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/nopk.sh)
#
#   * public.nokey has no primary key (replica identity default) though the pipeline's
#     table block declares one: cdcc run exits 1, its "cdcc: error:" line names the table
#     and says how to fix it (a primary key or REPLICA IDENTITY); after the fix the
#     suggested (ALTER TABLE ... ADD PRIMARY KEY) the same pipeline runs and replicates
#     inserts, updates and deletes;
#   * a table without a primary key but with REPLICA IDENTITY FULL runs;
#   * exit status 2 without a file, with an unknown option or log level, or with a pipeline
#     that has errors; 1 (with a "cdcc: error:" line) when the source cannot be reached,
#     when the source's wal_level is not logical; an unset env() variable is named.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init nopk "$@"

# pipeline NAME TABLE: one table (id integer primary key, v text) from SRC_DSN to DST_DSN
pipeline() {
	cat <<EOF
pipeline $1 { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.$2]
  heartbeat = off
}

table src.public.$2 {
  id integer primary key
  v  text
}

target dst postgres {
  dsn = env("DST_DSN")
}

merge src.public.* into dst.public.* { }
EOF
}
pipeline nopk nokey >"$W/nopk.cdc"
pipeline nopk_full fullid >"$W/full.cdc"
rt_cdc_check "$W/nopk.cdc"
rt_cdc_check "$W/full.cdc"

src_in <<'EOF' || exit 2
CREATE TABLE nokey (id integer, v text);
INSERT INTO nokey SELECT i, 'v' || i FROM generate_series(1, 10) i;
CREATE TABLE fullid (id integer, v text);
ALTER TABLE fullid REPLICA IDENTITY FULL;
INSERT INTO fullid SELECT i, 'v' || i FROM generate_series(1, 10) i;
EOF

# ---- a table without a primary key ------------------------------------------------------
rt_run nokey 60 "$W/nopk.cdc" --once
rt_expect_status "a source table without a primary key" 1
msg=$(grep 'cdcc: error:' "$W/nokey.err" | head -n 1)
rt_say "the error: $msg"
if [ -z "$msg" ]; then
	rt_fail "no 'cdcc: error:' line on stderr"
	rt_show_err nokey
else
	case $msg in *public.nokey*) ;; *) rt_fail "the error does not name the table (src.)public.nokey: $msg" ;; esac
	case $msg in *'REPLICA IDENTITY'* | *'primary key'* | *'PRIMARY KEY'*) ;;
	*) rt_fail "the error does not say how to fix it (a primary key or REPLICA IDENTITY): $msg" ;; esac
fi
# the fix it suggests
src "ALTER TABLE nokey ADD PRIMARY KEY (id)" || exit 2
rt_run fixed 60 "$W/nopk.cdc" --once
rt_expect_status "the same table after ALTER TABLE nokey ADD PRIMARY KEY (id)" 0
rt_compare public.nokey id "id, v"
src_in <<'EOF' || exit 2
INSERT INTO nokey VALUES (11, 'new');
UPDATE nokey SET v = 'upd' WHERE id = 2;
DELETE FROM nokey WHERE id = 3;
EOF
rt_run fixed2 60 "$W/nopk.cdc" --once
rt_expect_status "streaming the fixed table" 0
rt_compare public.nokey id "id, v"

# ---- REPLICA IDENTITY FULL without a primary key ---------------------------------------------
rt_run full 60 "$W/full.cdc" --once
rt_expect_status "a table without a primary key with REPLICA IDENTITY FULL" 0
src_in <<'EOF' || exit 2
INSERT INTO fullid VALUES (11, 'new');
UPDATE fullid SET v = 'upd' WHERE id = 2;
DELETE FROM fullid WHERE id = 3;
EOF
rt_run full2 60 "$W/full.cdc" --once
rt_expect_status "streaming the REPLICA IDENTITY FULL table" 0
rt_compare public.fullid id "id, v"

# ---- usage and start-up errors ---------------------------------------------------------------
rt_run usage1 20
rt_expect_status "cdcc run without a file" 2
rt_run usage2 20 "$W/nopk.cdc" --no-such-option
rt_expect_status "cdcc run with an unknown option" 2
rt_run usage3 20 "$W/nopk.cdc" --once --log-level loud
rt_expect_status "cdcc run --log-level loud" 2
printf 'pipeline broken {\nsource src postgres {\n' >"$W/broken.cdc"
rt_run broken 20 "$W/broken.cdc" --once
rt_expect_status "cdcc run of a pipeline with syntax errors" 2
rt_run missing 20 "$W/no-such-file.cdc" --once
rt_expect_status "cdcc run of a missing file" 2

# no server at the source's address
port=$(srv_port)
SRC_DSN="host=127.0.0.1 port=$port dbname=postgres user=postgres connect_timeout=5" rt_run unreachable 30 "$W/nopk.cdc" --once
rt_expect_status "a source that cannot be reached" 1
grep -q 'cdcc: error:' "$W/unreachable.err" || rt_fail "unreachable source: no 'cdcc: error:' line"

# the target server as the source: wal_level = replica
src_wal=$(dst "SHOW wal_level")
dst "CREATE TABLE IF NOT EXISTS nokey2 (id integer PRIMARY KEY, v text)" || exit 2
pipeline nopk_wal nokey2 >"$W/wal.cdc"
SRC_DSN=$DST_DSN rt_run wal 30 "$W/wal.cdc" --once
rt_expect_status "a source with wal_level = $src_wal" 1
grep 'cdcc: error:' "$W/wal.err" | grep -q 'wal_level' ||
	{ rt_fail "wal_level = $src_wal: the error does not mention wal_level"; rt_show_err wal; }

# an env() variable that is not set
(unset SRC_DSN; rt_run noenv 30 "$W/nopk.cdc" --once; echo "$rt_status" >"$W/noenv.status")
st=$(cat "$W/noenv.status")
case $st in 1 | 2) ;; *) rt_fail "SRC_DSN unset: exit status $st, expected 1 or 2"; rt_show_err noenv ;; esac
grep -q 'SRC_DSN' "$W/noenv.err" || { rt_fail "SRC_DSN unset: the message does not name the variable"; rt_show_err noenv; }

rt_done
