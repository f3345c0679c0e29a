/*
 * bench/decode_bench.c — the halves of `cdcc run` PostgreSQL -> PostgreSQL timed on their
 * own, for bench/pg_figures.sh:
 *
 *   decode_bench decode PIPELINE.cdc RESUME   changes/s of the source alone
 *   decode_bench stage  PIPELINE.cdc RESUME   the same, through the stage and the batch
 *   decode_bench apply  PIPELINE.cdc RESUME   changes/s of the target alone
 *
 * cdcc has no decode-only or apply-only mode, so this program drives the runtime's own
 * pieces the way runtime/run.c does, with the pipeline compiled in-process as `cdcc run`
 * compiles it (decode_bench_ir.c: parse, sema, lowering).  The pipeline's
 * first source must be a postgres source whose `slot` option names an existing pgoutput
 * slot — in the benchmark, a copy of a slot made before the workload — and RESUME its
 * confirmed position: the source then streams from there without a snapshot (as a run
 * resuming after its checkpoint does) and stops, as --once does, at the server's WAL
 * position when it started.
 *
 * decode  cdc_pg_source: START_REPLICATION with pgoutput, each message parsed, each
 *         column read as the pipeline declares it (exact numeric, timestamptz, ...) into
 *         cdc_value rows, delivered to a sink that counts them.  Nothing else.
 * stage   decode, then what the run loop does with each change before a target sees
 *         it: the table's stage (its VM program; rules and transforms, if any) and the
 *         staged row in the target's text format (cdc_batch_row), the batch emptied at
 *         the target's rows/bytes limit.  No target is opened.
 * apply   first, untimed: decode + stage into batches closed at the target's rows and
 *         bytes limits at transaction ends, as the run loop closes them (the interval
 *         limit is left out: it depends on how fast this phase goes), all kept (their
 *         staged rows spill to temporary files past 4 MB, as in cdcc).  Then the target
 *         is opened (connection, CREATE ... IF NOT EXISTS), and only what follows is
 *         timed: cdc_pg_target's apply of every batch in turn (one MERGE over the
 *         collapse, checkpoint, COMMIT: one transaction each), each batch's rows loaded
 *         ahead (the loader's COPY into its stage tables) while the batch before it is
 *         merged, as `cdcc run` does while a batch is in flight; the first batch loads
 *         its rows itself (stage table, COPY).  In `cdcc run` the target's worker thread
 *         does exactly this while the loop decodes the next batch.
 *
 * Prints one line of `key=value` for the script: the changes seen, by operation, and
 * `seconds`, wall clock (CLOCK_MONOTONIC): for decode and stage from opening the source
 * to closing it, for apply the batches' apply alone (decode_seconds: the untimed
 * phase).  Not a test: timings are never judged here.
 */
#include "config.h"

#include "compiler/ir.h"
#include "runtime/arena.h"
#include "runtime/batch.h"
#include "runtime/drift.h"
#include "runtime/mem.h"
#include "runtime/rt.h"
#include "runtime/source.h"
#include "runtime/stage.h"
#include "runtime/target.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum mode { DECODE, STAGE, APPLY };

typedef struct bench {
	enum mode     mode;
	const cdc_ir *ir;
	cdc_rt        rt;
	/* counts */
	uint64_t      ops[4], txns;
	/* stage and apply */
	cdc_stage    *stages;       /* per IR table */
	bool         *staged;
	char        **names;        /* per IR table: "schema.table", the event's table */
	cdc_arena    *ev_arena;
	int64_t       txn_time, txn_id;
	bool          has_txn_id;
	int           target;       /* the target whose batches are built */
	cdc_dialect   dialect;
	int64_t       rows, bytes;  /* its batch limits */
	cdc_batch    *b;            /* the batch being filled */
	cdc_batch   **done;         /* apply: closed batches, in order */
	int           ndone, capdone;
} bench;

static double
seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* bench/decode_bench_ir.c: the pipeline's IR, compiled as `cdcc run` compiles a .cdc
 * file; NULL after printing why. */
cdc_ir *decode_bench_compile(const char *path);

static cdc_batch *
new_batch(bench *x)
{
	cdc_batch *b = cdc_mem_zalloc(sizeof *b);
	cdc_batch_init(b, x->ir, x->target, x->dialect);
	return b;
}

/* ---- the sink ----------------------------------------------------------------------- */

static bool
sink_begin(cdc_sink *k, cdc_txn kind, const char *position, int64_t commit_time, int64_t txid, bool has_txid,
           cdc_err *e)
{
	bench *x = k->data;
	(void)position;
	if (kind != CDC_TXN_CHANGES)
		return cdc_fail(e, "the source took a snapshot: RESUME must be the slot's confirmed position");
	x->txn_time = commit_time;
	x->txn_id = txid;
	x->has_txn_id = has_txid;
	if (x->mode != DECODE)
		cdc_batch_mark(x->b);
	return true;
}

static bool
sink_change(cdc_sink *k, int table, int op, const cdc_value *row, const cdc_value *before, const char *position,
            cdc_err *e)
{
	bench *x = k->data;
	x->ops[op]++;
	if (x->mode == DECODE)
		return true;
	/* as run.c's sink_change: the stage, then the row staged for every route into the target */
	const cdc_ir_table *t = &x->ir->tables[table];
	cdc_stage *st = &x->stages[table];
	if (!x->staged[table]) {
		cdc_stage_init(st, t, x->ev_arena);
		size_t n = strlen(t->name) + (t->schema ? strlen(t->schema) + 1 : 0) + 1;
		x->names[table] = cdc_mem_alloc(n);
		if (t->schema)
			snprintf(x->names[table], n, "%s.%s", t->schema, t->name);
		else
			snprintf(x->names[table], n, "%s", t->name);
		x->staged[table] = true;
	}
	cdc_event_info ev = {0};
	ev.op = op;
	ev.commit_time = x->txn_time;
	ev.position = position;
	ev.table = x->names[table];
	ev.txid = x->txn_id;
	ev.has_txid = x->has_txn_id;
	ev.before = before;
	ev.now = cdc_rt_now();
	cdc_fate f = cdc_stage_run(st, &ev, row);
	if (f == CDC_FATE_APPLY) {
		for (int r = 0; r < t->nroutes; r++) {
			cdc_batch_route *br = cdc_batch_route_of(x->b, t, &t->routes[r]);
			if (br)
				cdc_batch_row(x->b, br, op, st->out);
		}
	} else if (f != CDC_FATE_FILTER && f != CDC_FATE_DROP) {
		cdc_arena_reset(x->ev_arena);
		return cdc_fail(e, "table %s, at %s: the change was %s; the benchmark's pipeline has no rules that "
		                "quarantine or fail", t->display, position, cdc_fate_name(f));
	}
	cdc_arena_reset(x->ev_arena);
	return true;
}

static bool
sink_reject(cdc_sink *k, int table, int op, const cdc_value *row, const char *position, const char *reason,
            cdc_err *e)
{
	(void)k, (void)table, (void)op, (void)row;
	return cdc_fail(e, "at %s: the source rejected a change: %s", position, reason);
}

/* the bench's tables are all the slot has: none is new to it */
static bool
sink_missing(cdc_sink *k, int table)
{
	(void)k;
	(void)table;
	return false;
}

static bool
sink_commit(cdc_sink *k, const char *position, cdc_err *e)
{
	bench *x = k->data;
	(void)e;
	x->txns++;
	if (x->mode == DECODE)
		return true;
	cdc_batch *b = x->b;
	cdc_batch_position(b, 0, position);   /* the one source streamed */
	if (!b->started)
		b->started = cdc_rt_now();
	if (x->txn_time)
		b->commit_time = x->txn_time;
	/* the run loop closes a batch at a transaction's end once it reaches a limit */
	if ((int64_t)b->changes < x->rows && (int64_t)b->bytes < x->bytes)
		return true;
	if (x->mode == STAGE) {
		cdc_batch_reset(b);
		return true;
	}
	if (x->ndone == x->capdone) {
		x->capdone = x->capdone ? 2 * x->capdone : 16;
		x->done = cdc_mem_realloc(x->done, (size_t)x->capdone * sizeof *x->done);
	}
	x->done[x->ndone++] = b;
	x->b = new_batch(x);
	return true;
}

/* ---- the run ------------------------------------------------------------------------ */

/* Streams the first source from `resume` to the server's position at its start. */
static bool
stream(bench *x, const char *resume, cdc_err *e)
{
	const cdc_ir_source *src = &x->ir->sources[0];
	const cdc_source_ops *ops = cdc_source_kind(src->kind);
	if (!ops)
		return cdc_fail(e, "source %s: cdcc run cannot read %s sources", src->name, src->kind);
	cdc_sink k = {x, sink_begin, sink_change, sink_reject, sink_commit, sink_missing};
	cdc_source *s = ops->open(&x->rt, 0, e);
	if (!s)
		return false;
	bool ok = s->ops->start(s, resume, &k, e);
	cdc_poll p = CDC_POLL_DATA;
	while (ok && p != CDC_POLL_CAUGHT_UP) {
		p = s->ops->poll(s, 100, &k, e);
		ok = p != CDC_POLL_ERROR;
	}
	s->ops->close(s);   /* the slot is not told anything: the copy is dropped afterwards */
	return ok;
}

static int
usage(void)
{
	fputs("usage: decode_bench decode|stage|apply PIPELINE.cdc RESUME\n"
	      "  RESUME: the confirmed position of the slot the pipeline's source names (slot option)\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	if (argc != 4)
		return usage();
	bench x;
	memset(&x, 0, sizeof x);
	if (strcmp(argv[1], "decode") == 0)
		x.mode = DECODE;
	else if (strcmp(argv[1], "stage") == 0)
		x.mode = STAGE;
	else if (strcmp(argv[1], "apply") == 0)
		x.mode = APPLY;
	else
		return usage();
	const char *resume = argv[3];
	cdc_drift drift;   /* the columns the targets record (drift.h), as run.c keeps them */
	cdc_drift_init(&drift);
	cdc_ir *ir = decode_bench_compile(argv[2]);
	if (!ir)
		return 2;
	if (ir->nsources < 1 || ir->ntargets < 1 || ir->ntables < 1) {
		fprintf(stderr, "decode_bench: the pipeline needs a source, a table and a target\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	x.ir = ir;
	x.rt.ir = ir;
	x.rt.dir = ".";
	x.rt.once = true;   /* the source stops at the server's position when it started */
	x.rt.log_level = CDC_LOG_WARN;
	x.rt.drift = &drift;
	x.target = 0;
	const cdc_target_ops *tops = cdc_target_kind(ir->targets[0].kind);
	if (x.mode != DECODE && !tops) {
		fprintf(stderr, "decode_bench: cdcc run cannot write %s targets\n", ir->targets[0].kind);
		return 2;
	}
	x.dialect = tops ? tops->dialect : CDC_DIALECT_POSTGRES;
	/* the run loop's defaults (runtime/run.c) */
	x.rows = cdc_batch_limit(&ir->targets[0], "rows", 50000);
	x.bytes = cdc_batch_limit(&ir->targets[0], "bytes", INT64_C(64) << 20);
	x.stages = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *x.stages);
	x.staged = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *x.staged);
	x.names = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *x.names);
	x.ev_arena = cdc_arena_new("event");
	if (x.mode != DECODE)
		x.b = new_batch(&x);

	cdc_err e;
	memset(&e, 0, sizeof e);
	double t0 = seconds();
	bool ok = stream(&x, resume, &e);
	double t1 = seconds();
	if (!ok) {
		fprintf(stderr, "decode_bench: %s\n", e.msg);
		return 1;
	}
	uint64_t changes = x.ops[CDC_EVOP_INSERT] + x.ops[CDC_EVOP_UPDATE] + x.ops[CDC_EVOP_DELETE];
	if (x.mode != APPLY) {
		printf("mode=%s changes=%" PRIu64 " inserts=%" PRIu64 " updates=%" PRIu64 " deletes=%" PRIu64
		       " txns=%" PRIu64 " seconds=%.3f\n", argv[1], changes, x.ops[CDC_EVOP_INSERT], x.ops[CDC_EVOP_UPDATE],
		       x.ops[CDC_EVOP_DELETE], x.txns, t1 - t0);
		return 0;
	}

	/* apply: the last batch closes at the end, as the run's last flush does */
	if (!cdc_batch_empty(x.b)) {
		if (x.ndone == x.capdone)
			x.done = cdc_mem_realloc(x.done, ((size_t)x.capdone + 1) * sizeof *x.done);
		x.done[x.ndone++] = x.b;
		x.b = NULL;
	}
	/* as run.c starts: the target's column records read and written (drift.h) */
	cdc_target *t = tops->open(&x.rt, 0, &e);
	int64_t id = 0;
	ok = t && t->ops->load_columns(t, &drift, &e) && t->ops->save_columns(t, &drift, &e) &&
	     t->ops->next_batch(t, &id, &e);
	double a0 = seconds(), slowest = 0;
	for (int i = 0; ok && i < x.ndone; i++) {
		double b0 = seconds();
		x.done[i]->id = id++;
		/* as run.c does while a batch is in flight: the next one is loaded meanwhile */
		if (i + 1 < x.ndone && t->ops->load_ahead)
			ok = t->ops->load_ahead(t, x.done[i + 1], &e);
		ok = ok && t->ops->apply(t, x.done[i], &e);
		double took = seconds() - b0;
		if (took > slowest)
			slowest = took;
	}
	double a1 = seconds();
	if (t)
		t->ops->close(t);
	if (!ok) {
		fprintf(stderr, "decode_bench: %s\n", e.msg);
		return 1;
	}
	printf("mode=apply changes=%" PRIu64 " inserts=%" PRIu64 " updates=%" PRIu64 " deletes=%" PRIu64 " txns=%" PRIu64
	       " batches=%d decode_seconds=%.3f seconds=%.3f slowest_batch=%.3f\n", changes, x.ops[CDC_EVOP_INSERT],
	       x.ops[CDC_EVOP_UPDATE], x.ops[CDC_EVOP_DELETE], x.txns, x.ndone, t1 - t0, a1 - a0, slowest);
	for (int i = 0; i < x.ndone; i++) {
		cdc_batch_free(x.done[i]);
		cdc_mem_free(x.done[i]);
	}
	cdc_mem_free(x.done);
	for (int i = 0; i < ir->ntables; i++)
		if (x.staged[i]) {
			cdc_stage_release(&x.stages[i]);
			cdc_mem_free(x.names[i]);
		}
	cdc_mem_free(x.stages);
	cdc_mem_free(x.staged);
	cdc_mem_free(x.names);
	cdc_arena_free(x.ev_arena);
	cdc_drift_free(&drift);
	return 0;
}
