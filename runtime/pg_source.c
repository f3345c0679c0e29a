/*
 * runtime/pg_source.c — PostgreSQL sources: logical replication with pgoutput.
 *
 * Two connections: a SQL session (checks, publication, the snapshot's COPY,
 * pg_current_wal_lsn) and a walsender session (replication=database) for the slot and
 * the stream.  start():
 *
 *   1. checks the server (wal_level), every captured table (it exists, has the columns
 *      the pipeline declares, and a replica identity that identifies a row), and the
 *      publication (created for the tables if missing, tables added if not in it; when
 *      the role may not, the error prints the SQL to run);
 *   2. with a resume position: the slot must exist; streaming starts after the position;
 *   3. without one (nothing committed in any target): a stale slot is dropped, the slot is
 *      created with an exported snapshot, and the tables are copied in that snapshot (on
 *      the SQL session, before START_REPLICATION: the export dies with the walsender's
 *      next command) and delivered as one snapshot transaction whose position is the
 *      slot's consistent point — the stream starts exactly there, so no change is missed
 *      or seen twice;
 *   4. START_REPLICATION with proto_version 2 and streaming on.
 *
 * poll() reads the stream.  A transaction sent whole (Begin ... Commit) goes to the sink
 * as it arrives; one streamed while in progress (Stream Start/Stop blocks, then Stream
 * Commit or Abort) is kept per transaction id and delivered at its commit, without the
 * subtransactions that were rolled back.  Transactions that committed at or before the
 * resume position are skipped: the slot may resend what a target committed but the slot
 * was not told of before a crash.
 *
 * Values arrive in their text form and are read as the pipeline declares the column
 * (cdc_val_parse): exact for numeric, timestamps, intervals, json and arrays.  A TOASTed
 * value the update did not change arrives as 'u' and goes on as UNCHANGED, never as NULL.
 * An update of the key is a delete of the old key and an insert of the new row.
 *
 * The walsender is answered: keepalives that ask for a reply get one, and a standby status
 * update goes every 10 s regardless; its flush position is what ack() was told, the last
 * position committed in every target, so the slot keeps the WAL of everything after it.
 * A stream silent for half of the source's `timeout` is asked for an answer (a status
 * update with the reply flag); silent for the rest of it, it is taken for lost.  TCP
 * keepalives cannot tell: a hung server's kernel, or a proxy in between, answers them.
 */
#include "runtime/source.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "compiler/types.h"
#include "runtime/drift.h"
#include "runtime/hmap.h"
#include "runtime/mem.h"
#include "runtime/pgconn.h"
#include "runtime/pg_schema.h"
#include "runtime/pgoutput.h"
#include "runtime/stage.h"
#include "runtime/vm.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

/* A relation the stream described: its columns, and where each goes in the IR table. */
typedef struct pg_rel {
	int   table;      /* IR table, or -1 when not captured */
	int   ncols;
	int  *map;        /* relation column -> IR input column, or -1 */
	bool *key;        /* relation column is part of the replica identity */
	char  replident;
	/* IR columns the relation lacks: a column the source gained later (its missing value
	 * or NULL), or a declared one it lost (NULL); UNCHANGED for the others */
	cdc_value *fill;
	bool       any_fill;
	bool      *raw;       /* relation column passed through unread (raw_column), or NULL */
} pg_rel;

/* One data message of a transaction streamed while in progress, kept until its commit. */
typedef struct pg_smsg {
	uint32_t xid;      /* the (sub)transaction that made the change */
	cdc_lsn  lsn;
	uint32_t len;
	uint8_t *data;
} pg_smsg;

/* A transaction streamed while in progress: its messages in memory up to STXN_MEMORY
 * bytes; past that all of them go to a temporary file (xid, lsn, length, bytes each),
 * where a subtransaction rolled back cannot be cut out: its xid is listed instead, and
 * its messages are skipped when the file is read back at the commit. */
typedef struct pg_stxn {
	uint32_t  xid;
	pg_smsg  *msgs;
	int       n, cap;
	size_t    bytes;       /* of the messages in memory */
	FILE     *file;
	uint32_t *aborted;     /* subtransactions rolled back, for the file */
	int       naborted, capaborted;
} pg_stxn;

#define STXN_MEMORY (4u << 20)

typedef struct pg_source {
	cdc_source    base;
	const cdc_rt *rt;
	const cdc_ir_source *src;
	char          what[256];       /* "source app" */
	cdc_buf       dsn;
	PGconn       *sql, *repl;
	char         *slot, *publication;
	bool          snapshot_initial;
	cdc_hmap      tables;          /* "schema.table" -> IR table index + 1 */
	bool         *partitioned;     /* per IR table: a partitioned table (read with its partitions) */
	bool        **gone;            /* per IR table: its declared columns the source no longer has */
	bool        **raw;             /* per IR table: its columns read as CDC_VAL_RAW (raw_column) */
	bool          any_partitioned;
	cdc_hmap      rels;            /* relation OID (decimal) -> pg_rel */
	uint32_t      last_oid;        /* the relation rel_of found last (a transaction's */
	pg_rel       *last_rel;        /* changes are mostly of one table), or NULL */
	cdc_arena    *rel_arena;       /* relation cache: lives as long as the source */
	cdc_arena    *msg_arena;       /* one message's decoded form and values: reset per message */
	/* the stream */
	cdc_lsn       resume;          /* skip transactions committed before this; 0: none */
	cdc_lsn       received;        /* the furthest position seen */
	cdc_lsn       last_lsn;        /* of the last message that had one: where a Relation is */
	cdc_lsn       acked;           /* committed in every target */
	cdc_lsn       once_target;     /* --once: the server's position at start */
	bool          in_txn, skip_txn, in_stream;
	uint32_t      stream_xid;
	int64_t       txn_time;
	uint32_t      txn_xid;
	pg_stxn      *stxns;
	int           nstxns, capstxns;
	int64_t       last_status;     /* when the last standby status update went */
	int64_t       timeout_us;      /* the stream's silence taken for a lost connection; -1: off */
	bool          heard;           /* a message came since the timers last looked */
	int64_t       heard_at;        /* when the timers last saw one come (or the stream start) */
	int64_t       asked_at;        /* when the server was asked for an answer; 0: not asked */
	/* heartbeat: while idle, the position the stream has reached goes to the targets as
	 * an empty transaction, so the checkpoint and the slot move with the server's WAL */
	int64_t       heartbeat_us;    /* -1: off */
	cdc_lsn       delivered;       /* the last position given to the sink */
	int64_t       delivered_at;
	int64_t       max_slot_wal;    /* warn when the slot holds back more WAL (bytes) */
	int64_t       last_wal_check, last_wal_warning;
	cdc_lsn       server_lsn;      /* the server's WAL position at the last check */
	bool          streaming;       /* START_REPLICATION is done: status updates may go */
	bool          flowing;         /* the stream's last read brought changes (pg_poll) */
	cdc_buf       scratch;
} pg_source;

#define STATUS_INTERVAL_US INT64_C(10000000)

/* While the stream flows, pg_poll sleeps this long before it reads again, instead of
 * waiting in select().  The walsender sends each message on its own, and a client that
 * waits for each is woken for each: a recv() and a select() per change.  The sleep lets
 * a few kilobytes gather for one read, and halved the client's CPU in a catch-up (which
 * shares the machine with the walsender and the target).  It must stay short: the
 * socket holds only a few hundred small messages, and a walsender that finds it full
 * waits (300 us made a catch-up 1.7x slower).  It adds at most this much to a change's
 * latency. */
#define COALESCE_US 50

/* ---- helpers ----------------------------------------------------------------------- */

/* An identifier or a literal as libpq quotes it for this server, in the source's arena. */
static char *
quoted(pg_source *s, const char *text, bool ident)
{
	char *q = ident ? PQescapeIdentifier(s->sql, text, strlen(text)) : PQescapeLiteral(s->sql, text, strlen(text));
	char *r = cdc_arena_strdup(s->rel_arena, q ? q : ident ? "\"\"" : "''");
	PQfreemem(q);
	return r;
}

static char *quote_ident(pg_source *s, const char *name) { return quoted(s, name, true); }
static char *quote_literal(pg_source *s, const char *text) { return quoted(s, text, false); }

/* "public"."orders" */
static char *
qualified(pg_source *s, const cdc_ir_table *t)
{
	return cdc_arena_printf(s->rel_arena, "%s.%s", quote_ident(s, t->schema), quote_ident(s, t->name));
}

/* The error of a statement the role may lack the rights for: the server's words, and
 * the SQL to run as a role that has them. */
static bool
fail_rights(pg_source *s, cdc_err *e, const char *doing, const char *sql, const char *fix)
{
	char err[512];
	return cdc_fail(e, "%s: cannot %s: %s; run as a role that may (%s): %s", s->what, doing,
	                cdc_pg_error(s->sql, err, sizeof err), fix, sql);
}

static bool
one_value(pg_source *s, const char *sql, int n, const char *const *params, cdc_buf *out, bool *found, cdc_err *e)
{
	PGresult *r;
	if (!cdc_pg_query(s->sql, sql, n, params, &r, s->what, e))
		return false;
	*found = PQntuples(r) > 0;
	cdc_buf_truncate(out, 0);
	if (*found && !PQgetisnull(r, 0, 0))
		cdc_buf_puts(out, PQgetvalue(r, 0, 0));
	PQclear(r);
	return true;
}

/* ---- checks at start ---------------------------------------------------------------- */

static bool
check_server(pg_source *s, cdc_err *e)
{
	bool found;
	if (!one_value(s, "SELECT current_setting('wal_level')", 0, NULL, &s->scratch, &found, e))
		return false;
	if (strcmp(cdc_buf_str(&s->scratch), "logical") != 0)
		return cdc_fail(e, "%s: the server's wal_level is '%s'; logical replication needs wal_level = logical "
		                "(ALTER SYSTEM SET wal_level = logical; then restart the server)",
		                s->what, cdc_buf_str(&s->scratch));
	/* Without a timeout of its own, the stream's is 60 s or twice the walsender's
	 * wal_sender_timeout, whichever is longer.  A walsender that replays a large
	 * transaction of tables not published sends nothing, and reads cdcc's request for an
	 * answer only every wal_sender_timeout / 2; a shorter timeout would take it for lost,
	 * and the next attempt would replay the same transaction again. */
	if (s->timeout_us == 0) {
		if (!one_value(s, "SELECT setting FROM pg_settings WHERE name = 'wal_sender_timeout'", 0, NULL, &s->scratch,
		               &found, e))
			return false;
		int64_t wst = found ? strtoll(cdc_buf_str(&s->scratch), NULL, 10) * 1000 : 0;
		s->timeout_us = 2 * wst > INT64_C(60000000) ? 2 * wst : INT64_C(60000000);
	}
	return true;
}

/* ---- schema drift (drift.h) ----------------------------------------------------- */

/* A type as cdcc reads it: the server's name when cdcc knows it, else text (its text
 * form), as `cdcc schema pull` records it. */
static const char *
readable_type(const char *type)
{
	cdc_type ty;
	const char *why;
	return cdc_type_parse_text(type, &ty, &why) == CDC_TYERR_OK ? type : "text";
}

/* The routes of table ti whose on_schema_change is `policy`, as "dw.public.orders (line
 * 12)", or NULL when there are none. */
static const char *
routes_with(pg_source *s, int ti, int policy)
{
	const cdc_ir *ir = s->rt->ir;
	const cdc_ir_table *t = &ir->tables[ti];
	cdc_buf b = CDC_BUF_INIT;
	for (int k = 0; k < t->nroutes; k++) {
		const cdc_ir_route *r = &t->routes[k];
		if (r->drift != policy)
			continue;
		cdc_buf_printf(&b, "%s%s.%s%s%s (line %u)", b.len ? ", " : "", ir->targets[r->target].name,
		               r->schema ? r->schema : "", r->schema ? "." : "", r->name, r->line);
	}
	const char *out = b.len ? cdc_arena_strdup(s->msg_arena, cdc_buf_str(&b)) : NULL;
	cdc_buf_free(&b);
	return out;
}

/* Declared column c of table ti is not in the source (any more): with a route whose
 * on_schema_change is fail, the run stops; else its values are NULL from here on, and a
 * warning says so.  `position`: where the stream showed it, or NULL at the start. */
static bool
lost_column(pg_source *s, int ti, int c, const char *position, cdc_err *e)
{
	const cdc_ir_table *t = &s->rt->ir->tables[ti];
	const cdc_ir_col *col = &t->cols[c];
	const char *fail = routes_with(s, ti, CDC_IR_DRIFT_FAIL);
	char at[64] = "";
	if (position)
		snprintf(at, sizeof at, " at %s", position);
	if (fail || col->not_null)
		return cdc_fail(e, "%s: table %s no longer has column %s%s, which the pipeline declares (line %u)%s%s; "
		                "fix: take the column out of the table block (and out of the target: cdcc ddl "
		                "--migrate-from), then run again", s->what, t->display, col->name, at, col->line,
		                fail ? "; on_schema_change = fail in the merge into " : ", NOT NULL",
		                fail ? fail : "");
	if (s->gone[ti] && !s->gone[ti][c])
		cdc_log(s->rt, CDC_LOG_WARN, "%s: table %s no longer has column %s%s, which the pipeline declares (line "
		        "%u): its value is NULL from here on; take it out of the table block to stop this warning",
		        s->what, t->display, col->name, at, col->line);
	if (s->gone[ti])
		s->gone[ti][c] = true;
	return true;
}

static bool
same_rtype(cdc_rtype a, cdc_rtype b)
{
	return a.id == b.id && a.array == b.array && a.scale == b.scale && a.mod == b.mod;
}

/*
 * Whether column col of table t can pass through unread (CDC_VAL_RAW): the table's
 * program does nothing with its rows, and the source's type is exactly the declared
 * one and of a kind whose text needs no quoting.  The source's text then is what
 * reading and writing the value would give back (the sessions use cdcc's settings), and
 * the target reads it as the same type; reading and writing it again was most of the
 * client's time in a snapshot.
 */
static bool
raw_column(const cdc_ir_table *t, const cdc_ir_col *col, const char *source_type)
{
	cdc_rtype ty;
	const char *why;
	return cdc_stage_identity(t) && cdc_val_raw_type(col->type) && cdc_drift_rtype(source_type, &ty, &why) &&
	       same_rtype(ty, col->type);
}

/* Every captured table exists, has the declared columns, and a replica identity. */
static bool
check_tables(pg_source *s, cdc_err *e)
{
	const cdc_ir *ir = s->rt->ir;
	static const char sql[] =
		"SELECT c.oid, c.relkind, c.relreplident, "
		"       EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary), "
		"       EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident) "
		"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
		"WHERE n.nspname = $1 AND c.relname = $2";
	for (int i = 0; i < ir->ntables; i++) {
		const cdc_ir_table *t = &ir->tables[i];
		if (t->source != s->base.index)
			continue;
		const char *params[] = {t->schema, t->name};
		PGresult *r;
		if (!cdc_pg_query(s->sql, sql, 2, params, &r, s->what, e))
			return false;
		if (PQntuples(r) == 0) {
			PQclear(r);
			return cdc_fail(e, "%s: table %s.%s does not exist in the source database", s->what, t->schema, t->name);
		}
		char oid[16], kind = PQgetvalue(r, 0, 1)[0], ident = PQgetvalue(r, 0, 2)[0];
		bool pk = PQgetvalue(r, 0, 3)[0] == 't', index = PQgetvalue(r, 0, 4)[0] == 't';
		snprintf(oid, sizeof oid, "%s", PQgetvalue(r, 0, 0));
		PQclear(r);
		const char *q = qualified(s, t);
		/* a partitioned table is captured whole: its changes are published under its own
		 * name (publish_via_partition_root), and the snapshot reads its partitions */
		s->partitioned[i] = kind == 'p';
		s->any_partitioned |= kind == 'p';
		if (kind != 'r' && kind != 'p')
			return cdc_fail(e, "%s: %s.%s is not a table (relkind '%c'); only tables are replicated", s->what,
			                t->schema, t->name, kind);
		if (ident == 'n' || (ident == 'd' && !pk) || (ident == 'i' && !index))
			return cdc_fail(e, "%s: table %s.%s has no primary key and no replica identity, so its updates and "
			                "deletes cannot say which row they change; fix: ALTER TABLE %s ADD PRIMARY KEY (...); "
			                "or ALTER TABLE %s REPLICA IDENTITY FULL;", s->what, t->schema, t->name, q, q);
		const char *cp[] = {oid};
		if (!cdc_pg_query(s->sql, cdc_pg_columns_sql, 1, cp, &r, s->what, e))
			return false;
		bool ok = true;
		s->gone[i] = cdc_arena_zalloc(s->rel_arena, (size_t)t->ncols + 1);
		s->raw[i] = cdc_arena_zalloc(s->rel_arena, (size_t)t->ncols + 1);
		for (int c = 0; c < t->ncols && ok; c++) {
			int have = -1;
			for (int k = 0; k < PQntuples(r) && have < 0; k++)
				if (strcmp(PQgetvalue(r, k, 0), t->cols[c].name) == 0)
					have = k;
			if (have < 0)
				ok = lost_column(s, i, c, NULL, e);
			else
				s->raw[i][c] = raw_column(t, &t->cols[c], PQgetvalue(r, have, 1));
		}
		/* the first run of a table records its columns: what the stream shows later that
		 * is not among them is new (drift.h) */
		if (ok && !cdc_drift_has_table(s->rt->drift, i))
			for (int k = 0; k < PQntuples(r); k++) {
				const char *name = PQgetvalue(r, k, 0);
				bool declared = false;
				for (int c = 0; c < t->ncols && !declared; c++)
					declared = strcmp(t->cols[c].name, name) == 0;
				cdc_drift_put(s->rt->drift, -1, i, name, readable_type(PQgetvalue(r, k, 1)),
				              declared ? CDC_DRIFT_DECLARED : CDC_DRIFT_PRESENT, NULL, true);
			}
		PQclear(r);
		if (!ok)
			return false;
	}
	return true;
}

static bool
check_publication(pg_source *s, cdc_err *e)
{
	const cdc_ir *ir = s->rt->ir;
	const char *pub = quote_ident(s, s->publication);
	cdc_buf sql = CDC_BUF_INIT;
	PGresult *r;
	const char *params[] = {s->publication};
	bool ok = cdc_pg_query(s->sql, "SELECT puballtables, pubinsert AND pubupdate AND pubdelete, pubviaroot "
	                       "FROM pg_publication WHERE pubname = $1", 1, params, &r, s->what, e);
	if (!ok)
		return false;
	bool exists = PQntuples(r) == 1;
	bool all = exists && PQgetvalue(r, 0, 0)[0] == 't';
	bool dml = exists && PQgetvalue(r, 0, 1)[0] == 't';
	bool viaroot = exists && PQgetvalue(r, 0, 2)[0] == 't';
	PQclear(r);
	if (!exists) {
		cdc_buf_printf(&sql, "CREATE PUBLICATION %s FOR TABLE ", pub);
		int n = 0;
		for (int i = 0; i < ir->ntables; i++)
			if (ir->tables[i].source == s->base.index)
				cdc_buf_printf(&sql, "%s%s", n++ ? ", " : "", qualified(s, &ir->tables[i]));
		if (s->any_partitioned)
			cdc_buf_puts(&sql, " WITH (publish_via_partition_root = true)");
		cdc_buf_puts(&sql, ";");
		ok = cdc_pg_exec(s->sql, cdc_buf_str(&sql), s->what, e);
		if (!ok)
			fail_rights(s, e, "create the publication", cdc_buf_str(&sql), "the tables' owner");
		else
			cdc_log(s->rt, CDC_LOG_INFO, "%s: created publication %s", s->what, s->publication);
		cdc_buf_free(&sql);
		return ok;
	}
	if (s->any_partitioned && !viaroot) {
		cdc_buf_free(&sql);
		return cdc_fail(e, "%s: the pipeline captures a partitioned table, whose changes publication %s must publish "
		                "under the table's own name; fix: ALTER PUBLICATION %s SET (publish_via_partition_root = true);",
		                s->what, s->publication, pub);
	}
	if (!dml) {
		cdc_buf_free(&sql);
		return cdc_fail(e, "%s: publication %s does not publish every insert, update and delete; fix: ALTER "
		                "PUBLICATION %s SET (publish = 'insert, update, delete, truncate');", s->what, s->publication, pub);
	}
	if (all)
		return true;
	if (!cdc_pg_query(s->sql, "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = $1", 1, params,
	                  &r, s->what, e))
		return false;
	int missing = 0;
	for (int i = 0; i < ir->ntables; i++) {
		const cdc_ir_table *t = &ir->tables[i];
		if (t->source != s->base.index)
			continue;
		bool in = false;
		for (int k = 0; k < PQntuples(r) && !in; k++)
			in = strcmp(PQgetvalue(r, k, 0), t->schema) == 0 && strcmp(PQgetvalue(r, k, 1), t->name) == 0;
		if (!in)
			cdc_buf_printf(&sql, "%s%s", missing++ ? ", " : "", qualified(s, t));
	}
	PQclear(r);
	if (missing) {
		cdc_buf add = CDC_BUF_INIT;
		cdc_buf_printf(&add, "ALTER PUBLICATION %s ADD TABLE %s;", pub, cdc_buf_str(&sql));
		ok = cdc_pg_exec(s->sql, cdc_buf_str(&add), s->what, e);
		if (!ok)
			fail_rights(s, e, "add the pipeline's tables to the publication", cdc_buf_str(&add),
			            "the publication's and the tables' owner");
		else
			cdc_log(s->rt, CDC_LOG_INFO, "%s: added %d table(s) to publication %s", s->what, missing, s->publication);
		cdc_buf_free(&add);
	}
	cdc_buf_free(&sql);
	return ok;
}

/* ---- the snapshot ------------------------------------------------------------------- */

/* One field of a text-format COPY row, unescaped in place; false for \N (NULL). */
static bool
copy_field(char *f, size_t *len)
{
	size_t n = *len, o = 0;
	if (n == 2 && f[0] == '\\' && f[1] == 'N')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (f[i] != '\\' || i + 1 == n) {
			f[o++] = f[i];
			continue;
		}
		char c = f[++i];
		switch (c) {
		case 'b': f[o++] = '\b'; break;
		case 'f': f[o++] = '\f'; break;
		case 'n': f[o++] = '\n'; break;
		case 'r': f[o++] = '\r'; break;
		case 't': f[o++] = '\t'; break;
		case 'v': f[o++] = '\v'; break;
		case 'x': {
			int v = 0, k = 0;
			for (; k < 2 && i + 1 < n; k++) {
				char h = f[i + 1];
				int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
				      : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
				if (d < 0)
					break;
				v = v * 16 + d;
				i++;
			}
			f[o++] = k ? (char)v : 'x';
			break;
		}
		default:
			if (c >= '0' && c <= '7') {
				int v = c - '0';
				for (int k = 0; k < 2 && i + 1 < n && f[i + 1] >= '0' && f[i + 1] <= '7'; k++)
					v = v * 8 + (f[++i] - '0');
				f[o++] = (char)v;
			} else {
				f[o++] = c;
			}
		}
	}
	*len = o;
	return true;
}

static bool
bad_value(pg_source *s, const cdc_ir_table *t, int c, const char *position, const char *text, size_t n,
          const char *why, cdc_err *e)
{
	cdc_buf type = CDC_BUF_INIT;
	cdc_rtype_str(t->cols[c].type, &type);
	cdc_fail(e, "%s: table %s, column %s, at %s: the value '%.*s%s' is not a valid %s: %s", s->what, t->display,
	         t->cols[c].name, position, n > 64 ? 64 : (int)n, text, n > 64 ? "..." : "", cdc_buf_str(&type),
	         why ? why : "invalid");
	cdc_buf_free(&type);
	return false;
}

/* Copies table t as of the snapshot the SQL session's transaction imported. */
static bool
copy_table(pg_source *s, int ti, const char *position, cdc_sink *k, cdc_err *e)
{
	const cdc_ir_table *t = &s->rt->ir->tables[ti];
	/* the planner's estimate of the rows, for the progress line */
	uint64_t total = 0;
	{
		char *est = cdc_arena_printf(s->msg_arena, "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = "
		                             "%s::regclass", quote_literal(s, qualified(s, t)));
		PGresult *q = PQexec(s->sql, est);
		if (PQresultStatus(q) == PGRES_TUPLES_OK && PQntuples(q) == 1)
			total = strtoull(PQgetvalue(q, 0, 0), NULL, 10);
		PQclear(q);
		cdc_arena_reset(s->msg_arena);
	}
	char what[512];
	snprintf(what, sizeof what, "%s: snapshot of %s", s->what, t->display);
	int64_t started = cdc_rt_now(), last = 0;
	cdc_buf sql = CDC_BUF_INIT;
	cdc_buf_puts(&sql, "COPY (SELECT ");
	for (int c = 0; c < t->ncols; c++)
		cdc_buf_printf(&sql, "%s%s", c ? ", " : "",
		               s->gone[ti] && s->gone[ti][c] ? "NULL" : quote_ident(s, t->cols[c].name));
	cdc_buf_printf(&sql, " FROM %s%s) TO STDOUT", s->partitioned[ti] ? "" : "ONLY ", qualified(s, t));
	PGresult *r = PQexec(s->sql, cdc_buf_str(&sql));
	cdc_buf_free(&sql);
	char err[512];
	if (PQresultStatus(r) != PGRES_COPY_OUT) {
		bool lost = cdc_pg_lost(s->sql, r);
		PQclear(r);
		cdc_fail(e, "%s: cannot read %s for the snapshot: %s", s->what, t->display,
		         cdc_pg_error(s->sql, err, sizeof err));
		e->retry = lost;
		return false;
	}
	PQclear(r);
	cdc_value *row = cdc_mem_alloc(((size_t)t->ncols + 1) * sizeof *row);
	uint64_t rows = 0;
	bool ok = true;
	char *line;
	int n;
	while ((n = PQgetCopyData(s->sql, &line, 0)) > 0) {
		if (!ok) {
			PQfreemem(line);
			continue;   /* drain the COPY */
		}
		size_t len = (size_t)n;
		if (len && line[len - 1] == '\n')
			len--;
		char *f = line, *end = line + len;
		for (int c = 0; c < t->ncols && ok; c++) {
			char *tab = memchr(f, '\t', (size_t)(end - f));
			char *fe = tab ? tab : end;
			size_t flen = (size_t)(fe - f);
			if (!copy_field(f, &flen)) {
				row[c] = cdc_val_null();
			} else if (s->raw[ti] && s->raw[ti][c]) {
				row[c] = cdc_val_raw(f, flen);
			} else {
				const char *why = NULL;
				if (!cdc_val_parse(s->msg_arena, t->cols[c].type, f, flen, &row[c], &why))
					ok = bad_value(s, t, c, position, f, flen, why, e);
			}
			f = tab ? tab + 1 : end;
		}
		ok = ok && k->change(k, ti, CDC_EVOP_SNAPSHOT, row, NULL, position, e);
		cdc_arena_reset(s->msg_arena);
		PQfreemem(line);
		rows++;
		if ((rows & 1023) == 0)
			cdc_progress(s->rt, what, rows, total, started, &last, false);
		if (ok && s->rt->stop && *s->rt->stop)
			ok = cdc_fail(e, "%s: stopped during the snapshot of %s", s->what, t->display);
	}
	cdc_mem_free(row);
	while ((r = PQgetResult(s->sql)) != NULL) {
		if (ok && PQresultStatus(r) != PGRES_COMMAND_OK) {
			ok = cdc_fail(e, "%s: the snapshot of %s failed: %s", s->what, t->display,
			              cdc_pg_error(s->sql, err, sizeof err));
			e->retry = cdc_pg_lost(s->sql, r);
		}
		PQclear(r);
	}
	if (ok && n == -2) {
		ok = cdc_fail(e, "%s: the snapshot of %s failed: %s", s->what, t->display, cdc_pg_error(s->sql, err, sizeof err));
		e->retry = true;
	}
	cdc_progress(s->rt, what, rows, total, started, &last, true);
	if (ok)
		cdc_log(s->rt, CDC_LOG_INFO, "%s: snapshot of %s: %" PRIu64 " rows (%.1f s)", s->what, t->display, rows,
		        (double)(cdc_rt_now() - started) / 1e6);
	return ok;
}

/*
 * Delivers, as one transaction of `kind`, the source's tables as of the snapshot
 * `name` that a replication connection exported at `point`: every table for the initial
 * snapshot, the ones a target misses for a copy.
 */
static bool
copy_tables(pg_source *s, cdc_txn kind, const char *name, const char *point, cdc_sink *k, cdc_err *e)
{
	cdc_buf set = CDC_BUF_INIT;
	cdc_buf_printf(&set, "SET TRANSACTION SNAPSHOT %s", quote_literal(s, name));
	bool ok = cdc_pg_exec(s->sql, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", s->what, e) &&
	          cdc_pg_exec(s->sql, cdc_buf_str(&set), s->what, e);
	cdc_buf_free(&set);
	/* the snapshot's rows carry its start as their commit time */
	ok = ok && k->begin(k, kind, point, cdc_rt_now(), 0, false, e);
	const cdc_ir *ir = s->rt->ir;
	for (int i = 0; i < ir->ntables && ok; i++)
		if (ir->tables[i].source == s->base.index && (kind == CDC_TXN_SNAPSHOT || k->missing(k, i)))
			ok = copy_table(s, i, point, k, e);
	ok = ok && cdc_pg_exec(s->sql, "COMMIT", s->what, e);
	ok = ok && k->commit(k, point, e);
	if (!ok && PQtransactionStatus(s->sql) != PQTRANS_IDLE) {
		PGresult *r = PQexec(s->sql, "ROLLBACK");
		PQclear(r);
	}
	return ok;
}

/* Creates a replication slot (`temporary`: one that lives as long as the replication
 * connection) with an exported snapshot: its consistent point, and the snapshot's name
 * (in the relation arena) for SET TRANSACTION SNAPSHOT. */
static bool
create_slot(pg_source *s, const char *slot, bool temporary, bool export, char point[CDC_LSN_TEXT], char **name,
            cdc_err *e)
{
	char err[512];
	cdc_buf cmd = CDC_BUF_INIT;
	cdc_buf_printf(&cmd, "CREATE_REPLICATION_SLOT %s%s LOGICAL pgoutput (SNAPSHOT '%s')", quote_ident(s, slot),
	               temporary ? " TEMPORARY" : "", export ? "export" : "nothing");
	PGresult *r = PQexec(s->repl, cdc_buf_str(&cmd));
	cdc_buf_free(&cmd);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		bool lost = cdc_pg_lost(s->repl, r);
		PQclear(r);
		cdc_fail(e, "%s: cannot create replication slot %s: %s (the role needs the REPLICATION attribute: "
		         "ALTER ROLE ... REPLICATION; and a free slot: max_replication_slots)", s->what, slot,
		         cdc_pg_error(s->repl, err, sizeof err));
		e->retry = lost;
		return false;
	}
	*name = cdc_arena_strdup(s->rel_arena, PQgetisnull(r, 0, 2) ? "" : PQgetvalue(r, 0, 2));
	snprintf(point, CDC_LSN_TEXT, "%s", PQgetvalue(r, 0, 1));
	PQclear(r);
	cdc_lsn lsn;
	if (!cdc_lsn_parse(point, &lsn))
		return cdc_fail(e, "%s: the server gave slot %s an unreadable consistent point '%s'", s->what, slot, point);
	return true;
}

/* Creates the slot with an exported snapshot and delivers the tables as of it. */
static bool
snapshot(pg_source *s, cdc_sink *k, cdc_err *e)
{
	char point[CDC_LSN_TEXT], *name;
	if (!create_slot(s, s->slot, false, s->snapshot_initial, point, &name, e))
		return false;
	cdc_log(s->rt, CDC_LOG_INFO, "%s: created replication slot %s at %s", s->what, s->slot, point);
	cdc_lsn_parse(point, &s->resume);
	if (!s->snapshot_initial) {
		/* streaming only: the start is a transaction with no changes, so that the targets
		 * record where the pipeline began */
		return k->begin(k, CDC_TXN_CHANGES, point, 0, 0, false, e) && k->commit(k, point, e);
	}
	return copy_tables(s, CDC_TXN_SNAPSHOT, name, point, k, e);
}

/*
 * Tables added to a pipeline that has already run (or routes added to its targets):
 * copied as of the exported snapshot of a temporary slot, before the stream resumes at
 * the targets' checkpoints, which are older.  The temporary slot's consistent point P
 * splits the added table's history exactly: a transaction whose commit record starts
 * before P is in the copy, and the sink leaves it out of the stream; one that starts at
 * or after P is not in the copy, and the pipeline's own slot streams it — its table is
 * in the publication since check_publication, which committed before P.
 */
static bool
copy_added(pg_source *s, cdc_sink *k, cdc_err *e)
{
	const cdc_ir *ir = s->rt->ir;
	int n = 0;
	for (int i = 0; i < ir->ntables; i++)
		n += ir->tables[i].source == s->base.index && k->missing(k, i);
	if (!n)
		return true;
	if (!s->snapshot_initial) {
		cdc_log(s->rt, CDC_LOG_INFO, "%s: %d table(s) new to the pipeline are not copied (snapshot = never): only "
		        "their changes from now on arrive", s->what, n);
		return true;
	}
	/* the pipeline's slot name leaves room: slot names have 63 characters at most.  A new
	 * name for each attempt: after a lost connection, the walsender of the one before may
	 * hold its slot for a while */
	static unsigned attempt;
	char slot[64], point[CDC_LSN_TEXT], *name;
	snprintf(slot, sizeof slot, "%.36s_copy_%ld_%u", s->slot, (long)getpid(), ++attempt);
	if (!create_slot(s, slot, true, true, point, &name, e))
		return false;
	cdc_log(s->rt, CDC_LOG_INFO, "%s: copying %d table(s) new to the pipeline as of %s (temporary slot %s)", s->what,
	        n, point, slot);
	if (!copy_tables(s, CDC_TXN_COPY, name, point, k, e))
		return false;
	/* gone with the connection anyway; dropped now so that it holds back no WAL */
	cdc_buf cmd = CDC_BUF_INIT;
	cdc_buf_printf(&cmd, "DROP_REPLICATION_SLOT %s", quote_ident(s, slot));
	PGresult *r = PQexec(s->repl, cdc_buf_str(&cmd));
	cdc_buf_free(&cmd);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (!ok) {
		char err[512];
		cdc_fail(e, "%s: cannot drop the temporary replication slot %s: %s", s->what, slot,
		         cdc_pg_error(s->repl, err, sizeof err));
		e->retry = true;
	}
	return ok;
}

/* ---- the stream --------------------------------------------------------------------- */

/* A standby status update; `reply` asks the server to answer at once. */
static bool
send_status(pg_source *s, bool reply, cdc_err *e)
{
	uint8_t m[34];
	m[0] = 'r';
	cdc_pgo_put64(m + 1, s->received > s->acked ? s->received : s->acked);   /* written */
	cdc_pgo_put64(m + 9, s->acked);                                            /* flushed */
	cdc_pgo_put64(m + 17, s->acked);                                           /* applied */
	cdc_pgo_put64(m + 25, (uint64_t)cdc_rt_now());
	m[33] = reply;
	char err[512];
	if (PQputCopyData(s->repl, (const char *)m, sizeof m) != 1 || PQflush(s->repl) != 0) {
		cdc_fail(e, "%s: cannot send the standby status: %s", s->what, cdc_pg_error(s->repl, err, sizeof err));
		e->retry = true;
		return false;
	}
	s->last_status = cdc_rt_now();
	return true;
}

static bool
start_stream(pg_source *s, cdc_err *e)
{
	char lsn[CDC_LSN_TEXT], err[512];
	cdc_lsn_format(s->resume, lsn);
	const char *pubs = quote_literal(s, quote_ident(s, s->publication));
	cdc_buf cmd = CDC_BUF_INIT;
	cdc_buf_printf(&cmd, "START_REPLICATION SLOT %s LOGICAL %s (proto_version '2', streaming 'on', "
	               "publication_names %s)", quote_ident(s, s->slot), lsn, pubs);
	PGresult *r = PQexec(s->repl, cdc_buf_str(&cmd));
	cdc_buf_free(&cmd);
	bool ok = PQresultStatus(r) == PGRES_COPY_BOTH, lost = !ok && cdc_pg_lost(s->repl, r);
	PQclear(r);
	if (!ok) {
		cdc_fail(e, "%s: cannot start replication from slot %s: %s", s->what, s->slot,
		         cdc_pg_error(s->repl, err, sizeof err));
		/* also when the slot is still held by the walsender of a connection just lost */
		e->retry = lost || strstr(e->msg, "is active for PID") != NULL;
		return false;
	}
	cdc_log(s->rt, CDC_LOG_INFO, "%s: streaming from slot %s after %s", s->what, s->slot, lsn);
	if (s->acked < s->resume)
		s->acked = s->resume;
	if (s->received < s->resume)
		s->received = s->resume;   /* what is before the start is read */
	s->delivered = s->resume;
	s->delivered_at = cdc_rt_now();
	s->streaming = true;
	s->heard_at = cdc_rt_now();
	s->asked_at = 0;
	return send_status(s, false, e);
}

static pg_rel *
rel_of(pg_source *s, uint32_t oid)
{
	if (s->last_rel && s->last_oid == oid)
		return s->last_rel;
	char key[16];
	snprintf(key, sizeof key, "%" PRIu32, oid);
	s->last_rel = cdc_hmap_get(&s->rels, key);
	s->last_oid = oid;
	return s->last_rel;
}

/* The relation's column types as cdcc reads them (readable_type), in one query. */
static bool
relation_types(pg_source *s, const cdc_pgo_msg *m, const char **types, cdc_err *e)
{
	cdc_buf oids = CDC_BUF_INIT, mods = CDC_BUF_INIT;
	cdc_buf_putc(&oids, '{');
	cdc_buf_putc(&mods, '{');
	for (int i = 0; i < m->ncols; i++) {
		cdc_buf_printf(&oids, "%s%" PRIu32, i ? "," : "", m->cols[i].type);
		cdc_buf_printf(&mods, "%s%" PRId32, i ? "," : "", m->cols[i].typmod);
	}
	cdc_buf_putc(&oids, '}');
	cdc_buf_putc(&mods, '}');
	const char *params[] = {cdc_buf_str(&oids), cdc_buf_str(&mods)};
	PGresult *r;
	bool ok = cdc_pg_query(s->sql,
		"SELECT CASE WHEN t.typtype = 'e' THEN 'text' "
		"            WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) "
		"            ELSE format_type(u.oid, u.mod) END "
		"FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS u(oid, mod, n) "
		"LEFT JOIN pg_type t ON t.oid = u.oid ORDER BY u.n", 2, params, &r, s->what, e);
	cdc_buf_free(&oids);
	cdc_buf_free(&mods);
	if (!ok)
		return false;
	for (int i = 0; i < m->ncols; i++)
		types[i] = cdc_arena_strdup(s->msg_arena, i < PQntuples(r) && !PQgetisnull(r, i, 0)
		                                          ? readable_type(PQgetvalue(r, i, 0)) : "text");
	PQclear(r);
	return true;
}

/* The value the source's rows from before column `name` was added hold (a constant
 * default is stored once, as attmissingval), in text form; NULL when none. */
static bool
missing_value(pg_source *s, uint32_t relid, const char *name, const char **out, cdc_err *e)
{
	char oid[16];
	snprintf(oid, sizeof oid, "%" PRIu32, relid);
	const char *params[] = {oid, name};
	PGresult *r;
	*out = NULL;
	/* attmissingval is an array of one element: its text form, unquoted */
	if (!cdc_pg_query(s->sql, "SELECT (attmissingval::text) FROM pg_attribute WHERE attrelid = $1::oid AND "
	                  "attname = $2 AND atthasmissing AND NOT attisdropped", 2, params, &r, s->what, e))
		return false;
	if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0)) {
		const char *a = PQgetvalue(r, 0, 0);
		size_t n = strlen(a);
		if (n >= 2 && a[0] == '{' && a[n - 1] == '}') {
			cdc_buf v = CDC_BUF_INIT;
			bool quoted = a[1] == '"';
			for (size_t i = quoted ? 2 : 1; i < n - (quoted ? 2 : 1); i++)
				cdc_buf_putc(&v, quoted && a[i] == '\\' ? a[++i] : a[i]);
			if (quoted || strcmp(cdc_buf_str(&v), "NULL") != 0)
				*out = cdc_arena_strdup(s->msg_arena, cdc_buf_str(&v));
			cdc_buf_free(&v);
		}
	}
	PQclear(r);
	return true;
}

/* Column i of relation m, of table ti, is in no record: the source gained it.  A route
 * with on_schema_change = fail stops the run here; otherwise every target records it as
 * added (when one of its routes adds it) or ignored, and the run starts over from the
 * checkpoints with it (e->drift). */
static bool
new_column(pg_source *s, int ti, const cdc_pgo_msg *m, int i, const char *type, const char *position, cdc_err *e)
{
	const cdc_ir *ir = s->rt->ir;
	const cdc_ir_table *t = &ir->tables[ti];
	const char *name = m->cols[i].name, *fail = routes_with(s, ti, CDC_IR_DRIFT_FAIL);
	if (fail)
		return cdc_fail(e, "%s: table %s gained column %s %s at %s, and on_schema_change = fail in the merge into "
		                "%s: the pipeline stops before that change; to go on, declare the column in the table "
		                "block (or `cdcc schema pull` for a schema lock) and add it to the target tables (cdcc ddl "
		                "--migrate-from prints the ALTER TABLE), or set on_schema_change = add or ignore; then run "
		                "again", s->what, t->display, name, type, position, fail);
	const char *missing;
	if (!missing_value(s, m->relid, name, &missing, e))
		return false;
	bool routed = false;
	for (int g = 0; g < ir->ntargets; g++) {
		bool into = false, adds = false;
		for (int k = 0; k < t->nroutes; k++)
			if (t->routes[k].target == g) {
				into = true;
				adds |= t->routes[k].drift == CDC_IR_DRIFT_ADD;
			}
		if (into)
			cdc_drift_put(s->rt->drift, g, ti, name, type, adds ? CDC_DRIFT_ADDED : CDC_DRIFT_IGNORED, missing, true);
		routed |= into;
	}
	if (!routed)
		cdc_drift_put(s->rt->drift, -1, ti, name, type, CDC_DRIFT_IGNORED, missing, true);
	const char *adds = routes_with(s, ti, CDC_IR_DRIFT_ADD);
	cdc_fail(e, "%s: table %s gained column %s %s at %s: %s%s", s->what, t->display, name, type, position,
	         adds ? "adding it to " : "ignored (on_schema_change = ignore)", adds ? adds : "");
	e->drift = true;
	return false;
}

/* Column c of table ti (relation column i) has another type than the one recorded.  When
 * the pipeline declares the new type, it is recorded quietly; else a route with
 * on_schema_change = fail stops the run, and otherwise a warning says the values are
 * still read as the declared type. */
static bool
retyped(pg_source *s, int ti, int c, const char *was, const char *type, const char *position, cdc_err *e)
{
	const cdc_ir_table *t = &s->rt->ir->tables[ti];
	const cdc_ir_col *col = &t->cols[c];
	cdc_rtype ty;
	const char *why;
	if (cdc_drift_rtype(type, &ty, &why) && same_rtype(ty, col->type)) {
		cdc_drift_retype(s->rt->drift, ti, col->name, type);
		return true;
	}
	cdc_buf declared = CDC_BUF_INIT;
	cdc_rtype_str(col->type, &declared);
	const char *fail = routes_with(s, ti, CDC_IR_DRIFT_FAIL);
	if (fail) {
		cdc_fail(e, "%s: column %s of table %s changed type from %s to %s at %s, and on_schema_change = fail in the "
		         "merge into %s: the pipeline stops before that change; to go on, declare the column as %s in the "
		         "table block (line %u) and change the target's column (cdcc ddl --migrate-from), or set "
		         "on_schema_change = add or ignore; then run again", s->what, col->name, t->display, was, type,
		         position, fail, type, col->line);
		cdc_buf_free(&declared);
		return false;
	}
	cdc_log(s->rt, CDC_LOG_WARN, "%s: column %s of table %s changed type from %s to %s at %s: its values are still "
	        "read as %s, as the pipeline declares (line %u); a value that does not fit stops the run", s->what,
	        col->name, t->display, was, type, position, cdc_buf_str(&declared), col->line);
	cdc_buf_free(&declared);
	cdc_drift_retype(s->rt->drift, ti, col->name, type);
	return true;
}

static bool
relation(pg_source *s, const cdc_pgo_msg *m, cdc_lsn lsn, cdc_err *e)
{
	s->last_rel = NULL;
	char key[16];
	snprintf(key, sizeof key, "%" PRIu32, m->relid);
	pg_rel *rel = cdc_arena_zalloc(s->rel_arena, sizeof *rel);
	char name[512];
	snprintf(name, sizeof name, "%s.%s", m->nspname, m->relname);
	intptr_t ti = (intptr_t)cdc_hmap_get(&s->tables, name) - 1;
	rel->table = (int)ti;
	rel->ncols = m->ncols;
	rel->replident = m->replident;
	rel->map = cdc_arena_alloc(s->rel_arena, ((size_t)m->ncols + 1) * sizeof *rel->map);
	rel->key = cdc_arena_alloc(s->rel_arena, ((size_t)m->ncols + 1) * sizeof *rel->key);
	const cdc_ir_table *t = ti >= 0 ? &s->rt->ir->tables[ti] : NULL;
	for (int i = 0; i < m->ncols; i++) {
		rel->map[i] = -1;
		rel->key[i] = m->cols[i].key;
		for (int c = 0; t && c < t->ncols; c++)
			if (strcmp(t->cols[c].name, m->cols[i].name) == 0)
				rel->map[i] = c;
	}
	if (t) {
		/* what changed since the columns were recorded (drift.h); a Relation message
		 * has no position of its own: the change before it says where it is */
		char position[CDC_LSN_TEXT];
		cdc_lsn_format(lsn ? lsn : s->last_lsn, position);
		const char **types = cdc_arena_alloc(s->msg_arena, ((size_t)m->ncols + 1) * sizeof *types);
		if (!relation_types(s, m, types, e))
			return false;
		for (int i = 0; i < m->ncols; i++) {
			const cdc_drift_col *rec = cdc_drift_find(s->rt->drift, (int)ti, m->cols[i].name);
			if (rec && rel->map[i] >= 0 && strcmp(rec->type, types[i]) != 0 &&
			    !retyped(s, (int)ti, rel->map[i], rec->type, types[i], position, e))
				return false;
			if (!rec && rel->map[i] < 0)
				return new_column(s, (int)ti, m, i, types[i], position, e);
		}
		rel->raw = cdc_arena_zalloc(s->rel_arena, (size_t)m->ncols + 1);
		for (int i = 0; i < m->ncols; i++)
			rel->raw[i] = rel->map[i] >= 0 && raw_column(t, &t->cols[rel->map[i]], types[i]);
		rel->fill = cdc_arena_alloc(s->rel_arena, ((size_t)t->ncols + 1) * sizeof *rel->fill);
		for (int c = 0; c < t->ncols; c++) {
			rel->fill[c].tag = CDC_VAL_UNCHANGED;
			bool have = false;
			for (int i = 0; i < m->ncols && !have; i++)
				have = rel->map[i] == c;
			if (have)
				continue;
			rel->any_fill = true;
			rel->fill[c] = cdc_val_null();
			if (c < t->prog->ninputs) {
				if (!lost_column(s, (int)ti, c, position, e))
					return false;
				continue;
			}
			/* a column added later, in a change from before it: the source's rows hold its
			 * missing value since */
			const cdc_drift_col *rec = cdc_drift_find(s->rt->drift, (int)ti, t->cols[c].name);
			const char *why = NULL;
			if (rec && rec->missing &&
			    !cdc_val_parse(s->rel_arena, t->cols[c].type, rec->missing, strlen(rec->missing), &rel->fill[c], &why))
				return bad_value(s, t, c, position, rec->missing, strlen(rec->missing), why, e);
		}
	}
	cdc_hmap_put(&s->rels, cdc_arena_strdup(s->rel_arena, key), rel);
	return true;
}

/* Reads tuple tp of relation rel into row (t->ncols values); columns not sent stay
 * UNCHANGED; `key_only`: the old key of an update or delete, whose other columns are
 * empty placeholders. */
static bool
read_tuple(pg_source *s, const pg_rel *rel, const cdc_pgo_tuple *tp, bool key_only, const char *position,
           cdc_value *row, cdc_err *e)
{
	const cdc_ir_table *t = &s->rt->ir->tables[rel->table];
	for (int c = 0; c < t->ncols; c++)
		row[c].tag = CDC_VAL_UNCHANGED;
	if (rel->any_fill && !key_only)
		for (int c = 0; c < t->ncols; c++)
			if (rel->fill[c].tag != CDC_VAL_UNCHANGED)
				row[c] = rel->fill[c];
	if (tp->ncols != rel->ncols)
		return cdc_fail(e, "%s: a change of %s has %d columns where its relation has %d", s->what, t->display,
		                tp->ncols, rel->ncols);
	for (int i = 0; i < tp->ncols; i++) {
		int c = rel->map[i];
		if (c < 0 || (key_only && !rel->key[i]))
			continue;
		const cdc_pgo_value *v = &tp->cols[i];
		switch (v->kind) {
		case 'n':
			row[c] = cdc_val_null();
			break;
		case 'u':
			row[c].tag = CDC_VAL_UNCHANGED;
			break;
		case 't': {
			if (rel->raw && rel->raw[i]) {
				row[c] = cdc_val_raw(v->data, v->len);
				break;
			}
			const char *why = NULL;
			if (!cdc_val_parse(s->msg_arena, t->cols[c].type, v->data, v->len, &row[c], &why))
				return bad_value(s, t, c, position, v->data, v->len, why, e);
			break;
		}
		default:
			return cdc_fail(e, "%s: column %s of %s arrived in binary form, which cdcc does not ask for", s->what,
			                t->cols[c].name, t->display);
		}
	}
	return true;
}

/* Whether the key columns of two tuples differ (by their text; a key not sent is the
 * same). */
static bool
key_changed(const pg_rel *rel, const cdc_pgo_tuple *old, const cdc_pgo_tuple *new)
{
	for (int i = 0; i < rel->ncols && i < old->ncols && i < new->ncols; i++) {
		if (!rel->key[i] || new->cols[i].kind == 'u' || old->cols[i].kind == 'u')
			continue;
		const cdc_pgo_value *a = &old->cols[i], *b = &new->cols[i];
		if (a->kind != b->kind || a->len != b->len || (a->len && memcmp(a->data, b->data, a->len) != 0))
			return true;
	}
	return false;
}

/*
 * The key of a row changed and the new row lacks a TOASTed column the update did not
 * change (with replica identity default, the old row carries its key only): the column
 * is read from the source now, by the new key.  It may be newer than this change — but
 * any later change of it comes after in the stream, with its value, so once the stream
 * is applied up to now the target holds what the source holds.  *found false: the row is
 * gone from the source (a later delete will come), and the change is quarantined.
 */
static bool
fetch_unsent(pg_source *s, const pg_rel *rel, const cdc_pgo_tuple *tp, cdc_value *row, const char *position,
             bool *found, cdc_err *e)
{
	const cdc_ir_table *t = &s->rt->ir->tables[rel->table];
	cdc_buf sql = CDC_BUF_INIT;
	const char **params = cdc_arena_alloc(s->msg_arena, ((size_t)rel->ncols + 1) * sizeof *params);
	int *want = cdc_arena_alloc(s->msg_arena, ((size_t)t->ncols + 1) * sizeof *want);
	int nparams = 0, nwant = 0;
	*found = false;
	cdc_buf_puts(&sql, "SELECT ");
	for (int c = 0; c < t->ncols; c++)
		if (row[c].tag == CDC_VAL_UNCHANGED) {
			cdc_buf_printf(&sql, "%s%s::text", nwant ? ", " : "", quote_ident(s, t->cols[c].name));
			want[nwant++] = c;
		}
	cdc_buf_printf(&sql, " FROM %s%s WHERE ", s->partitioned[rel->table] ? "" : "ONLY ", qualified(s, t));
	for (int i = 0; i < rel->ncols; i++) {
		if (!rel->key[i])
			continue;
		if (rel->map[i] < 0 || tp->cols[i].kind != 't') {
			cdc_buf_free(&sql);
			return true;   /* a key column the pipeline does not declare, or not sent: nothing to read by */
		}
		const cdc_ir_col *col = &t->cols[rel->map[i]];
		cdc_buf type = CDC_BUF_INIT;
		cdc_rtype_str(col->type, &type);
		cdc_buf_printf(&sql, "%s%s = $%d::%s", nparams ? " AND " : "", quote_ident(s, col->name), nparams + 1,
		               cdc_buf_str(&type));
		cdc_buf_free(&type);
		params[nparams++] = cdc_arena_strndup(s->msg_arena, tp->cols[i].data, tp->cols[i].len);
	}
	PGresult *r;
	bool ok = nparams > 0 && cdc_pg_query(s->sql, cdc_buf_str(&sql), nparams, params, &r, s->what, e);
	cdc_buf_free(&sql);
	if (!ok)
		return nparams == 0;
	if (PQntuples(r) == 1) {
		*found = true;
		for (int k = 0; k < nwant && ok; k++) {
			int c = want[k];
			if (PQgetisnull(r, 0, k)) {
				row[c] = cdc_val_null();
				continue;
			}
			const char *why = NULL, *v = PQgetvalue(r, 0, k);
			size_t n = (size_t)PQgetlength(r, 0, k);
			if (!cdc_val_parse(s->msg_arena, t->cols[c].type, v, n, &row[c], &why))
				ok = bad_value(s, t, c, position, v, n, why, e);
		}
	}
	PQclear(r);
	return ok;
}

/* One Insert, Update or Delete to the sink. */
static bool
change(pg_source *s, const cdc_pgo_msg *m, cdc_lsn lsn, cdc_sink *k, cdc_err *e)
{
	pg_rel *rel = rel_of(s, m->relid);
	if (!rel)
		return cdc_fail(e, "%s: a change of relation %" PRIu32 " arrived before its description", s->what, m->relid);
	if (rel->table < 0)
		return true;   /* in the publication, not in the pipeline */
	const cdc_ir_table *t = &s->rt->ir->tables[rel->table];
	char position[CDC_LSN_TEXT];
	cdc_lsn_format(lsn, position);
	size_t size = ((size_t)t->ncols + 1) * sizeof(cdc_value);
	cdc_value *row = cdc_arena_alloc(s->msg_arena, size), *old = NULL;
	bool full_old = m->old_kind == 'O';
	if (m->old_kind) {
		old = cdc_arena_alloc(s->msg_arena, size);
		if (!read_tuple(s, rel, &m->old, !full_old, position, old, e))
			return false;
	}
	switch (m->kind) {
	case CDC_PGO_INSERT:
		return read_tuple(s, rel, &m->new, false, position, row, e) &&
		       k->change(k, rel->table, CDC_EVOP_INSERT, row, NULL, position, e);
	case CDC_PGO_DELETE:
		if (!old)
			return cdc_fail(e, "%s: a delete of %s came without its key (replica identity nothing?); fix: ALTER "
			                "TABLE %s.%s REPLICA IDENTITY DEFAULT with a primary key, or FULL", s->what, t->display,
			                t->schema, t->name);
		return k->change(k, rel->table, CDC_EVOP_DELETE, old, NULL, position, e);
	default:
		break;
	}
	if (!read_tuple(s, rel, &m->new, false, position, row, e))
		return false;
	/* with the whole old row (replica identity full), nothing is missing */
	bool partial = false;
	for (int c = 0; c < t->ncols; c++) {
		if (row[c].tag == CDC_VAL_UNCHANGED && full_old && old[c].tag != CDC_VAL_UNCHANGED)
			row[c] = old[c];
		partial |= row[c].tag == CDC_VAL_UNCHANGED;
	}
	if (!old || !key_changed(rel, &m->old, &m->new))
		return k->change(k, rel->table, CDC_EVOP_UPDATE, row, full_old ? old : NULL, position, e);
	/* the key changed: the old row goes, the new one comes */
	if (!k->change(k, rel->table, CDC_EVOP_DELETE, old, NULL, position, e))
		return false;
	bool found = !partial;
	if (partial && !fetch_unsent(s, rel, &m->new, row, position, &found, e))
		return false;
	if (found)
		return k->change(k, rel->table, CDC_EVOP_INSERT, row, NULL, position, e);
	return k->reject(k, rel->table, CDC_EVOP_UPDATE, row, position,
	                 "the primary key changed and a TOASTed column was not sent (unchanged), and the row is no "
	                 "longer in the source to read it from; ALTER TABLE ... REPLICA IDENTITY FULL lets the source "
	                 "send such rows whole", e);
}

static void
truncated(pg_source *s, const cdc_pgo_msg *m, cdc_lsn lsn)
{
	char position[CDC_LSN_TEXT];
	cdc_lsn_format(lsn, position);
	for (int i = 0; i < m->nrelids; i++) {
		pg_rel *rel = rel_of(s, m->relids[i]);
		if (rel && rel->table >= 0)
			cdc_log(s->rt, CDC_LOG_WARN, "%s: %s was truncated at %s; the target keeps its rows (cdcc does not "
			        "replicate TRUNCATE: empty the target table yourself if it should follow)", s->what,
			        s->rt->ir->tables[rel->table].display, position);
	}
}

static pg_stxn *
stxn_of(pg_source *s, uint32_t xid, bool create)
{
	for (int i = 0; i < s->nstxns; i++)
		if (s->stxns[i].xid == xid)
			return &s->stxns[i];
	if (!create)
		return NULL;
	if (s->nstxns == s->capstxns) {
		s->capstxns = s->capstxns ? s->capstxns * 2 : 4;
		s->stxns = cdc_mem_realloc(s->stxns, (size_t)s->capstxns * sizeof *s->stxns);
	}
	pg_stxn *x = &s->stxns[s->nstxns++];
	memset(x, 0, sizeof *x);
	x->xid = xid;
	return x;
}

static void
stxn_drop(pg_source *s, pg_stxn *x, uint32_t subxid)
{
	int o = 0;
	for (int i = 0; i < x->n; i++) {
		/* a Relation message stays when its subtransaction goes: the server may count
		 * the table as described for the whole transaction (it tracks that per top
		 * transaction); describing a table once too often is harmless, too few times
		 * stops the run */
		if (subxid == x->xid || (x->msgs[i].xid == subxid && !(x->msgs[i].len && x->msgs[i].data[0] == 'R'))) {
			x->bytes -= x->msgs[i].len;
			cdc_mem_free(x->msgs[i].data);
		} else {
			x->msgs[o++] = x->msgs[i];
		}
	}
	x->n = o;
	if (subxid != x->xid) {
		if (x->file) {
			if (x->naborted == x->capaborted) {
				x->capaborted = x->capaborted ? x->capaborted * 2 : 8;
				x->aborted = cdc_mem_realloc(x->aborted, (size_t)x->capaborted * sizeof *x->aborted);
			}
			x->aborted[x->naborted++] = subxid;
		}
		return;
	}
	cdc_mem_free(x->msgs);
	cdc_mem_free(x->aborted);
	if (x->file)
		fclose(x->file);
	*x = s->stxns[--s->nstxns];
}

static bool
stxn_write(FILE *f, uint32_t xid, cdc_lsn lsn, const uint8_t *data, uint32_t len)
{
	return fwrite(&xid, sizeof xid, 1, f) == 1 && fwrite(&lsn, sizeof lsn, 1, f) == 1 &&
	       fwrite(&len, sizeof len, 1, f) == 1 && (len == 0 || fwrite(data, 1, len, f) == len);
}

/* Keeps one message of streamed transaction x. */
static bool
stxn_keep(pg_source *s, pg_stxn *x, uint32_t xid, cdc_lsn lsn, const uint8_t *p, size_t n, cdc_err *e)
{
	if (!x->file && x->bytes + n > STXN_MEMORY) {
		/* too big for memory: everything so far to a temporary file, and what follows */
		bool ok = (x->file = tmpfile()) != NULL;
		for (int i = 0; ok && i < x->n; i++)
			ok = stxn_write(x->file, x->msgs[i].xid, x->msgs[i].lsn, x->msgs[i].data, x->msgs[i].len);
		if (!ok)
			return cdc_fail(e, "%s: cannot write transaction %" PRIu32 " to a temporary file: %s", s->what, x->xid,
			                strerror(errno));
		for (int i = 0; i < x->n; i++)
			cdc_mem_free(x->msgs[i].data);
		x->n = 0;
		x->bytes = 0;
		cdc_log(s->rt, CDC_LOG_DEBUG, "%s: transaction %" PRIu32 " is large: kept in a temporary file", s->what, x->xid);
	}
	if (x->file) {
		if (!stxn_write(x->file, xid, lsn, p, (uint32_t)n))
			return cdc_fail(e, "%s: cannot write transaction %" PRIu32 " to a temporary file: %s", s->what, x->xid,
			                strerror(errno));
		return true;
	}
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->msgs = cdc_mem_realloc(x->msgs, (size_t)x->cap * sizeof *x->msgs);
	}
	pg_smsg *sm = &x->msgs[x->n++];
	sm->xid = xid;
	sm->lsn = lsn;
	sm->len = (uint32_t)n;
	sm->data = cdc_mem_alloc(n ? n : 1);
	memcpy(sm->data, p, n);
	x->bytes += n;
	return true;
}

static bool message(pg_source *s, const uint8_t *p, size_t n, cdc_lsn lsn, bool in_stream, cdc_sink *k, cdc_err *e);

/* A transaction ends at `end` (the end of its commit record): the sink's commit, and the
 * position the heartbeat counts from. */
static bool
commit(pg_source *s, cdc_lsn end, cdc_sink *k, cdc_err *e)
{
	char at[CDC_LSN_TEXT];
	cdc_lsn_format(end, at);
	s->delivered = end;
	s->delivered_at = cdc_rt_now();
	return k->commit(k, at, e);
}

/* The messages of a streamed transaction kept in its file, in order, without those of
 * its rolled-back subtransactions. */
static bool
stxn_replay(pg_source *s, pg_stxn *x, cdc_sink *k, cdc_err *e)
{
	if (fflush(x->file) != 0 || fseek(x->file, 0, SEEK_SET) != 0)
		return cdc_fail(e, "%s: cannot read back transaction %" PRIu32 ": %s", s->what, x->xid, strerror(errno));
	uint8_t *buf = NULL;
	size_t cap = 0;
	bool ok = true;
	for (;;) {
		uint32_t xid, len;
		cdc_lsn lsn;
		if (fread(&xid, sizeof xid, 1, x->file) != 1)
			break;   /* the end */
		if (fread(&lsn, sizeof lsn, 1, x->file) != 1 || fread(&len, sizeof len, 1, x->file) != 1) {
			ok = cdc_fail(e, "%s: transaction %" PRIu32 " in its temporary file is cut short", s->what, x->xid);
			break;
		}
		if (len > cap) {
			cap = len;
			buf = cdc_mem_realloc(buf, cap);
		}
		if (len && fread(buf, 1, len, x->file) != len) {
			ok = cdc_fail(e, "%s: transaction %" PRIu32 " in its temporary file is cut short", s->what, x->xid);
			break;
		}
		bool aborted = false;
		for (int i = 0; i < x->naborted && !aborted && !(len && buf[0] == 'R'); i++)
			aborted = x->aborted[i] == xid;   /* (a Relation message stays: see stxn_drop) */
		if (!aborted && !(ok = message(s, buf, len, lsn, true, k, e)))
			break;
	}
	cdc_mem_free(buf);
	return ok;
}

/* A streamed transaction committed: its kept changes, in order, as one transaction. */
static bool
stream_commit(pg_source *s, const cdc_pgo_msg *m, cdc_sink *k, cdc_err *e)
{
	pg_stxn *x = stxn_of(s, m->xid, false);
	bool skip = s->resume && m->lsn < s->resume;
	bool ok = true;
	if (!skip) {
		s->txn_time = m->time;
		s->txn_xid = m->xid;
		char at[CDC_LSN_TEXT];
		cdc_lsn_format(m->lsn, at);
		ok = k->begin(k, CDC_TXN_CHANGES, at, m->time, m->xid, true, e);
		/* the kept messages are decoded again, one at a time; `message` delivers them */
		s->in_txn = true;
		s->skip_txn = false;
		for (int i = 0; x && ok && i < x->n; i++)
			ok = message(s, x->msgs[i].data, x->msgs[i].len, x->msgs[i].lsn, true, k, e);
		if (x && x->file && ok)
			ok = stxn_replay(s, x, k, e);
		s->in_txn = false;
		ok = ok && commit(s, m->end_lsn, k, e);
	}
	if (x)
		stxn_drop(s, x, x->xid);
	return ok;
}

/* One pgoutput message at WAL position lsn. */
static bool
message(pg_source *s, const uint8_t *p, size_t n, cdc_lsn lsn, bool in_stream, cdc_sink *k, cdc_err *e)
{
	cdc_pgo_msg m;
	char why[256];
	if (!cdc_pgo_decode(p, n, in_stream, s->msg_arena, &m, why, sizeof why))
		return cdc_fail(e, "%s: unreadable replication message at %X/%X: %s", s->what, (unsigned)(lsn >> 32),
		                (unsigned)lsn, why);
	bool ok = true;
	if (lsn)
		s->last_lsn = lsn;
	/* inside a Stream Start/Stop block, data messages wait for the transaction's commit
	 * (a replay of kept messages comes through stream_commit with in_txn set) — and so do
	 * the Relation messages among them: a table altered inside the transaction is
	 * described again between its changes, and each change must be read with the
	 * columns it was written with */
	if (in_stream && !s->in_txn && (m.kind == CDC_PGO_INSERT || m.kind == CDC_PGO_UPDATE ||
	                                m.kind == CDC_PGO_DELETE || m.kind == CDC_PGO_TRUNCATE ||
	                                m.kind == CDC_PGO_RELATION)) {
		pg_stxn *x = stxn_of(s, s->stream_xid, true);
		ok = stxn_keep(s, x, m.xid, lsn, p, n, e);
		cdc_arena_reset(s->msg_arena);
		return ok;
	}
	switch (m.kind) {
	case CDC_PGO_BEGIN:
		if (s->in_txn)
			return cdc_fail(e, "%s: a transaction began inside another", s->what);
		s->in_txn = true;
		s->skip_txn = s->resume && m.lsn < s->resume;
		s->txn_time = m.time;
		s->txn_xid = m.xid;
		if (!s->skip_txn) {
			char at[CDC_LSN_TEXT];
			cdc_lsn_format(m.lsn, at);
			ok = k->begin(k, CDC_TXN_CHANGES, at, m.time, m.xid, true, e);
		}
		break;
	case CDC_PGO_COMMIT:
		if (!s->in_txn)
			return cdc_fail(e, "%s: a commit without its transaction", s->what);
		s->in_txn = false;
		if (!s->skip_txn)
			ok = commit(s, m.end_lsn, k, e);
		if (m.end_lsn > s->received)
			s->received = m.end_lsn;
		break;
	case CDC_PGO_RELATION:
		ok = relation(s, &m, lsn, e);
		break;
	case CDC_PGO_INSERT:
	case CDC_PGO_UPDATE:
	case CDC_PGO_DELETE:
		if (!s->skip_txn)
			ok = change(s, &m, lsn, k, e);
		break;
	case CDC_PGO_TRUNCATE:
		if (!s->skip_txn)
			truncated(s, &m, lsn);
		break;
	case CDC_PGO_STREAM_START:
		s->in_stream = true;
		s->stream_xid = m.xid;
		break;
	case CDC_PGO_STREAM_STOP:
		s->in_stream = false;
		break;
	case CDC_PGO_STREAM_COMMIT:
		ok = stream_commit(s, &m, k, e);
		if (m.end_lsn > s->received)
			s->received = m.end_lsn;
		break;
	case CDC_PGO_STREAM_ABORT: {
		pg_stxn *x = stxn_of(s, m.xid, false);
		if (x)
			stxn_drop(s, x, m.subxid);
		break;
	}
	default:
		break;   /* Origin, Type, Message: nothing for the targets */
	}
	cdc_arena_reset(s->msg_arena);
	return ok;
}

static bool
caught_up(const pg_source *s)
{
	return s->rt->once && !s->in_txn && s->received >= s->once_target;
}

/*
 * While the captured tables are idle, the server still writes WAL (other tables, other
 * databases) and the keepalives say how far the stream has read it.  Every heartbeat
 * interval, that position goes to the sink as a transaction without changes: the targets
 * checkpoint it and the slot is told, so it stops holding that WAL back.  It is safe:
 * every transaction that committed before the position has been delivered, and one still
 * in progress commits after it, so a run resuming there misses nothing.
 */
static bool
heartbeat(pg_source *s, cdc_sink *k, bool *sent, cdc_err *e)
{
	*sent = false;
	int64_t now = cdc_rt_now();
	if (s->heartbeat_us < 0 || s->in_txn || s->received <= s->delivered || now - s->delivered_at < s->heartbeat_us)
		return true;
	char at[CDC_LSN_TEXT];
	cdc_lsn_format(s->received, at);
	cdc_log(s->rt, CDC_LOG_DEBUG, "%s: heartbeat at %s", s->what, at);
	s->delivered = s->received;
	s->delivered_at = now;
	*sent = true;
	return k->begin(k, CDC_TXN_CHANGES, at, 0, 0, false, e) && k->commit(k, at, e);
}

/* The WAL the slot holds back, checked every 5 s (and the server's position, for the
 * lag the run reports): a warning past
 * max_slot_wal, repeated every 5 minutes while it lasts. */
static bool
check_slot_wal(pg_source *s, cdc_err *e)
{
	int64_t now = cdc_rt_now();
	if (now - s->last_wal_check < STATUS_INTERVAL_US / 2)
		return true;
	s->last_wal_check = now;
	const char *params[] = {s->slot};
	PGresult *r;
	if (!cdc_pg_query(s->sql, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint, "
	                  "pg_current_wal_lsn() FROM pg_replication_slots WHERE slot_name = $1", 1, params, &r, s->what, e))
		return false;
	int64_t held = PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	if (PQntuples(r) == 1)
		cdc_lsn_parse(PQgetvalue(r, 0, 1), &s->server_lsn);
	PQclear(r);
	if (held > s->max_slot_wal && now - s->last_wal_warning >= INT64_C(300000000)) {
		s->last_wal_warning = now;
		cdc_log(s->rt, CDC_LOG_WARN, "%s: replication slot %s holds back %" PRId64 " MB of WAL (max_slot_wal is %"
		        PRId64 " MB)%s", s->what, s->slot, held >> 20, s->max_slot_wal >> 20,
		        s->heartbeat_us < 0 ? "; the captured tables may be idle: set heartbeat = 1m on the source" : "");
	}
	return true;
}

/* The stream's silence (see the top): heard from since the timers last looked, or asked
 * for an answer after half the timeout, or lost after the rest of it.  `read`: the socket
 * was read in this poll, after the answer was due; a run that was busy elsewhere (its
 * targets) and polls again late must not take its own absence for the server's. */
static bool
silence(pg_source *s, int64_t now, bool read, cdc_err *e)
{
	if (s->heard) {
		s->heard = false;
		s->heard_at = now;
		s->asked_at = 0;
	}
	if (s->timeout_us < 0)
		return true;
	if (!s->asked_at) {
		if (now - s->heard_at < s->timeout_us / 2)
			return true;
		cdc_log(s->rt, CDC_LOG_DEBUG, "%s: nothing from the server for %.1f s; asking it for an answer", s->what,
		        (double)(now - s->heard_at) / 1e6);
		s->asked_at = now;
		return send_status(s, true, e);
	}
	if (now - s->asked_at < s->timeout_us / 2 || !read)
		return true;
	cdc_fail(e, "%s: nothing from the server for %.1f s, not even the answer asked for %.1f s ago "
	         "(timeout = %.0fs on the source); the connection is taken for lost", s->what,
	         (double)(now - s->heard_at) / 1e6, (double)(now - s->asked_at) / 1e6, (double)s->timeout_us / 1e6);
	e->retry = true;
	return false;
}

static cdc_poll
pg_poll(cdc_source *base, int timeout_ms, cdc_sink *k, cdc_err *e)
{
	pg_source *s = (pg_source *)base;
	int64_t deadline = cdc_rt_now() + (int64_t)timeout_ms * 1000;
	bool any = false, read = false;
	char err[512];
	for (;;) {
		char *buf;
		int n = PQgetCopyData(s->repl, &buf, 1);
		if (n == 0) {
			/* what is read is handled: the timers, checked here rather than per message
			 * (reading the clock was a tenth of the client's decode) */
			int64_t now = cdc_rt_now();
			if (now - s->last_status >= STATUS_INTERVAL_US && !send_status(s, false, e))
				return CDC_POLL_ERROR;
			if (!silence(s, now, read, e))
				return CDC_POLL_ERROR;
			if (!check_slot_wal(s, e))
				return CDC_POLL_ERROR;
			if (caught_up(s))
				return CDC_POLL_CAUGHT_UP;
			bool sent;
			if (!heartbeat(s, k, &sent, e))
				return CDC_POLL_ERROR;
			if (sent)
				return CDC_POLL_DATA;
			if (any || (s->rt->stop && *s->rt->stop))
				return CDC_POLL_DATA;
			int64_t left = deadline - cdc_rt_now();
			if (left <= 0)
				return CDC_POLL_IDLE;
			if (s->flowing && left > COALESCE_US) {
				/* nothing more comes in the sleep: wait in select() next time */
				s->flowing = false;
				struct timespec ts = {0, COALESCE_US * 1000L};
				nanosleep(&ts, NULL);
			} else {
				int fd = PQsocket(s->repl);
				fd_set rs;
				FD_ZERO(&rs);
				FD_SET(fd, &rs);
				struct timeval tv = {(time_t)(left / 1000000), (suseconds_t)(left % 1000000)};
				int ready = select(fd + 1, &rs, NULL, NULL, &tv);
				if (ready < 0 && errno != EINTR) {
					cdc_fail(e, "%s: waiting for the stream: %s", s->what, strerror(errno));
					return CDC_POLL_ERROR;
				}
				/* bytes came, if only a piece of one large message: the server is there */
				if (ready > 0)
					s->heard = true;
			}
			if (!PQconsumeInput(s->repl)) {
				cdc_fail(e, "%s: the replication connection failed: %s", s->what, cdc_pg_error(s->repl, err, sizeof err));
				e->retry = true;
				return CDC_POLL_ERROR;
			}
			read = true;
			continue;
		}
		if (n < 0) {
			if (n == -1)
				cdc_fail(e, "%s: the server ended the replication stream: %s", s->what,
				         cdc_pg_error(s->repl, err, sizeof err));
			else
				cdc_fail(e, "%s: the replication connection failed: %s", s->what, cdc_pg_error(s->repl, err, sizeof err));
			e->retry = true;   /* a restart, a failover, wal_sender_timeout: the next attempt resumes */
			return CDC_POLL_ERROR;
		}
		const uint8_t *p = (const uint8_t *)buf;
		bool ok = true;
		if (p[0] == 'w' && n >= 25) {
			cdc_lsn start = cdc_pgo_get64(p + 1);
			ok = message(s, p + 25, (size_t)n - 25, start, s->in_stream, k, e);
			any = s->flowing = s->heard = true;
		} else if (p[0] == 'k' && n >= 18) {
			cdc_lsn end = cdc_pgo_get64(p + 1);
			s->heard = true;
			/* the server has sent everything before `end`: outside a transaction, that is
			 * how far the stream has been read */
			if (!s->in_txn && end > s->received)
				s->received = end;
			if (p[17])
				ok = send_status(s, false, e);
		}
		PQfreemem(buf);
		if (!ok)
			return CDC_POLL_ERROR;
	}
}

/* ---- the interface ------------------------------------------------------------------ */

static void
pg_close(cdc_source *base)
{
	pg_source *s = (pg_source *)base;
	if (!s)
		return;
	if (s->repl && PQtransactionStatus(s->repl) == PQTRANS_ACTIVE) {
		/* end the stream politely, so the walsender exits at once */
		PQputCopyEnd(s->repl, NULL);
		PQflush(s->repl);
	}
	PQfinish(s->repl);
	PQfinish(s->sql);
	while (s->nstxns)
		stxn_drop(s, &s->stxns[0], s->stxns[0].xid);
	cdc_mem_free(s->stxns);
	cdc_hmap_free(&s->tables);
	cdc_hmap_free(&s->rels);
	cdc_arena_free(s->rel_arena);
	cdc_arena_free(s->msg_arena);
	cdc_buf_free(&s->dsn);
	cdc_buf_free(&s->scratch);
	cdc_mem_free(s);
}

/* Slot and publication names become identifiers in replication commands: PostgreSQL's
 * own rule for slots (lower-case letters, digits, underscores) keeps them plain. */
static bool
valid_slot(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 63)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			return false;
	return true;
}

static cdc_source *
pg_open(const cdc_rt *rt, int index, cdc_err *e)
{
	const cdc_ir_source *src = &rt->ir->sources[index];
	pg_source *s = cdc_mem_zalloc(sizeof *s);
	s->base.ops = &cdc_pg_source;
	s->base.index = index;
	s->rt = rt;
	s->src = src;
	s->rel_arena = cdc_arena_new("relations");
	s->msg_arena = cdc_arena_new("message");
	s->partitioned = cdc_arena_zalloc(s->rel_arena, (size_t)rt->ir->ntables + 1);
	s->gone = cdc_arena_zalloc(s->rel_arena, ((size_t)rt->ir->ntables + 1) * sizeof *s->gone);
	s->raw = cdc_arena_zalloc(s->rel_arena, ((size_t)rt->ir->ntables + 1) * sizeof *s->raw);
	snprintf(s->what, sizeof s->what, "source %s", src->name);
	const cdc_ir_opt *o = cdc_ir_opt_get(&src->opts, "slot");
	s->slot = o ? cdc_arena_strdup(s->rel_arena, o->str)
	            : cdc_arena_printf(s->rel_arena, "cdcc_%s", rt->ir->pipeline);
	o = cdc_ir_opt_get(&src->opts, "publication");
	s->publication = o ? cdc_arena_strdup(s->rel_arena, o->str)
	                   : cdc_arena_printf(s->rel_arena, "cdcc_%s", rt->ir->pipeline);
	o = cdc_ir_opt_get(&src->opts, "snapshot");
	s->snapshot_initial = !o || strcmp(o->str, "never") != 0;
	o = cdc_ir_opt_get(&src->opts, "heartbeat");
	s->heartbeat_us = o && o->kind == CDC_IRV_INT && o->num > 0 ? o->num : -1;
	o = cdc_ir_opt_get(&src->opts, "timeout");
	s->timeout_us = !o ? 0 : o->kind == CDC_IRV_INT && o->num > 0 ? o->num : -1;   /* 0: check_server */
	o = cdc_ir_opt_get(&src->opts, "max_slot_wal");
	s->max_slot_wal = o && o->kind == CDC_IRV_INT && o->num > 0 ? o->num : INT64_C(16) << 30;
	for (int i = 0; i < rt->ir->ntables; i++)
		if (rt->ir->tables[i].source == index)
			cdc_hmap_put(&s->tables, cdc_arena_printf(s->rel_arena, "%s.%s", rt->ir->tables[i].schema,
			                                          rt->ir->tables[i].name), (void *)(intptr_t)(i + 1));
	bool ok = true;
	if (!valid_slot(s->slot))
		ok = cdc_fail(e, "%s: slot name '%s' must be 1 to 63 lower-case letters, digits and underscores", s->what,
		              s->slot);
	ok = ok && cdc_rt_option(rt, &src->opts, "dsn", s->what, &s->dsn, e) != NULL;
	ok = ok && (s->sql = cdc_pg_connect(cdc_buf_str(&s->dsn), CDC_PG_READ, s->what, e)) != NULL;
	ok = ok && (s->repl = cdc_pg_connect(cdc_buf_str(&s->dsn), CDC_PG_REPLICATION, s->what, e)) != NULL;
	if (!ok) {
		pg_close(&s->base);
		return NULL;
	}
	return &s->base;
}

static bool
pg_start(cdc_source *base, const char *resume, cdc_sink *k, cdc_err *e)
{
	pg_source *s = (pg_source *)base;
	if (!check_server(s, e) || !check_tables(s, e) || !check_publication(s, e))
		return false;
	if (s->rt->once) {
		bool found;
		/* the insert position: a commit made without waiting for its flush
		 * (synchronous_commit = off) is before it too */
		if (!one_value(s, "SELECT pg_current_wal_insert_lsn()", 0, NULL, &s->scratch, &found, e))
			return false;
		if (!cdc_lsn_parse(cdc_buf_str(&s->scratch), &s->once_target))
			return cdc_fail(e, "%s: unreadable pg_current_wal_insert_lsn() '%s'", s->what, cdc_buf_str(&s->scratch));
	}
	PGresult *r;
	const char *params[] = {s->slot};
	if (!cdc_pg_query(s->sql, "SELECT plugin, database = current_database(), confirmed_flush_lsn, active "
	                  "FROM pg_replication_slots WHERE slot_name = $1", 1, params, &r, s->what, e))
		return false;
	bool exists = PQntuples(r) == 1;
	bool fits = exists && strcmp(PQgetvalue(r, 0, 0), "pgoutput") == 0 && PQgetvalue(r, 0, 1)[0] == 't';
	bool active = exists && PQgetvalue(r, 0, 3)[0] == 't';
	char confirmed[CDC_LSN_TEXT] = "";
	if (exists)
		snprintf(confirmed, sizeof confirmed, "%s", PQgetvalue(r, 0, 2));
	PQclear(r);
	if (exists && !fits)
		return cdc_fail(e, "%s: replication slot %s exists but is not a pgoutput slot of this database; choose "
		                "another name with the source's slot option", s->what, s->slot);
	if (active) {
		cdc_fail(e, "%s: replication slot %s is in use by another process (another cdcc run of this pipeline, or "
		         "the server has not yet noticed a lost connection)", s->what, s->slot);
		e->retry = true;
		return false;
	}
	if (resume) {
		if (!exists)
			return cdc_fail(e, "%s: the target has a checkpoint at %s but replication slot %s is gone, so the "
			                "changes since then may be lost; to copy everything again, delete this pipeline's rows "
			                "from the target's cdcc_checkpoints table and run again", s->what, resume, s->slot);
		if (!cdc_lsn_parse(resume, &s->resume))
			return cdc_fail(e, "%s: the target's checkpoint '%s' is not a PostgreSQL position", s->what, resume);
		cdc_lsn conf;
		if (cdc_lsn_parse(confirmed, &conf) && conf > s->resume)
			return cdc_fail(e, "%s: replication slot %s has moved past the target's checkpoint (%s > %s): the "
			                "changes in between are gone; was the slot used by another pipeline?", s->what, s->slot,
			                confirmed, resume);
		return copy_added(s, k, e) && start_stream(s, e);
	}
	if (exists) {
		/* a slot without a checkpoint: a run stopped before its snapshot committed */
		cdc_log(s->rt, CDC_LOG_INFO, "%s: no target has a checkpoint: dropping replication slot %s to start over",
		        s->what, s->slot);
		if (!cdc_pg_query(s->sql, "SELECT pg_drop_replication_slot($1)", 1, params, NULL, s->what, e))
			return false;
	}
	return snapshot(s, k, e) && start_stream(s, e);
}

static bool
pg_ack(cdc_source *base, const char *position, cdc_err *e)
{
	pg_source *s = (pg_source *)base;
	cdc_lsn lsn;
	if (!cdc_lsn_parse(position, &lsn))
		return cdc_fail(e, "%s: '%s' is not a PostgreSQL position", s->what, position);
	if (lsn <= s->acked)
		return true;
	s->acked = lsn;
	/* the snapshot commits before the stream starts; its position goes with the first
	 * status update */
	return !s->streaming || send_status(s, false, e);
}

static bool
pg_wait(cdc_source *base, cdc_err *e)
{
	pg_source *s = (pg_source *)base;
	if (!s->streaming || cdc_rt_now() - s->last_status < INT64_C(1000000))
		return true;
	/* only a status update, every second: nothing is read meanwhile (the stream waits in the socket,
	 * so memory does not grow); the walsender takes replies while it waits to send */
	return send_status(s, false, e);
}

static int64_t
pg_lag_bytes(cdc_source *base)
{
	pg_source *s = (pg_source *)base;
	if (!s->server_lsn)
		return -1;
	return s->server_lsn > s->acked ? (int64_t)(s->server_lsn - s->acked) : 0;
}

static int
pg_pos_cmp(const char *a, const char *b)
{
	cdc_lsn x = 0, y = 0;
	cdc_lsn_parse(a, &x);
	cdc_lsn_parse(b, &y);
	return x < y ? -1 : x > y;
}

const cdc_source_ops cdc_pg_source = {
	.kind = "postgres",
	.open = pg_open,
	.start = pg_start,
	.poll = pg_poll,
	.ack = pg_ack,
	.pos_cmp = pg_pos_cmp,
	.wait = pg_wait,
	.lag_bytes = pg_lag_bytes,
	.close = pg_close,
};
