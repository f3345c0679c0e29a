/*
 * compiler/sql.c — `cdcc ddl`: the driver over the dialect emitters, and what they share
 * (see sql.h and sql_int.h).
 */
#include "compiler/sql_int.h"
#include "runtime/typeids.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
	/* standard SQL: a quote is doubled.  MySQL also treats \ as an escape in strings
	 * (unless NO_BACKSLASH_ESCAPES), so there a backslash is doubled too. */
	cdc_buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || (*s == '\\' && d == CDC_DIALECT_MYSQL))
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
sw_string(sqlw *w, const char *s)
{
	cdc_sql_string(w->b, w->d, s);
}

void
sw_fail(sqlw *w, const char *fmt, ...)
{
	if (w->failed)
		return;   /* the first problem is the one reported */
	w->failed = true;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->why, w->whylen, fmt, ap);
	va_end(ap);
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
	return r->soft >= 0 && i == r->soft && i >= t->nout;
}

/* ---- what the dialects share ---------------------------------------------------------- */

void
sw_stage_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *create, stage_type_fn *stage_type)
{
	sw_printf(w, "%s ", create);
	sw_ident(w, SQL_STAGE);
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
		if (stage_type)
			stage_type(w, r->cols[i].type, sw_is_key(r, i), r->cols[i].name);
		else
			sw_type(w, r->cols[i].type, sw_is_key(r, i), r->cols[i].name);
	}
	sw_puts(w, "\n);\n");
}

void
sw_unchanged(sqlw *w, const char *alias, int p)
{
	sw_printf(w, "CASE WHEN SUBSTRING(COALESCE(%s.", alias);
	sw_ident(w, SQL_UNCH);
	sw_printf(w, ", ''), %d, 1) = '1' THEN 1 ELSE 0 END", p);
}

/* PARTITION BY the key, where a key with a NULL is never equal to another (as in SQL's
 * = of a MERGE): such a change is a partition of its own. */
static void
partition(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_puts(w, "PARTITION BY ");
	for (int k = 0; k < r->nkey; k++) {
		sw_puts(w, "s.");
		sw_ident(w, t->out[r->key[k]].name);
		sw_puts(w, ", ");
	}
	sw_puts(w, "CASE WHEN ");
	for (int k = 0; k < r->nkey; k++) {
		if (k)
			sw_puts(w, " OR ");
		sw_puts(w, "s.");
		sw_ident(w, t->out[r->key[k]].name);
		sw_puts(w, " IS NULL");
	}
	sw_puts(w, " THEN s.");
	sw_ident(w, SQL_SEQ);
	sw_puts(w, " END");
}

void
sw_collapse(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *create_as)
{
	sw_printf(w, "%s ", create_as);
	sw_ident(w, SQL_BATCH);
	sw_puts(w, " AS\nSELECT * FROM (\n  SELECT ");
	for (int k = 0; k < r->nkey; k++) {
		sw_puts(w, "s.");
		sw_ident(w, t->out[r->key[k]].name);
		sw_puts(w, ", ");
	}
	sw_puts(w, "s.");
	sw_ident(w, SQL_OP);
	sw_puts(w, ",\n    ROW_NUMBER() OVER (");
	partition(w, t, r);
	sw_puts(w, " ORDER BY s.");
	sw_ident(w, SQL_SEQ);
	sw_puts(w, " DESC) AS ");
	sw_ident(w, SQL_RN);
	sw_puts(w, ",\n    MAX(CASE WHEN s.");
	sw_ident(w, SQL_OP);
	sw_puts(w, " <> 'D' THEN 1 ELSE 0 END) OVER (");
	partition(w, t, r);
	sw_puts(w, ") AS ");
	sw_ident(w, SQL_UPS);
	for (int i = 0; i < r->ncols; i++) {
		if (sw_is_key(r, i) || sw_is_flag(t, r, i))
			continue;
		/* the latest value sent for the column (a change that did not send it, TOAST,
		 * sorts last), and whether no change of the batch sent it */
		sw_puts(w, ",\n    FIRST_VALUE(s.");
		sw_ident(w, r->cols[i].name);
		sw_puts(w, ") OVER (");
		partition(w, t, r);
		sw_puts(w, " ORDER BY ");
		sw_unchanged(w, "s", i + 1);
		sw_puts(w, ", s.");
		sw_ident(w, SQL_SEQ);
		sw_puts(w, " DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS ");
		sw_ident(w, r->cols[i].name);
		sw_puts(w, ",\n    MIN(");
		sw_unchanged(w, "s", i + 1);
		sw_puts(w, ") OVER (");
		partition(w, t, r);
		sw_printf(w, ") AS ");
		char u[32];
		snprintf(u, sizeof u, "_cdc_u%d", i + 1);
		sw_ident(w, u);
	}
	sw_puts(w, "\n  FROM ");
	sw_ident(w, SQL_STAGE);
	sw_puts(w, " s");
	if (r->deletes == CDC_IR_DEL_IGNORE) {
		sw_puts(w, "\n  WHERE s.");
		sw_ident(w, SQL_OP);
		sw_puts(w, " <> 'D'");
	}
	sw_puts(w, "\n) x\nWHERE x.");
	sw_ident(w, SQL_RN);
	sw_puts(w, " = 1;\n");
}

void
sw_value(sqlw *w, const cdc_ir_route *r, int i, const char *otherwise, const char *wrap)
{
	char u[32];
	snprintf(u, sizeof u, "_cdc_u%d", i + 1);
	sw_puts(w, "CASE WHEN b.");
	sw_ident(w, u);
	sw_printf(w, " = 1 THEN %s", otherwise);
	if (strcmp(otherwise, "NULL") != 0)
		sw_ident(w, r->cols[i].name);
	sw_printf(w, " ELSE %s%sb.", wrap ? wrap : "", wrap ? "(" : "");
	sw_ident(w, r->cols[i].name);
	sw_printf(w, "%s END", wrap ? ")" : "");
}

void
sw_key_match(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, const char *ta, const char *ba)
{
	for (int k = 0; k < r->nkey; k++) {
		if (k)
			sw_puts(w, " AND ");
		sw_printf(w, "%s.", ta);
		sw_ident(w, t->out[r->key[k]].name);
		sw_printf(w, " = %s.", ba);
		sw_ident(w, t->out[r->key[k]].name);
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

static bool
wanted_table(const cdc_sql_opts *o, const cdc_ir_table *t)
{
	return !o->table || strcmp(o->table, t->display) == 0;
}

bool
cdc_sql_emit(cdc_buf *out, cdc_dialect d, const cdc_ir *ir, const cdc_sql_opts *o, char *why, size_t whylen)
{
	const cdc_sql_emitter *e = emitters[d];
	sqlw W = {out, d, ir, NULL, false, why, whylen}, *w = &W;
	why[0] = '\0';
	int ntargets = 0;
	sw_printf(w, "-- cdcc ddl --dialect %s: pipeline %s, from %s (sha256 %.12s)\n", words[d], ir->pipeline, ir->file,
	          ir->sha256);
	sw_puts(w, "-- generated: review it, keep it with the pipeline, do not edit it by hand\n");
	for (int ti = 0; ti < ir->ntargets; ti++) {
		const cdc_ir_target *tg = &ir->targets[ti];
		if (!cdc_dialect_serves(d, tg->kind) || (o->target && strcmp(o->target, tg->name) != 0))
			continue;
		ntargets++;
		w->tg = tg;
		sw_printf(w, "\n-- ==== target %s (%s) ====\n", tg->name, tg->kind);
		if (d == CDC_DIALECT_ATHENA && strcmp(tg->kind, "files") == 0) {
			sw_puts(w, "-- a local folder, not S3: Athena cannot read it, so there is no table to create\n");
			continue;
		}
		e->runtime(w);
		for (int i = 0; i < ir->ntables; i++) {
			const cdc_ir_table *t = &ir->tables[i];
			if (!wanted_table(o, t))
				continue;
			for (int k = 0; k < t->nroutes; k++) {
				const cdc_ir_route *r = &t->routes[k];
				if (r->target != ti)
					continue;
				sw_printf(w, "\n-- %s -> %s", t->display, tg->name);
				if (r->schema)
					sw_printf(w, ".%s", r->schema);
				sw_printf(w, ".%s (%s)\n", r->name, r->append ? "append" : "merge");
				e->table(w, t, r);
				if (o->load && e->load) {
					sw_puts(w, "\n-- per batch, in the transaction that writes the checkpoint:\n");
					e->load(w, t, r);
				}
			}
		}
		if (o->load && e->checkpoint) {
			sw_puts(w, "\n-- per batch, last, in the same transaction:\n");
			e->checkpoint(w);
		}
	}
	if (ntargets == 0) {
		sw_printf(w, "\n-- no %s target in this pipeline%s%s\n", words[d], o->target ? " named " : "",
		          o->target ? o->target : "");
	}
	return !w->failed;
}
