/*
 * runtime/source.h — where changes come from.
 *
 * A source kind is one file (pg_source.c; mysql, kinesis, dynamodb and files sources
 * will be files of their own) and one line in registry.c.  A source delivers
 * whole transactions, in commit order, to a sink (the run loop): begin, the changes,
 * commit.  The initial snapshot is delivered as one transaction of its own, flagged, whose
 * changes are CDC_EVOP_SNAPSHOT rows and whose position is the snapshot's consistent
 * point: streaming continues exactly after it, so nothing is missed and nothing is seen
 * twice.
 *
 * A table added to a pipeline that has already run is copied the same way when the
 * source starts, as of a point of its own (CDC_TXN_COPY): the stream then resumes after
 * the targets' checkpoints, which are older, and the sink leaves out the added table's
 * changes whose transaction begins before that point — the copy has them.
 *
 * Positions are the source's own text ("16/B374D848" for PostgreSQL); the source orders
 * them (pos_cmp) and resumes after one.  A run reads, per source, the position that
 * every target committed last, and the source skips what is at or before it.
 */
#ifndef CDC_SOURCE_H
#define CDC_SOURCE_H

#include "runtime/rt.h"
#include "runtime/value.h"

typedef struct cdc_source cdc_source;
typedef struct cdc_sink cdc_sink;

typedef enum cdc_txn {
	CDC_TXN_CHANGES,    /* a source transaction */
	CDC_TXN_SNAPSHOT,   /* the initial snapshot: every table of the source, as snapshot rows */
	CDC_TXN_COPY        /* at a later start: the tables for which `missing` said yes */
} cdc_txn;

struct cdc_sink {
	void *data;
	/* A transaction begins.  `position` orders it against the point of a copy: a copy
	 * as of point P holds exactly the transactions whose position here is before P
	 * (PostgreSQL: the start of the commit record, which pgoutput's Begin carries).  For
	 * a snapshot or a copy, `position` is its point. */
	bool (*begin)(cdc_sink *k, cdc_txn kind, const char *position, int64_t commit_time, int64_t txid,
	              bool has_txid, cdc_err *e);
	/* One change of IR table `table`: row holds its ncols values (UNCHANGED where the
	 * source did not send a value); before the old row where the source sent one.
	 * `position` locates the change in the source, for quarantine records. */
	bool (*change)(cdc_sink *k, int table, int op, const cdc_value *row, const cdc_value *before,
	               const char *position, cdc_err *e);
	/* A change the source cannot hand over whole (PostgreSQL: a primary key update whose
	 * row has a TOASTed column the source did not send): it goes to the quarantine with
	 * rule "source" and `reason`, so that it is seen, never lost. */
	bool (*reject)(cdc_sink *k, int table, int op, const cdc_value *row, const char *position, const char *reason,
	               cdc_err *e);
	/* The transaction ends at `position`: what a checkpoint after it holds.  (A copy's
	 * commit gets its point again: the checkpoints stay where they are.) */
	bool (*commit)(cdc_sink *k, const char *position, cdc_err *e);
	/* Whether IR table `table` goes to a target table that has no copy of it yet (the
	 * table, or its route, was added to a pipeline that has already run): the source
	 * copies it at start, before it streams, unless its snapshot option is never. */
	bool (*missing)(cdc_sink *k, int table);
};

typedef enum cdc_poll {
	CDC_POLL_ERROR = -1,
	CDC_POLL_IDLE,        /* nothing arrived in the time given */
	CDC_POLL_DATA,        /* something arrived (maybe no whole transaction yet) */
	CDC_POLL_CAUGHT_UP    /* --once: everything up to the run's start is delivered */
} cdc_poll;

typedef struct cdc_source_ops {
	const char *kind;                              /* "postgres", as in the plan */
	cdc_source *(*open)(const cdc_rt *rt, int index, cdc_err *e);
	/* Starts after `resume` (NULL: nothing is committed anywhere: snapshot first, unless
	 * the source's snapshot option is never).  May deliver the snapshot to the sink. */
	bool (*start)(cdc_source *s, const char *resume, cdc_sink *k, cdc_err *e);
	/* Reads for at most timeout_ms, delivering the transactions that completed. */
	cdc_poll (*poll)(cdc_source *s, int timeout_ms, cdc_sink *k, cdc_err *e);
	/* Everything up to `position` is committed in every target: the source may let it go
	 * (PostgreSQL: the slot's confirmed flush position). */
	bool (*ack)(cdc_source *s, const char *position, cdc_err *e);
	int (*pos_cmp)(const char *a, const char *b);
	/* The run is waiting for a target (a batch is being applied) and reads nothing: keep
	 * the source's session alive (PostgreSQL: standby status updates, so that
	 * wal_sender_timeout does not end the stream).  May be NULL. */
	bool (*wait)(cdc_source *s, cdc_err *e);
	/* How far behind the source the acknowledged position is, in bytes of its log; -1
	 * when the source cannot tell.  (PostgreSQL: measured with the status updates.) */
	int64_t (*lag_bytes)(cdc_source *s);
	void (*close)(cdc_source *s);
} cdc_source_ops;

struct cdc_source {
	const cdc_source_ops *ops;
	int                   index;   /* in the plan's sources */
};

/* The kind's operations, or NULL when cdcc run cannot read this kind yet. */
const cdc_source_ops *cdc_source_kind(const char *kind);

extern const cdc_source_ops cdc_pg_source;

#endif
