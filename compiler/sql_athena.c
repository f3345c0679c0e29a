/*
 * compiler/sql_athena.c — Athena (Glue catalog) tables over an s3 lake target.
 *
 * The lake holds, per route, the files of `<path><schema>/<table>/` partitioned by commit
 * time (`dt=YYYY-MM-DD[/hr=HH]`, the target's `partition`), one JSON object per line (or
 * CSV), gzipped.  Each route gets an external table with partition projection, so new
 * partitions are visible without MSCK REPAIR or crawlers; the quarantine folder gets one
 * too.  Timestamps in the lake are written in UTC as 'YYYY-MM-DD HH:MM:SS.ffffff', the
 * form Athena reads as timestamp.
 *
 * Athena accepts only letters, digits and underscores in database, table and column names
 * and keeps them in lower case; another name is an error here, not a table that cannot
 * be queried.
 */
#include "compiler/sql_int.h"
#include "runtime/typeids.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static void
ath_ident(cdc_buf *b, const char *name)
{
	cdc_buf_putc(b, '`');
	for (const char *p = name; *p; p++)
		cdc_buf_putc(b, (char)tolower((unsigned char)*p));
	cdc_buf_putc(b, '`');
}

static bool
ath_name_ok(const char *name)
{
	if (!*name)
		return false;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return false;
	return true;
}

static cdc_fit
ath_type(cdc_buf *b, cdc_rtype t, bool key, const char **why)
{
	(void)key;
	if (t.array) {
		cdc_buf_puts(b, "string");   /* the array's text form */
		return CDC_FIT_OK;
	}
	switch (t.id) {
	case CDC_TY_BOOL: cdc_buf_puts(b, "boolean"); return CDC_FIT_OK;
	case CDC_TY_INT2: cdc_buf_puts(b, "smallint"); return CDC_FIT_OK;
	case CDC_TY_INT4: cdc_buf_puts(b, "int"); return CDC_FIT_OK;
	case CDC_TY_INT8: cdc_buf_puts(b, "bigint"); return CDC_FIT_OK;
	case CDC_TY_NUMERIC:
		if (t.mod < 0) {
			cdc_buf_puts(b, "decimal(38,10)");
			*why = "it is read as decimal(38,10)";
			return CDC_FIT_UNBOUNDED;
		}
		if (t.mod > 38) {
			/* the lake has the exact text; Athena's decimal holds 38 digits */
			cdc_buf_puts(b, "string");
			return CDC_FIT_OK;
		}
		cdc_buf_printf(b, "decimal(%d,%d)", t.mod, t.scale);
		return CDC_FIT_OK;
	case CDC_TY_FLOAT4: cdc_buf_puts(b, "float"); return CDC_FIT_OK;
	case CDC_TY_FLOAT8: cdc_buf_puts(b, "double"); return CDC_FIT_OK;
	case CDC_TY_DATE: cdc_buf_puts(b, "date"); return CDC_FIT_OK;
	case CDC_TY_TIMESTAMP:
	case CDC_TY_TIMESTAMPTZ: cdc_buf_puts(b, "timestamp"); return CDC_FIT_OK;
	default:
		/* text, char, varchar, uuid, json, bytea (\x hex), time, timetz, interval */
		cdc_buf_puts(b, "string");
		return CDC_FIT_OK;
	}
}

static void
check_name(sqlw *w, const char *what, const char *name)
{
	if (!ath_name_ok(name))
		sw_fail(w, "%s \"%s\" cannot be an Athena name: only letters, digits and _ are allowed (rename it in a transform or in the merge)",
		        what, name);
}

/* s3://bucket/prefix/ + rest, with exactly one slash between them */
static void
location(char *out, size_t n, const char *root, const char *a, const char *b)
{
	size_t len = strlen(root);
	snprintf(out, n, "%s%s%s%s%s/", root, len && root[len - 1] == '/' ? "" : "/", a ? a : "", a ? "/" : "", b);
}

static void
partitioned(sqlw *w, const char *where)
{
	const char *part = sw_opt_str(&w->tg->opts, "partition");
	const char *format = sw_opt_str(&w->tg->opts, "format");
	bool hourly = part && strcmp(part, "hourly") == 0, none = part && strcmp(part, "none") == 0;
	if (!none)
		sw_puts(w, hourly ? "\nPARTITIONED BY (`dt` string, `hr` string)" : "\nPARTITIONED BY (`dt` string)");
	if (format && strcmp(format, "csv") == 0)
		sw_puts(w, "\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'");
	else
		sw_puts(w, "\nROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'");
	sw_puts(w, "\nLOCATION ");
	sw_string(w, where);
	if (none) {
		sw_puts(w, ";\n");
		return;
	}
	char tmpl[2048];
	snprintf(tmpl, sizeof tmpl, hourly ? "%sdt=${dt}/hr=${hr}/" : "%sdt=${dt}/", where);
	sw_puts(w, "\nTBLPROPERTIES (\n  'projection.enabled' = 'true',\n"
	           "  'projection.dt.type' = 'date',\n  'projection.dt.format' = 'yyyy-MM-dd',\n"
	           "  'projection.dt.range' = '2000-01-01,NOW',\n");
	if (hourly)
		sw_puts(w, "  'projection.hr.type' = 'integer',\n  'projection.hr.range' = '0,23',\n  'projection.hr.digits' = '2',\n");
	sw_puts(w, "  'storage.location.template' = ");
	sw_string(w, tmpl);
	sw_puts(w, "\n);\n");
}

static const char *
root(sqlw *w)
{
	const char *p = sw_opt_str(&w->tg->opts, "path");
	return p ? p : "s3://{{path}}/";
}

static void
ath_runtime(sqlw *w)
{
	const char *schema = sw_runtime_schema(w->tg), *q = sw_quarantine(w->tg);
	check_name(w, "database", schema);
	check_name(w, "table", q);
	char where[2048];
	location(where, sizeof where, root(w), NULL, q);
	sw_puts(w, "CREATE DATABASE IF NOT EXISTS ");
	sw_ident(w, schema);
	sw_puts(w, ";\nCREATE EXTERNAL TABLE IF NOT EXISTS ");
	sw_qname(w, schema, q);
	sw_puts(w, " (\n  `pipeline` string,\n  `table_name` string,\n  `rule` string,\n  `reason` string,\n"
	           "  `line` int,\n  `op` string,\n  `position` string,\n  `commit_time` timestamp,\n"
	           "  `row` string\n)");
	partitioned(w, where);
}

static void
ath_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	(void)t;
	if (r->schema)
		check_name(w, "database", r->schema);
	check_name(w, "table", r->name);
	const char *part = sw_opt_str(&w->tg->opts, "partition");
	bool hourly = part && strcmp(part, "hourly") == 0, none = part && strcmp(part, "none") == 0;
	for (int i = 0; i < r->ncols; i++) {
		check_name(w, "column", r->cols[i].name);
		if ((!none && strcasecmp(r->cols[i].name, "dt") == 0) || (hourly && strcasecmp(r->cols[i].name, "hr") == 0))
			sw_fail(w, "column \"%s\" has the name of a partition column of the lake; rename it in a transform",
			        r->cols[i].name);
		for (int k = 0; k < i; k++)
			if (strcasecmp(r->cols[i].name, r->cols[k].name) == 0)
				sw_fail(w, "columns \"%s\" and \"%s\" are the same column in Athena, which keeps names in lower case",
				        r->cols[k].name, r->cols[i].name);
	}
	const char *format = sw_opt_str(&w->tg->opts, "format");
	bool csv = format && strcmp(format, "csv") == 0;
	char where[2048];
	location(where, sizeof where, root(w), r->schema, r->name);
	if (r->schema) {
		sw_puts(w, "CREATE DATABASE IF NOT EXISTS ");
		sw_ident(w, r->schema);
		sw_puts(w, ";\n");
	}
	sw_puts(w, "CREATE EXTERNAL TABLE IF NOT EXISTS ");
	sw_qname(w, r->schema, r->name);
	sw_puts(w, " (");
	for (int i = 0; i < r->ncols; i++) {
		sw_puts(w, i ? ",\n  " : "\n  ");
		sw_ident(w, r->cols[i].name);
		sw_puts(w, " ");
		cdc_rtype ty = r->cols[i].type;
		if (ty.array && !csv) {
			/* JSON Lines hold arrays as JSON arrays */
			ty.array = 0;
			sw_puts(w, "array<");
			sw_type(w, ty, false, r->cols[i].name);
			sw_puts(w, ">");
		} else {
			sw_type(w, ty, false, r->cols[i].name);
		}
	}
	sw_puts(w, "\n)");
	partitioned(w, where);
}

const cdc_sql_emitter cdc_sql_athena = {
	.runtime = ath_runtime, .table = ath_table, .type = ath_type, .ident = ath_ident,
};
