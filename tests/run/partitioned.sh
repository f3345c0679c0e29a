#!/bin/bash
# tests/run/partitioned.sh — a partitioned table is captured whole.
#
#   tests/run/partitioned.sh [CDCC]          (or CDCC=/path/to/cdcc tests/run/partitioned.sh)
#
# public.events is partitioned by range of id (three partitions and a default).  The
# pipeline captures the parent: cdcc creates the publication with
# publish_via_partition_root, the snapshot reads every partition, and the changes of every
# partition — also an update that moves a row to another partition — arrive as changes of
# public.events.  The target must equal the source.  A publication made by hand without
# publish_via_partition_root is refused, with the fix.
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rt_init partitioned "$@"

pipeline() {
	cat <<EOF
pipeline $1 { }

source src postgres {
  dsn         = env("SRC_DSN")
  publication = "$2"
  slot        = "$1"
  tables      = [public.events]
  heartbeat   = off
}

table src.public.events {
  id   bigint primary key
  kind text
  n    integer
}

target dst postgres {
  dsn = env("DST_DSN")
}

merge src.public.* into dst.$1.* { }
EOF
}
pipeline parts parts_pub >"$W/parts.cdc"
pipeline byhand byhand_pub >"$W/byhand.cdc"
rt_cdc_check "$W/parts.cdc"

src_in <<'EOF' || exit 2
CREATE TABLE events (id bigint PRIMARY KEY, kind text, n integer) PARTITION BY RANGE (id);
CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (0) TO (1000);
CREATE TABLE events_2 PARTITION OF events FOR VALUES FROM (1000) TO (2000);
CREATE TABLE events_3 PARTITION OF events FOR VALUES FROM (2000) TO (3000);
CREATE TABLE events_other PARTITION OF events DEFAULT;
INSERT INTO events SELECT i, 'k' || (i % 5), i FROM generate_series(1, 3500, 7) i;
EOF
rt_run snap 60 "$W/parts.cdc" --once
rt_expect_status "the snapshot of a partitioned table" 0
rt_compare public.events id "id, kind, n" parts.events
via=$(src "SELECT pubviaroot FROM pg_publication WHERE pubname = 'parts_pub'")
rt_eq "publish_via_partition_root of the publication cdcc created" "$via" t

src_in <<'EOF' || exit 2
INSERT INTO events VALUES (5, 'new', 1), (1005, 'new', 2), (2005, 'new', 3), (9005, 'new', 4);
UPDATE events SET n = n + 100 WHERE id % 2 = 0;
UPDATE events SET id = 2501 WHERE id = 8;          -- moves from events_1 to events_3
UPDATE events SET id = 9500, kind = 'moved' WHERE id = 1002;   -- to the default partition
DELETE FROM events WHERE id BETWEEN 2000 AND 2100;
EOF
rt_run stream 60 "$W/parts.cdc" --once
rt_expect_status "streaming the partitions' changes" 0
rt_compare public.events id "id, kind, n" parts.events

# a publication made without publish_via_partition_root: refused, with the fix
src "CREATE PUBLICATION byhand_pub FOR TABLE events" >/dev/null || exit 2
rt_run byhand 60 "$W/byhand.cdc" --once
rt_expect_status "a publication without publish_via_partition_root" 1
grep -q "publish_via_partition_root = true" "$W/byhand.err" || rt_fail "the error does not give the fix"

rt_done
