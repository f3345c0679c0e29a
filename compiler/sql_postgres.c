/*
 * compiler/sql_postgres.c — PostgreSQL (15 and later) targets.
 *
 * Types are cdcc's own (the language's types are PostgreSQL's).  A batch is staged with
 * COPY FROM STDIN, collapsed per key, and applied with one MERGE (PostgreSQL 15) that
 * reads the collapse and deletes, updates and inserts (soft deletes: the collapse is a
 * temp table first); the checkpoint is an upsert with parameters.
 */
#include "compiler/sql_int.h"
#include "runtime/typeids.h"

#include <stdio.h>
#include <string.h>

static void
pg_ident(cdc_buf *b, const char *name)
{
	sql_quoted(b, name, '"', false);
}

static cdc_fit
pg_type(cdc_buf *b, cdc_rtype t, bool key, const char **why)
{
	(void)key;
	(void)why;
	cdc_rtype_str(t, b);   /* cdcc's type names are PostgreSQL's */
	return CDC_FIT_OK;
}

static void
pg_runtime(sqlw *w)
{
	const char *schema = sw_runtime_schema(w->tg);
	sw_puts(w, "CREATE SCHEMA IF NOT EXISTS ");
	sw_ident(w, schema);
	sw_puts(w, ";\nCREATE TABLE IF NOT EXISTS ");
	sw_qname(w, schema, SQL_CHECKPOINTS);
	sw_puts(w, " (\n"
	           "  \"pipeline\"     text NOT NULL,\n"
	           "  \"source\"       text NOT NULL,\n"
	           "  \"position\"     text NOT NULL,\n"
	           "  \"batch_id\"     bigint NOT NULL,\n"
	           "  \"committed_at\" timestamptz NOT NULL DEFAULT now(),\n"
	           "  PRIMARY KEY (\"pipeline\", \"source\")\n"
	           ");\nCREATE TABLE IF NOT EXISTS ");
	sw_qname(w, schema, sw_quarantine(w->tg));
	sw_puts(w, " (\n"
	           "  \"id\"             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
	           "  \"pipeline\"       text NOT NULL,\n"
	           "  \"table_name\"     text NOT NULL,\n"
	           "  \"rule\"           text NOT NULL,\n"
	           "  \"reason\"         text NOT NULL,\n"
	           "  \"line\"           integer,\n"
	           "  \"op\"             text NOT NULL,\n"
	           "  \"position\"       text,\n"
	           "  \"commit_time\"    timestamptz,\n"
	           "  \"row\"            jsonb NOT NULL,\n"
	           "  \"quarantined_at\" timestamptz NOT NULL DEFAULT now()\n"
	           ");\n");
	/* the source tables' columns as the run knows them, for schema drift
	 * (runtime/drift.h) */
	sw_puts(w, "CREATE TABLE IF NOT EXISTS ");
	sw_qname(w, schema, SQL_COLUMNS);
	sw_puts(w, " (\n"
	           "  \"seq\"         bigint GENERATED ALWAYS AS IDENTITY,\n"
	           "  \"pipeline\"    text NOT NULL,\n"
	           "  \"table_name\"  text NOT NULL,\n"
	           "  \"column_name\" text NOT NULL,\n"
	           "  \"type\"        text NOT NULL,\n"
	           "  \"state\"       text NOT NULL,\n"
	           "  \"missing\"     text,\n"
	           "  \"recorded_at\" timestamptz NOT NULL DEFAULT now(),\n"
	           "  PRIMARY KEY (\"pipeline\", \"table_name\", \"column_name\")\n"
	           ");\n");
	/* which target tables hold a copy of their source table, and as of when: a route
	 * added to a pipeline that has run has none, and the run copies it (runtime/source.h) */
	sw_puts(w, "CREATE TABLE IF NOT EXISTS ");
	sw_qname(w, schema, SQL_COPIES);
	sw_puts(w, " (\n"
	           "  \"pipeline\"     text NOT NULL,\n"
	           "  \"table_name\"   text NOT NULL,\n"
	           "  \"target_table\" text NOT NULL,\n"
	           "  \"position\"     text NOT NULL,\n"
	           "  \"batch_id\"     bigint NOT NULL,\n"
	           "  \"copied_at\"    timestamptz NOT NULL DEFAULT now(),\n"
	           "  PRIMARY KEY (\"pipeline\", \"table_name\", \"target_table\")\n"
	           ");\n");
}

static void
pg_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_create_schema(w, r->schema);
	sw_create_table(w, t, r);
	sw_puts(w, ";\n");
}

static void
pg_load(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_section(w, SQL_PART_STAGE);
	if (w->ahead_name) {
		/* loaded ahead by another session: a regular table, unlogged (its rows are the
		 * batch's, read again from the source after a crash), never analyzed, so that
		 * the MERGE's plan is the temp table's: index probes in key order */
		sw_puts(w, "DROP TABLE IF EXISTS ");
		sw_temp(w, SQL_STAGE);
		sw_puts(w, ";\n");
		sw_stage_table(w, t, r, "CREATE UNLOGGED TABLE");
	} else {
		sw_stage_table(w, t, r, "CREATE TEMP TABLE");
	}
	sw_section(w, SQL_PART_LOAD);
	sw_puts(w, "COPY ");
	sw_temp(w, SQL_STAGE);
	sw_puts(w, " ");
	sw_stage_columns(w, t, r);
	/* the text format, which the server reads a fifth faster than CSV (runtime/batch.c) */
	sw_puts(w, " FROM STDIN;\n");
	sw_section(w, SQL_PART_APPLY);
	if (r->append) {
		sw_append(w, t, r);
		sw_drop_temps(w, "DROP TABLE", false);
		return;
	}
	if (r->deletes != CDC_IR_DEL_SOFT) {
		/* one MERGE straight from the collapse: a delete is one of its WHEN clauses */
		sw_merge(w, t, r, "DO NOTHING", NULL, true);
		sw_drop_temps(w, "DROP TABLE", false);
		return;
	}
	sw_collapse(w, t, r, "CREATE TEMP TABLE");
	sw_soft_prefilter(w, t, r);
	sw_merge(w, t, r, "DO NOTHING", NULL, false);
	sw_drop_temps(w, "DROP TABLE", true);
}

static void
pg_snapshot(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_section(w, SQL_PART_STAGE);
	if (!r->append) {
		sw_puts(w, "TRUNCATE ");
		sw_qname(w, r->schema, r->name);
		sw_puts(w, ";\n");
	}
	sw_section(w, SQL_PART_LOAD);
	sw_puts(w, "COPY ");
	sw_qname(w, r->schema, r->name);
	sw_puts(w, " (");
	for (int i = 0, n = 0; i < r->ncols; i++)
		if (!sw_is_flag(t, r, i)) {
			sw_puts(w, n++ ? ", " : "");
			sw_ident(w, r->cols[i].name);
		}
	/* the text format: the runtime writes the snapshot's rows in it (runtime/batch.c) */
	sw_puts(w, ") FROM STDIN;\n");
}

static void
pg_checkpoint(sqlw *w)
{
	const char *schema = sw_runtime_schema(w->tg);
	sw_section(w, SQL_PART_STAGE);
	sw_puts(w, "-- quarantined changes, one statement per change ($1 .. $9)\nINSERT INTO ");
	sw_qname(w, schema, sw_quarantine(w->tg));
	sw_puts(w, " (\"pipeline\", \"table_name\", \"rule\", \"reason\", \"line\", \"op\", \"position\", \"commit_time\", \"row\")\n"
	           "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);\n");
	sw_section(w, SQL_PART_LOAD);
	sw_puts(w, "-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch)\nINSERT INTO ");
	sw_qname(w, schema, SQL_CHECKPOINTS);
	sw_puts(w, " (\"pipeline\", \"source\", \"position\", \"batch_id\", \"committed_at\")\n"
	           "  VALUES ($1, $2, $3, $4, now())\n"
	           "  ON CONFLICT (\"pipeline\", \"source\") DO UPDATE SET \"position\" = EXCLUDED.\"position\",\n"
	           "    \"batch_id\" = EXCLUDED.\"batch_id\", \"committed_at\" = EXCLUDED.\"committed_at\";\n");
}

/* PostgreSQL changes any type with a cast of the existing values (which fails, and
 * changes nothing, if one does not fit), and NOT NULL either way. */
static void
pg_alter_column(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, int i, const cdc_ir_route *o, int j)
{
	(void)t;
	const cdc_ir_col *old = &o->cols[j];
	const cdc_ir_col *c = &r->cols[i];
	cdc_buf a = CDC_BUF_INIT, b = CDC_BUF_INIT;
	const char *why;
	cdc_sql_type(&a, CDC_DIALECT_POSTGRES, old->type, false, &why);
	cdc_sql_type(&b, CDC_DIALECT_POSTGRES, c->type, false, &why);
	if (strcmp(cdc_buf_str(&a), cdc_buf_str(&b)) != 0) {
		sw_alter_table(w, r);
		sw_puts(w, "ALTER COLUMN ");
		sw_ident(w, c->name);
		sw_printf(w, " TYPE %s USING ", cdc_buf_str(&b));
		sw_ident(w, c->name);
		sw_printf(w, "::%s;\n", cdc_buf_str(&b));
	}
	if (old->not_null != c->not_null) {
		sw_alter_table(w, r);
		sw_puts(w, "ALTER COLUMN ");
		sw_ident(w, c->name);
		sw_puts(w, c->not_null ? " SET NOT NULL;\n" : " DROP NOT NULL;\n");
	}
	cdc_buf_free(&a);
	cdc_buf_free(&b);
}

const cdc_sql_emitter cdc_sql_postgres = {
	.runtime = pg_runtime, .table = pg_table, .load = pg_load, .checkpoint = pg_checkpoint,
	.type = pg_type, .ident = pg_ident, .alter_column = pg_alter_column, .snapshot = pg_snapshot,
};
