/*
 * runtime/pgconn.h — libpq connections of the PostgreSQL source and target.
 *
 * Every session runs with the settings cdcc's text forms are PostgreSQL's under (UTC,
 * ISO dates, postgres intervals, shortest exact floats, hex bytea, UTF-8), so values read
 * from the source and values written to the target mean the same in both.  Errors are
 * the server's message, on one line, with what was being done; a DSN (which may hold a
 * password) is never part of one.
 */
#ifndef CDC_PGCONN_H
#define CDC_PGCONN_H

#include <libpq-fe.h>

#include "runtime/rt.h"

/* What a connection is for: its server-side timeouts differ (pgconn.c, build_options). */
typedef enum {
	CDC_PG_READ,          /* a source's or cdcc schema pull's SQL session: reads, may be read slowly */
	CDC_PG_REPLICATION,   /* a logical replication connection (replication=database) */
	CDC_PG_WRITE          /* a target's session: cdcc reads every result at once */
} cdc_pg_role;

/* `what` names the connection in errors ("source shop"). */
PGconn *cdc_pg_connect(const char *dsn, cdc_pg_role role, const char *what, cdc_err *e);

/* Runs SQL (one or more statements) that returns no rows or some; false with e set. */
bool cdc_pg_exec(PGconn *c, const char *sql, const char *what, cdc_err *e);

/* Runs one statement with text parameters; *res holds the result (PQclear it) when the
 * statement succeeds. */
bool cdc_pg_query(PGconn *c, const char *sql, int nparams, const char *const *params, PGresult **res,
                  const char *what, cdc_err *e);

/* SQL (one or more statements, no parameters) for a server that may not answer: false
 * with e set after timeout_ms without all the answers (the connection is then good only
 * for PQfinish) or when a statement fails; else *res holds the last statement's result.
 * e->retry is not set: the callers ask in passing, and a failure ends nothing. */
bool cdc_pg_query_within(PGconn *c, const char *sql, PGresult **res, int64_t timeout_ms, const char *what,
                         cdc_err *e);

/* COPY ... FROM STDIN with `sql`, its data in pieces: begin, put each piece, end.  After
 * a failed put the COPY is over (no end). */
bool cdc_pg_copy_begin(PGconn *c, const char *sql, const char *what, cdc_err *e);
bool cdc_pg_copy_put(PGconn *c, const char *data, size_t n, const char *what, cdc_err *e);
bool cdc_pg_copy_end(PGconn *c, const char *what, cdc_err *e);

/* Whether a failure is the connection's, not the statement's: the connection is gone,
 * or the server says so (SQLSTATE class 08, shutting down, starting up, too many
 * connections) — worth a retry.  r may be NULL.  Every function here sets e->retry from
 * it. */
bool cdc_pg_lost(PGconn *c, const PGresult *r);

/* The connection's last error, one line. */
const char *cdc_pg_error(PGconn *c, char *buf, size_t n);

#endif
