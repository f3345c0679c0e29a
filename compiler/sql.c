/*
 * compiler/sql.c — `cdcc ddl`: the driver over the dialect emitters, and what they share
 * (see sql.h and sql_int.h).
 */
#include "compiler/sql_int.h"
#include "compiler/ast.h"
#include "runtime/typeids.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const cdc_sql_emitter *const emitters[CDC_DIALECT_COUNT] = {
	&cdc_sql_redshift, &cdc_sql_postgres, &cdc_sql_mysql, &cdc_sql_athena,
};
static const char *const words[CDC_DIALECT_COUNT] = {"redshift", "postgres", "mysql", "athena"};

bool
cdc_dialect_parse(const char *word, cdc_dialect *out)
{
	for (int d = 0; d < CDC_DIALECT_COUNT; d++)
		if (strcmp(word, words[d]) == 0) {
			*out = (cdc_dialect)d;
			return true;
		}
	return false;
}

const char *
cdc_dialect_word(cdc_dialect d)
{
	return d < CDC_DIALECT_COUNT ? words[d] : "?";
}

bool
cdc_dialect_serves(cdc_dialect d, const char *kind)
{
	switch (d) {
	case CDC_DIALECT_REDSHIFT: return strcmp(kind, "redshift") == 0;
	case CDC_DIALECT_POSTGRES: return strcmp(kind, "postgres") == 0;
	case CDC_DIALECT_MYSQL: return strcmp(kind, "mysql") == 0;
	default: return strcmp(kind, "s3") == 0 || strcmp(kind, "files") == 0;
	}
}

void
cdc_sql_ident(cdc_buf *b, cdc_dialect d, const char *name)
{
	emitters[d]->ident(b, name);
}

void
cdc_sql_string(cdc_buf *b, cdc_dialect d, const char *s)
{
	/* standard SQL: a quote is doubled.  Redshift and MySQL also treat \ as an escape in
	 * strings (MySQL unless NO_BACKSLASH_ESCAPES), so there a backslash is doubled too;
	 * Hive (Athena's DDL) escapes both with a backslash.  PostgreSQL's strings are
	 * standard_conforming_strings (on by default since 9.1). */
	cdc_buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' && d == CDC_DIALECT_ATHENA)
			cdc_buf_putc(b, '\\');    /* Hive reads '' as two strings, not a quote */
		else if (*s == '\'' || (*s == '\\' && d != CDC_DIALECT_POSTGRES))
			cdc_buf_putc(b, *s);
		cdc_buf_putc(b, *s);
	}
	cdc_buf_putc(b, '\'');
}

cdc_fit
cdc_sql_type(cdc_buf *b, cdc_dialect d, cdc_rtype t, bool key, const char **why)
{
	*why = NULL;
	return emitters[d]->type(b, t, key, why);
}

bool
cdc_sql_key_fits(cdc_dialect d, const cdc_rtype *types, int n, int *bytes)
{
	*bytes = 0;
	return !emitters[d]->key_fits || emitters[d]->key_fits(types, n, bytes);
}

void
sql_quoted(cdc_buf *b, const char *name, char quote, bool fold)
{
	cdc_buf_putc(b, quote);
	for (const char *p = name; *p; p++) {
		if (*p == quote)
			cdc_buf_putc(b, quote);
		/* ASCII only: the C library's tolower() of other bytes depends on the locale */
		cdc_buf_putc(b, fold && *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
	}
	cdc_buf_putc(b, quote);
}

/* ---- the writer ------------------------------------------------------------------------- */

void
sw_puts(sqlw *w, const char *s)
{
	cdc_buf_puts(w->b, s);
}

void
sw_printf(sqlw *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cdc_buf_vprintf(w->b, fmt, ap);
	va_end(ap);
}

void
sw_ident(sqlw *w, const char *name)
{
	cdc_sql_ident(w->b, w->d, name);
}

void
sw_qname(sqlw *w, const char *schema, const char *name)
{
	if (schema) {
		sw_ident(w, schema);
		cdc_buf_putc(w->b, '.');
	}
	sw_ident(w, name);
}

void
sql_key_part(cdc_buf *b, const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_' || *p == '.')
			cdc_buf_putc(b, (char)*p);
		else
			cdc_buf_printf(b, "%%%02X", *p);
	}
}

void
sw_temp(sqlw *w, const char *name)
{
	if (w->ahead_name && strcmp(name, SQL_STAGE) == 0)
		sw_qname(w, w->ahead_schema, w->ahead_name);
	else
		sw_qname(w, w->temp_schema, name);
}

void
sw_string(sqlw *w, const char *s)
{
	cdc_sql_string(w->b, w->d, s);
}

void
sw_fail(sqlw *w, const char *fmt, ...)
{
	w->failed = true;
	cdc_buf line = CDC_BUF_INIT;
	if (w->where)
		cdc_buf_printf(&line, "%s: ", w->where);
	va_list ap;
	va_start(ap, fmt);
	cdc_buf_vprintf(&line, fmt, ap);
	va_end(ap);
	/* names may hold control characters: not on a terminal, not across lines */
	for (const char *p = cdc_buf_str(&line); *p; p++)
		cdc_buf_putc(w->errors, (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
	cdc_buf_putc(w->errors, '\n');
	cdc_buf_free(&line);
}

void
sw_type(sqlw *w, cdc_rtype t, bool key, const char *column)
{
	const char *why;
	cdc_fit fit = cdc_sql_type(w->b, w->d, t, key, &why);
	if (fit == CDC_FIT_TOO_WIDE || fit == CDC_FIT_UNSUPPORTED)
		sw_fail(w, "column \"%s\": %s", column, why);
}

const cdc_ir_opt *
sw_opt(const cdc_ir_opts *o, const char *name)
{
	return cdc_ir_opt_get(o, name);
}

const char *
sw_opt_str(const cdc_ir_opts *o, const char *name)
{
	const cdc_ir_opt *v = cdc_ir_opt_get(o, name);
	return v && v->kind == CDC_IRV_STR ? v->str : NULL;
}

const char *
sw_runtime_schema(const cdc_ir_target *t)
{
	const char *s = sw_opt_str(&t->opts, "schema");
	return s ? s : "cdcc";
}

const char *
sw_quarantine(const cdc_ir_target *t)
{
	const char *s = sw_opt_str(&t->opts, "quarantine");
	return s ? s : "cdcc_quarantine";
}

bool
sw_is_key(const cdc_ir_route *r, int i)
{
	for (int k = 0; k < r->nkey; k++)
		if (r->key[k] == i)
			return true;
	return false;
}

bool
sw_is_flag(const cdc_ir_table *t, const cdc_ir_route *r, int i)
{
	(void)t;
	return r->soft >= 0 && i == r->soft && i >= r->nout;
}

/* ---- what the dialects share ---------------------------------------------------------- */

/* `schema`.`name` in the dialect's quoting, as text: for column references where the
 * dialect takes no alias (Redshift's DELETE and MERGE target, MySQL's multi-table DELETE). */
void
sw_qualified(sqlw *w, cdc_buf *b, const char *schema, const char *name)
{
	if (schema) {
		w->e->ident(b, schema);
		cdc_buf_putc(b, '.');
	}
	w->e->ident(b, name);
}

void
sw_prune_deletes(sqlw *w)
{
	sw_puts(w, "DELETE FROM ");
	sw_temp(w, SQL_BATCH);
	sw_puts(w, " WHERE ");
	sw_ident(w, SQL_OP);
	sw_puts(w, " = 'D';\n");
}

void
sw_fold_collisions(sqlw *w, const cdc_ir_route *r, const char *why)
{
	for (int i = 0; i < r->ncols; i++)
		for (int k = 0; k < i; k++)
			if (strcasecmp(r->cols[i].name, r->cols[k].name) == 0)
				sw_fail(w, "columns \"%s\" and \"%s\" are the same column in %s, %s", r->cols[k].name,
				        r->cols[i].name, cdc_dialect_word(w->d), why);
}

/* PRIMARY KEY when every key column is NOT NULL; otherwise UNIQUE, which lets rows with
 * a NULL key in, as the merge does (a NULL key never matches). */
void
sw_create_schema(sqlw *w, const char *schema)
{
	if (!schema)
		return;
	sw_puts(w, "CREATE SCHEMA IF NOT EXISTS ");
	sw_ident(w, schema);
	sw_puts(w, ";\n");
}

void
sw_create_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_puts(w, "CREATE TABLE IF NOT EXISTS ");
	sw_qname(w, r->schema, r->name);
	sw_puts(w, " (");
	for (int i = 0; i < r->ncols; i++) {
		sw_puts(w, i ? ",\n  " : "\n  ");
		sw_column_def(w, t, r, i, true);
	}
	sw_key_constraint(w, t, r);
	sw_puts(w, "\n)");
}

void
sw_key_constraint(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	if (r->append || r->nkey == 0)
		return;
	bool not_null = true;
	for (int k = 0; k < r->nkey; k++)
		not_null &= r->cols[r->key[k]].not_null;
	sw_puts(w, not_null ? ",\n  PRIMARY KEY (" : ",\n  UNIQUE (");
	for (int k = 0; k < r->nkey; k++) {
		if (k)
			sw_puts(w, ", ");
		sw_ident(w, r->cols[r->key[k]].name);
	}
	sw_puts(w, ")");
}


void
sw_stage_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *create)
{
	sw_printf(w, "%s ", create);
	sw_temp(w, SQL_STAGE);
	sw_puts(w, " (\n  ");
	sw_ident(w, SQL_SEQ);
	sw_puts(w, " BIGINT NOT NULL,\n  ");
	sw_ident(w, SQL_OP);
	sw_puts(w, " CHAR(1) NOT NULL,\n  ");
	sw_ident(w, SQL_UNCH);
	sw_printf(w, " VARCHAR(%d)", r->ncols > 0 ? r->ncols : 1);
	for (int i = 0; i < r->ncols; i++) {
		if (sw_is_flag(t, r, i))
			continue;
		sw_puts(w, ",\n  ");
		sw_ident(w, r->cols[i].name);
		sw_puts(w, " ");
		if (w->e->stage_type && w->e->stage_type(w->b, r->cols[i].type))
			continue;
		sw_type(w, r->cols[i].type, sw_is_key(r, i), r->cols[i].name);
	}
	sw_puts(w, "\n)");
	if (w->ahead_name)
		sw_puts(w, " WITH (autovacuum_enabled = false)");   /* PostgreSQL: see pg_load */
	else if (w->e->table_options)
		w->e->table_options(w);
	sw_puts(w, ";\n");
}

void
sw_column_def(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, int i, bool create)
{
	sw_ident(w, r->cols[i].name);
	sw_puts(w, " ");
	sw_type(w, r->cols[i].type, sw_is_key(r, i), r->cols[i].name);
	/* in the order Redshift documents: DEFAULT, ENCODE, NOT NULL */
	bool flag = sw_is_flag(t, r, i);
	if (flag)
		sw_puts(w, " DEFAULT FALSE");
	if (w->e->column_extra)
		w->e->column_extra(w, r, i);
	if (flag || (r->cols[i].not_null && create))
		sw_puts(w, " NOT NULL");
}

void
sw_stage_columns(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_puts(w, "(");
	sw_ident(w, SQL_SEQ);
	sw_puts(w, ", ");
	sw_ident(w, SQL_OP);
	sw_puts(w, ", ");
	sw_ident(w, SQL_UNCH);
	for (int i = 0; i < r->ncols; i++)
		if (!sw_is_flag(t, r, i)) {
			sw_puts(w, ", ");
			sw_ident(w, r->cols[i].name);
		}
	sw_puts(w, ")");
}

/* "stage row s did not send column p (1-based)": 1 or 0 */
static void
unchanged(sqlw *w, const char *alias, int p)
{
	sw_printf(w, "CASE WHEN SUBSTRING(COALESCE(%s.", alias);
	sw_ident(w, SQL_UNCH);
	sw_printf(w, ", ''), %d, 1) = '1' THEN 1 ELSE 0 END", p);
}

/* alias.column, through the dialect's unstage function (JSON_PARSE, UNHEX) if any */
static void
staged(sqlw *w, const char *alias, const cdc_ir_route *r, int i)
{
	const char *fn = w->e->unstage ? w->e->unstage(r->cols[i].type) : NULL;
	sw_printf(w, "%s%s%s.", fn ? fn : "", fn ? "(" : "", alias);
	sw_ident(w, r->cols[i].name);
	if (fn)
		sw_puts(w, ")");
}

void
sw_append(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	/* every change is a row of its own; what a change did not send is NULL (staging) */
	sw_puts(w, "INSERT INTO ");
	sw_qname(w, r->schema, r->name);
	sw_puts(w, " (");
	sw_column_list(w, r);
	sw_puts(w, ")\nSELECT ");
	for (int i = 0; i < r->ncols; i++) {
		if (i)
			sw_puts(w, ", ");
		if (sw_is_flag(t, r, i))
			sw_puts(w, "FALSE");
		else
			staged(w, "s", r, i);   /* an unsent column is staged as NULL */
	}
	sw_puts(w, "\nFROM ");
	sw_temp(w, SQL_STAGE);
	sw_puts(w, " AS s;\n");
}

/* PARTITION BY the key, where a key with a NULL is never equal to another (as in SQL's
 * = of a MERGE): such a change is a partition of its own. */
static void
key_groups(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	(void)t;
	for (int k = 0; k < r->nkey; k++) {
		sw_puts(w, "s.");
		sw_ident(w, r->cols[r->key[k]].name);
		sw_puts(w, ", ");
	}
	sw_puts(w, "CASE WHEN ");
	for (int k = 0; k < r->nkey; k++) {
		if (k)
			sw_puts(w, " OR ");
		sw_puts(w, "s.");
		sw_ident(w, r->cols[r->key[k]].name);
		sw_puts(w, " IS NULL");
	}
	sw_puts(w, " THEN s.");
	sw_ident(w, SQL_SEQ);
	sw_puts(w, " END");
}

static void
partition(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_puts(w, "PARTITION BY ");
	key_groups(w, t, r);
}

static void
unchanged_name(char *buf, size_t n, int i)
{
	snprintf(buf, n, "_cdc_u%d", i + 1);
}

/*
 * Two forms.  When every change of the batch sent every column (w->partial false), the
 * latest change of each key is the row: one window, one sort, as a hand-written
 * ROW_NUMBER() dedup.  Otherwise each column takes the latest value sent for it in the
 * batch (a change that did not send it sorts last), with _cdc_uN = 1 when no change
 * did; that is one sort per column, which is why the runtime uses this form only for the
 * batches that need it.
 */
void
sw_collapse(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *create_as)
{
	sw_printf(w, "%s ", create_as);
	sw_temp(w, SQL_BATCH);
	sw_puts(w, " AS\n");
	sw_collapse_select(w, t, r);
	sw_puts(w, ";\n");
}

void
sw_collapse_select(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	if (!w->partial && w->d == CDC_DIALECT_POSTGRES) {
		/* PostgreSQL's DISTINCT ON: the same rows as the ROW_NUMBER() below, a tenth
		 * faster (one sort, no window) */
		sw_puts(w, "SELECT DISTINCT ON (");
		key_groups(w, t, r);
		sw_puts(w, ") s.*\nFROM ");
		sw_temp(w, SQL_STAGE);
		sw_puts(w, " s");
		if (r->deletes == CDC_IR_DEL_IGNORE) {
			sw_puts(w, "\nWHERE s.");
			sw_ident(w, SQL_OP);
			sw_puts(w, " <> 'D'");
		}
		sw_puts(w, "\nORDER BY ");
		key_groups(w, t, r);
		sw_puts(w, ", s.");
		sw_ident(w, SQL_SEQ);
		sw_puts(w, " DESC");
		return;
	}
	sw_puts(w, "SELECT * FROM (\n  SELECT ");
	if (!w->partial) {
		sw_puts(w, "s.*");
	} else {
		for (int k = 0; k < r->nkey; k++) {
			sw_puts(w, "s.");
			sw_ident(w, r->cols[r->key[k]].name);
			sw_puts(w, ", ");
		}
		sw_puts(w, "s.");
		sw_ident(w, SQL_OP);
	}
	sw_puts(w, ",\n    ROW_NUMBER() OVER (");
	partition(w, t, r);
	sw_puts(w, " ORDER BY s.");
	sw_ident(w, SQL_SEQ);
	sw_puts(w, " DESC) AS ");
	sw_ident(w, SQL_RN);
	if (r->deletes == CDC_IR_DEL_SOFT) {
		/* did the batch write the key before deleting it (see sw_soft_prefilter) */
		sw_puts(w, ",\n    MAX(CASE WHEN s.");
		sw_ident(w, SQL_OP);
		sw_puts(w, " <> 'D' THEN 1 ELSE 0 END) OVER (");
		partition(w, t, r);
		sw_puts(w, ") AS ");
		sw_ident(w, SQL_UPS);
	}
	for (int i = 0; w->partial && i < r->ncols; i++) {
		if (sw_is_key(r, i) || sw_is_flag(t, r, i))
			continue;
		char u[32];
		unchanged_name(u, sizeof u, i);
		sw_puts(w, ",\n    FIRST_VALUE(s.");
		sw_ident(w, r->cols[i].name);
		sw_puts(w, ") OVER (");
		partition(w, t, r);
		sw_puts(w, " ORDER BY ");
		unchanged(w, "s", i + 1);
		sw_puts(w, ", s.");
		sw_ident(w, SQL_SEQ);
		sw_puts(w, " DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS ");
		sw_ident(w, r->cols[i].name);
		sw_puts(w, ",\n    MIN(");
		unchanged(w, "s", i + 1);
		sw_puts(w, ") OVER (");
		partition(w, t, r);
		sw_puts(w, ") AS ");
		sw_ident(w, u);
	}
	sw_puts(w, "\n  FROM ");
	sw_temp(w, SQL_STAGE);
	sw_puts(w, " s");
	if (r->deletes == CDC_IR_DEL_IGNORE) {
		sw_puts(w, "\n  WHERE s.");
		sw_ident(w, SQL_OP);
		sw_puts(w, " <> 'D'");
	}
	sw_puts(w, "\n) x\nWHERE x.");
	sw_ident(w, SQL_RN);
	sw_puts(w, " = 1");
}

void
sw_soft_prefilter(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	/* a delete of a key that the target does not have, and that the batch did not write
	 * before deleting it, changes nothing: it must not insert a deleted row */
	cdc_buf bq = CDC_BUF_INIT;
	sw_qualified(w, &bq, w->temp_schema, SQL_BATCH);
	sw_puts(w, "DELETE FROM ");
	sw_temp(w, SQL_BATCH);
	sw_puts(w, " WHERE ");
	sw_ident(w, SQL_OP);
	sw_puts(w, " = 'D' AND ");
	sw_ident(w, SQL_UPS);
	sw_puts(w, " = 0 AND NOT EXISTS (SELECT 1 FROM ");
	sw_qname(w, r->schema, r->name);
	sw_puts(w, " AS t WHERE ");
	sw_key_match(w, t, r, "t", cdc_buf_str(&bq));
	sw_puts(w, ");\n");
	cdc_buf_free(&bq);
}

static void value_sent(sqlw *w, const cdc_ir_route *r, int i, const char *otherwise);

void
sw_value(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, int i, const char *otherwise)
{
	if (sw_is_flag(t, r, i)) {
		/* the route's own soft-delete flag: set by a delete, cleared by any other change */
		sw_puts(w, "b.");
		sw_ident(w, SQL_OP);
		sw_puts(w, " = 'D'");
		return;
	}
	if (i == r->soft) {
		/* a flag the transform computes: set by a delete, else the transform's value */
		sw_puts(w, "CASE WHEN b.");
		sw_ident(w, SQL_OP);
		sw_puts(w, " = 'D' THEN TRUE ELSE ");
		value_sent(w, r, i, otherwise);
		sw_puts(w, " END");
		return;
	}
	value_sent(w, r, i, otherwise);
}

/* sw_value of a column the changes send */
static void
value_sent(sqlw *w, const cdc_ir_route *r, int i, const char *otherwise)
{
	if (sw_is_key(r, i) || !w->partial) {
		staged(w, "b", r, i);
		return;
	}
	char u[32];
	unchanged_name(u, sizeof u, i);
	sw_puts(w, "CASE WHEN b.");
	sw_ident(w, u);
	sw_printf(w, " = 1 THEN %s", otherwise);
	if (strcmp(otherwise, "NULL") != 0)
		sw_ident(w, r->cols[i].name);
	sw_puts(w, " ELSE ");
	staged(w, "b", r, i);
	sw_puts(w, " END");
}

void
sw_insert_values(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	for (int i = 0; i < r->ncols; i++) {
		if (i)
			sw_puts(w, ", ");
		sw_value(w, t, r, i, "NULL");
	}
}

void
sw_merge(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *all_key, const char *tref, bool inline_batch)
{
	/* Redshift's form: one WHEN MATCHED and one WHEN NOT MATCHED, without conditions,
	 * from the collapsed batch (whose deletes were applied before, and removed from it).
	 * PostgreSQL's (inline_batch): the collapse is the MERGE's own source, and a delete
	 * is a WHEN MATCHED of its own — one statement, the batch never written to a table. */
	sw_puts(w, "MERGE INTO ");
	sw_qname(w, r->schema, r->name);
	if (!tref)
		sw_puts(w, " AS t");
	sw_puts(w, " USING ");
	if (inline_batch) {
		sw_puts(w, "(\n");
		sw_collapse_select(w, t, r);
		sw_puts(w, "\n)");
	} else {
		sw_temp(w, SQL_BATCH);
	}
	sw_puts(w, " AS b ON ");
	sw_key_match(w, t, r, tref ? tref : "t", "b");
	if (inline_batch && r->deletes == CDC_IR_DEL_HARD) {
		sw_puts(w, "\nWHEN MATCHED AND b.");
		sw_ident(w, SQL_OP);
		sw_puts(w, " = 'D' THEN DELETE");
	}
	sw_puts(w, "\nWHEN MATCHED THEN ");
	cdc_buf own = CDC_BUF_INIT;    /* the target's own column, for what the batch did not send */
	cdc_buf_printf(&own, "%s.", tref ? tref : "t");
	bool any = false;
	for (int i = 0; i < r->ncols; i++) {
		if (sw_is_key(r, i))
			continue;
		sw_puts(w, any ? ",\n  " : "UPDATE SET\n  ");
		any = true;
		sw_ident(w, r->cols[i].name);
		sw_puts(w, " = ");
		sw_value(w, t, r, i, cdc_buf_str(&own));
	}
	cdc_buf_free(&own);
	if (!any)
		sw_puts(w, all_key);
	sw_puts(w, "\nWHEN NOT MATCHED ");
	if (inline_batch && r->deletes == CDC_IR_DEL_HARD) {
		sw_puts(w, "AND b.");
		sw_ident(w, SQL_OP);
		sw_puts(w, " <> 'D' ");
	}
	sw_puts(w, "THEN INSERT (");
	sw_column_list(w, r);
	sw_puts(w, ")\n  VALUES (");
	sw_insert_values(w, t, r);
	sw_puts(w, ");\n");
}

void
sw_drop_temps(sqlw *w, const char *drop, bool batch)
{
	if (batch) {
		sw_printf(w, "%s ", drop);
		sw_temp(w, SQL_BATCH);
		sw_puts(w, ";\n");
	}
	if (w->ahead_name)
		return;   /* the loader's table stays, for the next batch loaded ahead */
	sw_printf(w, "%s ", drop);
	sw_temp(w, SQL_STAGE);
	sw_puts(w, ";\n");
}

void
sw_key_match(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *ta, const char *ba)
{
	for (int k = 0; k < r->nkey; k++) {
		if (k)
			sw_puts(w, " AND ");
		sw_printf(w, "%s.", ta);
		sw_ident(w, r->cols[r->key[k]].name);
		sw_printf(w, " = %s.", ba);
		sw_ident(w, r->cols[r->key[k]].name);
	}
}

void
sw_column_list(sqlw *w, const cdc_ir_route *r)
{
	for (int i = 0; i < r->ncols; i++) {
		if (i)
			sw_puts(w, ", ");
		sw_ident(w, r->cols[i].name);
	}
}

/* ---- the driver -------------------------------------------------------------------------- */

void
sw_section(sqlw *w, int part)
{
	if (w->sections[part])
		w->b = w->sections[part];
}

void
sw_comment(sqlw *w, const char *fmt, ...)
{
	cdc_buf line = CDC_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	cdc_buf_vprintf(&line, fmt, ap);
	va_end(ap);
	sw_puts(w, "-- ");
	for (const char *p = cdc_buf_str(&line); *p; p++)
		cdc_buf_putc(w->b, (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p);
	sw_puts(w, "\n");
	cdc_buf_free(&line);
}

void
sql_writer_init(sqlw *w, cdc_buf *out, cdc_dialect d, const cdc_ir *ir, const cdc_sql_opts *o, cdc_buf *errors)
{
	memset(w, 0, sizeof *w);
	w->b = out;
	w->d = d;
	w->e = emitters[d];
	w->ir = ir;
	w->partial = !o->full_rows;
	w->errors = errors;
}

void
sql_writer_target(sqlw *w, const cdc_ir_target *tg)
{
	w->tg = tg;
	w->temp_schema = w->e->temp_in_runtime_schema ? sw_runtime_schema(tg) : NULL;
}

void
sql_writer_route(sqlw *w, cdc_buf *name, const cdc_ir_route *r)
{
	if (!r) {
		w->where = NULL;
		return;
	}
	cdc_ast_put_name(name, w->tg->name);
	if (r->schema) {
		cdc_buf_putc(name, '.');
		cdc_ast_put_name(name, r->schema);
	}
	cdc_buf_putc(name, '.');
	cdc_ast_put_name(name, r->name);
	w->where = cdc_buf_str(name);
}

bool
cdc_sql_emit(cdc_buf *out, cdc_dialect d, const cdc_ir *ir, const cdc_sql_opts *o, cdc_buf *errors)
{
	sqlw W, *w = &W;
	sql_writer_init(w, out, d, ir, o, errors);
	int ntargets = 0;
	sw_comment(w, "cdcc ddl --dialect %s: pipeline %s, from %s (sha256 %.12s)", words[d], ir->pipeline, ir->file,
	           ir->sha256);
	sw_puts(w, "-- generated: review it, keep it with the pipeline, do not edit it by hand\n");
	for (int ti = 0; ti < ir->ntargets; ti++) {
		const cdc_ir_target *tg = &ir->targets[ti];
		if (!cdc_dialect_serves(d, tg->kind) || (o->target && strcmp(o->target, tg->name) != 0))
			continue;
		ntargets++;
		sql_writer_target(w, tg);
		sw_puts(w, "\n");
		sw_comment(w, "==== target %s (%s) ====", tg->name, tg->kind);
		if (d == CDC_DIALECT_ATHENA && strcmp(tg->kind, "files") == 0) {
			sw_puts(w, "-- a local folder, not S3: Athena cannot read it, so there is no table to create\n");
			continue;
		}
		w->e->runtime(w);
		for (int i = 0; i < ir->ntables; i++) {
			const cdc_ir_table *t = &ir->tables[i];
			if (o->table && strcmp(o->table, t->display) != 0)
				continue;
			for (int k = 0; k < t->nroutes; k++) {
				const cdc_ir_route *r = &t->routes[k];
				if (r->target != ti)
					continue;
				cdc_buf rn = CDC_BUF_INIT;
				sql_writer_route(w, &rn, r);
				sw_puts(w, "\n");
				sw_comment(w, "%s -> %s (%s)", t->display, w->where, r->append ? "append" : "merge");
				w->e->table(w, t, r);
				/* a soft delete does not send the row's columns: such a route always
				 * takes the general form */
				w->partial = !o->full_rows || r->deletes == CDC_IR_DEL_SOFT;
				if (o->load && w->e->load) {
					sw_puts(w, "\n-- per batch, in the transaction that writes the checkpoint:\n");
					w->e->load(w, t, r);
				}
				sql_writer_route(w, NULL, NULL);
				cdc_buf_free(&rn);
			}
		}
		if (o->load && w->e->checkpoint) {
			sw_puts(w, "\n-- per batch, last, in the same transaction:\n");
			w->e->checkpoint(w);
		}
	}
	if (ntargets == 0) {
		sw_puts(w, "\n");
		sw_comment(w, "no %s target in this pipeline%s%s", words[d], o->target ? " named " : "", o->target ? o->target : "");
	}
	return !w->failed;
}

/* ---- for the runtime --------------------------------------------------------------------- */

static void
runtime_writer(sqlw *w, cdc_dialect d, const cdc_ir *ir, int target, bool full_rows, const cdc_sql_parts *out,
               cdc_buf *errors)
{
	cdc_sql_opts o = {NULL, NULL, true, full_rows};
	sql_writer_init(w, out->stage, d, ir, &o, errors);
	sql_writer_target(w, &ir->targets[target]);
	w->sections[SQL_PART_STAGE] = out->stage;
	w->sections[SQL_PART_LOAD] = out->load;
	w->sections[SQL_PART_APPLY] = out->apply;
}

bool
cdc_sql_route_batch(cdc_dialect d, const cdc_ir *ir, const cdc_ir_table *t, const cdc_ir_route *r, bool full_rows,
                    const cdc_sql_parts *out, cdc_buf *errors)
{
	sqlw W, *w = &W;
	runtime_writer(w, d, ir, r->target, full_rows, out, errors);
	w->partial = !full_rows || r->deletes == CDC_IR_DEL_SOFT;
	w->e->load(w, t, r);
	return !w->failed;
}

bool
cdc_sql_route_ahead(cdc_dialect d, const cdc_ir *ir, const cdc_ir_table *t, const cdc_ir_route *r, bool full_rows,
                    const char *schema, const char *name, const cdc_sql_parts *out, cdc_buf *errors)
{
	sqlw W, *w = &W;
	runtime_writer(w, d, ir, r->target, full_rows, out, errors);
	if (d != CDC_DIALECT_POSTGRES) {
		sw_fail(w, "cdcc run does not load %s batches ahead", words[d]);
		return false;
	}
	w->partial = !full_rows || r->deletes == CDC_IR_DEL_SOFT;
	w->ahead_schema = schema;
	w->ahead_name = name;
	w->e->load(w, t, r);
	return !w->failed;
}

bool
cdc_sql_route_snapshot(cdc_dialect d, const cdc_ir *ir, const cdc_ir_table *t, const cdc_ir_route *r,
                       const cdc_sql_parts *out, cdc_buf *errors)
{
	sqlw W, *w = &W;
	runtime_writer(w, d, ir, r->target, true, out, errors);
	if (!w->e->snapshot) {
		sw_fail(w, "cdcc run does not load %s targets yet", words[d]);
		return false;
	}
	w->e->snapshot(w, t, r);
	return !w->failed;
}

bool
cdc_sql_target_writes(cdc_dialect d, const cdc_ir *ir, int target, const cdc_sql_parts *out, cdc_buf *errors)
{
	sqlw W, *w = &W;
	runtime_writer(w, d, ir, target, false, out, errors);
	w->e->checkpoint(w);
	return !w->failed;
}
