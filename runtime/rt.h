/*
 * runtime/rt.h — what the parts of `cdcc run` share: the run's context, errors, the
 * log, and the options of the plan read at start (secrets from env() and file()).
 *
 * A run reads one plan (compiler/ir.h).  Sources (source.h) deliver transactions to the
 * run loop (run.c), which pushes every change through its table's stage (stage.h) and
 * into one batch per target (batch.h); targets (target.h) apply a batch, with the
 * checkpoint of every source, in one transaction.
 */
#ifndef CDC_RT_H
#define CDC_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compiler/ir.h"

struct cdc_buf;

/* An error: what went wrong, in words for the operator (never a secret). */
typedef struct cdc_err {
	char msg[1024];
	bool retry;     /* a connection was lost or refused: the same work may succeed later */
	bool drift;     /* a source table's columns changed: rt->drift has what to record, and
	                   the run starts over from the checkpoints at once */
} cdc_err;

/* Sets the message (printf-like), clears retry, and returns false, for
 * `return cdc_fail(e, ...)`. */
bool cdc_fail(cdc_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef enum cdc_log_level { CDC_LOG_DEBUG, CDC_LOG_INFO, CDC_LOG_WARN, CDC_LOG_ERROR } cdc_log_level;

typedef struct cdc_rt {
	const cdc_ir *ir;
	const char   *dir;        /* the plan's folder, for file("...") secrets */
	bool          once;       /* cdcc run --once: stop when caught up */
	cdc_log_level log_level;
	bool          log_json;   /* --log-format=json: one JSON object per line */
	bool          tty;        /* standard error is a terminal: progress bars */
	volatile int *stop;       /* set by SIGINT/SIGTERM: finish the batch, then stop */
	struct cdc_drift *drift;  /* the columns known beyond the declared ones (drift.h) */
} cdc_rt;

/* A line on standard error: "cdcc: LEVEL: message", or with log_json
 * {"time": "2026-11-21T12:00:00.123456Z", "level": "info", "message": "..."}. */
void cdc_log(const cdc_rt *rt, cdc_log_level level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Progress of a long step (a table's snapshot): `done` of about `total` (0: unknown)
 * since `started` (cdc_rt_now).  On a terminal, a bar redrawn in place at most 5 times a
 * second; otherwise an info line every 10 s.  `final`: the step is over (the bar line is
 * ended).  *last is the caller's: when it last printed.
 */
void cdc_progress(const cdc_rt *rt, const char *what, uint64_t done, uint64_t total, int64_t started,
                  int64_t *last, bool final);

/*
 * An option's value as the run uses it: a string, or the value of env("NAME") or
 * file("path") (relative to the plan's folder; one trailing newline dropped).  NULL
 * with *e set when the variable is unset or the file unreadable; NULL without an error
 * when the option is absent.  The value is read from the option of `opts` named `name`;
 * `what` names the block in messages ("source shop").
 */
const char *cdc_rt_option(const cdc_rt *rt, const cdc_ir_opts *opts, const char *name, const char *what,
                          struct cdc_buf *out, cdc_err *e);

/*
 * A fault point, for the crash tests: with CDCC_FAULT=POINT:N in the environment, the
 * process kills itself with SIGKILL the Nth time it passes POINT (counting from 1), as
 * kill -9 would at that instant.  Points: snapshot_chunk (a chunk of the snapshot sent,
 * its transaction open), mid_apply (a batch's rows sent, not committed), after_apply (a
 * batch committed, the source not yet told), before_apply.  Without the variable it
 * costs a comparison.
 */
void cdc_fault(const char *point);

/* The same for a value known by its kind (CDC_IRV_STR, CDC_IRV_ENV, CDC_IRV_FILE) and
 * text, outside an IR (`cdcc schema pull` reads the model). */
const char *cdc_rt_secret(const char *dir, int kind, const char *str, const char *name, const char *what,
                          struct cdc_buf *out, cdc_err *e);

/* Microseconds since 2000-01-01 UTC (PostgreSQL's epoch), now. */
int64_t cdc_rt_now(void);

/* For a helper thread of the run (a target's worker, a loader): SIGINT and SIGTERM are
 * blocked in it, so that they reach the run loop and interrupt its wait for the stream. */
void cdc_rt_thread_quiet(void);

#endif
