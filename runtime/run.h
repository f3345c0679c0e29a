/*
 * runtime/run.h — `cdcc run`: sources to stages to batches to targets, until stopped.
 *
 * Sources deliver whole transactions (source.h); every change goes through its table's
 * stage (stage.h) and, when applied, into the batch of every target a route of the table
 * goes to (batch.h); quarantined changes go into the same batches.  A batch closes at a
 * transaction's end when it reaches the target's rows, bytes or interval limit, and the
 * target applies it with the source positions in one transaction (target.h).  Then every
 * source is told the position that every target has committed (ack), and may let go of
 * what is before it.
 *
 * The run loop is one thread; each target has a worker thread that applies its closed
 * batch while the loop reads the stream into the next one (at most one batch in flight
 * per target).
 *
 * Exactly once follows: a target's checkpoint and its rows commit together, a run
 * resumes each source from the targets' checkpoints, and a target skips a transaction at
 * or before its own checkpoint.
 *
 * A `fail` rule stops the run before the change that broke it: the transactions before
 * it are applied, the one holding it is not, and cdc_run returns 1.  SIGINT and SIGTERM
 * stop the run at the next transaction boundary, after applying what is batched.
 */
#ifndef CDC_RUN_H
#define CDC_RUN_H

#include "runtime/rt.h"

typedef struct cdc_run_opts {
	const char   *dir;          /* the plan's folder, for file("...") secrets */
	bool          once;         /* stop when every source is caught up */
	cdc_log_level log_level;
	const char   *stats_path;   /* write the counts as JSON here at exit, or NULL */
	const char   *metrics_path; /* rewrite Prometheus text metrics here every 5 s, or NULL */
	bool          log_json;     /* --log-format=json */
} cdc_run_opts;

/* Runs the pipeline.  0: stopped as asked (caught up with --once, or a signal); 1: an
 * error, printed, or a fail rule. */
int cdc_run(const cdc_ir *ir, const cdc_run_opts *o);

#endif
