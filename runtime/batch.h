/*
 * runtime/batch.h — the changes a target applies in one transaction.
 *
 * Per route of the target, the staged rows in the format the target's load statement
 * reads (docs/sql.md, "Staging"); the quarantined changes; and per source the position
 * after the batch's last transaction, which becomes that source's checkpoint in the same
 * transaction.  A batch holds whole source transactions only: the run loop closes it
 * at a transaction's end, when it reaches the target's rows, bytes or interval limit.
 *
 * The initial snapshot is a batch too, but one too large to hold: its rows go to the
 * target in chunks (cdc_batch_route.rows, emptied after each), straight into the route
 * tables, within one target transaction that commits with the snapshot's position.  So
 * is the copy of tables added to a pipeline that has already run, which leaves the
 * checkpoints where they are.  Either records, per route it copies, the position it is
 * as of (the target's cdcc_copies), so that a later run knows which routes it lacks.
 */
#ifndef CDC_BATCH_H
#define CDC_BATCH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "compiler/ir.h"
#include "compiler/sql.h"
#include "runtime/buf.h"
#include "runtime/value.h"

/* A route's staged rows are kept in memory up to this many bytes; past it they go to a
 * temporary file (rows then holds only the tail), so that a transaction of millions of
 * changes, which a batch cannot split, does not have to fit in memory. */
#define CDC_BATCH_SPILL (4u << 20)

typedef struct cdc_batch_route {
	const cdc_ir_table *table;
	const cdc_ir_route *route;
	FILE               *spill;     /* the first `spilled` bytes of the staged rows, or NULL */
	uint64_t            spilled;
	cdc_buf             rows;      /* the staged rows after those, in the target's format */
	uint64_t            nrows;     /* staged since the batch began (a snapshot's: in every chunk) */
	bool                partial;   /* a change other than a delete left a column unsent */
	bool                copy;      /* a snapshot batch copies this route: its table is emptied
	                                  first (merge routes), and the copy recorded */
} cdc_batch_route;

typedef struct cdc_quarantined {
	const char *table;       /* source table, "shop.public.orders" */
	const char *rule;
	const char *reason;
	int         line;        /* of the rule (0: a transform step or none) */
	const char *op;          /* "insert", ... */
	const char *position;
	const char *commit_time; /* text form, or NULL */
	const char *row;         /* the change as it arrived, JSON */
} cdc_quarantined;

typedef struct cdc_batch {
	const cdc_ir     *ir;
	int               target;
	cdc_dialect       dialect;
	bool              snapshot;    /* the initial snapshot, or a copy (`added`) */
	bool              added;       /* a copy of tables added to a running pipeline */
	const char       *copy_at;     /* a snapshot's or copy's position (in the arena) */
	int64_t           id;          /* batch id: the checkpoint's batch_id */
	cdc_batch_route  *routes;      /* every route into the target, in plan order */
	int               nroutes;
	cdc_quarantined  *quarantine;
	int               nquarantine, capquarantine;
	char            **positions;   /* per source of the plan: after the last transaction, or NULL */
	uint64_t          changes;     /* staged rows and quarantined changes */
	uint64_t          bytes;
	int64_t           started;     /* when the first change arrived (cdc_rt_now), 0 when empty */
	int64_t           commit_time; /* of the batch's last source transaction (0: unknown) */
	uint32_t          seq;         /* the next _cdc_seq */
	cdc_arena        *arena;       /* quarantine records and positions; reset per batch */
	int              *first;       /* per IR table: its first route in `routes`, or -1 (a table's
	                                  routes into the target are next to each other) */
	cdc_buf           scratch;     /* one value's text form, while a row is staged */
	/* where the current source transaction began (cdc_batch_mark) */
	struct {
		uint64_t *len;             /* per route: spilled + rows.len */
		uint64_t *nrows;
		bool     *partial;
		int       nquarantine;
		uint64_t  changes, bytes;
		uint32_t  seq;
	} mark;
} cdc_batch;

void cdc_batch_init(cdc_batch *b, const cdc_ir *ir, int target, cdc_dialect d);
void cdc_batch_free(cdc_batch *b);
/* Empties the batch for the next one (keeps its buffers). */
void cdc_batch_reset(cdc_batch *b);

/* The batch's route for route r of table t, or NULL when r goes to another target. */
cdc_batch_route *cdc_batch_route_of(cdc_batch *b, const cdc_ir_table *t, const cdc_ir_route *r);

/*
 * Stages one change's output row (the table's nout values, UNCHANGED where the change
 * did not send a column) for route br, with operation op.  In a snapshot batch the row
 * is written without the staging columns, for the snapshot's straight load.
 */
void cdc_batch_row(cdc_batch *b, cdc_batch_route *br, int op, const cdc_value *out);

/* Records a quarantined change (the strings are copied). */
void cdc_batch_quarantine(cdc_batch *b, const cdc_quarantined *q);

/* The position after the batch's last transaction of source `source`. */
void cdc_batch_position(cdc_batch *b, int source, const char *position);

bool cdc_batch_empty(const cdc_batch *b);

/* The staged rows of a route, in pieces: fn(data, n, arg) for each in order, stopping at
 * the first false.  False also when the spill file cannot be read. */
bool cdc_batch_route_each(const cdc_batch_route *br, bool (*fn)(const char *data, size_t n, void *arg), void *arg);
/* All of a route's staged rows, in bytes. */
uint64_t cdc_batch_route_len(const cdc_batch_route *br);

/* A transaction begins: remember where, so that it can be taken out again. */
void cdc_batch_mark(cdc_batch *b);
/* Takes out what was added since the mark: a transaction this target already has (at or
 * before its checkpoint), or one that a fail rule or an error cut short. */
void cdc_batch_rewind(cdc_batch *b);

/* The snapshot's staged rows went to the target: empties the routes' rows (their
 * counts, the quarantined changes and the positions stay for the snapshot's commit). */
void cdc_batch_clear_rows(cdc_batch *b);

/* Moves the staged rows of `from` into `to` (a batch of the same target, whose rows are
 * dropped), leaving `from` with none: a snapshot chunk, handed to the target's worker
 * while the next one fills.  Everything else of `from` stays. */
void cdc_batch_take_rows(cdc_batch *to, cdc_batch *from);

/* Target t's batch limit `name` ("rows", "bytes", "interval": its batch { } block), or
 * `def` when the pipeline does not set it. */
int64_t cdc_batch_limit(const cdc_ir_target *t, const char *name, int64_t def);

#endif
