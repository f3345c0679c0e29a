/*
 * runtime/pg_schema.c — reading a PostgreSQL database's tables for a schema lock (see
 * pg_schema.h).
 */
#include "runtime/pg_schema.h"
#include "compiler/types.h"
#include "runtime/buf.h"
#include "runtime/pgconn.h"

#include <stdio.h>
#include <string.h>

/* Tables first; then per table its columns with the type cdcc should read them as. */
static const char tables_sql[] =
	"SELECT n.nspname, c.relname, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
	"AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
	"AND n.nspname NOT LIKE 'pg\\_temp%' ORDER BY 1, 2";

const char cdc_pg_columns_sql[] =
	"SELECT a.attname, "
	"  CASE WHEN t.typtype = 'e' THEN 'text' "
	"       WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) "
	"       ELSE format_type(a.atttypid, a.atttypmod) END, "
	"  a.attnotnull, format_type(a.atttypid, a.atttypmod) "
	"FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
	"WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

static const char pk_sql[] =
	"SELECT a.attname FROM pg_index i CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) "
	"JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
	"WHERE i.indrelid = $1::oid AND i.indisprimary ORDER BY k.ord";

static void
json_str(cdc_buf *out, const char *s)
{
	cdc_buf_json_string(out, s, strlen(s));
}

bool
cdc_pg_schema_read(const char *dsn, const char *what, bool (*selects)(const char *schema, const char *name, void *arg),
                   void *arg, cdc_buf *out, int *ntables, cdc_err *e)
{
	*ntables = 0;
	PGconn *c = cdc_pg_connect(dsn, CDC_PG_READ, what, e);
	if (!c)
		return false;
	PGresult *tr, *r;
	bool ok = cdc_pg_query(c, tables_sql, 0, NULL, &tr, what, e);
	if (!ok) {
		PQfinish(c);
		return false;
	}
	cdc_buf_puts(out, "[");
	for (int i = 0; ok && i < PQntuples(tr); i++) {
		const char *schema = PQgetvalue(tr, i, 0), *name = PQgetvalue(tr, i, 1);
		if (!selects(schema, name, arg))
			continue;
		const char *oid[] = {PQgetvalue(tr, i, 2)};
		cdc_buf_printf(out, "%s\n        {\"schema\": ", (*ntables)++ ? "," : "");
		json_str(out, schema);
		cdc_buf_puts(out, ", \"name\": ");
		json_str(out, name);
		cdc_buf_puts(out, ",\n         \"primary_key\": [");
		if (!(ok = cdc_pg_query(c, pk_sql, 1, oid, &r, what, e)))
			break;
		for (int k = 0; k < PQntuples(r); k++) {
			cdc_buf_puts(out, k ? ", " : "");
			json_str(out, PQgetvalue(r, k, 0));
		}
		PQclear(r);
		cdc_buf_puts(out, "],\n         \"columns\": [");
		if (!(ok = cdc_pg_query(c, cdc_pg_columns_sql, 1, oid, &r, what, e)))
			break;
		for (int k = 0; k < PQntuples(r); k++) {
			const char *col = PQgetvalue(r, k, 0), *type = PQgetvalue(r, k, 1);
			cdc_type ty;
			const char *why;
			if (cdc_type_parse_text(type, &ty, &why) != CDC_TYERR_OK) {
				fprintf(stderr, "cdcc: warning: %s: %s.%s, column %s: type %s is not one cdcc reads; recorded as "
				        "text (its text form)\n", what, schema, name, col, PQgetvalue(r, k, 3));
				type = "text";
			}
			cdc_buf_printf(out, "%s\n           {\"name\": ", k ? "," : "");
			json_str(out, col);
			cdc_buf_puts(out, ", \"type\": ");
			json_str(out, type);
			if (PQgetvalue(r, k, 2)[0] == 't')
				cdc_buf_puts(out, ", \"not_null\": true");
			cdc_buf_puts(out, "}");
		}
		PQclear(r);
		cdc_buf_puts(out, "]}");
	}
	cdc_buf_puts(out, "]");
	PQclear(tr);
	PQfinish(c);
	return ok;
}
