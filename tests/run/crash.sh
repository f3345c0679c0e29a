#!/bin/bash
# tests/run/crash.sh — `cdcc run` killed with SIGKILL again and again under a write
# workload loses no change and applies none twice.
#
#   tests/run/crash.sh [CDCC] [--kills N] [--seed N]     (or CDCC=/path/to/cdcc)
#
# public.accounts (200k rows; every update adds 1 to its version) is merged into
# dst.public.accounts and appended, with op() and source_position(), to
# dst.public.accounts_history; small batches (500 rows, 200 ms).  While a workload of
# inserts, updates and deletes runs, cdcc is started and killed with SIGKILL N times (12 by
# default) after a random 0.05-2 s (the first kills early, in the snapshot), restarting
# at once each time.  Then the workload stops and `cdcc run --once` catches up.  Checked:
#
#   * dst.public.accounts equals the source (count and md5 of the rows' text);
#   * the history holds each change once: no (id, version, op) twice, no id with two
#     deletes; and none is missing: per id the versions run without a gap from a snapshot
#     row ('S') or an insert of version 1 up to the source's version; every id alive in
#     the source has its history, with no delete; an id deleted after the snapshot (the
#     workload records deleted ids in public.deleted_ids, not captured) ends with a delete;
#   * one checkpoint row for the pipeline.
#
# Besides the random kills, CDCC_FAULT (runtime/rt.h) kills cdcc at exact places: in the
# snapshot between two chunks, with a batch sent but not committed (mid_apply), committed
# but not acknowledged to the slot (after_apply), just before a batch (before_apply), and
# with a batch loaded ahead into the loader's tables and committed there, but not applied
# (after_load_ahead).
#
# Exit status: 0 pass, 1 fail, 2 setup error, 77 skip.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
KILLS=12 SEED=$RANDOM
args=()
while [ $# -gt 0 ]; do
	case $1 in
	--kills) KILLS=$2; shift 2 ;;
	--seed) SEED=$2; shift 2 ;;
	*) args+=("$1"); shift ;;
	esac
done
rt_init crash "${args[@]}"
RANDOM=$SEED
rt_say "seed $SEED (--seed $SEED repeats the kill times), $KILLS kills"

cat >"$W/crash.cdc" <<'EOF'
pipeline crash { }

source src postgres {
  dsn       = env("SRC_DSN")
  tables    = [public.accounts]
  heartbeat = off
}

table src.public.accounts {
  id      bigint primary key
  version integer
  balance numeric(12,2)
  note    text
}

transform src.public.accounts {
  _op  = op()
  _pos = source_position()
}

target dst postgres {
  dsn = env("DST_DSN")
  batch {
    rows     = 500
    bytes    = 1MB
    interval = 200ms
  }
}

merge src.public.accounts into dst.public.accounts { }

merge src.public.accounts into dst.public.accounts_history {
  mode = append
}
EOF
rt_cdc_check "$W/crash.cdc"

NA=200000
src_in <<EOF || exit 2
CREATE TABLE accounts (id bigint PRIMARY KEY, version integer, balance numeric(12,2), note text);
CREATE TABLE deleted_ids (id bigint);
INSERT INTO accounts SELECT i, 1 + i % 3, (i % 1000000) / 100.0, 'account ' || i FROM generate_series(1, $NA) i;
EOF

rt_workload_start crash --rate 100 --accounts $NA --seed "$SEED"
sleep 0.3

# ---- the snapshot killed between two of its chunks (1MB batches: several chunks) -------------
CDCC_FAULT=snapshot_chunk:2 rt_run snapfault 60 "$W/crash.cdc"
if [ "$rt_status" -ne 137 ] || ! grep -q "fault point snapshot_chunk reached" "$W/snapfault.err"; then
	rt_fail "CDCC_FAULT=snapshot_chunk:2: cdcc did not die in the snapshot (status $rt_status)"
	rt_show_err snapfault
else
	rt_say "killed in the snapshot after its second chunk (CDCC_FAULT=snapshot_chunk:2)"
fi
n=$(dst "SELECT count(*) FROM cdcc.cdcc_checkpoints WHERE pipeline = 'crash'" 2>/dev/null)
rt_eq "checkpoints after a snapshot killed mid-way" "${n:-0}" 0

# ---- the kills --------------------------------------------------------------------------
# kills 1-3 in the snapshot (0.02-0.5 s after the slot is created: the copy starts over);
# run 4 is let commit its first batch (the snapshot) and killed 0-0.5 s later; then kills
# after 0.05-2 s, mid-stream
in_snapshot=0 after_commit=0
for k in $(seq 1 "$KILLS"); do
	ms=$((50 + RANDOM % 1951))
	rt_start "kill$k" "$W/crash.cdc"
	if [ "$k" -le 3 ]; then
		# aimed at the copy: 0.02-0.5 s after the slot is created (cdcc's info line)
		i=0
		while [ $i -lt 600 ] && kill -0 "$rt_cdcc_pid" 2>/dev/null && ! grep -q 'created replication slot' "$W/kill$k.err"; do
			sleep 0.02
			i=$((i + 1))
		done
		ms=$((20 + RANDOM % 481))
	elif [ "$k" = 4 ]; then
		i=0
		while [ $i -lt 600 ] && kill -0 "$rt_cdcc_pid" 2>/dev/null; do
			n=$(dst "SELECT count(*) FROM cdcc.cdcc_checkpoints WHERE pipeline = 'crash'" 2>/dev/null)
			[ "${n:-0}" -gt 0 ] 2>/dev/null && break
			sleep 0.05
			i=$((i + 1))
		done
		[ $i -ge 600 ] && rt_fail "run 4: no checkpoint after 30 s"
		ms=$((RANDOM % 500))
	fi
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	if ! kill -0 "$rt_cdcc_pid" 2>/dev/null; then
		rt_wait "kill$k" 1
		rt_fail "run $k: cdcc run stopped by itself (status $rt_status)"
		rt_show_err "kill$k"
		continue
	fi
	kill -9 "$rt_cdcc_pid"
	wait "$rt_cdcc_pid" 2>/dev/null
	srv_untrack "$rt_cdcc_pid"
	b=$(grep -c 'committed' "$W/kill$k.err")
	what="$b batches committed"
	if grep -q 'created replication slot' "$W/kill$k.err" && ! grep -q 'snapshot, batch' "$W/kill$k.err"; then
		in_snapshot=$((in_snapshot + 1))
		what="$what, killed in the snapshot"
	fi
	[ "$b" -gt 0 ] && after_commit=$((after_commit + 1))
	after="after ${ms} ms"
	[ "$k" -le 3 ] && after="${ms} ms after creating its slot"
	[ "$k" = 4 ] && after="${ms} ms after its first checkpoint"
	rt_say "kill $k $after: $what"
done
rt_say "$in_snapshot kills while copying a snapshot, $after_commit after committing a batch"
[ "$after_commit" -ge 3 ] || [ "$KILLS" -lt 8 ] || rt_fail "only $after_commit of the runs committed a batch before the kill: the test did not exercise restarts mid-stream"

# ---- kills at exact places (CDCC_FAULT, runtime/rt.h), still under the workload ---------------
# a batch's rows sent but not committed; committed but the slot not told; about to apply
# (after_load_ahead needs a batch to close while the one before is in flight: a target
# slowed by a statement trigger, for that run only)
dst_in <<'SQL' || { rt_say "cannot create the slowing trigger"; exit 2; }
CREATE FUNCTION public.crash_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$;
SQL
for fault in mid_apply:2 after_apply:1 after_apply:3 before_apply:2 mid_apply:1 after_load_ahead:2; do
	label="fault-${fault%%:*}-${fault##*:}"
	[ "$fault" = after_load_ahead:2 ] &&
		dst "CREATE TRIGGER crash_slow AFTER UPDATE ON public.accounts FOR EACH STATEMENT EXECUTE FUNCTION public.crash_slow()"
	CDCC_FAULT=$fault rt_run "$label" 60 "$W/crash.cdc"
	[ "$fault" = after_load_ahead:2 ] && dst "DROP TRIGGER crash_slow ON public.accounts"
	if [ "$rt_status" -ne 137 ] || ! grep -q "fault point ${fault%%:*} reached" "$W/$label.err"; then
		rt_fail "CDCC_FAULT=$fault: cdcc did not die at the fault point (status $rt_status)"
		rt_show_err "$label"
	else
		rt_say "killed at fault point $fault"
	fi
done
rt_workload_stop

# ---- catch up -------------------------------------------------------------------------------
rt_run once 180 "$W/crash.cdc" --once --stats "$W/once.stats"
rt_expect_status "run --once after the kills" 0
rt_compare public.accounts id "id, version, balance, note"

# ---- the history: every change once ----------------------------------------------------------
dst_in <<'EOF' || exit 2
CREATE SCHEMA chk;
CREATE TABLE chk.alive (id bigint PRIMARY KEY, version integer);
CREATE TABLE chk.deleted (id bigint);
EOF
src "COPY accounts (id, version) TO STDOUT" | "$PSQL" -X -q "$DST_DSN" -c "COPY chk.alive FROM STDIN" || exit 2
src "COPY deleted_ids TO STDOUT" | "$PSQL" -X -q "$DST_DSN" -c "COPY chk.deleted FROM STDIN" || exit 2

# hist_check LABEL QUERY: the query lists offending rows; FAIL with the first ones
hist_check() {
	out=$(dst "$2" 2>&1)
	if [ -n "$out" ]; then
		rt_fail "accounts_history: $1 ($(printf '%s\n' "$out" | wc -l) rows), e.g.:"
		printf '%s\n' "$out" | head -n 8 >&2
	fi
}
H=public.accounts_history
total=$(dst "SELECT count(*) FROM $H")
rt_say "accounts_history: $total rows"
hist_check "a change appended twice: (id, version, op) more than once" \
	"SELECT id, version, _op, count(*) FROM $H WHERE _op <> 'D' GROUP BY 1, 2, 3 HAVING count(*) > 1 ORDER BY 1 LIMIT 20"
hist_check "an id deleted twice" \
	"SELECT id, count(*) FROM $H WHERE _op = 'D' GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 20"
hist_check "a gap in the versions of an id (a change missing)" \
	"SELECT id, min(version), max(version), count(*) FROM $H WHERE _op <> 'D' GROUP BY 1
	 HAVING max(version) - min(version) + 1 <> count(*) ORDER BY 1 LIMIT 20"
hist_check "an id whose first row is neither a snapshot row nor an insert of version 1" \
	"SELECT * FROM (SELECT DISTINCT ON (id) id, version, _op FROM $H WHERE _op <> 'D' ORDER BY id, version) f
	 WHERE NOT (_op = 'S' OR (_op = 'I' AND version = 1)) LIMIT 20"
hist_check "an id alive in the source without history, or whose last version differs from the source's" \
	"SELECT a.id, a.version, h.v FROM chk.alive a LEFT JOIN (SELECT id, max(version) v FROM $H GROUP BY id) h USING (id)
	 WHERE h.v IS DISTINCT FROM a.version ORDER BY 1 LIMIT 20"
hist_check "a delete of an id that is alive or was never deleted" \
	"SELECT id FROM $H h WHERE _op = 'D' AND (EXISTS (SELECT FROM chk.alive a WHERE a.id = h.id)
	 OR NOT EXISTS (SELECT FROM chk.deleted d WHERE d.id = h.id)) LIMIT 20"
hist_check "an id deleted in the source after its history began, without a delete in the history" \
	"SELECT d.id FROM chk.deleted d WHERE EXISTS (SELECT FROM $H h WHERE h.id = d.id)
	 AND NOT EXISTS (SELECT FROM $H h WHERE h.id = d.id AND _op = 'D') LIMIT 20"
hist_check "an id the source never had" \
	"SELECT DISTINCT id FROM $H h WHERE NOT EXISTS (SELECT FROM chk.alive a WHERE a.id = h.id)
	 AND NOT EXISTS (SELECT FROM chk.deleted d WHERE d.id = h.id) LIMIT 20"
cp=$(dst "SELECT count(*) FROM cdcc.cdcc_checkpoints WHERE pipeline = 'crash'")
rt_eq "checkpoint rows of the pipeline" "$cp" 1

rt_done
