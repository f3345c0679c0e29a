/*
 * runtime/target.h — where changes go.
 *
 * A target kind is one file (pg_target.c; redshift, mysql and s3 targets will be files
 * of their own) and one line in registry.c.  The run loop hands a target one
 * batch at a time (batch.h): the target applies it — the staged rows of every route,
 * the quarantined changes and the checkpoint of every source — in one transaction, so a
 * batch is applied entirely or not at all, and the checkpoint says exactly what is in.
 *
 * The SQL is the one `cdcc ddl --load` prints (compiler/sql.h); a target only drives it.
 */
#ifndef CDC_TARGET_H
#define CDC_TARGET_H

#include "compiler/sql.h"
#include "runtime/batch.h"
#include "runtime/rt.h"

typedef struct cdc_target cdc_target;
struct cdc_drift;

typedef struct cdc_target_ops {
	const char *kind;                              /* "postgres", as in the plan */
	cdc_dialect dialect;                           /* of its SQL and of its staged rows */
	/* Connects and creates what is missing: the runtime tables and the route tables
	 * (CREATE ... IF NOT EXISTS, as cdcc ddl prints them). */
	cdc_target *(*open)(const cdc_rt *rt, int index, cdc_err *e);
	/* The position committed last for this pipeline and source, or *found false. */
	bool (*checkpoint)(cdc_target *t, const char *source, struct cdc_buf *position, bool *found, cdc_err *e);
	/* Per route into the target (plan order, as the batch's routes): the position its
	 * copy of the source table is as of, or NULL when it has none (a route added to a
	 * pipeline that has run).  The strings are the caller's, to free with cdc_mem_free. */
	bool (*copies)(cdc_target *t, char **at, cdc_err *e);
	/* The id of the next batch (one more than the last one committed). */
	bool (*next_batch)(cdc_target *t, int64_t *id, cdc_err *e);
	/* A chunk of the snapshot: its rows so far, straight into the route tables; the first
	 * chunk opens the snapshot's transaction (and empties the merge tables). */
	bool (*snapshot_rows)(cdc_target *t, const cdc_batch *b, cdc_err *e);
	/* Applies a batch in one transaction: routes, quarantine, checkpoints.  A snapshot
	 * batch commits the snapshot's transaction with its last chunk. */
	bool (*apply)(cdc_target *t, const cdc_batch *b, cdc_err *e);
	/* May be NULL.  Starts loading batch b's rows where the target's load statement puts
	 * them, on a connection of its own, while the batch before b is being applied on
	 * another thread; apply(b), which comes next, waits for that load and then only
	 * applies (PostgreSQL: COPY into unlogged tables, then the MERGE; a Redshift target
	 * would upload the next batch's files to S3 while the one before is merged).  b must
	 * not change until apply(b) returns.  A load that fails costs b nothing: apply(b)
	 * then loads it itself.  False (e set, for a warning) when the load cannot start or
	 * the one before failed; b is then loaded by apply(b).  With b NULL: forget what was
	 * loaded and not applied (the batch before failed), after the load in progress. */
	bool (*load_ahead)(cdc_target *t, const cdc_batch *b, cdc_err *e);
	/* Schema drift (drift.h): reads this pipeline's column records into d (target = this
	 * target), keeping d's records still to be written; and writes those records (every
	 * target's, and this one's) in one transaction, adding the columns recorded as added
	 * to the route tables that take them. */
	bool (*load_columns)(cdc_target *t, struct cdc_drift *d, cdc_err *e);
	bool (*save_columns)(cdc_target *t, const struct cdc_drift *d, cdc_err *e);
	/* May be NULL.  Called on the run loop's thread when apply or snapshot_rows has run
	 * on the worker for longer than the target's slow_batch: a question to ask the
	 * server about what holds the batch up (cdc_why).  It runs on a thread of its own,
	 * as the server may not answer soon — or at all, if it is the server that hangs —
	 * and the run loop must go on keeping the sources alive meanwhile. */
	struct cdc_why *(*why_slow)(cdc_target *t);
	void (*close)(cdc_target *t);
} cdc_target_ops;

/* The question why_slow makes: it holds a copy of what it needs (the connection string,
 * the sessions to ask about), so that it stays valid after the target is closed. */
typedef struct cdc_why {
	/* On a helper thread: appends to `out` one clause for a log line — for PostgreSQL,
	 * what the batch's session does, the lock it waits for and the sessions holding it.
	 * No data values and no secrets in it. */
	bool (*ask)(struct cdc_why *w, struct cdc_buf *out, cdc_err *e);
	void (*free)(struct cdc_why *w);
} cdc_why;

struct cdc_target {
	const cdc_target_ops *ops;
	int                   index;   /* in the plan's targets */
};

/* The kind's operations, or NULL when cdcc run cannot write this kind yet. */
const cdc_target_ops *cdc_target_kind(const char *kind);

extern const cdc_target_ops cdc_pg_target;

#endif
