/*
 * runtime/pg_target.c — PostgreSQL targets.
 *
 * At open: one connection, the tables created if missing (the DDL `cdcc ddl --dialect
 * postgres` prints), and per route the statements of a batch in both forms and of the
 * snapshot (compiler/sql.h).  A batch is one transaction: per route with rows, the stage
 * table, COPY FROM STDIN of the staged rows, the collapse, deletes and MERGE; then the
 * quarantined changes and the checkpoint of every source, and COMMIT.  The snapshot
 * opens its transaction first, empties the merge tables, and COPYs its rows into them
 * in chunks as they come; its commit writes the checkpoint of the consistent point.
 *
 * Loading ahead (load_ahead): while this connection applies one batch, a second one (the
 * loader, on a thread of its own) COPYs the next batch's rows into stage tables of its
 * own, regular unlogged tables in the runtime schema, and commits them; the next apply
 * then only merges from there.  The server parses one batch's rows while it merges the
 * one before, on another core.  Two sets of those tables take turns: the loader fills
 * one while the apply reads the other.  What the loader committed is only ever read by
 * the apply of the batch it was loaded for, and the next load empties the set first, so
 * rows left by a crash or a failed apply are never applied.
 */
#include "runtime/target.h"
#include "runtime/drift.h"
#include "runtime/hmap.h"
#include "runtime/mem.h"
#include "runtime/pgconn.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct pg_route {
	const cdc_ir_table *table;             /* the source table */
	char   *name;                          /* the target table, as cdcc_copies names it */
	cdc_buf stage[2], load[2], apply[2];   /* [0] general form, [1] one-sort form */
	cdc_buf snap_stage, snap_load;
	/* loaded ahead, per set of stage tables: create (once), empty, load and apply */
	cdc_buf ahead_create[2], ahead_empty[2], ahead_load[2][2], ahead_apply[2][2];
} pg_route;

/* A set of the loader's stage tables: which batch it holds, and how its load went. */
typedef enum { SET_FREE, SET_LOADING, SET_LOADED, SET_FAILED, SET_APPLYING } set_state;

typedef struct pg_loader {
	PGconn          *c;
	int              pid;              /* its backend's, for why_slow */
	char             what[300];        /* "target dw (loader)", for its errors */
	pthread_t        thread;
	bool             started;
	pthread_mutex_t  mu;               /* the rest, between the loader and the others */
	pthread_cond_t   cv;
	const cdc_batch *job;              /* to be loaded next, into set job_set, or NULL */
	int              job_set;
	bool             quit;
	const cdc_batch *batch[2];         /* per set: the batch it holds or is loading */
	uint64_t         changes[2], bytes[2];   /* the batch's, when the load began */
	set_state        state[2];
	cdc_err          err[2];           /* of a failed load */
	bool             broken;           /* a load failed since the last load_ahead */
	cdc_err          broke;            /* that load's error */
	int64_t          resume_at;        /* no loading ahead before (cdc_rt_now), after a failure */
	int              failures;         /* in a row: the pause doubles with each */
} pg_loader;

/* A failed load costs its batch nothing (it is loaded when it is applied), and the loader
 * rests: LOADER_PAUSE_US after the first failure, doubling up to LOADER_PAUSE_MAX_US.  Its
 * session waits at most LOADER_LOCK_TIMEOUT for a lock: its TRUNCATE needs its tables to
 * itself, and a session that reads them (pg_dump, for the whole dump) must not hold the
 * pipeline back. */
#define LOADER_PAUSE_US     INT64_C(5000000)
#define LOADER_PAUSE_MAX_US INT64_C(300000000)
#define LOADER_LOCK_TIMEOUT "1s"

typedef struct pg_target {
	cdc_target       base;
	const cdc_rt    *rt;
	PGconn          *c;
	char             what[256];       /* "target dw" */
	pg_route        *routes;          /* as the batch's routes: every route into the target, in plan order */
	int              nroutes;
	cdc_buf          quarantine_sql, checkpoint_sql, read_checkpoint_sql, next_batch_sql;
	cdc_buf          read_columns_sql, write_column_sql;
	cdc_buf          read_copies_sql, write_copy_sql, forget_copy_sql, keep_copy_sql;
	cdc_buf          has_column_sql;
	bool             in_snapshot;
	int              copying;         /* the route whose snapshot COPY is open across chunks, or -1 */
	cdc_buf          dsn;             /* for the loader's and why_slow's connections */
	int              pid;             /* of the session's backend, for why_slow */
	pg_loader        ld;
} pg_target;

static void
free_route(pg_route *r)
{
	for (int f = 0; f < 2; f++) {
		cdc_buf_free(&r->stage[f]);
		cdc_buf_free(&r->load[f]);
		cdc_buf_free(&r->apply[f]);
	}
	cdc_buf_free(&r->snap_stage);
	cdc_buf_free(&r->snap_load);
	cdc_mem_free(r->name);
	for (int k = 0; k < 2; k++) {
		cdc_buf_free(&r->ahead_create[k]);
		cdc_buf_free(&r->ahead_empty[k]);
		for (int f = 0; f < 2; f++) {
			cdc_buf_free(&r->ahead_load[k][f]);
			cdc_buf_free(&r->ahead_apply[k][f]);
		}
	}
}

static void loader_stop(pg_target *t);

static void
pg_close(cdc_target *base)
{
	pg_target *t = (pg_target *)base;
	if (!t)
		return;
	loader_stop(t);
	pthread_mutex_destroy(&t->ld.mu);
	pthread_cond_destroy(&t->ld.cv);
	PQfinish(t->c);
	cdc_buf_free(&t->dsn);
	for (int i = 0; i < t->nroutes; i++)
		free_route(&t->routes[i]);
	cdc_mem_free(t->routes);
	cdc_buf_free(&t->quarantine_sql);
	cdc_buf_free(&t->checkpoint_sql);
	cdc_buf_free(&t->read_checkpoint_sql);
	cdc_buf_free(&t->next_batch_sql);
	cdc_buf_free(&t->read_columns_sql);
	cdc_buf_free(&t->write_column_sql);
	cdc_buf_free(&t->read_copies_sql);
	cdc_buf_free(&t->write_copy_sql);
	cdc_buf_free(&t->forget_copy_sql);
	cdc_buf_free(&t->keep_copy_sql);
	cdc_buf_free(&t->has_column_sql);
	cdc_mem_free(t);
}

/* b becomes "schema"."name" (or "name" without a schema), quoted for PostgreSQL. */
static const char *
qname(cdc_buf *b, const char *schema, const char *name)
{
	cdc_buf_truncate(b, 0);
	if (schema) {
		cdc_sql_ident(b, CDC_DIALECT_POSTGRES, schema);
		cdc_buf_putc(b, '.');
	}
	cdc_sql_ident(b, CDC_DIALECT_POSTGRES, name);
	return cdc_buf_str(b);
}

/* The SQL of the target, prepared once. */
static bool
prepare(pg_target *t, cdc_err *e)
{
	const cdc_ir *ir = t->rt->ir;
	int ti = t->base.index;
	cdc_buf errors = CDC_BUF_INIT;
	bool ok = true;
	for (int i = 0; i < ir->ntables; i++)
		for (int k = 0; k < ir->tables[i].nroutes; k++)
			t->nroutes += ir->tables[i].routes[k].target == ti;
	t->routes = cdc_mem_zalloc(((size_t)t->nroutes + 1) * sizeof *t->routes);
	const char *schema = cdc_ir_opt_get(&ir->targets[ti].opts, "schema")
	                   ? cdc_ir_opt_get(&ir->targets[ti].opts, "schema")->str : "cdcc";
	/* the loader's tables: named by the pipeline (its first 24 characters) and a hash
	 * of the pipeline's and the target's names, so that the pipelines that share a
	 * target's database, each with its loader, never meet */
	cdc_buf q = CDC_BUF_INIT;
	cdc_buf_printf(&q, "%s\n%s", ir->pipeline, ir->targets[ti].name);
	uint32_t h = cdc_hmap_hash(cdc_buf_str(&q));
	int n = 0;
	for (int i = 0; i < ir->ntables && ok; i++)
		for (int k = 0; k < ir->tables[i].nroutes && ok; k++) {
			const cdc_ir_route *r = &ir->tables[i].routes[k];
			if (r->target != ti)
				continue;
			pg_route *pr = &t->routes[n++];
			cdc_buf rn = CDC_BUF_INIT;
			cdc_buf_printf(&rn, "%s%s%s", r->schema ? r->schema : "", r->schema ? "." : "", r->name);
			pr->table = &ir->tables[i];
			pr->name = cdc_mem_strdup(cdc_buf_str(&rn));
			cdc_buf_free(&rn);
			for (int f = 0; f < 2; f++) {
				cdc_sql_parts parts = {&pr->stage[f], &pr->load[f], &pr->apply[f]};
				ok &= cdc_sql_route_batch(CDC_DIALECT_POSTGRES, ir, &ir->tables[i], r, f == 1, &parts, &errors);
			}
			for (int set = 0; set < 2; set++) {
				char name[64];
				snprintf(name, sizeof name, "cdcc_ahead_%.24s_%08" PRIx32 "_%d_%c", ir->pipeline, h, n - 1, "ab"[set]);
				for (int f = 0; f < 2; f++) {
					cdc_buf create = CDC_BUF_INIT;
					cdc_sql_parts parts = {&create, &pr->ahead_load[set][f], &pr->ahead_apply[set][f]};
					ok &= cdc_sql_route_ahead(CDC_DIALECT_POSTGRES, ir, &ir->tables[i], r, f == 1, schema, name,
					                          &parts, &errors);
					if (f == 0)
						cdc_buf_puts(&pr->ahead_create[set], cdc_buf_str(&create));
					cdc_buf_free(&create);
				}
				cdc_buf_printf(&pr->ahead_empty[set], "TRUNCATE %s", qname(&q, schema, name));
			}
			cdc_sql_parts snap = {&pr->snap_stage, &pr->snap_load, NULL};
			ok &= cdc_sql_route_snapshot(CDC_DIALECT_POSTGRES, ir, &ir->tables[i], r, &snap, &errors);
		}
	cdc_sql_parts writes = {&t->quarantine_sql, &t->checkpoint_sql, NULL};
	ok = ok && cdc_sql_target_writes(CDC_DIALECT_POSTGRES, ir, ti, &writes, &errors);
	if (!ok)
		cdc_fail(e, "%s: %s", t->what, cdc_buf_str(&errors));
	cdc_buf_free(&errors);

	/* reading the checkpoint and the last batch id: the runtime tables' names */
	qname(&q, schema, "cdcc_checkpoints");
	cdc_buf_printf(&t->read_checkpoint_sql, "SELECT \"position\" FROM %s WHERE \"pipeline\" = $1 AND \"source\" = $2",
	               cdc_buf_str(&q));
	cdc_buf_printf(&t->next_batch_sql, "SELECT coalesce(max(\"batch_id\"), 0) + 1 FROM %s WHERE \"pipeline\" = $1",
	               cdc_buf_str(&q));
	qname(&q, schema, "cdcc_columns");
	cdc_buf_printf(&t->read_columns_sql, "SELECT \"table_name\", \"column_name\", \"type\", \"state\", \"missing\" "
	               "FROM %s WHERE \"pipeline\" = $1 ORDER BY \"seq\"", cdc_buf_str(&q));
	cdc_buf_printf(&t->write_column_sql, "INSERT INTO %s (\"pipeline\", \"table_name\", \"column_name\", \"type\", "
	               "\"state\", \"missing\") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (\"pipeline\", \"table_name\", "
	               "\"column_name\") DO UPDATE SET \"type\" = EXCLUDED.\"type\", \"state\" = EXCLUDED.\"state\", "
	               "\"missing\" = EXCLUDED.\"missing\", \"recorded_at\" = now()", cdc_buf_str(&q));
	qname(&q, schema, "cdcc_copies");
	cdc_buf_puts(&t->has_column_sql, "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 "
	             "AND NOT attisdropped");
	cdc_buf_printf(&t->read_copies_sql, "SELECT \"table_name\", \"target_table\", \"position\" FROM %s WHERE "
	               "\"pipeline\" = $1", cdc_buf_str(&q));
	cdc_buf_printf(&t->write_copy_sql, "INSERT INTO %s (\"pipeline\", \"table_name\", \"target_table\", "
	               "\"position\", \"batch_id\") VALUES ($1, $2, $3, $4, $5) ON CONFLICT (\"pipeline\", \"table_name\", "
	               "\"target_table\") DO UPDATE SET \"position\" = EXCLUDED.\"position\", \"batch_id\" = "
	               "EXCLUDED.\"batch_id\", \"copied_at\" = now()", cdc_buf_str(&q));
	cdc_buf_printf(&t->forget_copy_sql, "DELETE FROM %s WHERE \"pipeline\" = $1 AND \"table_name\" = $2 AND "
	               "\"target_table\" = $3", cdc_buf_str(&q));
	cdc_buf copies = CDC_BUF_INIT;
	cdc_buf_puts(&copies, cdc_buf_str(&q));
	qname(&q, schema, "cdcc_checkpoints");
	cdc_buf_printf(&t->keep_copy_sql, "INSERT INTO %s (\"pipeline\", \"table_name\", \"target_table\", \"position\", "
	               "\"batch_id\") SELECT $1, $2, $3, \"position\", \"batch_id\" FROM %s WHERE \"pipeline\" = $1 AND "
	               "\"source\" = $4 RETURNING \"position\"", cdc_buf_str(&copies), cdc_buf_str(&q));
	cdc_buf_free(&copies);
	cdc_buf_free(&q);
	return ok;
}

static cdc_target *
pg_open(const cdc_rt *rt, int index, cdc_err *e)
{
	const cdc_ir_target *tg = &rt->ir->targets[index];
	pg_target *t = cdc_mem_zalloc(sizeof *t);
	t->base.ops = &cdc_pg_target;
	t->base.index = index;
	t->rt = rt;
	t->copying = -1;
	pthread_mutex_init(&t->ld.mu, NULL);
	pthread_cond_init(&t->ld.cv, NULL);
	snprintf(t->what, sizeof t->what, "target %s", tg->name);
	cdc_buf dsn = CDC_BUF_INIT, ddl = CDC_BUF_INIT, errors = CDC_BUF_INIT;
	bool ok = cdc_rt_option(rt, &tg->opts, "dsn", t->what, &dsn, e) != NULL && prepare(t, e);
	if (ok)
		ok = (t->c = cdc_pg_connect(cdc_buf_str(&dsn), CDC_PG_WRITE, t->what, e)) != NULL;
	if (ok) {
		cdc_buf_puts(&t->dsn, cdc_buf_str(&dsn));
		t->pid = PQbackendPID(t->c);
	}
	if (ok) {
		/* the tables, as `cdcc ddl --dialect postgres --target NAME` prints them */
		cdc_sql_opts o = {tg->name, NULL, false, false};
		ok = cdc_sql_emit(&ddl, CDC_DIALECT_POSTGRES, rt->ir, &o, &errors);
		if (!ok)
			cdc_fail(e, "%s: %s", t->what, cdc_buf_str(&errors));
		else
			ok = cdc_pg_exec(t->c, cdc_buf_str(&ddl), t->what, e);
	}
	cdc_buf_free(&dsn);
	cdc_buf_free(&ddl);
	cdc_buf_free(&errors);
	if (!ok) {
		pg_close(&t->base);
		return NULL;
	}
	return &t->base;
}

static bool
pg_checkpoint(cdc_target *base, const char *source, cdc_buf *position, bool *found, cdc_err *e)
{
	pg_target *t = (pg_target *)base;
	const char *params[] = {t->rt->ir->pipeline, source};
	PGresult *r;
	if (!cdc_pg_query(t->c, cdc_buf_str(&t->read_checkpoint_sql), 2, params, &r, t->what, e))
		return false;
	*found = PQntuples(r) == 1;
	cdc_buf_truncate(position, 0);
	if (*found)
		cdc_buf_puts(position, PQgetvalue(r, 0, 0));
	PQclear(r);
	return true;
}

/* The quarantined changes and the checkpoints: the end of every batch. */
static bool
writes(pg_target *t, const cdc_batch *b, cdc_err *e)
{
	for (int i = 0; i < b->nquarantine; i++) {
		const cdc_quarantined *q = &b->quarantine[i];
		char line[16];
		snprintf(line, sizeof line, "%d", q->line);
		const char *params[] = {t->rt->ir->pipeline, q->table, q->rule, q->reason, q->line ? line : NULL, q->op,
		                        q->position, q->commit_time, q->row};
		if (!cdc_pg_query(t->c, cdc_buf_str(&t->quarantine_sql), 9, params, NULL, t->what, e))
			return false;
	}
	char id[32];
	snprintf(id, sizeof id, "%" PRId64, b->id);
	for (int i = 0; b->snapshot && b->copy_at && i < b->nroutes; i++) {
		if (!b->routes[i].copy)
			continue;
		const char *params[] = {t->rt->ir->pipeline, t->routes[i].table->display, t->routes[i].name, b->copy_at, id};
		if (!cdc_pg_query(t->c, cdc_buf_str(&t->write_copy_sql), 5, params, NULL, t->what, e))
			return false;
	}
	for (int s = 0; s < t->rt->ir->nsources; s++) {
		if (!b->positions[s])
			continue;
		const char *params[] = {t->rt->ir->pipeline, t->rt->ir->sources[s].name, b->positions[s], id};
		if (!cdc_pg_query(t->c, cdc_buf_str(&t->checkpoint_sql), 4, params, NULL, t->what, e))
			return false;
	}
	return true;
}

/* Ends the snapshot's open COPY, if any; `why`: abandon it with that message. */
static bool
end_copy(pg_target *t, const char *why, cdc_err *e)
{
	if (t->copying < 0)
		return true;
	t->copying = -1;
	if (!why)
		return cdc_pg_copy_end(t->c, t->what, e);
	PQputCopyEnd(t->c, why);
	PGresult *r;
	while ((r = PQgetResult(t->c)) != NULL)
		PQclear(r);
	return false;
}

static bool
rollback(pg_target *t, bool ok)
{
	if (!ok)
		end_copy(t, "cdcc: the snapshot stopped", NULL);
	if (!ok && PQtransactionStatus(t->c) != PQTRANS_IDLE) {
		PGresult *r = PQexec(t->c, "ROLLBACK");
		PQclear(r);
	}
	if (!ok)
		t->in_snapshot = false;
	return ok;
}

/* COPY of a route's staged rows, which may be partly in its spill file. */
typedef struct copy_ctx {
	const char *what;   /* "target dw", or "target dw (loader)" */
	cdc_err    *e;
	PGconn     *c;      /* the target's connection, or the loader's */
} copy_ctx;

static bool
copy_piece(const char *data, size_t n, void *arg)
{
	copy_ctx *x = arg;
	return cdc_pg_copy_put(x->c, data, n, x->what, x->e);
}

static bool
copy_route(PGconn *c, const char *what, const char *sql, const cdc_batch_route *br, cdc_err *e)
{
	copy_ctx x = {what, e, c};
	if (!cdc_pg_copy_begin(c, sql, what, e))
		return false;
	e->msg[0] = '\0';
	if (!cdc_batch_route_each(br, copy_piece, &x)) {
		if (!e->msg[0]) {
			/* the spill file could not be read back: end the COPY, fail the batch */
			PQputCopyEnd(c, "cdcc could not read its spill file");
			PGresult *r;
			while ((r = PQgetResult(c)) != NULL)
				PQclear(r);
			cdc_fail(e, "%s: cannot read back the batch's rows from the temporary file", what);
		}
		return false;
	}
	return cdc_pg_copy_end(c, what, e);
}

/* ---- loading ahead ------------------------------------------------------------------ */

/* The loader's work: batch b's rows into set k's tables, in one transaction of the
 * loader's connection, each table emptied first. */
static bool
load_set(pg_target *t, const cdc_batch *b, int k, cdc_err *e)
{
	PGconn *c = t->ld.c;
	bool ok = cdc_pg_exec(c, "BEGIN", t->ld.what, e);
	for (int i = 0; i < b->nroutes && ok; i++) {
		const cdc_batch_route *br = &b->routes[i];
		if (!br->nrows)
			continue;
		const pg_route *pr = &t->routes[i];
		ok = cdc_pg_exec(c, cdc_buf_str(&pr->ahead_empty[k]), t->ld.what, e) &&
		     copy_route(c, t->ld.what, cdc_buf_str(&pr->ahead_load[k][br->partial ? 0 : 1]), br, e);
	}
	ok = ok && cdc_pg_exec(c, "COMMIT", t->ld.what, e);
	if (ok)
		cdc_fault("after_load_ahead");   /* loaded and committed, not applied */
	if (!ok && PQtransactionStatus(c) != PQTRANS_IDLE) {
		PGresult *r = PQexec(c, "ROLLBACK");
		PQclear(r);
	}
	return ok;
}

static void *
loader_main(void *arg)
{
	pg_target *t = arg;
	pg_loader *ld = &t->ld;
	cdc_rt_thread_quiet();
	pthread_mutex_lock(&ld->mu);
	for (;;) {
		while (!ld->job && !ld->quit)
			pthread_cond_wait(&ld->cv, &ld->mu);
		if (ld->quit)
			break;
		const cdc_batch *b = ld->job;
		int k = ld->job_set;
		ld->job = NULL;
		pthread_mutex_unlock(&ld->mu);
		cdc_err e = {0};
		bool ok = load_set(t, b, k, &e);
		pthread_mutex_lock(&ld->mu);
		ld->state[k] = ok ? SET_LOADED : SET_FAILED;
		ld->err[k] = e;
		pthread_cond_broadcast(&ld->cv);
	}
	pthread_mutex_unlock(&ld->mu);
	return NULL;
}

/* The loader's connection, its tables and its thread, the first time a batch is loaded
 * ahead: a target whose batches never overlap never opens a second session. */
static bool
loader_start(pg_target *t, cdc_err *e)
{
	pg_loader *ld = &t->ld;
	const char *what = ld->what;
	snprintf(ld->what, sizeof ld->what, "%s (loader)", t->what);
	if (!ld->c && !(ld->c = cdc_pg_connect(cdc_buf_str(&t->dsn), CDC_PG_WRITE, what, e)))
		return false;
	ld->pid = PQbackendPID(ld->c);
	/* told apart from the target's own session in pg_stat_activity */
	bool ok = cdc_pg_exec(ld->c, "SET application_name = 'cdcc loader'", what, e) &&
	          cdc_pg_exec(ld->c, "SET lock_timeout = '" LOADER_LOCK_TIMEOUT "'", what, e);
	for (int i = 0; i < t->nroutes && ok; i++)
		for (int k = 0; k < 2 && ok; k++)
			ok = cdc_pg_exec(ld->c, cdc_buf_str(&t->routes[i].ahead_create[k]), what, e);
	ld->quit = false;
	if (ok && pthread_create(&ld->thread, NULL, loader_main, t) != 0)
		ok = cdc_fail(e, "%s: cannot start the loader's thread", t->what);
	if (!ok) {
		/* a new session next time: this one may be gone */
		PQfinish(ld->c);
		ld->c = NULL;
		return false;
	}
	ld->started = true;
	return true;
}

/* After a failed load or start: the loader stops (its session may be gone) and rests. */
static bool
loader_pause(pg_target *t, const cdc_err *why, cdc_err *e)
{
	pg_loader *ld = &t->ld;
	loader_stop(t);
	int64_t pause = LOADER_PAUSE_US;
	pthread_mutex_lock(&ld->mu);
	for (int i = 0; i < ld->failures && pause < LOADER_PAUSE_MAX_US; i++)
		pause *= 2;
	if (pause > LOADER_PAUSE_MAX_US)
		pause = LOADER_PAUSE_MAX_US;
	ld->failures++;
	pthread_mutex_unlock(&ld->mu);
	ld->resume_at = cdc_rt_now() + pause;
	*e = *why;
	return cdc_fail(e, "%s; no loading ahead for %" PRId64 " s", why->msg, pause / 1000000);
}

static void
loader_stop(pg_target *t)
{
	pg_loader *ld = &t->ld;
	if (ld->started) {
		pthread_mutex_lock(&ld->mu);
		ld->quit = true;
		pthread_cond_broadcast(&ld->cv);
		pthread_mutex_unlock(&ld->mu);
		pthread_join(ld->thread, NULL);   /* after the load it may be in */
		ld->started = false;
	}
	PQfinish(ld->c);
	ld->c = NULL;
	ld->pid = 0;
}

/* Set k holds nothing any more and may be loaded again; under ld->mu. */
static void
release(pg_loader *ld, int k)
{
	ld->state[k] = SET_FREE;
	ld->batch[k] = NULL;
	pthread_cond_broadcast(&ld->cv);
}

/* Runs on the run loop's thread while this target's worker may be applying the batch
 * before b: it touches only the loader's state, under its lock. */
static bool
pg_load_ahead(cdc_target *base, const cdc_batch *b, cdc_err *e)
{
	pg_target *t = (pg_target *)base;
	pg_loader *ld = &t->ld;
	if (!b) {
		/* forget what was loaded and not applied: after the load in progress, if any */
		pthread_mutex_lock(&ld->mu);
		while (ld->job || ld->state[0] == SET_LOADING || ld->state[1] == SET_LOADING)
			pthread_cond_wait(&ld->cv, &ld->mu);
		for (int k = 0; k < 2; k++)
			if (ld->state[k] != SET_APPLYING)
				release(ld, k);
		pthread_mutex_unlock(&ld->mu);
		return true;
	}
	if (b->snapshot)
		return true;
	pthread_mutex_lock(&ld->mu);
	bool broken = ld->broken;
	cdc_err why = ld->broke;
	ld->broken = false;
	pthread_mutex_unlock(&ld->mu);
	if (broken)
		return loader_pause(t, &why, e);
	if (cdc_rt_now() < ld->resume_at)
		return true;   /* resting: the batch is loaded when it is applied */
	if (!ld->started) {
		/* its start drops and makes its tables again: not while a set is in use */
		pthread_mutex_lock(&ld->mu);
		bool busy = ld->state[0] != SET_FREE || ld->state[1] != SET_FREE;
		pthread_mutex_unlock(&ld->mu);
		if (busy)
			return true;
		if (!loader_start(t, &why))
			return loader_pause(t, &why, e);
	}
	pthread_mutex_lock(&ld->mu);
	/* a free set: the other one may hold the batch being applied (two sets suffice: a
	 * set is free again once its batch has been applied) */
	int k;
	while ((k = ld->state[0] == SET_FREE ? 0 : ld->state[1] == SET_FREE ? 1 : -1) < 0 || ld->job)
		pthread_cond_wait(&ld->cv, &ld->mu);
	ld->batch[k] = b;
	ld->changes[k] = b->changes;
	ld->bytes[k] = b->bytes;
	ld->state[k] = SET_LOADING;
	ld->job = b;
	ld->job_set = k;
	pthread_cond_broadcast(&ld->cv);
	pthread_mutex_unlock(&ld->mu);
	return true;
}

/* The set batch b was loaded into, waiting for its load, or -1 when it was not loaded
 * ahead or its load failed: then it is loaded here, and the run loop hears of the failure
 * at its next load_ahead (ld->broken). */
static int
loaded_set(pg_target *t, const cdc_batch *b)
{
	pg_loader *ld = &t->ld;
	pthread_mutex_lock(&ld->mu);
	int k = ld->batch[0] == b && ld->state[0] != SET_FREE ? 0 : ld->batch[1] == b && ld->state[1] != SET_FREE ? 1 : -1;
	while (k >= 0 && ld->state[k] == SET_LOADING)
		pthread_cond_wait(&ld->cv, &ld->mu);
	if (k >= 0 && (ld->changes[k] != b->changes || ld->bytes[k] != b->bytes)) {
		/* the batch changed since (cut back after an error): load it again, here */
		release(ld, k);
		k = -1;
	} else if (k >= 0 && ld->state[k] == SET_FAILED) {
		ld->broke = ld->err[k];
		ld->broken = true;
		release(ld, k);
		k = -1;
	} else if (k >= 0) {
		ld->state[k] = SET_APPLYING;
		ld->failures = 0;
	}
	pthread_mutex_unlock(&ld->mu);
	return k;
}

/* The apply of set k's batch is over, committed or not: the set may be loaded again. */
static void
free_set(pg_target *t, int k)
{
	pthread_mutex_lock(&t->ld.mu);
	release(&t->ld, k);
	pthread_mutex_unlock(&t->ld.mu);
}

/* The snapshot's rows so far, straight into the route tables; the first call opens the
 * transaction and empties the merge tables of the routes it copies. */
static bool
pg_snapshot_rows(cdc_target *base, const cdc_batch *b, cdc_err *e)
{
	pg_target *t = (pg_target *)base;
	bool ok = true;
	if (!t->in_snapshot) {
		ok = cdc_pg_exec(t->c, "BEGIN", t->what, e);
		for (int i = 0; i < t->nroutes && ok; i++)
			if (b->routes[i].copy && t->routes[i].snap_stage.len)
				ok = cdc_pg_exec(t->c, cdc_buf_str(&t->routes[i].snap_stage), t->what, e);
		t->in_snapshot = ok;
	}
	/* one COPY per route for as long as its rows come, across chunks: a COPY per chunk
	 * cost the target a tenth more than one COPY of the whole table */
	copy_ctx x = {t->what, e, t->c};
	for (int i = 0; i < b->nroutes && ok; i++) {
		if (!cdc_batch_route_len(&b->routes[i]))
			continue;
		if (t->copying != i) {
			ok = end_copy(t, NULL, e) && cdc_pg_copy_begin(t->c, cdc_buf_str(&t->routes[i].snap_load), t->what, e);
			if (ok)
				t->copying = i;
		}
		if (!ok)
			break;
		e->msg[0] = '\0';   /* set by copy_piece, or else the spill file failed */
		if (!cdc_batch_route_each(&b->routes[i], copy_piece, &x)) {
			if (!e->msg[0])
				cdc_fail(e, "%s: cannot read back the snapshot's rows from the temporary file", t->what);
			ok = false;
		}
	}
	return rollback(t, ok);
}

static bool
pg_apply(cdc_target *base, const cdc_batch *b, cdc_err *e)
{
	pg_target *t = (pg_target *)base;
	bool ok;
	if (b->snapshot) {
		ok = pg_snapshot_rows(base, b, e) && end_copy(t, NULL, e) && writes(t, b, e);
		if (ok)
			cdc_fault("mid_apply");
		ok = ok && cdc_pg_exec(t->c, "COMMIT", t->what, e);
		t->in_snapshot = false;
		return rollback(t, ok);
	}
	int k = loaded_set(t, b);
	ok = cdc_pg_exec(t->c, "BEGIN", t->what, e);
	for (int i = 0; i < b->nroutes && ok; i++) {
		const cdc_batch_route *br = &b->routes[i];
		if (!br->nrows)
			continue;
		int f = br->partial ? 0 : 1;
		const pg_route *pr = &t->routes[i];
		if (k >= 0)
			ok = cdc_pg_exec(t->c, cdc_buf_str(&pr->ahead_apply[k][f]), t->what, e);
		else
			ok = cdc_pg_exec(t->c, cdc_buf_str(&pr->stage[f]), t->what, e) &&
			     copy_route(t->c, t->what, cdc_buf_str(&pr->load[f]), br, e) &&
			     cdc_pg_exec(t->c, cdc_buf_str(&pr->apply[f]), t->what, e);
	}
	ok = ok && writes(t, b, e);
	if (ok)
		cdc_fault("mid_apply");
	ok = ok && cdc_pg_exec(t->c, "COMMIT", t->what, e);
	ok = rollback(t, ok);
	if (k >= 0)
		free_set(t, k);
	return ok;
}

static bool
pg_next_batch(cdc_target *base, int64_t *id, cdc_err *e)
{
	pg_target *t = (pg_target *)base;
	const char *params[] = {t->rt->ir->pipeline};
	PGresult *r;
	if (!cdc_pg_query(t->c, cdc_buf_str(&t->next_batch_sql), 1, params, &r, t->what, e))
		return false;
	*id = PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 1;
	PQclear(r);
	return true;
}

/* The route of record `row` of r (table_name, target_table), or -1. */
static int
recorded_route(pg_target *t, const PGresult *r, int row)
{
	for (int k = 0; k < t->nroutes; k++)
		if (strcmp(PQgetvalue(r, row, 0), t->routes[k].table->display) == 0 &&
		    strcmp(PQgetvalue(r, row, 1), t->routes[k].name) == 0)
			return k;
	return -1;
}

/*
 * The copies recorded.  Settled here first:
 *  - a record of a route the pipeline no longer has is deleted: while the route was
 *    gone, its table's changes went nowhere, so the route, added back, needs a copy again;
 *  - routes recorded as holding their copy as of their source's checkpoint, with nothing
 *    copied: every route when there is no record at all (the pipeline ran before cdcc
 *    kept records), and a route without a record whose source has snapshot = never (it
 *    takes the changes published from now on, as its source's first tables did; recorded
 *    so that this is said once, not at every start).  A source with no checkpoint in this
 *    target yet gets no record.
 */
static bool
pg_copies(cdc_target *base, char **at, cdc_err *e)
{
	pg_target *t = (pg_target *)base;
	const cdc_ir *ir = t->rt->ir;
	const char *params[] = {ir->pipeline};
	PGresult *r;
	if (!cdc_pg_query(t->c, cdc_buf_str(&t->read_copies_sql), 1, params, &r, t->what, e))
		return false;
	for (int k = 0; k < t->nroutes; k++)
		at[k] = NULL;
	bool ok = true;
	for (int row = 0; row < PQntuples(r) && ok; row++) {
		int k = recorded_route(t, r, row);
		if (k >= 0) {
			at[k] = cdc_mem_strdup(PQgetvalue(r, row, 2));
			continue;
		}
		const char *del[] = {ir->pipeline, PQgetvalue(r, row, 0), PQgetvalue(r, row, 1)};
		ok = cdc_pg_query(t->c, cdc_buf_str(&t->forget_copy_sql), 3, del, NULL, t->what, e);
	}
	bool none = PQntuples(r) == 0;
	PQclear(r);
	int legacy = 0, never = 0;
	for (int k = 0; k < t->nroutes && ok; k++) {
		const pg_route *pr = &t->routes[k];
		const cdc_ir_source *src = &ir->sources[pr->table->source];
		const cdc_ir_opt *o = cdc_ir_opt_get(&src->opts, "snapshot");
		bool streams_only = o && strcmp(o->str, "never") == 0;
		if (at[k] || !(none || streams_only))
			continue;
		const char *ins[] = {ir->pipeline, pr->table->display, pr->name, src->name};
		PGresult *q;
		ok = cdc_pg_query(t->c, cdc_buf_str(&t->keep_copy_sql), 4, ins, &q, t->what, e);
		if (ok && PQntuples(q) == 1) {
			at[k] = cdc_mem_strdup(PQgetvalue(q, 0, 0));
			if (none)
				legacy++;
			else
				never++;
		}
		if (ok)
			PQclear(q);
	}
	if (legacy)
		cdc_log(t->rt, CDC_LOG_INFO, "%s: no copy records yet (a pipeline that ran before cdcc kept them, or "
		        "with snapshot = never): %d target table(s) recorded as holding their copy as of the checkpoint",
		        t->what, legacy);
	if (never)
		cdc_log(t->rt, CDC_LOG_INFO, "%s: %d target table(s) new to the pipeline are not copied (snapshot = never): "
		        "only their changes from now on arrive", t->what, never);
	return ok;
}

/* ---- schema drift (runtime/drift.h) ----------------------------------------------- */

static bool add_column(pg_target *t, const cdc_drift_col *c, bool lacking, cdc_err *e);

static bool
pg_load_columns(cdc_target *base, cdc_drift *d, cdc_err *e)
{
	pg_target *t = (pg_target *)base;
	const cdc_ir *ir = t->rt->ir;
	const char *params[] = {ir->pipeline};
	PGresult *r;
	if (!cdc_pg_query(t->c, cdc_buf_str(&t->read_columns_sql), 1, params, &r, t->what, e))
		return false;
	for (int i = 0; i < PQntuples(r); i++) {
		int ti = 0, state = cdc_drift_state_parse(PQgetvalue(r, i, 3));
		while (ti < ir->ntables && strcmp(ir->tables[ti].display, PQgetvalue(r, i, 0)) != 0)
			ti++;
		if (ti == ir->ntables || state < 0)
			continue;   /* a table the pipeline no longer captures */
		/* a record still to be written says what the run decided since (another
		 * target's says nothing of this one) */
		if (cdc_drift_pending(d, base->index, ti, PQgetvalue(r, i, 1)))
			continue;
		cdc_drift_put(d, base->index, ti, PQgetvalue(r, i, 1), PQgetvalue(r, i, 2), state,
		              PQgetisnull(r, i, 4) ? NULL : PQgetvalue(r, i, 4), false);
	}
	PQclear(r);
	/* a column added to this target's tables: into a route table that lacks it too */
	bool ok = true;
	for (int i = 0; i < d->n && ok; i++)
		if (d->cols[i].target == base->index && d->cols[i].state == CDC_DRIFT_ADDED && !d->cols[i].dirty)
			ok = add_column(t, &d->cols[i], true, e);
	return ok;
}

/* ALTER TABLE ... ADD COLUMN into every route of the table that takes added columns;
 * `lacking`: only into those that do not have it yet (a route added to the pipeline after
 * the column was, whose table the target has just made from the plan), without the
 * exclusive lock an ALTER TABLE takes on the others.  The source's rows from before the
 * column hold its missing value (a constant default): the target's existing rows get it
 * the same way, as a default dropped at once. */
static bool
add_column(pg_target *t, const cdc_drift_col *c, bool lacking, cdc_err *e)
{
	const cdc_ir_table *tb = &t->rt->ir->tables[c->table];
	cdc_rtype ty;
	const char *why = NULL;
	if (!cdc_drift_rtype(c->type, &ty, &why))
		return cdc_fail(e, "%s: cannot add column %s of %s: type %s: %s", t->what, c->name, tb->display, c->type,
		                why ? why : "not a type cdcc reads");
	cdc_buf sql = CDC_BUF_INIT, type = CDC_BUF_INIT, name = CDC_BUF_INIT;
	cdc_sql_type(&type, CDC_DIALECT_POSTGRES, ty, false, &why);
	bool ok = true;
	for (int k = 0; k < tb->nroutes && ok; k++) {
		const cdc_ir_route *r = &tb->routes[k];
		if (r->target != t->base.index || r->drift != CDC_IR_DRIFT_ADD)
			continue;
		cdc_buf_truncate(&sql, 0);
		qname(&name, r->schema, r->name);
		if (lacking) {
			const char *params[] = {cdc_buf_str(&name), c->name};
			PGresult *q;
			if (!(ok = cdc_pg_query(t->c, cdc_buf_str(&t->has_column_sql), 2, params, &q, t->what, e)))
				break;
			bool has = PQntuples(q) > 0;
			PQclear(q);
			if (has)
				continue;
		}
		cdc_buf_printf(&sql, "ALTER TABLE %s ADD COLUMN IF NOT EXISTS ", cdc_buf_str(&name));
		cdc_sql_ident(&sql, CDC_DIALECT_POSTGRES, c->name);
		cdc_buf_printf(&sql, " %s", cdc_buf_str(&type));
		if (c->missing) {
			cdc_buf_puts(&sql, " DEFAULT ");
			cdc_sql_string(&sql, CDC_DIALECT_POSTGRES, c->missing);
			cdc_buf_printf(&sql, "::%s; ALTER TABLE %s ALTER COLUMN ", cdc_buf_str(&type), cdc_buf_str(&name));
			cdc_sql_ident(&sql, CDC_DIALECT_POSTGRES, c->name);
			cdc_buf_puts(&sql, " DROP DEFAULT");
		}
		ok = cdc_pg_exec(t->c, cdc_buf_str(&sql), t->what, e);
		if (ok)
			cdc_log(t->rt, CDC_LOG_WARN, "%s: added column %s %s to %s (the source's %s gained it)", t->what,
			        c->name, cdc_buf_str(&type), cdc_buf_str(&name), tb->display);
	}
	cdc_buf_free(&sql);
	cdc_buf_free(&type);
	cdc_buf_free(&name);
	return ok;
}

static bool
pg_save_columns(cdc_target *base, const cdc_drift *d, cdc_err *e)
{
	pg_target *t = (pg_target *)base;
	const cdc_ir *ir = t->rt->ir;
	bool any = false;
	for (int i = 0; i < d->n && !any; i++)
		any = d->cols[i].dirty && (d->cols[i].target < 0 || d->cols[i].target == base->index);
	if (!any)
		return true;
	bool ok = cdc_pg_exec(t->c, "BEGIN", t->what, e);
	for (int i = 0; i < d->n && ok; i++) {
		const cdc_drift_col *c = &d->cols[i];
		if (!c->dirty || (c->target >= 0 && c->target != base->index))
			continue;
		if (c->state == CDC_DRIFT_ADDED)
			ok = add_column(t, c, false, e);
		const char *params[] = {ir->pipeline, ir->tables[c->table].display, c->name, c->type,
		                        cdc_drift_state_name(c->state), c->missing};
		ok = ok && cdc_pg_query(t->c, cdc_buf_str(&t->write_column_sql), 6, params, NULL, t->what, e);
	}
	ok = ok && cdc_pg_exec(t->c, "COMMIT", t->what, e);
	return rollback(t, ok);
}

/* ---- a batch that takes long (target.h, why_slow) --------------------------------- */

/* The question, with copies of what it needs: it may outlive the target. */
typedef struct pg_why {
	cdc_why base;
	char   *dsn;
	char    what[300];
	int     pid, loader_pid;   /* the target's session, and the loader's (0: none) */
} pg_why;

/* A session of its own, its query limited to WHY_TIMEOUT by the server and to
 * WHY_TIMEOUT_MS by cdcc: the server may be the one that hangs (the connection itself is
 * bounded by connect_timeout, pgconn.c). */
#define WHY_TIMEOUT "5s"
#define WHY_TIMEOUT_MS 6000   /* the server's own timeout first: its message says more */

/* Per row: one of the sessions asked about (pid, state, wait event, seconds in that
 * state, the lock it waits for and for how long) and one session blocking it (pid,
 * whether it is still there, user, application, state, seconds its transaction has been
 * open).  pg_blocking_pids names a pid once per lock it holds or waits ahead for: once
 * here.  No query text: it would put other sessions' data in cdcc's log. */
static const char why_sql[] =
	"SET application_name = 'cdcc (why a batch is slow)';\n"
	"SET statement_timeout = '" WHY_TIMEOUT "';\n"
	"SELECT a.pid, a.state, a.wait_event_type || ':' || a.wait_event,\n"
	"       floor(extract(epoch FROM now() - a.state_change))::bigint,\n"
	"       w.lock, floor(extract(epoch FROM now() - coalesce(w.waitstart, a.state_change)))::bigint,\n"
	"       p.pid, b.pid IS NOT NULL, b.usename, b.application_name, b.state,\n"
	"       floor(extract(epoch FROM now() - coalesce(b.xact_start, b.backend_start)))::bigint\n"
	"FROM pg_stat_activity a\n"
	"LEFT JOIN LATERAL (\n"
	"  SELECT CASE l.locktype\n"
	"           WHEN 'relation' THEN l.mode || ' on ' || l.relation::regclass::text\n"
	"           WHEN 'transactionid' THEN l.mode || ' on transaction ' || l.transactionid\n"
	"             || ' (a row this batch writes)'\n"
	"           WHEN 'tuple' THEN l.mode || ' on a row of ' || l.relation::regclass::text\n"
	"           ELSE l.mode || ' on a lock of type ' || l.locktype END AS lock, l.waitstart\n"
	"  FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1) w ON true\n"
	"LEFT JOIN LATERAL (SELECT DISTINCT unnest(pg_blocking_pids(a.pid)) AS pid) p ON true\n"
	"LEFT JOIN pg_stat_activity b ON b.pid = p.pid\n"
	"WHERE a.pid IN (%d, %d)\n"
	"ORDER BY a.pid = %d DESC, a.pid, b.xact_start NULLS LAST, p.pid";

enum { W_PID, W_STATE, W_EVENT, W_SECS, W_LOCK, W_WAITED, B_PID, B_THERE, B_USER, B_APP, B_STATE, B_SECS };

/* The sessions blocking the one of rows [from, to), at most three named. */
static void
blockers(const PGresult *r, int from, int to, cdc_buf *out)
{
	int named = 0;
	for (int i = from; i < to; i++) {
		if (PQgetisnull(r, i, B_PID))
			continue;
		if (named == 3) {
			cdc_buf_printf(out, " and %d more", to - i);
			break;
		}
		const char *pid = PQgetvalue(r, i, B_PID);
		cdc_buf_puts(out, named++ ? "; " : ", blocked by ");
		if (strcmp(pid, "0") == 0)
			cdc_buf_puts(out, "a prepared transaction (see pg_prepared_xacts)");
		else if (strcmp(PQgetvalue(r, i, B_THERE), "t") != 0)
			cdc_buf_printf(out, "pid %s (ended since)", pid);
		else if (PQgetisnull(r, i, B_STATE))
			cdc_buf_printf(out, "pid %s (user %s, application \"%s\"; what it does is hidden from this user: "
			               "pg_read_all_stats shows it)", pid, PQgetvalue(r, i, B_USER), PQgetvalue(r, i, B_APP));
		else
			cdc_buf_printf(out, "pid %s (user %s, application \"%s\", %s, its transaction open for %s s)", pid,
			               PQgetvalue(r, i, B_USER), PQgetvalue(r, i, B_APP), PQgetvalue(r, i, B_STATE),
			               PQgetvalue(r, i, B_SECS));
	}
	if (named)
		cdc_buf_puts(out, "; the batch goes on when that transaction ends (pg_terminate_backend(pid) ends a session)");
}

/* Session pid's part, from its rows [from, to): what it does and what holds it up. */
static void
describe(const PGresult *r, int from, int to, const char *whose, int pid, cdc_buf *out)
{
	if (out->len)
		cdc_buf_puts(out, "; ");
	if (from == to) {
		cdc_buf_printf(out, "%s (pid %d) is gone from pg_stat_activity", whose, pid);
		return;
	}
	if (!PQgetisnull(r, from, W_LOCK)) {
		cdc_buf_printf(out, "%s (pid %d) has been waiting %s s for %s", whose, pid, PQgetvalue(r, from, W_WAITED),
		               PQgetvalue(r, from, W_LOCK));
		blockers(r, from, to, out);
		return;
	}
	const char *state = PQgetisnull(r, from, W_STATE) ? "in an unknown state" : PQgetvalue(r, from, W_STATE);
	cdc_buf_printf(out, "%s (pid %d) is %s", whose, pid, state);
	if (!PQgetisnull(r, from, W_EVENT))
		cdc_buf_printf(out, " (wait event %s)", PQgetvalue(r, from, W_EVENT));
	if (!PQgetisnull(r, from, W_SECS))
		cdc_buf_printf(out, " for %s s", PQgetvalue(r, from, W_SECS));
	/* (waiting for a lock pg_locks no longer shows: granted between the two looks) */
	if (strcmp(state, "active") == 0 && strncmp(PQgetvalue(r, from, W_EVENT), "Lock:", 5) != 0)
		cdc_buf_puts(out, ", no lock holds it up: a large batch, or a busy server");
}

static bool
why_ask(cdc_why *base, cdc_buf *out, cdc_err *e)
{
	pg_why *w = (pg_why *)base;
	PGconn *c = cdc_pg_connect(w->dsn, CDC_PG_READ, w->what, e);
	if (!c)
		return false;
	char sql[sizeof why_sql + 64];
	snprintf(sql, sizeof sql, why_sql, w->pid, w->loader_pid, w->pid);
	PGresult *r;
	bool ok = cdc_pg_query_within(c, sql, &r, WHY_TIMEOUT_MS, w->what, e);
	PQfinish(c);
	if (!ok)
		return false;
	/* the rows of the target's session first, then the loader's */
	int n = PQntuples(r), mine = 0;
	char p[16];
	snprintf(p, sizeof p, "%d", w->pid);
	while (mine < n && strcmp(PQgetvalue(r, mine, W_PID), p) == 0)
		mine++;
	cdc_buf said = CDC_BUF_INIT;
	describe(r, 0, mine, "its session", w->pid, &said);
	/* the batch may wait for its rows from the loader's session: told when it is busy */
	if (mine < n && (!PQgetisnull(r, mine, W_LOCK) || strcmp(PQgetvalue(r, mine, W_STATE), "idle") != 0))
		describe(r, mine, n, "the loader's session", w->loader_pid, &said);
	PQclear(r);
	cdc_buf_puts(out, cdc_buf_str(&said));
	cdc_buf_free(&said);
	return true;
}

static void
why_free(cdc_why *base)
{
	pg_why *w = (pg_why *)base;
	cdc_mem_free(w->dsn);
	cdc_mem_free(w);
}

static cdc_why *
pg_why_slow(cdc_target *base)
{
	pg_target *t = (pg_target *)base;
	pg_why *w = cdc_mem_zalloc(sizeof *w);
	w->base.ask = why_ask;
	w->base.free = why_free;
	w->dsn = cdc_mem_strdup(cdc_buf_str(&t->dsn));
	snprintf(w->what, sizeof w->what, "%s (asking why a batch is slow)", t->what);
	w->pid = t->pid;
	w->loader_pid = t->ld.pid;   /* set and read on the run loop's thread only */
	return &w->base;
}

const cdc_target_ops cdc_pg_target = {
	.kind = "postgres",
	.dialect = CDC_DIALECT_POSTGRES,
	.open = pg_open,
	.checkpoint = pg_checkpoint,
	.next_batch = pg_next_batch,
	.copies = pg_copies,
	.snapshot_rows = pg_snapshot_rows,
	.apply = pg_apply,
	.load_ahead = pg_load_ahead,
	.load_columns = pg_load_columns,
	.save_columns = pg_save_columns,
	.why_slow = pg_why_slow,
	.close = pg_close,
};
