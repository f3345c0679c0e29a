/*
 * runtime/pgconn.c — libpq connections (see pgconn.h).
 */
#include "runtime/pgconn.h"

#include <stdio.h>
#include <string.h>

/* The settings cdcc's text forms assume (runtime/value.c), for sessions and walsenders. */
static const char session_options[] =
	"-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=1 "
	"-c bytea_output=hex -c client_encoding=UTF8 -c standard_conforming_strings=on";

const char *
cdc_pg_error(PGconn *c, char *buf, size_t n)
{
	snprintf(buf, n, "%s", c ? PQerrorMessage(c) : "out of memory");
	/* libpq's messages end in a newline and may span lines (DETAIL, HINT): one line */
	size_t len = strlen(buf);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return buf;
}

/* The server's notices (NOTICE: schema "x" already exists, skipping) say nothing the
 * operator needs; they are not printed. */
static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

PGconn *
cdc_pg_connect(const char *dsn, bool replication, const char *what, cdc_err *e)
{
	/* the DSN is expanded (a URL or key=value words), then these win over it */
	const char *keys[] = {"dbname", "application_name", "options", replication ? "replication" : NULL, NULL};
	const char *values[] = {dsn, "cdcc", session_options, replication ? "database" : NULL, NULL};
	PGconn *c = PQconnectdbParams(keys, values, 1);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		char err[768];
		cdc_fail(e, "%s: cannot connect: %s", what, cdc_pg_error(c, err, sizeof err));
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, quiet, NULL);
	return c;
}

bool
cdc_pg_exec(PGconn *c, const char *sql, const char *what, cdc_err *e)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(r);
	bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
	if (!ok) {
		char err[768];
		cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
	}
	PQclear(r);
	/* a multi-statement script may leave more results */
	while ((r = PQgetResult(c)) != NULL)
		PQclear(r);
	return ok;
}

bool
cdc_pg_query(PGconn *c, const char *sql, int nparams, const char *const *params, PGresult **res, const char *what,
             cdc_err *e)
{
	PGresult *r = PQexecParams(c, sql, nparams, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		char err[768];
		cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
		PQclear(r);
		return false;
	}
	if (res)
		*res = r;
	else
		PQclear(r);
	return true;
}

bool
cdc_pg_copy_in(PGconn *c, const char *sql, const char *data, size_t n, const char *what, cdc_err *e)
{
	char err[768];
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		PQclear(r);
		return cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
	}
	PQclear(r);
	/* in pieces: PQputCopyData takes an int length */
	const size_t piece = 1u << 20;
	for (size_t at = 0; at < n; at += piece) {
		size_t len = n - at < piece ? n - at : piece;
		if (PQputCopyData(c, data + at, (int)len) != 1) {
			PQputCopyEnd(c, "cdcc could not send the batch");
			while ((r = PQgetResult(c)) != NULL)
				PQclear(r);
			return cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
		}
	}
	bool ok = PQputCopyEnd(c, NULL) == 1;
	while ((r = PQgetResult(c)) != NULL) {
		ok &= PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
	}
	if (!ok)
		return cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
	return true;
}
