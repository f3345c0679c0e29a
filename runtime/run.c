/*
 * runtime/run.c — the run loop of `cdcc run` (see run.h).
 */
#include "runtime/run.h"
#include "runtime/arena.h"
#include "runtime/batch.h"
#include "runtime/buf.h"
#include "runtime/drift.h"
#include "runtime/mem.h"
#include "runtime/source.h"
#include "runtime/stage.h"
#include "runtime/target.h"

#include <errno.h>
#include <pthread.h>
#include <inttypes.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How long one poll of a source may wait when nothing comes. */
#define POLL_MS 100

/* A table's counts at some point, to go back to: the counts say what reached the targets,
 * so a transaction cut short, or a batch a target refused, is taken out of them. */
typedef struct counts {
	uint64_t  changes, fate[CDC_FATE_COUNT], step_errors;
	uint64_t *rules;
} counts;

/* The first batches of a run close at an eighth, a quarter and a half of the rows and
 * bytes limits: when a run starts behind, the target begins work after an eighth of a
 * batch instead of idling while the whole first one is read (with 100,000-row batches:
 * after 12,500 changes instead of 100,000). */
#define RAMP_BATCHES 3

/*
 * A target's batches are double-buffered: while its worker thread applies one batch (the
 * target's connection is the worker's alone meanwhile), the run loop reads the stream into
 * the other, so the source and the target work at the same time.  A batch is handed over
 * only when the one before it has committed; the sources are told a position only after
 * the batch holding it has committed.
 */
typedef struct run_target {
	cdc_target *t;
	cdc_batch   bufs[2];
	cdc_batch  *b;           /* the batch being filled */
	cdc_batch  *inflight;    /* the batch the worker applies, or NULL */
	pthread_t       worker;
	bool            started; /* the worker thread runs */
	pthread_mutex_t mu;
	pthread_cond_t  cv;
	bool            go, done, quit;   /* under mu */
	bool            result;           /* of the last apply, under mu */
	bool            chunk;            /* the in-flight batch is a chunk of the snapshot's rows */
	cdc_err         err;
	int64_t         t0;
	int64_t         since;   /* when the in-flight batch or chunk was handed over */
	int64_t         slow_us, slow_next;   /* slow_batch (0: off), and when to warn next */
	struct why_job *why;     /* the question why_slow made, on its thread, or NULL */
	counts         *pending; /* per table: the counts when the in-flight batch was handed over */
	int64_t     next_id;
	char      **committed;   /* per source: the position committed last, or NULL */
	int64_t     rows, bytes, interval_us;
	int         ramp;        /* batches closed in this run, up to RAMP_BATCHES */
	/* per route of the batch (source.h, "a table added"): */
	bool       *missing;     /* no copy of its table in the target yet: copied at its source's start */
	char      **copy_at;     /* the point its copy is as of, while the stream may still bring
	                            transactions from before it (which the copy holds), or NULL */
	int         copies_due;  /* copy_at that are not NULL */
	bool       *skip_route;  /* the current transaction's changes stay out of the route */
	bool        skipping;    /* some of skip_route is true */
} run_target;


typedef struct run {
	cdc_rt       rt;
	cdc_source **src;
	run_target  *tg;
	int          ntg;
	cdc_stage   *stages;     /* per IR table */
	char       **names;      /* per IR table: its name for the event ("schema.table") */
	bool        *staged;
	cdc_arena   *ev_arena;   /* one change's work: reset after each */
	int          cur;        /* the source delivering now */
	bool         in_txn, snapshot;   /* snapshot: the transaction is a snapshot or a copy */
	cdc_txn      kind;
	bool         skipping;   /* some target leaves some route out of the current transaction */
	bool        *skip_table; /* per IR table: every route of it is left out, in every target */
	int64_t      txn_time, txn_id;
	bool         has_txn_id;
	bool         failed;     /* a fail rule broke: the run ends with 1 */
	bool         starting;   /* a source is starting: what it commits goes to the targets at once */
	bool         target_failed;   /* a target's transaction failed: nothing more is sent */
	uint64_t     batches, quarantined_source;
	cdc_buf      scratch;
	counts      *txn_start;  /* per table: when the current transaction first touched it */
	int         *touched;    /* the tables the current transaction touched */
	int          ntouched;
	counts      *committed;  /* per table: when every target last had everything */
	int          fail_table, fail_rule;
	/* what the status line and the metrics say */
	uint64_t     retries;
	int64_t      applied_time;     /* commit time of the last source transaction committed */
	int64_t      last_status;      /* when the last status line went */
	uint64_t     changes_then;     /* the changes counted at that time */
	const char  *metrics_path;
	/* schema drift (drift.h): the compiled IR, and the one the run uses */
	cdc_drift    drift;
	const cdc_ir *base_ir;
	cdc_arena   *ir_arena;
	cdc_target  **opened;    /* per target: opened to read its column records, not yet taken */
} run;

#define STATUS_EVERY_US INT64_C(5000000)

/* slow_batch's default (compiler/options.def) */
#define SLOW_BATCH_US INT64_C(60000000)

/* A snapshot chunk: small enough that no route's rows spill to a file (CDC_BATCH_SPILL),
 * large enough that a COPY per chunk costs nothing. */
#define SNAPSHOT_CHUNK (CDC_BATCH_SPILL / 2)

static volatile int stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/* ---- counts ------------------------------------------------------------------------- */

static void
counts_save(const cdc_stage *st, counts *c)
{
	const cdc_stage_counts *n = &st->n;
	uint32_t nrules = st->table->prog->nrules;
	c->changes = n->changes;
	memcpy(c->fate, n->fate, sizeof c->fate);
	c->step_errors = n->step_errors;
	if (!c->rules)
		c->rules = cdc_mem_zalloc(((size_t)nrules + 1) * sizeof *c->rules);
	if (nrules)
		memcpy(c->rules, n->rule_broken, nrules * sizeof *c->rules);
}

static void
counts_restore(cdc_stage *st, const counts *c)
{
	cdc_stage_counts *n = &st->n;
	uint32_t nrules = st->table->prog->nrules;
	n->changes = c->changes;
	memcpy(n->fate, c->fate, sizeof c->fate);
	n->step_errors = c->step_errors;
	if (nrules)
		memcpy(n->rule_broken, c->rules, nrules * sizeof *c->rules);
}

/* to <- from (counts taken earlier), or the stage's counts now when from is NULL. */
static void
counts_copy(const counts *from, const cdc_stage *st, counts *to)
{
	if (!from) {
		counts_save(st, to);
		return;
	}
	uint32_t nrules = st->table->prog->nrules;
	to->changes = from->changes;
	memcpy(to->fate, from->fate, sizeof to->fate);
	to->step_errors = from->step_errors;
	if (!to->rules)
		to->rules = cdc_mem_zalloc(((size_t)nrules + 1) * sizeof *to->rules);
	if (nrules && from->rules)
		memcpy(to->rules, from->rules, nrules * sizeof *to->rules);
}

/* The transaction being read is cut short: its changes did not reach the targets.  The
 * change that broke a fail rule stays counted, as failed. */
static void
counts_cut(run *r)
{
	for (int i = 0; i < r->ntouched; i++) {
		int t = r->touched[i];
		counts_restore(&r->stages[t], &r->txn_start[t]);
	}
	if (r->failed && r->fail_table >= 0) {
		cdc_stage_counts *n = &r->stages[r->fail_table].n;
		n->changes++;
		n->fate[CDC_FATE_FAIL]++;
		if (r->fail_rule >= 0)
			n->rule_broken[r->fail_rule]++;
	}
	r->ntouched = 0;
}

/* ---- batches ------------------------------------------------------------------------ */

static void *
worker_main(void *arg)
{
	run_target *g = arg;
	cdc_rt_thread_quiet();
	pthread_mutex_lock(&g->mu);
	for (;;) {
		while (!g->go && !g->quit)
			pthread_cond_wait(&g->cv, &g->mu);
		if (g->quit)
			break;
		g->go = false;
		pthread_mutex_unlock(&g->mu);
		cdc_err e = {{0}, false, false};
		bool ok;
		if (g->chunk) {
			ok = g->t->ops->snapshot_rows(g->t, g->inflight, &e);
		} else {
			cdc_fault("before_apply");
			ok = g->t->ops->apply(g->t, g->inflight, &e);
			if (ok)
				cdc_fault("after_apply");
		}
		pthread_mutex_lock(&g->mu);
		g->result = ok;
		g->err = e;
		g->done = true;
		pthread_cond_broadcast(&g->cv);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

/* Every target has what is at or before the least of their committed positions: the
 * sources may let it go. */
static bool
ack_sources(run *r, cdc_err *e)
{
	const cdc_ir *ir = r->rt.ir;
	for (int s = 0; s < ir->nsources; s++) {
		if (!r->src[s])
			continue;
		const char *least = NULL;
		for (int k = 0; k < r->ntg; k++) {
			const char *c = r->tg[k].committed[s];
			if (!c) {
				least = NULL;
				break;
			}
			if (!least || r->src[s]->ops->pos_cmp(c, least) < 0)
				least = c;
		}
		if (least && !r->src[s]->ops->ack(r->src[s], least, e))
			return false;
	}
	return true;
}

/* A batch of g committed (b; `counted`: the counts as of it are in g->pending). */
static bool
committed(run *r, run_target *g, cdc_batch *b, bool counted, cdc_err *e)
{
	const cdc_ir *ir = r->rt.ir;
	g->next_id++;
	r->batches++;
	uint64_t rows = 0;
	for (int i = 0; i < b->nroutes; i++)
		rows += b->routes[i].nrows;
	const char *at = "";
	for (int s = 0; s < ir->nsources; s++)
		if (b->positions[s]) {
			cdc_mem_free(g->committed[s]);
			g->committed[s] = cdc_mem_strdup(b->positions[s]);
			at = g->committed[s];
		}
	if (b->added)
		at = b->copy_at;   /* the checkpoint stayed */
	cdc_log(&r->rt, CDC_LOG_INFO, "target %s: %s%" PRId64 " committed: %" PRIu64 " rows, %d quarantined, %s %s "
	        "(%.1f ms)", ir->targets[g->t->index].name, b->added ? "copy of new tables, batch " :
	        b->snapshot ? "snapshot, batch " : "batch ", b->id, rows, b->nquarantine, b->added ? "as of" : "at", at,
	        (double)(cdc_rt_now() - g->t0) / 1000.0);
	if (b->commit_time && !b->snapshot)
		r->applied_time = b->commit_time;
	cdc_batch_reset(b);
	for (int i = 0; i < ir->ntables; i++)
		if (r->staged[i])
			counts_copy(counted ? &g->pending[i] : NULL, &r->stages[i], &r->committed[i]);
	return ack_sources(r, e);
}

static bool
refused(run *r, const char *msg, cdc_err *e)
{
	const cdc_ir *ir = r->rt.ir;
	r->target_failed = true;
	/* nothing since the last commit reached the target */
	for (int i = 0; i < ir->ntables; i++)
		if (r->staged[i])
			counts_restore(&r->stages[i], &r->committed[i]);
	if (msg)
		snprintf(e->msg, sizeof e->msg, "%s", msg);
	return false;
}

static void status(run *r, bool force);

/* A why_slow question (target.h) on a thread of its own.  The run and the thread share
 * it, and whichever is done with it last frees it: the run never waits for a server that
 * may not answer, not even to exit. */
typedef struct why_job {
	pthread_mutex_t mu;
	int             refs;
	bool            done;
	cdc_why        *q;
	cdc_buf         msg;    /* the warning: its start, then the answer (under mu) */
} why_job;

/* why_main threads still running: the run's end waits a little for them, so that the
 * process does not exit under one that is inside libpq (or its TLS library). */
static atomic_int why_live;

static void
why_release(why_job *j)
{
	pthread_mutex_lock(&j->mu);
	bool last = --j->refs == 0;
	pthread_mutex_unlock(&j->mu);
	if (!last)
		return;
	j->q->free(j->q);
	cdc_buf_free(&j->msg);
	pthread_mutex_destroy(&j->mu);
	cdc_mem_free(j);
}

static void *
why_main(void *arg)
{
	why_job *j = arg;
	cdc_rt_thread_quiet();
	cdc_buf answer = CDC_BUF_INIT;
	cdc_err e = {{0}, false, false};
	bool ok = j->q->ask(j->q, &answer, &e);
	pthread_mutex_lock(&j->mu);
	if (ok)
		cdc_buf_puts(&j->msg, cdc_buf_str(&answer));
	else
		cdc_buf_printf(&j->msg, "cannot ask it why: %s", e.msg);
	j->done = true;
	pthread_mutex_unlock(&j->mu);
	cdc_buf_free(&answer);
	why_release(j);
	atomic_fetch_sub(&why_live, 1);
	return NULL;
}

/*
 * Target g's batch (or snapshot chunk) in flight has been applying for longer than the
 * target's slow_batch: a warning that says so and, when the target can tell, what holds
 * it up; again each time as long again.  The question goes to a thread (the target's
 * server may not answer), and the warning out when the answer is in.  The run goes on
 * waiting: a target that is slow or blocked by a lock is not an error, and giving the
 * batch up would only redo it.  `busy`: a batch is in flight.
 */
static void
watch(run *r, run_target *g, bool busy)
{
	if (g->why) {
		why_job *j = g->why;
		pthread_mutex_lock(&j->mu);
		bool done = j->done;
		pthread_mutex_unlock(&j->mu);
		if (!done)
			return;   /* one question at a time */
		cdc_log(&r->rt, CDC_LOG_WARN, "%s", cdc_buf_str(&j->msg));
		g->why = NULL;
		why_release(j);
	}
	int64_t now = cdc_rt_now();
	if (!busy || !g->slow_next || now < g->slow_next)
		return;
	g->slow_next = now + g->slow_us;
	const cdc_batch *b = g->inflight;
	double secs = (double)(now - g->since) / 1e6;
	cdc_buf m = CDC_BUF_INIT;
	cdc_buf_printf(&m, "target %s: ", r->rt.ir->targets[g->t->index].name);
	if (g->chunk)
		cdc_buf_printf(&m, "a chunk of the snapshot's rows has been loading for %.0f s", secs);
	else if (b->snapshot)
		cdc_buf_printf(&m, "the snapshot's last rows and its commit have been applying for %.0f s", secs);
	else
		cdc_buf_printf(&m, "batch %" PRId64 " (%" PRIu64 " changes) has been applying for %.0f s", b->id,
		               b->changes, secs);
	cdc_why *q = g->t->ops->why_slow ? g->t->ops->why_slow(g->t) : NULL;
	if (!q) {
		cdc_log(&r->rt, CDC_LOG_WARN, "%s", cdc_buf_str(&m));
		cdc_buf_free(&m);
		return;
	}
	why_job *j = cdc_mem_zalloc(sizeof *j);
	pthread_mutex_init(&j->mu, NULL);
	j->refs = 2;
	j->q = q;
	j->msg = m;
	cdc_buf_puts(&j->msg, "; ");
	pthread_t th;
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	atomic_fetch_add(&why_live, 1);
	if (pthread_create(&th, &a, why_main, j) != 0) {
		atomic_fetch_sub(&why_live, 1);
		cdc_buf_puts(&j->msg, "cannot ask it why: no thread for it");
		cdc_log(&r->rt, CDC_LOG_WARN, "%s", cdc_buf_str(&j->msg));
		j->refs = 1;
		why_release(j);
	} else {
		g->why = j;
	}
	pthread_attr_destroy(&a);
}

/* The in-flight batch of g: when it has committed (waiting for it if `wait`), what
 * follows from that.  False when the target refused it. */
static bool
settle(run *r, run_target *g, bool wait, cdc_err *e)
{
	bool busy = false;
	if (g->inflight) {
		pthread_mutex_lock(&g->mu);
		busy = !g->done;
		pthread_mutex_unlock(&g->mu);
	}
	watch(r, g, busy);   /* also to log an answer that came after its batch */
	if (!g->inflight)
		return true;
	pthread_mutex_lock(&g->mu);
	while (wait && !g->done) {
		/* a long batch: the sources still hear from the run every second */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		if (pthread_cond_timedwait(&g->cv, &g->mu, &until) != 0 && !g->done) {
			pthread_mutex_unlock(&g->mu);
			for (int s = 0; s < r->rt.ir->nsources; s++)
				if (r->src[s] && r->src[s]->ops->wait && !r->src[s]->ops->wait(r->src[s], e)) {
					/* the source is lost: the batch goes on; its fate is known at the end */
					cdc_log(&r->rt, CDC_LOG_WARN, "%s", e->msg);
				}
			/* the operator still hears how things stand, and why they do not move */
			status(r, false);
			watch(r, g, true);
			pthread_mutex_lock(&g->mu);
		}
	}
	bool done = g->done, ok = g->result;
	cdc_err err = g->err;
	g->done = false;
	pthread_mutex_unlock(&g->mu);
	if (!done)
		return true;
	cdc_batch *b = g->inflight;
	g->inflight = NULL;
	if (!ok) {
		*e = err;
		return refused(r, NULL, e);
	}
	if (g->chunk) {
		/* a chunk of the snapshot is in the target's open transaction, nothing more */
		g->chunk = false;
		cdc_batch_clear_rows(b);
		return true;
	}
	return committed(r, g, b, true, e);
}

/* Gives batch b (a snapshot chunk: its rows only) to g's worker; the one before it has
 * settled. */
static void
hand_over(run_target *g, cdc_batch *b, bool chunk)
{
	g->inflight = b;
	g->since = cdc_rt_now();
	g->slow_next = g->slow_us ? g->since + g->slow_us : 0;
	pthread_mutex_lock(&g->mu);
	g->chunk = chunk;
	g->done = false;
	g->go = true;
	pthread_cond_signal(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

/*
 * The snapshot's rows so far go to target g, within the snapshot's transaction: handed
 * to the worker as a chunk (after the one before it is in), so that the target loads one
 * chunk while the source's rows fill the next — as a COPY piped into a COPY does.
 */
static bool
snapshot_chunk(run *r, run_target *g, cdc_err *e)
{
	if (!g->started) {
		bool ok = g->t->ops->snapshot_rows(g->t, g->b, e);
		cdc_batch_clear_rows(g->b);
		return ok;
	}
	if (!settle(r, g, true, e))
		return false;
	cdc_batch *c = g->b == &g->bufs[0] ? &g->bufs[1] : &g->bufs[0];
	cdc_batch_take_rows(c, g->b);
	hand_over(g, c, true);
	return true;
}

/*
 * Closes target g's batch: hands it to the worker (after the one before it has
 * committed), or with `sync` waits for it to be applied.  The snapshot's last batch is
 * waited for too: the sources go on only once the snapshot has committed.
 */
static bool
flush_target(run *r, run_target *g, bool sync, cdc_err *e)
{
	cdc_batch *b = g->b;
	/* a batch in flight: the target may load this one meanwhile (target.h) */
	bool ahead = !sync && g->started && g->inflight && !b->snapshot && b->changes && g->t->ops->load_ahead;
	if (ahead && !g->t->ops->load_ahead(g->t, b, e)) {
		cdc_log(&r->rt, CDC_LOG_WARN, "%s; the batch is loaded when it is applied", e->msg);
		ahead = false;
	}
	if (!settle(r, g, true, e)) {
		if (ahead) {
			cdc_err ignored = {0};
			g->t->ops->load_ahead(g->t, NULL, &ignored);
		}
		return false;
	}
	if (cdc_batch_empty(b))
		return true;
	const cdc_ir *ir = r->rt.ir;
	b->id = g->next_id;
	g->t0 = cdc_rt_now();
	if (g->ramp < RAMP_BATCHES && !b->snapshot)
		g->ramp++;
	if ((sync || b->snapshot) && g->started) {
		/* applied by the worker all the same, while this thread waits for it in settle:
		 * the sources still hear from the run, the status line goes on, and a batch that
		 * takes long says why (watch) — the snapshot's TRUNCATE waits for every reader */
		for (int i = 0; i < ir->ntables; i++)
			if (r->staged[i])
				counts_save(&r->stages[i], &g->pending[i]);
		hand_over(g, b, false);
		return settle(r, g, true, e);
	}
	if (!g->started) {
		cdc_fault("before_apply");
		if (!g->t->ops->apply(g->t, b, e))
			return refused(r, NULL, e);
		cdc_fault("after_apply");
		return committed(r, g, b, false, e);
	}
	/* the counts as of this batch: what the target holds once it commits */
	for (int i = 0; i < ir->ntables; i++)
		if (r->staged[i])
			counts_save(&r->stages[i], &g->pending[i]);
	g->b = b == &g->bufs[0] ? &g->bufs[1] : &g->bufs[0];
	hand_over(g, b, false);
	return true;
}

static bool
flush(run *r, run_target *g, cdc_err *e)
{
	/* a source's start is waited for: what open_all does next (the
	 * next source's checkpoint, the column records) uses the target's connection */
	return flush_target(r, g, r->starting, e);
}

static bool
due(const run_target *g, int64_t now)
{
	const cdc_batch *b = g->b;
	if (cdc_batch_empty(b))
		return false;
	int shift = RAMP_BATCHES - g->ramp;
	int64_t rows = g->rows >> shift, bytes = g->bytes >> shift;
	return (int64_t)b->changes >= (rows ? rows : 1) || (int64_t)b->bytes >= (bytes ? bytes : 1) ||
	       (b->started && now - b->started >= g->interval_us);
}

/* ---- the sink ----------------------------------------------------------------------- */

/* Whether table t has a route into target g. */
static bool
routes_to(const cdc_ir_table *t, int g)
{
	for (int i = 0; i < t->nroutes; i++)
		if (t->routes[i].target == g)
			return true;
	return false;
}

/* Sets the point route k's copy in target g is as of (NULL: none, or none left to
 * matter), keeping copies_due, the number of routes that have one. */
static void
set_copy_at(run_target *g, int k, const char *at)
{
	g->copies_due += (at != NULL) - (g->copy_at[k] != NULL);
	cdc_mem_free(g->copy_at[k]);
	g->copy_at[k] = at ? cdc_mem_strdup(at) : NULL;
}

/*
 * Which routes of target g the transaction beginning at `position` leaves out.  A
 * snapshot fills every route of the source's tables, and a copy the routes that miss
 * their copy; in a source transaction, a route whose copy is as of a point after the
 * transaction's position already has the transaction's changes.  The stream goes in
 * order, so a point it has passed is forgotten.
 */
static void
skip_routes(run *r, run_target *g, cdc_txn kind, const char *position)
{
	cdc_batch *b = g->b;
	const cdc_source *s = r->src[r->cur];
	g->skipping = false;
	if (kind == CDC_TXN_CHANGES && !g->copies_due)
		return;
	bool copies = false;
	for (int i = 0; i < b->nroutes; i++) {
		bool mine = b->routes[i].table->source == r->cur;
		g->skip_route[i] = false;
		if (kind != CDC_TXN_CHANGES) {
			b->routes[i].copy = mine && (kind == CDC_TXN_SNAPSHOT || g->missing[i]);
			g->skip_route[i] = !b->routes[i].copy;
			copies |= b->routes[i].copy;
		} else if (mine && g->copy_at[i]) {
			if (s->ops->pos_cmp(position, g->copy_at[i]) >= 0)
				set_copy_at(g, i, NULL);
			else
				g->skip_route[i] = true;
		}
		g->skipping |= g->skip_route[i];
	}
	if (copies) {
		b->snapshot = true;
		b->added = kind == CDC_TXN_COPY;
	}
}

/* Table t's routes in batch b: [*from, the value returned), next to each other
 * (batch.h); none when the table does not go to b's target. */
static int
table_routes(const cdc_batch *b, int t, int *from)
{
	int i = *from = b->first[t];
	if (i < 0)
		return *from = 0;
	while (i < b->nroutes && b->routes[i].table == &b->ir->tables[t])
		i++;
	return i;
}

/* Whether target g leaves every route of table t out of the current transaction. */
static bool
skips_table(const run_target *g, int t)
{
	int i, end = table_routes(g->b, t, &i);
	if (!g->skipping || i == end)
		return false;
	for (; i < end; i++)
		if (!g->skip_route[i])
			return false;
	return true;
}

static bool
sink_begin(cdc_sink *k, cdc_txn kind, const char *position, int64_t commit_time, int64_t txid, bool has_txid,
           cdc_err *e)
{
	run *r = k->data;
	(void)e;
	r->in_txn = true;
	r->kind = kind;
	r->snapshot = kind != CDC_TXN_CHANGES;
	r->txn_time = commit_time;
	r->txn_id = txid;
	r->has_txn_id = has_txid;
	r->ntouched = 0;
	bool was = r->skipping;
	r->skipping = false;
	for (int i = 0; i < r->ntg; i++) {
		run_target *g = &r->tg[i];
		skip_routes(r, g, kind, position);
		r->skipping |= g->skipping;
		cdc_batch_mark(g->b);
	}
	if (r->skipping || was) {
		/* a table every target leaves out is not even read: no rule runs, no count moves */
		const cdc_ir *ir = r->rt.ir;
		for (int t = 0; t < ir->ntables; t++) {
			bool all = r->skipping && ir->tables[t].nroutes > 0;
			for (int i = 0; i < r->ntg && all; i++)
				all = !routes_to(&ir->tables[t], r->tg[i].t->index) || skips_table(&r->tg[i], t);
			r->skip_table[t] = all;
		}
	}
	return true;
}

static cdc_stage *
stage_of(run *r, int table)
{
	if (!r->staged[table]) {
		const cdc_ir_table *t = &r->rt.ir->tables[table];
		cdc_stage_init(&r->stages[table], t, r->ev_arena);
		r->staged[table] = true;
		if (t->schema) {
			cdc_buf n = CDC_BUF_INIT;
			cdc_buf_printf(&n, "%s.%s", t->schema, t->name);
			r->names[table] = cdc_mem_strdup(cdc_buf_str(&n));
			cdc_buf_free(&n);
		} else {
			r->names[table] = cdc_mem_strdup(t->name);
		}
		counts_save(&r->stages[table], &r->committed[table]);   /* nothing yet */
	}
	return &r->stages[table];
}

static void
quarantine(run *r, const cdc_ir_table *t, const char *rule, const char *reason, int line, int op,
           const cdc_value *row, const char *position)
{
	cdc_buf rowj = CDC_BUF_INIT, ts = CDC_BUF_INIT;
	cdc_row_json(t->cols, t->ncols, row, &rowj);
	if (r->txn_time) {
		cdc_rtype tz = {CDC_TY_TIMESTAMPTZ, 0, 0, -1};
		cdc_val_format(cdc_val_tagged(CDC_VAL_TSTZ, r->txn_time), tz, &ts);
	}
	cdc_quarantined q = {t->display, rule, reason, line, cdc_evop_name(op), position,
	                     ts.len ? cdc_buf_str(&ts) : NULL, cdc_buf_str(&rowj)};
	/* to every target the table goes to (a table that goes nowhere: to every target),
	 * but not to one whose copy of the table has the change already */
	bool anywhere = false;
	int ti = (int)(t - r->rt.ir->tables);
	for (int i = 0; i < r->ntg; i++)
		anywhere |= routes_to(t, r->tg[i].t->index);
	for (int i = 0; i < r->ntg; i++)
		if ((!anywhere || routes_to(t, r->tg[i].t->index)) && !skips_table(&r->tg[i], ti))
			cdc_batch_quarantine(r->tg[i].b, &q);
	cdc_buf_free(&rowj);
	cdc_buf_free(&ts);
}

static bool
sink_change(cdc_sink *k, int table, int op, const cdc_value *row, const cdc_value *before, const char *position,
            cdc_err *e)
{
	run *r = k->data;
	if (r->skipping && r->skip_table[table])
		return true;   /* every target has it: a copy holds it */
	const cdc_ir_table *t = &r->rt.ir->tables[table];
	cdc_stage *st = stage_of(r, table);
	bool seen = false;
	for (int i = 0; i < r->ntouched && !seen; i++)
		seen = r->touched[i] == table;
	if (!seen) {
		counts_save(st, &r->txn_start[table]);
		r->touched[r->ntouched++] = table;
	}
	cdc_event_info ev = {0};
	ev.op = op;
	ev.commit_time = r->txn_time;
	ev.position = position;
	ev.table = r->names[table];
	ev.txid = r->txn_id;
	ev.has_txid = r->has_txn_id;
	ev.before = before;
	ev.now = cdc_rt_now();
	bool ok = true;
	switch (cdc_stage_run(st, &ev, row)) {
	case CDC_FATE_APPLY:
		for (int i = 0; i < r->ntg; i++)
			for (int k2 = 0; k2 < t->nroutes; k2++) {
				run_target *g = &r->tg[i];
				cdc_batch_route *br = cdc_batch_route_of(g->b, t, &t->routes[k2]);
				if (br && !(g->skipping && g->skip_route[br - g->b->routes]))
					cdc_batch_row(g->b, br, op, st->out);
			}
		break;
	case CDC_FATE_QUARANTINE:
		quarantine(r, t, cdc_stage_rule_name(st), st->reason ? st->reason : "", (int)st->line, op, row, position);
		break;
	case CDC_FATE_FAIL:
		r->failed = true;
		r->fail_table = table;
		r->fail_rule = st->rule;
		ok = cdc_fail(e, "table %s, at %s: the %s broke rule %s (line %u): %s; the pipeline stops before this "
		              "transaction, and stops here again on every run until the rule lets the change through "
		              "(for instance `else quarantine`)", t->display, position, cdc_evop_name(op),
		              cdc_stage_rule_name(st), st->line, st->reason ? st->reason : "");
		break;
	default:
		break;   /* filtered, dropped: counted by the stage */
	}
	cdc_arena_reset(r->ev_arena);
	/* the snapshot streams into the targets in chunks (of batch.bytes, at most
	 * SNAPSHOT_CHUNK), within their open transaction */
	for (int i = 0; ok && r->snapshot && i < r->ntg; i++)
		if (r->tg[i].b->snapshot &&
		    ((int64_t)r->tg[i].b->bytes >= r->tg[i].bytes || r->tg[i].b->bytes >= SNAPSHOT_CHUNK)) {
			ok = snapshot_chunk(r, &r->tg[i], e);
			cdc_fault("snapshot_chunk");
		}
	return ok;
}

static bool
sink_reject(cdc_sink *k, int table, int op, const cdc_value *row, const char *position, const char *reason,
            cdc_err *e)
{
	run *r = k->data;
	(void)e;
	if (r->skipping && r->skip_table[table])
		return true;   /* every target has it: a copy holds it */
	const cdc_ir_table *t = &r->rt.ir->tables[table];
	cdc_log(&r->rt, CDC_LOG_WARN, "table %s, at %s: quarantined: %s", t->display, position, reason);
	quarantine(r, t, "source", reason, 0, op, row, position);
	r->quarantined_source++;
	return true;
}

static bool
sink_commit(cdc_sink *k, const char *position, cdc_err *e)
{
	run *r = k->data;
	cdc_source *s = r->src[r->cur];
	r->in_txn = false;
	r->ntouched = 0;
	int64_t now = cdc_rt_now();
	for (int i = 0; i < r->ntg; i++) {
		run_target *g = &r->tg[i];
		const char *have = g->committed[r->cur], *at = position;
		if (r->kind != CDC_TXN_CHANGES && g->b->snapshot) {
			/* the routes copied: recorded with the batch (cdcc_copies); a copy leaves the
			 * checkpoint where it is, and the stream's transactions from before its point
			 * stay out of the routes it filled */
			cdc_batch *b = g->b;
			b->copy_at = cdc_arena_strdup(b->arena, position);
			for (int k2 = 0; k2 < b->nroutes; k2++) {
				if (!b->routes[k2].copy)
					continue;
				g->missing[k2] = false;
				set_copy_at(g, k2, position);
			}
			/* (a target new to the pipeline has no checkpoint to keep: the copy's point is
			 * its first, and the stream's transactions up to it are in the copy) */
			if (r->kind == CDC_TXN_COPY && have)
				at = have;
		} else if (r->kind == CDC_TXN_COPY) {
			cdc_batch_rewind(g->b);   /* this target misses none of the tables copied */
			continue;
		}
		if (r->kind == CDC_TXN_CHANGES && have && s->ops->pos_cmp(position, have) <= 0) {
			cdc_batch_rewind(g->b);   /* this target has it already */
			continue;
		}
		cdc_batch_position(g->b, r->cur, at);
		if (!g->b->started)
			g->b->started = now;
		if (r->txn_time)
			g->b->commit_time = r->txn_time;
		/* the snapshot, and the start of a stream without one, commit at once: a run that
		 * stops before its first batch must not find its start gone */
		if (r->snapshot || r->starting) {
			if (!flush(r, g, e))
				return false;
		} else if (due(g, now) && !flush(r, g, e)) {
			return false;
		}
	}
	r->snapshot = false;
	return true;
}

static bool
sink_missing(cdc_sink *k, int table)
{
	run *r = k->data;
	for (int i = 0; i < r->ntg; i++) {
		const run_target *g = &r->tg[i];
		int k2, end = table_routes(g->b, table, &k2);
		for (; k2 < end; k2++)
			if (g->missing[k2])
				return true;
	}
	return false;
}

/* ---- counts ------------------------------------------------------------------------- */

static void
write_stats(run *r, const char *path)
{
	const cdc_ir *ir = r->rt.ir;
	cdc_buf j = CDC_BUF_INIT;
	cdc_buf_printf(&j, "{\"batches\": %" PRIu64 ", \"tables\": {", r->batches);
	bool first = true;
	for (int i = 0; i < ir->ntables; i++) {
		const cdc_ir_table *t = &ir->tables[i];
		cdc_stage_counts zero = {0}, *n = r->staged[i] ? &r->stages[i].n : &zero;
		cdc_buf_printf(&j, "%s\n  ", first ? "" : ",");
		first = false;
		cdc_buf_json_string(&j, t->display, strlen(t->display));
		cdc_buf_printf(&j, ": {\"changes\": %" PRIu64 ", \"applied\": %" PRIu64 ", \"filtered\": %" PRIu64
		               ", \"dropped\": %" PRIu64 ", \"quarantined\": %" PRIu64 ", \"failed\": %" PRIu64
		               ", \"rules\": {", n->changes, n->fate[CDC_FATE_APPLY], n->fate[CDC_FATE_FILTER],
		               n->fate[CDC_FATE_DROP], n->fate[CDC_FATE_QUARANTINE], n->fate[CDC_FATE_FAIL]);
		for (uint32_t k = 0; k < t->prog->nrules; k++) {
			if (k)
				cdc_buf_puts(&j, ", ");
			cdc_buf_json_string(&j, t->prog->rules[k].name, strlen(t->prog->rules[k].name));
			cdc_buf_printf(&j, ": %" PRIu64, n->rule_broken ? n->rule_broken[k] : 0);
		}
		cdc_buf_puts(&j, "}}");
	}
	cdc_buf_printf(&j, "%s}, \"quarantined_by_source\": %" PRIu64 "}\n", first ? "" : "\n", r->quarantined_source);
	FILE *f = fopen(path, "w");
	if (!f || fwrite(j.data, 1, j.len, f) != j.len || fclose(f) != 0)
		cdc_log(&r->rt, CDC_LOG_ERROR, "cannot write the counts to %s: %s", path, strerror(errno));
	cdc_buf_free(&j);
}

static void
summary(run *r)
{
	const cdc_ir *ir = r->rt.ir;
	for (int i = 0; i < ir->ntables; i++) {
		if (!r->staged[i])
			continue;
		const cdc_stage_counts *n = &r->stages[i].n;
		cdc_log(&r->rt, CDC_LOG_INFO, "%s: %" PRIu64 " changes: %" PRIu64 " applied, %" PRIu64 " filtered, %" PRIu64
		        " dropped, %" PRIu64 " quarantined, %" PRIu64 " failed", ir->tables[i].display, n->changes,
		        n->fate[CDC_FATE_APPLY], n->fate[CDC_FATE_FILTER], n->fate[CDC_FATE_DROP],
		        n->fate[CDC_FATE_QUARANTINE], n->fate[CDC_FATE_FAIL]);
	}
}

/* ---- the status line and the metrics ----------------------------------------------- */

typedef struct totals {
	uint64_t changes, fate[CDC_FATE_COUNT];
	int64_t  lag_bytes;     /* summed over the sources; -1 unknown */
	double   lag_seconds;
} totals;

static void
sum_up(run *r, totals *t)
{
	const cdc_ir *ir = r->rt.ir;
	memset(t, 0, sizeof *t);
	for (int i = 0; i < ir->ntables; i++)
		if (r->staged[i]) {
			t->changes += r->stages[i].n.changes;
			for (int f = 0; f < CDC_FATE_COUNT; f++)
				t->fate[f] += r->stages[i].n.fate[f];
		}
	t->lag_bytes = -1;
	for (int s = 0; s < ir->nsources; s++) {
		int64_t b = r->src[s] && r->src[s]->ops->lag_bytes ? r->src[s]->ops->lag_bytes(r->src[s]) : -1;
		if (b >= 0)
			t->lag_bytes = (t->lag_bytes < 0 ? 0 : t->lag_bytes) + b;
	}
	/* how old the newest change in the targets is, while there is more to apply */
	bool pending = r->in_txn;
	for (int k = 0; k < r->ntg; k++)
		pending |= !cdc_batch_empty(r->tg[k].b) || r->tg[k].inflight;
	if (pending && r->applied_time)
		t->lag_seconds = (double)(cdc_rt_now() - r->applied_time) / 1e6;
	if (t->lag_seconds < 0)
		t->lag_seconds = 0;
}

static void
metric_label(cdc_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			cdc_buf_putc(b, '\\');
		if (*s == '\n')
			cdc_buf_puts(b, "\\n");
		else
			cdc_buf_putc(b, *s);
	}
}

/* The metrics in Prometheus' text format, written to a temporary name and renamed, so a
 * reader (node_exporter's textfile collector) never sees half a file. */
static void
write_metrics(run *r, const totals *t)
{
	const cdc_ir *ir = r->rt.ir;
	static const char *const fates[] = {"applied", "filtered", "dropped", "quarantined", "failed"};
	cdc_buf m = CDC_BUF_INIT;
	cdc_buf_puts(&m, "# HELP cdcc_changes_total Changes of a table by fate (while the run goes on, the batch being applied included).\n"
	                 "# TYPE cdcc_changes_total counter\n");
	for (int i = 0; i < ir->ntables; i++)
		for (int f = 0; f < CDC_FATE_COUNT; f++) {
			cdc_buf_puts(&m, "cdcc_changes_total{pipeline=\"");
			metric_label(&m, ir->pipeline);
			cdc_buf_puts(&m, "\",table=\"");
			metric_label(&m, ir->tables[i].display);
			cdc_buf_printf(&m, "\",fate=\"%s\"} %" PRIu64 "\n", fates[f],
			               r->staged[i] ? r->stages[i].n.fate[f] : 0);
		}
	cdc_buf_puts(&m, "# HELP cdcc_rule_broken_total Changes that broke a quality rule.\n"
	                 "# TYPE cdcc_rule_broken_total counter\n");
	for (int i = 0; i < ir->ntables; i++)
		for (uint32_t k = 0; k < ir->tables[i].prog->nrules; k++) {
			cdc_buf_puts(&m, "cdcc_rule_broken_total{pipeline=\"");
			metric_label(&m, ir->pipeline);
			cdc_buf_puts(&m, "\",table=\"");
			metric_label(&m, ir->tables[i].display);
			cdc_buf_puts(&m, "\",rule=\"");
			metric_label(&m, ir->tables[i].prog->rules[k].name);
			cdc_buf_printf(&m, "\"} %" PRIu64 "\n", r->staged[i] ? r->stages[i].n.rule_broken[k] : 0);
		}
	cdc_buf_printf(&m, "# HELP cdcc_batches_total Batches committed in the targets.\n"
	                   "# TYPE cdcc_batches_total counter\ncdcc_batches_total{pipeline=\"");
	metric_label(&m, ir->pipeline);
	cdc_buf_printf(&m, "\"} %" PRIu64 "\n", r->batches);
	cdc_buf_printf(&m, "# HELP cdcc_retries_total Connections lost or refused, and tried again.\n"
	                   "# TYPE cdcc_retries_total counter\ncdcc_retries_total{pipeline=\"");
	metric_label(&m, ir->pipeline);
	cdc_buf_printf(&m, "\"} %" PRIu64 "\n", r->retries);
	cdc_buf_printf(&m, "# HELP cdcc_lag_bytes Source log not yet committed in every target.\n"
	                   "# TYPE cdcc_lag_bytes gauge\ncdcc_lag_bytes{pipeline=\"");
	metric_label(&m, ir->pipeline);
	cdc_buf_printf(&m, "\"} %" PRId64 "\n", t->lag_bytes < 0 ? 0 : t->lag_bytes);
	cdc_buf_printf(&m, "# HELP cdcc_lag_seconds Age of the newest change in the targets while more is pending.\n"
	                   "# TYPE cdcc_lag_seconds gauge\ncdcc_lag_seconds{pipeline=\"");
	metric_label(&m, ir->pipeline);
	cdc_buf_printf(&m, "\"} %.3f\n", t->lag_seconds);
	cdc_buf_puts(&m, "# HELP cdcc_batch_seconds How long the batch in flight in a target has been applying (0: none).\n"
	                 "# TYPE cdcc_batch_seconds gauge\n");
	int64_t now = cdc_rt_now();
	for (int k = 0; k < ir->ntargets; k++) {
		/* r->tg holds the targets open in this attempt, in the plan's order */
		const run_target *g = k < r->ntg ? &r->tg[k] : NULL;
		cdc_buf_puts(&m, "cdcc_batch_seconds{pipeline=\"");
		metric_label(&m, ir->pipeline);
		cdc_buf_puts(&m, "\",target=\"");
		metric_label(&m, ir->targets[k].name);
		cdc_buf_printf(&m, "\"} %.3f\n", g && g->inflight ? (double)(now - g->since) / 1e6 : 0.0);
	}
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", r->metrics_path);
	FILE *f = fopen(tmp, "w");
	bool ok = f && fwrite(m.data, 1, m.len, f) == m.len;
	if (f)
		ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, r->metrics_path) != 0)
		cdc_log(&r->rt, CDC_LOG_WARN, "cannot write the metrics to %s: %s", r->metrics_path, strerror(errno));
	cdc_buf_free(&m);
}

/* Every 5 s: a status line (info) and the metrics file. */
static void
status(run *r, bool force)
{
	int64_t now = cdc_rt_now();
	if (!force && now - r->last_status < STATUS_EVERY_US)
		return;
	totals t;
	sum_up(r, &t);
	if (r->last_status && !force) {
		double secs = (double)(now - r->last_status) / 1e6;
		char lag[64] = "unknown";
		if (t.lag_bytes >= 0)
			snprintf(lag, sizeof lag, "%.1f MB", (double)t.lag_bytes / 1048576.0);
		cdc_log(&r->rt, CDC_LOG_INFO, "status: %.0f changes/s, lag %s / %.1f s, %" PRIu64 " batches, %" PRIu64
		        " applied, %" PRIu64 " quarantined, %" PRIu64 " dropped, %" PRIu64 " filtered, %" PRIu64 " retries",
		        (double)(t.changes - r->changes_then) / secs, lag, t.lag_seconds, r->batches,
		        t.fate[CDC_FATE_APPLY], t.fate[CDC_FATE_QUARANTINE], t.fate[CDC_FATE_DROP], t.fate[CDC_FATE_FILTER],
		        r->retries);
	}
	r->last_status = now;
	r->changes_then = t.changes;
	if (r->metrics_path)
		write_metrics(r, &t);
}

/* ---- the loop ----------------------------------------------------------------------- */

/* Opens targets and sources, reads the checkpoints and starts the sources. */
/* Writes the column records still to be written (drift.h) to every open target. */
static bool
save_columns(run *r, cdc_err *e)
{
	if (!cdc_drift_dirty(&r->drift))
		return true;
	for (int i = 0; i < r->ntg; i++)
		if (!r->tg[i].t->ops->save_columns(r->tg[i].t, &r->drift, e))
			return false;
	cdc_drift_clean(&r->drift);
	return true;
}

/* Closes the targets drift_ir opened that open_all did not take. */
static void
close_opened(run *r)
{
	for (int i = 0; i < r->base_ir->ntargets; i++)
		if (r->opened[i]) {
			r->opened[i]->ops->close(r->opened[i]);
			r->opened[i] = NULL;
		}
}

/*
 * The IR of this attempt: the targets' column records are read (and what the last
 * attempt decided is written, adding columns to the target tables), and the compiled IR
 * grows by the columns the targets added.  The targets opened for this stay open for
 * open_all (r->opened) unless the IR grew: they prepared their SQL from the compiled one.
 */
static bool
drift_ir(run *r, cdc_err *e)
{
	const cdc_ir *ir = r->base_ir;
	bool ok = true;
	r->rt.ir = ir;
	cdc_drift_forget(&r->drift);
	for (int i = 0; i < ir->ntargets && ok; i++) {
		const cdc_target_ops *ops = cdc_target_kind(ir->targets[i].kind);
		ok = (r->opened[i] = ops->open(&r->rt, i, e)) != NULL && ops->load_columns(r->opened[i], &r->drift, e);
	}
	/* a target new to a table the others have records of takes theirs (and the columns
	 * they added, into its tables) before anything is copied into it */
	for (int i = 0; i < ir->ntargets && ok; i++)
		for (int t = 0; t < ir->ntables; t++) {
			bool to = false, adds = false;
			for (int k = 0; k < ir->tables[t].nroutes; k++)
				if (ir->tables[t].routes[k].target == i) {
					to = true;
					adds |= ir->tables[t].routes[k].drift == CDC_IR_DRIFT_ADD;
				}
			if (to)
				cdc_drift_adopt(&r->drift, i, t, adds);
		}
	for (int i = 0; i < ir->ntargets && ok; i++)
		ok = r->opened[i]->ops->save_columns(r->opened[i], &r->drift, e);
	if (!ok) {
		close_opened(r);
		return false;
	}
	cdc_drift_clean(&r->drift);
	cdc_arena_reset(r->ir_arena);
	const char *why = NULL;
	const cdc_ir *grown = cdc_drift_ir(r->ir_arena, ir, &r->drift, &why);
	if (grown != ir)
		close_opened(r);
	if (!grown)
		return cdc_fail(e, "the target's column records (cdcc_columns) hold a type cdcc does not read: %s", why);
	r->rt.ir = grown;
	for (int t = 0; t < ir->ntables; t++)
		if (r->staged[t])
			cdc_stage_retable(&r->stages[t], &grown->tables[t]);
	return true;
}

static bool
open_all(run *r, cdc_sink *k, cdc_err *e)
{
	const cdc_ir *ir = r->rt.ir;
	for (int i = 0; i < ir->ntargets; i++) {
		const cdc_target_ops *ops = cdc_target_kind(ir->targets[i].kind);
		if (!ops)
			return cdc_fail(e, "target %s: cdcc run cannot write to %s targets yet (postgres only in this version)",
			                ir->targets[i].name, ir->targets[i].kind);
	}
	for (int i = 0; i < ir->nsources; i++)
		if (!cdc_source_kind(ir->sources[i].kind))
			return cdc_fail(e, "source %s: cdcc run cannot read %s sources yet (postgres only in this version)",
			                ir->sources[i].name, ir->sources[i].kind);
	if (!drift_ir(r, e))
		return false;
	ir = r->rt.ir;
	for (int i = 0; i < ir->ntargets; i++) {
		run_target *g = &r->tg[r->ntg];
		const cdc_target_ops *ops = cdc_target_kind(ir->targets[i].kind);
		g->t = r->opened[i] ? r->opened[i] : ops->open(&r->rt, i, e);
		r->opened[i] = NULL;
		if (!g->t)
			return false;
		r->ntg++;
		cdc_batch_init(&g->bufs[0], ir, i, ops->dialect);
		cdc_batch_init(&g->bufs[1], ir, i, ops->dialect);
		g->b = &g->bufs[0];
		g->pending = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *g->pending);
		pthread_mutex_init(&g->mu, NULL);
		pthread_cond_init(&g->cv, NULL);
		/* the worker applies batches while the run reads the stream */
		g->started = pthread_create(&g->worker, NULL, worker_main, g) == 0;
		if (!g->started)
			cdc_log(&r->rt, CDC_LOG_WARN, "target %s: no worker thread (%s): batches are applied in turn",
			        ir->targets[i].name, strerror(errno));
		g->committed = cdc_mem_zalloc(((size_t)ir->nsources + 1) * sizeof *g->committed);
		g->rows = cdc_batch_limit(&ir->targets[i], "rows", 50000);
		g->bytes = cdc_batch_limit(&ir->targets[i], "bytes", INT64_C(64) << 20);
		g->interval_us = cdc_batch_limit(&ir->targets[i], "interval", INT64_C(10000000));
		const cdc_ir_opt *slow = cdc_ir_opt_get(&ir->targets[i].opts, "slow_batch");
		g->slow_us = !slow ? SLOW_BATCH_US : slow->kind == CDC_IRV_INT && slow->num > 0 ? slow->num : 0;
		if (!ops->next_batch(g->t, &g->next_id, e))
			return false;
		int nr = g->b->nroutes;
		g->missing = cdc_mem_zalloc(((size_t)nr + 1) * sizeof *g->missing);
		g->copy_at = cdc_mem_zalloc(((size_t)nr + 1) * sizeof *g->copy_at);
		g->skip_route = cdc_mem_zalloc(((size_t)nr + 1) * sizeof *g->skip_route);
		if (!ops->copies(g->t, g->copy_at, e))
			return false;
		for (int k2 = 0; k2 < nr; k2++) {
			g->missing[k2] = !g->copy_at[k2];
			g->copies_due += g->copy_at[k2] != NULL;
		}
	}
	for (int s = 0; s < ir->nsources; s++) {
		/* resume after the least of the targets' checkpoints; each target skips what it has */
		const cdc_source_ops *ops = cdc_source_kind(ir->sources[s].kind);
		const char *resume = NULL;
		cdc_buf missing = CDC_BUF_INIT;
		for (int i = 0; i < r->ntg; i++) {
			run_target *g = &r->tg[i];
			bool found;
			if (!g->t->ops->checkpoint(g->t, ir->sources[s].name, &r->scratch, &found, e)) {
				cdc_buf_free(&missing);
				return false;
			}
			if (found) {
				g->committed[s] = cdc_mem_strdup(cdc_buf_str(&r->scratch));
				if (!resume || ops->pos_cmp(g->committed[s], resume) < 0)
					resume = g->committed[s];
				continue;
			}
			/* A target without a checkpoint of the source (one added to the pipeline, or
			 * whose checkpoint was deleted to copy it again) holds nothing of it that can
			 * be trusted, whatever its copy records say: every route of the source's
			 * tables into it is copied, and the copy gives it its first checkpoint. */
			cdc_buf_printf(&missing, "%s%s", missing.len ? ", " : "", ir->targets[g->t->index].name);
			for (int k2 = 0; k2 < g->b->nroutes; k2++) {
				if (g->b->routes[k2].table->source != s)
					continue;
				set_copy_at(g, k2, NULL);
				g->missing[k2] = true;
			}
		}
		if (resume)
			cdc_log(&r->rt, CDC_LOG_INFO, "source %s: resuming after %s%s%s%s", ir->sources[s].name, resume,
			        missing.len ? "; no checkpoint of it in target " : "", cdc_buf_str(&missing),
			        missing.len ? ": its tables are copied there first" : "");
		cdc_buf_free(&missing);
		if (!(r->src[s] = ops->open(&r->rt, s, e)))
			return false;
		r->cur = s;
		r->starting = true;
		bool ok = r->src[s]->ops->start(r->src[s], resume, k, e);
		r->starting = false;
		/* a table's first run records its columns */
		if (!ok || !save_columns(r, e))
			return false;
	}
	return true;
}

/* After an error or a stop: the transactions that completed go in; a cut one does not. */
static bool
finish(run *r, cdc_err *e)
{
	bool ok = true;
	if (r->in_txn || r->snapshot || r->failed)
		counts_cut(r);
	for (int i = 0; i < r->ntg; i++) {
		run_target *g = &r->tg[i];
		if (r->in_txn || r->snapshot)
			cdc_batch_rewind(g->b);
		if (g->b->snapshot) {
			ok = ok && settle(r, g, true, e);
			continue;   /* an unfinished snapshot is never committed */
		}
		ok = ok && flush_target(r, g, true, e);
	}
	return ok;
}

/* Closes the sources and the targets (after their workers finish), for the end of the
 * run or before a retry. */
static void
close_all(run *r)
{
	const cdc_ir *ir = r->rt.ir;
	close_opened(r);
	for (int s = 0; s < ir->nsources; s++)
		if (r->src[s]) {
			r->src[s]->ops->close(r->src[s]);
			r->src[s] = NULL;
		}
	for (int i = 0; i < r->ntg; i++) {
		run_target *g = &r->tg[i];
		if (g->started) {
			/* after an error a batch may still be in flight: let it end first */
			pthread_mutex_lock(&g->mu);
			while (g->inflight && !g->done)
				pthread_cond_wait(&g->cv, &g->mu);
			g->quit = true;
			pthread_cond_signal(&g->cv);
			pthread_mutex_unlock(&g->mu);
			pthread_join(g->worker, NULL);
		}
		pthread_mutex_destroy(&g->mu);
		pthread_cond_destroy(&g->cv);
		if (g->why) {
			/* an answer still to come is not waited for: its thread frees it */
			watch(r, g, false);
			if (g->why)
				why_release(g->why);
		}
		g->t->ops->close(g->t);
		for (int k = 0; g->copy_at && k < g->bufs[0].nroutes; k++)
			cdc_mem_free(g->copy_at[k]);
		cdc_mem_free(g->copy_at);
		cdc_mem_free(g->missing);
		cdc_mem_free(g->skip_route);
		cdc_batch_free(&g->bufs[0]);
		cdc_batch_free(&g->bufs[1]);
		for (int t = 0; t < ir->ntables; t++)
			cdc_mem_free(g->pending[t].rules);
		cdc_mem_free(g->pending);
		for (int s = 0; s < ir->nsources; s++)
			cdc_mem_free(g->committed[s]);
		cdc_mem_free(g->committed);
		memset(g, 0, sizeof *g);
	}
	r->ntg = 0;
	r->in_txn = r->snapshot = r->starting = r->target_failed = r->skipping = false;
	r->ntouched = 0;
}

/* One attempt: open everything, run until stopped, caught up or an error, and apply what
 * completed.  *stopped: a signal ended it. */
static bool
attempt(run *r, cdc_sink *k, const cdc_run_opts *o, bool *stopped, cdc_err *e)
{
	bool ok = open_all(r, k, e);
	const cdc_ir *ir = r->rt.ir;   /* open_all may grow it (drift.h) */
	bool *caught = cdc_mem_zalloc(((size_t)ir->nsources + 1) * sizeof *caught);
	while (ok && !stop_flag) {
		bool all = true;
		for (int s = 0; s < ir->nsources && ok; s++) {
			r->cur = s;
			cdc_poll p;
			/* a transaction in progress is read to its end before another source speaks */
			do
				p = r->src[s]->ops->poll(r->src[s], POLL_MS, k, e);
			while (p != CDC_POLL_ERROR && r->in_txn && !stop_flag);
			if (p == CDC_POLL_ERROR)
				ok = false;
			caught[s] |= p == CDC_POLL_CAUGHT_UP;
			all &= caught[s];
		}
		int64_t now = cdc_rt_now();
		for (int i = 0; i < r->ntg && ok; i++) {
			ok = settle(r, &r->tg[i], false, e);
			if (ok && !r->in_txn && due(&r->tg[i], now))
				ok = flush(r, &r->tg[i], e);
		}
		if (ok)
			status(r, false);
		if (ok && o->once && all)
			break;
	}
	cdc_mem_free(caught);
	if (stop_flag) {
		*stopped = true;
		cdc_log(&r->rt, CDC_LOG_INFO, "stopping: applying what is batched");
	}
	/* what completed goes in — after a source's error or a fail rule too, but not after
	 * a target's error (its transaction rolled back; the next attempt redoes it) */
	cdc_err e2 = {{0}, false, false};
	if (r->ntg == ir->ntargets && !r->target_failed && !finish(r, &e2)) {
		if (ok)
			*e = e2;
		ok = false;
	}
	return ok;
}

/* Sleeps about ms milliseconds, less when a signal asks the run to stop. */
static void
pause_ms(int64_t ms)
{
	for (int64_t t = 0; t < ms && !stop_flag; t += 100) {
		struct timespec ts = {0, 100 * 1000000L};
		nanosleep(&ts, NULL);
	}
}

int
cdc_run(const cdc_ir *ir, const cdc_run_opts *o)
{
	run r;
	memset(&r, 0, sizeof r);
	r.rt.ir = ir;
	r.rt.dir = o->dir;
	r.rt.once = o->once;
	r.rt.log_level = o->log_level;
	r.rt.log_json = o->log_json;
	r.rt.tty = isatty(STDERR_FILENO);
	r.metrics_path = o->metrics_path;
	r.rt.stop = &stop_flag;
	r.src = cdc_mem_zalloc(((size_t)ir->nsources + 1) * sizeof *r.src);
	r.tg = cdc_mem_zalloc(((size_t)ir->ntargets + 1) * sizeof *r.tg);
	r.stages = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *r.stages);
	r.staged = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *r.staged);
	r.names = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *r.names);
	r.ev_arena = cdc_arena_new("event");
	r.txn_start = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *r.txn_start);
	r.committed = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *r.committed);
	r.touched = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *r.touched);
	r.skip_table = cdc_mem_zalloc(((size_t)ir->ntables + 1) * sizeof *r.skip_table);
	r.fail_table = r.fail_rule = -1;
	r.base_ir = ir;
	r.opened = cdc_mem_zalloc(((size_t)ir->ntargets + 1) * sizeof *r.opened);
	r.ir_arena = cdc_arena_new("run IR");
	cdc_drift_init(&r.drift);
	r.rt.drift = &r.drift;
	cdc_sink k = {&r, sink_begin, sink_change, sink_reject, sink_commit, sink_missing};

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	cdc_fault("");   /* reads CDCC_FAULT now, before the workers start */
	srand((unsigned)cdc_rt_now());

	/*
	 * A lost or refused connection (a server restart, a failover, the network) is waited
	 * out: everything is closed — what was read and not committed is dropped, nothing is
	 * held meanwhile — and opened again after 1 s, 2 s, 4 s ... up to a minute (with
	 * jitter), resuming from the targets' checkpoints.  --once does not wait: it exits 1.
	 */
	cdc_err e = {{0}, false, false};
	bool stopped = false, ok;
	int64_t backoff_ms = 1000;
	char last_drift[sizeof e.msg] = "";
	for (;;) {
		uint64_t before = r.batches;
		e = (cdc_err){{0}, false, false};
		ok = attempt(&r, &k, o, &stopped, &e);
		close_all(&r);
		if (!ok && e.drift && !stopped && !r.failed) {
			/* a source table's columns changed: the next attempt records it (and adds the
			 * column to the targets), and reads again from the checkpoints */
			if (r.batches == before && strcmp(e.msg, last_drift) == 0) {
				cdc_fail(&e, "%s; and again after it was recorded: giving up", last_drift);
				break;
			}
			snprintf(last_drift, sizeof last_drift, "%s", e.msg);
			for (int i = 0; i < ir->ntables; i++)
				if (r.staged[i])
					counts_restore(&r.stages[i], &r.committed[i]);
			cdc_log(&r.rt, CDC_LOG_WARN, "%s; reading again from the checkpoints", e.msg);
			continue;
		}
		if (ok || stopped || !e.retry || o->once || r.failed)
			break;
		/* the counts say what reached the targets: the rest will be read again */
		for (int i = 0; i < ir->ntables; i++)
			if (r.staged[i])
				counts_restore(&r.stages[i], &r.committed[i]);
		if (r.batches > before)
			backoff_ms = 1000;   /* it worked for a while: start the waits over */
		int64_t wait = backoff_ms * (80 + rand() % 41) / 100;
		r.retries++;
		if (r.metrics_path)
			status(&r, true);
		cdc_log(&r.rt, CDC_LOG_WARN, "%s; trying again in %.1f s", e.msg, (double)wait / 1000.0);
		pause_ms(wait);
		if (stop_flag) {
			stopped = true;
			ok = true;
			break;
		}
		backoff_ms = backoff_ms * 2 > 60000 ? 60000 : backoff_ms * 2;
	}
	int rc = ok ? 0 : 1;
	if (!ok) {
		if (stopped && !r.failed && strstr(e.msg, "stopped during the snapshot"))
			rc = 0, cdc_log(&r.rt, CDC_LOG_INFO, "%s; nothing of it was committed: the next run starts it again", e.msg);
		else
			cdc_log(&r.rt, CDC_LOG_ERROR, "%s", e.msg);
	}
	if (r.metrics_path)
		status(&r, true);
	summary(&r);
	if (o->stats_path)
		write_stats(&r, o->stats_path);
	for (int i = 0; i < ir->ntables; i++)
		if (r.staged[i]) {
			cdc_stage_release(&r.stages[i]);
			cdc_mem_free(r.names[i]);
		}
	cdc_mem_free(r.names);
	for (int i = 0; i < ir->ntables; i++) {
		cdc_mem_free(r.txn_start[i].rules);
		cdc_mem_free(r.committed[i].rules);
	}
	cdc_mem_free(r.txn_start);
	cdc_mem_free(r.committed);
	cdc_mem_free(r.touched);
	cdc_mem_free(r.skip_table);
	cdc_mem_free(r.src);
	cdc_mem_free(r.tg);
	cdc_mem_free(r.stages);
	cdc_mem_free(r.staged);
	cdc_arena_free(r.ev_arena);
	cdc_arena_free(r.ir_arena);
	cdc_mem_free(r.opened);
	cdc_drift_free(&r.drift);
	cdc_buf_free(&r.scratch);
	/* a question to a target may still be out (its server hangs): 2 s for it at most */
	for (int i = 0; i < 200 && atomic_load(&why_live) > 0; i++) {
		struct timespec ts = {0, 10 * 1000000L};
		nanosleep(&ts, NULL);
	}
	return rc;
}
