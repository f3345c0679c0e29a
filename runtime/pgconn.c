/*
 * runtime/pgconn.c — libpq connections (see pgconn.h).
 */
#include "runtime/pgconn.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The settings cdcc's text forms assume (runtime/value.c), for sessions and walsenders. */
static const char session_options[] =
	"-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=1 "
	"-c bytea_output=hex -c client_encoding=UTF8 -c standard_conforming_strings=on";

bool
cdc_pg_lost(PGconn *c, const PGresult *r)
{
	if (!c || PQstatus(c) == CONNECTION_BAD)
		return true;
	const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	return st && (strncmp(st, "08", 2) == 0 || strcmp(st, "57P01") == 0 || strcmp(st, "57P02") == 0 ||
	              strcmp(st, "57P03") == 0 || strcmp(st, "53300") == 0);
}

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

/* Replaces every occurrence of `secret` in msg with "***". */
static void
mask(char *msg, const char *secret)
{
	size_t n = secret ? strlen(secret) : 0;
	if (n == 0)
		return;
	for (char *p = strstr(msg, secret); p; p = strstr(p + 3, secret)) {
		memcpy(p, "***", 3);
		memmove(p + 3, p + n, strlen(p + n) + 1);
	}
}

/* libpq's error for a connection may quote the DSN (a malformed URL is quoted whole),
 * and the DSN may hold a password: the password, the DSN, and what follows "user:" in a
 * URL are masked before anyone sees the message. */
static void
scrub(char *msg, const char *dsn)
{
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(dsn, &err);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val)
			mask(msg, o->val);
	PQconninfoFree(opts);
	PQfreemem(err);
	mask(msg, dsn);
	/* postgresql://user:secret@host: whatever stands between "://user:" and "@" */
	for (char *p = strstr(msg, "://"); p; p = strstr(p + 3, "://")) {
		char *at = strchr(p + 3, '@'), *colon = strchr(p + 3, ':');
		if (at && colon && colon < at && !memchr(p + 3, ' ', (size_t)(at - p - 3))) {
			memmove(colon + 4, at, strlen(at) + 1);
			memcpy(colon + 1, "***", 3);
		}
	}
}

/*
 * How long a peer may stay silent before its connection is given up.  A server that
 * vanishes without closing its connections (a host powered off, a network partition, a
 * failover that moved an address) is otherwise waited for as long as the kernel's
 * defaults say: about 15 minutes for data it does not acknowledge, 2 hours or forever for
 * an idle connection, 2 minutes for a connection attempt.  These are libpq's parameters,
 * and the DSN's own values win; they only concern TCP (a Unix socket cannot go silent).
 * With the 60 s tcp_user_timeout, a connection whose server stopped answering fails
 * within about a minute, and the run's retries take over.
 */
static const struct {
	const char *key, *value;
	const char *server;   /* the same setting of the server's end, or NULL */
} tcp_params[] = {
	{"connect_timeout", "10", NULL},
	{"keepalives", "1", NULL},
	{"keepalives_idle", "30", "tcp_keepalives_idle"},
	{"keepalives_interval", "10", "tcp_keepalives_interval"},
	{"keepalives_count", "3", "tcp_keepalives_count"},
	{"tcp_user_timeout", "60000", "tcp_user_timeout"},
};
enum { NTCP = sizeof tcp_params / sizeof tcp_params[0] };

static bool
digits(const char *s)
{
	if (!s || !*s || strlen(s) > 9)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/*
 * The session options: cdcc's text forms, then the server's end of the connection given
 * the same keepalives as cdcc's end, and a target session also the same
 * tcp_user_timeout.  That is for the session a lost client leaves behind: a target
 * session cut off in the middle of a batch stays open on the server, holding the batch's
 * row locks, until the server's own keepalives (2 hours by default) see that cdcc is
 * gone, and the next attempt's batch would wait for those locks.  Only a target's: on
 * Linux a tcp_user_timeout also ends a connection whose reader keeps its window closed
 * that long, and cdcc stops reading a source (a snapshot's COPY, the stream) while its
 * targets are slow; wal_sender_timeout already ends a walsender that lost its reader.
 * Values that are not plain numbers are left to libpq, which refuses them.
 */
static void
build_options(char *out, size_t n, const char *const *eff, cdc_pg_role role)
{
	int at = snprintf(out, n, "%s", session_options);
	bool keepalives = !eff[1] || strcmp(eff[1], "0") != 0;
	for (int i = 0; i < NTCP; i++) {
		const char *server = tcp_params[i].server;
		if (!server || !digits(eff[i]) || at < 0 || (size_t)at >= n)
			continue;
		if (strcmp(server, "tcp_user_timeout") == 0 ? role != CDC_PG_WRITE : !keepalives)
			continue;
		at += snprintf(out + at, n - (size_t)at, " -c %s=%s", server, eff[i]);
	}
}

PGconn *
cdc_pg_connect(const char *dsn, cdc_pg_role role, const char *what, cdc_err *e)
{
	/* the timeouts in effect: the DSN's, else cdcc's defaults; a DSN that names a
	 * service leaves them all to libpq, which reads the service file only for what is
	 * not set (cdcc's defaults would win over the file) */
	const char *eff[NTCP];
	char *perr = NULL;
	PQconninfoOption *given = PQconninfoParse(dsn, &perr);
	PQfreemem(perr);
	const char *service = getenv("PGSERVICE");
	bool defaults = !(service && *service);
	for (PQconninfoOption *o = given; o && o->keyword; o++)
		if (o->val && *o->val && strcmp(o->keyword, "service") == 0)
			defaults = false;
	const char *timeout = getenv("PGCONNECT_TIMEOUT");
	for (int i = 0; i < NTCP; i++) {
		eff[i] = defaults ? tcp_params[i].value : NULL;
		if (i == 0 && timeout && *timeout)
			eff[i] = timeout;   /* libpq's own default source, kept */
		for (PQconninfoOption *o = given; o && o->keyword; o++)
			if (o->val && *o->val && strcmp(o->keyword, tcp_params[i].key) == 0)
				eff[i] = o->val;
	}
	char options[sizeof session_options + 256];
	build_options(options, sizeof options, eff, role);

	/* the DSN is expanded (a URL or key=value words), then what follows it wins over it */
	const char *keys[NTCP + 5], *values[NTCP + 5];
	int k = 0;
	for (int i = 0; i < NTCP; i++)
		if (eff[i]) {
			keys[k] = tcp_params[i].key;
			values[k++] = eff[i];
		}
	keys[k] = "dbname", values[k++] = dsn;
	keys[k] = "application_name", values[k++] = "cdcc";
	keys[k] = "options", values[k++] = options;
	if (role == CDC_PG_REPLICATION)
		keys[k] = "replication", values[k++] = "database";
	keys[k] = NULL, values[k] = NULL;
	PGconn *c = PQconnectdbParams(keys, values, 1);
	PQconninfoFree(given);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		char err[768];
		cdc_pg_error(c, err, sizeof err);
		scrub(err, dsn);
		cdc_fail(e, "%s: cannot connect: %s", what, err);
		/* an unreachable server may come back; wrong credentials or names do not */
		e->retry = !strstr(err, "authentication") && !strstr(err, "pg_hba.conf") && !strstr(err, "does not exist") &&
		           !strstr(err, "invalid") && !strstr(err, "permission denied") && !strstr(err, "missing \"=\"");
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
		e->retry = cdc_pg_lost(c, r);
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
		e->retry = cdc_pg_lost(c, r);
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
cdc_pg_query_within(PGconn *c, const char *sql, PGresult **res, int64_t timeout_ms, const char *what, cdc_err *e)
{
	char err[768];
	if (!PQsendQuery(c, sql))
		return cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* every statement's result, up to the NULL that ends them, each waited for within
	 * the deadline (PQgetResult would block): the last one kept, the first failure told */
	PGresult *r, *last = NULL;
	bool ok = true;
	for (;;) {
		while (PQisBusy(c)) {
			struct timespec t;
			clock_gettime(CLOCK_MONOTONIC, &t);
			int64_t left = timeout_ms - ((int64_t)(t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
			struct pollfd p = {PQsocket(c), POLLIN, 0};
			int n = left > 0 ? poll(&p, 1, (int)left) : 0;
			if (n < 0 && errno == EINTR)
				continue;
			if (n == 0 || n < 0 || !PQconsumeInput(c)) {
				PQclear(last);
				if (n == 0)
					return cdc_fail(e, "%s: no answer in %" PRId64 " s", what, timeout_ms / 1000);
				return cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
			}
		}
		if ((r = PQgetResult(c)) == NULL)
			break;
		ExecStatusType st = PQresultStatus(r);
		if (ok && st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
			snprintf(err, sizeof err, "%s", PQresultErrorMessage(r));
			err[strcspn(err, "\n")] = '\0';
			ok = cdc_fail(e, "%s: %s", what, err);
		}
		PQclear(last);
		last = r;
	}
	if (!ok || !last) {
		PQclear(last);
		return ok ? cdc_fail(e, "%s: no result", what) : false;
	}
	*res = last;
	return true;
}

bool
cdc_pg_copy_begin(PGconn *c, const char *sql, const char *what, cdc_err *e)
{
	char err[768];
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
		e->retry = cdc_pg_lost(c, r);
		PQclear(r);
		return false;
	}
	PQclear(r);
	return true;
}

bool
cdc_pg_copy_put(PGconn *c, const char *data, size_t n, const char *what, cdc_err *e)
{
	/* in pieces: PQputCopyData takes an int length */
	const size_t piece = 1u << 20;
	for (size_t at = 0; at < n; at += piece) {
		size_t len = n - at < piece ? n - at : piece;
		if (PQputCopyData(c, data + at, (int)len) != 1) {
			char err[768];
			PGresult *r;
			PQputCopyEnd(c, "cdcc could not send the batch");
			while ((r = PQgetResult(c)) != NULL)
				PQclear(r);
			cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
			e->retry = cdc_pg_lost(c, NULL);
			return false;
		}
	}
	return true;
}

bool
cdc_pg_copy_end(PGconn *c, const char *what, cdc_err *e)
{
	PGresult *r;
	bool ok = PQputCopyEnd(c, NULL) == 1, lost = !ok && cdc_pg_lost(c, NULL);
	while ((r = PQgetResult(c)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			ok = false;
			lost |= cdc_pg_lost(c, r);
		}
		PQclear(r);
	}
	if (!ok) {
		char err[768];
		cdc_fail(e, "%s: %s", what, cdc_pg_error(c, err, sizeof err));
		e->retry = lost || cdc_pg_lost(c, NULL);
		return false;
	}
	return true;
}
