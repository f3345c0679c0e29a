/*
 * compiler/sql_athena.c — Athena (Glue catalog) tables over an s3 lake target.
 *
 * The lake holds, per route, the files of `<path><schema>/<table>/` partitioned by commit
 * time (`dt=YYYY-MM-DD[/hr=HH]`, the target's `partition`), one JSON object per line (or
 * CSV), gzipped.  Each route gets an external table with partition projection, so new
 * partitions are visible without MSCK REPAIR or crawlers; the quarantine folder gets one
 * too.  Timestamps in the lake are written in UTC as 'YYYY-MM-DD HH:MM:SS.ffffff', the
 * form Athena reads as timestamp from JSON; a CSV lake's columns are all strings.
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
	/* names are checked (check_name), but quoting stays complete on its own */
	sql_quoted(b, name, '`', true);
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

/* s3://bucket/prefix/ + schema/table/, with one slash between the parts */
static void
location(sqlw *w, cdc_buf *out, const char *schema, const char *name)
{
	const char *root = sw_opt_str(&w->tg->opts, "path");
	if (!root)
		root = "s3://{{path}}/";
	else if (strstr(root, "{{"))
		sw_fail(w, "the lake path \"%s\" holds \"{{\", which the runtime's placeholders use", root);
	size_t len = strlen(root);
	cdc_buf_printf(out, "%s%s", root, len && root[len - 1] == '/' ? "" : "/");
	if (schema)
		cdc_buf_printf(out, "%s/", schema);
	cdc_buf_printf(out, "%s/", name);
}

typedef enum { PART_NONE, PART_DAILY, PART_HOURLY } partitioning;

static partitioning
partition(sqlw *w)
{
	const char *part = sw_opt_str(&w->tg->opts, "partition");
	return !part || strcmp(part, "daily") == 0 ? PART_DAILY : strcmp(part, "hourly") == 0 ? PART_HOURLY : PART_NONE;
}

/* The lake's CSV is read with OpenCSVSerde, which reads every column as text (its dates
 * and timestamps are epoch numbers, and an empty number fails): there, every column is a
 * string, to be cast in queries. */
static bool
csv(sqlw *w)
{
	const char *format = sw_opt_str(&w->tg->opts, "format");
	return format && strcmp(format, "csv") == 0;
}

static void
partitioned(sqlw *w, const char *where)
{
	partitioning part = partition(w);
	if (part != PART_NONE)
		sw_puts(w, part == PART_HOURLY ? "\nPARTITIONED BY (`dt` string, `hr` string)" : "\nPARTITIONED BY (`dt` string)");
	if (csv(w))
		sw_puts(w, "\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'");
	else
		sw_puts(w, "\nROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'");
	sw_puts(w, "\nLOCATION ");
	sw_string(w, where);
	if (part == PART_NONE) {
		sw_puts(w, ";\n");
		return;
	}
	cdc_buf tmpl = CDC_BUF_INIT;
	cdc_buf_printf(&tmpl, part == PART_HOURLY ? "%sdt=${dt}/hr=${hr}/" : "%sdt=${dt}/", where);
	sw_puts(w, "\nTBLPROPERTIES (\n  'projection.enabled' = 'true',\n"
	           "  'projection.dt.type' = 'date',\n  'projection.dt.format' = 'yyyy-MM-dd',\n"
	           "  'projection.dt.range' = '2000-01-01,NOW',\n");
	if (part == PART_HOURLY)
		sw_puts(w, "  'projection.hr.type' = 'integer',\n  'projection.hr.range' = '0,23',\n  'projection.hr.digits' = '2',\n");
	sw_puts(w, "  'storage.location.template' = ");
	sw_string(w, cdc_buf_str(&tmpl));
	sw_puts(w, "\n);\n");
	cdc_buf_free(&tmpl);
}

static bool
same_name(const char *a, const char *b)
{
	return a && b ? strcasecmp(a, b) == 0 : a == b;
}

/* One Glue catalog serves every s3 target: two targets must not create the same table,
 * or the second CREATE ... IF NOT EXISTS leaves the first one's location in place. */
static void
check_catalog(sqlw *w)
{
	const cdc_ir *ir = w->ir;
	int me = (int)(w->tg - ir->targets);
	for (int o = 0; o < me; o++) {
		const cdc_ir_target *other = &ir->targets[o];
		if (!cdc_dialect_serves(CDC_DIALECT_ATHENA, other->kind) || strcmp(other->kind, "s3") != 0)
			continue;
		if (same_name(sw_runtime_schema(other), sw_runtime_schema(w->tg)) &&
		    same_name(sw_quarantine(other), sw_quarantine(w->tg)))
			sw_fail(w, "its quarantine table %s.%s is also the one of target %s; set `schema` or `quarantine` of one",
			        sw_runtime_schema(w->tg), sw_quarantine(w->tg), other->name);
		for (int i = 0; i < ir->ntables; i++)
			for (int k = 0; k < ir->tables[i].nroutes; k++) {
				const cdc_ir_route *a = &ir->tables[i].routes[k];
				if (a->target != me)
					continue;
				for (int j = 0; j < ir->ntables; j++)
					for (int m = 0; m < ir->tables[j].nroutes; m++) {
						const cdc_ir_route *b = &ir->tables[j].routes[m];
						if (b->target == o && same_name(a->schema, b->schema) && same_name(a->name, b->name))
							sw_fail(w, "table %s%s%s is also written by target %s: one Athena catalog holds both",
							        a->schema ? a->schema : "", a->schema ? "." : "", a->name, other->name);
					}
			}
	}
}

static void
ath_runtime(sqlw *w)
{
	const char *schema = sw_runtime_schema(w->tg), *q = sw_quarantine(w->tg);
	check_name(w, "database", schema);
	check_name(w, "table", q);
	check_catalog(w);
	cdc_buf where = CDC_BUF_INIT;
	location(w, &where, NULL, q);
	sw_puts(w, "CREATE DATABASE IF NOT EXISTS ");
	sw_ident(w, schema);
	sw_puts(w, ";\nCREATE EXTERNAL TABLE IF NOT EXISTS ");
	sw_qname(w, schema, q);
	if (csv(w))
		sw_puts(w, " (\n  `pipeline` string,\n  `table_name` string,\n  `rule` string,\n  `reason` string,\n"
		           "  `line` string,\n  `op` string,\n  `position` string,\n  `commit_time` string,\n"
		           "  `row` string\n)");
	else
		sw_puts(w, " (\n  `pipeline` string,\n  `table_name` string,\n  `rule` string,\n  `reason` string,\n"
		           "  `line` int,\n  `op` string,\n  `position` string,\n  `commit_time` timestamp,\n"
		           "  `row` string\n)");
	partitioned(w, cdc_buf_str(&where));
	cdc_buf_free(&where);
}

static void
ath_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	(void)t;
	if (r->schema)
		check_name(w, "database", r->schema);
	check_name(w, "table", r->name);
	partitioning part = partition(w);
	for (int i = 0; i < r->ncols; i++) {
		check_name(w, "column", r->cols[i].name);
		if ((part != PART_NONE && strcasecmp(r->cols[i].name, "dt") == 0) ||
		    (part == PART_HOURLY && strcasecmp(r->cols[i].name, "hr") == 0))
			sw_fail(w, "column \"%s\" has the name of a partition column of the lake; rename it in a transform",
			        r->cols[i].name);
	}
	sw_fold_collisions(w, r, "which keeps names in lower case");
	cdc_buf where = CDC_BUF_INIT;
	location(w, &where, r->schema, r->name);
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
		if (csv(w)) {
			sw_puts(w, "string");
		} else if (ty.array) {
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
	partitioned(w, cdc_buf_str(&where));
	cdc_buf_free(&where);
}

const cdc_sql_emitter cdc_sql_athena = {
	.runtime = ath_runtime, .table = ath_table, .type = ath_type, .ident = ath_ident,
};
